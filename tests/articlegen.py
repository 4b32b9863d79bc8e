"""Generated Vietnamese-like news articles with figures, and copies of them, for tests.

Every sentence is assembled here from small word pools we wrote, so two generated
articles share few runs of five words unless one copies the other. Deterministic for a
given seed. No real article text is used.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

OUTLETS = ["Tin Nhanh", "Báo Mạng Số", "Thời Sự 24", "Pháp Luật Hôm Nay", "An Ninh Số",
           "Nhịp Sống Mạng", "Đời Sống Số", "Tin Tức Việt"]  # fmt: skip
PLACES = ["Hà Nội", "TP Hồ Chí Minh", "Đà Nẵng", "Hải Phòng", "Cần Thơ", "Nghệ An",
          "Bình Dương", "Quảng Ninh", "Thanh Hóa", "Lâm Đồng", "Bắc Ninh", "Khánh Hòa"]  # fmt: skip
AGENCIES = ["Bộ Công an", "Cục A05", "Interpol", "Công an tỉnh", "Trung tâm Giám sát",
            "Hiệp hội Ngân hàng", "Viện Nghiên cứu Số"]  # fmt: skip
CRIMES = ["lừa đảo qua mạng", "tấn công mạng", "đánh cắp dữ liệu cá nhân",
          "mã độc tống tiền", "giả danh ngân hàng", "chiếm đoạt tài khoản",
          "đánh bạc trực tuyến", "xâm hại trẻ em trên mạng"]  # fmt: skip
ACTORS = ["các đối tượng", "nhóm tội phạm", "kẻ gian", "một số người nước ngoài",
          "đường dây này", "những kẻ lừa đảo", "nhóm tin tặc", "các nghi phạm"]  # fmt: skip
VERBS = ["lập nhiều trang giả mạo", "gọi điện cho người dân", "gửi tin nhắn chứa liên kết",
         "dụ nạn nhân cài ứng dụng lạ", "mạo danh cơ quan chức năng",
         "quảng cáo việc làm lương cao", "mời đầu tư tiền ảo", "rao bán hàng giá rẻ",
         "chiếm quyền mạng xã hội", "dựng video giả khuôn mặt"]  # fmt: skip
WHEN = ["vào cuối tuần", "trong đêm", "suốt nhiều tháng", "ngay sau kỳ nghỉ",
        "từ đầu mùa hè", "trong dịp lễ", "liên tục nhiều ngày", "vào giờ hành chính"]  # fmt: skip
ADVICE = ["người dân cần cảnh giác với", "ngân hàng khuyến cáo khách hàng không làm theo",
          "chuyên gia đề nghị kiểm tra kỹ", "nhà trường nhắc phụ huynh theo dõi",
          "cơ quan chức năng đề nghị tố giác", "doanh nghiệp được yêu cầu rà soát"]  # fmt: skip
THINGS = ["các cuộc gọi lạ", "đường dẫn không rõ nguồn gốc", "lời mời chuyển tiền",
          "mã xác thực gửi qua tin nhắn", "ứng dụng tải ngoài kho chính thức",
          "tài khoản mạng xã hội của con em"]  # fmt: skip
HEDGES = ["", "hơn ", "khoảng ", "gần ", "trên "]
# outlets listed in cyberlib/data/outlets.csv, for files whose first line names one
REAL_OUTLETS = ["TTXVN", "VTC News", "Tiền Phong", "VnExpress", "Tuổi Trẻ"]


def _words(rng: random.Random, pool: list[str]) -> str:
    return rng.choice(pool)


def _sentence(rng: random.Random) -> str:
    kind = rng.randrange(6)
    place = _words(rng, PLACES)
    if kind == 0:
        return (
            f"Theo {_words(rng, AGENCIES)}, trong năm {rng.randint(2019, 2025)} cả nước ghi "
            f"nhận {rng.choice(HEDGES)}{rng.randint(12, 9000)} vụ {_words(rng, CRIMES)}."
        )
    if kind == 1:
        return (
            f"{_words(rng, ACTORS).capitalize()} ở {place} {_words(rng, VERBS)} "
            f"{_words(rng, WHEN)}, chiếm đoạt {rng.choice(HEDGES)}{rng.randint(2, 900)} "
            f"tỷ đồng của {rng.randint(20, 5000)} người."
        )
    if kind == 2:
        return (
            f"{_words(rng, ADVICE).capitalize()} {_words(rng, THINGS)} "
            f"{_words(rng, WHEN)} tại {place}."
        )
    if kind == 3:
        return (
            f"Tại {place}, {_words(rng, ACTORS)} {_words(rng, VERBS)} rồi "
            f"{_words(rng, VERBS)} {_words(rng, WHEN)}."
        )
    if kind == 4:
        return (
            f"Thiệt hại do {_words(rng, CRIMES)} ước tính {rng.choice(HEDGES)}"
            f"{rng.randint(1, 60)} triệu USD, theo {_words(rng, AGENCIES)}."
        )
    return (
        f"Công an {place} đã khởi tố {rng.randint(2, 40)} bị can vì "
        f"{_words(rng, CRIMES)} sau khi {_words(rng, ACTORS)} {_words(rng, VERBS)}."
    )


def article(rng: random.Random, n_sentences: int | None = None) -> dict:
    """One article: ``title``, ``outlet``, ``date`` (ISO) and ``sentences`` (a list)."""
    n = n_sentences or rng.randint(8, 14)
    crime = _words(rng, CRIMES)
    title = f"{_words(rng, PLACES)}: cảnh báo thủ đoạn {crime} {_words(rng, WHEN)}"
    date = pd.Timestamp("2023-01-01") + pd.Timedelta(days=rng.randrange(900))
    return {
        "title": title,
        "outlet": _words(rng, OUTLETS),
        "date": date.date().isoformat(),
        "sentences": [_sentence(rng) for _ in range(n)],
    }


def text_of(art: dict, outlet_line: bool = True) -> str:
    """The article as a text: title line, an outlet line, then the body."""
    lines = [art["title"]]
    if outlet_line:
        lines.append(f"({art['outlet']})")
    lines.append(" ".join(art["sentences"]))
    return "\n".join(lines)


# --------------------------------------------------------------------------- copies

COPY_KINDS = ["header", "drop", "reorder", "outlet", "header+drop", "reorder+outlet"]


def copy_of(art: dict, kind: str, rng: random.Random) -> dict:
    """A near-duplicate of ``art``: changed header, a dropped sentence, reordered
    sentences, a different outlet line, or two of these (``kind`` joined by ``+``)."""
    new = dict(art, sentences=list(art["sentences"]))
    for part in kind.split("+"):
        if part == "header":
            new["title"] = "Cảnh giác: " + art["title"].lower()
        elif part == "drop":
            new["sentences"].pop(rng.randrange(len(new["sentences"])))
        elif part == "reorder":
            rng.shuffle(new["sentences"])
        elif part == "outlet":
            new["outlet"] = rng.choice([o for o in OUTLETS if o != art["outlet"]])
        else:
            raise ValueError(kind)
    return new


def corpus_with_copies(n_originals: int, seed: int = 0) -> tuple[pd.DataFrame, set]:
    """A corpus of ``n_originals`` articles plus copies of about half of them.

    Returns the frame (``doc_id, date, outlet, title, text``) and the set of true copy
    pairs (sorted tuples of ``doc_id``), every pair of one story's versions included.
    """
    rng = random.Random(seed)
    rows, truth = [], set()
    for i in range(n_originals):
        art = article(rng)
        versions = [(f"a{i:03d}", art)]
        if i % 2 == 0:
            for c in range(1 + (i % 4 == 0)):
                kind = COPY_KINDS[(i // 2 + c) % len(COPY_KINDS)]
                versions.append((f"a{i:03d}-copy{c}", copy_of(art, kind, rng)))
        for doc_id, a in versions:
            row = {"doc_id": doc_id, "date": pd.Timestamp(a["date"]), "outlet": a["outlet"]}
            rows.append({**row, "title": a["title"], "text": text_of(a)})
        ids = [d for d, _ in versions]
        truth |= {tuple(sorted((x, y))) for x in ids for y in ids if x < y}
    return pd.DataFrame(rows), truth


def write_jsonl(path: Path, n: int, seed: int = 0, copies: bool = True) -> Path:
    """Write ``n`` generated articles (some of them copies) as a JSONL corpus file."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        k = 0
        while k < n:
            art = article(rng)
            versions = [art]
            if copies and k % 10 == 0:
                versions.append(copy_of(art, "header+drop", rng))
            for a in versions[: n - k]:
                fh.write(json.dumps({"id": f"bai-{k:05d}", "title": a["title"],
                                     "outlet": a["outlet"], "date": a["date"],
                                     "text": " ".join(a["sentences"])},
                                    ensure_ascii=False) + "\n")  # fmt: skip
                k += 1
    return path


def write_folder(folder: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` generated articles (one in ten followed by a copy) as ``.txt`` files,
    each opening with a ``date YYYY-MM-DD (Outlet)`` line as scraped pages do."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    k = 0
    while k < n:
        art = article(rng)
        versions = [art] + ([copy_of(art, "header+drop", rng)] if k % 10 == 0 else [])
        for a in versions[: n - k]:
            body = " ".join(a["sentences"])
            outlet = REAL_OUTLETS[k % len(REAL_OUTLETS)]  # names load_corpus recognises
            text = f" date {a['date']} ({outlet}) -\n\n{a['title']}\n\n{body}\n"
            (folder / f"bai-{k:05d}.txt").write_text(text, encoding="utf-8")
            k += 1
    return folder


def write_files(folder: str | Path, files: list[tuple[str, bytes]]) -> list[str]:
    """Write ``(suffix, bytes)`` pairs as ``f0<suffix>``, ``f1<suffix>`` … in ``folder``;
    their paths, as str (for property tests that feed any bytes to the readers)."""
    paths = []
    for i, (suffix, data) in enumerate(files):
        path = Path(folder) / f"f{i}{suffix}"
        path.write_bytes(data)
        paths.append(str(path))
    return paths
