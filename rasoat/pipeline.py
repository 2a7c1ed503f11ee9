"""file → ingest → extract → rules: one function per step, joined here;
``process_files`` spreads files over worker processes.

The stages are imported when a file is processed; listing the files and
recognising unchanged ones is ``rasoat.files`` (standard library only), so
``rasoat ingest`` over an unchanged corpus stays cheap.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from time import perf_counter

from rasoat.models import Document, SourceDocument

STAGES = ("parse", "extract", "rules")


def process_file(path: str | Path, timings: dict[str, float] | None = None) -> Document:
    """Ingest, extract and check one file (no cross-document rules).

    ``timings``, when given, receives the seconds spent in each stage
    (``STAGES``), added to what it holds."""
    from ingest import ingest_file

    clock = _Clock(timings)
    source = ingest_file(path)
    clock.lap("parse")
    return check_source(source, clock)


def check_source(source: SourceDocument, clock: _Clock | None = None) -> Document:
    """Extract and check what ``ingest_file`` read."""
    from extract import extract
    from rules import run_rules

    clock = clock or _Clock(None)
    doc = Document(source=source)
    if not source.error:
        doc.extraction = extract(source)
        clock.lap("extract")
        doc.findings = run_rules(doc, corpus=None)
        clock.lap("rules")
    return doc


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


def process_files(files: Iterable[str | Path], workers: int | None = None) -> Iterator[tuple[Path, Document]]:
    """``(path, process_file(path))`` for each file, in the order given.

    With more than one worker the files are processed in that many child
    processes, each taking the next file when it is done with one; the
    results still come back in order (the caller, the only writer, stores
    them as they come).  Children are forked where the system allows it, so
    they start with the stages loaded (``_preload``); while this process
    loads them, one child already reads the first files (``_read_ahead``)."""
    files = [Path(f) for f in files]
    workers = min(workers or default_workers(), len(files))
    if workers <= 1:
        for f in files:
            yield f, process_file(f)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    ahead = _ReadAhead(files, context)
    try:
        _preload()
    finally:
        claimed = ahead.stop()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        rest = {i: pool.submit(process_file, files[i]) for i in range(claimed, len(files))}
        for i, f in enumerate(files):
            yield f, (check_source(ahead.source(i)) if i < claimed else rest[i].result())
    finally:  # on an early stop, only the files being processed are finished
        pool.shutdown(wait=True, cancel_futures=True)
        ahead.close()


class _ReadAhead:
    """One child, started before the stages are loaded, that reads
    (``ingest_file``) the files in order until told to stop; the parent
    extracts and checks what it read.  Reading needs none of what loading
    the stages takes a second or two to build."""

    def __init__(self, files: list[Path], context) -> None:
        import ingest.pdf  # noqa: F401  (the child starts reading at once)

        self.files, self.queue = files, context.Queue()
        self.next, self.stopped = context.Value("i", 0), context.Value("b", False)
        self.child = context.Process(target=_read_ahead, args=(files, self.queue, self.next, self.stopped), daemon=True)
        self.child.start()
        self.done = False

    def stop(self) -> int:
        """Stop taking files; how many were taken (they are read, or being read)."""
        with self.next.get_lock():
            self.stopped.value = True
            return self.next.value

    def source(self, index: int) -> SourceDocument:
        """What the child read for file ``index`` (asked in order)."""
        item = None if self.done else self.queue.get()
        if item is None:  # the child died: read it here
            from ingest import ingest_file

            self.done = True
            return ingest_file(self.files[index])
        assert item[0] == index
        return item[1]

    def close(self) -> None:
        """Wait for the child (it has sent what it took; on an early stop it
        may be blocked on what nobody reads: then it is ended)."""
        self.child.join(timeout=5)
        if self.child.is_alive():
            self.child.kill()
            self.child.join()


def _read_ahead(files: list[Path], queue, next_index, stopped) -> None:
    from ingest import ingest_file

    try:
        while True:
            with next_index.get_lock():
                if stopped.value or next_index.value >= len(files):
                    return
                i = next_index.value
                next_index.value = i + 1
            queue.put((i, ingest_file(files[i])))
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
