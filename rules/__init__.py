"""Stage 3: self-check rules (tự kiểm tra) over extracted records.

``run_rules(document, corpus)`` runs every rule of ``REGISTRY``;
``catalogue()`` lists them for the ``rules`` table.  Importing this package
imports every rule module so the registry is complete.
"""

from __future__ import annotations

from rasoat.models import Document, Finding
from rules import (  # noqa: F401  (registers rules)
    citations,
    competence,
    dates,
    figures,
    format,
    numbering,
    registry,
    spelling,
)
from rules.base import REGISTRY, Corpus, Rule, finding, rule  # noqa: F401


def run_rules(document: Document, corpus: Corpus | None = None, cross_document: bool = True) -> list[Finding]:
    """All findings for ``document``; cross-document rules need ``corpus``."""
    out: list[Finding] = []
    if document.source.error:
        return out
    for r in REGISTRY.values():
        if r.cross_document and (corpus is None or not cross_document):
            continue
        out.extend(r.run(document, corpus))
    out.sort(key=lambda f: (f.page or 0, f.start or 0, f.rule_id))
    return out


def catalogue() -> list[Rule]:
    return sorted(REGISTRY.values(), key=lambda r: r.id)
