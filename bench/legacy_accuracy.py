"""Diacritic accuracy of the legacy-encoding repair (TCVN3/ABC, VNI).

For each legacy file with a hand transcript, the text is extracted and
repaired, then aligned with the transcript:

    accuracy = (transcript letters bearing a diacritic, or đ, that the
                output reproduces exactly at the aligned position)
               / (all such letters in the transcript)

both texts after Unicode NFC and whitespace collapsing (and lower-casing
for the main figure, as the gold comparisons do; the case-sensitive figure
is printed too).  Alignment: Levenshtein opcodes (rapidfuzz), characters in
"equal" blocks count as recovered.

PDFs: pdfplumber words (``return_chars=True``), each word's chars grouped
by font into (text, fontname) runs, separators as font-less runs, all
decoded at once by ``decode_runs``.  The ``repair_chars`` path
(``pdfplumber.utils.extract_text`` on repaired chars) is shown alongside.
.doc: ``ingest.word.read_doc``.

The files are the gold's entries of kind "legacy" (``text_reference`` names
the transcript).

Usage: python bench/legacy_accuracy.py [corpus_dir]   (target ≥ 0.99 each)
"""

from __future__ import annotations

import itertools
import re
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.legacy import decode_runs, font_key, repair_chars  # noqa: E402
from ingest.word import read_doc  # noqa: E402

CORPUS = Path("/work/shared/corpus")
TARGET = 0.99  # issue 13: every legacy file at least this


def legacy_files(corpus: Path) -> list[tuple[str, str]]:
    """(file, transcript) of every gold entry of kind "legacy" with a text_reference."""
    import json

    gold = corpus.parent / "gold" / "dev.jsonl"
    rows = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            if entry.get("kind") == "legacy" and entry.get("text_reference"):
                rows.append((entry["file"], entry["text_reference"]))
    return rows


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _lower(text: str) -> str:
    # per character, keeping the length (str.lower may change it for a few letters)
    return "".join(lo if len(lo := c.lower()) == 1 else c for c in text)


def has_diacritic(c: str) -> bool:
    """A letter carrying a Vietnamese diacritic (tone, ˆ, ˘, horn) or đ/Đ."""
    if c in "đĐ":
        return True
    return c.isalpha() and len(unicodedata.normalize("NFD", c)) > 1


def diacritic_accuracy(reference: str, output: str, fold_case: bool = True) -> tuple[float, int, int]:
    """(accuracy, recovered, total) over the reference's diacritic-bearing letters."""
    from rapidfuzz.distance import Levenshtein

    ref, hyp = collapse(reference), collapse(output)
    if fold_case:
        ref, hyp = _lower(ref), _lower(hyp)
    total = sum(has_diacritic(c) for c in ref)
    recovered = 0
    for op in Levenshtein.opcodes(ref, hyp):
        if op.tag == "equal":
            recovered += sum(has_diacritic(c) for c in ref[op.src_start:op.src_end])
    return (recovered / total if total else 1.0), recovered, total


def moved_block_accuracy(reference: str, output: str) -> tuple[float, int, int]:
    """Like ``diacritic_accuracy`` (case folded), with blocks that only moved counted.

    A transcript typed line by line interleaves a two-column header ("ngân
    hàng nhà nước  cộng hoà …") that the reader writes column after column;
    one alignment then loses one column, though its letters are right.  The
    reference pieces left unmatched by the first alignment are aligned again
    with the output pieces left unmatched, and letters equal there count too.
    """
    from rapidfuzz.distance import Levenshtein

    ref, hyp = _lower(collapse(reference)), _lower(collapse(output))
    total = sum(has_diacritic(c) for c in ref)
    recovered = 0
    ref_rest, hyp_rest = [], []
    for op in Levenshtein.opcodes(ref, hyp):
        if op.tag == "equal":
            recovered += sum(has_diacritic(c) for c in ref[op.src_start:op.src_end])
        else:
            ref_rest.append(ref[op.src_start:op.src_end])
            hyp_rest.append(hyp[op.dest_start:op.dest_end])
    rest_ref, rest_hyp = "\x00".join(ref_rest), "\x01".join(hyp_rest)
    for op in Levenshtein.opcodes(rest_ref, rest_hyp):
        if op.tag == "equal":
            recovered += sum(has_diacritic(c) for c in rest_ref[op.src_start:op.src_end])
    return (recovered / total if total else 1.0), recovered, total


def pipeline_text(path: Path) -> str:
    """The page text rasoat stores for ``path`` (``ingest.ingest_file``, no OCR)."""
    from ingest import ingest_file

    return "\n\n".join(page.text for page in ingest_file(path, ocr=False).pages)


def pdf_runs(path: Path) -> list[tuple[str, str | None]]:
    """(text, fontname) runs of a PDF: per word, its chars grouped by font."""
    import pdfplumber

    runs: list[tuple[str, str | None]] = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            if runs:
                runs.append(("\n\n", None))
            last_top = None
            for word in page.extract_words(return_chars=True, use_text_flow=True):
                if last_top is not None:
                    runs.append(("\n" if abs(word["top"] - last_top) > 3 else " ", None))
                last_top = word["top"]
                for _, chars in itertools.groupby(word["chars"], key=lambda c: font_key(c["fontname"])):
                    chars = list(chars)
                    runs.append(("".join(c["text"] for c in chars), chars[0]["fontname"]))
    return runs


def pdf_text_repair_chars(path: Path) -> str:
    import pdfplumber
    from pdfplumber.utils import extract_text

    with pdfplumber.open(path) as pdf:
        return "\n\n".join(extract_text(repair_chars(page.chars)) for page in pdf.pages)


def main(corpus: Path = CORPUS) -> int:
    rows = []
    for name, reference_name in legacy_files(corpus):
        path = corpus / name
        transcript = corpus / reference_name
        if not path.exists() or not transcript.exists():
            rows.append((name, None, None, None, None, None, "missing", 0.0))
            continue
        reference = transcript.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        if path.suffix == ".pdf":
            output = decode_runs(pdf_runs(path))
            alt = diacritic_accuracy(reference, pdf_text_repair_chars(path))[0]
        else:
            output = read_doc(path)
            alt = None
        elapsed = time.perf_counter() - t0
        acc, rec, tot = diacritic_accuracy(reference, output)
        acc_cs = diacritic_accuracy(reference, output, fold_case=False)[0]
        stored = pipeline_text(path)
        piped = diacritic_accuracy(reference, stored)[0]
        moved = moved_block_accuracy(reference, stored)[0]
        rows.append((name, acc, acc_cs, alt, piped, moved, f"{rec}/{tot}", elapsed))

    print("accuracy: runs decoded in reading order; pipeline: the stored page text (columns written one after the")
    print("other); +moved: the pipeline text with letters of blocks that only moved counted (ok judged on it)")
    print(f"{'file':36} {'accuracy':>9} {'case-sens':>9} {'chars-path':>10} {'pipeline':>9} {'+moved':>7} "
          f"{'letters':>13} {'sec':>6}  ok")
    ok_all = True
    for name, acc, acc_cs, alt, piped, moved, counts, elapsed in rows:
        if acc is None:
            print(f"{name:36} {'—':>9} {'—':>9} {'—':>10} {'—':>9} {'—':>7} {counts:>13} {'':>6}  -")
            ok_all = False
            continue
        ok = moved >= TARGET
        ok_all &= ok
        alt_s = f"{alt:.4f}" if alt is not None else "—"
        print(f"{name:36} {acc:9.4f} {acc_cs:9.4f} {alt_s:>10} {piped:9.4f} {moved:7.4f} {counts:>13} "
              f"{elapsed:6.2f}  {'yes' if ok else 'NO'}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS))
