"""What ``ingest.signed`` (annotation stamps) and ``ingest.outlines`` (digits
drawn as outlines) both make: words printed outside the text layer, with
boxes in pdfplumber coordinates; one module below both, so neither imports
the other's internals."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stamp:
    """One word printed by an annotation appearance; box in pdfplumber
    coordinates (points, origin top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    field: str = ""  # the annotation that printed it ("Signature3" or "annot2")


def plumber_box(box: tuple[float, float, float, float], mediabox: tuple[float, float, float, float],
                rotation: int) -> tuple[float, float, float, float]:
    """(x0, x1, top, bottom) as pdfplumber gives them for a box (l, b, r, t)
    in PDF user space (pdfminer's page matrix, then pdfplumber's flip)."""
    mx0, my0, mx1, my1 = mediabox
    ctm = {90: (0, -1, 1, 0, -my0, mx1), 180: (-1, 0, 0, -1, mx1, my1), 270: (0, 1, -1, 0, my1, -mx0)}.get(
        rotation, (1, 0, 0, 1, -mx0, -my0))
    a, b, c, d, e, f = ctm
    pts = [(a * x + c * y + e, b * x + d * y + f) for x in (box[0], box[2]) for y in (box[1], box[3])]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    nx0, nx1 = sorted((mx0, mx1))
    ny0, ny1 = sorted((my0, my1))
    if rotation in (90, 270):
        nx0, ny0, nx1, ny1 = ny0, nx0, ny1, nx1
    height = ny1 - ny0
    return min(xs) + nx0, max(xs) + nx0, height - max(ys) - ny0, height - min(ys) - ny0
