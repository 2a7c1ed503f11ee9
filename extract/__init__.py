"""Stage 2: ``SourceDocument`` → ``Extraction`` (header, citations, figures,
procedures, articles).  Pure functions: the same document always gives the
same records, each with its page and character span."""

from __future__ import annotations

from extract.articles import find_articles
from extract.bodies import find_bodies, name_citation_issuers
from extract.citations import find_citations
from extract.figures import find_figures
from extract.header import extract_header
from extract.procedures import find_procedures
from rasoat.models import Extraction, SourceDocument


def extract(doc: SourceDocument) -> Extraction:
    header = extract_header(doc)
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
    )
