"""Page words through pdfium (pypdfium2): the words pdfplumber's
``extract_words`` gives, about twenty times faster.

pdfplumber (pdfminer) interprets every page in Python; pdfium does it in C
and hands out each character with its box.  From those boxes we rebuild the
character boxes pdfminer would have made and group them into words with
pdfplumber's own rules (``WordExtractor``: lines by ``top`` within
``Y_TOLERANCE``, left to right, a new word at a blank or at a gap wider than
``X_TOLERANCE``), so ``ingest.layout.layout_page`` lays out the same words.

pdfminer's box of a character: x0 = the origin, x1 = origin + advance, and
vertically from ``baseline + descent × size`` up by ``size`` (the font size
scaled by the text matrix), ``descent`` being the font descriptor's
/Descent ÷ 1000, or for the standard fonts pdfminer's own metrics.  pdfium
gives the origin and the advance (its "loose" box), the text object gives
the baseline, the size and the font.

What pdfium does differently, and how it is undone:

* it *adds* spaces and line breaks ("generated" characters): dropped, the
  gap rule decides as in pdfplumber;
* it drops repeated blanks: a blank only ends a word, one is enough;
* it leaves out whole text objects whose glyphs have no extent (runs of
  spaces: Word writes many) and those repeating one of the five before
  (same character codes, overlapping): a skipped object with no height is
  blanks only and is put back as blanks (``_Reader.skipped_blanks``);
* it writes a hyphen that ends a line as U+0002: it is "-" again, or the
  soft hyphen U+00AD (TCVN3's "ư") when a U+00AD of the same font has the
  same width on the page.

What is not reproduced makes ``page_words`` return None, and the caller
reads that page with pdfplumber: rotated or skewed text, a character
without a Unicode mapping (pdfminer writes ``(cid:N)``), a skipped object
with visible glyphs, a rotated page, a MediaBox not starting at (0, 0).

Only pdfium's public C API is used, through private ``ctypes`` prototypes
that take and return handles as plain integers (hashable, and faster than
pypdfium2's typed pointers).
"""

from __future__ import annotations

import ctypes
from ctypes import c_char_p, c_double, c_float, c_int, c_uint, c_ulong, c_void_p
from dataclasses import dataclass
from operator import itemgetter
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.fontmetrics import FONT_METRICS
from pdfplumber.utils.text import LIGATURES

from rasoat.limits import LimitExceeded

X_TOLERANCE = 3  # pdfplumber's x_tolerance: a wider gap starts a new word
Y_TOLERANCE = 3  # pdfplumber's y_tolerance: tops closer than this share a line


def _c(name: str, restype, *argtypes):
    """A ctypes prototype of the pdfium function ``name`` (the one pypdfium2 loaded)."""
    address = ctypes.cast(getattr(raw, name), c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


def _fast(name: str, restype=c_int):
    """The pdfium function ``name`` without argument conversion, for the
    per-character loop (half the cost of a call): pointers must be passed as
    ``c_void_p`` objects, integers as ``int``."""
    function = _c(name, restype)
    function.argtypes = None
    return function


_valid_xref = _c("FPDF_DocumentHasValidCrossReferenceTable", c_int, c_void_p)
_count_chars = _c("FPDFText_CountChars", c_int, c_void_p)
_unicode = _fast("FPDFText_GetUnicode", c_uint)
_is_generated = _fast("FPDFText_IsGenerated")
_is_hyphen = _fast("FPDFText_IsHyphen")
_map_error = _fast("FPDFText_HasUnicodeMapError")
_loose_box = _fast("FPDFText_GetLooseCharBox")
_text_object = _fast("FPDFText_GetTextObject", c_void_p)
_origin = _c("FPDFText_GetCharOrigin", c_int, c_void_p, c_int, c_void_p, c_void_p)
_object_font = _fast("FPDFTextObj_GetFont", c_void_p)
_object_font_size = _fast("FPDFTextObj_GetFontSize")
_object_matrix = _fast("FPDFPageObj_GetMatrix")
_object_type = _fast("FPDFPageObj_GetType")
_bounds = _c("FPDFPageObj_GetBounds", c_int, c_void_p, c_void_p, c_void_p, c_void_p, c_void_p)
_font_descent = _c("FPDFFont_GetDescent", c_int, c_void_p, c_float, c_void_p)
_font_name = _c("FPDFFont_GetBaseFontName", c_ulong, c_void_p, c_char_p, c_ulong)
_count_objects = _c("FPDFPage_CountObjects", c_int, c_void_p)
_get_object = _fast("FPDFPage_GetObject", c_void_p)
_form_count = _c("FPDFFormObj_CountObjects", c_int, c_void_p)
_form_object = _c("FPDFFormObj_GetObject", c_void_p, c_void_p, c_ulong)
_count_segments = _c("FPDFPath_CountSegments", c_int, c_void_p)
_path_segment = _c("FPDFPath_GetPathSegment", c_void_p, c_void_p, c_int)
_segment_type = _c("FPDFPathSegment_GetType", c_int, c_void_p)

_UNMAPPED = frozenset((0, 0xFFFE, 0xFFFF))
_HYPHEN_MARK = 2  # what pdfium writes for a hyphen that ends a line
_SOFT_HYPHEN = "\u00ad"

# A character: (text, x0, x1, top, bottom, font name)
Char = tuple


def _handle(obj) -> int:
    """The address behind a pypdfium2 object (document, page, text page)."""
    return ctypes.cast(obj.raw, c_void_p).value


class _Run(NamedTuple):
    """What the characters of one text object share."""

    font: str
    size: float  # font size × text matrix scale (pdfminer's char "size")
    descent: float  # /Descent ÷ 1000, negative
    baseline: float  # y of the baseline, PDF user space
    upright: bool  # neither rotated nor skewed


@dataclass
class FastPage:
    """A page's characters (pdfminer's boxes, top-down coordinates) and width."""

    chars: list[Char]
    width: float

    @property
    def fonts(self) -> set[str]:
        return {c[5] for c in self.chars}

    def words(self, with_chars: bool = False) -> list[dict]:
        """pdfplumber's ``extract_words(x_tolerance=3, y_tolerance=3)``;
        ``with_chars``: each word also lists its chars (text, fontname) as
        ``extract_words(return_chars=True)`` does, for ``legacy.repair_words``."""
        return group_words(self.chars, with_chars)


def open_document(path: str) -> pdfium.PdfDocument | None:
    """The PDF through pdfium, or None when pdfium cannot read it as it
    stands (encrypted, damaged, cross-reference table rebuilt): such files
    are left to pdfplumber, whose errors the caller reports."""
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return None
    if not _valid_xref(_handle(doc)):
        doc.close()
        return None
    return doc


def page_words(page: pdfium.PdfPage, max_chars: int | None = None) -> FastPage | None:
    """The page's characters as pdfplumber would see them (see
    ``FastPage.words``), or None when this page must be read by pdfplumber.
    ``max_chars``: a page with more characters (pdfium's count) raises
    ``LimitExceeded`` before they are read one by one."""
    left, bottom, right, top = page.get_mediabox()
    if page.get_rotation() % 360 or left or bottom:
        return None
    textpage = page.get_textpage()
    try:
        count = _count_chars(_handle(textpage))
        if max_chars is not None and count > max_chars:
            raise LimitExceeded("max_page_chars", count, max_chars)
        reader = _Reader(_handle(page), _handle(textpage), float(top - bottom))
        chars = reader.chars(textpage.get_text_range())
        blanks = None if chars is None else reader.skipped_blanks()
    finally:
        textpage.close()
    if chars is None or blanks is None:
        return None
    return FastPage(chars=chars + blanks, width=float(right - left))


class _Reader:
    """Reads the characters of one pdfium page."""

    def __init__(self, page: int, textpage: int, page_height: float) -> None:
        self.page, self.tp = page, textpage
        self.height = page_height
        self.runs: dict[int, _Run] = {}  # text object → what its characters share
        self.fonts: dict[int, tuple[str, float]] = {}  # font handle → name, descent
        self._size, self._matrix = c_float(), raw.FS_MATRIX()
        self._size_p, self._matrix_p = ctypes.byref(self._size), ctypes.byref(self._matrix)
        self.used: set[int] = set()  # text objects with characters in the text page
        self.top_level = set(self.text_objects())

    def run(self, obj: int) -> _Run:
        r = self.runs.get(obj)
        if r is None:
            size, matrix, handle = self._size, self._matrix, c_void_p(obj)
            _object_font_size(handle, self._size_p)
            _object_matrix(handle, self._matrix_p)
            font = _object_font(handle)
            info = self.fonts.get(font) or self.fonts.setdefault(font, _font_info(font))
            upright = matrix.b == 0 and matrix.c == 0 and matrix.a > 0 and matrix.d > 0
            r = self.runs[obj] = _Run(font=info[0], size=size.value * matrix.d, descent=info[1],
                                      baseline=matrix.f, upright=upright)
        return r

    def chars(self, page_text: str) -> list[Char] | None:
        """Real characters in pdfium's order, blanks included; None when
        pdfplumber must read the page.  ``page_text``: the text page's text,
        one character per index when its length is the character count."""
        tp, runs = c_void_p(self.tp), self.runs
        count = _count_chars(self.tp)
        if len(page_text) != count:
            page_text = "".join(chr(_unicode(tp, i)) for i in range(count))
        rect = raw.FS_RECTF()
        rect_p = c_void_p(ctypes.addressof(rect))
        out: list[Char] = []
        hyphens: list[int] = []
        spans: dict[int, tuple | None] = {}  # text object → (top, bottom, font) of its characters
        for i, text in enumerate(page_text):
            if text.isspace() and _is_generated(tp, i):
                continue
            code = ord(text)
            if code == 0xFFFE:  # in the page text: a hyphen ending a line, or no Unicode
                code = _unicode(tp, i)
            if code == _HYPHEN_MARK and _is_hyphen(tp, i):
                hyphens.append(len(out))
                text = "-"
            elif code in _UNMAPPED or _map_error(tp, i):
                return None
            obj = _text_object(tp, i)
            span = spans.get(obj)
            if span is None:
                span = spans[obj] = self.span(obj, i)
                if span is None:
                    return None
            _loose_box(tp, i, rect_p)
            out.append((LIGATURES.get(text, text), rect.left, rect.right, *span))
        self.used = set(runs)
        for k in hyphens:
            out[k] = (_hyphen_text(out, out[k]), *out[k][1:])
        return out

    def span(self, obj: int, index: int) -> tuple[float, float, str] | None:
        """(top, bottom, font) of the characters of a text object, pdfminer's
        way; None when they are rotated or skewed.  Inside a form the
        object's matrix is not the whole story: the character's origin is."""
        r = self.run(obj)
        if not r.upright:
            return None
        baseline = r.baseline if obj in self.top_level else self.origin_y(index)
        bottom = baseline + r.descent * r.size
        return self.height - bottom - r.size, self.height - bottom, r.font

    def origin_y(self, index: int) -> float:
        """Baseline of one character (text inside a form: the form's matrix applies)."""
        x, y = c_double(), c_double()
        _origin(self.tp, index, ctypes.byref(x), ctypes.byref(y))
        return y.value

    def skipped_blanks(self) -> list[Char] | None:
        """Blanks of the text objects pdfium left out of its text page.

        A skipped object with no height holds blanks only (a glyph without
        outline has its origin as bounds): one blank at each origin, a
        quarter of the font size apart.  A skipped object with height
        repeats visible text (underscores drawn one by one, overprinted
        "bold"): it cannot be rebuilt, None."""
        blanks: list[Char] = []
        box = [c_float() for _ in range(4)]
        pointers = [ctypes.addressof(v) for v in box]
        for obj in self.top_level - self.used:
            _bounds(obj, *pointers)
            left, bottom, right, top = (v.value for v in box)
            r = self.run(obj)
            if top - bottom > 1e-3 or not r.upright:
                return None
            step = max(r.size / 4, 0.5)
            below = bottom + r.descent * r.size
            for k in range(round((right - left) / step) + 1):
                x = left + k * step
                blanks.append((" ", x, x + step, self.height - below - r.size, self.height - below, r.font))
        return blanks

    def text_objects(self):
        """Text objects of the page (not those inside forms)."""
        page, text = c_void_p(self.page), raw.FPDF_PAGEOBJ_TEXT
        for i in range(_count_objects(self.page)):
            obj = _get_object(page, i)
            if _object_type(c_void_p(obj)) == text:
                yield obj


def _font_info(font: int) -> tuple[str, float]:
    """Base name and descent (÷ 1000, negative) of a font: pdfminer takes the
    standard fonts' metrics from its own table, the others' from /Descent."""
    descent = c_float()
    _font_descent(font, c_float(1000.0), ctypes.addressof(descent))
    buf = ctypes.create_string_buffer(256)
    n = _font_name(font, buf, 256)
    name = buf.raw[: max(n - 1, 0)].decode("utf-8", "replace")
    d = float(FONT_METRICS[name][0]["Descent"] if name in FONT_METRICS else descent.value) / 1000.0
    return name, -abs(d)


def _hyphen_text(chars: list[Char], hyphen: Char) -> str:
    """"-", or U+00AD when a soft hyphen of the same font and width is on the page."""
    width = round(hyphen[2] - hyphen[1], 2)
    for c in chars:
        if c[0] == _SOFT_HYPHEN and c[5] == hyphen[5] and round(c[2] - c[1], 2) == width:
            return _SOFT_HYPHEN
    return "-"


def group_words(chars: list[Char], with_chars: bool = False) -> list[dict]:
    """pdfplumber's word grouping: tops clustered (chain, tolerance
    Y_TOLERANCE) into lines, top to bottom; each line sorted by x0 (stable);
    a blank, a step back, a gap wider than X_TOLERANCE or a top further than
    Y_TOLERANCE from the previous character's starts a new word.  A word's
    box is the union of its characters' boxes."""
    lines: dict[float, list[Char]] = {}  # first top of a line → its characters, in content order
    line_of: dict[float, list[Char]] = {}
    last = None
    for t in sorted({c[3] for c in chars}):
        if last is None or t > last + Y_TOLERANCE:
            current = lines[t] = []
        line_of[t] = current
        last = t
    for c in chars:
        line_of[c[3]].append(c)
    words: list[dict] = []
    by_x0 = itemgetter(1)
    for line in lines.values():
        line.sort(key=by_x0)
        parts: list[Char] = []
        for c in line:
            if c[0].isspace():
                if parts:
                    words.append(_word(parts, with_chars))
                    parts = []
                continue
            if parts:
                p = parts[-1]
                if c[1] < p[1] or c[1] > p[2] + X_TOLERANCE or abs(c[3] - p[3]) > Y_TOLERANCE:
                    words.append(_word(parts, with_chars))
                    parts = []
            parts.append(c)
        if parts:
            words.append(_word(parts, with_chars))
    return words


def _word(chars: list[Char], with_chars: bool) -> dict:
    first = chars[0]
    if len(chars) == 1:
        word = {"text": first[0], "x0": first[1], "x1": first[2], "top": first[3], "bottom": first[4]}
    else:
        word = {"text": "".join([c[0] for c in chars]), "x0": first[1], "x1": max([c[2] for c in chars]),
                "top": min([c[3] for c in chars]), "bottom": max([c[4] for c in chars])}
    if with_chars:
        word["chars"] = [{"text": c[0], "fontname": c[5], "x0": c[1], "x1": c[2]} for c in chars]
    return word


def ruling_lines(page: pdfium.PdfPage, limit: int) -> int:
    """How many lines and rectangles pdfplumber may find on the page, at
    least (counted up to ``limit``)."""
    return straight_subpaths(_handle(page), limit)


def straight_subpaths(container: int, limit: int, in_form: bool = False) -> int:
    """Subpaths drawn with straight segments only (up to ``limit``), in the
    page or a form (``in_form``) and the forms inside it.

    pdfminer makes each such subpath a line or a rectangle, and a curve of
    the rest; so this is at least pdfplumber's ``len(page.lines) +
    len(page.rects)`` (a polyline counts here, not there)."""
    found = 0
    for obj in _children(container, in_form):
        kind = _object_type(c_void_p(obj))
        if kind == raw.FPDF_PAGEOBJ_PATH:
            found += _straight_in_path(obj)
        elif kind == raw.FPDF_PAGEOBJ_FORM:
            found += straight_subpaths(obj, limit - found, in_form=True)
        if found >= limit:
            break
    return found


def _children(container: int, in_form: bool):
    """The objects of a page, or of a form object (``in_form``), in content order."""
    if in_form:
        for i in range(_form_count(container)):
            yield _form_object(container, i)
    else:
        page = c_void_p(container)
        for i in range(_count_objects(container)):
            yield _get_object(page, i)


def _straight_in_path(path: int) -> int:
    found, straight, open_ = 0, True, False
    for k in range(_count_segments(path)):
        kind = _segment_type(_path_segment(path, k))
        if kind == raw.FPDF_SEGMENT_MOVETO:
            found += open_ and straight
            straight, open_ = True, True
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            straight = False
    return found + (open_ and straight)


# ----------------------------------------------------------- ruling lines as edges

_segment_point = _c("FPDFPathSegment_GetPoint", c_int, c_void_p, c_void_p, c_void_p)
_segment_close = _c("FPDFPathSegment_GetClose", c_int, c_void_p)
_get_matrix = _c("FPDFPageObj_GetMatrix", c_int, c_void_p, c_void_p)

# An affine matrix (a, b, c, d, e, f), PDF's convention: the point (x, y)
# goes to (a x + c y + e, b x + d y + f).
Matrix = tuple
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

# A point of a subpath as pdfminer sees it: (operator "m" | "l" | "c" | "h",
# x, y), page space (PDF user space of the page, y up); for a Bézier ("c")
# only its end point, for "h" the subpath's start.
PathPoint = tuple


def page_edges(page: pdfium.PdfPage) -> list[dict]:
    """The page's edges as pdfplumber's ``page.edges`` gives them: every
    line, the four sides of every rectangle, and each segment between two
    consecutive points of every other path (its orientation None unless it
    is horizontal or vertical), with top-down coordinates and pdfplumber's
    keys (``x0 x1 top bottom width height orientation object_type``).

    pdfminer splits each painted path into subpaths and makes each one a
    line (``m l``, ``m l h``), a rectangle (four sides closing on the start,
    each horizontal or vertical) or a curve of its points; pdfium keeps the
    painted paths as path objects, with their matrix, inside forms too.
    The classification is pdfminer's (``PDFLayoutAnalyzer.paint_path``) on
    the same points.  Coordinates are pdfium's single-precision floats, so
    they may differ from pdfplumber's in the last digits."""
    left, bottom, right, top = page.get_mediabox()
    height = float(top - bottom)
    edges: list[dict] = []
    for path, matrix in _path_objects(_handle(page), _IDENTITY):
        for points in _subpaths(path, matrix):
            edges.extend(subpath_edges(points, height))
    return edges


def _path_objects(container: int, matrix: Matrix, in_form: bool = False):
    """(path object, its matrix to page space) for every path object of the
    page or form ``container`` (``matrix``: the form's, to page space) and
    of the forms inside it."""
    m = raw.FS_MATRIX()
    for obj in _children(container, in_form):
        kind = _object_type(c_void_p(obj))
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            continue
        _get_matrix(obj, ctypes.addressof(m))
        own = _compose((m.a, m.b, m.c, m.d, m.e, m.f), matrix)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            yield obj, own
        else:
            yield from _path_objects(obj, own, in_form=True)


def _compose(first: Matrix, then: Matrix) -> Matrix:
    """The matrix applying ``first``, then ``then``."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _subpaths(path: int, matrix: Matrix) -> list[list[PathPoint]]:
    """The subpaths of a path object as pdfminer builds them, points in page
    space.  pdfium gives a Bézier as three points (two control points, then
    the end): only the end is kept, as pdfminer keeps it.

    pdfium closes a subpath ("h") with a line back to the start, or, when
    the path is back there already, by a flag on the last point.  pdfminer
    gives "h" the start as its point and drops a line to the start just
    before it: a closed line to the start is pdfminer's "h", and a closed
    Bézier is followed by an "h" of its own."""
    a, b, c, d, e, f = matrix
    x, y = c_float(), c_float()
    xp, yp = ctypes.addressof(x), ctypes.addressof(y)
    subpaths: list[list[PathPoint]] = []
    current: list[PathPoint] = []
    controls = 0  # Bézier points seen since the last end point
    for k in range(_count_segments(path)):
        segment = _path_segment(path, k)
        kind = _segment_type(segment)
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            controls += 1
            if controls < 3:
                continue
            controls = 0
        _segment_point(segment, xp, yp)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            current = [("m", *point)]
            subpaths.append(current)
        elif not current:
            continue
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            current.append(("c", *point))
            if _segment_close(segment):
                current.append(("h", *current[0][1:]))
        else:
            closes = _segment_close(segment) and point == current[0][1:]
            current.append(("h" if closes else "l", *point))
    return subpaths


def subpath_edges(points: list[PathPoint], height: float) -> list[dict]:
    """pdfplumber's edges of one subpath (points in page space, y up):
    pdfminer's line, rectangle or curve, then pdfplumber's ``line_to_edge``,
    ``rect_to_edges`` or ``curve_to_edges``.

    A line is "m l" or "m l h"; a rectangle "m l l l h", or "m l l l l"
    back to the start, its sides alternately vertical and horizontal."""
    shape = "".join(p[0] for p in points)
    xy = [(p[1], p[2]) for p in points]
    if shape in ("ml", "mlh"):
        return [_line_edge(xy[0], xy[1], height)]
    if shape in ("mlllh", "mllll") and xy[4] == xy[0] and _square(xy):
        return _rect_edges(xy[0], xy[2], height)
    return [_segment_edge(p, q, height) for p, q in zip(xy, xy[1:], strict=False)]


def _square(xy: list[tuple[float, float]]) -> bool:
    """pdfminer's test for a rectangle: sides alternately vertical and horizontal."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = xy[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _box(p, q, height: float) -> dict:
    """pdfplumber's box of the segment or rectangle spanned by p and q (y up) in top-down coordinates."""
    x0, x1 = min(p[0], q[0]), max(p[0], q[0])
    y0, y1 = min(p[1], q[1]), max(p[1], q[1])
    return {"x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0, "width": x1 - x0, "height": y1 - y0}


def _line_edge(p, q, height: float) -> dict:
    """pdfplumber's edge of a line: horizontal when its top is its bottom,
    otherwise "v" (even a slanted line, as in pdfplumber)."""
    edge = _box(p, q, height)
    edge["orientation"] = "h" if edge["top"] == edge["bottom"] else "v"
    edge["object_type"] = "line"
    return edge


def _rect_edges(p, q, height: float) -> list[dict]:
    """The four sides of a rectangle (opposite corners p and q), as ``rect_to_edges``."""
    box = _box(p, q, height)
    top = dict(box, bottom=box["top"], height=0, orientation="h")
    bottom = dict(box, top=box["bottom"], height=0, orientation="h")
    left = dict(box, x1=box["x0"], width=0, orientation="v")
    right = dict(box, x0=box["x1"], width=0, orientation="v")
    return [dict(e, object_type="rect_edge") for e in (top, bottom, left, right)]


def _segment_edge(p, q, height: float) -> dict:
    """The edge between two consecutive points of a curve, as ``curve_to_edges``."""
    edge = _box(p, q, height)
    edge["orientation"] = "v" if p[0] == q[0] else ("h" if p[1] == q[1] else None)
    edge["object_type"] = "curve_edge"
    return edge
