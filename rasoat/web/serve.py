"""How ``rasoat serve`` starts Datasette: the command line and the
environment.

Safe by default: bound to 127.0.0.1; the database file opened read-only
(Datasette's default "mutable" mode reads through ``mode=ro`` connections,
and the plugin sets ``PRAGMA query_only`` on every connection, so nothing
served can write).  We do not use immutable mode (``-i``): it tells SQLite
the file never changes, which is false while ``rasoat ingest``/``check``
write to it (WAL), and readers could then see a torn database.

Datasette runs as ``python -m datasette`` under this interpreter (so the
rasoat it loads as a plugin is this one, wherever it is installed), with the
metadata built from the package (``rasoat.web.metadata``) and the templates
found through ``importlib.resources``: nothing is looked up in a source tree.

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
from importlib import resources
from pathlib import Path

USER = "rasoat"  # the user name asked with --password


def templates() -> Path:
    """The plugin's templates folder (package data; a wheel installs it as files)."""
    return Path(str(resources.files("rasoat.web.plugin").joinpath("templates")))


def command(db_path: str, port: int, host: str = "127.0.0.1", no_sql: bool = False) -> list[str]:
    cmd = [sys.executable, "-m", "datasette", "serve", str(db_path), "--host", host, "--port", str(port),
           "--metadata", str(metadata_path(db_path)), "--template-dir", str(templates()),
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


def environment(password: str | None = None, base: dict | None = None, allow_upload: bool = False,
                upload_dir: str | Path | None = None) -> dict[str, str]:
    """The environment for Datasette: with a password, its hash for
    datasette-auth-passwords (read by datasette_metadata.yml through $env);
    with ``allow_upload`` the upload page (``rasoat.web.upload``) and its folder."""
    env = dict(os.environ if base is None else base)
    for name in ("RASOAT_BASIC_AUTH", "RASOAT_PASSWORD_HASH", "RASOAT_ALLOW_UPLOAD", "RASOAT_UPLOAD_DIR"):
        env.pop(name, None)
    if allow_upload:
        env["RASOAT_ALLOW_UPLOAD"] = "1"
    if upload_dir:
        env["RASOAT_UPLOAD_DIR"] = str(Path(upload_dir).resolve())
    if password:
        from datasette_auth_passwords.utils import hash_password

        if not password.isascii():
            raise ValueError("Mật khẩu chỉ gồm chữ không dấu, chữ số và ký hiệu ASCII "
                             "(trình duyệt gửi mật khẩu HTTP Basic không dấu).")

        env.update(RASOAT_BASIC_AUTH="1", RASOAT_PASSWORD_HASH=hash_password(password))
    return env


def metadata_path(db_path: str | Path) -> Path:
    """A file with the Datasette metadata (``rasoat.web.metadata``) that
    describes the database under its name (the file name without .db)."""
    from rasoat.users import plugin_config
    from rasoat.web.metadata import metadata

    meta = metadata(Path(db_path).stem)
    meta["plugins"]["datasette-auth-passwords"].update(plugin_config(db_path))  # reviewers' accounts
    fd, path = tempfile.mkstemp(prefix="rasoat-metadata-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False)
    return Path(path)
