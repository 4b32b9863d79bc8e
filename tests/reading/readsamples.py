"""Small articles of our own, shaped like scraped news: a title line, a lead line and the
whole body on one long line (the shape of the vinews corpus). Written for these tests."""

from __future__ import annotations

BODY_1 = (
    "Theo Cục An ninh mạng, trong quý I/2024 đã ghi nhận 1.250 vụ lừa đảo qua mạng xã hội, "
    "tăng 12% so với cùng kỳ năm trước. Các đối tượng thường giả danh nhân viên ngân hàng, "
    "yêu cầu người dân liên hệ qua đường dây nóng giả và đăng nhập vào trang web giả mạo để "
    "đăng ký nhận quà. Nhiều người đã mất tiền sau khi làm theo hướng dẫn. Cơ quan chức năng "
    "khuyến cáo người dân không cung cấp mã OTP cho bất kỳ ai, kể cả người xưng là cán bộ "
    "tòa soạn hay nhân viên quảng cáo, và liên hệ ngay với công an khi nghi ngờ bị lừa."
)
BODY_2 = (
    "Sáng 12/3, Công an tỉnh Bình Dương cho biết đã triệt phá một đường dây đánh bạc trực "
    "tuyến với số tiền giao dịch khoảng 2.000 tỷ đồng. Các đối tượng lập hàng chục trang web, "
    "thuê máy chủ ở nước ngoài và dùng tài khoản ngân hàng của người khác để nhận tiền. Lực "
    "lượng chức năng đã thu giữ 35 máy tính, 80 điện thoại và tạm giữ 17 người liên quan."
)
BODY_3 = (
    "Một khảo sát mới cho thấy khoảng 70% phụ huynh lo ngại con em gặp nguy hiểm trên mạng. "
    "Các chuyên gia đề nghị nhà trường dạy kỹ năng an toàn số từ bậc tiểu học, đồng thời "
    "hướng dẫn cha mẹ cài đặt công cụ kiểm soát và trò chuyện thường xuyên với trẻ."
)

ARTICLES = [
    {
        "id": "bai-1",
        "title": "Lừa đảo qua mạng tăng mạnh trong quý I",
        "date": "2024-04-02",
        "outlet": "Báo Thử Nghiệm",
        "url": "https://vi-du.vn/bai-1",
        "text": "Lừa đảo qua mạng tăng mạnh trong quý I\n"
        "Số vụ lừa đảo trực tuyến tiếp tục tăng.\n" + BODY_1,
    },
    {
        "id": "bai-2",
        "title": "Triệt phá đường dây đánh bạc trực tuyến",
        "date": "2024-03-12",
        "outlet": "Tin Mẫu",
        "url": "https://vi-du.vn/bai-2",
        "text": "Triệt phá đường dây đánh bạc trực tuyến\nĐường dây có quy mô lớn.\n" + BODY_2,
    },
    {
        "id": "bai-3",
        "title": "Phụ huynh lo con gặp nguy trên mạng",
        "date": "2024-05-20",
        "outlet": "Báo Thử Nghiệm",
        "url": "https://vi-du.vn/bai-3",
        "text": "Phụ huynh lo con gặp nguy trên mạng\nKhảo sát mới công bố.\n" + BODY_3,
    },
]


def words(text: str) -> int:
    import re

    return len(re.findall(r"\w+", text))
