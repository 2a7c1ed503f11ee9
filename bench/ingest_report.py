"""Per-file report of ingest over a corpus: how each file's text was got
(text layer, OCR, converted from TCVN3/VNI, Word, plain), pages, seconds,
and — where the gold names a reference text — the OCR character error rate
(against the digital twin, read by rasoat the same way: strict, and with
leader-dot runs as one character) or the diacritic accuracy (against the
hand transcript).

    .venv/bin/python bench/ingest_report.py [../shared/corpus] [--gold ../shared/gold/dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from legacy_accuracy import diacritic_accuracy  # noqa: E402
from ocr_cer import fold, normalise_lines, stored_twin_pages  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from ingest import ingest_file  # noqa: E402
from rasoat.files import iter_files  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def text_source(doc) -> str:
    if doc.error:
        return "lỗi"
    kinds = Counter(p.source for p in doc.pages)
    return ", ".join(f"{k} ×{n}" if len(kinds) > 1 else k for k, n in kinds.most_common())


def cer(reference: str, output: str, folded: bool = False) -> float:
    """Character error rate; ``folded``: runs of leader dots count as one character (their length is
    the typist's choice), dashes and quotes unified (bench/ocr_cer.py)."""
    ref, hyp = normalise_lines(reference), normalise_lines(output)
    if folded:
        ref, hyp = fold(ref), fold(hyp)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "dev.jsonl"))
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    refs = {}
    if Path(args.gold).exists():
        for line in Path(args.gold).read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            if g.get("text_reference"):
                refs[g["file"]] = (g["kind"], g["text_reference"])
    print(f"{'tệp':44} {'nguồn chữ':22} {'trang':>5} {'giây':>6}  so với bản chuẩn")
    for path in iter_files([corpus]):
        if path.name.endswith(".transcript.txt"):
            continue
        started = time.perf_counter()
        doc = ingest_file(path)
        seconds = time.perf_counter() - started
        measure = ""
        if path.name in refs and not doc.error:
            kind, ref_name = refs[path.name]
            ref_path = corpus / ref_name
            output = "\n".join(p.text for p in doc.pages)
            if ref_path.suffix == ".pdf":
                twin = "\n".join(stored_twin_pages(ref_path))  # the digital twin, stored the same way
                measure = (f"CER {cer(twin, output):.2%}, {cer(twin, output, folded=True):.2%} gộp dãy chấm"
                           " (OCR so với bản số)")
            else:
                acc, ok, total = diacritic_accuracy(ref_path.read_text(encoding="utf-8"), output)
                measure = f"dấu đúng {acc:.2%} ({ok}/{total}, so với bản chép tay)"
        elif doc.error:
            measure = doc.error
        print(f"{path.name[:44]:44} {text_source(doc)[:22]:22} {len(doc.pages):>5} {seconds:>6.1f}  {measure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
