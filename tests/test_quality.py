"""Garbage text-layer detection (ingest.quality)."""

from __future__ import annotations

import time
import unicodedata

import pytest

from ingest.quality import (
    is_vietnamese_syllable,
    text_layer_is_garbage,
    text_stats,
    vietnamese_syllable_share,
)

# ---------------------------------------------------------------- syllables

SYLLABLES = [
    # onsets incl. digraphs/trigraphs, with the spelling rules
    ("nghiêng", True),
    ("nghị", True),
    ("ghế", True),
    ("khuyến", True),
    ("quyết", True),
    ("quốc", True),
    ("giữa", True),
    ("gì", True),
    ("gìn", True),
    ("người", True),
    ("trưởng", True),
    ("phủ", True),
    ("đồng", True),
    ("kỹ", True),
    ("kỳ", True),
    ("huỳnh", True),
    ("oanh", True),
    ("khuya", True),
    ("thuở", True),
    ("xoong", True),
    ("ý", True),
    ("yêu", True),
    ("ở", True),
    ("được", True),
    ("hoà", True),  # old-style tone placement
    ("hòa", True),
    ("CHÍNH", True),  # case-insensitive
    ("Ủy", True),
    # not Vietnamese
    ("ceng", False),  # c before e must be k
    ("kan", False),  # k before a must be c
    ("ghá", False),  # gh before a must be g
    ("ngien", False),  # ng before i must be ngh
    ("viet", False),  # stop coda without sắc/nặng
    ("hoàt", False),  # stop coda with huyền
    ("ảá", False),  # two tone marks
    ("xyz", False),
    ("hello", False),
    ("aaa", False),
    ("strong", False),
    ("qa", False),
    ("ldm", False),
    ("ugr", False),
]


@pytest.mark.parametrize("word,expected", SYLLABLES)
def test_is_vietnamese_syllable(word, expected):
    assert is_vietnamese_syllable(word) is expected


def test_decomposed_input_is_normalised():
    assert is_vietnamese_syllable(unicodedata.normalize("NFD", "nghiệp"))


SHARES = [
    ("Căn cứ Luật Tổ chức Chính phủ", 1.0),
    ("UBND tỉnh Lâm Đồng; TTHC; QĐ", 1.0),  # abbreviations neutral
    ("Số: 335/2025/NĐ-CP, ngày 21/12/2025", 1.0),  # digits excluded
    ("ceng ceng hoa hoa", 0.5),
    ("Nguy6n V6n", 0.0),  # digits inside words: OCR garbage
    ("", 0.0),
    ("12 345 6,7", 0.0),  # nothing scored
]


@pytest.mark.parametrize("text,share", SHARES)
def test_vietnamese_syllable_share(text, share):
    assert vietnamese_syllable_share(text) == pytest.approx(share)


def test_neutral_tokens_are_not_scored():
    st = text_stats("a) Ủy ban nhân dân; b) HĐND, UBND cấp xã; c) QH15, km2, 5G")
    # a is a syllable; b, c, HĐND, UBND, QH15, km2, 5G are neutral
    assert st.scored == 7  # a, Ủy, ban, nhân, dân, cấp, xã
    assert st.valid == 7


# ---------------------------------------------------------------- garbage

REAL_VIETNAMESE = [
    # sentences written for these tests
    "Ủy ban nhân dân tỉnh giao Sở Nội vụ chủ trì, phối hợp với các cơ quan liên quan "
    "tổng hợp kết quả đánh giá, báo cáo trước ngày 20 tháng 11 năm 2025.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 12/2025/QĐ-UBND          Hà Nội, ngày 21 tháng 12 năm 2025",
    "Điều 3. Giải thích từ ngữ\nTrong Nghị định này, các từ ngữ dưới đây được hiểu như sau: "
    "cơ quan trực tiếp sử dụng công chức là đơn vị cấu thành của cơ quan sử dụng công chức.",
    # report with many figures and abbreviations
    "Năm 2024, tỉnh đã giải quyết 12.345/12.400 hồ sơ TTHC, đạt 99,56%; chỉ số PAR INDEX "
    "đạt 85,3/100 điểm, SIPAS đạt 86,2%, PAPI xếp hạng 15/63 tỉnh, thành phố.",
    # a table page: mostly numbers
    "STT Đơn vị Tổng số Đúng hạn Tỷ lệ\n1 Sở Tư pháp 120 118 98,3%\n2 Sở Nội vụ 95 95 100%\n"
    "3 Sở Tài chính 210 205 97,6%\n4 UBND xã 1.024 1.001 97,8%\nTổng cộng 1.449 1.419 97,9%",
    # only numbers: nothing to judge, not garbage
    "1 2 3 4 5 6 7 8 9 10\n2.5 2.5 2.5 30\n25/12/2025",
    # page number only
    "2",
    # a few (cid:N) inside a long real page are tolerated
    "Căn cứ Luật Tổ chức chính quyền địa phương (cid:3) ngày 16 tháng 6 năm 2025; theo đề nghị "
    "của Giám đốc Sở Nội vụ, Ủy ban nhân dân tỉnh ban hành quyết định về việc công bố danh mục "
    "thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực công chức, viên chức.",
    # glyph-dropping text layer (bold headings lose letters) is still real text
    "C N P Ủ  NG Ị ĐỊN  Quy định về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước",
]

GARBAGE = [
    "",
    "   \n\t  \n",
    "(cid:16)(cid:17)(cid:18)(cid:19)(cid:20)",
    "(cid:3)(cid:4) (cid:5)(cid:6)(cid:7) 12 (cid:8)(cid:9)(cid:10)(cid:11) (cid:12)",
    # an OCR layer made without a Vietnamese model
    "uY BAN NgAN nAN ceNG HoA xA ugr cuu xcuia vrET NAM\nTINH LAMDONG DQc l$p - Tg do - H4nh phric",
    "Nguy6n V6n A - Ph6 Chr tich UBND tinh d6 chri tri bu6i ldm vi6c nghe b6o c6o kiit qu6 "
    "vd gidi phip n6ng cao c6c chi s6 trong thdi gian t6i",
    # Vietnamese with the diacritics stripped is no use for extraction
    "Cong hoa xa hoi chu nghia Viet Nam Doc lap Tu do Hanh phuc Uy ban nhan dan tinh Lam Dong",
    # not Vietnamese at all
    "This page carries a text layer written in English without any Vietnamese words in it.",
    # TCVN3 (legacy 8-bit) text read as Latin-1: callers must convert before asking
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam §éc lËp - Tù do - H¹nh phóc ChÝnh phñ quy ®Þnh",
]


@pytest.mark.parametrize("text", REAL_VIETNAMESE)
def test_real_vietnamese_is_not_garbage(text):
    assert text_layer_is_garbage(text) is False


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_detected(text):
    assert text_layer_is_garbage(text) is True


def test_mixed_case_garbage_with_valid_syllables():
    # every token is a syllable once case-folded; the case pattern gives it away
    text = "uY BaN NgAN nAN HoA cHuNG NgAy ThAnG NaM " * 3
    assert vietnamese_syllable_share(text) > 0.9
    assert text_layer_is_garbage(text)


def test_scoring_is_fast():
    block = (
        "Điều 12. Tiêu chí đánh giá công chức giữ chức vụ lãnh đạo, quản lý: kết quả thực hiện "
        "nhiệm vụ của cơ quan, tổ chức, đơn vị được giao phụ trách; năng lực tập hợp, đoàn kết; "
        "UBND tỉnh, TTHC, QĐ-UBND số 1.004227, đạt 98,5%; khuyến khích, nghiêng về quyết định. \n"
    )
    text = block * (1_000_000 // len(block.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 1_000_000
    start = time.perf_counter()
    share = vietnamese_syllable_share(text)
    elapsed = time.perf_counter() - start
    assert share > 0.95
    assert elapsed < 1.0, f"{elapsed:.2f} s for 1 MB"
