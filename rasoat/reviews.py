"""Reviewers' decisions on findings (table ``reviews``, declared in ``rasoat.tables``).

A decision is kept against the finding's ``finding_key`` — the document, the rule, the page and the evidence
text, never the rowid — so reading the same file again (``rasoat ingest --force``) or checking again
(``rasoat check``) finds the same keys and the decisions stay.  Every decision is a new row (the history is
kept); ``findings.decision`` holds the latest one, written with the decision and restored by
``restore_decisions`` whenever a document's findings are written again, so Datasette can facet by it.

Plain ``sqlite3`` (a connection or sqlite-utils' ``db.conn``): the web plugin writes through its own
connection, the store through sqlite-utils.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

CONFIRMED = "Đúng, cần sửa"
DISMISSED = "Không phải lỗi"
LOOK_AGAIN = "Cần xem thêm"
DECISIONS = (CONFIRMED, DISMISSED, LOOK_AGAIN)  # the values of reviews.decision, as a reviewer reads them

MAX_NOTE_CHARS = 2_000  # a note longer than this is refused (a note, not a document)
KEY_HEX_CHARS = 20  # characters of the SHA-256 hex digest kept as the key (80 bits: no collision in an office)


@dataclass(frozen=True)
class Review:
    finding_key: str
    document_id: str
    rule_id: str
    decision: str
    note: str
    reviewer: str
    decided_at: str


def finding_key(document_id: str, rule_id: str, page: int | None, evidence: str | None) -> str:
    """The key of a finding: the same for the same file, rule, page and evidence (spacing ignored)."""
    text = "\x1f".join([document_id or "", rule_id or "", "" if page is None else str(page),
                        " ".join((evidence or "").split())])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:KEY_HEX_CHARS]


def check_decision(decision: str, note: str) -> str | None:
    """What is wrong with a decision as submitted (Vietnamese), or None."""
    if decision not in DECISIONS:
        return "Đánh giá phải là một trong: " + ", ".join(DECISIONS) + "."
    if len(note) > MAX_NOTE_CHARS:
        return f"Ghi chú dài quá {MAX_NOTE_CHARS} ký tự."
    return None


def decide(conn: sqlite3.Connection, key: str, decision: str, note: str, reviewer: str) -> Review:
    """Record a decision on the finding with this key (a new row: history kept) and show it on the finding.
    A KeyError when no stored finding has this key."""
    problem = check_decision(decision, note)
    if problem:
        raise ValueError(problem)
    found = conn.execute("select document_id, rule_id from findings where finding_key = ? limit 1", [key]).fetchone()
    if found is None:
        raise KeyError(key)
    review = Review(key, found[0], found[1], decision, note.strip(), reviewer,
                    datetime.now(UTC).isoformat(timespec="seconds"))
    with conn:
        conn.execute("insert into reviews (finding_key, document_id, rule_id, decision, note, reviewer, decided_at) "
                     "values (?, ?, ?, ?, ?, ?, ?)", [review.finding_key, review.document_id, review.rule_id,
                                                      review.decision, review.note, review.reviewer,
                                                      review.decided_at])
        conn.execute("update findings set decision = ? where finding_key = ?", [decision, key])
    return review


# the latest decision of each finding: the last row written for its key
LATEST = """select r.* from reviews r where r.rowid = (select max(rowid) from reviews x
                                                   where x.finding_key = r.finding_key)"""


def restore_decisions(conn: sqlite3.Connection, document_id: str) -> None:
    """Put the latest decision back on a document's findings after they were written again."""
    conn.execute("update findings set decision = (select decision from reviews r where r.finding_key = "
                 "findings.finding_key order by r.rowid desc limit 1) where document_id = ?", [document_id])


def latest(conn: sqlite3.Connection, document_id: str) -> dict[str, dict]:
    """{finding_key: the latest review as a dict} for one document."""
    cur = conn.execute(LATEST + " and r.document_id = ?", [document_id])
    names = [c[0] for c in cur.description]
    return {r[0]: dict(zip(names, r, strict=True)) for r in cur}


def history(conn: sqlite3.Connection, document_id: str) -> dict[str, list[dict]]:
    """{finding_key: every review, oldest first} for one document."""
    cur = conn.execute("select * from reviews where document_id = ? order by rowid", [document_id])
    names = [c[0] for c in cur.description]
    out: dict[str, list[dict]] = {}
    for r in cur:
        out.setdefault(r[0], []).append(dict(zip(names, r, strict=True)))
    return out
