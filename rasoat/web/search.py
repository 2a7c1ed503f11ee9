"""Full-text search as the served site does it, over the indexes the store
builds (``rasoat.search_index``, which says what they hold).

Queries go into MATCH the way Datasette passes ``_search`` by default
(``searchmode`` escaped, ``datasette.utils.escape_fts``): every word becomes a
quoted phrase, which the tokenizer splits on "/" and "-", so "93/NQ-HĐND" is
the phrase ``93 nq hđnd``.  The exact index is queried with ``unify`` applied
to the query too (SQL function ``rasoat_unify``, registered by the plugin).

Three things a reviewer means that plain MATCH does not give:

- a quoted phrase folds diacritics like a word: SQLite's tokenizer keeps đ, so
  "dang ky kinh doanh" in quotes is asked as every spelling of its d's
  (``phrase_variants``);
- a query that is a document's number lists that document first, then those
  citing it (``documents.number_key``, indexed);
- copies of one document (same number and date, or near-identical text) are
  grouped: the first is listed, the others under it (``group_copies``).
"""

from __future__ import annotations

import itertools
import re

from rasoat.numbers import DOC_NUMBER, number_key
from rasoat.search_index import fts_name
from rasoat.vntext import fold, unify
from rasoat.web.highlight import aligned_fold

# A quoted phrase with this many d's or more is asked as typed and fully folded only (2**k spellings otherwise).
MAX_PHRASE_D = 5
# Two documents whose first COPY_SAMPLE_CHARS folded characters share at least COPY_SIMILARITY of their
# COPY_SHINGLE-word runs (Jaccard) are copies: the same text read from two files (a scan and its text layer, a
# .docx twin, a transcript).  On the dev corpus copies score 0.68–0.99 and different documents of one kind
# (two reports of one province on one subject) at most 0.40.
COPY_SAMPLE_CHARS = 10_000
COPY_SHINGLE = 3
COPY_SIMILARITY = 0.6
COPY_LENGTH_RATIO = 0.7  # copies' whole texts differ in length by less than this (an OCR'd scan vs its text layer)

_PHRASE_RE = re.compile(r'"[^"]*"')  # a quoted phrase as escape_fts leaves it


def phrase_variants(phrase: str) -> list[str]:
    """The spellings of a phrase SQLite's tokenizer (``remove_diacritics 2``: tone and vowel marks off, đ kept)
    can hold: folded, with each d as d or đ — "đăng ký" → "dang ky", "đang ky"."""
    folded = fold(phrase)
    spots = [i for i, c in enumerate(folded) if c == "d"]
    if len(spots) >= MAX_PHRASE_D:
        return list(dict.fromkeys([folded, phrase]))
    variants = []
    for choice in itertools.product("dđ", repeat=len(spots)):
        chars = list(folded)
        for i, c in zip(spots, choice, strict=False):
            chars[i] = c
        variants.append("".join(chars))
    return variants


def match_expression(query: str, exact: bool = False) -> str:
    """The MATCH argument for a user's query, as Datasette builds it for ``_search``; outside ``exact``,
    each quoted phrase becomes the OR of its spellings: as typed, then ``phrase_variants``.  The plugin
    registers this as the SQL function ``escape_fts`` (Datasette's own, which its table search and the canned
    queries call), so a quoted phrase folds diacritics there too; on an exact index only the phrase as typed
    (or a text written without marks) matches."""
    from datasette.utils import escape_fts  # imported here: ingest does not need Datasette

    escaped = escape_fts(unify(query) if exact else query)
    if exact:
        return escaped

    def spell(m: re.Match) -> str:
        inner = m.group(0)[1:-1]
        if " " not in inner.strip():
            return m.group(0)  # one word: the folded index column already holds its folded copy
        spellings = dict.fromkeys([inner, *phrase_variants(inner)])  # as typed first: the exact index's spelling
        return "(" + " OR ".join(f'"{v}"' for v in spellings) + ")"

    return _PHRASE_RE.sub(spell, escaped)


# A result's text is read up to this many characters: its snippet shows the first occurrence in them (else the
# text's start), and a long document (hundreds of pages) is not copied out of SQLite whole for each search.
SCAN_CHARS = 60_000
DOCUMENT_COLUMNS = "d.rowid as rowid, d.id as document_id, d.number, d.doc_type, d.issuer, d.issued_on, " \
                   f"d.title, substr(d.text, 1, {SCAN_CHARS}) as text, length(d.text) as text_length, " \
                   "d.file_name, d.number_key"
# Matches ranked for the search page: the newest this many (FTS5 walks its index by rowid, newest first, and stops),
# so a word in half of 100,000 documents is not scored half a million times; below it, every match is ranked.
DEFAULT_RANK_WINDOW = 2000
# the newest ``:window`` matches of an FTS table, with their rank
MATCHES = "(select rowid, rank from [{fts}] where [{fts}] match :m order by rowid desc limit :window) s"
SEARCHES = {  # what the search page lists for each table, best matches first
    "documents": f"select {DOCUMENT_COLUMNS} from {MATCHES} join documents d on d.rowid = s.rowid "
                 "order by s.rank limit :limit",
    "articles": f"select a.rowid as rowid, a.document_id, a.path, a.title, substr(a.text, 1, {SCAN_CHARS}) as text, "
                f"a.page, d.number from {MATCHES} join articles a on a.rowid = s.rowid "
                "join documents d on d.id = a.document_id order by s.rank limit :limit",
    "findings": "select f.rowid as rowid, f.document_id, f.rule_id, f.severity, f.message, f.evidence, f.page, "
                f"d.number from {MATCHES} join findings f on f.rowid = s.rowid "
                "join documents d on d.id = f.document_id order by s.rank limit :limit",
}
# the documents whose own number the query is (documents.number_key is indexed)
BY_NUMBER = f"select {DOCUMENT_COLUMNS} from documents d where d.number_key = :key order by d.issued_on"


def query_number_key(query: str) -> str | None:
    """The number key of a query that is (or holds) a document number: "335/2025/ND-CP" → "335/2025/nd/cp"."""
    text = query.strip().strip('"')
    return number_key(text) if DOC_NUMBER.search(unify(text).upper()) else None


def search_all(conn, query: str, exact: bool = False, limit: int = 50,
               window: int = DEFAULT_RANK_WINDOW) -> dict[str, list[dict]]:
    """Rows of documents, articles and findings matching ``query``, the best of the newest ``window`` matches
    of each first; documents the query names by number first, copies grouped under their first (each document
    row gets ``copies``)."""
    m = match_expression(query, exact)
    out = {}
    for table, sql in SEARCHES.items():
        cursor = conn.execute(sql.format(fts=fts_name(table, exact)), dict(m=m, limit=limit, window=window))
        out[table] = _rows(cursor)
    key = query_number_key(query)
    if key:
        own = _rows(conn.execute(BY_NUMBER, dict(key=key)))
        ids = {d["document_id"] for d in own}
        out["documents"] = own + [d for d in out["documents"] if d["document_id"] not in ids]
    out["documents"] = group_copies(out["documents"])
    return out


def _rows(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=False)) for r in cursor.fetchall()]


def _shingles(text: str | None) -> frozenset:
    words = aligned_fold((text or "")[:COPY_SAMPLE_CHARS]).split()
    return frozenset(zip(*(words[i:] for i in range(COPY_SHINGLE)), strict=False))


def are_copies(a: dict, b: dict, shingles=_shingles) -> bool:
    """Same number and date, or near-identical text (``COPY_SIMILARITY``; texts whose lengths differ by more than
    COPY_LENGTH_RATIO are not compared)."""
    if a.get("number_key") and a.get("number_key") == b.get("number_key") and a.get("issued_on") == b.get("issued_on"):
        return True
    la, lb = (d.get("text_length") or len(d.get("text") or "") for d in (a, b))
    if not la or not lb or min(la, lb) / max(la, lb) < COPY_LENGTH_RATIO:
        return False
    sa, sb = shingles(a.get("text")), shingles(b.get("text"))
    return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= COPY_SIMILARITY


def group_copies(documents: list[dict]) -> list[dict]:
    """The documents in order, each copy moved under the first of its group (``copies``: the others)."""
    cache: dict[str, frozenset] = {}

    def shingles(text):
        key = text or ""
        if key not in cache:
            cache[key] = _shingles(text)
        return cache[key]

    kept: list[dict] = []
    for d in documents:
        first = next((k for k in kept if are_copies(k, d, shingles)), None)
        if first is None:
            kept.append(dict(d, copies=[]))
        else:
            first["copies"].append(d)
    return kept
