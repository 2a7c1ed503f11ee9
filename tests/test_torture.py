"""No file can sink a batch or the machine: every path a run meets becomes a row (an error row when it
fails, at whatever stage), the run goes on, good files are stored whole, and workers die with the run."""

from __future__ import annotations

import dataclasses
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
from click.testing import CliRunner

from bench.torture import GOOD_TEXT, VANISHING, build
from rasoat.cli import cli
from rasoat.errors import STAGES
from rasoat.files import display_path
from rasoat.limits import Limits
from rasoat.pipeline import ingest_paths, process_files

ROOT = Path(__file__).resolve().parent.parent
# low limits, so that the files over them fail fast here (huge pages, bombs) even without the per-format limits
TEST_LIMITS = ("seconds_per_file=30", f"worker_memory_bytes={1024 ** 3}")
VIETNAMESE = set("ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưăâêôáàãéèíìóòõúùýĐ")
GOOD_SAMPLES = ("cv-so-tu-phap", "gm-tap-huan", "qd-cong-bo-tthc")


def good_files(sample_pdfs, folder: Path) -> list[str]:
    for name in GOOD_SAMPLES:
        shutil.copy(sample_pdfs[name], folder / f"{name}.pdf")
    (folder / "bao-cao-tot.txt").write_text(GOOD_TEXT, encoding="utf-8")
    return [f"{name}.pdf" for name in GOOD_SAMPLES] + ["bao-cao-tot.txt"]


def rows_of(db: Path, doc_id: str) -> dict[str, list]:
    """Everything stored for one document but its path and time (which differ between two folders)."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    out = {"documents": [{k: v for k, v in dict(r).items() if k not in ("path", "ingested_at")}
                         for r in conn.execute("select * from documents where id = ?", [doc_id])]}
    for t in ("pages", "citations", "figures", "procedures", "articles", "bodies", "findings"):
        out[t] = [tuple(r) for r in conn.execute(f"select * from [{t}] where document_id = ? order by rowid", [doc_id])]
    conn.close()
    return out


@pytest.fixture(scope="module")
def torture_run(sample_pdfs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("torture")
    build(folder)
    for name in VANISHING:  # the vanishing files have their own test (they must vanish during the run)
        (folder / name).unlink()
    good = good_files(sample_pdfs, folder)
    db = folder.parent / "torture.db"
    limits = [x for limit in TEST_LIMITS for x in ("--limit", limit)]
    result = subprocess.run([sys.executable, "-m", "rasoat.cli", "ingest", str(folder), "--db", str(db), "--workers",
                             "2", "--json", *limits], capture_output=True, text=True, cwd=ROOT, timeout=900)
    alone_folder = tmp_path_factory.mktemp("alone")
    good_files(sample_pdfs, alone_folder)
    alone_db = alone_folder.parent / "alone.db"
    alone = subprocess.run([sys.executable, "-m", "rasoat.cli", "ingest", str(alone_folder), "--db", str(alone_db)],
                           capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert alone.returncode == 0, alone.stderr
    return folder, db, result, good, alone_db


def test_the_run_ends_with_exit_code_1_and_no_traceback(torture_run):
    _, _, result, _, _ = torture_run
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_every_path_has_one_row(torture_run):
    folder, db, result, _, _ = torture_run
    names = sorted(display_path(p) for p in os.listdir(folder))
    assert len(names) >= 25 + 4
    conn = sqlite3.connect(db)
    stored = sorted(Path(p).name for p, in conn.execute("select path from documents"))
    ids = [i for i, in conn.execute("select id from documents")]
    conn.close()
    assert stored == names
    assert all(ids) and len(set(ids)) == len(ids)
    assert sorted(Path(r["path"]).name for r in json.loads(result.stdout)) == names


def test_good_files_are_stored_whole(torture_run):
    folder, db, _, good, alone_db = torture_run
    conn = sqlite3.connect(alone_db)
    ids = dict(conn.execute("select file_name, id from documents"))
    conn.close()
    assert sorted(ids) == sorted(good)
    for name, doc_id in ids.items():
        alone, mixed = rows_of(alone_db, doc_id), rows_of(db, doc_id)
        assert mixed == alone, name
        assert alone["documents"][0]["error"] is None and alone["pages"]


def test_errors_are_vietnamese_with_their_stage_and_the_search_index_is_built(torture_run):
    _, db, _, _, _ = torture_run
    conn = sqlite3.connect(db)
    failed = conn.execute("select file_name, error, error_stage from documents where error is not null").fetchall()
    assert len(failed) >= 20
    for name, error, stage in failed:
        assert set(error) & VIETNAMESE, (name, error)
        assert stage in STAGES, name
    assert conn.execute("select count(*) from documents_fts").fetchone()[0] > 0
    conn.close()


@pytest.mark.parametrize(
    "name, words",
    [
        ("khong-phai-zip.docx", "Tệp .docx bị hỏng (không phải tệp nén ZIP hợp lệ)"),
        ("vong-lap.pdf", "lặp vòng"),
        ("a.pdf", "lặp vòng"),
        ("b.pdf", "lặp vòng"),
        ("mat-tich.pdf", "không tồn tại"),
        ("ong-dan.txt", "Không phải tệp thông thường"),
        ("cay-trang-lap.pdf", "cây trang"),
        ("mat-khau.pdf", "mã hóa"),
        ("rong.pdf", "rỗng"),
    ],
)
def test_clear_messages(torture_run, name, words):
    _, db, _, _, _ = torture_run
    conn = sqlite3.connect(db)
    (error,) = conn.execute("select error from documents where file_name = ?", [name]).fetchone()
    conn.close()
    assert words in error


def test_odd_names_and_rtf_are_read(torture_run):
    _, db, _, _, _ = torture_run
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("select file_name, coalesce(error, text) from documents"))
    conn.close()
    assert "45/46" in rows["k\\xff.txt"]  # the name kept, escaped; the file read
    assert "45/46" in rows["dòng\nmới.txt"] and "45/46" in rows["-bat-dau-gach.txt"]
    assert "45/46" in rows["rtf.doc"] and "Báo cáo" in rows["rtf.doc"]


# ------------------------------------------------------------ one stage fails

def texts(folder: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        path = folder / f"bao-cao-{i}.txt"
        path.write_text(f"Báo cáo số {i + 1}/BC-UBND: {i + 1}/46 xã đạt chuẩn.\nCăn cứ Luật Đất đai năm 2024.",
                        encoding="utf-8")
        paths.append(path)
    return paths


def test_a_rule_that_raises_costs_only_its_document(tmp_path, monkeypatch):
    from rules import REGISTRY

    folder = tmp_path / "vb"
    folder.mkdir()
    texts(folder, 4)
    rule_id = sorted(REGISTRY)[0]
    real = REGISTRY[rule_id]

    def check(document, *args):
        if "số 3/BC" in document.source.text:
            raise KeyError("UBND CẤP HUYỆN")
        return real.check(document, *args)

    monkeypatch.setitem(REGISTRY, rule_id, dataclasses.replace(real, check=check))
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 1, result.output
    conn = sqlite3.connect(db)
    rows = {r[0]: r[1:] for r in conn.execute(
        "select file_name, error, error_stage, error_detail, pages from documents")}
    assert set(rows) == {f"bao-cao-{i}.txt" for i in range(4)}
    error, stage, detail, pages = rows["bao-cao-2.txt"]
    assert stage == "rules" and "quy tắc" in error and "KeyError" in detail and "UBND CẤP HUYỆN" in detail
    assert pages == 0  # nothing half-stored
    assert all(rows[f"bao-cao-{i}.txt"][:3] == (None, None, None) for i in (0, 1, 3))
    assert conn.execute("select count(*) from figures").fetchone()[0] == 3
    conn.close()


def test_a_failed_write_rolls_back_that_document_only(tmp_path, monkeypatch):
    from rasoat import store

    folder = tmp_path / "vb"
    folder.mkdir()
    texts(folder, 3)
    real = store.save_findings

    def save_findings(db, doc_id, findings, commit=True):  # called inside the document's transaction
        if db.execute("select count(*) from pages p join documents d on d.id = p.document_id "
                      "where d.id = ? and p.text like '%số 2/BC%'", [doc_id]).fetchone()[0]:
            raise sqlite3.OperationalError("database or disk is full")
        return real(db, doc_id, findings, commit)

    monkeypatch.setattr(store, "save_findings", save_findings)
    summary = ingest_paths([folder], tmp_path / "r.db", workers=1)
    assert summary.failed == 1
    conn = sqlite3.connect(tmp_path / "r.db")
    rows = {r[0]: r[1:] for r in conn.execute("select file_name, error, error_stage, pages from documents")}
    assert rows["bao-cao-1.txt"][1] == "store" and rows["bao-cao-1.txt"][0].startswith("Ổ đĩa đầy")
    assert rows["bao-cao-1.txt"][2] == 0
    bad_id, = conn.execute("select id from documents where file_name = 'bao-cao-1.txt'").fetchone()
    assert conn.execute("select count(*) from pages where document_id = ?", [bad_id]).fetchone() == (0,)
    assert rows["bao-cao-0.txt"][:2] == rows["bao-cao-2.txt"][:2] == (None, None)
    conn.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_files_that_vanish_during_the_run_get_rows_of_their_own(tmp_path, workers):
    folder = tmp_path / "vb"
    folder.mkdir()
    texts(folder, 2)
    for name in VANISHING:
        (folder / name).write_text("Sẽ bị xóa.", encoding="utf-8")

    def progress(done, total, name):
        if done == 0:  # the files are listed and hashed: now they go
            for vanishing in VANISHING:
                (folder / vanishing).unlink()

    summary = ingest_paths([folder], tmp_path / "r.db", workers=workers, progress=progress)
    assert summary.failed == 2
    conn = sqlite3.connect(tmp_path / "r.db")
    rows = {r[0]: r[1:] for r in conn.execute("select file_name, id, error, error_stage from documents")}
    conn.close()
    assert set(rows) == {*VANISHING, "bao-cao-0.txt", "bao-cao-1.txt"}
    ids = [rows[name][0] for name in VANISHING]
    assert all(i.startswith("path:") for i in ids) and ids[0] != ids[1]
    assert all("không còn" in rows[name][1] and rows[name][2] == "read" for name in VANISHING)


# ------------------------------------------------------------ workers

def kill_on(marker: str):
    """``ingest_file`` that kills its own process on a file whose name holds ``marker`` (a crash in C code)."""
    import ingest

    real = ingest.ingest_file

    def ingest_file(path, *args, **kwargs):
        if marker in Path(path).name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path, *args, **kwargs)

    return ingest_file


def test_a_worker_that_dies_costs_only_its_file(tmp_path, monkeypatch):
    import ingest

    paths = texts(tmp_path, 12)
    victim = tmp_path / "giet.txt"
    victim.write_text("Báo cáo.", encoding="utf-8")
    paths.insert(7, victim)  # after the first files (the read-ahead child) and before others
    monkeypatch.setattr(ingest, "ingest_file", kill_on("giet"))  # forked workers inherit it
    got = list(process_files(paths, workers=2))
    assert [p for p, _ in got] == paths
    docs = dict(got)
    assert "dừng đột ngột" in docs[victim].source.error and "SIGKILL" in docs[victim].source.error
    assert all(doc.source.error is None and doc.source.pages for p, doc in got if p != victim)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_its_time_is_an_error_row(tmp_path, monkeypatch, workers):
    import ingest

    paths = texts(tmp_path, 3)
    real = ingest.ingest_file

    def slow(path, *args, **kwargs):
        if path.name == "bao-cao-1.txt":
            time.sleep(60)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(ingest, "ingest_file", slow)
    docs = dict(process_files(paths, workers=workers, limits=Limits(seconds_per_file=2)))
    assert "Quá thời gian xử lý" in docs[paths[1]].source.error
    assert docs[paths[0]].source.error is None and docs[paths[2]].source.error is None


def children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.add(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_workers_exit_when_the_main_process_is_killed(sample_pdfs, tmp_path):
    folder = tmp_path / "vb"
    folder.mkdir()
    for i in range(6):
        for path in sample_pdfs.values():
            shutil.copy(path, folder / f"{i}-{path.name}")
    proc = subprocess.Popen([sys.executable, "-m", "rasoat.cli", "ingest", str(folder), "--db", str(tmp_path / "r.db"),
                             "--workers", "2"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "the pool did not start"
    proc.kill()  # the main process only, not its group
    proc.wait()
    deadline = time.monotonic() + 30
    while any(alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in workers)


def test_a_rerun_rewrites_nothing_for_unchanged_bad_paths(tmp_path):
    folder = tmp_path / "vb"
    folder.mkdir()
    texts(folder, 1)
    os.symlink("khong-co.pdf", folder / "mat-tich.pdf")
    os.symlink("vong.pdf", folder / "vong.pdf")
    db = tmp_path / "r.db"
    first = ingest_paths([folder], db, workers=1)
    assert [r.status for r in first.files] == ["ok", "error", "error"]
    again = ingest_paths([folder], db, workers=1)
    assert [r.status for r in again.files] == ["unchanged"] * 3
    assert [r.error for r in again.files] == [r.error for r in first.files]


@pytest.mark.parametrize("limit", ["khong_co=1", "seconds_per_file=abc", "max_pages=0"])
def test_a_wrong_limit_is_a_usage_error(tmp_path, limit):
    texts(tmp_path, 1)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "r.db"), "--limit", limit])
    assert result.exit_code == 2 and "giới hạn" in result.output
    assert not (tmp_path / "r.db").exists()
