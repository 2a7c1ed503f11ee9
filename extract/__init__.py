"""Stage 2: ``SourceDocument`` → ``Extraction`` (located blocks, header, citations, figures,
procedures, articles).  Pure functions: the same document always gives the
same records, each with its page and character span.

What this package exports is all a later stage (``rules``) may use of it; the
modules inside are its own."""

from __future__ import annotations

from extract.articles import find_articles
from extract.blocks import locate, region_block
from extract.bodies import find_bodies, name_citation_issuers
from extract.citations import find_citations
from extract.figures import find_figures, sentence_bounds
from extract.header import extract_header, normalise_number
from extract.procedures import find_procedures
from rasoat.models import Extraction, SourceDocument

__all__ = ["extract", "locate", "normalise_number", "region_block", "sentence_bounds"]


def extract(doc: SourceDocument) -> Extraction:
    """Everything stage 2 finds in one ingested document: the located blocks first (date line, signature,
    Nơi nhận, …), the header read from them, then citations, bodies, figures, procedures and articles."""
    blocks = locate(doc)
    header = extract_header(doc, blocks)
    citations = find_citations(doc.pages, own_number=header.number)
    bodies = find_bodies(doc.pages, context_issuer=header.issuer, on=header.issued_on)
    name_citation_issuers(doc.pages, citations, bodies)
    return Extraction(
        header=header,
        citations=citations,
        figures=find_figures(doc.pages),
        procedures=find_procedures(doc.pages),
        articles=find_articles(doc.pages),
        bodies=bodies,
        blocks=blocks,
    )
