"""Spelling: syllables that no Vietnamese dictionary knows ("trến địa bàn"
for "trên địa bàn"), reported as ``info`` with a suggestion.

The syllable list is read at run time from the word lists shipped inside two
installed dependencies — ``underthesea/corpus/data/Viet74K.txt`` and
``pyvi/models/words.txt`` (≈ 105 000 words, 11 300 syllables) — and cached;
reading both takes < 0.1 s.  Only lower-case words that carry a Vietnamese
letter or tone mark are checked: capitalised words are mostly names, and
words without diacritics are mostly foreign ("email", "website").

What a text layer does to words is not a spelling error of the document, so
it is left out: a syllable split in two by the PDF ("g ửi" for "gửi"), a word
cut at the end of a table cell line ("đư" / "được"), the look-alike "ƣ"
(U+01A3, mapped by some broken fonts) for "ư", pages read by OCR (their
misreadings are the recogniser's), and whole pages where many syllables are
unknown (a broken font): those get one finding for the page instead of one
per word.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import cache

from rasoat import lexicon
from rasoat.models import TextSource
from rasoat.vntext import fold, unify
from rules import patterns as pt
from rules.base import finding, rule

_VN_MARKED = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
_LOOKALIKES = str.maketrans({"ƣ": "ư", "Ƣ": "Ư"})
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# A page with more unknown syllables than this share (and at least 8) has a damaged text layer.
DAMAGED_SHARE = 0.02
DAMAGED_MIN_HITS = 8  # … and the number of unknown syllables shown as its sample
DEFAULT_SUGGEST_SCORE = 70  # least rapidfuzz ratio for a known syllable to be suggested for an unknown one
DEFAULT_DAMAGED_EVIDENCE = 200  # characters at the top of a damaged page pointed at by its finding
DEFAULT_CONTEXT_CHARS = 25  # characters either side of an unknown word shown as evidence


@cache
def syllables() -> dict[str, int]:
    """Every syllable of the word lists (lower case, NFC, official tone placement) → how many words use it
    (``rasoat.lexicon``, shared with ingest's repairs)."""
    out = lexicon.syllables()
    if not out:
        raise RuntimeError("không tìm thấy danh sách từ tiếng Việt của underthesea/pyvi")
    return out


def _toneless(s: str) -> str:
    """"trến" → "trên": the syllable without its tone mark (vowel marks kept)."""
    nfd = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(c for c in nfd if c not in _TONES))


def _tone(s: str) -> str:
    return next((c for c in unicodedata.normalize("NFD", s) if c in _TONES), "")


@cache
def _by_skeleton() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in syllables():
        out.setdefault(fold(s), []).append(s)
    return out


def known(syllable: str) -> bool:
    return unify(syllable.lower()) in syllables()


def _normalise(word: str) -> str:
    from underthesea import text_normalize

    return text_normalize(word)


def suggest(word: str, before: str | None = None, after: str | None = None,
            doc_pairs: frozenset[tuple[str, str]] = frozenset()) -> str | None:
    """The likeliest intended syllable: same letters without diacritics, preferring one that makes a word pair
    found elsewhere in the document ("trên địa"), then the same vowels, then the same tone, then the commoner.
    A mark typed on the wrong letter ("baỏ", "nghịêm", "qủa") is put right by underthesea's ``text_normalize``."""
    normalised = _normalise(word)
    if normalised != word and known(normalised):
        return normalised
    cands = _by_skeleton().get(fold(word), [])
    if not cands:
        from rapidfuzz import fuzz, process

        hit = process.extractOne(word, list(syllables()), scorer=fuzz.ratio, score_cutoff=DEFAULT_SUGGEST_SCORE)
        return hit[0] if hit else None
    counts = syllables()

    def score(c: str) -> float:
        s = math.log(1 + counts[c])
        if (before, c) in doc_pairs or (c, after) in doc_pairs:
            s += 100
        if _toneless(c) == _toneless(word):
            s += 10
        if _tone(c) == _tone(word):
            s += 3
        return s

    return max(cands, key=score)


def _checked(word: str) -> bool:
    return word.islower() and any(ch in _VN_MARKED for ch in word)


def _page_words(text: str) -> list[re.Match]:
    return list(pt.WORD.finditer(text.translate(_LOOKALIKES)))


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(s[:k] for s in syllables() for k in range(1, len(s)))


def _artifact(text: str, words: list[re.Match], i: int) -> bool:
    """A syllable broken by the text layer: glued to its neighbour it is a known syllable ("g ửi"), or it is
    cut at a line end ("đư\\n" of "được")."""
    m = words[i]
    if i > 0 and words[i - 1].end() + 1 == m.start() and known(words[i - 1].group(0) + m.group(0)):
        return True
    if i + 1 < len(words) and m.end() + 1 == words[i + 1].start() and known(m.group(0) + words[i + 1].group(0)):
        return True
    return text[m.end() : m.end() + 1] == "\n" and unify(m.group(0).lower()) in _prefixes()


@rule("SPL001", "Âm tiết không có trong từ điển tiếng Việt (có thể sai chính tả)", "Chính tả", "info",
      "Luật 80/2015/QH13, Điều 8 (ngôn ngữ văn bản: tiếng Việt, chính xác, phổ thông); "
      "NĐ 30/2020/NĐ-CP, Điều 12 (kiểm tra văn bản trước khi ký)",
      fix="Đối chiếu với bản gốc và sửa chữ sai chính tả (xem gợi ý trong nội dung).")
def unknown_syllable(doc):
    for p in doc.source.pages:
        if p.source == TextSource.OCR:
            continue  # a recogniser's misreadings ("chât", "xêp") are not the document's spelling
        text = p.text.translate(_LOOKALIKES)
        words = _page_words(text)
        pairs = frozenset((words[k].group(0).lower(), words[k + 1].group(0).lower()) for k in range(len(words) - 1))
        checked = 0
        hits = []
        for i, m in enumerate(words):
            w = m.group(0)
            if not _checked(w):
                continue
            checked += 1
            if known(w) or _artifact(text, words, i):
                continue
            hits.append(i)
        if len(hits) >= DAMAGED_MIN_HITS and len(hits) > DAMAGED_SHARE * checked:
            sample = ", ".join(dict.fromkeys(words[i].group(0) for i in hits[:DAMAGED_MIN_HITS]))
            yield finding(f"Trang {p.number}: {len(hits)}/{checked} âm tiết không có trong từ điển ({sample}…) — "
                          "lớp chữ của trang có thể bị lỗi phông hoặc nhận dạng; không liệt kê từng từ",
                          page=p.number, start=0, end=min(len(p.text), DEFAULT_DAMAGED_EVIDENCE), evidence=sample)
            continue
        for i in hits:
            m = words[i]
            before = words[i - 1].group(0).lower() if i > 0 else None
            after = words[i + 1].group(0).lower() if i + 1 < len(words) else None
            s = suggest(m.group(0), before, after, pairs)
            ctx = p.text[max(0, m.start() - DEFAULT_CONTEXT_CHARS) : m.end() + DEFAULT_CONTEXT_CHARS].replace("\n", " ")
            yield finding(f"\"{m.group(0)}\" không có trong từ điển tiếng Việt"
                          + (f"; có phải là \"{s}\"?" if s else ""), page=p.number, start=m.start(), end=m.end(),
                          evidence=ctx.strip())
