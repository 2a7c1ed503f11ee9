"""Speed of figure extraction on ingested texts.

    python bench/figures_speed.py [CACHE_DIR]

Reads the ingested documents that ``rasoat eval --cache CACHE_DIR`` keeps
(pickled ``SourceDocument``s; default /tmp/evalcache) and times
``extract.figures.find_figures`` over all their pages, twice (the first run
tags each new phrase; loading the part-of-speech model is timed apart).  Prints characters per second and how
many figures were found.  ``sentence_bounds`` is timed on its own as well, so
its share can be told apart from recognition.
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract import figures  # noqa: E402


def main() -> None:
    cache = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/evalcache")
    docs = []
    seen: set[str] = set()
    for entry in sorted(cache.glob("*.pickle")):
        file_key = entry.name.split("-")[0]  # the file's hash; several ingest versions of one file count once
        if file_key in seen:
            continue
        try:
            source = pickle.loads(entry.read_bytes())
        except (AttributeError, ModuleNotFoundError, pickle.UnpicklingError):
            continue  # written by another version of the code (the cache folder may be shared)
        seen.add(file_key)
        if source.pages:
            docs.append(source.pages)
    chars = sum(len(p.text) for pages in docs for p in pages)
    if hasattr(figures, "_tagger"):
        t = time.perf_counter()
        figures._tagger()
        print(f"part-of-speech tagger loaded once per process: {time.perf_counter() - t:.2f} s")
    for run in ("first (tags each phrase once)", "second (phrases cached)"):
        t = time.perf_counter()
        found = sum(len(figures.find_figures(pages)) for pages in docs)
        dt = time.perf_counter() - t
        print(f"{run}: {len(docs)} documents, {chars:,} chars, {found} figures, {dt:.2f} s, {chars / dt:,.0f} chars/s")
    original = figures.sentence_bounds
    spent = [0.0]

    def timed(text, pos):
        t0 = time.perf_counter()
        try:
            return original(text, pos)
        finally:
            spent[0] += time.perf_counter() - t0

    figures.sentence_bounds = timed
    t = time.perf_counter()
    for pages in docs:
        figures.find_figures(pages)
    dt = time.perf_counter() - t
    figures.sentence_bounds = original
    print(f"of which sentence_bounds: {spent[0]:.2f} s; the rest: {dt - spent[0]:.2f} s, "
          f"{chars / max(dt - spent[0], 1e-9):,.0f} chars/s")


if __name__ == "__main__":
    main()
