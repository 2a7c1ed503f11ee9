"""The store's derived data: the search indexes are rebuilt in one transaction."""

import sqlite3

import pytest

from rasoat import store
from rasoat.models import Document, Extraction, Finding, Header, Page, SourceDocument


def doc(sha, header):
    return Document(SourceDocument(f"/x/{sha}.pdf", sha, f"{sha}.pdf", pages=[Page(1, "…")]), Extraction(header=header))


def test_a_failed_index_rebuild_leaves_the_old_indexes(tmp_path):
    db = store.open_db(tmp_path / "rasoat.db")
    d = doc("cv", Header(number="12/STP-VP", doc_type="Công văn", title="Về việc đăng ký kinh doanh"))
    d.findings = [Finding("NUM001", "warning", "Số ký hiệu thiếu năm", "12/STP-VP", 1, 0, 9)]
    store.save_document(db, d)
    store.refresh_derived(db)
    db.execute("alter table rules rename to rules_away")  # the findings index reads the rules: it will fail
    with pytest.raises(sqlite3.OperationalError):
        store.enable_search(db)
    db.execute("alter table rules_away rename to rules")
    assert db.execute("select count(*) from findings_fts where findings_fts match 'thieu'").fetchone()[0] == 1
    assert db.execute("select count(*) from documents_fts where documents_fts match 'dang'").fetchone()[0] == 1
