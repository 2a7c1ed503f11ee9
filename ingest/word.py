"""Word files → text: ``.docx`` with python-docx, ``.doc`` with antiword.

Both repair legacy Vietnamese fonts (TCVN3/ABC ``.VnTime``, VNI
``VNI-Times``) through ``ingest.legacy``:

* ``.docx`` keeps the font of every run, so runs are decoded by font
  (``decode_runs``) exactly as for a PDF.
* ``.doc`` goes through ``antiword`` (``catdoc`` as a fallback), which loses
  the fonts but keeps the legacy bytes as Latin-1 characters; the text is
  then detected line by line (``repair_text``), keeping words that are
  already Unicode (a signer's name typed in a Unicode font).

Errors are raised as ``ValueError`` with a Vietnamese message.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

from ingest.legacy import decode_runs, repair_text
from rasoat.errors import os_error_message

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 (and 6/95) compound file
ZIP_MAGIC = b"PK\x03\x04"  # .docx (Office Open XML)
TOOL_TIMEOUT = 120  # seconds


def _fail(path: str | Path, reason: str) -> ValueError:
    return ValueError(f"Không đọc được tệp Word: {Path(path).name} ({reason})")


# ---------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------
def _rfonts(rpr) -> str | None:
    """The font a w:rPr names for Latin text (hAnsi covers the 0x80–0xFF legacy bytes)."""
    if rpr is None:
        return None
    from docx.oxml.ns import qn

    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        return None
    return rfonts.get(qn("w:hAnsi")) or rfonts.get(qn("w:ascii"))


def _style_font(style) -> str | None:
    """Font of a style, following its base styles."""
    seen = 0
    while style is not None and seen < 20:
        name = _rfonts(style.element.rPr) if style.element is not None else None
        if name:
            return name
        style, seen = style.base_style, seen + 1
    return None


def _default_font(document) -> str | None:
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    return _rfonts(rpr)


def _run_font(run, paragraph, default: str | None) -> str | None:
    return (
        _rfonts(run._r.rPr)
        or (_style_font(run.style) if run._r.rPr is not None and run._r.rPr.rStyle is not None else None)
        or _style_font(paragraph.style)
        or default
    )


def _paragraph_runs(paragraph, default: str | None) -> list[tuple[str, str | None]]:
    """(text, font) runs of a paragraph, hyperlink runs included, in order."""
    from docx.text.hyperlink import Hyperlink

    runs: list[tuple[str, str | None]] = []
    for item in paragraph.iter_inner_content():
        members = item.runs if isinstance(item, Hyperlink) else [item]
        for run in members:
            if run.text:
                runs.append((run.text, _run_font(run, paragraph, default)))
    return runs


# Quốc hiệu / "Nơi nhận" in a cell: the table lays out the header or the signature in two columns
_LAYOUT_TABLE_RE = re.compile(
    r"C[ỘÔ]NG\s+H[ÒO]À?A?\s+X[ÃA]\s+H[ỘÔ]I|Độc\s+lập\s*-\s*Tự\s+do|^\s*Nơi\s+nhận", re.I | re.M)


def _row_cells(row) -> list:
    """The distinct cells of a table row (a merged cell once)."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def _is_layout_table(table, default: str | None) -> bool:
    """Two cells a row, and the Quốc hiệu or "Nơi nhận" in one of them (read through the legacy
    fonts): the two-column header (or Nơi nhận/signature block) of a Word template, not a table of data."""
    rows = [_row_cells(row) for row in table.rows]
    if not rows or any(len(cells) != 2 for cells in rows):
        return False
    def cell_text(cell) -> str:
        return decode_runs(run for p in cell.paragraphs for run in [*_paragraph_runs(p, default), ("\n", None)])

    return any(_LAYOUT_TABLE_RE.search(cell_text(cell)) for cells in rows for cell in cells)


def _layout_table_runs(table, default: str | None) -> list[tuple[str, str | None]]:
    """A two-column layout table line by line: the i-th paragraph of the left cell " | " the i-th of
    the right cell, so each issuer line, the Quốc hiệu and the date line keep their own line
    (``ingest.layout.layout_plain_text`` then splits the columns at the "|")."""
    runs: list[tuple[str, str | None]] = []
    for row in table.rows:
        left, right = ([p for p in cell.paragraphs if p.text.strip()] for cell in _row_cells(row))
        for i in range(max(len(left), len(right))):
            if runs:
                runs.append(("\n", None))
            if i < len(left):
                runs.extend(_paragraph_runs(left[i], default))
            runs.append((" | ", None))
            if i < len(right):
                runs.extend(_paragraph_runs(right[i], default))
    return runs


def _table_runs(table, default: str | None) -> list[tuple[str, str | None]]:
    """A table as rows, cells separated by " | " (merged cells once), rows by newlines; a two-column
    layout table (header, signature) paragraph by paragraph (``_layout_table_runs``)."""
    if _is_layout_table(table, default):
        return _layout_table_runs(table, default)
    runs: list[tuple[str, str | None]] = []
    for r, row in enumerate(table.rows):
        if r:
            runs.append(("\n", None))
        seen: set[int] = set()
        first = True
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            if not first:
                runs.append((" | ", None))
            first = False
            for p, para in enumerate(cell.paragraphs):
                if p:
                    runs.append((" ", None))
                runs.extend(_paragraph_runs(para, default))
            for inner in cell.tables:
                runs.append((" ", None))
                runs.extend(_table_runs(inner, default))
    return runs


def read_docx(path: str | Path) -> list[str]:
    """Text of a .docx as one "page" (a .docx has no fixed pages).

    Paragraphs and tables in document order, joined by "\\n"; a table row is
    one line with " | " between cells.  Runs in legacy fonts are converted
    to Unicode; the result is NFC.
    """
    try:
        import docx
        from docx.table import Table
    except ImportError as e:  # pragma: no cover - python-docx is a dependency
        raise _fail(path, "thiếu thư viện python-docx") from e
    try:
        document = docx.Document(str(path))
    except Exception as e:  # PackageNotFoundError, BadZipFile, KeyError, lxml errors …
        raise _fail(path, f"không phải tệp .docx hợp lệ: {type(e).__name__}") from e
    default = _default_font(document)
    runs: list[tuple[str, str | None]] = []
    for b, block in enumerate(document.iter_inner_content()):
        if b:
            runs.append(("\n", None))
        if isinstance(block, Table):
            runs.extend(_table_runs(block, default))
        else:
            runs.extend(_paragraph_runs(block, default))
    return [decode_runs(runs)]


# ---------------------------------------------------------------------------
# .doc
# ---------------------------------------------------------------------------
def _run_tool(args: list[str]) -> tuple[int, str, str]:
    """Run a converter; (return code, stdout, stderr) decoded as UTF-8."""
    proc = subprocess.run(args, capture_output=True, timeout=TOOL_TIMEOUT)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")


def _tidy_antiword(text: str) -> str:
    """antiword's table rows "|a   |b   |" → "a | b"; drop "[pic]" placeholders
    and trailing blanks.  A two-column layout table (the Quốc hiệu in a cell:
    the header) keeps its empty cells ("|     |Độc lập …|" → " | Độc lập …"),
    so ``ingest.layout.layout_plain_text`` keeps each line in its column."""
    rows = text.split("\n")
    cells_of = [[c.strip() for c in m.group(1).split("|")] if (m := _TABLE_ROW.match(r)) else None for r in rows]
    layout_rows: set[int] = set()
    i = 0
    while i < len(rows):  # each table: a run of table rows
        j = i
        while j < len(rows) and cells_of[j] is not None:
            j += 1
        table = cells_of[i:j]
        if table and all(len(cells) == 2 for cells in table) and any(
                _LAYOUT_TABLE_RE.search(repair_text(c)) for cells in table for c in cells):
            layout_rows.update(range(i, j))
        i = max(j, i + 1)
    lines = []
    for k, line in enumerate(rows):
        cells = cells_of[k]
        if cells is not None:
            line = " | ".join(cells) if k in layout_rows else " | ".join(c for c in cells if c)
            if k in layout_rows and not any(cells):
                continue
        elif line.strip() == "[pic]":
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip("\n")


def read_doc(path: str | Path) -> str:
    """Text of a Word 97–2003 .doc via ``antiword`` (``catdoc`` as fallback), NFC.

    antiword writes UTF-8 (``-m UTF-8.txt``) without wrapping (``-w 0``); the
    legacy bytes of VNI/TCVN3 fonts come out as their Latin-1 characters
    and are converted by ``repair_text``.  A .docx misnamed .doc is read with
    ``read_docx``.  Raises ``ValueError`` ("Không đọc được tệp Word: …") for
    a missing, empty or non-Word file, or when no tool can read it.
    """
    path = Path(path)
    try:
        head = path.open("rb").read(8)
    except OSError as e:
        raise _fail(path, os_error_message(e, path)) from e
    if not head:
        raise _fail(path, "tệp rỗng")
    if head.startswith(ZIP_MAGIC):
        return "\n".join(read_docx(path))
    if not head.startswith(OLE_MAGIC):
        if head.startswith(b"{\\rtf"):
            raise _fail(path, "tệp là RTF, không phải Word 97-2003")
        raise _fail(path, "không phải tệp Word 97-2003 (.doc)")

    attempts: list[str] = []
    if shutil.which("antiword"):
        try:
            rc, out, err = _run_tool(["antiword", "-w", "0", "-m", "UTF-8.txt", str(path)])
        except subprocess.TimeoutExpired:
            rc, out, err = -1, "", "quá thời gian"
        if rc == 0 and out.strip():
            return repair_text(unicodedata.normalize("NFC", _tidy_antiword(out)))
        attempts.append(f"antiword: {err.strip() or 'không có nội dung'}")
    else:
        attempts.append("không có antiword")
    if shutil.which("catdoc"):
        try:
            rc, out, err = _run_tool(["catdoc", "-w", "-d", "utf-8", str(path)])
        except subprocess.TimeoutExpired:
            rc, out, err = -1, "", "quá thời gian"
        if rc == 0 and out.strip():
            return repair_text(unicodedata.normalize("NFC", out.strip("\n")))
        attempts.append(f"catdoc: {err.strip() or 'không có nội dung'}")
    else:
        attempts.append("không có catdoc")
    raise _fail(path, "; ".join(attempts))
