"""The served pages' rows as a file a reviewer opens in Excel: CSV with a
byte order mark (Excel reads UTF-8 only with it, else Vietnamese comes out
garbled) or .xlsx (XlsxWriter), the header in the columns' Vietnamese labels.

The rows are Datasette's own CSV of the same page (same filters, sort,
columns, canned-query parameters; ``_labels=on``: a document named by its
number rather than its id), read back and written again."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

BOM = "\ufeff"
MAX_EXPORT_ROWS = 200_000  # rows written to one file: beyond this Excel itself struggles (limit 1,048,576)
SHEET_NAME = "Dữ liệu"
# Excel counts a column's width in characters of its default font: the widest cell, within these bounds
MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH = 8, 60
# Datasette's parameters that are about the HTML page, not the rows (dropped from the CSV's address)
PAGE_ONLY_PARAMETERS = {"_facet", "_facet_size", "_facet_date", "_facet_array", "_cot", "_next", "_size", "_dl"}


def csv_address(path: str, table_view: bool) -> str:
    """Datasette's CSV of the page at ``path`` ("/db/table?…", "/db/query?…", "/db?sql=…"): every row
    (``_stream`` for a table, a query returns them all), foreign keys with their labels."""
    base, _, query = path.partition("?")
    params = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k not in PAGE_ONLY_PARAMETERS]
    params += [("_labels", "on")] + ([("_stream", "on"), ("_size", "max")] if table_view else [])
    return f"{base}.csv?{urlencode(params)}"


def relabel(rows: list[list[str]], label: Callable[[str], str],
            word: Callable[[str, str], str | None] = lambda column, value: None) -> list[list[str]]:
    """The header in labels, codes in words (``word(column, value)``: "warning" → "Cảnh báo"), without SQLite's
    rowid; a column Datasette expanded (``x`` and ``x_label``) kept once, under x's label, holding the label (a
    document's number) or, where there is none, the value."""
    if not rows:
        return rows
    header = rows[0]
    expanded = {h[: -len("_label")] for h in header if h.endswith("_label") and h[: -len("_label")] in header}
    keep = [i for i, h in enumerate(header)
            if h != "rowid" and not (h.endswith("_label") and h[: -len("_label")] in expanded)]
    label_of = {header.index(c): header.index(c + "_label") for c in expanded}
    out = [[label(header[i]) for i in keep]]
    for row in rows[1:MAX_EXPORT_ROWS + 1]:
        values = [(row[label_of[i]] or row[i]) if i in label_of else row[i] for i in keep]
        out.append([word(header[i], v) or v for i, v in zip(keep, values, strict=True)])
    return out


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def to_csv(rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte order mark, Excel's CRLF line ends."""
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def to_xlsx(rows: list[list[str]]) -> bytes:
    """One sheet, the header bold and frozen, numbers as numbers, columns as wide as their text."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_urls": False})
    sheet = book.add_worksheet(SHEET_NAME)
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    widths = [len(h) for h in rows[0]] if rows else []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if r == 0:
                sheet.write_string(r, c, value, bold)
            elif _is_number(value):
                sheet.write_number(r, c, float(value))
            else:
                sheet.write_string(r, c, value)
            widths[c] = max(widths[c], min(len(value), MAX_COLUMN_WIDTH)) if c < len(widths) else widths[c]
    for c, width in enumerate(widths):
        sheet.set_column(c, c, max(MIN_COLUMN_WIDTH, min(width + 2, MAX_COLUMN_WIDTH)))
    if rows:
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(rows) - 1, 0), max(len(rows[0]) - 1, 0))
    book.close()
    return out.getvalue()


def _is_number(value: str) -> bool:
    """A plain integer as SQLite writes it ("12", "-3"); codes stay text ("01", a procedure's "1.004227")."""
    digits = value.removeprefix("-")
    return digits.isascii() and digits.isdigit() and (digits == "0" or not digits.startswith("0")) and len(digits) < 16
