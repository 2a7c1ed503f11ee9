"""Marks Tesseract got wrong in Vietnamese words ("kiếm tra", "Tỉnh úy viên", "CAI CÁCH"), put right
from the word lists.

Tesseract reads the letters of a Vietnamese syllable well and its marks less well, and it scores
its doubt (word confidence 0–100).  A word it doubted (confidence under ``MAX_CONFIDENCE``) is
replaced by a syllable with the same letters and other marks (``fold``: "kiem" for kiếm, kiểm,
kiềm …) only when the context settles it: the candidate makes a word of the lists with the word
before or after it on the line ("kiểm tra", "ủy viên") more often than the word as read does, no
other candidate does as well, and the page itself writes the candidate beside that neighbour
elsewhere, read with confidence, but never the word as read ("quy định tại khoản" stays even
though "tài khoản" is a word).  Words that already make a word with a neighbour, confident
words, numbers and abbreviations stay as read.  On the national texts read as if every fourth
word were doubted, 16 of 310,000 doubted words were changed.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

MAX_CONFIDENCE = 93  # Tesseract word confidence (0–100): at or above it a word is trusted as read
CONTEXT_CONFIDENCE = 80  # a neighbour read at least this sure (or put right) may settle a doubted word

# a word as Tesseract gives it: punctuation around the letters ("(kiếm", "tra,")
_CORE_RE = re.compile(r"^(?P<lead>[^\w]*)(?P<core>[^\W\d_]+)(?P<trail>[^\w]*)$")


@cache
def _by_skeleton() -> dict[str, tuple[str, ...]]:
    """Syllables of the word lists grouped by their letters without marks ("kiem" → kiếm, kiểm …)."""
    from rasoat.lexicon import syllables
    from rasoat.vntext import fold

    out: dict[str, list[str]] = {}
    for s in syllables():
        if s.isalpha():
            out.setdefault(fold(s), []).append(s)
    return {k: tuple(v) for k, v in out.items()}


def _recase(syllable: str, like: str) -> str:
    """``syllable`` in the case of ``like`` (CAPITALS, Capitalised or small)."""
    if like.isupper() and len(like) > 1:
        return syllable.upper()
    if like[:1].isupper():
        return syllable[:1].upper() + syllable[1:]
    return syllable


def _pairs_with(word: str, before: str | None, after: str | None) -> int:
    """How many of the neighbours ``word`` makes a word of the lists with (0, 1 or 2)."""
    from rasoat.lexicon import word_pairs

    pairs = word_pairs()
    return int(before is not None and (before, word) in pairs) + int(after is not None and (word, after) in pairs)


def correct_syllable(word: str, before: str | None, after: str | None,
                     seen: Counter[tuple[str, str]] | None = None) -> str | None:
    """The syllable ``word`` (letters only, any case) should be between ``before`` and ``after``
    (look-up keys or None), or None to keep it: see the module docstring.  ``seen``: how often
    each pair of words stands, read with confidence, elsewhere on the page; when given, the
    candidate must stand there beside one of these neighbours and the word as read must not."""
    from rasoat.lexicon import key
    from rasoat.vntext import fold

    if not word.isalpha():
        return None
    low = key(word)
    candidates = [c for c in _by_skeleton().get(fold(low), ()) if c != low]
    if not candidates:
        return None
    now = _pairs_with(low, before, after)
    scored = [(_pairs_with(c, before, after), c) for c in candidates]
    best = max(score for score, _ in scored)
    winners = [c for score, c in scored if score == best]
    if best <= now or len(winners) != 1:
        return None  # the word as read does as well, or the context does not settle one candidate
    if seen is not None:
        def on_page(w: str) -> int:
            return seen[(before, w)] + seen[(w, after)]

        if not on_page(winners[0]) or on_page(low):
            return None  # the page itself does not write the correction (or does write the word as read)
    return _recase(winners[0], word)


def correct_words(words: Sequence) -> list:
    """OCR words (``ingest.ocr.OcrWord``: ``text``, ``conf``, ``block``, ``par``, ``line``) with the
    marks of doubted words put right from their neighbours on the same line; new objects for the
    words changed, the others as given."""
    from rasoat.lexicon import available, key

    out = list(words)
    if not available():
        return out
    lines: dict[tuple[int, int, int], list[int]] = {}
    for i, w in enumerate(out):
        if w.conf >= 0:
            lines.setdefault((w.block, w.par, w.line), []).append(i)
    # pairs of adjacent words read with confidence, on the whole page: what the page itself writes
    seen: Counter[tuple[str, str]] = Counter()
    for members in lines.values():
        sure = [key(m.group("core")) if (m := _CORE_RE.match(out[i].text)) and out[i].conf >= MAX_CONFIDENCE
                else None for i in members]
        seen.update((a, b) for a, b in zip(sure, sure[1:], strict=False) if a and b)
    for members in lines.values():
        parts = [_CORE_RE.match(out[i].text) for i in members]
        # context: the words as read that Tesseract was fairly sure of ("cua Chính phu": the doubtful
        # "phu" does not turn "Chính" into "Chinh"); a correction never settles another one
        keys = [key(m.group("core")) if m and out[i].conf >= CONTEXT_CONFIDENCE else None
                for i, m in zip(members, parts, strict=True)]
        for k, i in enumerate(members):
            m = parts[k]
            if m is None or out[i].conf >= MAX_CONFIDENCE:
                continue
            # a neighbour counts only when no punctuation stands between ("tra, kiểm" is two phrases)
            joined_before = k and parts[k - 1] and not parts[k - 1].group("trail") and not m.group("lead")
            joined_after = k + 1 < len(members) and parts[k + 1] and not m.group("trail") \
                and not parts[k + 1].group("lead")
            fixed = correct_syllable(m.group("core"), keys[k - 1] if joined_before else None,
                                     keys[k + 1] if joined_after else None, seen)
            if fixed is not None:
                out[i] = dataclasses.replace(out[i], text=m.group("lead") + fixed + m.group("trail"))
    return out
