"""Mutation harness: how many planted figure errors the FIG rules find, and how often they cry wolf.

From the text of real reports (read by path at run time, never copied into the repository) and the sample
documents, each file is ingested once; then, for every place where the text states a figure consistently (a
fraction and its percentage that agree, parts that add up to their total, …), ONE error of a known kind is
planted in the page text (page structure kept) and the real pipeline (``extract`` + rules) runs on the variant.
A planted error is detected when a finding of an accepted rule is on the mutated page, its span covers the
mutated figure, and the same finding (rule, message) is not given by the unmodified document.

Kinds (``KINDS``): a percentage moved off its fraction by a small or a large amount; a part of a breakdown or
its total changed; a numerator made larger than its denominator; a share pushed over 100 %; the same sentence
restated elsewhere with another value; a breakdown of percentages of one whole that no longer makes 100 %; a
count that contradicts a fraction's denominator stated elsewhere.

The sites are found by this module's own patterns (not by ``extract``), only in prose lines (a line with
three or more numbers making up much of it is a table row, not a sentence), and only where the unmodified
text is consistent, so that every variant holds exactly one error a careful reader would catch.

    python bench/mutate.py [FILES…] [--per-kind 40] [--details] [--json]
    rasoat bench --mutations
"""

from __future__ import annotations

import argparse
import glob
import json
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared"
DEFAULT_CACHE = Path("/tmp/rasoat-mutate-cache")  # ingested pages, keyed by file hash and ingest code
DEFAULT_PER_KIND = 40  # at most this many variants of one kind per file (spread over the file)
SMALL_SHIFT = 2.0  # percentage points a "small" change moves a percentage (3 when printed without decimals)
LARGE_SHIFT = 25.0  # percentage points of a "large" change
WINDOW = 120  # characters after a fraction searched for its percentage

FIGURE_RULES = ("FIG001", "FIG002", "FIG003", "FIG004", "FIG005", "FIG006", "FIG007")

# kind → (Vietnamese label, rules whose finding counts as detecting it)
KINDS = {
    "percent_small": ("tỷ lệ lệch nhỏ so với phân số", ("FIG001",)),
    "percent_large": ("tỷ lệ lệch lớn so với phân số", ("FIG001",)),
    "part_changed": ("một thành phần bị sửa (tổng không khớp)", ("FIG004",)),
    "total_changed": ("tổng số bị sửa (các thành phần không khớp)", ("FIG004",)),
    "numerator_over": ("tử số lớn hơn mẫu số", ("FIG002",)),
    "share_over_100": ("tỷ lệ phần vượt 100%", ("FIG003", "FIG001")),
    "same_twice": ("cùng số liệu nêu hai lần, khác giá trị", ("FIG005",)),
    "percent_sum": ("các tỷ lệ của một tổng thể không cộng thành 100%", ("FIG006", "FIG001")),
    "count_vs_denominator": ("số lượng khác mẫu số của phân số cùng nội dung", ("FIG007",)),
}

# A number as printed in Vietnamese: "1.234", "46,2", "1.234,5".
NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
# A fraction "91/101" (not a date "12/2024", not part of a ký hiệu "15/2024/NĐ-CP").
FRACTION = re.compile(r"(?<![\w/.,-])(?P<num>" + NUM + r")\s?/\s?(?P<den>" + NUM + r")(?![\w/]|[.,]\d)")
# A percentage "46,2%" or "33,64 %".
PERCENT = re.compile(r"(?<![\w/.,])(?P<num>" + NUM + r")\s?%")
# A count: a number followed by a word ("46 văn bản").
COUNT = re.compile(r"(?<![\w/.,%-])(?P<num>" + NUM + r")(?=\s+(?P<word>[^\W\d_]+))")
# Words before a percentage that make it a threshold or a target, not a ratio ("từ 80% trở lên", "phấn đấu đạt").
THRESHOLD_BEFORE = re.compile(r"(?:\btừ|\btrên|\bdưới|\bhơn|\bkhoảng|tối thiểu|tối đa|chỉ tiêu|mục tiêu|phấn đấu|"
                              r"kế hoạch|ít nhất|không quá|gần|trở lên)\s*(?:đạt\s+)?$", re.I)
# ... and after it ("80% trở lên", "100% kế hoạch").
THRESHOLD_AFTER = re.compile(r"^\s*(?:trở\s+lên|trở\s+xuống|kế\s+hoạch|chỉ\s+tiêu|so\s+với)", re.I)
# Words before a number that make it a reference or a date part, not a count.
NOT_COUNT_BEFORE = re.compile(r"(?:\b(?:Điều|điều|khoản|Khoản|Chương|Mục|mục|số|Số|năm|ngày|tháng|khóa|Khóa|thứ|"
                              r"Phường|Quận|Quý|quý|Trang|trang|lần|giai đoạn|Kế hoạch|Quyết định|Nghị quyết|"
                              r"Thông tư|Nghị định|Công văn|Chỉ thị|Luật)\s*)$")
# Words after a number that make it something other than a count of things (a year, a time, a score).
NOT_COUNT_AFTER = re.compile(r"^\s*(?:năm|tháng|ngày|giờ|phút|điểm|lần\s+thứ|%)\b", re.I)
# Where a breakdown opens after a total: parentheses, "trong đó", "gồm", a colon.
BREAKDOWN_OPEN = re.compile(r"^[^\n.;()\d]{0,60}?(?:\(|,?\s*trong\s+đó\s*:?|,?\s*gồm\s*:?|:)", re.I)
# Sentence ends: ". " (not a thousands dot) or a new bullet / numbered line.
SENT_END = re.compile(r"[.;!?](?=\s|$)(?<!\d\.)|\n(?=[-–•+]\s|\d{1,2}\.\s|[a-zđ]\)\s)")
# End of a breakdown that runs over bullets: a sentence end that is not followed by another bullet of the list.
LIST_END = re.compile(r"\.(?=\s*\n(?![-–•+]\s))|\.\s*$|\n\s*\n|\n(?=\d{1,2}\.\s|[IVX]+\.\s)")
# Sentence openings that refer back to the sentence before ("Qua đó, …"): restated alone they would be ambiguous.
ANAPHORA = re.compile(r"(?:Qua|Theo|Trong|Từ|Do)\s+đó\b|(?:Đồng\s+thời|Ngoài\s+ra|Cụ\s+thể|Như\s+vậy)\b", re.I)
# What counts (its first word) in the units this harness uses for restated counts and denominators.
UNIT_WORDS = {"văn", "hồ", "tthc", "thủ", "cơ", "đơn", "xã", "người", "lượt", "nhiệm", "cuộc", "hội", "dịch", "công",
              "viên", "cán", "quyết", "nghị", "kế", "báo", "biên", "doanh", "tổ", "mô", "sáng", "kiến", "địa", "sở",
              "phòng", "thôn", "hộ", "lớp", "đại", "học", "dự", "chương", "đề", "tài", "trường", "xe", "tỷ", "triệu"}


@dataclass
class Site:
    """One planted error: where (page, span of the mutated figure in the mutated page text) and what."""

    file: str
    kind: str
    page: int
    start: int
    end: int
    before: str
    after: str
    note: str = ""
    detected: bool = False
    found: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ numbers as printed


def parse(text: str) -> float:
    """A number as printed ("1.234", "46,2"): the pipeline's own reading (``extract.figures.parse_number``)."""
    from extract.figures import parse_number

    return parse_number(text)


def decimals(text: str) -> int:
    return len(text.partition(",")[2])


def printed(value: float, like: str) -> str:
    """``value`` printed like ``like``: the same decimals, thousands dots when ``like`` had them."""
    d = decimals(like)
    s = f"{value:,.{d}f}"
    if "." not in like.partition(",")[0]:
        s = s.replace(",", "")
    return s.replace(",", "␣").replace(".", ",").replace("␣", ".")


def agrees(num: float, den: float, pct_raw: str) -> bool:
    """The printed percentage is num/den rounded (or cut) to its printed decimals."""
    actual, p, d = num / den * 100, parse(pct_raw), decimals(pct_raw)
    return abs(actual - p) <= 0.5 * 10 ** -d + 1e-9 or 0 <= actual - p < 10 ** -d


def line_at(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a : b if b != -1 else len(text)]


def tabular(line: str) -> bool:
    """A table row, not a sentence: three or more numbers making up at least 40 % of the words."""
    words = line.split()
    nums = [w for w in words if re.fullmatch(r"[(\[]?[\d.,/%]+[)\];,]?", w) and re.search(r"\d", w)]
    return len(nums) >= 3 and len(nums) >= 0.4 * len(words)


def sentence(text: str, pos: int) -> tuple[int, int]:
    start = 0
    for m in SENT_END.finditer(text, 0, pos):
        start = m.end()
    m = SENT_END.search(text, pos)
    return start, (m.start() + 1 if m else len(text))


def is_date(text: str, s: int, e: int) -> bool:
    return bool(re.search(r"(?:ngày|/|-)\s*$", text[max(0, s - 8) : s]) or re.match(r"\s*[/-]\s*\d|\s*năm\b",
                                                                                   text[e : e + 6]))


def fractions(text: str):
    for m in FRACTION.finditer(text):
        num, den = m.group("num"), m.group("den")
        if is_date(text, m.start(), m.end()) or parse(den) == 0:
            continue
        if re.fullmatch(r"\d{1,2}", num) and re.fullmatch(r"(19|20)\d{2}", den):
            continue  # a month and a year
        if re.match(r"\s*điểm", text[m.end() : m.end() + 8]) or tabular(line_at(text, m.start())):
            continue  # a score, or a cell of a table row
        yield m


def counts(text: str):
    """Counts in prose: a number followed by a word, not a reference, a date part, a year or a fraction part."""
    for m in COUNT.finditer(text):
        s, e = m.start("num"), m.end("num")
        if NOT_COUNT_BEFORE.search(text[max(0, s - 25) : s]) or NOT_COUNT_AFTER.match(text[e:]):
            continue
        if is_date(text, s, e) or re.fullmatch(r"(19|20)\d{2}", m.group("num")) or tabular(line_at(text, s)):
            continue
        if text[max(0, s - 1) : s] in ("/", ",", ".") or text[e : e + 1] == "/":
            continue
        yield m


# ------------------------------------------------------------------ sites


def percent_sites(text: str):
    """(fraction match, percent match) in one clause of prose, the percentage agreeing with the fraction."""
    for fr in fractions(text):
        for p in PERCENT.finditer(text, fr.end(), min(len(text), fr.end() + WINDOW)):
            gap = text[fr.end() : p.start()]
            if ";" in gap or re.search(r"\n[-–•+]\s", gap) or FRACTION.search(gap) or "%" in gap:
                break
            if tabular(line_at(text, p.start())):
                break
            if THRESHOLD_BEFORE.search(text[max(0, p.start() - 30) : p.start()]) or \
                    THRESHOLD_AFTER.match(text[p.end() : p.end() + 20]):
                continue
            if agrees(parse(fr.group("num")), parse(fr.group("den")), p.group("num")):
                yield fr, p
            break


def breakdown_sites(text: str):
    """(total match, [part matches]) where the parts, read after the total, add up to it exactly."""
    cs = list(counts(text))
    for i, t in enumerate(cs):
        total = parse(t.group("num"))
        after = text[t.end("num") : t.end("num") + 80]
        m = BREAKDOWN_OPEN.match(after)
        if not m or total < 3 or "," in t.group("num"):
            continue
        open_at = t.end("num") + m.end()
        if m.group(0).rstrip().endswith("("):
            close = text.find(")", open_at)
            end = close if close != -1 and close - open_at < 400 else -1
        else:
            le = LIST_END.search(text, open_at)
            end = le.start() if le and le.start() - open_at < 600 else -1
        if end == -1:
            continue
        parts = [c for c in cs[i + 1 :] if open_at <= c.start("num") < end and "," not in c.group("num")]
        if len(parts) < 2:
            continue
        if sum(parse(c.group("num")) for c in parts) == total:
            yield t, parts


def share_sites(text: str):
    """Percentages in prose stated as a share ("đạt 46,2%", "chiếm 30%", "tỷ lệ 95%"), 10 ≤ p < 100."""
    for p in PERCENT.finditer(text):
        v = parse(p.group("num"))
        before = text[max(0, p.start() - 30) : p.start()]
        if not 10 <= v < 100 or tabular(line_at(text, p.start())):
            continue
        a, b = sentence(text, p.start())
        if re.search(r"tăng|giảm|so với|vượt", text[a:b], re.I):
            continue
        if re.search(r"(?:đạt|chiếm|tỷ lệ|tỉ lệ)(?:\s+tỷ\s+lệ)?\s*(?:là\s*)?$", before, re.I) and \
                not THRESHOLD_BEFORE.search(before) and not THRESHOLD_AFTER.match(text[p.end() : p.end() + 20]):
            yield p


def restate_sites(text: str):
    """Counts in prose sentences that say what they count, with at least four words before them."""
    for c in counts(text):
        if c.group("word").lower() not in UNIT_WORDS:
            continue
        s = c.start("num")
        a, _ = sentence(text, s)
        before = text[a:s]
        if (s == 0 or text[s - 1] == "\n") and not c.group("num").startswith("0"):
            continue  # a footnote or a list number at a line start, not a count
        if re.fullmatch(r"[1-9]", c.group("num")) and c.group("word")[0].isupper():
            continue  # "Biểu mẫu 1 Công tác …": a label
        if re.search(r"\d[\d.,%]*[ \t]+$", text[max(0, s - 12) : s]):
            continue  # a cell beside another number (a chart's axis, a table row)
        if ANAPHORA.match(before.lstrip()) or before.count("(") > before.count(")") or \
                re.search(r"trong\s+đó|gồm|cụ\s+thể", before, re.I):
            continue  # a sentence that needs the one before it, or a part of a breakdown: ambiguous out of place
        if len(before.split()) >= 4 and "\n\n" not in before and not re.search(r"%|/\d", before[-15:]):
            yield c


def percent_group_sites(text: str):
    """Percentages of one whole stated after "trong đó" (a list or a sentence) that add up to 100 %."""
    for m in re.finditer(r"trong\s+đó\s*:?", text, re.I):
        le = LIST_END.search(text, m.end())
        end = le.start() if le and le.start() - m.end() < 800 else -1
        if end == -1:
            continue
        ps = [p for p in PERCENT.finditer(text, m.end(), end)
              if not THRESHOLD_BEFORE.search(text[max(0, p.start() - 30) : p.start()])
              and not THRESHOLD_AFTER.match(text[p.end() : p.end() + 20])]
        if len(ps) < 2 or any(tabular(line_at(text, p.start())) for p in ps):
            continue
        total = sum(parse(p.group("num")) for p in ps)
        slack = sum(0.5 * 10 ** -decimals(p.group("num")) for p in ps)
        if abs(total - 100) <= slack + 1e-9:
            yield ps


# ------------------------------------------------------------------ planting


def _replace(pages: list[str], page: int, s: int, e: int, new: str) -> list[str]:
    out = list(pages)
    t = out[page]
    out[page] = t[:s] + new + t[e:]
    return out


def _spread(items: list, n: int) -> list:
    """At most ``n`` items, spread over the list (deterministic)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def plant(name: str, pages: list[str], per_kind: int):
    """Yield (Site, mutated page texts) for every kind."""
    found: dict[str, list] = defaultdict(list)
    for pi, text in enumerate(pages):
        for fr, p in percent_sites(text):
            v, raw = parse(p.group("num")), p.group("num")
            small = SMALL_SHIFT if decimals(raw) else SMALL_SHIFT + 1
            for kind, shift in (("percent_small", small), ("percent_large", LARGE_SHIFT)):
                new = v + shift if v + shift <= 100 else v - shift
                found[kind].append((pi, p.start("num"), p.end("num"), printed(new, raw), ""))
            num, den = parse(fr.group("num")), parse(fr.group("den"))
            if num < den and den not in (10, 100):
                pass  # numerator sites come from every fraction below
        for fr in fractions(text):
            num, den = parse(fr.group("num")), parse(fr.group("den"))
            if num <= den and den not in (10, 100) and "," not in fr.group("den"):
                new = den + max(1, round(den * 0.1))
                found["numerator_over"].append((pi, fr.start("num"), fr.end("num"), printed(new, fr.group("den")), ""))
        for p in share_sites(text):
            raw = p.group("num")
            found["share_over_100"].append((pi, p.start("num"), p.end("num"), "1" + raw, ""))
        for k, (t, parts) in enumerate(breakdown_sites(text)):
            part = parts[k % len(parts)]
            v = parse(part.group("num"))
            delta = max(1, round(v * 0.1)) * (1 if k % 2 == 0 or v < 2 else -1)
            found["part_changed"].append((pi, part.start("num"), part.end("num"),
                                          printed(v + delta, part.group("num")), ""))
            tv = parse(t.group("num"))
            tdelta = max(1, round(tv * 0.05)) * (1 if k % 2 else -1)
            found["total_changed"].append((pi, t.start("num"), t.end("num"), printed(tv + tdelta, t.group("num")), ""))
        for k, ps in enumerate(percent_group_sites(text)):
            p = ps[k % len(ps)]
            v = parse(p.group("num"))
            new = v + 5 if v + 5 <= 100 else v - 5
            found["percent_sum"].append((pi, p.start("num"), p.end("num"), printed(new, p.group("num")), ""))
        for c in restate_sites(text):
            found["same_twice"].append((pi, c.start("num"), c.end("num"), None, "restate"))
    # a count equal to a fraction's denominator with the same first word of unit, in another sentence
    dens = {}
    for pi, text in enumerate(pages):
        for fr in fractions(text):
            w = re.match(r"\s*([^\W\d_]+)", text[fr.end() :])
            if w and parse(fr.group("num")) < parse(fr.group("den")):
                dens.setdefault((fr.group("den"), w.group(1).lower()), (pi, sentence(text, fr.start())))
    for pi, text in enumerate(pages):
        for c in counts(text):
            key = (c.group("num"), c.group("word").lower())
            if key in dens and dens[key] != (pi, sentence(text, c.start("num"))) and parse(c.group("num")) >= 10:
                v = parse(c.group("num"))
                new = v + max(2, round(v * 0.03))
                site = (pi, c.start("num"), c.end("num"), printed(new, c.group("num")), "")
                found["count_vs_denominator"].append(site)

    for kind in KINDS:
        for pi, s, e, new, note in _spread(found[kind], per_kind):
            text = pages[pi]
            if note == "restate":
                yield _restate(name, pages, pi, s, e)
                continue
            site = Site(name, kind, pi + 1, s, s + len(new), text[s:e], new, note=_context(text, s, e))
            yield site, _replace(pages, pi, s, e, new)


def _restate(name: str, pages: list[str], pi: int, s: int, e: int):
    """The sentence holding the count at s:e, restated with another value: at the top of the next page, or right
    after the sentence on a one-page document."""
    text = pages[pi]
    a, b = sentence(text, s)
    v = parse(text[s:e])
    new = printed(v + max(1, round(v * 0.1)), text[s:e])
    copy = text[a:s].lstrip() + new + text[e:b].rstrip(" ;,")
    if not copy.endswith("."):
        copy += "."
    off = len(text[a:s]) - len(text[a:s].lstrip())
    if pi + 1 < len(pages):
        at = 0
        out = list(pages)
        out[pi + 1] = copy + "\n" + pages[pi + 1]
        page = pi + 1
    else:
        at = b if b < len(text) else len(text)
        out = list(pages)
        out[pi] = text[:at] + " " + copy + text[at:]
        at += 1
        page = pi
    start = at + (s - a - off)
    return Site(name, "same_twice", page + 1, start, start + len(new), text[s:e], new,
                note=_context(text, s, e)), out


def _context(text: str, s: int, e: int) -> str:
    return re.sub(r"\s+", " ", text[max(0, s - 60) : e + 30])


# ------------------------------------------------------------------ running


def load_source(path: str, cache: Path):
    from ingest import ingest_file
    from rasoat.evaluate import _ingest_code_hash
    from rasoat.files import sha256_file

    cache.mkdir(parents=True, exist_ok=True)
    entry = cache / f"{sha256_file(path)[:24]}-{_ingest_code_hash()}.pickle"
    if entry.exists():
        return pickle.loads(entry.read_bytes())
    source = ingest_file(path)
    entry.write_bytes(pickle.dumps(source))
    return source


def run_variant(source, texts: list[str]):
    from rasoat.pipeline import check_source

    variant = pickle.loads(pickle.dumps(source))
    for p, t in zip(variant.pages, texts, strict=True):
        p.text = t
    return check_source(variant).findings


def default_files() -> list[str]:
    reports = sorted(glob.glob(str(SHARED / "corpus" / "bc-*.pdf")))
    example = SHARED / "examples" / "bao-cao-cchc-2024-bac-kan.txt"
    samples = sorted(glob.glob(str(ROOT / "rasoat" / "samples" / "documents" / "*.txt")))
    return reports + ([str(example)] if example.exists() else []) + samples


def run(files: list[str], per_kind: int = DEFAULT_PER_KIND, cache: Path = DEFAULT_CACHE, progress=None) -> dict:
    t0 = time.perf_counter()
    sites: list[Site] = []
    baseline: dict[str, list] = {}
    for path in files:
        source = load_source(path, cache)
        name = Path(path).name
        if source.error or not source.pages:
            continue
        base = run_variant(source, [p.text for p in source.pages])
        baseline[name] = [f for f in base if f.rule_id in FIGURE_RULES]
        seen = {(f.rule_id, f.message) for f in base}
        n = 0
        for site, texts in plant(name, [p.text for p in source.pages], per_kind):
            accepted = KINDS[site.kind][1]
            for f in run_variant(source, texts):
                if f.rule_id not in FIGURE_RULES or (f.rule_id, f.message) in seen:
                    continue
                covers = f.page == site.page and f.start is not None and f.start <= site.start < max(f.end, f.start + 1)
                site.found.append(f"{f.rule_id}{'*' if covers else ''}: {f.message}")
                if covers and f.rule_id in accepted:
                    site.detected = True
            sites.append(site)
            n += 1
        if progress:
            progress(f"{name}: {n} biến thể, {time.perf_counter() - t0:.0f} s")
    return dict(sites=sites, baseline=baseline, seconds=time.perf_counter() - t0, files=files)


def summary(result: dict) -> dict:
    per_kind = {}
    for kind in KINDS:
        ss = [s for s in result["sites"] if s.kind == kind]
        det = sum(s.detected for s in ss)
        per_kind[kind] = dict(planted=len(ss), detected=det, rate=det / len(ss) if ss else None)
    planted = len(result["sites"])
    detected = sum(s.detected for s in result["sites"])
    alarms = Counter((f.rule_id, f.severity) for fs in result["baseline"].values() for f in fs)
    return dict(per_kind=per_kind, planted=planted, detected=detected, rate=detected / planted if planted else None,
                baseline=[dict(rule=r, severity=s, findings=n) for (r, s), n in sorted(alarms.items())],
                seconds=round(result["seconds"], 1))


def format_report(result: dict, details: bool = False) -> str:
    s = summary(result)
    lines = [f"{'loại lỗi cài':66} {'cài':>5} {'phát hiện':>9} {'tỷ lệ':>7}"]
    for kind, row in s["per_kind"].items():
        rate = f"{row['rate']:.3f}" if row["rate"] is not None else "—"
        lines.append(f"{kind + ' (' + KINDS[kind][0] + ')':66.66} {row['planted']:>5} {row['detected']:>9} {rate:>7}")
    rate = f"{s['rate']:.3f}" if s["rate"] is not None else "—"
    lines.append(f"{'tổng':66} {s['planted']:>5} {s['detected']:>9} {rate:>7}")
    lines.append("")
    lines.append("Phát hiện trên các văn bản chưa sửa (quy tắc FIG; đọc từng cái trong rules/FINDINGS.md):")
    for name, fs in result["baseline"].items():
        for f in fs:
            lines.append(f"  {name} tr.{f.page} {f.rule_id} [{f.severity}] {f.message}")
    if not any(result["baseline"].values()):
        lines.append("  (không có)")
    lines.append(f"{len(result['files'])} tệp, {s['seconds']} s")
    if details:
        lines.append("")
        lines.append("Lỗi cài không được phát hiện:")
        for site in result["sites"]:
            if not site.detected:
                lines.append(f"  [{site.kind}] {site.file} tr.{site.page}: {site.before} → {site.after} | "
                             f"…{site.note}… | {'; '.join(site.found) or 'không có phát hiện'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", help="tệp báo cáo (mặc định: bc-*.pdf của ../shared/corpus, ví dụ Bắc Kạn, "
                                             "văn bản mẫu)")
    ap.add_argument("--per-kind", type=int, default=DEFAULT_PER_KIND, help="số biến thể tối đa mỗi loại mỗi tệp")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--details", action="store_true", help="liệt kê các lỗi cài bị bỏ sót")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = run(args.files or default_files(), args.per_kind, args.cache,
                 progress=lambda msg: print("…", msg, file=sys.stderr))
    if args.json:
        out = summary(result)
        out["missed"] = [asdict(s) for s in result["sites"] if not s.detected]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(format_report(result, args.details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
