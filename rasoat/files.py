"""Which files a run reads and how they are recognised again: the paths under the arguments and
each file's SHA-256 (the document id).  Standard library only, so that a rerun over an unchanged
corpus loads nothing else before it knows there is nothing to do."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path


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


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
