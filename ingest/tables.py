"""Tables of a page read through pdfium: what pdfplumber's
``page.extract_tables(TABLE_SETTINGS)`` gives, without pdfminer parsing the
page again.

pdfplumber finds a table in three steps, all kept here as its own
functions: the edges of the page's lines, rectangles and curves
(``ingest.pdfium.page_edges`` gives them from pdfium's path objects) are
filtered, snapped and joined (``merge_edges``); their crossings make cells
(``edges_to_intersections``, ``intersections_to_cells``); cells touching at
a corner make a table (``cells_to_tables``), whose rows and columns
``Table.rows`` lays out.  A cell's text is that of the characters whose
centre lies in it, as ``Table.extract`` takes them, put together by
pdfplumber's ``extract_text`` (words joined by " ", lines by "\\n").  The
characters are pdfium's (``FastPage.chars``), the ones the page's words
were made of.

The settings are pdfplumber's defaults for the "lines" strategies, written
out; a test checks them against ``TableSettings.resolve(TABLE_SETTINGS)``.
"""

from __future__ import annotations

from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges
from pdfplumber.utils import extract_text, filter_edges

from ingest.pdfium import Char
from rasoat.vntext import nfc

# What ingest.pdf asks pdfplumber for: cells ruled by the page's lines both ways.
TABLE_SETTINGS = dict(vertical_strategy="lines", horizontal_strategy="lines")
MIN_RULES_FOR_TABLES = 6  # only look for tables on pages with this many lines and rectangles

# pdfplumber's TableSettings defaults, in force under TABLE_SETTINGS.
EDGE_MIN_LENGTH_PREFILTER = 1  # edges shorter than this are dropped before merging
SNAP_TOLERANCE = 3  # parallel edges this close are moved to their mean position
JOIN_TOLERANCE = 3  # collinear edges with a gap up to this become one
EDGE_MIN_LENGTH = 3  # merged edges shorter than this are dropped
INTERSECTION_TOLERANCE = 3  # a vertical and a horizontal edge this close meet
TEXT_TOLERANCE = 3  # extract_text's x and y tolerance in a cell (text_settings)

Rows = list[list[str | None]]


def find_tables(edges: list[dict], chars: list[Char]) -> list[Rows]:
    """The page's tables of at least two rows, each a list of rows of cell
    texts (NFC; None where a merged cell spans the position), as
    ``ingest.pdf.page_tables`` gives them through pdfplumber.

    ``edges``: ``pdfium.page_edges`` of the page; ``chars``: its characters."""
    if rule_count(edges) < MIN_RULES_FOR_TABLES:
        return []
    tables = []
    for cells in table_cells(edges):
        rows = table_rows(cells, chars)
        if len(rows) > 1:
            tables.append([[nfc(c) if c else c for c in row] for row in rows])
    return tables


def rule_count(edges: list[dict]) -> int:
    """pdfplumber's ``len(page.lines) + len(page.rects)``: a rectangle has four edges."""
    lines = sum(1 for e in edges if e["object_type"] == "line")
    return lines + sum(1 for e in edges if e["object_type"] == "rect_edge") // 4


def merged_edges(edges: list[dict]) -> list[dict]:
    """``TableFinder.get_edges`` for the "lines" strategies: vertical and
    horizontal edges of some length, snapped and joined, the short ones
    dropped."""
    vertical = filter_edges(edges, "v", min_length=EDGE_MIN_LENGTH_PREFILTER)
    horizontal = filter_edges(edges, "h", min_length=EDGE_MIN_LENGTH_PREFILTER)
    merged = merge_edges(vertical + horizontal, snap_x_tolerance=SNAP_TOLERANCE, snap_y_tolerance=SNAP_TOLERANCE,
                         join_x_tolerance=JOIN_TOLERANCE, join_y_tolerance=JOIN_TOLERANCE)
    return filter_edges(merged, min_length=EDGE_MIN_LENGTH)


def table_cells(edges: list[dict]) -> list[list[tuple]]:
    """The cells (x0, top, x1, bottom) of each table the edges rule, tables
    top to bottom (``TableFinder``)."""
    crossings = edges_to_intersections(merged_edges(edges), INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    return cells_to_tables(intersections_to_cells(crossings))


def table_rows(cells: list[tuple], chars: list[Char]) -> Rows:
    """``Table.extract``: for each row, the text of each cell (None where
    the row has no cell at that column, "" for an empty cell).  A character
    belongs to a cell when its centre lies in it, the cell's right and
    bottom sides excluded."""
    table = Table(None, cells)  # its rows and bbox need no page
    inside = _centred_in(table.bbox, [((c[1] + c[2]) / 2, (c[3] + c[4]) / 2, c) for c in chars])
    rows = []
    for row in table.rows:
        in_row = _centred_in(row.bbox, inside)
        rows.append([None if cell is None else cell_text([c for *_, c in _centred_in(cell, in_row)])
                     for cell in row.cells])
    return rows


def _centred_in(box: tuple, centred: list[tuple]) -> list[tuple]:
    """The (x, y, char) whose centre (x, y) lies in the box (x0, top, x1, bottom), page order kept."""
    x0, top, x1, bottom = box
    return [t for t in centred if x0 <= t[0] < x1 and top <= t[1] < bottom]


def cell_text(chars: list[Char]) -> str:
    """pdfplumber's ``extract_text`` of a cell's characters (given in page
    order): lines by top, words by gaps and blanks."""
    if not chars:
        return ""
    return extract_text([_char_dict(c) for c in chars], x_tolerance=TEXT_TOLERANCE, y_tolerance=TEXT_TOLERANCE)


def _char_dict(char: Char) -> dict:
    """A pdfium character as the dict ``extract_text`` reads (all upright: pdfium's pages are)."""
    text, x0, x1, top, bottom = char[:5]
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True}
