"""Mentions of issuing bodies in running text — "Ủy ban nhân dân tỉnh Lâm
Đồng", "UBND tỉnh", "Sở Tư pháp", "Bộ KH&ĐT" — found with a spaCy
``PhraseMatcher`` over the gazetteer (``rasoat/data/bodies.json``) and
normalised by ``rasoat.gazetteer.resolve_issuer`` (rapidfuzz), with the
document's own issuer as context: "UBND tỉnh" in a document of UBND tỉnh
Bắc Kạn is that body.

Tokens are syllables and punctuation marks (``rx.NAME_TOKEN``), made into a spaCy
``Doc`` of the Vietnamese vocabulary: phrase matching of names needs
syllables, not pyvi's word segmentation, and runs at about a million
characters a second.  Every match keeps its character offsets
(``Span.start_char``/``end_char``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import cache

from extract import regexes as rx
from rasoat.facts import bodies
from rasoat.gazetteer import resolve_issuer
from rasoat.models import BodyMention, Citation, Page

LOCAL_HEADS = ("Ủy ban nhân dân", "Uỷ ban nhân dân", "UBND", "Hội đồng nhân dân", "HĐND")
UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "cấp tỉnh", "cấp huyện", "cấp xã")


LEVELS = {"tỉnh": "province", "huyện": "district", "xã": "commune"}


def _phrases() -> list[str]:
    g = bodies()
    names: set[str] = set()
    for rec in g["central"] + g["departments"]:
        names.add(rec["name"])
        names.update(rec.get("aliases") or [])
        if rec.get("abbr") and len(rec["abbr"]) >= 3:
            names.add(rec["abbr"])
    places = {p["short_name"] for p in g["provinces"]}
    for head in LOCAL_HEADS:
        names.add(head)
        for unit in UNITS:
            names.add(f"{head} {unit}")
        for place in places:
            names.update({f"{head} tỉnh {place}", f"{head} thành phố {place}", f"{head} {place}"})
    return sorted(n for n in names if n)


def make_doc(vocab, text: str):
    """A spaCy ``Doc`` of syllable and punctuation tokens whose character
    offsets are those of ``text``."""
    from spacy.tokens import Doc

    matches = list(rx.NAME_TOKEN.finditer(text))
    words = [m.group() for m in matches]
    spaces = [m.end() < len(text) and text[m.end()].isspace() for m in matches]
    doc = Doc(vocab, words=words, spaces=spaces)
    assert len(doc.text) <= len(text)
    return doc, matches


@cache
def _matcher():
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("BODY", [make_doc(nlp.vocab, p)[0] for p in _phrases()])
    return nlp, matcher


def find_bodies(pages: list[Page], context_issuer: str | None = None, on: str | None = None) -> list[BodyMention]:
    """Body mentions in the body text of each page, longest match first."""
    from spacy.util import filter_spans

    nlp, matcher = _matcher()
    out: list[BodyMention] = []
    for page in pages:
        doc, tokens = make_doc(nlp.vocab, page.text)
        for span in filter_spans(matcher(doc, as_spans=True)):
            # offsets from our tokens: Doc text joins tokens with at most one space
            start, end = tokens[span.start].start(), tokens[span.end - 1].end()
            raw = page.text[start:end]
            level = rx.GENERIC_LEVEL.search(raw)
            if level:  # "UBND cấp huyện": every body of that level, not one body
                head = "Hội đồng nhân dân" if raw.upper().startswith(("HĐND", "HỘI")) else "Ủy ban nhân dân"
                unit = level.group(1).lower()  # "UBND CẤP HUYỆN" is printed in capitals too
                out.append(BodyMention(page.number, start, end, raw, f"{head} cấp {unit}",
                                       "hdnd" if head.startswith("Hội") else "ubnd", LEVELS[unit]))
                continue
            resolved = resolve_issuer(" ".join(raw.split()), context_issuer, on)
            out.append(BodyMention(page.number, start, end, raw,
                                   resolved.get("name") if resolved else None,
                                   resolved.get("kind") if resolved else None,
                                   resolved.get("level") if resolved else None))
    return out


DEFAULT_ISSUER_AFTER_CITATION = 90  # a body named further than this after a citation is not its issuer


def name_citation_issuers(pages: list[Page], citations: list[Citation], mentions: list[BodyMention]) -> None:
    """Give each citation the normalised name of the body named right after
    it ("… ngày 02/7/2025 của Bộ Nội vụ"; "của UBND tỉnh" → the document's
    own province), when the gazetteer can place it."""
    text = {p.number: p.text for p in pages}
    by_page: dict[int, list[tuple[int, int, BodyMention]]] = {}  # page → (start, order, mention), by start
    for k, m in enumerate(mentions):
        by_page.setdefault(m.page, []).append((m.start, k, m))
    for found in by_page.values():
        found.sort(key=lambda t: t[:2])
    for c in citations:
        found = by_page.get(c.page, [])
        lo = bisect_left(found, (c.end, -1))
        hi = bisect_right(found, (c.end + DEFAULT_ISSUER_AFTER_CITATION, len(mentions)))
        after = min(found[lo:hi], key=lambda t: t[1], default=(0, 0, None))[2]  # the first listed, as before
        if after and after.name and rx.ISSUER_OF.match(text[c.page][c.end : after.start]):
            c.issuer = after.name
