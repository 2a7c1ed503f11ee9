"""Digits drawn as glyph outlines: text a reader sees that is no text.

Some issued copies carry the number and the day filled into the blanks of
"Số:      /QĐ-UBND" and "ngày    tháng    năm 2025" as vector paths — the
glyphs of the document's own font converted to curves — so the text layer
reads "Số: /QĐ-UBND".  Each such path has exactly the outline pdfium gives
for the digit in that font (same segments, same points up to scale,
position and a possible slant), so a path object is read as digit ``d``
when its segments match the outline of ``d`` in one of the page's fonts
under an affine map close to scale + shear, with a residual below
``TOLERANCE`` of the glyph height.  This is a geometric comparison with the
document's own fonts, not OCR: anything that is not such a glyph is left
alone.  Only digits are read (the blanks hold numbers and days).
"""

from __future__ import annotations

import ctypes

from ingest.marks import Stamp, plumber_box

TOLERANCE = 0.03  # largest point distance after the fit, as a share of the glyph height
MAX_SHEAR = 0.5  # synthetic italics slant by about 0.2
MIN_SEGMENTS = 12  # rules and boxes have fewer; digit outlines have 15-100
DIGITS = "0123456789"


def _bounds(obj) -> tuple[float, float, float, float]:
    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value


def _segments(handle, count, get) -> list[tuple[int, float, float]]:
    import pypdfium2.raw as raw

    out = []
    for i in range(count(handle)):
        seg = get(handle, i)
        x, y = ctypes.c_float(), ctypes.c_float()
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        out.append((raw.FPDFPathSegment_GetType(seg), x.value, y.value))
    return out


def _path_segments(obj) -> list[tuple[int, float, float]]:
    """Segments of a path object in page space."""
    import pypdfium2.raw as raw

    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    segs = _segments(obj, raw.FPDFPath_CountSegments, raw.FPDFPath_GetPathSegment)
    return [(t, m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f) for t, x, y in segs]


def _templates(page) -> dict[int, list[tuple[str, list]]]:
    """Segment count → [(digit, outline)] for the digits of the page's fonts."""
    import pypdfium2.raw as raw

    fonts = {}
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_TEXT:
            font = raw.FPDFTextObj_GetFont(obj)
            fonts[ctypes.addressof(font.contents)] = font
    out: dict[int, list] = {}
    for font in fonts.values():
        for d in DIGITS:
            glyph = raw.FPDFFont_GetGlyphPath(font, ord(d), 1.0)
            if glyph:
                segs = _segments(glyph, raw.FPDFGlyphPath_CountGlyphSegments, raw.FPDFGlyphPath_GetGlyphPathSegment)
                if len(segs) >= MIN_SEGMENTS:
                    out.setdefault(len(segs), []).append((d, segs))
    return out


def _solve3(m: list[list[float]], v: list[float]) -> list[float] | None:
    """Solve the 3×3 system m·x = v (Gaussian elimination); None if singular."""
    a = [row[:] + [val] for row, val in zip(m, v, strict=True)]
    for col in range(3):
        piv = max(range(col, 3), key=lambda r: abs(a[r][col]))
        if abs(a[piv][col]) < 1e-12:
            return None
        a[col], a[piv] = a[piv], a[col]
        for r in range(3):
            if r != col:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][3] / a[i][i] for i in range(3)]


def fit_error(template: list[tuple[int, float, float]], path: list[tuple[int, float, float]]) -> float | None:
    """Largest distance, as a share of the path's height, between the path's
    points and the template's under the least-squares affine map from one to
    the other; None when the segment types differ or the map is not a
    scale with at most a slant (no rotation, mirror or squeeze)."""
    if len(template) != len(path) or any(s[0] != p[0] for s, p in zip(template, path, strict=True)):
        return None
    height = max(p[2] for p in path) - min(p[2] for p in path)
    if height <= 0:
        return None
    m = [[0.0] * 3 for _ in range(3)]
    vx, vy = [0.0] * 3, [0.0] * 3
    for (_, u, v), (_, x, y) in zip(template, path, strict=True):
        row = (u, v, 1.0)
        for i in range(3):
            for j in range(3):
                m[i][j] += row[i] * row[j]
            vx[i] += row[i] * x
            vy[i] += row[i] * y
    fx, fy = _solve3(m, vx), _solve3(m, vy)
    if fx is None or fy is None:
        return None
    (a, c, e), (b, d, f) = fx, fy
    if a <= 0 or d <= 0 or abs(b) > 0.05 * d or abs(c) > MAX_SHEAR * d or not 0.7 < a / d < 1.4:
        return None
    worst = max(max(abs(a * u + c * v + e - x), abs(b * u + d * v + f - y))
                for (_, u, v), (_, x, y) in zip(template, path, strict=True))
    return worst / height


def read_digit(path: list, templates: dict[int, list]) -> str | None:
    """The digit whose outline the path is, or None."""
    best = None
    for digit, outline in templates.get(len(path), []):
        err = fit_error(outline, path)
        if err is not None and err < TOLERANCE and (best is None or err < best[0]):
            best = (err, digit)
    return best[1] if best else None


def _candidates(page) -> list:
    """Path objects of glyph size with enough segments to be a digit."""
    import pypdfium2.raw as raw

    out = []
    for i in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH or raw.FPDFPath_CountSegments(obj) < MIN_SEGMENTS:
            continue
        left, bottom, right, top = _bounds(obj)
        if 3 <= top - bottom <= 40 and right - left <= 1.5 * (top - bottom):
            out.append((obj, (left, bottom, right, top)))
    return out


def _glyphs(page) -> list[tuple[str, tuple[float, float, float, float]]]:
    candidates = _candidates(page)
    templates = _templates(page) if candidates else {}
    out = []
    for obj, box in candidates:
        segs = _path_segments(obj)
        digit = read_digit(segs, templates) if len(segs) in templates else None
        if digit:
            out.append((digit, box))
    return out


def _words(glyphs) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Digits next to each other on one baseline form one word ("2362")."""
    words: list[list] = []
    for d, box in sorted(glyphs, key=lambda g: (-round(g[1][1]), g[1][0])):
        if words:
            w = words[-1]
            h = max(w[1][3] - w[1][1], box[3] - box[1])
            if abs(box[1] - w[1][1]) < h / 3 and 0 <= box[0] - w[1][2] + 1 < h / 2:
                w[0] += d
                w[1] = (w[1][0], min(w[1][1], box[1]), box[2], max(w[1][3], box[3]))
                continue
        words.append([d, box])
    return [(t, b) for t, b in words]


def page_outline_digits(page) -> list[Stamp]:
    """Digits drawn as glyph outlines on a pypdfium2 page, as words with
    boxes in pdfplumber coordinates (``Stamp.field`` "outline1", "outline2",
    …: ``merge_stamps`` places each word on its own)."""
    glyphs = _glyphs(page)
    if not glyphs:
        return []
    mediabox, rotation = page.get_mediabox(), page.get_rotation()
    stamps = []
    for k, (text, box) in enumerate(_words(glyphs)):
        x0, x1, top, bottom = plumber_box(box, mediabox, rotation)
        stamps.append(Stamp(text, round(x0, 2), round(x1, 2), round(top, 2), round(bottom, 2), f"outline{k + 1}"))
    return stamps
