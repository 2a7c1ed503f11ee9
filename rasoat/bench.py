"""``rasoat bench``: how fast rasoat reads PDFs, stage by stage and end to
end, against bare pdfplumber on the same files in the same run.

Measured, each in a fresh child process (so each has its own peak RSS):

* **baseline**: ``pdfplumber.open(f)`` and ``page.extract_text()`` on every
  page, one process;
* **stages**, one process, one core: parse (``ingest_file``), extract,
  rules (``rasoat.pipeline.process_file``) and store (``store.save_document``
  into a fresh database, then the citation targets and search indexes);
  the one-time start (imports, the issuers' phrase matcher) is timed apart;
* **end to end**: ``rasoat ingest FILES --workers N`` into a fresh database,
  wall time, for one worker and for N; then the same command again over the
  unchanged files (the SHA-256 skip), and that skip alone timed inside a
  process (``child_unchanged_check``);
* **on Dask**: ``rasoat ingest FILES --scheduler local:N`` into a fresh
  database (the cluster's start included), and again over the unchanged files;
* **OCR**: a scan made here of ``ocr_pages`` sample pages rendered to images
  (no text layer), ingested with ``--workers 1`` (one process) and with
  ``--scheduler local:N`` (the scan split into page tasks): pages/s;
* **a long PDF**: the sample documents' pages repeated to ``big_pages``
  pages in one file (pypdfium2 ``import_pages``, in a temporary folder),
  ingested by one process: time and peak RSS.

The files measured are the text-layer PDFs under ``paths`` plus
``sample_copies`` copies of the sample documents (each copy another file: a
comment after ``%%EOF``), so that the fixed start is spread over a few
hundred pages.  With ``hog`` the whole benchmark runs beside one CPU-bound
process it starts itself (``python -c "while True: pass"``): the figures of a
machine with one other busy process, and the report says so.

Only PDFs with a text layer are measured: files that are not PDFs, that
cannot be opened, or that have a page needing OCR are listed as skipped.
Peak RSS is the largest resident set of one process (the ingest command or
any of its workers), from ``wait4``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLE_COPIES = 10  # copies of the 12 sample documents (27 pages) added to the files measured
DEFAULT_OCR_PAGES = 8  # pages of the scan OCRed with 1 and N processes (about 2 s a page on one core)
SCAN_DPI = 200  # resolution of the images of that scan
HOG = "while True: pass"  # the other busy process, one core


@dataclass
class Measure:
    """One measured run: what was read and how long it took."""

    name: str
    pages: int
    chars: int
    seconds: float
    peak_rss_mb: float | None = None
    note: str = ""

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0


@dataclass
class BenchResult:
    machine: dict
    files: list[str]
    skipped: list[tuple[str, str]]
    measures: list[Measure] = field(default_factory=list)
    rerun: dict = field(default_factory=dict)
    rerun_dask: dict = field(default_factory=dict)
    hog: bool = False
    load: list[float] = field(default_factory=list)  # load average (1, 5, 15 min) at the end of the run

    def get(self, name: str) -> Measure | None:
        return next((m for m in self.measures if m.name == name), None)

    def to_dict(self) -> dict:
        d = asdict(self)
        for m, md in zip(self.measures, d["measures"], strict=False):
            md.update(pages_per_s=round(m.pages_per_s, 2), chars_per_s=round(m.chars_per_s))
        return d


# ------------------------------------------------------------------ machine

def machine() -> dict:
    """Cores this process may use, CPU model and RAM (Linux /proc)."""
    from rasoat.pipeline import default_workers

    cpu, ram = "", 0.0
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), "")
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        ram = kb / 1024 / 1024
    except (OSError, StopIteration, ValueError):
        pass
    return dict(cores=default_workers(), cpu=cpu, ram_gb=round(ram, 1), python=sys.version.split()[0])


# --------------------------------------------------------------- file choice

def select_files(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The PDFs with a text layer under ``paths``; and the others with why
    they are left out (Vietnamese, shown to the user)."""
    from ingest import sniff
    from rasoat.files import iter_files

    keep, skipped = [], []
    for f in iter_files(paths):
        if f.suffix.lower() != ".pdf" and sniff(f) != "pdf":
            continue  # not a PDF at all: not what this benchmark is about
        reason = "không phải PDF" if sniff(f) != "pdf" else ocr_reason(f)
        if reason:
            skipped.append((f, reason))
        else:
            keep.append(f)
    return keep, skipped


def ocr_reason(path: Path) -> str | None:
    """Why this PDF needs OCR (or cannot be read), or None for a digital PDF.

    A page needs OCR by ``ingest.scan.needs_ocr``: mostly an image with
    almost no text, or a garbage text layer."""
    from ingest import IngestError, read_pdf
    from ingest.scan import image_shares, needs_ocr

    try:
        pages = read_pdf(path)
    except IngestError as e:
        return f"không đọc được ({e})"
    shares = image_shares(str(path))
    scans = [p.number for p, s in zip(pages, shares, strict=False) if needs_ocr(p, s)]
    if not scans:
        return None
    what = "bản scan" if all(not p.text.strip() for p in pages) else "lớp chữ hỏng hoặc trang scan"
    return f"{what}, {len(scans)}/{len(pages)} trang cần OCR"


# ------------------------------------------------------------------ children

def run_child(args: list[str], env: dict | None = None) -> tuple[dict | None, float, float]:
    """Run ``python -m rasoat.bench ARGS`` (or a ``rasoat`` command when
    ``args[0] == "rasoat"``): (its JSON output or None, wall seconds, peak RSS MB)."""
    if args[0] == "rasoat":
        cmd = [sys.executable, "-m", "rasoat.cli", *args[1:]]
    else:
        cmd = [sys.executable, "-m", "rasoat.bench", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
                            env=dict(os.environ, **(env or {})))
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    data = None
    if args[0] != "rasoat":
        if proc.returncode != 0:
            raise RuntimeError(f"bench child {args[0]} failed ({proc.returncode})")
        data = json.loads(out)
    elif proc.returncode not in (0, 1):  # 1: some file had an error row, still measured
        raise RuntimeError(f"rasoat {' '.join(args[1:2])} failed ({proc.returncode})")
    return data, wall, usage.ru_maxrss / 1024


def child_baseline(files: list[str]) -> dict:
    import pdfplumber

    pages = chars = 0
    start = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                pages += 1
                page.close()
    return dict(pages=pages, chars=chars, seconds=time.perf_counter() - start)


def child_stages(files: list[str]) -> dict:
    from rasoat import store
    from rasoat.pipeline import process_file, warm_up

    start = time.perf_counter()
    warm_up()
    timings = dict(start=time.perf_counter() - start)
    pages = chars = 0
    with tempfile.TemporaryDirectory() as tmp:
        db = store.open_db(Path(tmp) / "stages.db")
        for f in files:
            doc = process_file(f, timings)
            pages += len(doc.source.pages)
            chars += sum(len(p.text) for p in doc.source.pages)
            t = time.perf_counter()
            store.save_document(db, doc)
            timings["store"] = timings.get("store", 0.0) + time.perf_counter() - t
        t = time.perf_counter()
        store.refresh_derived(db)
        timings["index"] = time.perf_counter() - t
        db.close()
    return dict(pages=pages, chars=chars, timings=timings)


def child_unchanged_check(args: list[str]) -> dict:
    """What ``rasoat ingest`` does over files that are all stored already,
    timed inside one process once the interpreter has started and the modules
    are loaded: list the files, hash them (SHA-256), look them up in the
    database with one query (``store.stored``).  ``args``: the database,
    then the files."""
    from rasoat import store
    from rasoat.files import iter_files, sha256_file

    db, paths = args[0], args[1:]
    start = time.perf_counter()
    shas = [sha256_file(f) for f in iter_files(paths)]
    known, stale = store.stored(db, shas)
    seconds = time.perf_counter() - start
    if stale or len(known) != len(shas):
        raise RuntimeError("bench: the rerun's files are not all stored")
    return dict(seconds=seconds)


# ------------------------------------------------------------------ long PDF

def build_samples(out: Path) -> list[Path]:
    from rasoat.samples import builder

    return builder().build_all(out)


def make_long_pdf(sources: list[Path], pages: int, out: Path) -> Path:
    """One PDF of ``pages`` pages: the sources' pages repeated in order."""
    import pypdfium2 as pdfium

    docs = [pdfium.PdfDocument(str(s)) for s in sources]
    big = pdfium.PdfDocument.new()
    try:
        while len(big) < pages:
            for d in docs:
                take = min(len(d), pages - len(big))
                if take <= 0:
                    break
                big.import_pages(d, list(range(take)))
        big.save(str(out))
    finally:
        big.close()
        for d in docs:
            d.close()
    return out


def copy_samples(samples: list[Path], copies: int, out: Path) -> list[Path]:
    """``copies`` copies of each sample PDF, each a different file (a PDF comment after ``%%EOF``)."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for k in range(copies):
        for s in samples:
            target = out / f"{k:02d}-{s.name}"
            target.write_bytes(s.read_bytes() + f"\n% copy {k}\n".encode())
            made.append(target)
    return made


def make_scan(sources: list[Path], pages: int, out: Path, dpi: int = SCAN_DPI) -> Path:
    """A PDF of ``pages`` page images (no text layer) rendered from the sources' pages in order."""
    import pypdfium2 as pdfium

    images = []
    for s in sources:
        pdf = pdfium.PdfDocument(str(s))
        try:
            for i in range(min(len(pdf), pages - len(images))):
                images.append(pdf[i].render(scale=dpi / 72).to_pil().convert("L"))
        finally:
            pdf.close()
        if len(images) >= pages:
            break
    images[0].save(str(out), "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out


def dask_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


# --------------------------------------------------------------------- run

def run_bench(paths: list[str], workers: int | None = None, big_pages: int = 450, progress=None,
              sample_copies: int = DEFAULT_SAMPLE_COPIES, ocr_pages: int = DEFAULT_OCR_PAGES,
              hog: bool = True) -> BenchResult:
    from rasoat.pipeline import default_workers

    say = progress or (lambda message: None)
    workers = workers or default_workers()
    hog_process = subprocess.Popen([sys.executable, "-c", HOG]) if hog else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            samples = build_samples(Path(tmp) / "samples")
            result = _run(paths, workers, big_pages, say, samples, sample_copies, ocr_pages, Path(tmp))
    finally:
        if hog_process is not None:
            hog_process.kill()
            hog_process.wait()
    result.hog = hog
    result.load = [round(x, 2) for x in os.getloadavg()]
    return result


def _run(paths, workers, big_pages, say, samples, sample_copies, ocr_pages, tmp: Path) -> BenchResult:
    files, skipped = select_files(paths)
    files += copy_samples(samples, sample_copies, tmp / "copies")
    result = BenchResult(machine=machine(), files=[str(f) for f in files],
                         skipped=[(str(f), why) for f, why in skipped])
    if not files:
        return result
    names = [str(f) for f in files]

    say("pdfplumber (gốc)")
    data, _, rss = run_child(["baseline", *names])
    result.measures.append(Measure("baseline", data["pages"], data["chars"], data["seconds"], rss))

    say("từng giai đoạn")
    data, _, rss = run_child(["stages", *names])
    t = data["timings"]
    for stage in ("parse", "extract", "rules"):
        result.measures.append(Measure(stage, data["pages"], data["chars"], t.get(stage, 0.0)))
    result.measures.append(Measure("store", data["pages"], data["chars"], t.get("store", 0.0) + t["index"],
                                   note=f"chỉ mục tìm kiếm {t['index']:.2f} s"))
    result.measures.append(Measure("start", 0, 0, t["start"], rss, note="nạp mô-đun, bộ so khớp cơ quan"))
    pages, chars = data["pages"], data["chars"]

    for n in sorted({1, workers}):
        say(f"đầu-cuối, {n} tiến trình")
        db = tmp / f"e2e-{n}.db"
        _, wall, rss = run_child(["rasoat", "ingest", *names, "--db", str(db), "--workers", str(n)])
        result.measures.append(Measure(f"end_to_end_{n}", pages, chars, wall, rss))
        if n == workers:
            say("chạy lại, tệp không đổi")
            _, again, _ = run_child(["rasoat", "ingest", *names, "--db", str(db), "--workers", str(n)])
            inside, _, _ = run_child(["unchanged-check", str(db), *names])
            result.rerun = dict(first_s=round(wall, 3), again_s=round(again, 3),
                                again_in_command_s=round(inside["seconds"], 3),
                                ratio=round(again / wall, 4), ratio_in_command=round(inside["seconds"] / wall, 4))
    dask = dask_installed()
    if dask:
        say(f"đầu-cuối, Dask local:{workers}")
        db = tmp / "dask.db"
        scheduler = ["--scheduler", f"local:{workers}"]
        _, wall, rss = run_child(["rasoat", "ingest", *names, "--db", str(db), *scheduler])
        result.measures.append(Measure(f"dask_{workers}", pages, chars, wall, rss, note="khởi động cụm Dask tính cả"))
        _, again, _ = run_child(["rasoat", "ingest", *names, "--db", str(db), *scheduler])
        result.rerun_dask = dict(first_s=round(wall, 3), again_s=round(again, 3), ratio=round(again / wall, 4))
    if ocr_pages:
        scan = make_scan(samples, ocr_pages, tmp / f"scan-{ocr_pages}-trang.pdf")
        runs = [("ocr_1", ["--workers", "1"], "")]
        if dask:
            runs.append((f"ocr_dask_{workers}", ["--scheduler", f"local:{workers}"], "tách thành tác vụ từng trang"))
        for name, how, note in runs:
            say(f"OCR {ocr_pages} trang, {' '.join(how)}")
            db = tmp / f"{name}.db"
            _, wall, rss = run_child(["rasoat", "ingest", str(scan), "--db", str(db), *how])
            result.measures.append(Measure(name, ocr_pages, _stored_chars(db), wall, rss, note=note))
    if big_pages:
        say(f"PDF {big_pages} trang")
        big = make_long_pdf(samples, big_pages, tmp / f"dai-{big_pages}-trang.pdf")
        db = tmp / "big.db"
        _, wall, rss = run_child(["rasoat", "ingest", str(big), "--db", str(db), "--workers", "1"])
        big_chars = _stored_chars(db)
        result.measures.append(Measure("long_pdf", big_pages, big_chars, wall, rss))
    return result


def _stored_chars(db_path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("select coalesce(sum(length(text)), 0) from pages").fetchone()[0]
    finally:
        conn.close()


# ------------------------------------------------------------------ report

LABELS = {
    "baseline": "pdfplumber (gốc): extract_text",
    "parse": "đọc PDF (parse)",
    "extract": "trích xuất (extract)",
    "rules": "quy tắc (rules)",
    "store": "ghi SQLite (store)",
    "start": "khởi động một lần",
}


def _label(name: str) -> str:
    if name.startswith("end_to_end_"):
        return f"đầu-cuối, {name.rsplit('_', 1)[1]} tiến trình"
    if name.startswith("dask_"):
        return f"đầu-cuối, Dask local:{name.rsplit('_', 1)[1]}"
    if name == "ocr_1":
        return "OCR bản scan, 1 tiến trình"
    if name.startswith("ocr_dask_"):
        return f"OCR bản scan, Dask local:{name.rsplit('_', 1)[1]}"
    if name == "long_pdf":
        return "một PDF dài, 1 tiến trình"
    return LABELS.get(name, name)


def format_report(r: BenchResult) -> str:
    m = r.machine
    lines = [f"Máy: {m['cores']} lõi, {m['cpu'] or 'CPU không rõ'}, RAM {m['ram_gb']} GiB, Python {m['python']}"]
    if r.hog:
        lines.append("Đo cùng lúc với một tiến trình bận CPU do bench tự chạy (một lõi bị chiếm: máy đang bận)")
    if r.load:
        lines.append(f"Tải trung bình khi kết thúc (1/5/15 phút): {' / '.join(f'{x:.2f}' for x in r.load)}")
    base = r.get("baseline")
    if base:
        lines.append(f"Tệp đo: {len(r.files)} PDF có lớp chữ, {base.pages} trang")
    for f, why in r.skipped:
        lines.append(f"  bỏ qua {Path(f).name}: {why}")
    if not r.measures:
        lines.append("Không có tệp PDF có lớp chữ để đo.")
        return "\n".join(lines)
    lines.append("")
    lines.append(f"{'':34} {'trang/s':>9} {'ký tự/s':>11} {'giây':>8} {'RSS đỉnh':>9}")
    for x in r.measures:
        rss = f"{x.peak_rss_mb:.0f} MB" if x.peak_rss_mb else ""
        rate = (f"{x.pages_per_s:9.1f} {x.chars_per_s:11,.0f}" if x.pages else f"{'':9} {'':11}").replace(",", " ")
        note = f"  ({x.note})" if x.note else ""
        lines.append(f"{_label(x.name):34} {rate} {x.seconds:8.2f} {rss:>9}{note}")
    lines.append("")
    ends = [x for x in r.measures if x.name.startswith(("end_to_end_", "dask_"))]  # in the order measured
    for x in ends:
        lines.append(f"{_label(x.name)} / pdfplumber: {x.pages_per_s / base.pages_per_s:.1f}× số trang/giây")
    ocr = [x for x in r.measures if x.name.startswith("ocr_")]
    if ocr:
        lines.append("OCR: " + ", ".join(f"{x.pages_per_s:.2f} trang/giây ({_label(x.name)[14:]})" for x in ocr))
    ex = r.get("extract")
    if ex:
        lines.append(f"Trích xuất: {ex.chars_per_s:,.0f} ký tự/giây trên một lõi".replace(",", " "))
    if r.rerun:
        q = r.rerun
        lines.append(f"Chạy lại trên tệp không đổi: {q['again_s']:.2f} s = {q['ratio']:.1%} lần đầu "
                     "(riêng việc nhận ra tệp không đổi — băm SHA-256 và một truy vấn — không tính khởi động Python "
                     f"và nạp mô-đun: {q['again_in_command_s']:.2f} s = {q['ratio_in_command']:.1%})")
    if r.rerun_dask:
        q = r.rerun_dask
        lines.append(f"Chạy lại với --scheduler trên tệp không đổi: {q['again_s']:.2f} s = {q['ratio']:.1%} lần đầu "
                     "(không khởi động cụm Dask)")
    return "\n".join(lines)


# ------------------------------------------------------------ child entry

def main(argv: list[str]) -> None:
    kind, args = argv[0], argv[1:]
    if kind == "baseline":
        out = child_baseline(args)
    elif kind == "stages":
        out = child_stages(args)
    elif kind == "unchanged-check":
        out = child_unchanged_check(args)
    else:
        raise SystemExit(f"unknown bench child {kind}")
    sys.stdout.write(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
