"""Small helpers for Vietnamese text shared by every stage.

- ``nfc``: Unicode NFC, what every stage stores; ``latin_lookalikes``: Cyrillic
  or Greek capitals drawn as Latin ones, typed into a number ("NĐ-СР"), as Latin.
- ``unify``: one spelling for matching: new-style tone placement, the one
  NĐ 30/2020 texts use ("hoà" → "hòa", "Uỷ" → "Ủy", "khoẻ" → "khỏe"), and
  Ð (U+00D0, Icelandic eth) → Đ (U+0110).
  The stored text keeps what the document says; ``unify`` is for comparing.
- ``fold``: the search form: lower case, no diacritics, đ → d
  ("Đăng ký" → "dang ky"); ``fold_what_sqlite_keeps``: only the words whose
  fold SQLite's own diacritic folding does not give (those with đ).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})

# Old-style tone placement on the second vowel of a syllable-final oa/oe/uy → on the first, written as
# (old, new) pairs for the five tones and every case; ua/ue too ("cuả" → "của"; "quà", "què" keep theirs).
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0303": "tilde", "\u0309": "hook", "\u0323": "dot"}


def _old_new_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y"), ("u", "a"), ("u", "e")):
        for mark in _TONES:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    old = unicodedata.normalize("NFC", f + s + mark)
                    new = unicodedata.normalize("NFC", f + mark + s)
                    pairs[old] = new
    return pairs


_OLD_NEW = _old_new_pairs()
# Only when the pair ends the syllable ("hoà", "thuý", "khoẻ"); in a closed
# syllable ("hoàn", "thuyết") the mark already sits on the second vowel; never
# after q ("quý", "quà": u is part of the consonant there).
_OLD_TONE_RE = re.compile(
    r"(?<![qQ])(" + "|".join(sorted(map(re.escape, _OLD_NEW), key=len, reverse=True)) + r")(?![^\W\d_])"
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Cyrillic and Greek capitals drawn as Latin ones: typed from another keyboard layout into a document number
# ("Nghị định số 40/2026/NĐ-СР", "TT-BТС" with Cyrillic С, Р, Т) they break the number for every reader.
_LOOKALIKES = {
    **dict(zip("АВЕКМНОРСТХ", "ABEKMHOPCTX", strict=True)),  # Cyrillic
    **dict(zip("ΑΒΕΗΙΚΜΝΟΡΤΥΧΖ", "ABEHIKMNOPTYXZ", strict=True)),  # Greek
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)
# A run of Cyrillic or Greek letters (a word of those scripts, or part of a mixed one).
_FOREIGN_RUN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]+")


def latin_lookalikes(text: str) -> str:
    """Runs of Cyrillic or Greek letters that are all capitals drawn as Latin ones written as those ("NĐ-СР" →
    "NĐ-CP"); a run holding another letter is a word of its script ("РОССИЯ", "σn" in a formula) and stays.
    One character for one: offsets and spans do not move."""
    if not _FOREIGN_RUN.search(text):
        return text
    return _FOREIGN_RUN.sub(lambda m: m.group(0).translate(_LOOKALIKE_TABLE)
                            if all(ch in _LOOKALIKES for ch in m.group(0)) else m.group(0), text)


def unify(text: str) -> str:
    """NFC, Đ for Ð, and new-style tone placement: hoà→hòa, UỶ→ỦY, khoẻ→khỏe (for matching only)."""
    text = nfc(text).translate(_ETH)
    return _OLD_TONE_RE.sub(lambda m: _OLD_NEW[m.group(1)], text)


_STRIP = {ord("đ"): "d", ord("Đ"): "D", 0x00D0: "D", 0x00F0: "d"}


def fold(text: str) -> str:
    """Lower case, without diacritics, đ → d: the diacritic-insensitive search form."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STRIP))
    if decomposed and max(decomposed) >= "\U00010000":  # beyond the table: character by character
        return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return decomposed.translate(_bmp_combining()).lower()


@cache
def _bmp_combining() -> dict[int, None]:
    """Every combining mark of the Basic Multilingual Plane, to delete with ``str.translate`` (in C, not a
    Python loop per character: ``fold`` runs on every sentence that holds a figure)."""
    return {cp: None for cp in range(0x10000) if unicodedata.combining(chr(cp))}


# SQLite's FTS5 tokenizer "unicode61 remove_diacritics 2" takes every Vietnamese tone and vowel mark off
# but leaves đ (and Ð, ð), letters of their own: only words holding them need a folded copy in an index.
_KEPT_BY_SQLITE_RE = re.compile(r"[^\sđĐðÐ]*[đĐðÐ]\S*")


def fold_what_sqlite_keeps(text: str) -> str:
    """The words of ``text`` that SQLite's diacritic folding leaves apart
    from ``fold`` (those with đ), folded: "Sở Tư pháp tỉnh Lâm Đồng,
    93/NQ-HĐND" → "dong, 93/nq-hdnd"."""
    return " ".join(fold(w) for w in _KEPT_BY_SQLITE_RE.findall(text))


_SPACE_RE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Collapse runs of white space to one space and strip."""
    return _SPACE_RE.sub(" ", text).strip()
