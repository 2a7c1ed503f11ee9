"""What a rule is, and the registry of rules.

A rule is a small function decorated with ``@rule(...)``: it receives a
``rasoat.models.Document`` (and, for cross-document rules, the ``Corpus``)
and yields ``Finding`` objects.  Its id, Vietnamese title, category,
severity and legal basis are declared once, in the decorator; they fill the
``rules`` table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from rasoat.models import Document, Finding
from rasoat.numbers import number_key

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    category: str
    severity: str
    legal_basis: str
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    cross_document: bool = False
    fix: str = ""  # how to correct what the rule finds (Vietnamese): each finding's default ``Finding.fix``

    def run(self, document: Document, corpus: Corpus | None = None) -> list[Finding]:
        found = self.check(document, corpus) if self.cross_document else self.check(document)
        out = []
        for f in found or ():
            f.rule_id = self.id
            f.severity = f.severity or self.severity
            f.document_id = document.id
            f.fix = f.fix or self.fix
            out.append(f)
        return out


REGISTRY: dict[str, Rule] = {}


def rule(id: str, title: str, category: str, severity: str, legal_basis: str, cross_document: bool = False,
         fix: str = ""):
    """Register the decorated function as a rule; ``fix`` says (in Vietnamese) how to correct what it finds."""
    assert severity in SEVERITIES, severity

    def register(fn: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        REGISTRY[id] = Rule(id, title, category, severity, legal_basis, fn, cross_document, fix)
        return fn

    return register


def finding(message: str, page: int | None = None, start: int | None = None, end: int | None = None,
            evidence: str = "", severity: str | None = None, fix: str = "") -> Finding:
    """A finding; the rule's id, default severity and default fix are filled in by ``Rule.run``."""
    return Finding(rule_id="", severity=severity or "", message=message, evidence=evidence, page=page, start=start,
                   end=end, fix=fix)


class Corpus:
    """What cross-document rules may ask of the whole database.

    ``memo(name, build)`` computes an index over the documents once per corpus (``rasoat check`` runs every
    cross-document rule for every document, so a rule builds its index once, not once per document).
    """

    def __init__(self, documents: Iterable[Document] = ()):
        self.documents = list(documents)
        self._memo: dict[str, object] = {}

    def memo(self, name: str, build: Callable[[Corpus], object]):
        if name not in self._memo:
            self._memo[name] = build(self)
        return self._memo[name]

    def by_number(self, number: str) -> list[Document]:
        """The documents with this number (compared by ``rasoat.numbers.number_key``)."""
        index = self.memo("by_number", _index_by_number)
        return list(index.get(number_key(number), ()))

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)


def _index_by_number(corpus: Corpus) -> dict[str, list[Document]]:
    out: dict[str, list[Document]] = {}
    for d in corpus.documents:
        if d.extraction.header.number:
            out.setdefault(number_key(d.extraction.header.number), []).append(d)
    return out
