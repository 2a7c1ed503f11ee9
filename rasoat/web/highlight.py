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
    for a, b in zip(cuts, cuts[1:] + [None]):
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
    distinct character is folded once and the text translated in one pass:
    folding every character of a long document on its own took most of a
    search page's time."""
    table = {}
    for c in set(text):
        f = fold(c)
        if f != c:
            table[ord(c)] = f[0] if f else c
    return text.translate(table)


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


def find_terms(text: str, query: str, exact: bool = False) -> list[tuple[int, int]]:
    """Where the query's terms occur in ``text`` (sorted spans, neighbours merged)."""
    haystack = unify(text).lower() if exact else aligned_fold(text)
    if len(haystack) != len(text):
        haystack = aligned_fold(text)
    hits = sorted((m.start(), m.end()) for p in term_patterns(query, exact) for m in p.finditer(haystack))
    merged: list[tuple[int, int]] = []
    for a, b in hits:  # words next to each other ("đăng ký kinh doanh") become one span
        if merged and (a <= merged[-1][1] or not text[merged[-1][1]:a].strip()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def snippet(text: str | None, query: str, exact: bool = False, width: int = 220) -> Markup:
    """About ``width`` characters of ``text`` around the first occurrence of
    the query, with every occurrence in it marked."""
    text = " ".join((text or "").split())
    hits = find_terms(text, query, exact)
    start = max(0, hits[0][0] - width // 3) if hits else 0
    end = min(len(text), start + width)
    if start:
        start = text.find(" ", start, hits[0][0] if hits else end) + 1 or start
    piece = text[start:end]
    spans = [Span(a - start, b - start, "hit") for a, b in hits if a >= start and b <= end]
    return Markup(("… " if start else "") + mark_up(piece, spans) + (" …" if end < len(text) else ""))


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
