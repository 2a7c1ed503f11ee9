"""Reviewers' accounts (``rasoat user add NAME``): a JSON file next to the database, never inside it (the
database is served; the file is not).  Passwords are hashed as datasette-auth-passwords hashes them
(PBKDF2-SHA256), and ``rasoat serve`` hands the hashes to that plugin, so each reviewer signs in at
``/-/login`` with their own name and every decision records who made it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

USERS_SUFFIX = "-users.json"  # rasoat.db → rasoat-users.json, in the same folder
# an account name: ASCII (HTTP Basic sends it undecoded), no "$" or ":" (the hash and Basic separators)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def users_path(db_path: str | Path) -> Path:
    db = Path(db_path)
    return db.with_name(db.stem + USERS_SUFFIX)


def load(db_path: str | Path) -> dict[str, dict]:
    """{name: {"password_hash": …, "full_name": …}}; empty when there is no file."""
    path = users_path(db_path)
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def add(db_path: str | Path, name: str, password: str, full_name: str = "") -> Path:
    """Add (or change the password of) an account; a ValueError in Vietnamese for a bad name or password."""
    from datasette_auth_passwords.utils import hash_password

    if not NAME.match(name):
        raise ValueError("Tên đăng nhập chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới "
                         "(tối đa 40 ký tự), ví dụ: nguyenvana.")
    if not password or not password.isascii():
        raise ValueError("Mật khẩu không được trống và chỉ gồm chữ không dấu, chữ số và ký hiệu ASCII.")
    users = load(db_path)
    users[name] = dict(password_hash=hash_password(password), full_name=full_name.strip() or name)
    path = users_path(db_path)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # hashes: readable by the owner only
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(users, f, ensure_ascii=False, indent=1)
    os.replace(tmp, path)
    return path


def remove(db_path: str | Path, name: str) -> bool:
    users = load(db_path)
    if name not in users:
        return False
    del users[name]
    users_path(db_path).write_text(json.dumps(users, ensure_ascii=False, indent=1), encoding="utf-8")
    return True


def plugin_config(db_path: str | Path) -> dict:
    """The accounts as datasette-auth-passwords reads them: ``NAME_password_hash`` and ``actors``."""
    users = load(db_path)
    config: dict = {f"{name}_password_hash": u["password_hash"] for name, u in users.items()}
    if users:
        config["actors"] = {name: {"id": name, "name": u.get("full_name") or name} for name, u in users.items()}
    return config
