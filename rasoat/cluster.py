"""Dask as the engine of ``rasoat ingest --scheduler ADDRESS`` (the optional extra ``rasoat[cluster]``).

The per-file work (read, OCR, extract, rules: ``rasoat.pipeline.process_file``, a pure function of the
file's bytes and the settings) runs as one Dask task per file on the cluster's workers; this process only
lists, hashes, skips and stores, as with ``--workers`` (``rasoat.pipeline.ingest_paths(..., engine=engine(…))``).

* ``--scheduler local:N`` starts a ``LocalCluster`` of N worker processes (one thread each) on this machine;
  any other value is the address of a running scheduler (``dask scheduler`` / ``dask worker``).
* A file reaches its worker as bytes (written to a temporary folder there under its own name), so the
  workers need no shared file system; with ``shared_fs`` it is sent by path and read where it lies.
* A scanned PDF with more than ``pages_per_task`` pages to OCR is split: the file's task hands page ranges
  to the cluster (``ingest.scan.ocr_pages``, tasks ``ocr-pages-…``), waits for them without holding its
  worker's thread (``worker_client`` secedes), and joins the pages in order; one 400-page scan thus uses
  every worker.
* Results come back with ``as_completed``; they are handed to the writer in the order the files were met
  (at most ``IN_FLIGHT_PER_THREAD`` files per worker thread are submitted ahead of the one awaited), so a
  run gives the same database, row by row, as ``--workers 1``.
* A worker that dies: the scheduler gives its task to another worker; a file whose task was on a worker
  that died ``ALLOWED_FAILURES + 1`` times (``KilledWorker``) runs once more, alone (it may only have shared
  a worker with the file that killed it), and becomes an error row if its worker dies again.  On a local cluster the
  nanny restarts a worker over ``Limits.worker_memory_bytes``; ``Limits.seconds_per_file`` is not enforced
  on a cluster (tasks run on worker threads, where no alarm can interrupt them).

Nothing here imports Dask at module level: ``rasoat ingest`` without ``--scheduler`` never loads it.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from rasoat.limits import Limits
from rasoat.models import Document, Page

LOCAL_PREFIX = "local:"  # --scheduler local:N: a LocalCluster of N processes on this machine
IN_FLIGHT_PER_THREAD = 4  # files submitted ahead of the one awaited, per worker thread (bounds memory)
ALLOWED_FAILURES = 1  # deaths of a worker running a file's task that are retried; one more: an error row
DEFAULT_PAGES_PER_TASK = 4  # pages of a scan OCRed by one task (a longer scan is split into such ranges)
CONNECT_TIMEOUT = "30s"  # waiting for a remote scheduler to answer
FILE_TASK = "read-file"  # key prefix of a file's task (as shown on the dashboard)
OCR_TASK = "ocr-pages"  # key prefix of a page range's OCR task

CLUSTER_DIED = "worker Dask chết khi đang xử lý tệp này, cả khi chạy lại trên worker khác"


class SchedulerError(ValueError):
    """A ``--scheduler`` value that is neither ``local:N`` nor an address (message in Vietnamese)."""


def local_workers(scheduler: str) -> int | None:
    """N for ``local:N``; None for a scheduler's address.  Raises ``SchedulerError`` for a bad value."""
    scheduler = scheduler.strip()
    if not scheduler:
        raise SchedulerError("--scheduler trống: dùng local:N hoặc địa chỉ bộ lập lịch Dask (tcp://máy:8786)")
    if not scheduler.startswith(LOCAL_PREFIX):
        return None
    count = scheduler[len(LOCAL_PREFIX):]
    if not count.isdigit() or int(count) < 1:
        raise SchedulerError(f"--scheduler {scheduler}: sau 'local:' phải là số tiến trình (≥ 1), ví dụ local:4")
    return int(count)


@contextmanager
def connect(scheduler: str, limits: Limits | None = None):
    """A ``distributed.Client`` of ``scheduler`` (a ``LocalCluster`` started here for ``local:N``, closed
    on exit), with the scheduler's retries set to ``ALLOWED_FAILURES`` for a local cluster (a remote
    scheduler has its own setting: see the README)."""
    import dask
    from distributed import Client, LocalCluster

    limits = limits or Limits()
    n = local_workers(scheduler)
    if n is None:
        with Client(scheduler, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES}), \
            LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                         memory_limit=limits.worker_memory_bytes, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


def dashboard(client) -> str | None:
    """The address of the scheduler's dashboard, when it serves one (it needs bokeh)."""
    try:
        if "dashboard" in client.scheduler_info().get("services", {}):
            return client.dashboard_link
    except Exception:  # an old or unusual scheduler: no dashboard to show
        pass
    return None


def engine(scheduler: str, shared_fs: bool = False, notice=None):
    """``ingest_paths``'s ``engine``: ``process_files`` on the Dask cluster ``scheduler``."""
    return partial(_engine, scheduler=scheduler, shared_fs=shared_fs, notice=notice)


def _engine(files: list[Path], limits: Limits, scheduler: str, shared_fs: bool, notice) -> Iterator:
    return process_files(files, scheduler, limits, shared_fs=shared_fs, notice=notice)


def process_files(files: list[str | Path], scheduler: str, limits: Limits | None = None, shared_fs: bool = False,
                  notice=None, pages_per_task: int = DEFAULT_PAGES_PER_TASK) -> Iterator[tuple[Path, Document]]:
    """``(path, document)`` for each file, in the order given (as ``rasoat.pipeline.process_files``),
    processed on the Dask cluster ``scheduler``.  ``notice(message)`` gets what to tell the user (the
    cluster's workers, the dashboard's address)."""
    from distributed import as_completed, wait

    files = [Path(f) for f in files]
    if not files:
        return
    limits = limits or Limits()
    with connect(scheduler, limits) as client:
        threads = sum(client.nthreads().values())
        if notice:
            notice(f"Dask: {len(client.nthreads())} worker, {threads} luồng ({client.scheduler.address})")
            if link := dashboard(client):
                notice(f"Bảng điều khiển Dask: {link}")
        window = max(threads, 1) * IN_FLIGHT_PER_THREAD
        pending = as_completed()
        index_of: dict[str, int] = {}
        done: dict[int, Document] = {}
        retried: set[int] = set()
        submitted = 0
        try:
            for i, path in enumerate(files):
                while submitted < len(files) and submitted < i + window:
                    future = _submit(client, files[submitted], limits, shared_fs, pages_per_task)
                    if isinstance(future, Document):  # not sent: the file could not be read here
                        done[submitted] = future
                    else:
                        index_of[future.key] = submitted
                        pending.add(future)
                    submitted += 1
                while i not in done:
                    future = next(pending)
                    j = index_of.pop(future.key)
                    if j not in retried and _killed(future):
                        # a task may have only shared a worker with the file that killed it: it runs once more,
                        # waited for before any other such task is sent again (with the killer beside it, it would
                        # die again), and becomes an error row only if its workers die again
                        retried.add(j)
                        future.release()
                        again = _submit(client, files[j], limits, shared_fs, pages_per_task)
                        if not isinstance(again, Document):
                            wait(again)
                            again = _result(again, files[j])
                        done[j] = again
                        continue
                    done[j] = _result(future, files[j])
                yield path, done.pop(i)
        finally:
            pending.clear()


def _submit(client, path: Path, limits: Limits, shared_fs: bool, pages_per_task: int):
    """The task of one file (or its error row when it cannot be read here to be sent)."""
    from rasoat.pipeline import failed_document

    if shared_fs:
        payload: bytes | str = str(path)
    else:
        try:
            payload = path.read_bytes()
        except OSError as e:
            return failed_document(path, "read", e)
    return client.submit(run_file, str(path), payload, limits, pages_per_task,
                         key=f"{FILE_TASK}-{uuid.uuid4().hex}", pure=False)


def _killed(future) -> bool:
    """The task failed because the workers running it died (``KilledWorker``)."""
    from distributed import KilledWorker

    return future.status == "error" and isinstance(future.exception(), KilledWorker)


def _result(future, path: Path) -> Document:
    from distributed import KilledWorker

    from rasoat.errors import WORKER_DIED
    from rasoat.pipeline import error_document, failed_document

    try:
        return future.result()
    except KilledWorker as e:
        return error_document(path, "read", WORKER_DIED.format(how=CLUSTER_DIED), f"{type(e).__name__}: {e}")
    except Exception as e:  # the task failed outside process_file (the temporary copy, pickling)
        return failed_document(path, "read", e)
    finally:
        future.release()


# ------------------------------------------------------------ on a worker

def run_file(original: str, payload: bytes | str, limits: Limits, pages_per_task: int) -> Document:
    """One file's task, on a worker: ``process_file`` of the file at ``payload`` (a path), or of its bytes
    written under its own name to a temporary folder; the document keeps the ``original`` path."""
    from rasoat.pipeline import process_file

    ocr = SplitOcr(payload, pages_per_task, limits)
    if isinstance(payload, str):
        return process_file(payload, limits=limits, ocr=ocr)
    with tempfile.TemporaryDirectory(prefix="rasoat-") as tmp:
        path = Path(tmp) / Path(original).name
        path.write_bytes(payload)
        doc = process_file(path, limits=limits, ocr=ocr)
    source = doc.source
    source.path = original
    for attr in ("error", "error_detail"):  # messages that name the temporary copy name the file instead
        if text := getattr(source, attr):
            setattr(source, attr, text.replace(str(path), original))
    return doc


class SplitOcr:
    """``ingest_file``'s OCR function on a worker: up to ``pages_per_task`` pages are OCRed here, more are
    split into page ranges sent to the cluster as tasks of their own and joined in order."""

    def __init__(self, pdf: bytes | str, pages_per_task: int, limits: Limits | None = None) -> None:
        self.pdf, self.pages_per_task, self.limits = pdf, max(1, pages_per_task), limits

    def __call__(self, path: str, indexes: list[int]) -> list[Page]:
        from ingest.scan import ocr_pages

        if len(indexes) <= self.pages_per_task or not _on_worker():
            return ocr_pages(path, indexes, self.limits)
        from distributed import worker_client

        step = self.pages_per_task
        ranges = [indexes[k:k + step] for k in range(0, len(indexes), step)]
        with worker_client() as client:  # secedes: this thread's slot goes to the page tasks meanwhile
            pdf = client.scatter(self.pdf) if isinstance(self.pdf, bytes) else self.pdf
            token = uuid.uuid4().hex
            futures = [client.submit(ocr_pages, pdf, r, self.limits, key=f"{OCR_TASK}-{token}-{r[0]}", pure=False)
                       for r in ranges]
            parts = client.gather(futures)
        return [page for part in parts for page in part]


def _on_worker() -> bool:
    from distributed import get_worker

    try:
        get_worker()
    except ValueError:
        return False
    return True
