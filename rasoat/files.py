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
    check_regular(path)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_regular(path: str | Path) -> None:
    """Raise ``NotRegularFile`` for a FIFO, socket or device (opening a FIFO would block the run)."""
    import stat

    from rasoat.errors import NotRegularFile

    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(path)


def display_path(path: str | Path) -> str:
    """``path`` as text that can be stored and printed: bytes of a name that are not UTF-8 (kept by
    Python as surrogates) are written as ``\\xff``."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def path_key(path: str | Path) -> str:
    """The id of a file that could not be hashed (vanished, unreadable, a broken link): from its path,
    so that two such files never share an id, and never equal to a SHA-256 of contents."""
    return "path:" + hashlib.sha256(os.fsencode(path)).hexdigest()
