"""Missing spaces in a text layer: glued runs re-spaced from the syllable lexicon, spans moved along;
spaced text, loanwords, abbreviations and names left alone."""

from __future__ import annotations

import pytest

from ingest import repair_page
from ingest.glyphs import respace, shift_span
from rasoat.models import Page

# A page whose small-print lines lost their spaces (our own wording).
GLUED = ("Đề nghị các huyện cử đại biểu dự.\nV/vtổchứchộinghịtổngkết côngtácnăm2024\nNơinhận:\n-SởTàichính;\n"
         "-UBNDcáchuyện,thànhphố;\n-Lưu:VT.")


@pytest.mark.parametrize(
    "text, expected",
    [
        # "cáchuyện": "các huyện" (spaced elsewhere in the text), not "cá chuyện"
        (GLUED, "Đề nghị các huyện cử đại biểu dự.\nV/v tổ chức hội nghị tổng kết công tác năm2024\nNơi nhận:\n"
                "-Sở Tài chính;\n-UBND các huyện, thành phố;\n-Lưu:VT."),
        # capitals and abbreviations glued to words are cut at the case change
        ("THỨTRƯỞNG BỘTÀICHÍNH; KT.CHỦTỊCH; HĐNDtỉnh báocáo ỦybanMTTQViệtNam thựchiện",
         "THỨ TRƯỞNG BỘ TÀI CHÍNH; KT.CHỦ TỊCH; HĐND tỉnh báo cáo Ủy ban MTTQ Việt Nam thực hiện"),
    ],
)
def test_glued_text_is_respaced(text, expected):
    fixed, inserted = respace(text)
    assert fixed == expected
    assert len(fixed) == len(text) + len(inserted)


@pytest.mark.parametrize(
    "text",
    [
        "Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc.",  # spaced text
        # loanwords the lexicon writes in one piece, foreign words, abbreviations, typos: no glued page
        "Khí amiăng, magiê, ôxít và kilôgam; Online, Index, iPhone; QĐ-TTg, UBND, HĐND, BLĐTBXH; kết qủa",
        # one or two glued runs are not enough to call a page glued
        "Báo cáo thựchiện nhiệm vụ năm 2024 của Sở Tài chính.",
        "",
    ],
)
def test_text_that_did_not_lose_its_spaces_stays(text):
    assert respace(text) == (text, [])


@pytest.mark.parametrize(
    "span, inserted, expected",
    [
        ((0, 5), [2, 4], (0, 7)),  # spaces inside the span widen it
        ((3, 8), [3], (4, 9)),  # a space put before the span's first character moves it
        ((0, 3), [3], (0, 3)),  # a space at the span's end stays outside
    ],
)
def test_shift_span(span, inserted, expected):
    assert shift_span(span, inserted) == expected


def test_repair_page_moves_regions_and_marks_the_page():
    header = "SỞTƯPHÁP\nSố: 12/STP-VP"
    body = "Nơinhận:\n-SởTàichính;\n-SởNộivụ;\n-UBNDcáchuyện;\nđề nghị các huyện"
    text = header + "\n" + body
    page = Page(number=1, text=text, regions={"header_left": (0, len(header)), "body": (len(header) + 1, len(text))})
    page = repair_page(page)
    assert page.region("header_left") == "SỞ TƯ PHÁP\nSố: 12/STP-VP"
    assert page.region("body") == "Nơi nhận:\n-Sở Tài chính;\n-Sở Nội vụ;\n-UBND các huyện;\nđề nghị các huyện"
    assert page.damaged


def test_repair_page_leaves_a_spaced_page_alone():
    text = "BỘ TÀI CHÍNH\nSố: 12/BTC-VP\nNơi nhận:\n- Sở Tài chính;"
    page = repair_page(Page(number=1, text=text, regions={"body": (0, len(text))}))
    assert page.text == text and not page.damaged


def test_recipients_block_found_with_its_space_lost():
    from ingest.layout import layout_plain_text

    text = ("Điều 3. Giao Sở Tài chính thực hiện.\n"
            "Nơinhận:                               GIÁM ĐỐC\n- Như Điều 3;\n- Lưu: VT.")
    laid = layout_plain_text(text)
    assert laid.text[slice(*laid.regions["recipients"])].startswith("Nơinhận:")
