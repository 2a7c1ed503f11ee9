"""Repair of damaged glyph maps: PDFs whose fonts map some glyphs to the
wrong Unicode characters.

Only mappings that are certain are repaired, one character for one, so the
page text keeps its length and every span stays valid:

- "ƣ" (U+01A3, LATIN SMALL LETTER OI) and "Ƣ" (U+01A2) for "ư"/"Ư" — fonts
  made for the old VietWare/Unicode-3 tables print "ư" with the oi glyph;
- U+FFFE (a non-character) where a hyphen was, as in "117/QĐ\ufffeUBND".

A page where such characters were found, or where text is missing in a way
that cannot be repaired (``(cid:N)`` codes, U+FFFD), is marked damaged so a
reviewer knows the text may be wrong.
"""

from __future__ import annotations

import re

CERTAIN = str.maketrans({"\u01a3": "ư", "\u01a2": "Ư", "\ufffe": "-"})
_SUSPECT = re.compile(r"[\u01a2\u01a3\ufffe\ufffd]|\(cid:\d+\)")


def repair_glyphs(text: str) -> tuple[str, bool]:
    """(repaired text, damaged?) — the repaired text has the same length."""
    damaged = bool(_SUSPECT.search(text))
    return (text.translate(CERTAIN), damaged) if damaged else (text, False)


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def quoc_hieu_damaged(line: str) -> bool:
    """The Quốc hiệu is the most fixed line of any document: printed close
    to, but not exactly as, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (e.g.
    "CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM", every "H" lost), the font dropped
    glyphs.  Old/new tone placement (HOÀ/HÒA) is not damage."""
    from rapidfuzz import fuzz

    from rasoat.vntext import collapse, unify

    text = collapse(unify(line)).upper()
    if not text or text == QUOC_HIEU:
        return False
    return fuzz.ratio(text, QUOC_HIEU) >= 70
