"""The stored tables are declared once (rasoat/tables.py): the SQLite schema, the rows, the web labels and the
Datasette metadata all come from that list, and every table and column a reviewer sees has Vietnamese words."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from rasoat import store, tables
from rasoat.models import (
    Article,
    BodyMention,
    Citation,
    Document,
    Extraction,
    Figure,
    Finding,
    Header,
    Page,
    Procedure,
    SourceDocument,
)
from rasoat.web import labels
from rasoat.web.metadata import GENERATED, main, metadata, render
from rules.base import Rule

ROOT = Path(__file__).resolve().parent.parent
DECLARED = [t.name for t in tables.TABLES]


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """A database as rasoat makes it: the tables, one document written, the derived data (search indexes) built."""
    path = tmp_path_factory.mktemp("schema") / "rasoat.db"
    db = store.open_db(path)
    store.save_document(db, full_document())
    store.refresh_derived(db)
    db.close()
    return path


def stored_tables(path: Path) -> list[str]:
    """The tables of the database a reviewer browses: all but the full-text indexes (Datasette hides those)."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")]
    fts = [n for n in names if n.endswith("_fts")]
    return [n for n in names if not any(n == f or n.startswith(f + "_") for f in fts)]


def test_the_database_holds_exactly_the_declared_tables(db_path):
    assert sorted(stored_tables(db_path)) == sorted(DECLARED)


@pytest.mark.parametrize("table", DECLARED)
def test_every_stored_table_and_column_has_vietnamese_metadata(db_path, table):
    meta = metadata()["databases"]["rasoat"]["tables"][table]
    assert meta["title"].strip() and meta["description"].strip()
    with sqlite3.connect(db_path) as conn:
        columns = [r[1] for r in conn.execute(f"pragma table_info([{table}])")]
    assert columns and set(columns) == set(meta["columns"])
    for column in columns:
        label = meta["columns"][column].split(" — ")[0]
        assert label.strip() and label != column, (table, column)


def test_bodies_have_their_metadata():
    meta = metadata()["databases"]["rasoat"]["tables"]["bodies"]
    assert meta["title"] == "Cơ quan được nhắc tới"
    assert {c: d.split(" — ")[0] for c, d in meta["columns"].items() if c in ("name", "kind", "level")} == {
        "name": "Tên cơ quan", "kind": "Loại cơ quan", "level": "Cấp"}


@pytest.mark.parametrize("column, label", [("error_stage", "Bước lỗi"), ("error_detail", "Chi tiết kỹ thuật")])
def test_error_columns_are_declared(db_path, column, label):
    assert tables.label("documents", column) == label
    with sqlite3.connect(db_path) as conn:
        assert column in [r[1] for r in conn.execute("pragma table_info(documents)")]


@pytest.mark.parametrize("table", DECLARED)
def test_sqlite_schema_is_the_declared_one(db_path, table):
    declared = tables.table(table)
    sqlite_type = {str: "TEXT", int: "INTEGER", float: "REAL"}
    with sqlite3.connect(db_path) as conn:
        info = conn.execute(f"pragma table_info([{table}])").fetchall()
        indexed = {conn.execute(f"pragma index_info([{i[1]}])").fetchone()[2]
                   for i in conn.execute(f"pragma index_list([{table}])") if i[3] == "c"}
        links = {(r[3], f"{r[2]}.{r[4]}") for r in conn.execute(f"pragma foreign_key_list([{table}])")}
    assert [(r[1], r[2]) for r in info] == [(c.name, sqlite_type[c.type]) for c in declared.columns]
    assert [r[1] for r in info if r[5]] == ([declared.pk] if declared.pk else [])
    assert indexed == set(declared.indexes)
    assert links == {(c.name, c.references) for c in declared.columns if c.references}


def test_an_older_database_gets_the_new_columns(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:  # a documents table from before error_stage and error_detail
        conn.execute("create table documents (id text primary key, path text, error text)")
    store.open_db(path).close()
    with sqlite3.connect(path) as conn:
        columns = [r[1] for r in conn.execute("pragma table_info(documents)")]
    old = ["id", "path", "error"]
    assert columns == old + [c for c in store.SCHEMA["documents"] if c not in old]


# (stored table, record class, the record's fields that are not columns of their own)
RECORDS = [
    ("documents", Header, {"spans"}),  # spans are kept in meta
    ("documents", SourceDocument, {"sha256", "pages", "meta"}),  # id; pages → the pages table; meta → meta
    ("pages", Page, {"number"}),  # number → page
    ("citations", Citation, set()),
    ("figures", Figure, set()),
    ("procedures", Procedure, set()),
    ("articles", Article, set()),
    ("bodies", BodyMention, set()),
    ("findings", Finding, set()),
    ("rules", Rule, {"check", "cross_document"}),
]


@pytest.mark.parametrize("table, cls, elsewhere", RECORDS, ids=[f"{t}-{c.__name__}" for t, c, _ in RECORDS])
def test_every_record_field_has_a_column(table, cls, elsewhere):
    """A field added to a dataclass without its column would silently not be stored."""
    missing = {f.name for f in fields(cls)} - set(store.SCHEMA[table]) - elsewhere
    assert not missing, f"declare {sorted(missing)} in rasoat/tables.py ({table})"


def full_document() -> Document:
    """A document whose records have every field set (none left at its default), but the citation's
    target, which the store computes (``refresh_derived``)."""
    text = "Căn cứ Nghị quyết số 12/2024/NQ-HĐND; Ủy ban nhân dân tỉnh Lâm Đồng; đạt 46,2%; mã 1.004227."
    header = Header(number="05/2024/QĐ-UBND", symbol="QĐ-UBND", doc_type="Quyết định",
                    issuer="Ủy ban nhân dân tỉnh Lâm Đồng", parent_issuer="Tỉnh Lâm Đồng", place="Lâm Đồng",
                    issued_on="2024-03-12", effective_on="2024-03-22", title="Về việc thử nghiệm",
                    signer="Nguyễn Văn A", signing_authority="TM.", signer_title="Chủ tịch", is_qppl=True,
                    spans={"number": (1, 0, 5)})
    source = SourceDocument("/x/qd.pdf", "a" * 64, "qd.pdf", [Page(1, text, "ocr", 0.91, True, {"body": (0, 10)},
                                                                    [[["Mã", "Tên"], ["1.004227", "Đăng ký"]]], "1")],
                            text_source="ocr", ocr=True, meta={"signed": "Sở Tư pháp"})
    x = Extraction(
        header=header,
        citations=[Citation(1, 7, 38, "Nghị quyết số 12/2024/NQ-HĐND", "12/2024/NQ-HĐND", "Nghị quyết",
                            "Hội đồng nhân dân", "2024-01-05", "can_cu", "Nghị quyết về thử nghiệm", None)],
        figures=[Figure(1, 75, 80, "46,2%", 46.2, 1.0, 2.0, 46.2, "xã", "xã đạt chuẩn", "đạt 46,2%", "đạt",
                        "percent", 1, 0)],
        procedures=[Procedure(1, "1.004227", "Đăng ký", "table", 86, 94, "Hộ tịch", "UBND xã", "05 ngày", "Không")],
        articles=[Article("Điều 1", "dieu", "1", "Phạm vi", "Điều 1. Phạm vi", 1, 0, 15)],
        bodies=[BodyMention(1, 39, 68, "Ủy ban nhân dân tỉnh Lâm Đồng", "Ủy ban nhân dân tỉnh Lâm Đồng", "ubnd",
                            "province")],
    )
    return Document(source, x, [Finding("NUM001", "warning", "Thử", "05/2024", 1, 0, 7, "a" * 64)])


def test_what_is_stored_is_read_back_the_same(db_path):
    doc = full_document()
    (back,) = store.load_documents(store.open_db(db_path))
    for name in ("header", "citations", "figures", "procedures", "articles", "bodies"):
        assert getattr(back.extraction, name) == getattr(doc.extraction, name), name
    assert back.source.pages == doc.source.pages
    assert (back.source.text_source, back.source.ocr, back.source.meta) == ("ocr", True, {"signed": "Sở Tư pháp"})


def test_a_value_for_an_undeclared_column_is_refused():
    with pytest.raises(KeyError, match="declare it in rasoat/tables.py"):
        store.row("findings", Finding("X", "info", "m"), document_id="a", confidence=0.5)


def test_row_takes_fields_by_name_and_stores_booleans_and_json():
    page = Page(3, "chữ", damaged=True, regions={"body": (0, 3)}, tables=[[["Mã"]]])
    assert store.row("pages", page, document_id="d", page=page.number) == dict(
        document_id="d", page=3, text="chữ", source="text", ocr_confidence=None, damaged=1,
        regions='{"body": [0, 3]}', tables='[[["Mã"]]]', furniture="")


def test_web_labels_come_from_the_declarations():
    columns = metadata()["databases"]["rasoat"]["tables"]["documents"]["columns"]
    for column, label in labels.HEADER_FIELDS:
        assert columns[column].split(" — ")[0] == label


def test_the_generated_metadata_file_is_up_to_date():
    """datasette_metadata.yml is written by `python -m rasoat.web.metadata` (make metadata): run it after
    changing rasoat/tables.py or rasoat/web/site.yml."""
    text = (ROOT / GENERATED).read_text(encoding="utf-8")
    assert text == render()
    assert yaml.safe_load(text) == metadata()


def test_metadata_check_says_when_the_file_is_out_of_date(tmp_path, capsys):
    path = tmp_path / GENERATED
    path.write_text(render().replace("Cơ quan được nhắc tới", "Bodies"), encoding="utf-8")
    assert main([str(path), "--check"]) == 1
    assert main([str(path)]) == 0 and main([str(path), "--check"]) == 0
    assert "Cơ quan được nhắc tới" in path.read_text(encoding="utf-8")
