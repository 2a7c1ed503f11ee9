"""Administrative procedures (TTHC): codes like 1.004227 with their names,
from tables (the công bố appendix) and from running text."""

from __future__ import annotations

import functools
import re

from extract import regexes as rx
from rasoat.models import Page, Procedure
from rasoat.patterns import PROCEDURE_COLUMNS
from rasoat.vntext import collapse, fold

_HEADERS = PROCEDURE_COLUMNS  # the column header words, shared with ingest (which pages get tables)


def _columns(header: list[str | None]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = fold(collapse(cell or ""))
        for key, names in _HEADERS.items():
            if key not in cols and any(f.startswith(n) or n in f for n in names):
                cols[key] = i
                break
    return cols


def _cell(row: list[str | None], cols: dict[str, int], key: str) -> str | None:
    """The row's cell in the column named ``key``, collapsed; None when the table has no such column or the
    cell is empty."""
    return collapse(row[cols[key]] or "") if key in cols and cols[key] < len(row) and row[cols[key]] else None


def procedures_from_tables(page: Page, field: str | None = None) -> list[Procedure]:
    """Procedures from the tables of a page; a group row "I. Lĩnh vực Hộ tịch"
    sets the lĩnh vực of the rows below it (``field`` carries it over from
    the previous page)."""
    out = []
    for table in page.tables:
        if not table:  # a table without rows
            continue
        cols = _columns(table[0])
        if "name" not in cols and "code" not in cols:
            continue
        for row in table[1:]:
            cells = [collapse(c) for c in row if c and collapse(c)]
            group = rx.FIELD_ROW.search(" ".join(cells)) if len(cells) <= 2 else None
            if group:
                field = group.group("field").strip(" .:")
                continue
            cell = functools.partial(_cell, row, cols)
            code_text = " ".join(c or "" for c in row) if "code" not in cols else (cell("code") or "")
            m = rx.TTHC_CODE.search(code_text.replace(" ", ""))
            name = cell("name")
            if not m and not name:
                continue
            if not m and (not name or name.isupper()):
                continue  # a group row ("A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH", "I. Lĩnh vực …")
            out.append(Procedure(page=page.number, code=m.group("code") if m else None, name=name, source="table",
                                 field=cell("field") or field, agency=cell("agency"), deadline=cell("deadline"),
                                 fee=cell("fee")))
    return out


def find_procedures(pages: list[Page]) -> list[Procedure]:
    """Procedures from tables (with their columns), then codes cited in the
    text that no table lists, each once, at its first mention."""
    out: list[Procedure] = []
    field = None
    for page in pages:
        found = procedures_from_tables(page, field)
        field = next((p.field for p in reversed(found) if p.field), field)
        for p in found:  # the position of the code in the page text, as evidence
            m = re.search(re.escape(p.code), page.text) if p.code else None
            if m:
                p.start, p.end = m.start(), m.end()
        out.extend(found)
    seen = {p.code for p in out if p.code}
    for page in pages:
        for m in rx.TTHC_CODE.finditer(page.text):
            code = m.group("code")
            if code in seen:
                continue
            seen.add(code)
            line_end = page.text.find("\n", m.end())
            rest = collapse(re.sub(r"^[\s|:.\-–)]+", "", page.text[m.end() : line_end if line_end != -1 else None]))
            name = rest if rest[:1].isupper() else None  # "1.004746 - Đăng ký …", not "1.004746 và …"
            out.append(Procedure(page=page.number, code=code, name=name, source="text", start=m.start(), end=m.end()))
    return out
