"""How many căn cứ get a known effect status on the citing document's signing date, by the source that set it.

Over the documents of a gold file (the dev corpus) and the samples: each căn cứ (``rules.context.is_ground``)
with its number, or its name and date resolved against the registry (``Registry.resolve_name``, certain only),
is looked up in the registry rasoat ships (Công báo, effect_rules facts) joined with the facts of the documents
read here (their own effect clauses and what they replace, repeal, amend: ``facts_of_document``).  A citation's
status is "known" when it is not ``effect.UNKNOWN``; the source is that of the fact the status rests on.

    python bench/registry_coverage.py [--gold ../shared/gold/dev.jsonl] [--corpus ../shared/corpus]
                                      [--cache /tmp/evalcache] [--no-samples] [--show 30]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


GROUND_LABEL = " (căn cứ)"  # the status rests on another document citing it as căn cứ (in force that day)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "gold" / "dev.jsonl"))
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--cache", default=None, help="cache of ingested pages (as rasoat eval --cache)")
    ap.add_argument("--no-samples", action="store_true")
    ap.add_argument("--show", type=int, default=30, help="unknown căn cứ to print")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    from rasoat import effect
    from rasoat.evaluate import load_gold, read_document
    from rasoat.facts import signing_period
    from rasoat.numbers import number_year
    from rasoat.registry import status_in
    from rasoat.samples import builder
    from rules.context import is_ground

    docs = []
    for g in load_gold(args.gold):
        path = Path(args.corpus) / g["file"]
        if path.exists():
            docs.append(("dev", read_document(path, args.cache)))
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_samples:
            docs += [("samples", read_document(p, None)) for p in builder().build_all(Path(tmp))]
    registry = effect.Registry(f for facts in effect.shipped().by_key.values() for f in facts)
    for _, d in docs:
        x = d.extraction
        registry.add(effect.facts_of_document(x.header, x.citations, x.articles, x.blocks,
                                              [p.text for p in d.source.pages], effect.SOURCE_DOCUMENT,
                                              document_id=d.id, grounds=True))
    by_set: dict[str, Counter] = {"dev": Counter(), "samples": Counter()}
    statuses: Counter = Counter()
    why: Counter = Counter()  # unknown QPPL căn cứ, by what the registry knows of them
    unknown = []
    # căn cứ that are QPPL (a year in the number, or a law cited by name) and the others (plans, notices, individual
    # decisions, party documents: no effect status is kept for them in the national database): [unknown, known]
    kinds: dict[str, list[int]] = {"QPPL": [0, 0], "không phải QPPL": [0, 0]}
    for name, d in docs:
        h = d.extraction.header
        period = signing_period(h.issued_on, h.issued_in)  # a draft's "ngày … tháng 6 năm 2026": the month
        on = period[0] if period else None
        for c in d.extraction.citations:
            if not is_ground(d, c):
                continue
            number, how = effect.number_of(registry, c.number, c.name, c.doc_type, c.issued_on, c.issued_year)
            how = how or ("số" if c.number else "không tìm được")
            st = registry.status(number, on, c.doc_type, citing=h.number) if number and on else None
            known = st is not None and status_in(registry, number, period, c.doc_type, h.number) != effect.UNKNOWN
            own = [f for f in (st.evidence if st else []) if f.document_id != d.id]
            source = (f"{own[0].source}{GROUND_LABEL if own[0].kind == effect.GROUND else ''}" if known and own
                      else ("chính văn bản" if known else "chưa rõ"))
            by_set[name][source] += 1
            by_set[name]["căn cứ"] += 1
            by_set[name][f"theo {how}"] += 1
            statuses[st.status if st else effect.UNKNOWN] += 1
            qppl = bool(number_year(number)) or (not number and bool(c.name)) or effect.is_name_number(number)
            kinds["QPPL" if qppl else "không phải QPPL"][known] += 1
            if not known:
                unknown.append((d.source.file_name, c.number or c.name or c.raw, on))
                if qppl:
                    why[why_unknown(registry, number, on, d.extraction.header.number)] += 1
    total = sum(s["căn cứ"] for s in by_set.values())
    known_n = total - sum(s["chưa rõ"] for s in by_set.values())
    if args.json:
        print(json.dumps(dict(total=total, known=known_n, by_set={k: dict(v) for k, v in by_set.items()},
                              statuses=dict(statuses), by_kind=kinds), ensure_ascii=False, indent=1))
        return 0
    for f, what, on in unknown[: args.show]:
        print(f"  chưa rõ: {f[:40]:40} {str(what)[:60]:60} {on}")
    print(f"\n{len(docs)} văn bản ({sum(1 for n, _ in docs if n == 'dev')} dev, "
          f"{sum(1 for n, _ in docs if n == 'samples')} mẫu); registry: {len(registry)} số ký hiệu")
    print(f"căn cứ: {total}; có tình trạng: {known_n} ({known_n / total:.1%})" if total else "không có căn cứ")
    for name, s in by_set.items():
        n = s["căn cứ"]
        if not n:
            continue
        print(f"  {name}: {n} căn cứ ({s['theo số']} có số; theo tên: {s['theo tên']} tìm được số, "
              f"{s['theo tên và ngày']} biết theo tên và ngày, {s['theo không tìm được']} không tìm được)")
        for source in (*(x + y for x in effect.SOURCES for y in ("", GROUND_LABEL)), "chính văn bản", "chưa rõ"):
            if s[source]:
                print(f"    {source:24} {s[source]:4}  {s[source] / n:.1%}")
    print("  tình trạng: " + ", ".join(f"{k}: {v}" for k, v in statuses.most_common()))
    for k, (no, yes) in kinds.items():
        if no + yes:
            print(f"  căn cứ {k}: {yes}/{no + yes} có tình trạng ({yes / (no + yes):.1%})")
    if why:
        print("  căn cứ QPPL chưa rõ: " + ", ".join(f"{k}: {v}" for k, v in why.most_common()))
    return 0


def why_unknown(registry, number: str | None, on: date | None, citing: str | None) -> str:
    """What the registry knows of a căn cứ whose status is unknown: the citing document's date is not known;
    nothing but the citing document itself; only căn cứ of other documents more than a year before; or only later
    ones, while nothing shows it had taken effect by then (a recent law or decree)."""
    from rasoat.numbers import number_key

    if on is None:
        return "văn bản không có ngày, tháng, năm ký đọc được"
    on = on.isoformat()
    me = number_key(citing or "")
    others = [f for f in (registry.facts(number) if number else []) if number_key(f.by or "") != me]
    dates = [f.on for f in others if f.on]
    if not dates:
        return "không văn bản nào khác nhắc tới"
    if all(x < on for x in dates):
        return "chỉ được viện dẫn trước hơn một năm"
    return "chỉ được viện dẫn sau ngày đó, chưa rõ đã có hiệu lực"


if __name__ == "__main__":
    raise SystemExit(main())
