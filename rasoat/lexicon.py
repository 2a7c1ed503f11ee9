"""The Vietnamese word lists that ship with the installed NLP packages, shared by the stages.

``underthesea/corpus/data/Viet74K.txt`` and ``pyvi/models/words.txt`` (≈ 105 000 words, 11 300
syllables) are read once and cached.  Keys are lower case, NFC, with the official (new) tone
placement (``rasoat.vntext.unify``: "hoà" → "hòa"), so callers must normalise the same way
(``key``).  Ingest uses them to re-space text layers and to correct OCR words; it must not import
``rules``, so the lists are loaded here, below the stages.
"""

from __future__ import annotations

import collections
import importlib.util
import os
import unicodedata
from functools import cache, lru_cache

from rasoat.vntext import unify

WORD_LISTS = (("underthesea", ("corpus", "data", "Viet74K.txt")), ("pyvi", ("models", "words.txt")))


def _package_file(package: str, parts: tuple[str, ...]) -> str | None:
    spec = importlib.util.find_spec(package)
    if not spec or not spec.submodule_search_locations:
        return None
    path = os.path.join(spec.submodule_search_locations[0], *parts)
    return path if os.path.exists(path) else None


@cache
def _entries() -> tuple[str, ...]:
    """Every word of the lists, lower case NFC (empty when no list is installed)."""
    out: list[str] = []
    for package, parts in WORD_LISTS:
        path = _package_file(package, parts)
        if path:
            with open(path, encoding="utf-8") as f:
                out.extend(line.strip() for line in unicodedata.normalize("NFC", f.read().lower()).splitlines())
    return tuple(w for w in out if w)


@lru_cache(maxsize=200_000)
def key(text: str) -> str:
    """The look-up form of a syllable or word: NFC, lower case, official tone placement."""
    return unify(unicodedata.normalize("NFC", text).lower())


@cache
def syllables() -> dict[str, int]:
    """Every syllable of the word lists → how many words use it (empty when no list is installed)."""
    counts: collections.Counter[str] = collections.Counter()
    for word in _entries():
        counts.update(key(s) for s in word.split())
    return dict(counts)


@cache
def word_pairs() -> frozenset[tuple[str, str]]:
    """Two consecutive syllables inside a word of the lists ("thực hiện" → ("thực", "hiện"))."""
    pairs: set[tuple[str, str]] = set()
    for word in _entries():
        parts = [key(s) for s in word.replace("-", " ").split()]
        pairs.update(zip(parts, parts[1:], strict=False))
    return frozenset(pairs)


@cache
def one_token_words() -> frozenset[str]:
    """Words the lists write as one token, hyphens dropped ("magiê", "ki-lô-gam" → "kilôgam"): loanwords
    whose syllables are rightly not spaced."""
    return frozenset(key(w.replace("-", "")) for w in _entries() if " " not in w)


def available() -> bool:
    return bool(syllables())


def known(syllable: str) -> bool:
    """A syllable of the word lists (any case, either tone placement)."""
    return key(syllable) in syllables()
