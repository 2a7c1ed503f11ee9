"""OCR words with wrong marks put right from the word lists, only when doubted and settled by context."""

from __future__ import annotations

import pytest

from ingest.ocr import OcrWord
from ingest.ocrfix import correct_words


def _line(spec: str, line: int = 1) -> list[OcrWord]:
    """"kế[96] hoạch[96] kiếm[70]" → OCR words on one line with those confidences ("kiếm,[70]": text "kiếm,")."""
    words = []
    for k, item in enumerate(spec.split()):
        text, conf = item.rstrip("]").split("[")
        words.append(OcrWord(text=text, x0=10.0 * k, top=0.0, x1=10.0 * k + 8, bottom=8.0, conf=float(conf),
                             block=1, par=1, line=line))
    return words


# Another line of the same page, read with confidence: the page itself writes these phrases.
PAGE = ("công[96] tác[96] kiểm[96] tra[96] và[96] cải[96] cách[96] hành[96] chính[96] của[96] Chính[96] phủ[96] "
        "Tỉnh[96] ủy[96] viên[96] tài[96] khoản[96] tìm[96] kiếm[96]")


@pytest.mark.parametrize(
    "spec, expected",
    [
        # a doubted word whose mark is wrong, settled by a sure neighbour
        ("kế[96] hoạch[96] kiếm[70] tra[95] năm[96] 2024[95]", "kế hoạch kiểm tra năm 2024"),
        ("đồng[96] chí[96] Tỉnh[95] úy[61] viên[96]", "đồng chí Tỉnh ủy viên"),
        ("BAN[96] CHỈ[95] ĐẠO[96] CAI[70] CÁCH[95]", "BAN CHỈ ĐẠO CẢI CÁCH"),
        ("của[70] Chính[88] phu.[60]", "của Chính phủ."),  # punctuation kept; "Chính" kept (its context doubtful)
        # near-misses that stay as read
        ("kế[96] hoạch[96] kiếm[96] tra[95]", "kế hoạch kiếm tra"),  # a confident word is trusted
        ("tìm[95] kiếm[70] việc[95] làm[96]", "tìm kiếm việc làm"),  # already makes a word
        ("kiếm,[70] tra[95]", "kiếm, tra"),  # punctuation between: not one phrase
        ("kiếm[70] tra[40]", "kiếm tra"),  # the neighbour is doubtful too
        ("UBND[50] tỉnh[96] 12/QĐ[60]", "UBND tỉnh 12/QĐ"),  # abbreviations and numbers
        ("Ông[96] Trần[95] Văn[96] Hải[70]", "Ông Trần Văn Hải"),  # a name: nothing settles a change
    ],
)
def test_correct_words(spec, expected):
    words = correct_words(_line(spec) + _line(PAGE, line=2))
    assert " ".join(w.text for w in words if w.line == 1) == expected


@pytest.mark.parametrize(
    "spec",
    [
        "kế[96] hoạch[96] kiếm[70] tra[95]",  # the page does not write "kiểm tra" elsewhere
        "quy[96] định[96] tại[70] khoản[96] 2[96]",  # "tài khoản" is a word, but the page does not write it
    ],
)
def test_the_page_must_write_the_correction(spec):
    assert [w.text for w in correct_words(_line(spec))] == [w.text for w in _line(spec)]


def test_a_word_the_page_writes_as_read_stays():
    page = _line("quy[96] định[96] tại[96] khoản[96] 1[96] tài[96] khoản[96]", line=2)
    words = correct_words(_line("quy[96] định[96] tại[70] khoản[96] 2[96]") + page)
    assert words[2].text == "tại"


def test_words_of_other_lines_are_not_context():
    words = _line("kế[96] hoạch[96] kiếm[70]") + [OcrWord("tra", 40, 20, 48, 28, 96.0, block=1, par=1, line=3)]
    words += _line(PAGE, line=2)
    assert [w.text for w in correct_words(words)][:4] == ["kế", "hoạch", "kiếm", "tra"]
