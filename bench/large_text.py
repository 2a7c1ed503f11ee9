"""Large plain-text files through the real pipeline: seconds and peak memory per size.

    python bench/large_text.py [--sizes 1,10,100] [--store] [--keep DIR]

For each size (MB of UTF-8) a ``.txt`` of report-like Vietnamese sentences is generated (our own templates,
filled with random figures, fractions, percentages, sums in parentheses, dates, document numbers and
"%2024"-like noise; a fixed seed, so runs compare), then a child process runs ``ingest_file`` on it,
``extract`` and ``rules`` (and ``store.save_document`` with ``--store``), and reports the seconds of each
stage; its CPU seconds and peak RSS come from ``os.wait4`` of that child (on a busy machine the CPU
seconds are the figure to compare).  One child per size, so no size inherits the
memory of another.

Every stage should grow linearly with the size: the seconds per MB of each stage should stay about the same
from one size to the next.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
SEED = 12  # the issue number: the same text on every run

# Sentence templates of our own, in the style of a yearly report of a provincial department.  {n} a count,
# {p} a percentage, {a}/{b} a fraction (a ≤ b), {m} an amount of money, {d} a date, {y} a year, {k} a document
# number, {x} noise that is not a figure.
TEMPLATES = [
    "Trong năm {y}, toàn tỉnh đã tiếp nhận {n} hồ sơ, giải quyết đúng hạn {a}/{b} hồ sơ, đạt tỷ lệ {p}%.",
    "Sở Tư pháp đã thẩm định {n} văn bản quy phạm pháp luật và tổ chức {n} hội nghị tập huấn.",
    "Tổng kinh phí thực hiện là {m} triệu đồng, trong đó ngân sách tỉnh bảo đảm {p}%.",
    "Đã rà soát {n} thủ tục hành chính (gồm {n} thủ tục cấp tỉnh; {n} thủ tục cấp xã; {n} thủ tục liên thông).",
    "Theo Quyết định số {k}/QĐ-UBND ngày {d}, có {a}/{b} xã đạt chuẩn tiếp cận pháp luật, chiếm {p}%.",
    "Qua đó, đã hỗ trợ {n} doanh nghiệp và {n} hộ gia đình hoàn thiện hồ sơ.",
    "Mã tham chiếu %{y} và chuỗi %20{x}%2F không phải là số liệu; tỷ lệ hoàn thành chỉ tiêu là {p}%.",
    "Số cán bộ, công chức được bồi dưỡng là {n} người, tăng {p}% so với cùng kỳ năm {y}.",
    "- Cấp xã: tiếp nhận {n} hồ sơ; trả kết quả đúng hạn {a}/{b} hồ sơ.",
    "Ủy ban nhân dân tỉnh đã ban hành {n} kế hoạch, {n} công văn chỉ đạo và {n} báo cáo chuyên đề.",
]


def _fill(rng: random.Random, template: str) -> str:
    out, rest = [], template
    while "{" in rest:
        head, _, tail = rest.partition("{")
        key, _, rest = tail.partition("}")
        out.append(head)
        if key == "n":
            small = rng.random() < 0.8  # mostly counts below 2,500; some with a thousands dot
            out.append(f"{rng.randint(1, 2500):02d}" if small else f"{rng.randint(1, 99)}.{rng.randint(0, 999):03d}")
        elif key == "p":
            out.append(f"{rng.randint(0, 100)},{rng.randint(0, 99):02d}")
        elif key == "a":
            b = rng.randint(2, 900)
            out.append(f"{rng.randint(1, b)}")
            rest = rest.replace("{b}", str(b), 1)
        elif key == "m":
            out.append(f"{rng.randint(1, 999)}.{rng.randint(0, 999):03d}")
        elif key == "d":
            out.append(f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2015, 2025)}")
        elif key == "y":
            out.append(str(rng.randint(2015, 2025)))
        elif key == "k":
            out.append(str(rng.randint(1, 3999)))
        elif key == "x":
            out.append(f"{rng.randint(0, 99):02d}")
    out.append(rest)
    return "".join(out)


def generate_text(size_bytes: int, seed: int = SEED) -> str:
    """About ``size_bytes`` of UTF-8 text: numbered sections of paragraphs of filled templates."""
    rng = random.Random(seed)
    parts: list[str] = ["ỦY BAN NHÂN DÂN TỈNH MẪU\n\nBÁO CÁO\nKết quả thực hiện nhiệm vụ (số liệu tạo ngẫu nhiên)\n"]
    size, section = len(parts[0].encode()), 0
    while size < size_bytes:
        section += 1
        lines = [f"\n{section}. Kết quả lĩnh vực thứ {section}\n"]
        for _ in range(rng.randint(3, 8)):
            lines.append(" ".join(_fill(rng, rng.choice(TEMPLATES)) for _ in range(rng.randint(2, 6))) + "\n")
        chunk = "".join(lines)
        parts.append(chunk)
        size += len(chunk.encode())
    return "".join(parts)


LARGEST_CHARS = 400_000_000  # characters a measured text may have (the limits of a normal run are lifted)


def run_one(path: str, store: bool) -> dict:
    """In the child: the pipeline on one file, seconds per stage."""
    from extract import extract
    from ingest import ingest_file
    from rasoat.limits import Limits
    from rasoat.models import Document
    from rules import run_rules

    times: dict[str, float] = {}
    t = time.perf_counter()
    # the point is to time every size: no document-size limit here (a run's default refuses texts over
    # DEFAULT_MAX_DOCUMENT_CHARS)
    limits = Limits.from_env(max_document_chars=LARGEST_CHARS, max_file_bytes=LARGEST_CHARS * 4)
    source = ingest_file(path, limits=limits)
    times["ingest"] = time.perf_counter() - t
    if source.error:
        return dict(error=source.error, **times)
    doc = Document(source=source)
    t = time.perf_counter()
    doc.extraction = extract(source)
    times["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    doc.findings = run_rules(doc, corpus=None)
    times["rules"] = time.perf_counter() - t
    if store:
        from rasoat.store import connect, save_document

        t = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            save_document(connect(Path(tmp) / "bench.db"), doc)
        times["store"] = time.perf_counter() - t
    times["chars"] = sum(len(p.text) for p in source.pages)
    times["figures"] = len(doc.extraction.figures)
    times["findings"] = len(doc.findings)
    return times


def measure(path: str, store: bool) -> dict:
    """Run ``run_one`` in a child process; its report and its peak RSS (MB)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        try:
            report = run_one(path, store)
        except BaseException as e:  # noqa: BLE001 - reported, not hidden
            report = dict(error=f"{type(e).__name__}: {e}")
        with os.fdopen(write_fd, "w") as w:
            w.write(json.dumps(report))
        os._exit(0)
    os.close(write_fd)
    t = time.perf_counter()
    with os.fdopen(read_fd) as r:
        text = r.read()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t
    report = json.loads(text) if text else dict(error=f"child ended with status {status}")
    report["wall"] = wall
    report["cpu"] = usage.ru_utime + usage.ru_stime  # of the child: what the wall time is on an idle machine
    report["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="sizes in MB, comma-separated")
    ap.add_argument("--store", action="store_true", help="also write each document to a fresh SQLite database")
    ap.add_argument("--keep", help="folder to write the generated texts to (default: a temporary folder)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    folder = Path(args.keep or tempfile.mkdtemp(prefix="rasoat-large-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'MB':>5} {'chars':>11} {'figures':>8} {'ingest s':>9} {'extract s':>10} {'rules s':>8} "
          f"{'store s':>8} {'total s':>8} {'cpu s':>7} {'cpu s/MB':>8} {'peak RSS MB':>12}")
    for size in (float(s) for s in args.sizes.split(",")):
        path = folder / f"bao_cao_{size:g}MB.txt"
        if not path.exists():
            path.write_text(generate_text(int(size * MB)), encoding="utf-8")
        r = measure(str(path), args.store)
        if "error" in r:
            print(f"{size:>5g} error: {r['error']} (peak RSS {r['peak_rss_mb']:.0f} MB, {r['wall']:.1f} s)")
            continue
        store_s = f"{r['store']:8.1f}" if "store" in r else f"{'-':>8}"
        print(f"{size:>5g} {r['chars']:>11,} {r['figures']:>8,} {r['ingest']:9.1f} {r['extract']:10.1f} "
              f"{r['rules']:8.1f} {store_s} {r['wall']:8.1f} {r['cpu']:7.1f} {r['cpu'] / size:8.1f} "
              f"{r['peak_rss_mb']:12.0f}",
              flush=True)
        if not args.keep:
            path.unlink()


if __name__ == "__main__":
    main()
