"""Tiny corpora of our own making for the pipeline tests (no real article text)."""

from __future__ import annotations

import pandas as pd
import pytest

PLACES = ["Hà Nội", "Đà Nẵng", "Cần Thơ", "Lào Cai", "Huế", "Nghệ An", "Bình Dương"]
SCHEMES = ["mạo danh ngân hàng", "đầu tư tiền ảo", "tuyển cộng tác viên", "bán hàng trực tuyến"]


def article(k: int) -> str:
    """A short news-like text with figures, names and themes; different for each k."""
    place = PLACES[k % len(PLACES)]
    scheme = SCHEMES[k % len(SCHEMES)]
    return (
        f"Công an tỉnh {place} cho biết đã phát hiện {k + 3} vụ lừa đảo {scheme} qua mạng.\n"
        f"Tổng thiệt hại ước tính hơn {k + 1},5 tỷ đồng, với khoảng {20 * (k + 1)} nạn nhân.\n"
        f"Thượng tá Nguyễn Văn An khuyến cáo người dân cảnh giác với tin nhắn giả mạo. "
        f"Bộ Công an phối hợp với Interpol điều tra đường dây tội phạm mạng số {k}."
    )


def make_frame(n: int, start: int = 0) -> pd.DataFrame:
    ids = [f"bai-{k:03d}" for k in range(start, start + n)]
    return pd.DataFrame(
        {
            "doc_id": ids,
            "title": [f"Cảnh báo lừa đảo {k}" for k in range(start, start + n)],
            "outlet": ["Báo Mẫu" if k % 2 else "Tin Thử" for k in range(start, start + n)],
            "date": pd.to_datetime([f"2024-{1 + k % 12:02d}-15" for k in range(start, start + n)]),
            "url": [f"https://example.org/{i}" for i in ids],
            "text": [article(k) for k in range(start, start + n)],
        }
    )


def write_folder(folder, n: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(n):
        (folder / f"bai-{k:03d}.txt").write_text(article(k), encoding="utf-8")


@pytest.fixture
def txt_folder(tmp_path):
    folder = tmp_path / "bai"
    write_folder(folder, 7)
    return folder
