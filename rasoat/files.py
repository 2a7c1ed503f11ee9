"""Which files a run reads and how they are recognised again: the paths under the arguments and
each file's SHA-256 (the document id).  Standard library only, so that a rerun over an unchanged
corpus loads nothing else before it knows there is nothing to do."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

# Files a reviewer's folder holds beside its documents that are no document: a list of sources (.tsv), a
# document's metadata (.meta.json, any .json) and the transcript of a document of the same stem
# ("nd-109.transcript.txt" beside "nd-109.pdf"; a .txt alone is a document).
SIDE_SUFFIXES = (".tsv", ".json")
TRANSCRIPT_SUFFIX = ".transcript.txt"


def is_side_file(name: str, siblings: set[str]) -> bool:
    """Whether the file ``name`` (in a folder whose file names are ``siblings``) is a side file, not a document."""
    lower = name.lower()
    if lower.endswith(SIDE_SUFFIXES):
        return True
    if lower.endswith(TRANSCRIPT_SUFFIX):
        stem = lower[: -len(TRANSCRIPT_SUFFIX)] + "."
        return any(s.lower().startswith(stem) and s.lower() != lower for s in siblings)
    return False


def _walk(paths: list[str | Path]) -> Iterator[tuple[Path, bool]]:
    """(file, is it a side file) for every file under ``paths``, sorted, hidden files and folders left out."""
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                siblings = set(files)
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name, is_side_file(name, siblings)
        else:
            siblings = set(os.listdir(p.parent)) if p.parent.is_dir() else set()
            yield p, is_side_file(p.name, siblings)


def iter_files(paths: list[str | Path]) -> Iterator[Path]:
    """Files under ``paths`` (folders recursively, sorted; hidden files and
    folders left out), side files (``is_side_file``) left out.  Every other
    file is yielded, supported or not: one that cannot be read becomes a
    document row with its error."""
    return (f for f, side in _walk(paths) if not side)


def side_files(paths: list[str | Path]) -> list[Path]:
    """The side files ``iter_files`` leaves out, to be listed once."""
    return [f for f, side in _walk(paths) if side]


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
