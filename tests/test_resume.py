"""Incremental and crash-safe ingest: unchanged files are skipped, a
changed file replaces its rows in one transaction, a run killed with
SIGKILL and run again gives the database an uninterrupted run gives, and a
reader (Datasette) can read while a write transaction is open."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rasoat import store
from rasoat.models import Document, Extraction, Figure, Page, SourceDocument

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_parallel import db_rows, rasoat  # noqa: E402


def text_doc(path: str, sha: str, text: str, figures=()) -> Document:
    source = SourceDocument(path=path, sha256=sha, file_name=Path(path).name,
                            pages=[Page(number=1, text=text, regions={"body": (0, len(text))})])
    return Document(source=source, extraction=Extraction(figures=list(figures)))


# ------------------------------------------------------------ unchanged files

@pytest.fixture
def folder(sample_pdfs, tmp_path):
    f = tmp_path / "vanban"
    f.mkdir()
    for name in ("cv-so-tu-phap", "gm-tap-huan", "qd-cong-bo-tthc"):
        shutil.copy(sample_pdfs[name], f / f"{name}.pdf")
    (f / "bao-cao.txt").write_text("Báo cáo: 12/12 xã đạt chuẩn (100%).", encoding="utf-8")
    return f


def test_unchanged_files_are_skipped_and_nothing_is_rewritten(folder, tmp_path):
    db = tmp_path / "r.db"
    first = rasoat("ingest", str(folder), "--db", str(db), "--json")
    assert first.returncode == 0, first.stderr
    before = db_rows(db, skip_columns=())
    again = rasoat("ingest", str(folder), "--db", str(db), "--json")
    assert again.returncode == 0, again.stderr
    assert {r["status"] for r in json.loads(again.stdout)} == {"unchanged"}
    assert db_rows(db, skip_columns=()) == before  # same rows, same ingested_at, same search index


def test_an_unchanged_rerun_only_hashes_and_looks_up(folder, tmp_path):
    db = tmp_path / "r.db"
    assert rasoat("ingest", str(folder), "--db", str(db)).returncode == 0
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "rasoat.cli", "ingest", str(folder),
                            "--db", str(db)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "bỏ qua 4 tệp không đổi" in again.stdout
    imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")}
    assert not imported & {"sqlite_utils", "rules", "extract", "spacy", "pdfplumber"}  # no stage, no sqlite-utils
    (folder / "bao-cao.txt").write_text("Báo cáo: 11/12 xã đạt chuẩn (91,7%).", encoding="utf-8")
    changed = rasoat("ingest", str(folder), "--db", str(db), "--json")
    assert [r["status"] for r in json.loads(changed.stdout)].count("ok") == 1


def test_a_changed_file_replaces_its_old_rows(folder, tmp_path):
    db = tmp_path / "r.db"
    assert rasoat("ingest", str(folder), "--db", str(db)).returncode == 0
    conn = sqlite3.connect(db)
    old_id, = conn.execute("select id from documents where file_name = 'bao-cao.txt'").fetchone()
    conn.close()
    (folder / "bao-cao.txt").write_text("Báo cáo sửa: 45/46 xã đạt chuẩn (97,8%).", encoding="utf-8")
    result = rasoat("ingest", str(folder), "--db", str(db), "--json")
    statuses = {Path(r["path"]).name: r["status"] for r in json.loads(result.stdout)}
    assert statuses["bao-cao.txt"] == "ok" and statuses["gm-tap-huan.pdf"] == "unchanged"
    conn = sqlite3.connect(db)
    rows = conn.execute("select id, text from documents where file_name = 'bao-cao.txt'").fetchall()
    assert len(rows) == 1 and rows[0][0] != old_id and "45/46" in rows[0][1]
    for table in store.CHILD_TABLES:
        assert conn.execute(f"select count(*) from [{table}] where document_id = ?", [old_id]).fetchone() == (0,), table
    assert conn.execute("select raw from figures where document_id = ?", [rows[0][0]]).fetchall()


def test_replacing_a_document_is_one_transaction(tmp_path):
    """A write that fails half way (after the old rows were deleted and the
    new document row inserted) leaves the old version whole."""
    db = store.open_db(tmp_path / "t.db")
    first = [Figure(page=1, start=5, end=10, raw="12/12")]
    store.save_document(db, text_doc("/a/bao-cao.txt", "v1", "Đạt 12/12 xã.", first))
    before = db_rows(tmp_path / "t.db")
    unstorable = [Figure(page=1, start=5, end=10, raw="45/46", value=object())]
    broken = text_doc("/a/bao-cao.txt", "v2", "Đạt 45/46 xã.", unstorable)
    with pytest.raises(sqlite3.Error):
        store.save_document(db, broken)  # SQLite cannot store an object: fails inserting figures
    assert db_rows(tmp_path / "t.db") == before
    assert [r["id"] for r in db["documents"].rows] == ["v1"]


def test_derived_data_is_rebuilt_only_after_writes(tmp_path):
    db = store.open_db(tmp_path / "t.db")
    assert not store.derived_stale(db)
    store.save_document(db, text_doc("/a/x.txt", "x1", "Đạt 1/2 xã."))
    assert store.derived_stale(db)
    store.refresh_derived(db)
    assert not store.derived_stale(db)


# ------------------------------------------------------------------ SIGKILL

@pytest.fixture(scope="module")
def kill_folder(sample_pdfs, tmp_path_factory):
    """The samples and, last, a long PDF (so the run is still busy when killed)."""
    import pypdfium2 as pdfium

    folder = tmp_path_factory.mktemp("kill")
    for path in sample_pdfs.values():
        shutil.copy(path, folder / path.name)
    big = pdfium.PdfDocument.new()
    for path in sorted(sample_pdfs.values()):
        src = pdfium.PdfDocument(str(path))
        for _ in range(4):
            big.import_pages(src)
        src.close()
    big.save(str(folder / "zz-dai.pdf"))
    big.close()
    return folder


def documents_committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)
        try:
            return conn.execute("select count(*) from documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:  # the schema is being created
        return 0


@pytest.mark.parametrize("workers", [1, 2])
def test_killed_and_run_again_gives_the_uninterrupted_database(kill_folder, tmp_path, workers):
    total = len(list(kill_folder.iterdir()))
    whole = tmp_path / "whole.db"
    assert rasoat("ingest", str(kill_folder), "--db", str(whole), "--workers", str(workers)).returncode == 0

    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "rasoat.cli", "ingest", str(kill_folder), "--db", str(db),
                             "--workers", str(workers)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while documents_committed(db) < 1 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers
    proc.wait()
    done = documents_committed(db)
    assert 1 <= done < total  # killed mid-ingest, after the first document was committed

    conn = sqlite3.connect(db)  # no half-written document: each one has all its pages
    stored = conn.execute(
        "select d.pages, (select count(*) from pages p where p.document_id = d.id) from documents d").fetchall()
    assert stored and all(want == have for want, have in stored)
    conn.close()

    again = rasoat("ingest", str(kill_folder), "--db", str(db), "--workers", str(workers), "--json")
    assert again.returncode == 0, again.stderr
    statuses = [r["status"] for r in json.loads(again.stdout)]
    assert statuses.count("unchanged") == done and statuses.count("ok") == total - done
    assert db_rows(db) == db_rows(whole)  # no duplicates, nothing missing, same search index


# ------------------------------------------------------- reading while writing

def test_a_reader_reads_while_a_write_transaction_is_open(tmp_path):
    path = tmp_path / "w.db"
    db = store.open_db(path)
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    store.save_document(db, text_doc("/a/1.txt", "d1", "Văn bản một."))
    reader = sqlite3.connect(path, timeout=0)  # any lock would fail at once
    with db.atomic():
        store.save_document(db, text_doc("/a/2.txt", "d2", "Văn bản hai."))
        assert reader.execute("select id from documents").fetchall() == [("d1",)]  # the committed state
        assert reader.execute("select count(*) from pages").fetchone() == (1,)
    assert sorted(reader.execute("select id from documents").fetchall()) == [("d1",), ("d2",)]
    reader.close()
