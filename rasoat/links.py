"""Links between stored documents: each citation's ``target_id``.

By number first (the cited số ký hiệu has the key of a stored document's number,
``rasoat.numbers.number_key``: "5/2024/QĐ-UBND" cites "05/2024/QĐ-UBND");
then, for documents cited by name ("Luật Tổ chức chính quyền địa phương
ngày 19 tháng 6 năm 2015"), by type and date with a fuzzy match of the name
against the stored title (rapidfuzz), since the name is written without the
type word and with small variations.
"""

from __future__ import annotations

import re

import sqlite_utils
from rapidfuzz import fuzz, process

from rasoat.vntext import collapse, unify

NAME_SCORE = 85  # token_set_ratio of the cited name against a stored title


def _name_key(text: str | None) -> str:
    """"Luật Tổ chức Chính phủ" → "tổ chức chính phủ" (type word dropped, one spelling)."""
    text = re.sub(r"^(Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư|Quyết định)\s+", "", collapse(text or ""))
    return unify(text).casefold()


def resolve_citations(db: sqlite_utils.Database) -> None:
    with db.atomic():
        db.execute(
            "update citations set target_id = (select d.id from documents d where d.number_key = citations.number_key "
            "and d.id != citations.document_id limit 1) where number_key is not null")
        named = db.execute(
            "select rowid, document_id, doc_type, name, issued_on from citations "
            "where number is null and name is not null"
        ).fetchall()
        if not named:
            return
        stored = db.execute(
            "select id, doc_type, title, issued_on from documents where error is null and title is not null"
        ).fetchall()
        candidates = _Candidates(stored)
        for rowid, document_id, doc_type, name, issued_on in named:
            best = next((doc_id for doc_id in candidates.best(_name_key(name), doc_type, issued_on)
                         if doc_id != document_id), None)
            db.execute("update citations set target_id = ? where rowid = ?", [best, rowid])


class _Candidates:
    """Stored documents a cited name may point at (type and date agreeing), and the best matches of
    each (name, type, date) asked, remembered: many documents cite the same laws, and a database may
    hold a hundred thousand documents."""

    def __init__(self, stored: list[tuple[str, str | None, str, str | None]]) -> None:
        self.stored = [
            (doc_id, (doc_type or "").casefold(), _name_key(title), on) for doc_id, doc_type, title, on in stored
        ]
        self.memo: dict[tuple, list[str]] = {}

    def best(self, key: str, doc_type: str | None, issued_on: str | None) -> list[str]:
        """Ids of the stored documents that match best (score ≥ NAME_SCORE), best first: two are enough,
        since only the citing document itself is left out."""
        ask = (key, (doc_type or "").casefold(), issued_on)
        if ask not in self.memo:
            pool = [(doc_id, title) for doc_id, stored_type, title, on in self.stored
                    if not (issued_on and on and issued_on != on)
                    and not (ask[1] and stored_type and ask[1] != stored_type)]
            hits = process.extract(
                key, [t for _, t in pool], scorer=fuzz.token_set_ratio, score_cutoff=NAME_SCORE, limit=None
            )
            hits.sort(key=lambda h: (-h[1], h[2]))  # best score first; among equals, the first stored
            self.memo[ask] = [pool[i][0] for _, _, i in hits[:2]]
        return self.memo[ask]
