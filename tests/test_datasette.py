"""A real Datasette server on a free localhost port over a database built
from the sample corpus: pages and JSON are fetched over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from rasoat.cli import datasette_command


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_db):
    port = free_port()
    proc = subprocess.Popen(datasette_command(str(sample_db), port), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read().decode())
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("datasette did not start")
    yield base
    proc.terminate()
    proc.wait(10)


def get_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as r:
        return json.loads(r.read())


def rows(base, path, **params):
    params.setdefault("_shape", "array")
    return get_json(f"{base}{path}.json?{urllib.parse.urlencode(params)}")


def test_home_page_is_in_vietnamese(server):
    html = urllib.request.urlopen(server + "/").read().decode()
    assert "rasoat — rà soát văn bản" in html


def test_documents_citations_figures_findings_are_served(server):
    docs = rows(server, "/rasoat/documents")
    assert any(d["number"] == "05/2024/QĐ-UBND" for d in docs) or len(docs) >= 8
    for table in ("citations", "figures", "findings", "rules"):
        assert rows(server, f"/rasoat/{table}"), table


def test_search_without_diacritics(server):
    folded = rows(server, "/rasoat/documents", _search="uy ban nhan dan")
    exact = rows(server, "/rasoat/documents", _search="ủy ban nhân dân")
    assert folded and {d["id"] for d in exact} <= {d["id"] for d in folded}


def test_canned_query_figure_errors(server):
    result = rows(server, "/rasoat/figure_errors")
    assert any(r["rule_id"] == "FIG001" for r in result)


def test_server_listens_on_loopback_only(server):
    assert server.startswith("http://127.0.0.1:")
