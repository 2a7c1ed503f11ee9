"""Spelling: unknown syllables as info with a suggestion; text-layer damage is not reported word by word."""

import pytest

from rules.fragments import check, make_document
from rules.spelling import known, suggest, syllables


def spelling(text: str):
    return check("SPL001", make_document(body=text))


@pytest.mark.parametrize(
    "text, word, suggestion",
    [
        ("sắp xếp thôn, tổ dân phố trến địa bàn tỉnh; các xã trên địa bàn tỉnh", "trến", "trên"),
        ("thực hiện nhiêm vụ được phân công; hoàn thành nhiệm vụ", "nhiêm", "nhiệm"),
        ("hoàn chỉnh báo cáo kết qủa rà soát", "qủa", "quả"),
        ("công (Xét duyêt, TB kết quả)", "duyêt", "duyệt"),
    ],
)
def test_unknown_syllable_with_suggestion(text, word, suggestion):
    found = spelling(text)
    assert len(found) == 1, found
    f = found[0]
    assert f.severity == "info" and f"\"{word}\"" in f.message and f"\"{suggestion}\"" in f.message
    assert make_document(body=text).source.pages[0].text[f.start : f.end] == word


@pytest.mark.parametrize(
    "text",
    [
        "sắp xếp thôn, tổ dân phố trên địa bàn tỉnh",
        "Hòa Bình và Hoà Bình, thuỷ lợi và thủy lợi",  # both tone placements
        "doanh nghiệp g ửi thông báo đến Phòng đăng ký",  # a syllable split by the text layer
        "Hoàn thành ≥ 95% nhiệm vụ đư\nPhó Trưởng nhóm",  # a word cut at the end of a table cell line
        "cơ quan nhà nƣớc",  # a look-alike letter of a broken font (ƣ for ư)
        "gửi qua email, website và Zalo của Sở",  # foreign words and names are not checked
        "Ông Trến Văn A",  # capitalised: a name
    ],
)
def test_no_spelling_finding(text):
    assert spelling(text) == []


def test_a_page_with_a_broken_text_layer_gives_one_finding():
    text = " ".join(["ửi bản sao ìnhđ ọc ăngk ýx ảy ợpl ệđ ổi ửav ốnđ"] * 3)
    found = spelling(text)
    assert len(found) == 1 and "lớp chữ" in found[0].message


def test_lexicon_comes_from_installed_word_lists():
    assert len(syllables()) > 5000
    assert known("trên") and known("hoà") and not known("trến")


def test_suggestion_prefers_a_word_pair_of_the_document():
    assert suggest("nhiêm", "thực", "vụ", frozenset({("nhiệm", "vụ")})) == "nhiệm"
    assert suggest("nhiêm", None, None, frozenset({("nhiễm", "bệnh")})) in ("nhiệm", "nhiễm")


def test_pages_read_by_ocr_are_not_spell_checked():
    text = "bảo đảm chât lượng, xêp loại"
    assert len(spelling(text)) == 2
    assert check("SPL001", make_document(body=text, source="ocr")) == []


@pytest.mark.parametrize("typed, meant", [("baỏ", "bảo"), ("nghịêm", "nghiệm"), ("qủa", "quả")])
def test_a_mark_on_the_wrong_letter_is_put_right(typed, meant):
    from rules.spelling import suggest

    assert suggest(typed) == meant
