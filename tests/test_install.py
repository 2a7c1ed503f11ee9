"""rasoat installed as a normal wheel (not editable) works without the source tree: a wheel is built from the
repository, installed into a fresh virtual environment, and the installed ``rasoat`` builds the sample corpus
(``rasoat demo``) and serves it with its Vietnamese metadata (``rasoat serve``), run from an empty folder.

The new environment gets rasoat alone (``--no-deps``, no index); the dependencies come from the environment
running the tests, added to its path by a ``.pth`` line (a plain path: that environment's own ``.pth`` files,
such as an editable install of rasoat, are not run), so the install takes seconds and needs no network."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVE_WAIT_S = 40  # how long the installed server may take to answer its first request
COMMAND_TIMEOUT_S = 180  # any one step (build, install, demo); the whole test takes about 20 s


def run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=COMMAND_TIMEOUT_S)
    assert proc.returncode == 0, f"{args}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def source_copy(to: Path) -> Path:
    """What the wheel is built from: pyproject, README and the packages it names (a copy, so the build leaves
    nothing in the checkout)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tops = {name.split(".")[0] for name in config["tool"]["setuptools"]["packages"]}
    to.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, to / name)
    for top in sorted(tops):
        shutil.copytree(ROOT / top, to / top, ignore=shutil.ignore_patterns("__pycache__"))
    return to


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the new environment's folder, its environment variables, an empty working folder)."""
    tmp = tmp_path_factory.mktemp("install")
    src = source_copy(tmp / "src")
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", src],
        cwd=tmp)
    (wheel,) = (tmp / "dist").glob("rasoat-*.whl")
    prefix = tmp / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", prefix], cwd=tmp)
    python = prefix / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel], cwd=tmp)
    purelib = run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp).stdout.strip()
    Path(purelib, "rasoat-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PATH"] = f"{prefix / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    cwd = tmp / "elsewhere"
    cwd.mkdir()
    return prefix, env, cwd


def test_the_installed_package_is_imported_from_its_own_prefix(installed):
    prefix, env, cwd = installed
    out = run([prefix / "bin" / "python", "-c", "import rasoat, ingest, extract, rules, rasoat.web.plugin as p; "
               "print(rasoat.__file__, ingest.__file__, extract.__file__, rules.__file__, p.__file__)"],
              cwd=cwd, env=env).stdout.split()
    assert len(out) == 5
    for path in out:
        assert Path(path).resolve().is_relative_to(prefix.resolve()), path
        assert not Path(path).resolve().is_relative_to(ROOT), path


def test_installed_demo_builds_the_samples_and_serve_shows_the_vietnamese_metadata(installed):
    prefix, env, cwd = installed
    rasoat = prefix / "bin" / "rasoat"
    db = cwd.parent / "cai-dat.db"
    out = run([rasoat, "demo", "--db", db, "--no-serve"], cwd=cwd, env=env).stdout
    assert "Đã dựng 12 văn bản mẫu PDF" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from documents where error is null").fetchone()[0] == 12
        assert conn.execute("select count(*) from bodies").fetchone()[0] > 0

    port = free_port()
    log = cwd.parent / "serve.log"
    with open(log, "w") as f:
        server = subprocess.Popen([str(rasoat), "serve", "--db", str(db), "--port", str(port)], cwd=cwd, env=env,
                                  stdout=f, stderr=subprocess.STDOUT)
    try:
        page = None
        deadline = time.monotonic() + SERVE_WAIT_S
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/cai-dat/bodies", timeout=5) as response:
                    page = response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.3)
        assert page is not None, log.read_text()
        assert server.poll() is None  # our server answered (the database name is ours), not another one
        assert "<h1>Cơ quan được nhắc tới</h1>" in page  # the table's title, from the installed package
        for label in ("Tên cơ quan", "Loại cơ quan", "Chữ như in"):  # column labels
            assert label in page, label
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/cai-dat/documents", timeout=5) as response:
            assert "Văn bản QPPL" in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)
    cmdline = log.read_text()
    assert "Datasette: http://127.0.0.1" in cmdline
