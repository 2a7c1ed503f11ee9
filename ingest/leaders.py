"""Dot leaders on scanned pages: the rows of dots of a form's blanks
("Họ và tên:..........", "(Kỳ theo dõi, đánh giá:........)").

Tesseract reads them badly: it drops a long row of dots, often with the
label before it ("Họ và tên:" disappears with its dots), or makes letters
of them ("22ccecvEvveer").  So, before OCR, :func:`find_leaders` finds them
in the page image — small, isolated, equally spaced dots on one baseline —
:func:`erase` whitens them, and the OCR words get one word of as many dots
as were counted, where they were (:func:`leader_words`).

Everything is measured in pixels of the rendered page; the thresholds are
fractions of the resolution so they hold at any dpi.
"""

from __future__ import annotations

from dataclasses import dataclass

#: A pixel is ink below this grey level (0 black, 255 white).
INK = 140
#: A dot fits in a square this wide (in points: a full stop of 10–14 pt type is about 1.5 pt).
DOT_MAX_PT = 2.5
#: No other ink this close around a dot (in points; less than the space between typed dots): a full stop
#: after a word, the dot of an "i"
#: or of "ạ" has a letter that close.
CLEAR_PT = 0.7
#: No ink this high above a leader's dot (in points): a colon's upper dot is about an x-height above.
OPEN_ABOVE_PT = 8.0
#: Dots of one leader: on one baseline (within this many points), each at most this far from the
#: previous one, and at least this many of them.
BASELINE_PT, GAP_MAX_PT, MIN_DOTS = 1.2, 6.0, 6


@dataclass(frozen=True)
class Leader:
    """A row of ``dots`` dots; box in pixels."""

    x0: int
    x1: int
    top: int
    bottom: int
    dots: int


def _box_sums(ink, r: int):
    """Count of ink pixels in the (2r+1)² square around each pixel."""
    import numpy as np

    k = 2 * r + 1
    padded = np.pad(ink, r)
    ii = np.zeros((padded.shape[0] + 1, padded.shape[1] + 1), np.int32)
    ii[1:, 1:] = padded.cumsum(0, dtype=np.int32).cumsum(1, dtype=np.int32)
    return ii[k:, k:] - ii[:-k, k:] - ii[k:, :-k] + ii[:-k, :-k]


def find_leaders(image, dpi: int) -> list[Leader]:
    """The dot leaders of a greyscale page image rendered at ``dpi``."""
    import numpy as np

    px = dpi / 72.0
    ink = np.asarray(image.convert("L")) < INK
    core_r = max(1, round(DOT_MAX_PT * px / 2))
    ring_r = core_r + max(1, round(CLEAR_PT * px))
    core, ring = _box_sums(ink, core_r), _box_sums(ink, ring_r)
    # a pixel whose square holds a whole dot and nothing around it
    centre = ink & (core == ring) & (core <= (2 * core_r + 1) ** 2 // 2)
    ys, xs = np.nonzero(centre)
    dots: list[list[float]] = []  # [y, x, top, bottom, x0, x1] of each dot
    cell, grid = 2 * core_r + 1, {}  # the centre pixels of one dot are one dot
    for y, x in zip(ys.tolist(), xs.tolist(), strict=True):
        cy, cx = y // cell, x // cell
        near = (grid.get((cy + i, cx + j)) for i in (-1, 0, 1) for j in (-1, 0, 1))
        if any(d is not None and abs(d[0] - y) <= core_r and abs(d[1] - x) <= core_r for d in near):
            continue
        grid[(cy, cx)] = d = [y, x, y - core_r, y + core_r, x - core_r, x + core_r]
        above = ink[max(0, y - core_r - round(OPEN_ABOVE_PT * px)):max(0, y - core_r), x - core_r:x + core_r + 1]
        if not above.any():  # not the lower dot of a colon, nor a dot under a letter
            dots.append(d)
    rows: list[list[list[float]]] = []
    for d in sorted(dots, key=lambda d: (d[0], d[1])):
        row = next((r for r in reversed(rows[-20:]) if abs(r[-1][0] - d[0]) <= BASELINE_PT * px), None)
        if row is None:
            rows.append([d])
        else:
            row.append(d)
    leaders = []
    for row in rows:
        row.sort(key=lambda d: d[1])
        run = [row[0]]
        for d in row[1:] + [None]:
            if d is not None and d[1] - run[-1][1] <= GAP_MAX_PT * px:
                run.append(d)
                continue
            if len(run) >= MIN_DOTS and _regular(run):
                leaders.append(Leader(int(run[0][4]), int(run[-1][5]) + 1, int(min(r[2] for r in run)),
                                      int(max(r[3] for r in run)) + 1, len(run)))
            if d is not None:
                run = [d]
    return leaders


def _regular(run: list[list[float]]) -> bool:
    """Equally spaced, as typed dots are (a seal's texture is not)."""
    gaps = sorted(b[1] - a[1] for a, b in zip(run, run[1:], strict=False))
    median = gaps[len(gaps) // 2]
    return median > 0 and sum(abs(g - median) <= 0.35 * median for g in gaps) >= 0.8 * len(gaps)


def erase(image, leaders: list[Leader]):
    """A copy of the image with the leaders whitened."""
    from PIL import ImageDraw

    out = image.copy()
    draw = ImageDraw.Draw(out)
    for lead in leaders:
        draw.rectangle((lead.x0, lead.top, lead.x1, lead.bottom), fill=255)
    return out
