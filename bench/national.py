"""Silver check at scale: number, type and year of the Công báo documents in ``../shared/national/``.

Each JSON there holds the text layer of a gazette PDF (``full_text``) and the crawler's metadata: ``so_hieu``
(the number, or a slug holding it: ``thong-tu-so-02-2024-tt-bldtbxh-41394``; ASCII, Đ written D), ``loai`` (the
type as the crawler named it) and ``nam``. The metadata is not hand-checked: a disagreement is a place to look,
not a proven error. The text goes through the real pipeline (the plain-text reader, then ``extract``), as a
``.txt`` file would.

Rules of the comparison (the silver data's own conventions):
- number: compared folded (no marks, Đ → D, lower case, "/" and "-" alike, no dot inside a number: the slug of
  "66.16/2026/NQ-CP" reads "6616-2026-nq-cp"); a văn bản hợp nhất (VB HN) is
  filed under the number of the document it consolidates, so its own number ("125/VBHN-VPQH", named in the
  crawler's description ``mo_ta``) counts as well;
- type: ``loai`` where it names a type, else the slug's first words ("chi-thi-so-…" → Chỉ thị);
- year: the number's year; for a number without one (công văn-style "21/CT-TTg"), the year of the signing date
  against ``nam`` when the crawler gave one.

    python bench/national.py [--dir ../shared/national] [--show 40] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rasoat.vntext import fold  # noqa: E402

# crawler's ``loai`` → rasoat's doc_type; None: not a type, use the slug
TYPE_OF_LOAI = {
    "Thông tư": "Thông tư", "Nghị định": "Nghị định", "NQ": "Nghị quyết", "Nghị quyết": "Nghị quyết",
    "QĐ": "Quyết định", "Quyết định": "Quyết định", "Luật": "Luật", "Bộ luật": "Bộ luật",
    "VB HN": "Văn bản hợp nhất", "Văn bản hợp nhất": "Văn bản hợp nhất", "TT Liên tịch": "Thông tư liên tịch",
    "Khác": None,
}
# slug prefix → doc_type, longest first
TYPE_OF_SLUG = [
    ("thong-tu-lien-tich", "Thông tư liên tịch"), ("van-ban-hop-nhat", "Văn bản hợp nhất"),
    ("nghi-quyet-lien-tich", "Nghị quyết liên tịch"), ("nghi-dinh", "Nghị định"), ("nghi-quyet", "Nghị quyết"),
    ("quyet-dinh", "Quyết định"), ("thong-tu", "Thông tư"), ("chi-thi", "Chỉ thị"), ("bo-luat", "Bộ luật"),
    ("luat", "Luật"), ("lenh", "Lệnh"), ("phap-lenh", "Pháp lệnh"),
]
HEAD_CHARS = 2_000  # where a document prints its own number: the header, within the first characters
FIRST_YEAR, LAST_YEAR = 1945, 2030  # plausible years of a document in the set
NUMBER_IN_TEXT = re.compile(r"\d+[a-z]?/(?:\d{4}/)?[A-ZĐ][\wĐđ]*(?:-[\wĐđ]+)*")  # "125/VBHN-VPQH" in mo_ta
SLUG_NUMBER = re.compile(r"-so-(\d+[a-z]?(?:-\d{4})?-[a-z0-9-]+?)(?:-\d{3,})?$")  # "…-so-21-ct-ttg-469580"


def slug_key(number: str | None) -> str:
    """The folded form both sides are compared in: "07/2031/TT-BLĐTBXH" → "07-2031-tt-bldtbxh"."""
    key = re.sub(r"[/\-\s]+", "-", fold(number or "").replace("đ", "d").lower()).strip("-")
    key = re.sub(r"(?<=\d)\.(?=\d)", "", key)  # "66.16/2026/NQ-CP": the slug drops the dot of a series number
    return re.sub(r"^0+(?=\d)", "", key)  # "07/2026/…" and "7/2026/…" are one number


def expected(meta: dict) -> dict:
    so_hieu, slug, loai = meta.get("so_hieu") or "", meta.get("slug") or "", meta.get("loai") or ""
    numbers = set()
    if "/" in so_hieu:  # "45/2019/QH14", or "Thông tư số 7/2026/TT-BNV"
        numbers.add(slug_key(so_hieu.split()[-1]))
    elif m := SLUG_NUMBER.search(so_hieu):
        numbers.add(slug_key(m.group(1)))
    if TYPE_OF_LOAI.get(loai) == "Văn bản hợp nhất":
        numbers.update(slug_key(n) for n in NUMBER_IN_TEXT.findall(meta.get("mo_ta") or ""))
    doc_type = TYPE_OF_LOAI.get(loai)
    if doc_type is None:
        doc_type = next((t for p, t in TYPE_OF_SLUG if slug.startswith(p + "-")), None)
    year = None
    for n in sorted(numbers):
        if m := re.match(r"\d+[a-z]?-((?:19|20)\d{2})-", n):
            year = int(m.group(1))
            break
    nam = int(meta["nam"]) if str(meta.get("nam") or "").isdigit() else 0
    if year is None and FIRST_YEAR <= nam <= LAST_YEAR:  # the crawler's "nam" holds odd values too ("2091")
        year = nam
    return dict(numbers=numbers, doc_type=doc_type, year=year)


def number_in_text(numbers: set[str], text: str) -> bool:
    """Does the text's head print one of the expected numbers (many gazette texts lack the header: it is an
    image in the PDF; the number cited further on does not count)?  Folded like the numbers, with any run of
    spaces, "/" or "-" alike."""
    folded = slug_key(text)
    return any(re.search(r"(?<![0-9a-z])0*" + re.escape(n) + r"(?![\w])", folded) for n in numbers)


def found(header) -> dict:
    year = None
    if m := re.match(r"\d+[a-z]?/((?:19|20)\d{2})/", header.number or ""):
        year = int(m.group(1))
    elif header.issued_on:
        year = int(header.issued_on[:4])
    return dict(number=header.number, key=slug_key(header.number), doc_type=header.doc_type, year=year)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "national"))
    ap.add_argument("--show", type=int, default=40, help="disagreements to print")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from extract import extract
    from ingest import ingest_file

    files = sorted(Path(args.dir).glob("*.json"))
    rows, t0 = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            meta = json.loads(f.read_text(encoding="utf-8"))
            txt = Path(tmp) / (f.stem + ".txt")
            txt.write_text(meta.get("full_text") or "", encoding="utf-8")
            source = ingest_file(txt)
            header = extract(source).header if not source.error else None
            exp = expected(meta)
            got = found(header) if header else dict(number=None, key="", doc_type=None, year=None)
            ok = dict(
                number=bool(exp["numbers"]) and got["key"] in exp["numbers"],
                doc_type=exp["doc_type"] is None or got["doc_type"] == exp["doc_type"],
                year=exp["year"] is None or got["year"] == exp["year"],
            )
            printed = number_in_text(exp["numbers"], (meta.get("full_text") or "")[:HEAD_CHARS])
            rows.append(dict(file=f.name, ok=ok, all=all(ok.values()), printed=printed,
                             expected=dict(exp, numbers=sorted(exp["numbers"])),
                             found={k: got[k] for k in ("number", "doc_type", "year")}, error=source.error))
    n = len(rows)
    summary = {k: sum(r["ok"][k] for r in rows) / n for k in ("number", "doc_type", "year")} if n else {}
    summary["all"] = sum(r["all"] for r in rows) / n if n else 0.0
    # the same over the documents whose text prints their number (the others cannot be read from the text)
    readable = [r for r in rows if r["printed"]]
    for k in ("number", "doc_type", "year"):
        summary[f"{k} (printed)"] = sum(r["ok"][k] for r in readable) / len(readable) if readable else 0.0
    summary["all (printed)"] = sum(r["all"] for r in readable) / len(readable) if readable else 0.0
    if args.json:
        print(json.dumps(dict(summary=summary, documents=n, rows=rows), ensure_ascii=False, indent=1))
        return 0
    bad = [r for r in rows if not r["all"] and r["printed"]]
    for r in bad[: args.show]:
        wrong = [k for k, v in r["ok"].items() if not v]
        print(f"{r['file'][:60]:60} {','.join(wrong):22} found={r['found']} expected={r['expected']}")
    print(f"\n{n} documents, {len(readable)} of them print their number in the text; {time.perf_counter() - t0:.1f} s")
    for k, v in summary.items():
        print(f"  {k:9} {v:.2%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
