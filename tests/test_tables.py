"""Tables read through pdfium (``ingest.pdfium.page_edges`` and
``ingest.tables``) are pdfplumber's: the same edges on PDFs drawn here with
reportlab (ruled tables, rectangles, paths inside form XObjects), and the
same tables as ``page.extract_tables`` on every page of the sample PDFs."""

from __future__ import annotations

import pdfplumber
from reportlab.pdfgen import canvas

from ingest import pdfium

PAGE = (600, 800)  # width, height of the PDFs drawn here


def edge_key(e: dict) -> tuple:
    """An edge as comparable values, rounded: pdfium keeps single-precision floats."""
    return (e["object_type"], e["orientation"] or "-", *(round(e[k], 3) for k in ("x0", "x1", "top", "bottom", "width", "height")))


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
