"""The plugin's one writer: every write of the served site (an uploaded file read into the database, a
reviewer's decision) runs in one background thread, in order, through its own connection — the only
connection of the server without ``PRAGMA query_only`` (Datasette's own connections keep it, see
``plugin.prepare_connection``).  A reader never waits for it (WAL), and ``rasoat ingest`` run at the same
time waits for the lock (``busy_timeout``) instead of failing."""

from __future__ import annotations

import asyncio
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BUSY_TIMEOUT_MS = 30_000  # how long a write waits for another writer (rasoat ingest on the command line)

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rasoat-writer")  # one writer, in order


def connect(db_path: str | Path) -> sqlite3.Connection:
    """The write connection (opened in the writer thread, used only there)."""
    conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return conn


def submit(fn, *args):
    """Run ``fn(*args)`` in the writer thread: a concurrent.futures.Future."""
    return _executor.submit(fn, *args)


async def run(fn, *args):
    """Run ``fn(*args)`` in the writer thread and wait for its result."""
    return await asyncio.wrap_future(submit(fn, *args))


def write(db_path: str | Path, fn, *args):
    """``fn(conn, *args)`` with a fresh write connection, closed afterwards (called in the writer thread)."""
    conn = connect(db_path)
    try:
        return fn(conn, *args)
    finally:
        conn.close()
