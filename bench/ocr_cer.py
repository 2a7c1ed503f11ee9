"""Character error rate of OCR on a scan against its digital twin.

Usage::

    python bench/ocr_cer.py                       # NĐ 335/2025 scan, dpi 300, psm 4
    python bench/ocr_cer.py --dpi 300 400 --psm 3 4 6
    python bench/ocr_cer.py --scan S.pdf --twin T.pdf --pages 1-5 --jobs 2
    python bench/ocr_cer.py --stored              # the page texts rasoat stores, scan and twin

For each (dpi, psm) configuration the scan is OCRed with ``ingest.ocr`` and
the twin's text layer is read with pdfplumber.  Both sides are normalised
(NFC, page-number lines and rule lines dropped, whitespace collapsed) and the
whole-document texts are compared with Levenshtein distance — the scan
(29 pages) and the twin (19 pages) break pages differently, so pages cannot
be paired one to one.  Per-page figures come from the alignment: each scan
page is charged with the edits that fall in its span of the alignment and
compared with the span of the twin text it aligns to.

CER = edit distance / length of the twin text.  Two figures are printed:
``strict`` (as above) and ``folded`` (typographic variants unified: dashes,
quotes, ellipsis, and runs of leader dots "……" in form fields counted as one
token, since their length is arbitrary; what a reader would not call an OCR
error).

The default files are the shared reference corpus, which is not part of the
repository; pass ``--scan``/``--twin`` to use others.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import re
import statistics
import sys
import threading
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import ocr  # noqa: E402

CORPUS = Path("/work/shared/corpus")
DEFAULT_SCAN = CORPUS / "nd-335-2025-nd-cp-scan.pdf"
DEFAULT_TWIN = CORPUS / "nd-335-2025-nd-cp.pdf"

_PAGE_NUMBER = re.compile(r"^\s*[-–—]?\s*\d{1,3}\s*[-–—.]?\s*$")
_RULE = re.compile(r"^[\s_\-–—=.·•*~]+$")
_WS = re.compile(r"\s+")
_FOLD = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "…": "...",
    }
)


def normalise_lines(text: str) -> str:
    """NFC; drop page-number and rule-only lines; collapse whitespace."""
    text = unicodedata.normalize("NFC", text)
    keep = [ln for ln in text.splitlines() if not _PAGE_NUMBER.match(ln) and not _RULE.match(ln)]
    return _WS.sub(" ", " ".join(keep)).strip()


_LEADER = re.compile(r"(?:[.…·] ?){3,}")


def fold(text: str) -> str:
    """Unify typographic variants and dot leaders ("Họ và tên:.......")."""
    text = _LEADER.sub("… ", text.translate(_FOLD))
    return _WS.sub(" ", text).strip()


def twin_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def stored_twin_pages(path: Path) -> list[str]:
    """The twin's pages as rasoat stores them: the same layout (header columns one after the other,
    signature block, running headers removed) as the scan's stored pages, so that only what OCR
    read differently counts, not a different reading order."""
    from ingest import ingest_file

    return [p.text for p in ingest_file(str(path)).pages]


def parse_pages(spec: str | None, n: int) -> list[int]:
    if not spec:
        return list(range(n))
    out: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a) - 1, int(b)))
        else:
            out.append(int(part) - 1)
    return [i for i in out if 0 <= i < n]


def ocr_document(scan: Path, pages: list[int], dpi: int, psm: int, jobs: int) -> list[ocr.OcrResult]:
    """OCR pages; rendering is serialised (pdfium is not thread-safe)."""
    lock = threading.Lock()

    def one(i: int) -> ocr.OcrResult:
        t0 = time.perf_counter()
        with lock:
            image = ocr.render_page(scan, i, dpi=dpi)
        res = ocr.ocr_image(image, psm=psm, dpi=dpi)
        res.seconds = round(time.perf_counter() - t0, 3)
        return res

    with cf.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, pages))


def aligned_page_cer(hyp_pages: list[str], ref: str) -> tuple[int, list[tuple[int, int]]]:
    """Whole-document distance and, per hypothesis page, (edits, ref chars)."""
    from rapidfuzz.distance import Levenshtein

    hyp = " ".join(hyp_pages)
    bounds = []
    pos = 0
    for p in hyp_pages:
        bounds.append((pos, pos + len(p)))
        pos += len(p) + 1
    ops = Levenshtein.opcodes(hyp, ref)
    edits = [0] * len(hyp_pages)
    ref_lo = [None] * len(hyp_pages)
    ref_hi = [0] * len(hyp_pages)

    def page_of(i: int) -> int:
        # last page whose start <= i
        lo, hi = 0, len(bounds) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if bounds[mid][0] <= i:
                lo = mid
            else:
                hi = mid - 1
        return lo

    for tag, a1, a2, b1, b2 in ops:
        if a2 > a1:
            # split the hypothesis span over pages in proportion
            i = a1
            while i < a2:
                pg = page_of(i)
                end = min(a2, bounds[pg][1] + 1)
                frac_lo = (i - a1) / (a2 - a1)
                frac_hi = (end - a1) / (a2 - a1)
                rb1 = b1 + round(frac_lo * (b2 - b1))
                rb2 = b1 + round(frac_hi * (b2 - b1))
                if tag != "equal":
                    edits[pg] += max(end - i, rb2 - rb1)
                ref_lo[pg] = rb1 if ref_lo[pg] is None else min(ref_lo[pg], rb1)
                ref_hi[pg] = max(ref_hi[pg], rb2)
                i = end
        else:  # pure deletion from ref (text OCR missed): charge the page before
            pg = page_of(max(0, a1 - 1))
            edits[pg] += b2 - b1
            ref_lo[pg] = b1 if ref_lo[pg] is None else min(ref_lo[pg], b1)
            ref_hi[pg] = max(ref_hi[pg], b2)
    dist = Levenshtein.distance(hyp, ref)
    per_page = [(e, max(0, hi - (lo or 0))) for e, lo, hi in zip(edits, ref_lo, ref_hi, strict=True)]
    return dist, per_page


def stored_document(scan: Path, pages: list[int]) -> list[ocr.OcrResult]:
    """The page texts as ``rasoat ingest`` stores them (``ingest.ingest_file``: OCR at the default
    settings, then the same layout as text pages: header columns, lines, running headers removed)."""
    from ingest import ingest_file

    t0 = time.perf_counter()
    doc = ingest_file(str(scan))
    if doc.error:
        raise SystemExit(doc.error)
    seconds = (time.perf_counter() - t0) / max(1, len(doc.pages))
    return [ocr.OcrResult(text=doc.pages[i].text, confidence=doc.pages[i].ocr_confidence, words=[], dpi=ocr.DEFAULT_DPI,
                          psm=ocr.DEFAULT_PSM, lang=ocr.DEFAULT_LANG, seconds=round(seconds, 3)) for i in pages]


def run_config(scan: Path, ref_raw: str, pages: list[int], dpi: int, psm: int, jobs: int, verbose: bool,
               stored: bool = False):
    t0 = time.perf_counter()
    results = stored_document(scan, pages) if stored else ocr_document(scan, pages, dpi, psm, jobs)
    wall = time.perf_counter() - t0
    hyp_pages = [normalise_lines(r.text) for r in results]
    summary = {"dpi": "stored" if stored else dpi, "psm": "" if stored else psm, "pages": len(pages)}
    for name, f in (("strict", lambda s: s), ("folded", fold)):
        hp = [f(p) for p in hyp_pages]
        ref = f(ref_raw)
        dist, per_page = aligned_page_cer(hp, ref)
        summary[f"cer_{name}"] = dist / max(1, len(ref))
        summary[f"dist_{name}"] = dist
        summary[f"per_page_{name}"] = per_page
    summary["ref_chars"] = len(ref_raw)
    summary["hyp_chars"] = sum(len(p) for p in hyp_pages)
    summary["sec_per_page"] = statistics.mean(r.seconds for r in results)
    summary["wall_per_page"] = wall / max(1, len(pages))
    confs = [r.confidence for r in results if r.confidence is not None]
    summary["mean_conf"] = statistics.mean(confs) if confs else None
    summary["page_conf"] = [r.confidence for r in results]
    summary["page_sec"] = [r.seconds for r in results]
    summary["texts"] = [r.text for r in results]
    if verbose:
        print(f"\n== dpi {dpi} psm {psm}")
        print(f"{'page':>4} {'cer%':>6} {'fold%':>6} {'edits':>6} {'ref':>6} {'conf':>6} {'sec':>6}")
        for k, i in enumerate(pages):
            e, n = summary["per_page_strict"][k]
            ef, nf = summary["per_page_folded"][k]
            c = results[k].confidence
            print(
                f"{i + 1:>4} {100 * e / max(1, n):6.2f} {100 * ef / max(1, nf):6.2f} "
                f"{e:>6} {n:>6} {c if c is not None else float('nan'):6.1f} {results[k].seconds:6.2f}"
            )
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scan", type=Path, default=DEFAULT_SCAN)
    ap.add_argument("--twin", type=Path, default=DEFAULT_TWIN)
    ap.add_argument("--dpi", type=int, nargs="+", default=[ocr.DEFAULT_DPI])
    ap.add_argument("--psm", type=int, nargs="+", default=[ocr.DEFAULT_PSM])
    ap.add_argument("--pages", help="scan pages, 1-based, e.g. 1-5,9 (default all)")
    ap.add_argument("--twin-pages", help="twin pages to compare against (default all)")
    ap.add_argument("--jobs", type=int, default=2, help="tesseract processes at once")
    ap.add_argument("--json", type=Path, help="write the full results (texts included) here")
    ap.add_argument("-q", "--quiet", action="store_true", help="only the summary table")
    ap.add_argument("--stored", action="store_true",
                    help="measure the page texts rasoat stores (ingest_file) against the twin's, stored the same way, "
                         "instead of bare OCR configurations against pdfplumber's text of the twin")
    args = ap.parse_args(argv)

    ocr.require_ocr()
    if not args.scan.exists() or not args.twin.exists():
        print(f"missing input: {args.scan} / {args.twin}", file=sys.stderr)
        return 2
    import pypdfium2 as pdfium

    n_scan = len(pdfium.PdfDocument(str(args.scan)))
    pages = parse_pages(args.pages, n_scan)
    tw = stored_twin_pages(args.twin) if args.stored else twin_pages(args.twin)
    tw_idx = parse_pages(args.twin_pages, len(tw))
    ref_raw = " ".join(normalise_lines(tw[i]) for i in tw_idx)

    summaries = []
    if args.stored:
        summaries.append(run_config(args.scan, ref_raw, pages, ocr.DEFAULT_DPI, ocr.DEFAULT_PSM, args.jobs,
                                    not args.quiet, stored=True))
    else:
        for dpi in args.dpi:
            for psm in args.psm:
                summaries.append(run_config(args.scan, ref_raw, pages, dpi, psm, args.jobs, not args.quiet))

    print(f"\nscan {args.scan.name}: {len(pages)} pages; "
          f"twin {args.twin.name}: {len(tw_idx)} pages, {len(ref_raw)} chars")
    print(
        f"{'dpi':>4} {'psm':>4} {'CER%':>7} {'folded%':>8} {'median page fold%':>18} "
        f"{'conf':>6} {'s/page':>7} {'wall s/page':>11}"
    )
    for s in summaries:
        med = statistics.median(e / max(1, n) for e, n in s["per_page_folded"])
        print(
            f"{s['dpi']:>4} {s['psm']:>4} {100 * s['cer_strict']:7.2f} {100 * s['cer_folded']:8.2f} "
            f"{100 * med:18.2f} {s['mean_conf'] or float('nan'):6.1f} {s['sec_per_page']:7.2f} "
            f"{s['wall_per_page']:11.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(summaries, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
