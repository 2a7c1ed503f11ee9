"""Marking spans of a page's text in HTML: a document's extracted items and
the evidence of its findings (``mark_up``), and the words of a search in a
short extract (``snippet``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from rasoat.vntext import fold, unify


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` gets the CSS ``classes``; ``anchor`` becomes the
    element's id (a zero-length span is just an anchor)."""

    start: int
    end: int
    classes: str
    title: str = ""
    anchor: str | None = None


def mark_up(text: str, spans: list[Span]) -> Markup:
    """``text`` as HTML with every span wrapped in ``<mark>``.  Overlapping
    spans split into segments that carry the classes of all spans covering
    them; a span's anchor goes on its first segment."""
    n = len(text)
    spans = [Span(max(0, min(s.start, n)), max(0, min(s.end, n)), s.classes, s.title, s.anchor) for s in spans]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    placed: set[str] = set()
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:] + [None], strict=False):
        for s in spans:  # zero-length anchors sitting at a
            if s.start == s.end == a and s.anchor and s.anchor not in placed:
                placed.add(s.anchor)
                out.append(f'<span class="anchor" id="{escape(s.anchor)}"></span>')
        if b is None:
            break
        active = [s for s in spans if s.start <= a and b <= s.end and s.start < s.end]
        piece = escape(text[a:b])
        if not active:
            out.append(str(piece))
            continue
        starting = [s.anchor for s in sorted(active, key=lambda s: "finding" not in s.classes.split())
                    if s.anchor and s.anchor not in placed and s.start == a]
        anchor = starting[0] if starting else None
        placed.update(starting)
        out.extend(f'<span class="anchor" id="{escape(other)}"></span>' for other in starting[1:])
        classes = " ".join(dict.fromkeys(c for s in active for c in s.classes.split()))
        title = " · ".join(dict.fromkeys(s.title for s in active if s.title))
        attrs = f' class="{escape(classes)}"' + (f' title="{escape(title)}"' if title else "")
        attrs += f' id="{escape(anchor)}"' if anchor else ""
        out.append(f"<mark{attrs}>{piece}</mark>")
    return Markup("".join(out))


def aligned_fold(text: str) -> str:
    """``fold`` character by character, so position i of the result is
    position i of ``text`` (NFC text folds one character to one).  Each
    character is folded once per process (``_FOLDED``) and the text
    translated in one pass: folding every character of a long document on
    its own took most of a search page's time."""
    new = set(text).difference(_SEEN)
    for c in new:
        f = fold(c)
        if f != c:
            _FOLDED[ord(c)] = f[0] if f else c
    _SEEN.update(new)
    return text.translate(_FOLDED)


_FOLDED: dict[int, str] = {}  # code point → its folded character, for those fold changes
_SEEN: set[str] = set()  # characters already looked at


_TERM_RE = re.compile(r'"([^"]+)"|(\S+)')
MAX_MARKED_TERMS = 20  # distinct query terms marked in a snippet: each is one pass over every result's text


def term_patterns(query: str, exact: bool = False) -> list[re.Pattern]:
    """One pattern per query term (a word, or a "quoted phrase"), matching
    whole words in the folded text (or the unified lower-case text when
    ``exact``), with any separators between the term's parts ("93/NQ-HDND"
    matches "93/NQ-HĐND" and "93 / NQ - HĐND"); a repeated term once, at most
    MAX_MARKED_TERMS of them."""
    patterns = []
    for phrase, word in _TERM_RE.findall(query):
        term = phrase or word
        parts = re.findall(r"\w+", unify(term).lower() if exact else fold(term))
        if parts:
            patterns.append(r"(?<!\w)" + r"\W+".join(map(re.escape, parts)) + r"(?!\w)")
    return [re.compile(p) for p in list(dict.fromkeys(patterns))[:MAX_MARKED_TERMS]]


def find_terms(text: str, query: str, exact: bool = False, patterns: list[re.Pattern] | None = None
               ) -> list[tuple[int, int]]:
    """Where the query's terms occur in ``text`` (sorted spans, neighbours merged)."""
    haystack = unify(text).lower() if exact else aligned_fold(text)
    if len(haystack) != len(text):
        haystack = aligned_fold(text)
    if patterns is None:
        patterns = term_patterns(query, exact)
    hits = sorted((m.start(), m.end()) for p in patterns for m in p.finditer(haystack))
    merged: list[tuple[int, int]] = []
    for a, b in hits:  # words next to each other ("đăng ký kinh doanh") become one span
        if merged and (a <= merged[-1][1] or not text[merged[-1][1]:a].strip()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# A snippet needs the first occurrence only: the text is searched a chunk at a time, so a long document whose
# first page holds the words is not folded and scanned whole (that was most of a search page's time).
SNIPPET_CHUNK = 2_000  # characters folded and searched first (then twice as many, and so on)
SNIPPET_OVERLAP = 200  # characters a chunk shares with the next, so a phrase across the cut is found
SNIPPET_CONTEXT = 2  # snippet widths of text taken before the first occurrence (white space collapses in it)


def first_hit(text: str, patterns: list[re.Pattern], exact: bool = False) -> int | None:
    """Where the first term occurs in ``text``, or None: chunks folded one after the other, each twice the
    last (most documents hold the words on their first page)."""
    base, size = 0, SNIPPET_CHUNK
    while base < len(text):
        piece = text[base:base + size + SNIPPET_OVERLAP]
        haystack = unify(piece).lower() if exact else aligned_fold(piece)
        if len(haystack) != len(piece):
            haystack = aligned_fold(piece)
        found = [m.start() for m in (p.search(haystack) for p in patterns) if m]
        if found:
            return base + min(found)
        base, size = base + size, size * 2
    return None


def snippet(text: str | None, query: str, exact: bool = False, width: int = 220) -> Markup:
    """About ``width`` characters of ``text`` around the first occurrence of
    the query, with every occurrence in it marked.  Only the region around
    that occurrence has its white space collapsed and its words marked."""
    raw = text or ""
    patterns = term_patterns(query, exact)
    first = first_hit(raw, patterns, exact) if patterns else None
    lo = max(0, (first or 0) - SNIPPET_CONTEXT * width)
    hi = (first or 0) + (SNIPPET_CONTEXT + 1) * width
    region = " ".join(raw[lo:hi].split())
    cut_before, cut_after = bool(raw[:lo].strip()), bool(raw[hi:].strip())
    hits = find_terms(region, "", exact, patterns) if patterns else []
    at = hits[0][0] if hits else 0
    start = max(0, at - width // 3)
    end = min(len(region), start + width)
    if start or (cut_before and raw[lo - 1:lo].strip()):  # begin at a word, not inside one
        start = region.find(" ", start, at if hits else end) + 1 or start
    piece = region[start:end]
    spans = [Span(a - start, b - start, "hit") for a, b in hits if a >= start and b <= end]
    return Markup(("… " if start or cut_before else "") + mark_up(piece, spans)
                  + (" …" if end < len(region) or cut_after else ""))


def locate(text: str, needle: str, near: int | None = None) -> tuple[int, int] | None:
    """Where ``needle`` (e.g. a finding's evidence) stands in ``text``,
    ignoring differences of white space: the occurrence closest to ``near``;
    None when it is not there."""
    words = needle.split()
    if not words:
        return None
    hits = [(m.start(), m.end()) for m in re.finditer(r"\s+".join(map(re.escape, words)), text)]
    if not hits:
        return None
    if near is None:
        return hits[0]
    return min(hits, key=lambda h: 0 if h[0] <= near <= h[1] else min(abs(h[0] - near), abs(h[1] - near)))
