"""Full-text search as the served site does it, over the indexes the store
builds (``rasoat.search_index``, which says what they hold).

Queries go into MATCH the way Datasette passes ``_search`` by default
(``searchmode`` escaped, ``datasette.utils.escape_fts``): every word becomes a
quoted phrase, which the tokenizer splits on "/" and "-", so "93/NQ-HĐND" is
the phrase ``93 nq hđnd``.  The exact index is queried with ``unify`` applied
to the query too (SQL function ``rasoat_unify``, registered by the plugin).
"""

from __future__ import annotations

from rasoat.search_index import fts_name
from rasoat.vntext import unify


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
