"""``rasoat ingest --scheduler``: Dask as the engine (rasoat/cluster.py), on real local clusters of worker
processes (few, small files: the whole module takes a few seconds of CPU)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import dask
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster, WorkerPlugin, get_task_stream

from ingest import ingest_file
from rasoat import cluster
from rasoat.cli import cli
from rasoat.pipeline import ingest_paths

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_parallel import ROOT, db_rows, mixed_folder, rasoat  # noqa: E402, F401  (mixed_folder: a fixture)
from test_scan import image_only_pdf  # noqa: E402


@pytest.fixture(scope="module")
def dask_cluster():
    """Two worker processes of one thread each; the scheduler in this process, with the retries that
    ``--scheduler local:N`` sets (README: a file whose worker dies twice is an error row)."""
    with dask.config.set({"distributed.scheduler.allowed-failures": cluster.ALLOWED_FAILURES}), \
            LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                         silence_logs=40) as c, Client(c) as client:
        yield c, client


class KillOn(WorkerPlugin):
    """In every worker (restarted ones too): ``ingest_file`` kills its own process on a file whose name
    holds ``marker`` (a crash in C code)."""

    name = "kill-on"

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def setup(self, worker) -> None:
        import ingest

        real, marker = ingest.ingest_file, self.marker

        def ingest_file(path, *args, **kwargs):
            if marker in Path(path).name:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(path, *args, **kwargs)

        ingest.ingest_file = ingest_file


def test_local_scheduler_gives_the_same_database_row_by_row_as_one_worker(mixed_folder, tmp_path):  # noqa: F811
    runs = {}
    for name, how in (("one", ["--workers", "1"]), ("dask", ["--scheduler", "local:2"])):
        db = tmp_path / f"{name}.db"
        result = rasoat("ingest", str(mixed_folder), "--db", str(db), "--json", *how)
        assert result.returncode == 1, result.stderr  # the broken PDF is an error row
        runs[name] = db, json.loads(result.stdout)
    assert "Dask: 2 worker" in result.stderr
    one, dask = db_rows(runs["one"][0]), db_rows(runs["dask"][0])
    assert set(one) == set(dask)
    for table in one:
        assert one[table] == dask[table], table
    assert runs["one"][1] == runs["dask"][1]
    # an unchanged rerun with --scheduler starts no cluster and imports nothing of Dask
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "rasoat.cli", "ingest", str(mixed_folder),
                            "--db", str(runs["dask"][0]), "--scheduler", "local:2"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1, again.stderr  # the broken PDF's row is still an error
    imported = {line.split("|")[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")}
    assert not {m for m in imported if m.split(".")[0] in ("dask", "distributed")}
    # 14 files unchanged: 13 read well and the broken one, counted once as failed on an earlier run
    assert "bỏ qua 13 tệp không đổi, 1 tệp lỗi (trong đó 1 tệp lỗi từ lần đọc trước" in again.stdout


def test_without_scheduler_nothing_of_dask_is_imported(tmp_path):
    (tmp_path / "bao-cao.txt").write_text("Báo cáo: 12/12 xã đạt chuẩn (100%).", encoding="utf-8")
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "rasoat.cli", "ingest", str(tmp_path),
                          "--db", str(tmp_path / "r.db"), "--workers", "1"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "rasoat.pipeline" in imported and "extract" in imported  # the file was processed
    assert not {m for m in imported if m.split(".")[0] in ("dask", "distributed", "tornado")}


def test_a_killed_worker_loses_no_file(sample_pdfs, dask_cluster, tmp_path):
    _, client = dask_cluster
    folder = tmp_path / "in"
    folder.mkdir()
    for path in sample_pdfs.values():
        shutil.copy(path, folder / path.name)
    killed = []

    def kill_a_busy_worker(done, total, name):
        if done == 1:
            busy = [w for w, keys in client.processing().items() if keys]
            assert busy  # the run has files in flight
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    summary = ingest_paths([folder], tmp_path / "r.db", progress=kill_a_busy_worker,
                           engine=cluster.engine(client.scheduler.address, shared_fs=True))
    assert killed
    assert [r.status for r in summary.files] == ["ok"] * 12
    assert len(db_rows(tmp_path / "r.db")["documents"]) == 12


def test_a_file_that_kills_its_worker_twice_is_an_error_row(dask_cluster, tmp_path):
    _, client = dask_cluster
    folder = tmp_path / "in"
    folder.mkdir()
    for k in range(3):
        (folder / f"bao-cao-{k}.txt").write_text(f"Báo cáo số {k + 1}/BC-UBND: 12/12 xã đạt chuẩn.", encoding="utf-8")
    (folder / "giet.txt").write_text("Báo cáo.", encoding="utf-8")
    client.register_plugin(KillOn("giet"))
    try:
        summary = ingest_paths([folder], tmp_path / "r.db", engine=cluster.engine(client.scheduler.address))
    finally:
        client.unregister_worker_plugin(KillOn.name)
    status = {Path(r.path).name: (r.status, r.error_stage, r.error) for r in summary.files}
    assert [status[f"bao-cao-{k}.txt"][0] for k in range(3)] == ["ok"] * 3
    assert status["giet.txt"][:2] == ("error", "read") and "dừng đột ngột" in status["giet.txt"][2]


def test_a_scan_split_into_page_tasks_gives_the_pages_of_one_task(sample_pdfs, dask_cluster, tmp_path):
    _, client = dask_cluster
    scan = image_only_pdf(sample_pdfs["kh-ubnd"], tmp_path / "kh-scan.pdf", pages=2)
    whole = ingest_file(scan)
    assert whole.error is None and whole.ocr
    with get_task_stream(client) as tasks:
        [(path, doc)] = cluster.process_files([scan], client.scheduler.address, pages_per_task=1)
    assert path == scan and doc.source.path == str(scan) and doc.source.error is None
    assert doc.source.pages == whole.pages
    assert doc.source.sha256 == whole.sha256 and doc.source.text_source == whole.text_source
    page_tasks = [t["key"] for t in tasks.data if str(t["key"]).startswith(cluster.OCR_TASK)]
    assert len(page_tasks) == 2  # one task per page, beside the file's own task


@pytest.mark.parametrize("args, message", [
    (["--scheduler", "local:0"], "local:4"),
    (["--scheduler", "local:x"], "local:4"),
    (["--scheduler", " "], "--scheduler trống"),
    (["--scheduler", "local:2", "--workers", "2"], "không dùng cùng nhau"),
    (["--shared-fs"], "chỉ dùng cùng --scheduler"),
])
def test_wrong_scheduler_options_are_usage_errors(tmp_path, args, message):
    (tmp_path / "a.txt").write_text("Báo cáo.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "r.db"), *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "r.db").exists()
