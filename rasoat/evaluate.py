"""Measure extraction against hand-checked gold (``../shared/gold/dev.jsonl``).

Comparisons follow the gold README: Unicode NFC, case folding, whitespace
collapsing; numbers compare by value.  Header fields score exact match per
field; citations, figures and TTHC codes score precision, recall and F1
over the gold's annotated pages.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rasoat.models import Document
from rasoat.vntext import collapse, unify

HEADER_FIELDS = ("number", "symbol", "doc_type", "issuer", "parent_issuer", "place", "issued_on", "signer", "title")


def norm(value) -> str | None:
    if value is None:
        return None
    return collapse(unify(str(value))).casefold().rstrip(".")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def multiset_score(found: list, gold: list) -> Score:
    f, g = Counter(found), Counter(gold)
    tp = sum((f & g).values())
    return Score(tp=tp, fp=sum(f.values()) - tp, fn=sum(g.values()) - tp)


def _pages(spec, n_pages: int) -> set[int]:
    return set(range(1, n_pages + 1)) if spec in (None, "all") else set(spec)


def figure_key(page: int, kind_value: tuple) -> tuple:
    return (page,) + tuple(round(v, 4) if isinstance(v, float) else v for v in kind_value)


def _figure_value(item) -> tuple:
    if item.get("numerator") is not None:
        return ("fraction", float(item["numerator"]), float(item["denominator"]))
    if item.get("percent") is not None:
        return ("percent", float(item["percent"]))
    return ("count", float(item.get("value")))


def _figure_value_found(f) -> tuple:
    if f.kind == "fraction":
        return ("fraction", float(f.numerator), float(f.denominator))
    if f.kind == "percent":
        return ("percent", float(f.percent))
    return ("count", float(f.value))


@dataclass
class FileResult:
    file: str
    header: dict[str, bool | None] = field(default_factory=dict)
    citations: Score | None = None
    figures: Score | None = None
    tthc: Score | None = None
    details: dict = field(default_factory=dict)


def evaluate_document(gold: dict, doc: Document) -> FileResult:
    r = FileResult(gold["file"])
    n = len(doc.source.pages)
    h = doc.extraction.header
    if gold.get("header") and gold.get("kind") != "invalid":
        for name in HEADER_FIELDS:
            if name in gold["header"]:
                found, expected = norm(getattr(h, name)), norm(gold["header"][name])
                r.header[name] = found == expected
                if found != expected:
                    r.details.setdefault("header", {})[name] = (getattr(h, name), gold["header"][name])
    if gold.get("citations") is not None:
        pages = _pages(gold["citations"].get("pages"), n)
        found = sorted({norm(c.number) for c in doc.extraction.citations if c.number and c.page in pages})
        expected = sorted({norm(x) for x in gold["citations"]["numbers"]})
        r.citations = multiset_score(found, expected)
        r.details["citations"] = dict(missed=sorted(set(expected) - set(found)), extra=sorted(set(found) - set(expected)))
    if gold.get("figures") is not None:
        pages = _pages(gold["figures"].get("pages"), n)
        found = [figure_key(f.page, _figure_value_found(f)) for f in doc.extraction.figures if f.page in pages]
        expected = [figure_key(i["page"], _figure_value(i)) for i in gold["figures"]["items"]]
        r.figures = multiset_score(found, expected)
        fc, gc = Counter(found), Counter(expected)
        r.details["figures"] = dict(missed=sorted((gc - fc).elements()), extra=sorted((fc - gc).elements()))
    if gold.get("tthc_codes") is not None:
        pages = _pages(gold["tthc_codes"].get("pages"), n)
        found = sorted({p.code for p in doc.extraction.procedures if p.code and p.page in pages})
        r.tthc = multiset_score(found, sorted(set(gold["tthc_codes"]["codes"])))
        r.details["tthc"] = dict(missed=sorted(set(gold["tthc_codes"]["codes"]) - set(found)), extra=sorted(set(found) - set(gold["tthc_codes"]["codes"])))
    return r


def read_document(path: str | Path, cache_dir: str | Path | None = None) -> Document:
    """``pipeline.process_file`` with the ingested ``SourceDocument`` cached in ``cache_dir`` (pickles keyed by
    the file's SHA-256 and a hash of the ingest code), so that measuring a change to ``extract`` or ``rules``
    does not read and OCR every file again. Any change under ``ingest/`` makes a new key."""
    from rasoat.pipeline import check_source, process_file

    if cache_dir is None:
        return process_file(path)
    import os
    import pickle

    from ingest import ingest_file
    from rasoat.files import sha256_file

    cache = Path(cache_dir)
    cache.mkdir(parents=True, exist_ok=True)
    entry = cache / f"{sha256_file(path)[:24]}-{_ingest_code_hash()}.pickle"
    if entry.exists():
        source = pickle.loads(entry.read_bytes())
    else:
        source = ingest_file(path)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")  # several runs may share the cache
        tmp.write_bytes(pickle.dumps(source))
        tmp.replace(entry)
    return check_source(source)


def _ingest_code_hash() -> str:
    """A key of the code that reads files: ``ingest/`` and the shared modules it imports, compared by their
    syntax trees (a change of layout or comments, as a linter's, keeps the cache)."""
    import ast
    import hashlib

    import ingest

    shared = ("models", "patterns", "vntext", "limits", "lexicon", "files", "errors")
    root = Path(ingest.__file__).parent
    files = sorted(root.glob("*.py")) + [root.parent / "rasoat" / f"{name}.py" for name in shared]
    h = hashlib.sha256()
    for f in files:
        if f.exists():
            h.update(ast.dump(ast.parse(f.read_text(encoding="utf-8"))).encode())
    return h.hexdigest()[:12]


def load_gold(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def summarise(results: list[FileResult]) -> dict:
    per_field: dict[str, list[bool]] = {}
    totals = {"citations": Score(), "figures": Score(), "tthc": Score()}
    for r in results:
        for name, ok in r.header.items():
            per_field.setdefault(name, []).append(ok)
        for key in totals:
            s = getattr(r, key)
            if s:
                totals[key].add(s)
    header = {k: sum(v) / len(v) for k, v in per_field.items()}
    all_fields = [ok for v in per_field.values() for ok in v]
    return dict(
        header_fields=header,
        header_exact=sum(all_fields) / len(all_fields) if all_fields else None,
        **{k: dict(precision=s.precision, recall=s.recall, f1=s.f1, tp=s.tp, fp=s.fp, fn=s.fn) for k, s in totals.items()},
    )
