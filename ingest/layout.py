"""Page layout from word positions: lines, the two-column header, the
signature/Nơi nhận block, running headers and footers.

Vietnamese documents (NĐ 30/2020/NĐ-CP, Phụ lục I) print the issuer block on
the left and the Quốc hiệu block on the right, side by side; the Nơi nhận
block and the signature block also stand side by side at the end.  Reading
such a page line by line interleaves the two columns ("ỦY BAN NHÂN DÂN CỘNG
HÒA XÃ HỘI…"), so these blocks are split at their gutter and written one
column after the other.

Input is a list of words ``{"text", "x0", "x1", "top", "bottom"}`` in PDF
points (what ``pdfplumber.Page.extract_words`` gives); output is the page
text and named regions (character spans into it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasoat.models import Region
from rasoat.vntext import unify

Word = dict

LINE_TOLERANCE = 3.0  # points: words whose tops differ by less share a line
MIN_CAPS_LINE_LETTERS = 4  # letters a line in capitals needs to be an issuer's name ("BỘ Y TẾ" has 5)
TALL_WORD, FLAT_WORD = 1.6, 0.4  # in median word heights: words that do not start lines (see group_lines)


@dataclass
class Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def x0(self) -> float:
        return min(w["x0"] for w in self.words)

    @property
    def x1(self) -> float:
        return max(w["x1"] for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def group_lines(words: list[Word], tolerance: float = LINE_TOLERANCE) -> list[Line]:
    """Cluster words into lines, each sorted left to right.

    A word joins the current line when its top is within ``tolerance`` of
    the line's first word or at least half of it (or of that first word, if
    smaller) lies beside that first word — the second case keeps the words
    of a slightly skewed scan (OCR) on one line.

    Words of odd height do not start lines: OCR reads a stamp or a scribble
    in the margin as one tall "word" (more than ``TALL_WORD`` median word
    heights), whose band would swallow the next line, and an underscore or a
    dot leader as a flat one (less than ``FLAT_WORD``), which would cut its
    line in two.  They go, afterwards, to the line whose middle is nearest
    theirs (within a median word height), or stand alone."""
    heights = sorted(w["bottom"] - w["top"] for w in words)
    median = heights[len(heights) // 2] if heights else 0.0

    def odd(w: Word) -> bool:
        height = w["bottom"] - w["top"]
        return height > TALL_WORD * median or height < FLAT_WORD * median

    lines: list[Line] = []
    for w in sorted((w for w in words if not odd(w)), key=lambda w: (w["top"], w["x0"])):
        if lines:
            first = lines[-1].words[0]
            overlap = min(w["bottom"], first["bottom"]) - max(w["top"], first["top"])
            if abs(w["top"] - first["top"]) <= tolerance or overlap >= 0.5 * min(
                    w["bottom"] - w["top"], first["bottom"] - first["top"]):
                lines[-1].words.append(w)
                continue
        lines.append(Line([w]))
    middles = [(line.top + line.bottom) / 2 for line in lines]
    for w in (w for w in words if odd(w)):
        middle = (w["top"] + w["bottom"]) / 2
        nearest = min(range(len(lines)), key=lambda i: abs(middles[i] - middle), default=None)
        if nearest is not None and abs(middles[nearest] - middle) <= median:
            lines[nearest].words.append(w)
        else:
            lines.append(Line([w]))
            middles.append(middle)
    lines.sort(key=lambda line: line.top)
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def find_gutter(lines: list[Line], lo: float, hi: float) -> float | None:
    """The middle of the widest vertical strip in [lo, hi] that no word of
    ``lines`` covers, or None when every x there is covered."""
    spans = sorted((w["x0"], w["x1"]) for line in lines for w in line.words if w["x1"] > lo and w["x0"] < hi)
    best, best_width, x = None, 0.0, lo
    for a, b in spans:
        if a > x and a - x > best_width:
            best, best_width = (x + a) / 2, a - x
        x = max(x, b)
    if hi > x and hi - x > best_width:
        best, best_width = (x + hi) / 2, hi - x
    return best if best_width >= 4 else None


def split_line(line: Line, gutter: float) -> tuple[str, str]:
    left = " ".join(w["text"] for w in line.words if (w["x0"] + w["x1"]) / 2 < gutter)
    right = " ".join(w["text"] for w in line.words if (w["x0"] + w["x1"]) / 2 >= gutter)
    return left, right


_QUOC_HIEU_RE = re.compile(r"C[ỘÔO]NG\s*H[ÒOÓ]A|CỘNG|HOÀ\s+XÃ", re.I)
# the number line: "Số: 12/BC-UBND", "Số:    /QĐ-UBND" (blank), "Luật số: …", "Nghị quyết số: …" (a type word first)
_NUMBER_LINE_RE = re.compile(r"^\s*(?:[^\W\d_]+\s+){0,3}?số\s*[:.]?\s*[\d/]", re.I)
_DATE_RE = re.compile(r"ngày\s.*\s*tháng|tháng\s.*\snăm", re.I)
_VV_RE = re.compile(r"^\s*(V/v|Về\s+việc)", re.I)
_TITLE_RE = re.compile(r"^(QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ|LUẬT|PHÁP LỆNH|CHỈ THỊ|BÁO CÁO|TỜ TRÌNH|KẾ HOẠCH"
                       r"|THÔNG BÁO|GIẤY MỜI|CÔNG ĐIỆN|HƯỚNG DẪN)$")
_RECIPIENTS_RE = re.compile(r"^\s*Nơi\s*nhận\s*:", re.I)  # "Nơinhận:" too: a text layer may lose that space
_SIGNATURE_HEAD_RE = re.compile(r"^\s*(TM|KT|Q|TL|TUQ)\s*\.|^[A-ZĐÀ-Ỹ ,]{4,60}$")

# Running headers and footers (Công báo copies, page numbers).
RUNNING_HEAD_RES = [
    re.compile(r"^\s*\d*\s*CÔNG\s+BÁO\b.*$", re.I),  # "CÔNG BÁO/Số 281/Ngày 21-05-2026", "12 CÔNG BÁO/Số …"
    re.compile(r"^.*\bCÔNG\s+BÁO\s*/\s*Số.*$", re.I),
]
PAGE_NUMBER_RE = re.compile(r"^\s*-?\s*\d{1,4}\s*-?\s*$")  # a bare page number
FURNITURE_RES = [*RUNNING_HEAD_RES, PAGE_NUMBER_RE, re.compile(r"^\s*Trang\s+\d+(\s*/\s*\d+)?\s*$", re.I)]


def is_furniture(text: str) -> bool:
    return any(r.match(text) for r in FURNITURE_RES)


@dataclass
class PageText:
    text: str
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)
    furniture: str = ""


class _Writer:
    """Accumulates page text and remembers the span of each named region."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.regions: dict[str, tuple[int, int]] = {}

    def add_lines(self, lines: list[str], region: str | None = None) -> None:
        lines = [s for s in lines if s.strip()]
        if not lines:
            return
        start = self.length
        for s in lines:
            self.parts.append(s + "\n")
            self.length += len(s) + 1
        if region:
            self.regions[region] = (start, self.length - 1)

    def result(self, furniture: list[str]) -> PageText:
        return PageText("".join(self.parts).rstrip("\n"), self.regions, "\n".join(furniture))


def _header_bounds(lines: list[Line]) -> tuple[int, int]:
    """(first, after last) line indexes of the two-column header block, or (0, 0).

    The block starts at the Quốc hiệu line (it must be within the first few
    lines) and ends after both the "Số:" line and the date line have been
    seen, plus the "V/v …" lines of a công văn that follow in the left column.
    """
    start = next((i for i, line in enumerate(lines[:8]) if _QUOC_HIEU_RE.search(unify(line.text))), None)
    if start is None:
        return 0, 0
    seen_number = seen_date = False
    number_at = None
    in_vv = False
    end = start + 1
    for i in range(start, min(len(lines), start + 14)):
        t = lines[i].text
        if i > start + 1 and (_TITLE_RE.match(t.strip()) or t.lstrip().startswith("Căn cứ")):
            return start, i  # the title ("QUYẾT ĐỊNH", "LUẬT") or the căn cứ: the header is over
        if number_at is not None and not seen_date and i > number_at + 2 and not in_vv:
            break  # no readable date line (a scan, a blank draft): the header ends soon after "Số:"
        if not (seen_number and seen_date):
            seen_number = seen_number or bool(re.search(r"\bSố\b|số\s*:", t)) or "Luật số" in t
            if seen_number and number_at is None:
                number_at = i
            seen_date = seen_date or bool(_DATE_RE.search(t))
            in_vv = in_vv or bool(re.search(r"V/v|Về việc", t))
            end = i + 1
            continue
        # after both: only V/v continuation lines of a công văn, close below
        gap = lines[i].top - lines[i - 1].bottom
        if (in_vv or _VV_RE.search(t)) and gap < 1.2 * (lines[i - 1].bottom - lines[i - 1].top) + 2:
            in_vv = True
            end = i + 1
            continue
        break
    if not (seen_number or seen_date):
        return start, (start + 2 if len(lines) > start + 1 else start + 1)
    return start, end


def _is_stacked_issuer_block(above: list[Line]) -> bool:
    """Lines above the Quốc hiệu that are a whole issuer block: a "Số:" line holding a number, below at least
    one line in capitals (the body's name)."""
    at = next((i for i, line in enumerate(above) if _NUMBER_LINE_RE.search(line.text)), None)
    return at is not None and any(_is_caps_line(line.text) for line in above[:at])


def _is_caps_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= MIN_CAPS_LINE_LETTERS and all(c.isupper() for c in letters)


def layout_page(words: list[Word], page_width: float, first_page: bool, header_gutter: float | None = None,
                recipients_gutter: float | None = None) -> PageText:
    """Page text in reading order with regions; see module docstring.

    ``header_gutter`` / ``recipients_gutter``: the x where the two columns of
    the header / the Nơi nhận block part, when the source knows it (the
    column border of a Word layout table); otherwise it is searched for."""
    lines = group_lines(words)
    furniture: list[str] = []
    # Running header: the first line(s) when they look like furniture; footer likewise.
    while lines and is_furniture(lines[0].text):
        furniture.append(lines.pop(0).text)
    while lines and is_furniture(lines[-1].text):
        furniture.append(lines.pop().text)

    out = _Writer()
    body_from = 0
    if first_page:
        start, end = _header_bounds(lines)
        if end:
            above, block = lines[:start], lines[start:end]
            # the gutter is where the Quốc hiệu and issuer rows part; lines below may be crossed by a stamp
            core = block[: next((k + 1 for k, line in enumerate(block) if re.search(r"\bSố\b|số\s*:", line.text)),
                                len(block))]
            gutter = header_gutter if header_gutter is not None else (
                find_gutter(core, page_width * 0.25, page_width * 0.6)
                or find_gutter(block, page_width * 0.25, page_width * 0.6))
            if gutter is None and _is_stacked_issuer_block(above):
                # the two columns one above the other (text layers and Word files that read column by column):
                # the issuer block with its "Số:" line, then the Quốc hiệu block with the date line
                out.add_lines([line.text for line in above], Region.HEADER_LEFT)
                out.add_lines([line.text for line in block], Region.HEADER_RIGHT)
            elif gutter is not None:
                # Lines above the Quốc hiệu line (a signature box "Người ký: …", a
                # receipt stamp) are kept apart: they would hide the gutter.
                out.add_lines([line.text for line in above], Region.ABOVE_HEADER)
                lefts, rights = zip(*(split_line(line, gutter) for line in block), strict=True)
                out.add_lines(list(lefts), Region.HEADER_LEFT)
                out.add_lines(list(rights), Region.HEADER_RIGHT)
            else:
                out.add_lines([line.text for line in above], Region.ABOVE_HEADER)
                out.add_lines([line.text for line in block], Region.HEADER)
            body_from = end

    rest = lines[body_from:]
    rec = next((i for i, line in enumerate(rest) if _RECIPIENTS_RE.match(line.text)), None)
    # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" printed just above the Nơi nhận line belongs to the signature
    while rec and rest[rec - 1].x0 >= page_width * 0.45 and _SIGNATURE_HEAD_RE.match(rest[rec - 1].text):
        rec -= 1
    body_lines = rest if rec is None else rest[:rec]
    if body_lines:
        out.add_lines([line.text for line in body_lines], Region.BODY)
    if rec is not None:
        block = rest[rec:]
        first = next(i for i, line in enumerate(block) if _RECIPIENTS_RE.match(line.text))
        head, block = block[:first], block[first:]  # signature lines printed above "Nơi nhận:"
        gutter = recipients_gutter if recipients_gutter is not None else find_gutter(
            block, page_width * 0.3, page_width * 0.7)
        if gutter is not None:
            lefts, rights = zip(*(split_line(line, gutter) for line in block), strict=True)
        else:  # a long recipient line crosses the middle: split each line at its own gap
            lefts, rights = zip(*(split_at_gap(line, page_width) for line in block), strict=True)
        out.add_lines(list(lefts), Region.RECIPIENTS)
        out.add_lines([line.text for line in head] + list(rights), Region.SIGNATURE)
    return out.result(furniture)


def split_at_gap(line: Line, page_width: float, min_gap: float = 12.0) -> tuple[str, str]:
    """Split one line of the Nơi nhận/signature block into (left, right): at
    its widest gap between words when that gap is wide and the right part
    starts in the right half; a line that starts right of the middle is all
    signature."""
    words = line.words
    if words[0]["x0"] >= page_width * 0.45:
        return "", line.text
    gaps = [(words[i + 1]["x0"] - words[i]["x1"], i + 1) for i in range(len(words) - 1)]
    if gaps:
        width, at = max(gaps)
        if width >= min_gap and words[at]["x0"] >= page_width * 0.4:
            return " ".join(w["text"] for w in words[:at]), " ".join(w["text"] for w in words[at:])
    return line.text, ""


# A row of a two-cell table as Word files give it ("left | right", ingest.word / antiword): exactly one "|"
_TWO_CELL_RE = re.compile(r"^(?P<left>[^|]*?)\s*\|\s*(?P<right>[^|]*)$")
# The Quốc hiệu in a table cell (unified tone placement): the table is the two-column header
_QUOC_HIEU_CELL_RE = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do", re.I)
TABLE_HEADER_LINES = 8  # the header table starts within the first lines of the text
COLUMN_GAP = 8  # characters: blank columns put between the two cells of a layout-table row


def _two_cell_blocks(rows: list[str]) -> list[tuple[int, int, str]]:
    """[start, end) row ranges of two-column layout tables written "left | right", and their kind:
    "header" (holds the Quốc hiệu, starts within the first ``TABLE_HEADER_LINES`` lines with text) or
    "recipients" (a left cell opens with "Nơi nhận:").  Data tables (several "|" per row, or two cells
    without either mark) are left alone."""
    blocks: list[tuple[int, int, str]] = []
    i, nonblank = 0, 0
    while i < len(rows):
        if not _TWO_CELL_RE.match(rows[i]):
            nonblank += bool(rows[i].strip())
            i += 1
            continue
        j = i
        while j < len(rows) and _TWO_CELL_RE.match(rows[j]):
            j += 1
        cells = [_TWO_CELL_RE.match(r) for r in rows[i:j]]
        if nonblank < TABLE_HEADER_LINES and any(_QUOC_HIEU_CELL_RE.search(unify(m.group("right"))) for m in cells):
            blocks.append((i, j, "header"))
        else:
            at = next((k for k, m in enumerate(cells) if _RECIPIENTS_RE.match(m.group("left"))), None)
            if at is not None:  # from the "Nơi nhận:" row (and signature rows with an empty left cell above it)
                while at and not cells[at - 1].group("left").strip():
                    at -= 1
                blocks.append((i + at, j, "recipients"))
        nonblank += j - i
        i = j
    return blocks


def layout_plain_text(text: str) -> PageText:
    """Lay out a plain-text page (a .txt or Word file) like a PDF page: each
    line becomes a row of words whose x is their character column, so the
    two-column header typed with tabs or spaces is split the same way."""
    rows, furniture = drop_running_heads(text.expandtabs(8).split("\n"))
    words: list[Word] = []
    width = 1
    # A two-column layout table (a Word header or Nơi nhận/signature table, "left | right" per row): its
    # right cells are set in a column of their own, so the gutter is the border between the cells.
    gutters: dict[str, float] = {}
    for start, end, kind in _two_cell_blocks(rows):
        cells = [_TWO_CELL_RE.match(r) for r in rows[start:end]]
        left_width = max(len(m.group("left")) for m in cells)
        for row, m in zip(range(start, end), cells, strict=True):
            rows[row] = m.group("left").ljust(left_width + COLUMN_GAP) + m.group("right")
        gutters.setdefault(kind, left_width + COLUMN_GAP / 2)
    for row, line in enumerate(rows):
        for m in re.finditer(r"\S+", line):
            words.append(dict(text=m.group(), x0=float(m.start()), x1=float(m.end()), top=row * 10.0,
                              bottom=row * 10.0 + 8))
        if row < 12:  # the header's width, not that of a long paragraph
            width = max(width, len(line.rstrip()))
    laid = layout_page(words, float(width), first_page=True, header_gutter=gutters.get("header"),
                       recipients_gutter=gutters.get("recipients"))
    if furniture:
        laid.furniture = "\n".join(filter(None, [*furniture, laid.furniture]))
    return laid


def drop_running_heads(rows: list[str]) -> tuple[list[str], list[str]]:
    """A text that joins a gazette's pages without form feeds keeps each page's running head ("CÔNG BÁO/Số …")
    and page number inside the text: those rows are blanked wherever they stand (they are never content) and
    returned as furniture.  Rows keep their places, so the layout's line positions do not move."""
    out, furniture = list(rows), []
    heads = [i for i, r in enumerate(rows) if any(rx.match(r) for rx in RUNNING_HEAD_RES)]
    for i in heads:
        for j in (i - 1, i, i + 1):
            if 0 <= j < len(out) and out[j] and (j == i or PAGE_NUMBER_RE.match(out[j])):
                furniture.append(out[j].strip())
                out[j] = ""
    return out, furniture
