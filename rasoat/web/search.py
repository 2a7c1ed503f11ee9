"""Full-text search as the served site does it.

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

Queries go into MATCH the way Datasette passes ``_search`` by default
(``searchmode`` escaped, ``datasette.utils.escape_fts``): every word becomes a
quoted phrase, which the tokenizer splits on "/" and "-", so "93/NQ-HĐND" is
the phrase ``93 nq hđnd``.  The exact index is queried with ``unify`` applied
to the query too (SQL function ``rasoat_unify``, registered by the plugin).
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


def match_expression(query: str, exact: bool = False) -> str:
    """The MATCH argument for a user's query, as Datasette builds it for ``_search``."""
    from datasette.utils import escape_fts  # imported here: ingest does not need Datasette

    return escape_fts(unify(query) if exact else query)


SEARCHES = {  # what the search page lists for each table, best matches first
    "documents": "select d.rowid as rowid, d.id as document_id, d.number, d.doc_type, d.issuer, d.issued_on, "
                 "d.title, d.text from [{fts}] s join documents d on d.rowid = s.rowid "
                 "where [{fts}] match :m order by s.rank limit :limit",
    "articles": "select a.rowid as rowid, a.document_id, a.path, a.title, a.text, a.page, d.number "
                "from [{fts}] s join articles a on a.rowid = s.rowid join documents d on d.id = a.document_id "
                "where [{fts}] match :m order by s.rank limit :limit",
    "findings": "select f.rowid as rowid, f.document_id, f.rule_id, f.severity, f.message, f.evidence, f.page, "
                "d.number from [{fts}] s join findings f on f.rowid = s.rowid "
                "join documents d on d.id = f.document_id where [{fts}] match :m order by s.rank limit :limit",
}


def search_all(conn, query: str, exact: bool = False, limit: int = 50) -> dict[str, list[dict]]:
    """Rows of documents, articles and findings matching ``query``."""
    m = match_expression(query, exact)
    out = {}
    for table, sql in SEARCHES.items():
        cursor = conn.execute(sql.format(fts=fts_name(table, exact)), dict(m=m, limit=limit))
        names = [d[0] for d in cursor.description]
        out[table] = [dict(zip(names, r)) for r in cursor.fetchall()]
    return out
