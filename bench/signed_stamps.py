"""Number and day printed only by the digital-signature stamp.

For each corpus PDF: page-1 words from pdfplumber (as ``ingest/pdf.py``
reads them), laid out by ``ingest.layout.layout_page`` and read by
``extract.header.extract_header`` twice — from the text layer alone, and
with the stamped words of ``ingest.signed.stamp_texts`` merged by
``merge_stamps`` — against the gold number and issued_on.  Also prints the
signer and signing time from ``signature_info``.

The files whose number/day are only stamped are the target; every other PDF
of the corpus is a control (its header must not change for the worse).

Usage: python bench/signed_stamps.py [corpus_dir] [gold.jsonl] [--all]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pdfplumber  # noqa: E402

from extract.header import extract_header  # noqa: E402
from ingest.layout import layout_page  # noqa: E402
from ingest.signed import merge_stamps, signature_info, stamp_texts  # noqa: E402
from rasoat.models import Page, SourceDocument  # noqa: E402
from rasoat.vntext import nfc  # noqa: E402

CORPUS = Path("/work/shared/corpus")
GOLD = Path("/work/shared/gold/dev.jsonl")
TARGETS = [
    "bc-cchc-2025-lam-dong.pdf", "bc-chi-so-tinh-lam-dong-28-11.pdf", "bc-thi-diem-cchc-qd787.pdf",
    "gm-hdnd-huyen-tuan-giao.pdf", "cv-604-stp-lam-dong.pdf", "cv-stp-lam-dong-y-kien.pdf",
    "du-thao-qd-cong-bo-tthc-lai-chau.pdf", "bc-36-hdtd-cham-diem.pdf", "cv-12094-bnv-cchc.pdf",
]
WORD_SETTINGS = dict(x_tolerance=3, y_tolerance=3)


def header_of(path: Path, stamps: list) -> tuple[str | None, str | None, str]:
    """(number, issued_on, the "Số" and date lines) of page 1."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        words = [dict(w, text=nfc(w["text"])) for w in page.extract_words(**WORD_SETTINGS)]
        width = float(page.width)
    words = merge_stamps(words, stamps)
    laid = layout_page(words, width, first_page=True)
    doc = SourceDocument(path=str(path), sha256="", file_name=path.name,
                         pages=[Page(number=1, text=laid.text, regions=laid.regions)])
    h = extract_header(doc)
    lines = [line for line in laid.text.split("\n") if line.lstrip().startswith("Số") or "ngày" in line][:2]
    return h.number, h.issued_on, " | ".join(lines)


def main(argv: list[str]) -> int:
    flags = [a for a in argv if a.startswith("--")]
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else CORPUS
    gold_path = Path(args[1]) if len(args) > 1 else GOLD
    gold = {d["file"]: d for d in map(json.loads, gold_path.open(encoding="utf-8"))}
    others = sorted(p.name for p in corpus.glob("*.pdf") if p.name not in TARGETS)
    files = TARGETS + (others if "--all" in flags else [])
    ok_targets = 0
    for name in files:
        path = corpus / name
        g = (gold.get(name) or {}).get("header") or {}
        t = time.perf_counter()
        try:
            stamps = stamp_texts(str(path))
            sig = signature_info(str(path))
            before = header_of(path, [])
            after = header_of(path, stamps.get(1, []))
        except Exception as e:  # a bad file of the corpus: shown, not fatal
            print(f"{name}: {type(e).__name__}: {e}\n")
            continue
        secs = time.perf_counter() - t
        good = after[0] == g.get("number") and after[1] == g.get("issued_on")
        worse = (before[0] == g.get("number")) > (after[0] == g.get("number")) or \
                (before[1] == g.get("issued_on")) > (after[1] == g.get("issued_on"))
        ok_targets += good and name in TARGETS
        mark = "OK " if good else ("WORSE" if worse else "-- ")
        print(f"{mark} {name}  ({secs:.2f} s)")
        print(f"     gold:          {g.get('number')}  {g.get('issued_on')}")
        print(f"     text layer:    {before[0]}  {before[1]}   [{before[2]}]")
        print(f"     with stamps:   {after[0]}  {after[1]}   [{after[2]}]")
        print(f"     stamps p1:     {[(s.text, s.field) for s in stamps.get(1, [])][:12]}"
              f"{'  other pages: ' + str(sorted(p for p in stamps if p != 1)) if len(stamps) > (1 in stamps) else ''}")
        if sig:
            brief = {k: v for k, v in sig.items() if k != "signatures"}
            count = len(sig["signatures"])
            print(f"     signature:     {json.dumps(brief, ensure_ascii=False)}  ({count} signature(s))")
        print()
    print(f"number and day recovered: {ok_targets}/{len(TARGETS)} target files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
