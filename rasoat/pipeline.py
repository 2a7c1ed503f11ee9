"""file → ingest → extract → rules: one function per step, joined here;
``process_files`` spreads files over worker processes.

The stages are imported when a file is processed, so listing files and
skipping unchanged ones (``rasoat ingest`` over an unchanged corpus) stays
cheap.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from time import perf_counter

from rasoat.models import Document

STAGES = ("parse", "extract", "rules")


def process_file(path: str | Path, timings: dict[str, float] | None = None) -> Document:
    """Ingest, extract and check one file (no cross-document rules).

    ``timings``, when given, receives the seconds spent in each stage
    (``STAGES``), added to what it holds."""
    from extract import extract
    from ingest import ingest_file
    from rules import run_rules

    clock = _Clock(timings)
    source = ingest_file(path)
    clock.lap("parse")
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
    they start with the modules already loaded."""
    files = [Path(f) for f in files]
    workers = min(workers or default_workers(), len(files))
    if workers <= 1:
        for f in files:
            yield f, process_file(f)
        return
    _preload()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        yield from zip(files, pool.map(process_file, files))
    finally:  # on an early stop, only the files being processed are finished
        pool.shutdown(wait=True, cancel_futures=True)


def _preload() -> None:
    """Load the stages once in the parent, forked children inherit them:
    the modules, and what extract and rules build on first use (the issuing
    bodies' phrase matcher takes a second), by running them on one line."""
    import ingest.pdf  # noqa: F401
    from extract import extract
    from rasoat.models import Page, SourceDocument
    from rules import run_rules

    line = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 của Quốc hội; đạt 46,2%."
    source = SourceDocument(path="", sha256="", file_name="", pages=[Page(number=1, text=line, regions={"body": (0, len(line))})])
    doc = Document(source=source, extraction=extract(source))
    run_rules(doc, corpus=None)


def iter_files(paths: list[str | Path]) -> Iterator[Path]:
    """Files under ``paths`` (folders recursively, sorted; hidden files and
    folders left out).  Every file is yielded, supported or not: one that
    cannot be read becomes a document row with its error."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    f = Path(root) / name
                    if not name.startswith("."):
                        yield f
        else:
            yield p
