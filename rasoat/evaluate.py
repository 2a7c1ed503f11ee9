"""Measure extraction against hand-checked gold (``../shared/gold/dev.jsonl``).

Comparisons follow the gold README: Unicode NFC, case folding, whitespace
collapsing; numbers compare by value.  Header fields score exact match per
field; citations, figures and TTHC codes score precision, recall and F1
over the gold's annotated pages.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rasoat.models import Document, TextSource
from rasoat.numbers import number_key, parse
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

    def add(self, other: Score) -> None:
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
    misses: list[Miss] = field(default_factory=list)  # every miss with its failure class (``classify``)


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
        r.details["citations"] = dict(
            missed=sorted(set(expected) - set(found)), extra=sorted(set(found) - set(expected))
        )
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
        codes = set(gold["tthc_codes"]["codes"])
        r.details["tthc"] = dict(missed=sorted(codes - set(found)), extra=sorted(set(found) - codes))
    r.misses = classify(gold, doc, r.details)
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
        **{
            k: dict(precision=s.precision, recall=s.recall, f1=s.f1, tp=s.tp, fp=s.fp, fn=s.fn)
            for k, s in totals.items()
        },
    )


# --------------------------------------------------------------------------- failure classes of the misses

LONG_TITLE_CHARS = 150  # a gold title longer than this is a long title (wrapped over many lines, often cut)
NEAR_NUMBER_EDITS = 2  # a missed and an extra number this many edits apart are one number misread (OCR noise)
# The first characters of a page where a Công báo copy prints "CÔNG BÁO/Số …/Ngày …" (when it was not taken
# out as the page's running header, ``Page.furniture``).
GAZETTE_HEAD_CHARS = 400
# A Công báo copy's masthead ("CÔNG BÁO/Số …/Ngày …").
GAZETTE_MARK = re.compile(r"C[ÔO]NG\s+B[ÁA]O", re.I)
# A range of numbers ("5 - 7", "từ 5 đến 7") around a printed value.
RANGE_AFTER = re.compile(r"\s*(?:[-–—]|đến)\s*\d")
RANGE_BEFORE = re.compile(r"(?:\d\s*[-–—]|\bđến)\s*$")
_SPACES = re.compile(r"\s*")
LEGACY_SOURCES = (TextSource.TCVN3, TextSource.VNI, TextSource.TCVN3_VNI, TextSource.DOC_LEGACY)
OCR_SOURCES = (TextSource.OCR, TextSource.TEXT_OCR)


@dataclass(frozen=True)
class Traits:
    """What can be seen of a document that explains its misses."""

    ocr: bool = False  # some page read by OCR
    legacy: bool = False  # text converted from TCVN3 / VNI
    gazette_copy: bool = False  # a Công báo copy (its own masthead, no signature image)
    joint: bool = False  # a joint document: several issuers in its ký hiệu


@dataclass(frozen=True)
class Miss:
    """One miss of a file: ``field`` ("header.title", "citations", "figures", "tthc"), ``kind`` ("missed",
    "extra" or "wrong"), the item (a number, a figure key, or the pair (found, expected)) and its class."""

    file: str
    field: str
    kind: str
    item: object
    label: str


def header_class(name: str, found: str | None, expected: str | None, traits: Traits) -> str:
    """The failure class of a header field: missing (thiếu) or wrong (sai), with the trait that explains it."""
    state = "thiếu" if not found else "sai"
    if name == "signer" and not found and traits.gazette_copy:
        return "người ký thiếu trên bản Công báo"
    if name == "title" and found and expected and norm(expected).startswith(norm(found)):
        return "tiêu đề bị cắt"
    if name == "title" and expected and len(expected) > LONG_TITLE_CHARS:
        return f"tiêu đề dài: {state}"
    for flag, label in ((traits.joint, "văn bản liên tịch"), (traits.gazette_copy, "bản Công báo"),
                        (traits.legacy, "mã cũ TCVN3/VNI"), (traits.ocr, "trang OCR")):
        if flag:
            return f"{label}: {state}"
    return state


def _cut(short: str, long: str) -> bool:
    return long.startswith(short) and len(long) > len(short) and long[len(short)] in "-/"


def citation_class(number: str, kind: str, others: list[str], own_number: str | None = None) -> str:
    """The failure class of a missed (``others``: the extras) or an extra (``others``: the missed) number:
    the document's own number, a number cut ("442/qđ" for "442/qđ-ttg"), OCR noise (1–2 edits from one
    of ``others``), or plainly missed / extra."""
    from rapidfuzz.distance import Levenshtein

    if kind == "extra" and own_number and number_key(number) == number_key(own_number):
        return "số của chính văn bản"
    if any(_cut(number, o) or _cut(o, number) for o in others):
        return "số bị cắt"
    if any(1 <= Levenshtein.distance(number, o) <= NEAR_NUMBER_EDITS for o in others):
        return "nhiễu OCR"
    return "bỏ sót" if kind == "missed" else "thừa"


def _printed_forms(value: float) -> list[str]:
    """How a value is printed in Vietnamese: "1.100" and "1100"; "46,2"."""
    if value != int(value):
        return [f"{value:g}".replace(".", ",")]
    n = int(value)
    return sorted({f"{n:,}".replace(",", "."), str(n)}, key=len, reverse=True)


def figure_class(item: tuple, kind: str, page_text: str | None = None) -> str:
    """The failure class of a figure key (page, kind, values…): extra, a decimal fraction, a number in a
    range ("5 - 7"), a count whose unit is not in the unit lexicon (``extract.regexes.UNIT``), or missed."""
    if kind == "extra":
        return "thừa"
    values = [v for v in item[2:] if isinstance(v, float)]
    if any(v != int(v) for v in values):
        return "số thập phân"
    if page_text and values:
        from extract import regexes as rx

        for form in _printed_forms(values[0]):
            for m in re.finditer(r"(?<![\d.,])" + re.escape(form) + r"(?![\d]|[.,]\d)", page_text):
                if RANGE_AFTER.match(page_text, m.end()) or RANGE_BEFORE.search(page_text, 0, m.start()):
                    return "khoảng số"
                if item[1] == "count" and not rx.UNIT.match(page_text, _SPACES.match(page_text, m.end()).end()):
                    return "đơn vị ngoài từ điển"
    return "bỏ sót"


def traits_of(gold: dict, doc: Document | None) -> Traits:
    pages = doc.source.pages if doc else []
    sources = {p.source for p in pages}
    expected = (gold.get("header") or {}).get("number")
    parts = parse(expected)
    return Traits(
        ocr=bool(sources & set(OCR_SOURCES)) or gold.get("kind") == "scan",
        legacy=bool(sources & set(LEGACY_SOURCES)) or gold.get("kind") == "legacy",
        gazette_copy=any(GAZETTE_MARK.search(p.furniture + "\n" + p.text[:GAZETTE_HEAD_CHARS]) for p in pages[:2]),
        joint=bool(parts and parts.type_abbr and parts.issuer and "-" in parts.issuer),
    )


def classify(gold: dict, doc: Document | None, details: dict) -> list[Miss]:
    """Every miss of a file (``FileResult.details``) with its failure class."""
    traits = traits_of(gold, doc)
    file = gold["file"]
    out = [Miss(file, f"header.{name}", "missed" if not found else "wrong", (found, expected),
                header_class(name, found, expected, traits))
           for name, (found, expected) in details.get("header", {}).items()]
    cit = details.get("citations") or {}
    own = (gold.get("header") or {}).get("number")
    for kind, others in (("missed", cit.get("extra", [])), ("extra", cit.get("missed", []))):
        out += [Miss(file, "citations", kind, n, citation_class(n, kind, others, own)) for n in cit.get(kind, [])]
    texts = {p.number: p.text for p in doc.source.pages} if doc else {}
    fig = details.get("figures") or {}
    for kind in ("missed", "extra"):
        out += [Miss(file, "figures", kind, i, figure_class(i, kind, texts.get(i[0]))) for i in fig.get(kind, [])]
    tthc = details.get("tthc") or {}
    for kind in ("missed", "extra"):
        out += [Miss(file, "tthc", kind, c, "bỏ sót" if kind == "missed" else "thừa") for c in tthc.get(kind, [])]
    return out


def group_misses(misses: list[Miss]) -> dict[str, dict[str, list[Miss]]]:
    """Misses by field ("header", "citations", "figures", "tthc"), then by class, biggest class first."""
    groups: dict[str, dict[str, list[Miss]]] = {}
    for m in misses:
        groups.setdefault(m.field.split(".")[0], {}).setdefault(m.label, []).append(m)
    return {f: dict(sorted(c.items(), key=lambda kv: (-len(kv[1]), kv[0]))) for f, c in groups.items()}
