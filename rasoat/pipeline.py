"""file → ingest → extract → rules: one function per step, joined here;
``process_files`` spreads files over worker processes; ``ingest_paths`` is
what ``rasoat ingest`` does (list, hash, skip the unchanged, process, store).

Each file is one unit: an exception at any stage (read, extract, rules,
store), a worker process that dies or a file over its time limit becomes
that file's row with its error (``rasoat.errors``), and the run goes on.

The stages are imported when a file is processed; listing the files and
recognising unchanged ones is ``rasoat.files`` (standard library only), so
``rasoat ingest`` over an unchanged corpus stays cheap.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from time import perf_counter

from rasoat.errors import TIMED_OUT, WORKER_DIED, FileTimeout, describe
from rasoat.limits import Limits
from rasoat.models import Document, SourceDocument

STAGES = ("parse", "extract", "rules")
IN_FLIGHT_PER_WORKER = 4  # files handed to the pool ahead of the one awaited, per worker (a broken pool reruns these)
HARD_TIMEOUT_GRACE = 10.0  # CPU seconds past seconds_per_file after which a worker stuck in C code is killed
PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a process gets when its parent dies (Linux)


def process_file(path: str | Path, timings: dict[str, float] | None = None, limits: Limits | None = None,
                 ocr=True) -> Document:
    """Ingest, extract and check one file (no cross-document rules).

    Never raises for the file: an exception at a stage becomes the
    document's ``error``, ``error_stage`` and ``error_detail``.  ``timings``,
    when given, receives the seconds spent in each stage (``STAGES``), added
    to what it holds; ``limits`` and ``ocr`` go to ``ingest_file``."""
    from ingest import ingest_file

    clock = _Clock(timings)
    try:
        source = ingest_file(path, ocr=ocr, limits=limits)
    except Exception as e:
        return failed_document(path, "read", e)
    clock.lap("parse")
    return check_source(source, clock)


def check_source(source: SourceDocument, clock: _Clock | None = None) -> Document:
    """Extract and check what ``ingest_file`` read (an exception becomes the document's error)."""
    from rasoat.files import path_key

    if not source.sha256:  # not hashed (vanished or unreadable): keyed by its path
        source.sha256 = path_key(source.path)
    if source.error:
        source.error_stage = source.error_stage or "read"
        return Document(source=source)
    stage = "extract"
    try:
        from extract import extract

        clock = clock or _Clock(None)
        doc = Document(source=source)
        doc.extraction = extract(source)
        clock.lap("extract")
        stage = "rules"
        from rules import run_rules

        doc.findings = run_rules(doc, corpus=None)
        clock.lap("rules")
    except Exception as e:
        return failed_document(source.path, stage, e, sha256=source.sha256)
    return doc


def failed_document(path: str | Path, stage: str, e: BaseException, sha256: str | None = None) -> Document:
    """The row of a file that failed at ``stage`` with ``e``: its error, no pages, nothing extracted."""
    message, detail = describe(e, stage, path)
    return error_document(path, stage, message, detail, sha256)


def error_document(path: str | Path, stage: str, message: str, detail: str | None = None,
                   sha256: str | None = None) -> Document:
    from rasoat.files import path_key, sha256_file

    if not sha256:
        try:
            sha256 = sha256_file(path)
        except Exception:  # vanished, unreadable, a broken link
            sha256 = path_key(path)
    source = SourceDocument(path=str(path), sha256=sha256, file_name=Path(path).name, error=message,
                            error_stage=stage, error_detail=detail)
    return Document(source=source)


class _Clock:
    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings, self.last = timings, perf_counter()

    def lap(self, stage: str) -> None:
        now = perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def process_files(files: Iterable[str | Path], workers: int | None = None,
                  limits: Limits | None = None) -> Iterator[tuple[Path, Document]]:
    """``(path, process_file(path))`` for each file, in the order given.

    With more than one worker the files are processed in that many child
    processes, each taking the next file when it is done with one; the
    results still come back in order (the caller, the only writer, stores
    them as they come).  Children are forked where the system allows it, so
    they start with the stages loaded (``_preload``); while this process
    loads them, one child already reads the first files (``_read_ahead``).

    Each file has ``limits.seconds_per_file`` (in this process too, when it
    runs on the main thread); a worker also has ``limits.worker_memory_bytes``
    of address space and exits when this process dies.  A worker that dies
    (killed, out of memory, a crash in C code) costs the file it was reading
    an error row: the files it may have held are read again, each alone."""
    files = [Path(f) for f in files]
    limits = limits or Limits()
    workers = min(workers or default_workers(), len(files))
    if workers <= 1:
        for f in files:
            yield f, _process_in_process(f, limits)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    ahead = _ReadAhead(files, context, limits)
    try:
        _preload()
    finally:
        claimed = ahead.stop()
    runner = _Runner(files, context, workers, limits, first=claimed)
    try:
        for i, f in enumerate(files):
            if i < claimed:
                source = ahead.source(i)
                doc = runner.alone(i) if source is None else _process_in_process(f, limits, source)
            else:
                doc = runner.result(i)
            yield f, doc
    finally:  # on an early stop, only the files being processed are finished
        runner.close()
        ahead.close()


def _process_in_process(path: Path, limits: Limits, source: SourceDocument | None = None) -> Document:
    """``process_file`` (or ``check_source`` of what was read) here, within the time limit."""
    try:
        with time_limit(limits.seconds_per_file):
            return process_file(path, limits=limits) if source is None else check_source(source)
    except FileTimeout as e:  # between two stages
        return failed_document(path, "extract" if source else "read", e)


@contextmanager
def time_limit(seconds: float, hard: bool = False):
    """Raise ``FileTimeout`` in this (main) thread after ``seconds`` of wall time; with ``hard`` (a worker
    process), also end the process after ``seconds + HARD_TIMEOUT_GRACE`` seconds of CPU time (SIGPROF,
    whose default action ends the process): C code that never returns to Python cannot be interrupted
    otherwise.  Off a main thread, or without ``setitimer``, it does nothing."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum, frame):
        raise FileTimeout(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    if hard:
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_PROF, seconds + HARD_TIMEOUT_GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if hard:
            signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGALRM, previous)


def _init_worker(limits: Limits, parent: int) -> None:
    """In each child process: die with the parent, and cap the address space."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    try:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        resource.setrlimit(resource.RLIMIT_AS, (limits.worker_memory_bytes, hard))
    except (ImportError, ValueError, OSError):  # not POSIX, or the hard limit is lower
        pass


def _work(path: Path, limits: Limits) -> Document:
    """One file in a worker process."""
    try:
        with time_limit(limits.seconds_per_file, hard=True):
            return process_file(path, limits=limits)
    except (FileTimeout, MemoryError) as e:  # between two stages
        return failed_document(path, "read", e)


def _work_alone(path: Path, limits: Limits, parent: int, conn) -> None:
    """One file in a process of its own; the document is sent back through ``conn``."""
    _init_worker(limits, parent)
    conn.send(_work(path, limits))
    conn.close()


class _Runner:
    """The pool of workers, fed ``IN_FLIGHT_PER_WORKER`` files per worker ahead of the file awaited.
    When a worker dies the pool is broken: every file the pool held unfinished is a suspect, read again
    in a process of its own, where dying costs only that file; a new pool takes the others."""

    def __init__(self, files: list[Path], context, workers: int, limits: Limits, first: int) -> None:
        self.files, self.context, self.workers, self.limits = files, context, workers, limits
        self.next = first  # the next file to hand to the pool
        self.futures: dict[int, Future] = {}
        self.suspects: set[int] = set()
        self.pool: ProcessPoolExecutor | None = None

    def result(self, i: int) -> Document:
        if i in self.suspects:
            return self.alone(i)
        self._fill()
        future = self.futures.pop(i)
        try:
            return future.result()
        except BrokenProcessPool:
            held = {j for j, f in self.futures.items() if not f.done() or f.exception() is not None}
            self.suspects |= held | {i}
            for j in held:
                del self.futures[j]
            self.pool.shutdown(wait=True)
            self.pool = None
            return self.alone(i)
        except Exception as e:  # the document could not come back (pickling)
            return failed_document(self.files[i], "read", e)

    def _fill(self) -> None:
        while self.next < len(self.files) and len(self.futures) < self.workers * IN_FLIGHT_PER_WORKER:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=self.context,
                                                initializer=_init_worker, initargs=(self.limits, os.getpid()))
            self.futures[self.next] = self.pool.submit(_work, self.files[self.next], self.limits)
            self.next += 1

    def alone(self, i: int) -> Document:
        """File ``i`` in a process of its own; if that process dies, the file's error row."""
        self.suspects.discard(i)
        path = self.files[i]
        receive, send = self.context.Pipe(duplex=False)
        child = self.context.Process(target=_work_alone, args=(path, self.limits, os.getpid(), send), daemon=True)
        child.start()
        send.close()
        try:
            doc = receive.recv()
        except (EOFError, OSError):
            doc = None
        finally:
            receive.close()
            child.join()
        if doc is not None:
            return doc
        code = child.exitcode
        if code == -signal.SIGPROF:
            message = TIMED_OUT.format(seconds=self.limits.seconds_per_file)
        else:
            message = WORKER_DIED.format(how=_death(code))
        return error_document(path, "read", message, f"worker process exit code {code}")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _death(code: int | None) -> str:
    """How a child process ended, in words (its exit code: minus the signal that ended it)."""
    if code is not None and code < 0:
        words = {signal.SIGKILL: "bị hệ điều hành dừng bằng SIGKILL, thường do thiếu bộ nhớ",
                 signal.SIGSEGV: "lỗi truy cập bộ nhớ SIGSEGV trong thư viện đọc tệp",
                 signal.SIGABRT: "thư viện đọc tệp tự dừng SIGABRT, thường do thiếu bộ nhớ",
                 signal.SIGBUS: "lỗi bus SIGBUS"}
        return words.get(-code, f"tín hiệu {signal.Signals(-code).name}" if -code in signal.valid_signals()
                         else f"tín hiệu {-code}")
    return f"mã thoát {code}"


class _ReadAhead:
    """One child, started before the stages are loaded, that reads
    (``ingest_file``) the files in order until told to stop; the parent
    extracts and checks what it read.  Reading needs none of what loading
    the stages takes a second or two to build."""

    def __init__(self, files: list[Path], context, limits: Limits) -> None:
        import ingest.pdf  # noqa: F401  (the child starts reading at once)

        self.files, self.queue = files, context.Queue()
        self.next, self.stopped = context.Value("i", 0), context.Value("b", False)
        self.child = context.Process(target=_read_ahead, daemon=True,
                                     args=(files, self.queue, self.next, self.stopped, limits, os.getpid()))
        self.child.start()
        self.done = False

    def stop(self) -> int:
        """Stop taking files; how many were taken (they are read, or being read)."""
        with self.next.get_lock():
            self.stopped.value = True
            return self.next.value

    def source(self, index: int) -> SourceDocument | None:
        """What the child read for file ``index`` (asked in order); None when the child died before
        sending it (the caller reads it again, alone)."""
        import queue

        while not self.done:
            try:
                item = self.queue.get(timeout=0.5)
            except queue.Empty:
                if self.child.is_alive():
                    continue
                try:  # what it sent just before it ended
                    item = self.queue.get(timeout=0.5)
                except queue.Empty:
                    item = None
            if item is None:
                self.done = True
                break
            if item[0] == index:
                return item[1]
        return None

    def close(self) -> None:
        """Wait for the child (it has sent what it took; on an early stop it
        may be blocked on what nobody reads: then it is ended)."""
        self.child.join(timeout=5)
        if self.child.is_alive():
            self.child.kill()
            self.child.join()


def _read_ahead(files: list[Path], queue, next_index, stopped, limits: Limits, parent: int) -> None:
    from ingest import ingest_file

    _init_worker(limits, parent)
    try:
        while True:
            with next_index.get_lock():
                if stopped.value or next_index.value >= len(files):
                    return
                i = next_index.value
                next_index.value = i + 1
            try:
                with time_limit(limits.seconds_per_file, hard=True):
                    source = ingest_file(files[i], limits=limits)
            except Exception as e:
                source = failed_document(files[i], "read", e).source
            queue.put((i, source))
    finally:
        queue.put(None)


def _preload() -> None:
    """Load the stages once in the parent, forked children inherit them:
    the modules, and what extract and rules build on first use (the issuing
    bodies' phrase matcher takes a second), by running them on one line."""
    import ingest.pdf  # noqa: F401
    from extract import extract
    from rasoat.models import Page, Region
    from rules import run_rules

    line = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 của Quốc hội; đạt 46,2%."
    source = SourceDocument(path="", sha256="", file_name="",
                            pages=[Page(number=1, text=line, regions={Region.BODY: (0, len(line))})])
    doc = Document(source=source, extraction=extract(source))
    run_rules(doc, corpus=None)


def warm_up() -> None:
    """Load the stages and build what they build on first use, so that the
    first file is timed (or processed) like the others: what
    ``process_files`` does before forking its workers."""
    _preload()
# ---------------------------------------------------------------- a run

@dataclass
class FileResult:
    """What a run did with one file (``path`` in its printable form, ``rasoat.files.display_path``)."""

    path: str
    status: str  # ok, error, unchanged
    error: str | None = None
    error_stage: str | None = None
    number: str | None = None
    findings: int | None = None


@dataclass
class IngestSummary:
    """What ``ingest_paths`` did: one result per file met, in the order met; ``error`` is a problem of the
    run itself (the search indexes could not be rebuilt)."""

    db: str
    files: list[FileResult] = field(default_factory=list)
    error: str | None = None

    @property
    def failed(self) -> int:
        return sum(bool(r.error) for r in self.files)

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.files)

    def to_json(self) -> list[dict]:
        return [asdict(r) for r in self.files]


Progress = Callable[[int, int, "str | None"], None]  # (files done, files to process, name of the file just done)
Engine = Callable[[list[Path], Limits], Iterable[tuple[Path, Document]]]  # (files, limits) -> (path, doc) in order


def ingest_paths(paths: Iterable[str | Path], db: str | Path, workers: int | None = None, limits: Limits | None = None,
                 force: bool = False, progress: Progress | None = None, engine: Engine | None = None) -> IngestSummary:
    """Read the files under ``paths`` into the database ``db``: every path met gets a row (a file that
    fails, at any stage, is stored with its error); unchanged files (same SHA-256) are skipped unless
    ``force``.  ``progress(done, total, name)`` is called once with ``done == 0`` when the files to
    process are known, then after each file stored.

    The files are processed by ``workers`` processes here (``process_files``), or by ``engine(files,
    limits)``, which yields ``(path, document)`` in the order given (``rasoat.cluster.engine``: a Dask
    cluster); either way this process is the only writer, in the order the files were met."""
    from rasoat import store
    from rasoat.files import display_path, iter_files, path_key, sha256_file

    limits = limits or Limits.from_env()
    files = list(iter_files(list(paths)))
    summary = IngestSummary(db=str(db))
    results: dict[int, FileResult] = {}
    keys: dict[int, str] = {}
    unreadable: dict[int, Document] = {}  # files that cannot even be hashed: stored with their error
    for k, f in enumerate(files):
        try:
            keys[k] = sha256_file(f)
        except OSError as e:
            keys[k] = path_key(f)
            unreadable[k] = failed_document(f, "read", e, sha256=keys[k])
    known, stale = ({}, True) if force else store.stored(db, keys.values())
    todo: list[int] = []
    for k, key in keys.items():
        if key in known and (k not in unreadable or known[key] == unreadable[k].source.error):
            results[k] = FileResult(path=display_path(files[k]), status="unchanged", error=known[key])
        else:
            todo.append(k)
    if progress:
        progress(0, len(todo), None)
    if todo or stale:  # else an unchanged corpus: no stage is imported, the database is only read
        from rules import catalogue

        conn = store.open_db(db)
        store.save_rules(conn, catalogue())
        readable = [k for k in todo if k not in unreadable]
        done = [(k, unreadable[k]) for k in todo if k in unreadable]
        to_process = [files[k] for k in readable]
        in_order = engine(to_process, limits) if engine else process_files(to_process, workers, limits)
        docs = (doc for _, doc in in_order)
        processed = zip(readable, docs, strict=True)
        for n, (k, doc) in enumerate(_chain(done, processed), start=1):
            results[k] = _store(store, conn, files[k], doc)
            if progress:
                progress(n, len(todo), display_path(files[k].name))
        if store.derived_stale(conn):  # also finishes a run that was interrupted after its last document
            try:
                store.refresh_derived(conn)
            except Exception as e:
                summary.error = f"Không dựng lại được chỉ mục tìm kiếm: {describe(e, 'store')[0]}"
    summary.files = [results[k] for k in sorted(results)]
    return summary


def _chain(*parts):
    for part in parts:
        yield from part


def _store(store, conn, path: Path, doc: Document) -> FileResult:
    """Write one document; if that fails, its transaction is rolled back and the error row written instead."""
    from rasoat.files import display_path

    now = datetime.now(UTC).isoformat(timespec="seconds")
    try:
        store.save_document(conn, doc, ingested_at=now)
    except Exception as e:
        doc = failed_document(path, "store", e, sha256=doc.id)
        with suppress(Exception):  # e.g. the disk is full: the file is reported, not stored
            store.save_document(conn, doc, ingested_at=now)
    s = doc.source
    return FileResult(path=display_path(path), status="error" if s.error else "ok", error=s.error,
                      error_stage=s.error_stage, number=doc.extraction.header.number, findings=len(doc.findings))
