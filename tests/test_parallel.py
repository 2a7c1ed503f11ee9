"""``rasoat ingest --workers N`` spreads files over processes and gives the
same database as ``--workers 1``, row by row."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rasoat.pipeline import default_workers, process_files

ROOT = Path(__file__).resolve().parent.parent


def rasoat(*args: str) -> subprocess.CompletedProcess:
    """The real command line, in its own process."""
    return subprocess.run([sys.executable, "-m", "rasoat.cli", *args], capture_output=True, text=True, cwd=ROOT)


def db_rows(path: Path, skip_columns=("ingested_at",)) -> dict[str, list[tuple]]:
    """Every real table (FTS shadow tables included), rows in rowid order,
    without the columns named in ``skip_columns``."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute(
            "select name from sqlite_master where type = 'table' and sql not like 'CREATE VIRTUAL TABLE%' "
            "and name not like 'sqlite_%' order by name")]
        out = {}
        for t in tables:
            cols = [r[1] for r in conn.execute(f"pragma table_info([{t}])") if r[1] not in skip_columns]
            order = "rowid" if "WITHOUT ROWID" not in (conn.execute(
                "select sql from sqlite_master where name = ?", [t]).fetchone()[0] or "").upper() else "1"
            out[t] = conn.execute(f"select {', '.join(f'[{c}]' for c in cols)} from [{t}] order by {order}").fetchall()
        return out
    finally:
        conn.close()


@pytest.fixture(scope="module")
def mixed_folder(sample_pdfs, tmp_path_factory):
    """The sample PDFs, a text file and a broken PDF."""
    folder = tmp_path_factory.mktemp("mixed")
    for path in sample_pdfs.values():
        shutil.copy(path, folder / path.name)
    (folder / "ghi-chu.txt").write_text("Báo cáo số 12/BC-UBND: 46/46 xã đạt chuẩn (100%).", encoding="utf-8")
    good = sample_pdfs["cv-so-tu-phap"].read_bytes()
    (folder / "hong.pdf").write_bytes(good[: len(good) // 3])
    return folder


@pytest.fixture(scope="module")
def two_runs(mixed_folder, tmp_path_factory):
    out = {}
    for n in (1, 3):
        db = tmp_path_factory.mktemp(f"w{n}") / "rasoat.db"
        result = rasoat("ingest", str(mixed_folder), "--db", str(db), "--workers", str(n), "--json")
        assert result.returncode == 1, result.stderr  # the broken PDF is an error row
        out[n] = (db, json.loads(result.stdout))
    return out


def test_the_runs_stored_every_file(two_runs, mixed_folder):
    rows = db_rows(two_runs[1][0])
    assert len(rows["documents"]) == len(list(mixed_folder.iterdir()))
    assert len(rows["pages"]) > len(rows["documents"])
    assert rows["figures"] and rows["findings"]


def test_workers_give_the_same_database_row_by_row(two_runs):
    one, many = db_rows(two_runs[1][0]), db_rows(two_runs[3][0])
    assert set(one) == set(many)
    for table in one:
        assert one[table] == many[table], table


def test_workers_give_the_same_report(two_runs):
    assert two_runs[1][1] == two_runs[3][1]
    assert [r["status"] for r in two_runs[1][1]].count("error") == 1


def test_results_come_back_in_the_order_given(sample_pdfs, tmp_path):
    # the longest file first: the short ones finish before it, yet come after it
    files = sorted(sample_pdfs.values(), key=lambda p: -p.stat().st_size)
    got = [(path, doc.source.path, len(doc.source.pages)) for path, doc in process_files(files, workers=2)]
    assert [g[0] for g in got] == files
    assert all(str(path) == source for path, source, _ in got)
    assert all(pages > 0 for _, _, pages in got)


@pytest.mark.parametrize("workers", [1, 8])  # in this process; more workers than files
def test_any_worker_count_gives_each_file_once_in_order(sample_pdfs, workers):
    files = list(sample_pdfs.values())[:3]
    assert [p for p, _ in process_files(files, workers=workers)] == files


def test_default_workers_is_the_cores_available():
    assert default_workers() == len(os.sched_getaffinity(0))
