"""Speed of the site's search page (``/-/rasoat/search?q=…``) on a database.

    python bench/search_page.py DB [--rounds 5]

Datasette with rasoat's plugin and metadata runs in this process (no HTTP, no
server process: only the page's own work) and answers the page for a fixed set
of queries — words without diacritics, a quoted phrase, document numbers, a
bare number — ``--rounds`` times each after one warm-up round.  Prints, per
query and over all, wall-clock and CPU milliseconds (p50, p95): on a shared
machine the wall clock waits for other programs, the CPU time does not.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = ["dang ky kinh doanh", "cai cach hanh chinh", "dang ky khai sinh", "uy ban nhan dan tinh",
           '"dang ky kinh doanh"', '"đăng ký kinh doanh"', "335/2025/ND-CP", "93/NQ-HDND", "bao cao", "2024"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(p * len(ordered)) - 1)]


async def run(db: Path, rounds: int) -> dict:
    from datasette.app import Datasette

    from rasoat.web.serve import metadata_path, templates

    ds = Datasette([str(db)], template_dir=str(templates()),
                   metadata=json.loads(metadata_path(db).read_text(encoding="utf-8")))
    await ds.invoke_startup()
    wall: dict[str, list[float]] = {q: [] for q in QUERIES}
    cpu: dict[str, list[float]] = {q: [] for q in QUERIES}
    for round_ in range(rounds + 1):
        for q in QUERIES:
            t, c = time.perf_counter(), time.process_time()
            answer = await ds.client.get("/-/rasoat/search", params={"q": q})
            if answer.status_code != 200:
                raise SystemExit(f"{q!r}: HTTP {answer.status_code}")
            if round_:  # the first round warms caches
                wall[q].append((time.perf_counter() - t) * 1000)
                cpu[q].append((time.process_time() - c) * 1000)
    every_wall = [x for v in wall.values() for x in v]
    every_cpu = [x for v in cpu.values() for x in v]
    return dict(
        database=str(db), rounds=rounds,
        queries={
            q: dict(wall_p50_ms=round(statistics.median(wall[q]), 1), cpu_p50_ms=round(statistics.median(cpu[q]), 1))
            for q in QUERIES
        },
        all=dict(n=len(every_wall), wall_p50_ms=round(statistics.median(every_wall), 1),
                 wall_p95_ms=round(percentile(every_wall, 0.95), 1), cpu_p50_ms=round(statistics.median(every_cpu), 1),
                 cpu_p95_ms=round(percentile(every_cpu, 0.95), 1)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.db, args.rounds)), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
