"""Links between stored documents: each citation's ``target_id``.

By number first (the cited số ký hiệu equals a stored document's number);
then, for documents cited by name ("Luật Tổ chức chính quyền địa phương
ngày 19 tháng 6 năm 2015"), by type and date with a fuzzy match of the name
against the stored title (rapidfuzz), since the name is written without the
type word and with small variations.
"""

from __future__ import annotations

import re

import sqlite_utils
from rapidfuzz import fuzz

from rasoat.vntext import collapse, unify

NAME_SCORE = 85  # token_set_ratio of the cited name against a stored title


def _name_key(text: str | None) -> str:
    """"Luật Tổ chức Chính phủ" → "tổ chức chính phủ" (type word dropped, one spelling)."""
    text = re.sub(r"^(Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư|Quyết định)\s+", "", collapse(text or ""))
    return unify(text).casefold()


def resolve_citations(db: sqlite_utils.Database) -> None:
    with db.atomic():
        db.execute(
            "update citations set target_id = (select d.id from documents d where d.number = citations.number "
            "and d.id != citations.document_id limit 1) where number is not null")
        named = db.execute(
            "select rowid, document_id, doc_type, name, issued_on from citations where number is null and name is not null"
        ).fetchall()
        if not named:
            return
        stored = db.execute("select id, doc_type, title, issued_on from documents where error is null and title is not null").fetchall()
        for rowid, document_id, doc_type, name, issued_on in named:
            key = _name_key(name)
            best, best_score = None, 0.0
            for doc_id, stored_type, title, stored_on in stored:
                if doc_id == document_id or (issued_on and stored_on and issued_on != stored_on):
                    continue
                if doc_type and stored_type and doc_type.casefold() != stored_type.casefold():
                    continue
                score = fuzz.token_set_ratio(key, _name_key(title))
                if score > best_score:
                    best, best_score = doc_id, score
            db.execute("update citations set target_id = ? where rowid = ?",
                       [best if best_score >= NAME_SCORE else None, rowid])
