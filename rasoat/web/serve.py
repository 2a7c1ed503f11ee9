"""How ``rasoat serve`` starts Datasette: the command line and the
environment.

Safe by default: bound to 127.0.0.1; the database file opened read-only
(Datasette's default "mutable" mode reads through ``mode=ro`` connections,
and the plugin sets ``PRAGMA query_only`` on every connection, so nothing
served can write).  We do not use immutable mode (``-i``): it tells SQLite
the file never changes, which is false while ``rasoat ingest``/``check``
write to it (WAL), and readers could then see a torn database.

``no_sql`` turns off arbitrary SQL (Datasette setting ``default_allow_sql``);
tables, facets, search and the canned queries still work.  A password
(``environment(password)``) turns on HTTP Basic authentication of
datasette-auth-passwords for every page and the JSON API, user ``rasoat``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
METADATA = ROOT / "datasette_metadata.yml"
TEMPLATES = Path(__file__).resolve().parent / "plugin" / "templates"
DATABASE = "rasoat"  # the database name datasette_metadata.yml describes
USER = "rasoat"  # the user name asked with --password


def command(db_path: str, port: int, host: str = "127.0.0.1", no_sql: bool = False) -> list[str]:
    exe = Path(sys.executable).with_name("datasette")
    cmd = [str(exe) if exe.exists() else "datasette", "serve", str(db_path), "--host", host, "--port", str(port),
           "--metadata", str(metadata_path(db_path)), "--template-dir", str(TEMPLATES),
           "--setting", "default_page_size", "50"]
    if no_sql:
        cmd += ["--setting", "default_allow_sql", "off"]
    if document_count(db_path) > SUGGEST_FACETS_UP_TO:
        cmd += ["--setting", "suggest_facets", "off"]
    return cmd


# Datasette suggests facets by trying a group-by on every column of the page's rows: instant on a
# province's few thousand documents, seconds per page on 100,000 (the facets named in
# datasette_metadata.yml stay).
SUGGEST_FACETS_UP_TO = 20_000


def document_count(db_path: str | Path) -> int:
    """About how many documents the database holds (the largest rowid: no table scan)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
        try:
            return conn.execute("select max(rowid) from documents").fetchone()[0] or 0
        finally:
            conn.close()
    except sqlite3.Error:  # not a rasoat database: Datasette will say so
        return 0


def environment(password: str | None = None, base: dict | None = None) -> dict[str, str]:
    """The environment for Datasette: with a password, its hash for
    datasette-auth-passwords (read by datasette_metadata.yml through $env)."""
    env = dict(os.environ if base is None else base)
    for name in ("RASOAT_BASIC_AUTH", "RASOAT_PASSWORD_HASH"):
        env.pop(name, None)
    if password:
        from datasette_auth_passwords.utils import hash_password

        if not password.isascii():
            raise ValueError("Mật khẩu chỉ gồm chữ không dấu, chữ số và ký hiệu ASCII "
                             "(trình duyệt gửi mật khẩu HTTP Basic không dấu).")

        env.update(RASOAT_BASIC_AUTH="1", RASOAT_PASSWORD_HASH=hash_password(password))
    return env


def metadata_path(db_path: str | Path) -> Path:
    """datasette_metadata.yml describes the database "rasoat" (rasoat.db);
    a file with another name gets a copy that describes it under its name."""
    name = Path(db_path).stem
    if name == DATABASE:
        return METADATA
    meta = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    meta["databases"] = {name: meta["databases"][DATABASE]}
    fd, path = tempfile.mkstemp(prefix="rasoat-metadata-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False)
    return Path(path)
