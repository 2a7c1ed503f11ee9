"""rasoat.gazetteer: casing, header blocks, gazetteer resolution, symbols, existence on a date."""

from __future__ import annotations

from datetime import date

import pytest

from rasoat.gazetteer import (
    body_exists_on,
    issuer_from_symbol,
    issuers_from_symbol,
    normal_case,
    resolve_issuer,
    split_issuer_lines,
)


@pytest.mark.parametrize(
    "upper, expected",
    [
        ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("UBND TỈNH BẮC KẠN", "Ủy ban nhân dân tỉnh Bắc Kạn"),
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("BỘ TÀI CHÍNH", "Bộ Tài chính"),
        ("CHÍNH PHỦ", "Chính phủ"),
        ("HỘI ĐỒNG NHÂN DÂN HUYỆN TUẦN GIÁO", "Hội đồng nhân dân huyện Tuần Giáo"),
        ("VĂN PHÒNG CHÍNH PHỦ", "Văn phòng Chính phủ"),
        ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ tướng Chính phủ"),
        ("QUỐC HỘI", "Quốc hội"),
        ("UỶ BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("UBND TP. HỒ CHÍ MINH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội"),
        ("HĐND TỈNH THANH HOÁ", "Hội đồng nhân dân tỉnh Thanh Hóa"),
        ("UBND TỈNH KHÁNH HOÀ", "Ủy ban nhân dân tỉnh Khánh Hòa"),
        ("UBND TỈNH BÀ RỊA-VŨNG TÀU", "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu"),
        ("UBND THỪA THIÊN HUẾ", "Ủy ban nhân dân Thừa Thiên Huế"),
        ("BỘ CÔNG THƯƠNG", "Bộ Công Thương"),
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("BỘ VĂN HOÁ, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
        ("BỘ LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI", "Bộ Lao động - Thương binh và Xã hội"),
        ("BỘ KẾ HOẠCH VÀ ĐẦU TƯ", "Bộ Kế hoạch và Đầu tư"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
        ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Sở Nông nghiệp và Môi trường"),
        ("CỤC KIỂM TRA VĂN BẢN", "Cục Kiểm tra văn bản"),
        ("CỤC KIỂM TRA VĂN BẢN VÀ QUẢN LÝ XỬ LÝ VI PHẠM HÀNH CHÍNH",
         "Cục Kiểm tra văn bản và Quản lý xử lý vi phạm hành chính"),
        ("VĂN PHÒNG UBND TỈNH QUẢNG BÌNH", "Văn phòng Ủy ban nhân dân tỉnh Quảng Bình"),
        ("THANH TRA TỈNH THANH HOÁ", "Thanh tra tỉnh Thanh Hóa"),
        ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "Chủ tịch Ủy ban nhân dân tỉnh Nghệ An"),
        ("BẢO HIỂM XÃ HỘI TỈNH NGHỆ AN", "Bảo hiểm xã hội tỉnh Nghệ An"),
        ("VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI VÀ HĐND TỈNH LÀO CAI",
         "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Lào Cai"),
        ("PHÒNG TƯ PHÁP QUẬN 3", "Phòng Tư pháp quận 3"),
        ("UBND HUYỆN TUẦN GIÁO, TỈNH ĐIỆN BIÊN", "Ủy ban nhân dân huyện Tuần Giáo, tỉnh Điện Biên"),
        ("TÒA ÁN NHÂN DÂN TỐI CAO", "Tòa án nhân dân tối cao"),
        ("ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
        ("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM", "Ngân hàng Nhà nước Việt Nam"),
        ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH AN GIANG", "Trung tâm Phục vụ hành chính công tỉnh An Giang"),
        ("ủy ban nhân dân tỉnh lâm đồng", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("  UBND   TỈNH  LÂM ĐỒNG ", "Ủy ban nhân dân tỉnh Lâm Đồng"),
        ("", ""),
    ],
)
def test_normal_case(upper, expected):
    assert normal_case(upper) == expected


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"], ("Ủy ban nhân dân tỉnh Lâm Đồng", None)),
        (["UBND TỈNH LÂM ĐỒNG", "SỞ TƯ PHÁP"], ("Sở Tư pháp", "Ủy ban nhân dân tỉnh Lâm Đồng")),
        (["CHÍNH PHỦ"], ("Chính phủ", None)),
        (["BỘ TÀI CHÍNH"], ("Bộ Tài chính", None)),
        (["HỘI ĐỒNG NHÂN DÂN", "TỈNH THANH HÓA"], ("Hội đồng nhân dân tỉnh Thanh Hóa", None)),
        (["VĂN PHÒNG CHÍNH PHỦ"], ("Văn phòng Chính phủ", None)),
        (["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"], ("Sở Nội vụ", "Ủy ban nhân dân tỉnh Lâm Đồng")),
        (["BỘ TƯ PHÁP", "CỤC KIỂM TRA VĂN BẢN"], ("Cục Kiểm tra văn bản", "Bộ Tư pháp")),
        # noise lines are ignored
        (["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "-------", "Số: 12/QĐ-UBND"], ("Ủy ban nhân dân tỉnh Lâm Đồng", None)),
        (["UBND TỈNH BẮC KẠN", "_______", "Số: 45/BC-UBND"], ("Ủy ban nhân dân tỉnh Bắc Kạn", None)),
        # left and right columns merged by text extraction
        (["ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH LÂM ĐỒNG Độc lập - Tự do - Hạnh phúc"],
         ("Ủy ban nhân dân tỉnh Lâm Đồng", None)),
        # two bodies on one line
        (["UBND TỈNH LÂM ĐỒNG SỞ TƯ PHÁP"], ("Sở Tư pháp", "Ủy ban nhân dân tỉnh Lâm Đồng")),
        (["UBND THÀNH PHỐ HẢI PHÒNG", "SỞ Y TẾ"], ("Sở Y tế", "Ủy ban nhân dân thành phố Hải Phòng")),
        (["UBND THÀNH PHỐ HẢI PHÒNG SỞ Y TẾ"], ("Sở Y tế", "Ủy ban nhân dân thành phố Hải Phòng")),
        (["UBND HUYỆN TUẦN GIÁO PHÒNG TƯ PHÁP"], ("Phòng Tư pháp", "Ủy ban nhân dân huyện Tuần Giáo")),
        (["UBND HUYỆN VỤ BẢN"], ("Ủy ban nhân dân huyện Vụ Bản", None)),
        # names wrapped over lines
        (["BỘ KẾ HOẠCH VÀ", "ĐẦU TƯ"], ("Bộ Kế hoạch và Đầu tư", None)),
        (["SỞ VĂN HÓA,", "THỂ THAO VÀ DU LỊCH"], ("Sở Văn hóa, Thể thao và Du lịch", None)),
        (["VĂN PHÒNG", "ỦY BAN NHÂN DÂN TỈNH", "NGHỆ AN"], ("Văn phòng Ủy ban nhân dân tỉnh Nghệ An", None)),
        (["ỦY BAN NHÂN DÂN HUYỆN", "VỤ BẢN"], ("Ủy ban nhân dân huyện Vụ Bản", None)),
        (["BỘ TÀI CHÍNH", "TỔNG CỤC THUẾ", "CỤC THUẾ TỈNH BẮC NINH"], ("Cục Thuế tỉnh Bắc Ninh", "Tổng cục Thuế")),
        ([], (None, None)),
        (["-----", "   "], (None, None)),
    ],
)
def test_split_issuer_lines(lines, expected):
    assert split_issuer_lines(lines) == expected


@pytest.mark.parametrize(
    "mention, context, on, name, level, province",
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Kạn", None, "Ủy ban nhân dân tỉnh Bắc Kạn", "province", "Tỉnh Bắc Kạn"),
        ("HĐND", "Hội đồng nhân dân tỉnh Nghệ An", None, "Hội đồng nhân dân tỉnh Nghệ An", "province", "Tỉnh Nghệ An"),
        ("Sở Tư pháp", "Ủy ban nhân dân tỉnh Lâm Đồng", None, "Sở Tư pháp tỉnh Lâm Đồng", "province", "Tỉnh Lâm Đồng"),
        ("Bộ KH&ĐT", None, None, "Bộ Kế hoạch và Đầu tư", "central", None),
        ("Bộ GD&ĐT", None, None, "Bộ Giáo dục và Đào tạo", "central", None),
        ("Bộ LĐ-TB&XH", None, None, "Bộ Lao động - Thương binh và Xã hội", "central", None),
        ("Bộ Kế hoạch & Đầu tư", None, None, "Bộ Kế hoạch và Đầu tư", "central", None),
        ("BTC", None, None, "Bộ Tài chính", "central", None),
        ("Bo Tai chinh", None, None, "Bộ Tài chính", "central", None),
        ("Thủ tướng", None, None, "Thủ tướng Chính phủ", "central", None),
        ("UBND TỈNH BẮC CẠN", None, None, "Ủy ban nhân dân tỉnh Bắc Kạn", "province", "Tỉnh Bắc Kạn"),
        ("UBND TP. Hồ Chí Minh", None, None, "Ủy ban nhân dân Thành phố Hồ Chí Minh", "province",
         "Thành phố Hồ Chí Minh"),
        ("UBND thành phố Huế", None, "2025-03-01", "Ủy ban nhân dân thành phố Huế", "province", "Thành phố Huế"),
        ("UBND thành phố Huế", None, "2024-06-01", "Ủy ban nhân dân thành phố Huế", "district", "Tỉnh Thừa Thiên Huế"),
        ("UBND thành phố Lào Cai", None, "2024-06-01", "Ủy ban nhân dân thành phố Lào Cai", "district", None),
        ("UBND huyện Tuần Giáo, tỉnh Điện Biên", None, None, "Ủy ban nhân dân huyện Tuần Giáo", "district",
         "Tỉnh Điện Biên"),
        ("UBND xã Tân Lập", None, None, "Ủy ban nhân dân xã Tân Lập", "commune", None),
        ("Tỉnh Lâm Đồng", None, None, "Tỉnh Lâm Đồng", "province", "Tỉnh Lâm Đồng"),
    ],
)
def test_resolve_issuer(mention, context, on, name, level, province):
    r = resolve_issuer(mention, context, on)
    assert r is not None
    assert (r["name"], r["level"], r["province"]) == (name, level, province)


@pytest.mark.parametrize("mention", ["Công ty TNHH ABC", "", "   ", "Hợp tác xã Bình Minh"])
def test_resolve_issuer_unknown(mention):
    assert resolve_issuer(mention) is None


def test_resolve_issuer_fields():
    r = resolve_issuer("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Kạn", on=date(2025, 7, 15))
    assert r["kind"] == "ubnd"
    assert r["competence_key"] == "ubnd_tinh"
    assert r["valid_until"] == "2025-06-30"
    assert r["exists_on"] is False
    r = resolve_issuer("BKHĐT")
    assert r["successor"] == "Bộ Tài chính" and r["competence_key"] == "bo_truong"


@pytest.mark.parametrize(
    "symbol, expected",
    [
        ("NĐ-CP", "Chính phủ"),
        ("QĐ-TTg", "Thủ tướng Chính phủ"),
        ("TT-BTC", "Bộ Tài chính"),
        ("QH15", "Quốc hội"),
        ("64/2025/QH15", "Quốc hội"),
        ("76/2025/UBTVQH15", "Ủy ban Thường vụ Quốc hội"),
        ("NQ-HĐND", "Hội đồng nhân dân"),
        ("15/2024/QĐ-UBND", "Ủy ban nhân dân"),
        ("12/UBND-VX", "Ủy ban nhân dân"),  # công văn: issuer first
        ("07/2025/L-CTN", "Chủ tịch nước"),
        ("01/2013/TT-UBDT", "Ủy ban Dân tộc"),
        ("23/2025/TT-BNNMT", "Bộ Nông nghiệp và Môi trường"),
        ("01/2018/TT-VKSNDTC", "Viện kiểm sát nhân dân tối cao"),
        ("04/2018/NQ-HĐTP", "Hội đồng Thẩm phán Tòa án nhân dân tối cao"),
        ("136/2012/TTLT-BTC-BTP", "Bộ Tài chính"),
        ("78/2025/ND-CP", "Chính phủ"),  # Đ typed as D
        ("03/VBHN-VPQH", "Văn phòng Quốc hội"),
        ("123/QĐ-XYZ", None),
        ("", None),
    ],
)
def test_issuer_from_symbol(symbol, expected):
    assert issuer_from_symbol(symbol) == expected


def test_issuers_from_joint_symbol():
    assert issuers_from_symbol("01/2011/TTLT-TANDTC-BQP-BNV") == [
        "Tòa án nhân dân tối cao", "Bộ Quốc phòng", "Bộ Nội vụ"]


@pytest.mark.parametrize(
    "name, on, expected",
    [
        ("Ủy ban nhân dân tỉnh Bắc Kạn", "2024-12-01", True),
        ("Ủy ban nhân dân tỉnh Bắc Kạn", "2025-07-15", False),
        ("UBND TỈNH BẮC KẠN", date(2025, 6, 30), True),
        ("Bộ Kế hoạch và Đầu tư", "2025-03-15", False),
        ("Bộ Kế hoạch và Đầu tư", "2025-02-28", True),
        ("Bộ Nông nghiệp và Môi trường", "2025-02-15", False),
        ("Bộ Nông nghiệp và Môi trường", "2025-03-01", True),
        ("Ủy ban Dân tộc", "2025-03-01", False),
        ("Tỉnh Lâm Đồng", "2024-01-01", True),
        ("Tỉnh Lâm Đồng", "2025-08-01", True),
        ("Ủy ban nhân dân tỉnh Lâm Đồng", "2025-08-01", True),
        ("Tỉnh Thừa Thiên Huế", "2024-12-31", True),
        ("Tỉnh Thừa Thiên Huế", "2025-01-01", False),
        ("Thành phố Huế", "2025-01-01", True),
        ("Ủy ban nhân dân Thành phố Hồ Chí Minh", "2025-08-01", True),
        ("Ủy ban nhân dân tỉnh Bình Dương", "2025-08-01", False),
        ("Ủy ban nhân dân huyện Tuần Giáo", "2025-07-15", False),  # no district level after 30/6/2025
        ("Ủy ban nhân dân huyện Tuần Giáo", "2024-07-15", None),  # district names not in the gazetteer
        ("Ủy ban nhân dân thị trấn Mường Ảng", "2025-08-01", False),
        ("Chính phủ", "2024-01-01", True),
        ("Sở Kế hoạch và Đầu tư", "2025-08-01", None),  # provincial merger dates not in the facts
        ("Sở Tư pháp", "2025-08-01", True),
        ("Công ty TNHH ABC", "2024-01-01", None),
    ],
)
def test_body_exists_on(name, on, expected):
    assert body_exists_on(name, on) is expected
