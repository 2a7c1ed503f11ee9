"""The SQLite store (sqlite-utils).  The tables, their columns, keys and
indexes are declared in ``rasoat.tables`` (a contract other tools read):
documents, pages, citations, figures, procedures, articles, bodies,
findings, rules.  Rows are built from those declarations (``row``).

Each document is written in one transaction: its old rows (same id, or an
older version of the same path) are deleted and the new ones inserted, so a
reader never sees half a document.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasoat.numbers import number_key
from rasoat.reviews import finding_key, restore_decisions
from rasoat.tables import TABLES
from rasoat.vntext import fold, fold_what_sqlite_keeps

if TYPE_CHECKING:  # imported when used: a rerun with nothing to do never needs them
    import sqlite_utils

    from rasoat.models import Document, Finding

SCHEMA = {t.name: {c.name: c.type for c in t.columns} for t in TABLES}  # table -> {column: type}, in order
# the tables whose rows belong to one document (deleted with it)
CHILD_TABLES = tuple(t.name for t in TABLES if any(c.references == "documents.id" and c.name == "document_id"
                                                   for c in t.columns))
FOREIGN_KEYS = [(t.name, c.name, *c.references.split(".")) for t in TABLES for c in t.columns if c.references]


def row(table: str, *records: Any, **values: Any) -> dict:
    """One row of ``table``: every declared column from ``values`` if given
    there, else from the attribute of that name of the first record that has
    one (a dataclass field or property; methods are not values), else None.  Booleans are stored as 0/1, lists and
    dicts as JSON; a value for a column the table does not declare is an
    error (a field added to a row without its declaration in
    ``rasoat.tables``)."""
    columns = SCHEMA[table]
    unknown = set(values) - set(columns)
    if unknown:
        raise KeyError(f"{table} has no column {', '.join(sorted(unknown))} (declare it in rasoat/tables.py)")
    out = {}
    for name in columns:
        if name in values:
            value = values[name]
        else:
            found = (getattr(r, name) for r in records if hasattr(r, name))
            value = next((v for v in found if not callable(v)), None)
        if isinstance(value, bool):
            value = int(value)
        elif isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False)
        out[name] = value
    return out


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (and create) the database, in WAL mode so Datasette can read while we write."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    db.conn.execute("PRAGMA journal_mode=WAL")
    db.conn.execute("PRAGMA busy_timeout=10000")
    ensure_schema(db)
    return db


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create the declared tables and indexes, and add the columns an older database lacks."""
    for t in TABLES:
        columns = SCHEMA[t.name]
        table = db[t.name]
        if not table.exists():
            table.create(columns, pk=t.pk) if t.pk else table.create(columns)
        else:
            missing = {c: ty for c, ty in columns.items() if c not in table.columns_dict}
            for c, ty in missing.items():
                table.add_column(c, ty)
            if "finding_key" in missing and t.name == "findings":  # stored before reviews: key its findings now
                db.conn.create_function("rasoat_finding_key", 4, finding_key, deterministic=True)
                with db.atomic():
                    db.execute("update findings set finding_key = rasoat_finding_key(document_id, rule_id, page, "
                               "evidence)")
            if "number_key" in missing:  # a database stored before the key: key its numbers now
                db.conn.create_function("rasoat_number_key", 1, number_key, deterministic=True)
                with db.atomic():
                    db.execute(f"update [{t.name}] set number_key = rasoat_number_key(number)")
    add_foreign_keys(db)
    for t in TABLES:
        for column in t.indexes:
            db[t.name].create_index([column], if_not_exists=True)


def add_foreign_keys(db: sqlite_utils.Database) -> None:
    """Declare the links between tables (not enforced: SQLite's foreign_keys
    pragma stays off), so Datasette shows a document's number and a rule's
    title instead of their ids, and facets by them."""
    have = {(fk.table, fk.column) for t in {k[0] for k in FOREIGN_KEYS} for fk in db[t].foreign_keys}
    missing = [k for k in FOREIGN_KEYS if k[:2] not in have]
    if missing:
        db.add_foreign_keys(missing)


# PRAGMA user_version is DERIVED_STALE while documents have been written
# since the derived data (citation targets, search indexes) was rebuilt: set
# in each document's own transaction, cleared after the rebuild, so an
# ingest killed in between is finished by the next run, and a run that
# writes nothing rebuilds nothing.
DERIVED_STALE = 1


def derived_stale(db: sqlite_utils.Database) -> bool:
    return db.execute("PRAGMA user_version").fetchone()[0] == DERIVED_STALE


def stored(path: str | Path, shas: Iterable[str]) -> tuple[dict[str, str | None], bool]:
    """Which of these files (by SHA-256) are stored already, as ``{sha: error}``, and whether the
    derived data is stale (an interrupted run to finish) — read with the ``sqlite3`` module alone, so
    that re-running ingest over an unchanged corpus costs hashing and one query.  No database yet, or
    one that is not rasoat's: ``({}, True)``, and opening it (``open_db``) says what is wrong."""
    shas = list(shas)
    if not Path(path).is_file():
        return {}, True
    try:
        conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    except sqlite3.Error:
        return {}, True
    try:
        stale = conn.execute("PRAGMA user_version").fetchone()[0] == DERIVED_STALE
        known: dict[str, str | None] = {}
        for i in range(0, len(shas), 500):
            chunk = shas[i:i + 500]
            marks = ",".join("?" * len(chunk))
            try:  # a failure with a technical detail (a crash, a time-out, a store error) is tried again; not a
                # path that could not be opened (keyed by its path: rasoat.files.path_key), compared by its error
                rows = conn.execute(f"select id, error from documents where id in ({marks}) "
                                    "and (error_detail is null or id like 'path:%')", chunk).fetchall()
            except sqlite3.OperationalError:  # a database from before error_detail
                rows = conn.execute(f"select id, error from documents where id in ({marks})", chunk).fetchall()
            known.update(rows)
    except sqlite3.Error:
        return {}, True
    finally:
        conn.close()
    return known, stale


def refresh_derived(db: sqlite_utils.Database) -> None:
    """Rebuild citation targets, the registry of documents and their effect, and search indexes; then mark
    them fresh."""
    from rasoat import registry

    registry.resolve_names(db)
    resolve_citations(db)
    registry.rebuild(db)
    enable_search(db)
    db.execute("PRAGMA user_version = 0")


def document_row(doc: Document) -> dict:
    """The documents row: the header fields and the source's by their names, and what is computed here (a
    path that is not UTF-8 is stored in its escaped, printable form)."""
    from rasoat.files import display_path

    s, h = doc.source, doc.extraction.header
    text = s.text if s.pages else None
    return row(
        "documents", h, s, id=s.sha256, path=display_path(s.path), file_name=display_path(s.file_name),
        pages=len(s.pages), year=int((h.issued_on or h.issued_in)[:4]) if h.issued_on or h.issued_in else None,
        error_detail=s.error_detail and display_path(s.error_detail),
        number_key=number_key(h.number), text=text, meta=json.dumps(dict(s.meta, spans=h.spans), ensure_ascii=False),
        search_folded=search_folded([h.number, h.symbol, h.doc_type, h.issuer, h.title, h.signer], text),
    )


def search_folded(short: list[str | None], text: str | None) -> str:
    """What the search index adds to a row's own columns for searching without diacritics
    (``rasoat.search_index``): the short fields folded, and of the long text only the words SQLite's
    tokenizer cannot fold itself (those with đ) — the rest it folds, so a full copy would only
    double the index."""
    return " ".join(filter(None, [fold(" ".join(filter(None, short))), fold_what_sqlite_keeps(text or "")]))


def save_document(db: sqlite_utils.Database, doc: Document, ingested_at: str | None = None) -> None:
    """Replace everything stored for this document (and older versions of its path) atomically."""
    doc_id = doc.id
    document = document_row(doc)
    document["ingested_at"] = ingested_at
    x = doc.extraction
    with db.atomic():  # one transaction (sqlite-utils commits each statement under a bare ``with db.conn``)
        db.execute(f"PRAGMA user_version = {DERIVED_STALE}")
        old_ids = [
            r[0] for r in db.execute("select id from documents where path = ? or id = ?", [document["path"], doc_id])
        ]
        for old in old_ids:
            delete_document(db, old, commit=False)
        db["documents"].insert(document, pk="id", replace=True)
        db["pages"].insert_all(row("pages", p, document_id=doc_id, page=p.number) for p in doc.source.pages)
        db["citations"].insert_all(row("citations", c, document_id=doc_id, number_key=number_key(c.number))
                                   for c in x.citations)
        db["figures"].insert_all(row("figures", f, document_id=doc_id, idx=i) for i, f in enumerate(x.figures))
        db["procedures"].insert_all(row("procedures", p, document_id=doc_id) for p in x.procedures)
        db["bodies"].insert_all(row("bodies", b, document_id=doc_id) for b in x.bodies)
        db["articles"].insert_all(
            row("articles", a, document_id=doc_id, search_folded=search_folded([a.path, a.title], a.text))
            for a in x.articles)
        db["registry_facts"].insert_all(fact_rows(doc))
        save_findings(db, doc_id, doc.findings, commit=False)


def fact_rows(doc: Document) -> list[dict]:
    """The effect facts the document states (its own effect clause; what it replaces, repeals, amends) and, when
    it is signed (number and date), its căn cứ: in force on its signing date, evidence for the other documents
    (never for itself: ``Registry.status(citing=…)``)."""
    from rasoat.effect import SOURCE_DOCUMENT, facts_of_document

    x = doc.extraction
    facts = facts_of_document(x.header, x.citations, x.articles, x.blocks,
                              [p.text for p in doc.source.pages], SOURCE_DOCUMENT, document_id=doc.id, grounds=True)
    return [row("registry_facts", f, since=f.on, by_number=f.by, number_key=number_key(f.number)) for f in facts]


def delete_document(db: sqlite_utils.Database, doc_id: str, commit: bool = True) -> None:
    def run():
        for t in CHILD_TABLES:
            db.execute(f"delete from [{t}] where document_id = ?", [doc_id])
        db.execute("delete from documents where id = ?", [doc_id])

    if commit:
        with db.atomic():
            run()
    else:
        run()


def save_findings(db: sqlite_utils.Database, doc_id: str, findings: Iterable[Finding], commit: bool = True) -> None:
    def run():
        db.execute("delete from findings where document_id = ?", [doc_id])
        db["findings"].insert_all(row("findings", f, document_id=doc_id,
                                      finding_key=finding_key(doc_id, f.rule_id, f.page, f.evidence))
                                  for f in findings)
        restore_decisions(db.conn, doc_id)  # reviewers' decisions outlive a new reading or check

    if commit:
        with db.atomic():
            run()
    else:
        run()


def save_rules(db: sqlite_utils.Database, rules: Iterable) -> None:
    with db.atomic():
        db.execute("delete from rules")
        db["rules"].insert_all((row("rules", r) for r in rules), pk="id", replace=True)


def resolve_citations(db: sqlite_utils.Database) -> None:
    """Point citations at the cited document when it is in the database (by
    number, or by name and date: ``rasoat.links``)."""
    from rasoat.links import resolve_citations as resolve

    resolve(db)


def load_documents(db: sqlite_utils.Database) -> Iterable[Document]:
    """Rebuild ``Document`` objects from the tables (for ``rasoat check``)."""
    from dataclasses import fields

    from rasoat.models import (
        Article,
        BodyMention,
        Citation,
        Document,
        Extraction,
        Figure,
        Header,
        Page,
        Procedure,
        SourceDocument,
    )

    def build(cls, row: dict):
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})

    for d in db["documents"].rows_where(order_by="path"):
        pages = [
            Page(number=r["page"], text=r["text"], source=r["source"], ocr_confidence=r["ocr_confidence"],
                 damaged=bool(r["damaged"]), regions={k: tuple(v) for k, v in json.loads(r["regions"] or "{}").items()},
                 tables=json.loads(r["tables"] or "[]"), furniture=r["furniture"] or "")
            for r in db["pages"].rows_where("document_id = ?", [d["id"]], order_by="page")
        ]
        meta = json.loads(d["meta"] or "{}")
        spans = {k: tuple(v) for k, v in meta.pop("spans", {}).items()}
        src = SourceDocument(path=d["path"], sha256=d["id"], file_name=d["file_name"], pages=pages,
                             text_source=d["text_source"] or "text", ocr=bool(d["ocr"]), error=d["error"], meta=meta,
                             error_stage=d.get("error_stage"), error_detail=d.get("error_detail"))
        header = build(Header, dict(d, is_qppl=None if d["is_qppl"] is None else bool(d["is_qppl"]), spans=spans))

        def rows(table: str, doc_id: str = d["id"]):  # the id bound now, not the loop's later value
            return db[table].rows_where("document_id = ?", [doc_id], order_by="rowid")

        x = Extraction(
            header=header,
            citations=[build(Citation, r) for r in rows("citations")],
            figures=[build(Figure, r) for r in db["figures"].rows_where("document_id = ?", [d["id"]], order_by="idx")],
            procedures=[build(Procedure, r) for r in rows("procedures")],
            articles=[build(Article, r) for r in rows("articles")],
            bodies=[build(BodyMention, r) for r in rows("bodies")],
        )
        yield Document(source=src, extraction=x)


def enable_search(db: sqlite_utils.Database) -> None:
    """Full-text search over documents, articles and findings: without
    diacritics ("dang ky" finds "đăng ký"), by number (a document and those
    citing it) and exact; see ``rasoat.search_index``."""
    from rasoat.search_index import build_indexes

    build_indexes(db)
