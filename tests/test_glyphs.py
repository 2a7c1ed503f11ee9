import pytest

from ingest.glyphs import repair_glyphs


@pytest.mark.parametrize(
    "text, expected, damaged",
    [
        ("cơ quan nhà nƣớc", "cơ quan nhà nước", True),
        ("NGƢỜI KÝ", "NGƯỜI KÝ", True),
        ("Quyết định số 117/QĐ\ufffeUBND", "Quyết định số 117/QĐ-UBND", True),
        ("văn bản (cid:16) lỗi", "văn bản (cid:16) lỗi", True),  # cannot be repaired: only marked
        ("cơ quan nhà nước", "cơ quan nhà nước", False),
        ("", "", False),
    ],
)
def test_repair_glyphs(text, expected, damaged):
    fixed, was_damaged = repair_glyphs(text)
    assert fixed == expected and was_damaged == damaged
    assert len(fixed) == len(text)  # spans stay valid


@pytest.mark.parametrize(
    "line, damaged",
    [
        ("CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM", True),  # every H lost
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
        ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),  # old tone placement is not damage
        ("Lâm Đồng, ngày 19 tháng 12 năm 2025", False),  # not the Quốc hiệu at all
    ],
)
def test_quoc_hieu_damage(line, damaged):
    from ingest.glyphs import quoc_hieu_damaged

    assert quoc_hieu_damaged(line) == damaged
