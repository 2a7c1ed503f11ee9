"""Citation targets in a real SQLite database: by number, and by name + date
for a law cited by its name."""

from rasoat import store
from rasoat.models import Citation, Document, Extraction, Header, Page, SourceDocument


def doc(sha, header, citations=()):
    return Document(SourceDocument(f"/x/{sha}.pdf", sha, f"{sha}.pdf", pages=[Page(1, "…")]),
                    Extraction(header=header, citations=list(citations)))


def test_targets_by_number_and_by_name(tmp_path):
    db = store.open_db(tmp_path / "rasoat.db")
    law = doc("law", Header(number="77/2015/QH13", doc_type="Luật", title="Tổ chức chính quyền địa phương",
                            issued_on="2015-06-19"))
    other_law = doc("other", Header(number="80/2015/QH13", doc_type="Luật",
                                    title="Ban hành văn bản quy phạm pháp luật", issued_on="2015-06-22"))
    citing = doc("qd", Header(number="05/2024/QĐ-UBND", doc_type="Quyết định"), [
        Citation(1, 0, 5, "…", name="Luật Tổ chức chính quyền địa phương", doc_type="Luật", issued_on="2015-06-19",
                 relation="can_cu"),
        Citation(1, 6, 9, "…", number="80/2015/QH13", relation="can_cu"),
        Citation(1, 10, 12, "…", name="Luật Tổ chức chính quyền địa phương", doc_type="Luật", issued_on="2019-11-22",
                 relation="can_cu"),  # the amending law of 2019 is not stored: no target
        Citation(1, 13, 15, "…", name="Luật Đầu tư", doc_type="Luật", relation="mention"),
    ])
    for d in (law, other_law, citing):
        store.save_document(db, d)
    store.resolve_citations(db)
    targets = [r["target_id"] for r in db["citations"].rows_where("document_id = 'qd'", order_by="start")]
    assert targets == ["law", "other", None, None]


def test_a_name_points_at_the_best_other_document(tmp_path):
    db = store.open_db(tmp_path / "rasoat.db")
    law = doc("law", Header(number="77/2015/QH13", doc_type="Luật", title="Tổ chức chính quyền địa phương",
                            issued_on="2015-06-19"))
    # a document that cites a law with its own name: never itself, the law
    same_name = doc("nq", Header(number="01/NQ-HĐND", doc_type="Luật", title="Tổ chức chính quyền địa phương",
                                 issued_on="2015-06-19"), [
        Citation(1, 0, 5, "…", name="Luật Tổ chức chính quyền địa phương", doc_type="Luật", issued_on="2015-06-19",
                 relation="can_cu")])
    undated = doc("cv", Header(number="12/STP-VP", doc_type="Công văn"), [
        Citation(1, 0, 5, "…", name="Luật Tổ chức chính quyền địa phương", doc_type="Luật", relation="mention"),
        Citation(1, 6, 9, "…", name="Luật Tổ chức chính quyền địa phương", doc_type="Nghị định", relation="mention")])
    for d in (law, same_name, undated):
        store.save_document(db, d)
    store.resolve_citations(db)
    target = {(r["document_id"], r["start"]): r["target_id"] for r in db["citations"].rows}
    assert target[("nq", 0)] == "law"
    assert target[("cv", 0)] == "law"  # no date: the first stored of the best score
    assert target[("cv", 6)] is None  # another type



def _decision(sha, number, cites=()):
    return doc(sha, Header(number=number, doc_type="Quyết định"), [Citation(1, 0, 5, "…", number=n) for n in cites])


def test_a_number_written_another_way_points_at_the_document(tmp_path):
    db = store.open_db(tmp_path / "rasoat.db")
    store.save_document(db, _decision("qd", "05/2024/QĐ-UBND"))
    cites = ["5/2024/QÐ-UBND", "05/2024/QĐ-UBND", "50/2024/QĐ-UBND"]
    store.save_document(db, _decision("kh", "12/KH-UBND", cites=cites))
    store.resolve_citations(db)
    targets = [r["target_id"] for r in db["citations"].rows_where("document_id = 'kh'", order_by="rowid")]
    assert targets == ["qd", "qd", None]  # no leading zero and Ð (eth) for Đ: the same number; 50 is another


def test_a_database_stored_before_the_number_key_gets_its_keys(tmp_path):
    path = tmp_path / "rasoat.db"
    db = store.open_db(path)
    store.save_document(db, _decision("qd", "05/2024/QĐ-UBND"))
    store.save_document(db, _decision("kh", "12/KH-UBND", cites=["5/2024/QĐ-UBND"]))
    for table in ("documents", "citations"):  # as an older version of rasoat wrote it
        db.execute(f"drop index idx_{table}_number_key")
        db.execute(f"alter table {table} drop column number_key")
    db.conn.commit()
    db = store.open_db(path)
    assert [r["number_key"] for r in db["documents"].rows_where(order_by="id")] == ["12/kh/ubnd", "5/2024/qd/ubnd"]
    store.resolve_citations(db)
    assert [r["target_id"] for r in db["citations"].rows] == ["qd"]
