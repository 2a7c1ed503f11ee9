"""Build ``rasoat/data/registry.json``, the registry of documents and their effect that ships with rasoat, from
the Công báo texts in ``../shared/national/`` — by rasoat's own reading, never by hand.

Each text goes through the real pipeline as a ``.txt`` file would (``ingest_file``, then ``extract``); its
effect facts are read by ``rasoat.effect.facts_of_document``: the document's own number, type, issuer, title and
dates, and every document its effect article replaces, repeals (in whole or in part) or amends, or its title
amends.  A văn bản hợp nhất gives each text it joins the facts that text states (``effect.consolidation_facts``):
the day each took effect, the ones amending the first, what their effect articles end.  Each fact keeps its
source: the document's number and the clause (the article path) that says it.
No sentence of the texts is kept.

The number is the one rasoat reads in the text; when that is missing or differs from the crawler's number
(``so_hieu``, a slug for some), the text is skipped (a number rasoat cannot read is no evidence).

    python scripts/build_registry.py [--dir ../shared/national] [--out rasoat/data/registry.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from national import expected  # noqa: E402  (bench/national.py: the crawler's number, compared folded)
from national import slug_key as folded_key  # noqa: E402

KEPT = ("number", "kind", "on", "by", "clause", "doc_type", "issuer", "title", "issued_on", "effective_on")


def dumps(data: dict) -> str:
    """The data file: one fact (and one address) a line, so that a rebuild's diff shows what changed."""
    def lines(items):
        return ",\n".join("  " + json.dumps(x, ensure_ascii=False) for x in items)

    meta = json.dumps(data["meta"], ensure_ascii=False, indent=1)
    urls = lines({k: v} for k, v in data["urls"].items()).replace("}", "").replace("{", "")
    return (f'{{\n"meta": {meta},\n"facts": [\n{lines(data["facts"])}\n],\n"urls": {{\n{urls}\n}}\n}}\n')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", default=str(ROOT.parent / "shared" / "national"))
    ap.add_argument("--out", default=str(ROOT / "rasoat" / "data" / "registry.json"))
    args = ap.parse_args(argv)

    from extract import extract
    from ingest import ingest_file
    from rasoat.effect import SOURCE_GAZETTE, facts_of_document

    facts, read, skipped, urls = [], 0, [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for f in sorted(Path(args.dir).glob("*.json")):
            meta = json.loads(f.read_text(encoding="utf-8"))
            txt = Path(tmp) / (f.stem + ".txt")
            txt.write_text(meta.get("full_text") or "", encoding="utf-8")
            source = ingest_file(txt)
            if source.error:
                skipped.append(f.name)
                continue
            x = extract(source)
            if not x.header.number or folded_key(x.header.number) not in expected(meta)["numbers"]:
                skipped.append(f.name)
                continue
            read += 1
            if meta.get("nguon_url"):
                urls[x.header.number] = meta["nguon_url"]
            for fact in facts_of_document(x.header, x.citations, x.articles, x.blocks,
                                          [p.text for p in source.pages], SOURCE_GAZETTE, grounds=True):
                d = asdict(fact)
                facts.append({k: d[k] for k in KEPT if d[k] is not None})
    facts.sort(key=lambda d: (d["by"] or "", d["kind"] != "ban_hanh", d["number"]))
    out = {
        "meta": {
            "description": "Sổ văn bản và hiệu lực: mỗi dòng là một dữ kiện về hiệu lực của một văn bản, đọc từ "
                           "văn bản đăng Công báo bằng chính bộ trích xuất của rasoat (không nhập tay).",
            "source": "Công báo (congbao.chinhphu.vn), bản chữ của các văn bản trong ../shared/national/",
            "built_by": "scripts/build_registry.py",
            "kinds": "ban_hanh: tự văn bản nêu (số, loại, cơ quan, trích yếu, ngày ban hành, ngày có hiệu lực); "
                     "thay_the / bai_bo / bai_bo_mot_phan / sua_doi: văn bản 'by' thay thế / bãi bỏ / bãi bỏ một "
                     "phần / sửa đổi văn bản 'number' từ ngày 'on'; can_cu: văn bản 'by' viện dẫn 'number' làm căn cứ "
                     "ngày 'on' (số ký hiệu, hoặc tên và ngày khi chỉ viện dẫn theo tên); 'clause': văn bản và điều "
                     "khoản nói điều đó",
            "documents_read": read,
            "documents_skipped": len(skipped),
        },
        "facts": facts,
        "urls": dict(sorted(urls.items())),  # where each document read is published (the evidence to open)
    }
    Path(args.out).write_text(dumps(out), encoding="utf-8")
    kinds: dict[str, int] = {}
    for d in facts:
        kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
    print(f"{read} documents read, {len(skipped)} skipped (number not read); {len(facts)} facts: {kinds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
