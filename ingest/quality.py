"""Is a PDF text layer real Vietnamese, or garbage to be re-OCRed?

Scanned documents often carry a text layer made by an OCR engine without a
Vietnamese model ("uY BAN NgAN nAN ceNG HoA", "Nguy6n", "b6o c6o"), and some
PDFs only yield ``(cid:16)`` tokens because their fonts have no Unicode map.
Such a layer must not be trusted: the page is OCRed instead.

The test is phonotactic.  Vietnamese is written in syllables of a known shape
(onset + rime + at most one tone mark) and almost every syllable of real
Vietnamese text carries a diacritic; garbage fails on both counts.

Callers must convert legacy-encoded text (TCVN3/ABC, VNI) to Unicode *before*
asking :func:`text_layer_is_garbage`: TCVN3 text such as "Céng hoµ x· héi"
does not look Vietnamese and would be reported as garbage.

Everything here is a pure function over ``str``; regular expressions are
compiled once and syllable verdicts are cached, so scoring runs at several
megabytes of text per second.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "TextStats",
    "is_vietnamese_syllable",
    "text_layer_is_garbage",
    "text_stats",
    "vietnamese_syllable_share",
]

# --------------------------------------------------------------------------
# Syllable shape
# --------------------------------------------------------------------------

# Tone marks as combining characters (NFD): huyền, sắc, ngã, hỏi, nặng.
_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_TONES = frozenset((_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT))
_TONE_STRIP = str.maketrans({t: None for t in _TONES})

_ONSETS = (
    "ngh ng nh ch gh gi kh ph qu th tr "
    "b c d đ g h k l m n p r s t v x"
).split()

# Vowel clusters that end the syllable (final i/y/o/u are semivowels).
_OPEN = (
    "oai oay oao oeo uây uya uyu uôi ươi ươu iêu yêu "
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ui ưi ưu ua ưa oa oe uê uy uơ ya "
    "a e ê i o ô ơ u ư y"
).split()
# Vowel clusters before a consonant coda.
_CLOSED = "uyê oă uâ iê yê uô ươ oa oe uê uy oo ôô a ă â e ê i o ô ơ u ư".split()
# ch/nh only after these.
_CLOSED_PALATAL = "oa uê uy a ê i y".split()


def _alt(items: list[str]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_SYLLABLE = re.compile(
    rf"(?P<onset>{_alt(_ONSETS)})?"
    rf"(?:(?P<open>{_alt(_OPEN)})"
    rf"|(?P<closed>{_alt(_CLOSED)})(?P<coda>ng|c|m|n|p|t)"
    rf"|(?P<pal>{_alt(_CLOSED_PALATAL)})(?P<pcoda>ch|nh))"
)
_FRONT = frozenset("ieêy")


def _check_syllable(word: str) -> bool:
    """Phonotactic check of one lowercase NFC word (no cache)."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", decomposed.translate(_TONE_STRIP))
    tone = tones[0] if tones else None
    if base in ("gi", "gin", "gim"):  # gì, gìn (giữ gìn), gỉ: onset gi + i
        return True
    m = _SYLLABLE.fullmatch(base)
    if m is None:
        return False
    onset = m.group("onset") or ""
    rime = base[len(onset):]
    first = rime[0]
    # Spelling rules: k/gh/ngh before front vowels, c/g/ng elsewhere.
    if onset in ("k", "gh", "ngh") and first not in _FRONT:
        return False
    if onset in ("c", "ng") and first in _FRONT:
        return False
    if onset == "g" and first in "eê":
        return False
    if onset == "qu" and first == "u":
        return False
    if onset == "" and first == "y" and rime not in ("y", "yên", "yêm", "yêt", "yêng", "yêu"):
        return False
    coda = m.group("coda") or m.group("pcoda")
    if m.group("open") == "ya":  # only as "uya" (khuya), matched above
        return False
    # Syllables closed by a stop take only sắc or nặng.
    return not (coda in ("c", "ch", "p", "t") and tone not in (_ACUTE, _DOT))


_CACHE: dict[str, bool] = {}


def is_vietnamese_syllable(word: str) -> bool:
    """True if ``word`` (any case) is a well-formed Vietnamese syllable.

    Checks the onset (b, c, ch, d, đ, g, gh, gi, h, k, kh, l, m, n, ng, ngh,
    nh, p, ph, qu, r, s, t, th, tr, v, x or none), the vowel cluster, the coda
    (c, ch, m, n, ng, nh, p, t, or a semivowel i/y/o/u), at most one tone
    mark, the c/k, g/gh, ng/ngh spelling rules and that stop-closed syllables
    carry sắc or nặng.  Tone-mark placement ("hòa"/"hoà") is not checked.
    """
    w = unicodedata.normalize("NFC", word).lower()
    hit = _CACHE.get(w)
    if hit is None:
        hit = _check_syllable(w) if w else False
        if len(_CACHE) > 200_000:
            _CACHE.clear()
        _CACHE[w] = hit
    return hit


# --------------------------------------------------------------------------
# Text statistics
# --------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")
_LETTERS_THEN_DIGITS = re.compile(r"(?:[^\W\d_]+\d+|\d+[^\W\d_]+)")
_CID = re.compile(r"\(cid:\d+\)")
# Letters that only Vietnamese (among Latin scripts) writes: any vowel with
# breve/circumflex/horn/tone, and đ.
_VI_MARKED = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]"
)


_NEUTRAL = ("neutral",)
_TOKEN_KIND: dict[str, tuple] = {}


def _token_kind(tok: str) -> tuple:
    """(valid, has Vietnamese mark, mixed case) for a scored token, or _NEUTRAL."""
    if tok.isdigit():
        kind: tuple = _NEUTRAL
    elif not tok.isalpha():
        # QH15, km2, 5G, 1a are neutral; digits inside letters (Nguy6n) are garbage
        kind = _NEUTRAL if _LETTERS_THEN_DIGITS.fullmatch(tok) else (False, False, False)
    else:
        low = tok.lower()
        ok = is_vietnamese_syllable(low)
        if not ok and (len(tok) == 1 or tok.isupper()):
            kind = _NEUTRAL  # abbreviation, list marker, initial
        else:
            kind = (
                ok,
                _VI_MARKED.search(low) is not None,
                not (tok.islower() or tok.isupper() or tok.istitle()),
            )
    if len(_TOKEN_KIND) > 200_000:
        _TOKEN_KIND.clear()
    _TOKEN_KIND[tok] = kind
    return kind


@dataclass(frozen=True)
class TextStats:
    """Counts behind the garbage verdict."""

    tokens: int  # alphanumeric tokens
    scored: int  # tokens judged (not neutral)
    valid: int  # scored tokens that are Vietnamese syllables
    marked: int  # scored tokens with a Vietnamese diacritic or đ
    mixed_case: int  # tokens like "NgAN", "ceNG"
    cid: int  # "(cid:N)" tokens
    chars: int  # non-space characters

    @property
    def syllable_share(self) -> float:
        return self.valid / self.scored if self.scored else 0.0

    @property
    def marked_share(self) -> float:
        return self.marked / self.scored if self.scored else 0.0


def text_stats(text: str) -> TextStats:
    """Tokenise ``text`` and count what :func:`text_layer_is_garbage` needs.

    Tokens are runs of letters and digits.  Neutral (not scored): numbers;
    single letters that are not syllables (list markers "b)", initials);
    ALL-CAPS tokens that are not syllables (UBND, TTHC, QĐ, XIV); letters
    with digits only at one end (QH15, km2, 5G).  Letters with digits inside
    ("Nguy6n", "b6o") are scored as invalid.
    """
    text = unicodedata.normalize("NFC", text)
    cid = len(_CID.findall(text))
    if cid:
        text = _CID.sub(" ", text)
    tokens = scored = valid = marked = mixed = 0
    # Count distinct tokens first (C speed), then judge each distinct token once.
    for tok, n in Counter(_TOKEN.findall(text)).items():
        tokens += n
        kind = _TOKEN_KIND.get(tok)
        if kind is None:
            kind = _token_kind(tok)
        if kind is _NEUTRAL:
            continue
        ok, has_mark, is_mixed = kind
        scored += n
        valid += n * ok
        marked += n * has_mark
        mixed += n * is_mixed
    chars = len(text) - text.count(" ") - text.count("\n")
    return TextStats(tokens, scored, valid, marked, mixed, cid, chars)


def vietnamese_syllable_share(text: str) -> float:
    """Share of scored word tokens of ``text`` that are Vietnamese syllables.

    Text is NFC-normalised and case-folded; numbers, ALL-CAPS abbreviations
    (UBND, TTHC, QĐ) and stray single letters are neutral (excluded).
    Returns 0.0 when nothing is scored.
    """
    return text_stats(text).syllable_share


# Thresholds, tuned on the reference corpus: real Vietnamese pages score
# syllable share >= ~0.85 and marked share >= ~0.5; garbage OCR layers score
# well under both.
MIN_SCORED = 8
MIN_SYLLABLE_SHARE = 0.6
MIN_MARKED_SHARE = 0.25
MAX_MIXED_CASE_SHARE = 0.2
MAX_CID_SHARE = 0.05


def text_layer_is_garbage(text: str) -> bool:
    """True when a page's text layer should not be trusted (OCR it instead).

    Garbage: empty or whitespace-only text; many ``(cid:N)`` tokens (fonts
    without a Unicode map); or text whose words are not Vietnamese — low
    share of valid syllables, too few diacritics, or many mixed-case words
    ("uY BAN NgAN nAN ceNG HoA").  Pages with too few words to judge (a table
    of numbers, a page holding only "2") are not garbage.

    Legacy-encoded text (TCVN3, VNI) must be converted to Unicode first; it
    is reported as garbage otherwise.
    """
    if not text or not text.strip():
        return True
    st = text_stats(text)
    if st.cid and st.cid / (st.cid + st.tokens) >= MAX_CID_SHARE:
        return True
    if st.scored < MIN_SCORED:
        return False
    if st.syllable_share < MIN_SYLLABLE_SHARE:
        return True
    if st.marked_share < MIN_MARKED_SHARE:
        return True
    return st.mixed_case / st.scored > MAX_MIXED_CASE_SHARE
