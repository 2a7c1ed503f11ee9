"""Search at scale: a database of 100,000 documents made from the sample
corpus, and full-text queries through Datasette's JSON API.

    python bench/scale.py [--docs 100000] [--out DIR] [--queries 200] [--reuse [--refresh]]

1. The sample PDFs (``rasoat.samples.build``) are read once by the real
   pipeline.  Each generated document is one of them with another number
   (same count of digits), another date and another province (a name of the
   same length, so every span in the page text stays right), then run
   through ``extract`` and ``rules`` again (worker processes) and written
   with ``rasoat.store.save_document``; at the end ``store.refresh_derived``
   builds the citation targets and the search indexes (``enable_search``,
   as it stands).  So schema, rows and FTS are the real ones.
2. ``rasoat serve`` (Datasette, 127.0.0.1, a free port) serves it, and each
   kind of search request of ``REQUESTS`` is timed for diacritic-free terms
   ("dang ky khai sinh"), for document numbers without diacritics
   ("1234/QD-UBND") and for bare numbers ("1234"): p50, p95, max.  The
   kinds: the table's search as Datasette answers by default (rows, count,
   facets), the same without count and facets, the canned query
   ``search_documents`` (JSON) and the site's own search page (HTML).

Prints the figures, and writes them as JSON to DIR/scale.json.  Generating
100,000 documents takes a while (minutes per 10,000 on two cores); use
``--reuse`` to query a database made before (``--refresh``: rebuild its derived tables first, timed).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasoat import store  # noqa: E402
from rasoat.models import Document, SourceDocument  # noqa: E402

PROVINCES = """An Giang, Bà Rịa - Vũng Tàu, Bạc Liêu, Bắc Giang, Bắc Kạn, Bắc Ninh, Bến Tre, Bình Dương, Bình Định,
Bình Phước, Bình Thuận, Cà Mau, Cao Bằng, Cần Thơ, Đà Nẵng, Đắk Lắk, Đắk Nông, Điện Biên, Đồng Nai, Đồng Tháp,
Gia Lai, Hà Giang, Hà Nam, Hà Nội, Hà Tĩnh, Hải Dương, Hải Phòng, Hậu Giang, Hòa Bình, Hưng Yên, Khánh Hòa,
Kiên Giang, Kon Tum, Lai Châu, Lạng Sơn, Lào Cai, Lâm Đồng, Long An, Nam Định, Nghệ An, Ninh Bình, Ninh Thuận,
Phú Thọ, Phú Yên, Quảng Bình, Quảng Nam, Quảng Ngãi, Quảng Ninh, Quảng Trị, Sóc Trăng, Sơn La, Tây Ninh,
Thái Bình, Thái Nguyên, Thanh Hóa, Thừa Thiên Huế, Tiền Giang, Trà Vinh, Tuyên Quang, Vĩnh Long, Vĩnh Phúc,
Yên Bái""".replace("\n", " ")
PROVINCES = [p.strip() for p in PROVINCES.split(",")]

DATE_RE = re.compile(r"ngày (\d+) tháng (\d+) năm (\d{4})")

TERMS = ["dang ky khai sinh", "cai cach hanh chinh", "van ban quy pham phap luat", "ho tich", "chung thuc",
         "thu tuc hanh chinh", "nuoi con nuoi", "uy ban nhan dan", "so tu phap", "kiem tra ra soat",
         "chuyen doi so", "dich vu cong truc tuyen", "ngan sach", "tap huan", "to trinh", "ket luan",
         "ke hoach", "hoi dong nhan dan", "nghi quyet", "quyet dinh"]


# ------------------------------------------------------------------ templates

def templates() -> list[Document]:
    from rasoat.pipeline import process_file
    from rasoat.samples import builder

    out = Path(tempfile.mkdtemp(prefix="rasoat-scale-samples-"))
    return [process_file(p) for p in builder().build_all(out)]


def same_length_digits(digits: str, rng: random.Random) -> str:
    n = len(digits)
    low = 10 ** (n - 1) if n > 1 and not digits.startswith("0") else 0
    return str(rng.randrange(low, 10 ** n)).zfill(n)


def variant(doc: Document, i: int) -> SourceDocument:
    """Document ``i``: the template with another number, date and province."""
    rng = random.Random(i)
    src = doc.source
    h = doc.extraction.header
    subs: list[tuple[str, str]] = []
    if h.number:
        head, _, tail = h.number.partition("/")
        subs.append((h.number, same_length_digits(head, rng) + "/" + tail))
    for p in PROVINCES:
        if any(p in page.text or p.upper() in page.text for page in src.pages):
            other = rng.choice([q for q in PROVINCES if len(q) == len(p)])
            subs += [(p, other), (p.upper(), other.upper())]
    year = str(rng.randrange(2015, 2026))
    pages = []
    for page in src.pages:
        text = page.text
        for old, new in subs:
            text = text.replace(old, new)
        if "date" in h.spans and h.spans["date"][0] == page.number:
            _, a, b = h.spans["date"]
            text = text[:a] + DATE_RE.sub(lambda m: _new_date(m, rng, year), text[a:b]) + text[b:]
        pages.append(replace(page, text=text))
    body = "\f".join(p.text for p in pages)
    sha = hashlib.sha256(f"{i}\n{body}".encode()).hexdigest()
    return replace(src, path=f"/scale/{Path(src.path).stem}-{i:06d}.pdf", sha256=sha,
                   file_name=f"{Path(src.path).stem}-{i:06d}.pdf", pages=pages)


def _new_date(m: re.Match, rng: random.Random, year: str) -> str:
    day = same_length_digits(m.group(1), rng) if len(m.group(1)) == 1 else f"{rng.randrange(10, 29)}"
    month = f"{rng.randrange(1, 10)}" if len(m.group(2)) == 1 else f"{rng.randrange(10, 13)}"
    return f"ngày {day} tháng {month} năm {year}"


_TEMPLATES: list[Document] = []


def make(i: int) -> Document:
    """Worker: document ``i``, extracted and checked by the real stages."""
    from extract import extract
    from rules import run_rules

    source = variant(_TEMPLATES[i % len(_TEMPLATES)], i)
    doc = Document(source=source, extraction=extract(source))
    doc.findings = run_rules(doc, corpus=None)
    return doc


def build(db_path: Path, count: int, workers: int) -> dict:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from rasoat.pipeline import warm_up
    from rules import catalogue

    _TEMPLATES[:] = templates()
    warm_up()
    db = store.open_db(db_path)
    db.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints; fine for a generated database
    store.save_rules(db, catalogue())
    start = time.perf_counter()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        batch = []
        for k, doc in enumerate(pool.map(make, range(count), chunksize=64), 1):
            batch.append(doc)
            if len(batch) == 500 or k == count:
                with db.atomic():
                    for d in batch:
                        store.save_document(db, d)
                batch = []
                if k % 10000 == 0 or k == count:
                    print(f"  {k} văn bản, {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    written = time.perf_counter() - start
    t = time.perf_counter()
    store.refresh_derived(db)
    indexed = time.perf_counter() - t
    n = db.execute("select count(*) from documents").fetchone()[0]
    db.close()
    return dict(documents=n, write_s=round(written, 1), index_s=round(indexed, 1),
                size_mb=round(db_path.stat().st_size / 2**20))


# --------------------------------------------------------------------- serve

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "rasoat.cli", "serve", "--db", str(db_path), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=2) as r:
                if r.status == 200:
                    return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("Datasette did not start")


def timed_page(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = r.read()
    return time.perf_counter() - start, body


def measure(base: str, queries: list[str], path: str) -> dict:
    """Latency of one kind of search request for each query: ``path`` with
    ``{q}`` where the query goes."""
    def url(q: str) -> str:
        return base + path.format(q=urllib.parse.quote(q))

    site = not path.split("?")[0].endswith(".json")
    times, hits, errors = [], [], 0
    for q in queries[:5]:  # warm the page cache and Datasette's introspection (a cold page may hit the time limit)
        with contextlib.suppress(urllib.error.HTTPError):
            timed_page(url(q))
    for q in queries:
        try:
            seconds, body = timed_page(url(q))
        except urllib.error.HTTPError:  # e.g. Datasette's SQL time limit
            errors += 1
            continue
        times.append(seconds * 1000)
        data = None if site else json.loads(body)
        hits.append(bool(body) if site else bool(data if isinstance(data, list) else data.get("rows")))
    times.sort()
    return dict(n=len(queries), errors=errors, p50_ms=round(statistics.median(times), 1),
                p95_ms=round(times[max(0, int(len(times) * 0.95) - 1)], 1), max_ms=round(times[-1], 1),
                queries_with_rows=sum(hits))


REQUESTS = {
    # the table's search as Datasette answers it: a page of rows newest first, the row count and the five
    # facets of datasette_metadata.yml (``rasoat serve`` turns facet suggestions off at this size)
    "table_default": "/rasoat/documents.json?_search={q}",
    # the same without count and facets
    "table_lean": "/rasoat/documents.json?_search={q}&_nocount=1&_nofacet=1",
    # the canned query for searching (datasette_metadata.yml): 100 documents, newest first
    "search_documents": "/rasoat/search_documents.json?_shape=array&t%E1%BB%AB_kh%C3%B3a={q}",
    # the site's search page (HTML): documents, articles and findings, best matches first
    "site_search_page": "/-/rasoat/search?q={q}",
}


def query_sets(db_path: Path, n: int) -> dict[str, list[str]]:
    import sqlite3

    from rasoat.vntext import fold

    rng = random.Random(7)
    conn = sqlite3.connect(db_path)
    total = conn.execute("select max(rowid) from documents").fetchone()[0]
    numbers = []
    while len(numbers) < n:
        row = conn.execute("select number from documents where rowid = ?", [rng.randrange(1, total + 1)]).fetchone()
        if row and row[0]:
            numbers.append(row[0])
    conn.close()
    return dict(
        term_without_diacritics=[TERMS[k % len(TERMS)] for k in range(n)],
        number_without_diacritics=[fold(x).upper() for x in numbers],  # "1234/QD-UBND"
        bare_number=[x.split("/")[0] for x in numbers],  # "1234"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "rasoat-scale")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--reuse", action="store_true", help="query the database already in --out")
    parser.add_argument("--refresh", action="store_true",
                        help="with --reuse: rebuild the derived tables first (store.refresh_derived), timed")
    parser.add_argument("--requests", nargs="+", choices=list(REQUESTS), default=list(REQUESTS),
                        help="which kinds of search request to time (all by default)")
    args = parser.parse_args()

    from rasoat.bench import machine
    from rasoat.pipeline import default_workers

    args.out.mkdir(parents=True, exist_ok=True)
    db_path = args.out / "rasoat.db"  # the name datasette_metadata.yml describes
    result: dict = dict(machine=machine())
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        print(f"Dựng {args.docs} văn bản vào {db_path} …", file=sys.stderr)
        result["build"] = build(db_path, args.docs, args.workers or default_workers())
    elif args.refresh:
        print(f"Dựng lại bảng dẫn xuất của {db_path} …", file=sys.stderr)
        db = store.open_db(db_path)
        t = time.perf_counter()
        store.refresh_derived(db)
        result["refresh"] = dict(documents=db.execute("select count(*) from documents").fetchone()[0],
                                 index_s=round(time.perf_counter() - t, 1))
        db.close()
    proc, base = serve(db_path)
    try:
        result["queries"] = {}
        for kind, queries in query_sets(db_path, args.queries).items():
            result["queries"][kind] = dict(
                **{kind: measure(base, queries, REQUESTS[kind]) for kind in args.requests},
                example=queries[0])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    (args.out / "scale.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
