"""Tables read through pdfium (``ingest.pdfium.page_edges`` and
``ingest.tables``) are pdfplumber's: the same edges on PDFs drawn here with
reportlab (ruled tables, rectangles, paths inside form XObjects), and the
same tables as ``page.extract_tables`` on every page of the sample PDFs."""

from __future__ import annotations

import pdfplumber
from pdfplumber.table import TableSettings
from reportlab.pdfgen import canvas

from ingest import pdf as ingest_pdf
from ingest import pdfium, tables
from ingest.pdf import page_tables, read_pdf_pages
from rasoat.vntext import nfc

PAGE = (600, 800)  # width, height of the PDFs drawn here


def edge_key(e: dict) -> tuple:
    """An edge as comparable values, rounded: pdfium keeps single-precision floats."""
    return (e["object_type"], e["orientation"] or "-",
            *(round(e[k], 3) for k in ("x0", "x1", "top", "bottom", "width", "height")))


def pdfium_edges(path, index=0) -> list[tuple]:
    doc = pdfium.open_document(str(path))
    try:
        return sorted(edge_key(e) for e in pdfium.page_edges(doc[index]))
    finally:
        doc.close()


def plumber_edges(path, index=0) -> list[tuple]:
    with pdfplumber.open(path) as pdf:
        return sorted(edge_key(e) for e in pdf.pages[index].edges)


def draw(path, paint) -> str:
    c = canvas.Canvas(str(path), pagesize=PAGE)
    paint(c)
    c.showPage()
    c.save()
    return str(path)


# ------------------------------------------------------------------ edges

def test_a_line_is_one_edge_top_down(tmp_path):
    path = draw(tmp_path / "line.pdf", lambda c: c.line(100, 700, 300, 700))
    assert pdfium_edges(path) == [("line", "h", 100, 300, 100, 100, 200, 0)] == plumber_edges(path)


def test_a_rectangle_gives_its_four_sides(tmp_path):
    path = draw(tmp_path / "rect.pdf", lambda c: c.rect(100, 600, 50, 20, fill=1))
    assert pdfium_edges(path) == sorted([
        ("rect_edge", "h", 100, 150, 180, 180, 50, 0),  # top
        ("rect_edge", "h", 100, 150, 200, 200, 50, 0),  # bottom
        ("rect_edge", "v", 100, 100, 180, 200, 0, 20),  # left
        ("rect_edge", "v", 150, 150, 180, 200, 0, 20),  # right
    ]) == plumber_edges(path)


def ruled_table(c, x=72, y=700, widths=(40, 120, 80), heights=(20, 30, 30)) -> None:
    """A table ruled with lines, a word in each cell."""
    right, bottom = x + sum(widths), y - sum(heights)
    top = y
    for h in (0, *heights):
        top -= h
        c.line(x, top, right, top)
    left = x
    for w in (0, *widths):
        left += w
        c.line(left, y, left, bottom)
    c.setFont("Helvetica", 10)
    top = y
    for r, h in enumerate(heights):
        left = x
        for k, w in enumerate(widths):
            c.drawString(left + 3, top - 14, f"r{r}c{k}")
            left += w
        top -= h


def test_a_ruled_table_has_pdfplumbers_edges(tmp_path):
    path = draw(tmp_path / "table.pdf", ruled_table)
    edges = pdfium_edges(path)
    assert len(edges) == 4 + 4  # four rules each way
    assert edges == plumber_edges(path)


def test_paths_inside_form_xobjects_are_moved_by_every_matrix(tmp_path):
    def paint(c):
        c.beginForm("rules")
        c.saveState()
        c.translate(5, 7)
        c.scale(2, 1.5)
        c.line(0, 0, 50, 0)
        c.rect(10, 10, 20, 30)
        c.restoreState()
        c.line(0, 0, 0, 40)
        c.endForm()
        c.beginForm("nested")
        c.translate(3, 4)
        c.doForm("rules")
        c.endForm()
        c.saveState()
        c.translate(100, 300)
        c.scale(1.25, 0.8)
        c.doForm("rules")
        c.restoreState()
        c.saveState()
        c.translate(300, 500)
        c.doForm("nested")
        c.restoreState()

    path = draw(tmp_path / "forms.pdf", paint)
    edges = pdfium_edges(path)
    assert ("line", "h", 106.25, 231.25, 494.4, 494.4, 125, 0) in edges  # 5 + 2·(0…50), scaled by 1.25
    assert ("line", "v", 303, 303, 256, 296, 0, 40) in edges  # the nested form's vertical line
    assert len(edges) == 2 * (2 + 4)
    assert edges == plumber_edges(path)


def test_curves_and_slanted_lines_as_pdfplumber_sees_them(tmp_path):
    def paint(c):
        p = c.beginPath()  # a closed path with a Bézier: a curve; its straight sides are edges
        p.moveTo(10, 700)
        p.lineTo(200, 700)
        p.lineTo(200, 750)
        p.curveTo(150, 760, 100, 760, 10, 750)
        p.close()
        c.drawPath(p)
        p = c.beginPath()  # "m l h" slanted: a line, which pdfplumber calls vertical
        p.moveTo(300, 700)
        p.lineTo(400, 720)
        p.close()
        c.drawPath(p)
        p = c.beginPath()  # a closed Bézier back at its start
        p.moveTo(100, 100)
        p.curveTo(120, 150, 180, 150, 200, 100)
        p.curveTo(180, 50, 120, 50, 100, 100)
        p.close()
        c.drawPath(p, fill=1)

    path = draw(tmp_path / "curves.pdf", paint)
    edges = pdfium_edges(path)
    assert ("line", "v", 300, 400, 80, 100, 100, 20) in edges
    assert ("curve_edge", "h", 10, 200, 50, 50, 190, 0) in edges  # the Bézier's chord: pdfminer keeps end points only
    assert edges == plumber_edges(path)


def test_a_page_without_paths_has_no_edges(tmp_path):
    path = draw(tmp_path / "text.pdf", lambda c: c.drawString(100, 700, "chữ"))
    assert pdfium_edges(path) == [] == plumber_edges(path)


def test_sample_pdfs_have_pdfplumbers_edges(sample_pdfs):
    for stem, path in sorted(sample_pdfs.items()):
        with pdfplumber.open(path) as pdf:
            expected = [sorted(edge_key(e) for e in page.edges) for page in pdf.pages]
        assert [pdfium_edges(path, i) for i in range(len(expected))] == expected, stem


# ------------------------------------------------------------------ tables

def pdfium_tables(path, index=0, raw=False) -> list:
    """Tables of one page through pdfium: ``find_tables``, or (``raw``) every
    table as ``extract_tables`` gives it (one-row tables, text as read)."""
    doc = pdfium.open_document(str(path))
    try:
        page = doc[index]
        edges, chars = pdfium.page_edges(page), pdfium.page_words(page).chars
        if raw:
            return [tables.table_rows(cells, chars) for cells in tables.table_cells(edges)]
        return tables.find_tables(edges, chars)
    finally:
        doc.close()


def test_the_settings_are_pdfplumbers_for_the_lines_strategies():
    s = TableSettings.resolve(tables.TABLE_SETTINGS)
    assert (s.vertical_strategy, s.horizontal_strategy) == ("lines", "lines")
    assert s.edge_min_length_prefilter == tables.EDGE_MIN_LENGTH_PREFILTER
    assert s.snap_x_tolerance == s.snap_y_tolerance == tables.SNAP_TOLERANCE
    assert s.join_x_tolerance == s.join_y_tolerance == tables.JOIN_TOLERANCE
    assert s.edge_min_length == tables.EDGE_MIN_LENGTH
    assert s.intersection_x_tolerance == s.intersection_y_tolerance == tables.INTERSECTION_TOLERANCE
    assert s.text_settings == {"x_tolerance": tables.TEXT_TOLERANCE, "y_tolerance": tables.TEXT_TOLERANCE}


def test_a_ruled_table_is_read_cell_by_cell(tmp_path):
    path = draw(tmp_path / "table.pdf", ruled_table)
    expected = [[f"r{r}c{k}" for k in range(3)] for r in range(3)]
    assert pdfium_tables(path) == [expected]
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].extract_tables(tables.TABLE_SETTINGS) == [expected]


def test_merged_cells_lines_words_and_a_second_table(tmp_path):
    """A cell spanning two columns (None beside it), a cell of two lines,
    Vietnamese text; a table of one row (pdfplumber finds it, it is left
    out); rules drawn as thin filled rectangles, as Word draws them."""
    def paint(c):
        def hrule(x0, x1, y):
            c.rect(x0, y - 0.25, x1 - x0, 0.5, stroke=0, fill=1)

        def vrule(x, y0, y1):
            c.rect(x - 0.25, y0, 0.5, y1 - y0, stroke=0, fill=1)

        for y in (700, 680, 640, 620):
            hrule(72, 372, y)
        for x in (72, 172, 272, 372):
            vrule(x, 640 if x == 172 else 620, 700)
        c.setFont("Helvetica", 10)
        c.drawString(75, 686, "STT")
        c.drawString(175, 686, "Ten")
        c.drawString(275, 686, "Ghi chu")
        c.drawString(75, 666, "1")
        c.drawString(175, 666, "dong mot")
        c.drawString(175, 652, "dong hai")
        c.drawString(75, 626, "gop hai cot")
        c.drawString(275, 626, "x")
        for y in (500, 480):  # one row: not a table for extract/
            hrule(72, 272, y)
        for x in (72, 172, 272):
            vrule(x, 480, 500)
        c.drawString(75, 486, "mot hang")

    path = draw(tmp_path / "merged.pdf", paint)
    expected = [["STT", "Ten", "Ghi chu"], ["1", "dong mot\ndong hai", ""], ["gop hai cot", None, "x"]]
    assert pdfium_tables(path) == [expected]
    raw = pdfium_tables(path, raw=True)
    assert raw == [expected, [["mot hang", ""]]]
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].extract_tables(tables.TABLE_SETTINGS) == raw


def test_fewer_than_six_rules_make_no_table(tmp_path):
    """Two rectangles side by side make two cells, but pdfplumber's path
    (``page_tables``) does not look for tables with fewer than six lines and
    rectangles: neither does ``find_tables``."""
    def paint(c):
        c.rect(72, 680, 100, 20)
        c.rect(172, 680, 100, 20)
        c.rect(72, 660, 200, 20)

    path = draw(tmp_path / "few.pdf", paint)
    assert pdfium_tables(path) == []
    assert pdfium_tables(path, raw=True) != []
    with pdfplumber.open(path) as pdf:
        assert page_tables(pdf.pages[0]) == []


def test_sample_pdfs_have_pdfplumbers_tables(sample_pdfs):
    """Every page of every sample: the tables as ``extract_tables`` gives
    them, and as ``page_tables`` keeps them."""
    pages_with_tables = 0
    for stem, path in sorted(sample_pdfs.items()):
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                expected = page.extract_tables(tables.TABLE_SETTINGS)
                assert pdfium_tables(path, i, raw=True) == expected, (stem, i)
                assert pdfium_tables(path, i) == page_tables(page), (stem, i)
                pages_with_tables += bool(expected)
    assert pages_with_tables >= 3


def test_the_tthc_appendix_table(sample_pdfs):
    """The procedures table extract/ reads: header row and TTHC codes, NFC."""
    found = [t for p in read_pdf_pages(str(sample_pdfs["qd-cong-bo-tthc"])) for t in p.tables]
    assert found
    cells = [c for t in found for row in t for c in row if c]
    assert any("TTHC" in c for c in cells)
    assert all(c == nfc(c) for c in cells)


def test_pdfium_pages_do_not_open_pdfplumber(sample_pdfs, monkeypatch):
    """The point of ``ingest.tables``: a page pdfium reads, tables included,
    never has pdfminer parse it."""
    def refuse(*args, **kwargs):
        raise AssertionError("pdfplumber opened")

    monkeypatch.setattr(ingest_pdf.pdfplumber, "open", refuse)
    pages = list(read_pdf_pages(str(sample_pdfs["qd-cong-bo-tthc"])))
    assert any(p.tables for p in pages)
