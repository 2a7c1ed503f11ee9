"""The fast PDF path (pdfium character boxes, ``ingest.pdfium``) gives what
the pdfplumber path gives: the same words, page text, regions, tables of the
TTHC document and extraction results, on every sample PDF; and the cases
pdfium does differently are put right or handed to pdfplumber."""

from __future__ import annotations

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from extract import extract
from ingest import pdfium
from ingest.legacy import repair_words
from ingest.pdf import WORD_SETTINGS, may_hold_tables, read_pdf_pages, read_with_pdfplumber
from rasoat.models import SourceDocument, to_dict


def both_paths(path):
    return list(read_pdf_pages(str(path))), list(read_with_pdfplumber(str(path)))


@pytest.fixture(scope="module")
def read_both(sample_pdfs):
    return {stem: both_paths(path) for stem, path in sample_pdfs.items()}


def test_the_samples_have_pages(read_both):
    assert len(read_both) >= 10
    assert all(fast for fast, _ in read_both.values())


def test_page_text_regions_and_furniture_are_identical(read_both):
    for stem, (fast, slow) in read_both.items():
        assert len(fast) == len(slow), stem
        for a, b in zip(fast, slow, strict=True):
            assert ((a.number, a.text, a.regions, a.furniture, a.source)
                    == (b.number, b.text, b.regions, b.furniture, b.source)), (stem, a.number)


def test_tables_of_the_tthc_document_are_identical(read_both):
    fast, slow = read_both["qd-cong-bo-tthc"]
    assert [p.tables for p in fast] == [p.tables for p in slow]
    assert any(p.tables for p in fast)  # the appendix table is there


def test_tables_are_left_out_only_where_no_procedures_table_can_be(read_both):
    for stem, (fast, slow) in read_both.items():
        for a, b in zip(fast, slow, strict=True):
            assert a.tables == b.tables or (a.tables == [] and not may_hold_tables(a.text)), (stem, a.number)


def test_extraction_results_are_identical(read_both, sample_pdfs):
    for stem, (fast, slow) in read_both.items():
        docs = [SourceDocument(path=str(sample_pdfs[stem]), sha256="x", file_name=stem, pages=pages)
                for pages in (fast, slow)]
        assert to_dict(extract(docs[0])) == to_dict(extract(docs[1])), stem


def test_words_match_pdfplumber_words(sample_pdfs):
    for stem, path in sample_pdfs.items():
        doc = pdfium.open_document(str(path))
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                fast = pdfium.page_words(doc[i])
                assert fast is not None, (stem, i)
                slow = page.extract_words(**WORD_SETTINGS)
                words = fast.words()
                assert [w["text"] for w in words] == [w["text"] for w in slow], (stem, i)
                # pdfium advances a few composed glyphs ("ế") by a slightly
                # different width than pdfminer: x drifts along a line, by < 2 pt
                for a, b in zip(words, slow, strict=True):
                    assert abs(a["x0"] - b["x0"]) < 2 and abs(a["x1"] - b["x1"]) < 2, (stem, i, a, b)
                    assert abs(a["top"] - b["top"]) < 0.1 and abs(a["bottom"] - b["bottom"]) < 0.1, (stem, i, a, b)
        doc.close()


# ----------------------------------------------------- what pdfium does differently

@pytest.fixture(scope="module")
def odd_pdf(tmp_path_factory):
    """Page 1: a blank drawn as its own text object between two words 2 pt
    apart (pdfium leaves such an object out); page 2: rotated text."""
    path = tmp_path_factory.mktemp("odd") / "odd.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 12)
    w = stringWidth("ab", "Helvetica", 12)
    c.drawString(100, 700, "ab")
    c.drawString(100 + w, 700, " ")
    c.drawString(100 + w + 2, 700, "cd")
    c.drawString(100, 650, "ef")
    c.drawString(100 + stringWidth("ef", "Helvetica", 12) + 2, 650, "gh")  # no blank: one word, as in pdfplumber
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(100, 700, "Trang xoay")
    c.saveState()
    c.translate(300, 400)
    c.rotate(90)
    c.drawString(0, 0, "dọc")
    c.restoreState()
    c.save()
    return path


def test_a_blank_pdfium_leaves_out_still_ends_a_word(odd_pdf):
    doc = pdfium.open_document(str(odd_pdf))
    fast = pdfium.page_words(doc[0])
    with pdfplumber.open(odd_pdf) as pdf:
        slow = [w["text"] for w in pdf.pages[0].extract_words(**WORD_SETTINGS)]
    assert [w["text"] for w in fast.words()] == slow == ["ab", "cd", "efgh"]


def test_rotated_text_sends_the_page_to_pdfplumber(odd_pdf):
    doc = pdfium.open_document(str(odd_pdf))
    assert pdfium.page_words(doc[1]) is None
    fast, slow = both_paths(odd_pdf)
    assert [p.text for p in fast] == [p.text for p in slow]
    assert "Trang xoay" in fast[1].text


def test_a_damaged_file_is_left_to_pdfplumber(tmp_path, sample_pdfs):
    good = sample_pdfs["cv-so-tu-phap"].read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(good[: len(good) // 2])
    assert pdfium.open_document(str(cut)) is None


# ------------------------------------------------------------- word grouping

def ch(text, x0, top=100.0, width=6.0, font="Times"):
    return (text, x0, x0 + width, top, top + 12.0, font)


@pytest.mark.parametrize(
    "chars, words",
    [
        ([ch("a", 10), ch("b", 16)], ["ab"]),  # touching
        ([ch("a", 10), ch("b", 19)], ["ab"]),  # gap 3: pdfplumber's x_tolerance, still one word
        ([ch("a", 10), ch("b", 19.5)], ["a", "b"]),  # gap 3.5
        ([ch("a", 10), ch(" ", 16), ch("b", 17)], ["a", "b"]),  # a blank ends a word
        ([ch("b", 16), ch("a", 10)], ["ab"]),  # content order does not matter
        ([ch("a", 10, top=100), ch("b", 16, top=102.5)], ["ab"]),  # same line within 3 pt
        ([ch("a", 10, top=100), ch("b", 16, top=104)], ["a", "b"]),  # another line
        ([ch("x", 40, top=100), ch("a", 10, top=110)], ["x", "a"]),  # lines top to bottom
        ([ch("a", 10, top=100), ch("b", 16, top=102), ch("c", 22, top=104)], ["abc"]),  # chained: one line
        ([ch("a", 10, width=8), ch("b", 12)], ["ab"]),  # overlapping glyphs
        ([ch("ﬁ", 10), ch("x", 16)], ["ﬁx"]),  # text as given (ligatures are expanded when read)
    ],
)
def test_group_words(chars, words):
    assert [w["text"] for w in pdfium.group_words(chars)] == words


def test_word_box_is_the_union_of_its_characters():
    (w,) = pdfium.group_words([ch("a", 10, top=100), ch("b", 16, top=101)])
    assert (w["x0"], w["x1"], w["top"], w["bottom"]) == (10, 22, 100, 113)


def test_legacy_font_words_carry_their_fonts_for_the_repair():
    # "Céng hoµ" in .VnTime is "Cộng hoà" (TCVN3)
    chars = [ch(c, 10 + 6 * i, font=".VnTime") for i, c in enumerate("Céng")] + \
            [ch(c, 50 + 6 * i, font=".VnTime") for i, c in enumerate("hoµ")]
    page = pdfium.FastPage(chars=chars, width=600.0)
    assert page.fonts == {".VnTime"}
    assert [w["text"] for w in repair_words(page.words(with_chars=True))] == ["Cộng", "hoà"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1 | 1.004746 | Đăng ký khai sinh", True),  # a TTHC code
        ("STT Mã số TTHC Tên thủ tục hành chính", True),
        ("TT Tên TTHC Số hồ sơ", True),
        ("STT  TÊN THỦ TỤC\nHÀNH CHÍNH", True),
        ("Số liệu về thủ tục hành chính năm 2025", False),  # running text, no table header
        ("Chỉ tiêu | Kết quả | Ghi chú", False),
        ("Điểm đạt 1.5 trên thang 100", False),
    ],
)
def test_which_pages_may_hold_a_procedures_table(text, expected):
    assert may_hold_tables(text) is expected


# ------------------------------------------------------------- a long PDF

def test_a_450_page_pdf_is_ingested_page_by_page(sample_pdfs, tmp_path):
    """The samples' pages repeated to 450 pages in one file: ingested by one
    process, every page stored with its words, and the process stays well
    under a generous memory ceiling (the benchmark measures the real peak)."""
    import os
    import sqlite3
    import subprocess
    import sys

    from rasoat.bench import make_long_pdf

    sources = sorted(sample_pdfs.values())
    big = make_long_pdf(sources, 450, tmp_path / "dai.pdf")
    db = tmp_path / "dai.db"
    proc = subprocess.Popen([sys.executable, "-m", "rasoat.cli", "ingest", str(big), "--db", str(db), "--workers", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, proc.stderr.read()
    assert usage.ru_maxrss < 1024 * 1024  # KiB: under 1 GiB

    source_pages = [p for path in sources for p in read_pdf_pages(str(path))]
    conn = sqlite3.connect(db)
    assert conn.execute("select pages, error from documents").fetchall() == [(450, None)]
    stored = conn.execute("select page, text from pages order by page").fetchall()
    conn.close()
    assert [n for n, _ in stored] == list(range(1, 451))
    for n, text in stored:  # the same words as the page it copies (the layout of page 1 differs)
        assert sorted(text.split()) == sorted(source_pages[(n - 1) % len(source_pages)].text.split()), n
