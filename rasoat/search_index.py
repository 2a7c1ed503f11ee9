"""The full-text search indexes, built by the store (``store.refresh_derived``)
and queried by the served site (``rasoat.web.search``).

Two FTS5 indexes per searchable table, both *contentless* (``content=''``:
they hold only the index; the rows stay in the table, matched by rowid):

``<table>_fts``  (tokenizer ``unicode61 remove_diacritics 2``)
    the original columns (every mark folded by SQLite but đ, a letter of its
    own) plus ``folded``: the row's ``search_folded`` (``store.search_folded``:
    its short fields folded by ``rasoat.vntext.fold``, đ → d, and of its long
    text only the words with đ, folded — the rest SQLite folds itself, and a
    full copy would double every posting list).  So "dang ky kinh doanh"
    finds "đăng ký kinh doanh" ("dang" in ``folded``, "ky kinh doanh" in the
    text), and "uy ban", "qd ubnd" and "93/NQ-HDND" work too.  For
    documents, ``folded`` also holds the numbers the document cites, so
    searching a number finds the document and those citing it.
``<table>_exact_fts`` (tokenizer ``unicode61 remove_diacritics 0``)
    the original columns with one tone placement (``vntext.unify``), for
    searches that tell "thể" from "thế".

The served site queries them with ``rasoat.web.search``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from rasoat.vntext import fold, unify

FOLDED_TOKENIZER = "unicode61 remove_diacritics 2"
EXACT_TOKENIZER = "unicode61 remove_diacritics 0"


@dataclass(frozen=True)
class Index:
    table: str
    columns: tuple[str, ...]  # original columns, indexed as they are
    select: str  # rowid, the columns, then the text to fold


INDEXES = (
    Index("documents", ("number", "title", "issuer", "text"),
          "select rowid, number, title, issuer, text, coalesce(search_folded, '') || ' ' || coalesce("
          "(select group_concat(c.number, ' ') from citations c where c.document_id = documents.id), '') "
          "from documents"),
    Index("articles", ("path", "title", "text"),
          "select rowid, path, title, text, search_folded from articles"),
    Index("findings", ("rule_id", "message", "evidence"),
          "select f.rowid, f.rule_id, f.message, f.evidence, "
          "coalesce(r.title, '') || ' ' || coalesce(f.message, '') || ' ' || coalesce(f.evidence, '') "
          "from findings f left join rules r on r.id = f.rule_id"),
)


def fts_name(table: str, exact: bool = False) -> str:
    return f"{table}_exact_fts" if exact else f"{table}_fts"


def build_indexes(db: sqlite_utils.Database) -> None:
    """(Re)build both indexes of every searchable table in one transaction (``db.atomic``: under
    sqlite-utils 4 a bare ``with db.conn`` lets each statement commit on its own)."""
    with db.atomic():
        for index in INDEXES:
            _drop(db, index.table)
            _create(db, index)


def _drop(db: sqlite_utils.Database, table: str) -> None:
    if db[table].detect_fts() and db[table].detect_fts() != fts_name(table):
        db[table].disable_fts()  # an index made some other way (sqlite-utils external content)
    for trigger in ("ai", "ad", "au"):  # sqlite-utils' FTS triggers, if someone made them
        db.execute(f"drop trigger if exists [{table}_{trigger}]")
    for name in (fts_name(table), fts_name(table, exact=True)):
        db.execute(f"drop table if exists [{name}]")


def _create(db: sqlite_utils.Database, index: Index) -> None:
    cols = ", ".join(index.columns)
    folded, exact = fts_name(index.table), fts_name(index.table, exact=True)
    db.execute(f"create virtual table [{folded}] using fts5({cols}, folded, content='', "
               f"tokenize='{FOLDED_TOKENIZER}')")
    db.execute(f"create virtual table [{exact}] using fts5({cols}, content='', tokenize='{EXACT_TOKENIZER}')")
    marks = ", ".join("?" * (len(index.columns) + 2))
    exact_marks = ", ".join("?" * (len(index.columns) + 1))
    rows = db.execute(index.select).fetchall()
    db.conn.executemany(f"insert into [{folded}] (rowid, {cols}, folded) values ({marks})",
                        [(*r[:-1], fold(r[-1] or "")) for r in rows])
    db.conn.executemany(f"insert into [{exact}] (rowid, {cols}) values ({exact_marks})",
                        [(r[0], *(unify(v) if isinstance(v, str) else v for v in r[1:-1])) for r in rows])
