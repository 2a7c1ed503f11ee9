"""file → ingest → extract → rules: one function per step, joined here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from extract import extract
from ingest import ingest_file
from rasoat.models import Document
from rules import run_rules


def process_file(path: str | Path) -> Document:
    """Ingest, extract and check one file (no cross-document rules)."""
    source = ingest_file(path)
    doc = Document(source=source)
    if not source.error:
        doc.extraction = extract(source)
        doc.findings = run_rules(doc, corpus=None)
    return doc


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
