"""Administrative procedures (TTHC): codes like 1.004227 with their names,
from tables (the công bố appendix) and from running text."""

from __future__ import annotations

import re

from extract import regexes as rx
from rasoat.models import Page, Procedure
from rasoat.vntext import collapse, fold

_HEADERS = {
    "code": ("ma so", "ma tthc", "ma thu tuc", "ma ho so", "ma"),
    "name": ("ten thu tuc", "ten tthc", "thu tuc hanh chinh", "ten"),
    "field": ("linh vuc",),
    "agency": ("co quan thuc hien", "co quan giai quyet", "don vi thuc hien"),
    "deadline": ("thoi han", "thoi gian giai quyet"),
    "fee": ("phi", "le phi"),
}


def _columns(header: list[str | None]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        f = fold(collapse(cell or ""))
        for key, names in _HEADERS.items():
            if key not in cols and any(f.startswith(n) or n in f for n in names):
                cols[key] = i
                break
    return cols


def procedures_from_tables(page: Page) -> list[Procedure]:
    out = []
    for table in page.tables:
        cols = _columns(table[0])
        if "name" not in cols and "code" not in cols:
            continue
        for row in table[1:]:
            cell = lambda k: collapse(row[cols[k]] or "") if k in cols and cols[k] < len(row) and row[cols[k]] else None  # noqa: E731
            code_text = " ".join(c or "" for c in row) if "code" not in cols else (cell("code") or "")
            m = rx.TTHC_CODE.search(code_text.replace(" ", ""))
            name = cell("name")
            if not m and not name:
                continue
            if not m and (not name or name.isupper()):
                continue  # a group row ("A. THỦ TỤC HÀNH CHÍNH CẤP TỈNH", "I. Lĩnh vực …")
            out.append(Procedure(page=page.number, code=m.group("code") if m else None, name=name, source="table",
                                 field=cell("field"), agency=cell("agency"), deadline=cell("deadline"), fee=cell("fee")))
    return out


def find_procedures(pages: list[Page]) -> list[Procedure]:
    out: list[Procedure] = []
    for page in pages:
        from_tables = procedures_from_tables(page)
        out.extend(from_tables)
        seen = {p.code for p in from_tables if p.code}
        for m in rx.TTHC_CODE.finditer(page.text):
            code = m.group("code")
            if code in seen:
                # keep the table record, add the position of the code
                for p in from_tables:
                    if p.code == code and p.start is None:
                        p.start, p.end = m.start(), m.end()
                continue
            seen.add(code)
            line_end = page.text.find("\n", m.end())
            rest = page.text[m.end() : line_end if line_end != -1 else None]
            name = collapse(re.sub(r"^[\s|:.\-–]+", "", rest)) or None
            out.append(Procedure(page=page.number, code=code, name=name, source="text", start=m.start(), end=m.end()))
    return out
