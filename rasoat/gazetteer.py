"""Issuing bodies (cơ quan ban hành): casing, header-block splitting, gazetteer look-up.

Shared knowledge below the stages (extract, rules and web use it). Pure functions over the gazetteer in
``rasoat/data/bodies.json``:

* :func:`normal_case` — "UBND TỈNH BẮC KẠN" → "Ủy ban nhân dân tỉnh Bắc Kạn" (cheap, no fuzzy matching);
* :func:`split_issuer_lines` — left header block lines → ``(issuer, parent_issuer)``;
* :func:`resolve_issuer` — a mention ("UBND tỉnh", "Bộ KH&ĐT") → gazetteer record with level and validity
  (cached: the one entry point every stage uses);
* :func:`issuer_from_symbol` — "QĐ-TTg" → "Thủ tướng Chính phủ";
* :func:`body_exists_on` — does the named body exist on a date (None when unknown).

Casing follows NĐ 30/2020 Phụ lục II: the first syllable of the body kind and of each part of the
field is capitalised ("Bộ Văn hóa, Thể thao và Du lịch"), administrative unit words are lower case
("tỉnh", "huyện") and place names are proper nouns; "Thành phố Hồ Chí Minh" is written in full.
Tone marks use the placement of official texts ("Ủy", "Hòa").
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import cache, lru_cache
from typing import Any

from rasoat.facts import as_date, doc_type, in_interval, load
from rasoat.numbers import qh_term
from rasoat.vntext import unify

__all__ = [
    "normal_case",
    "split_issuer_lines",
    "resolve_issuer",
    "issuer_from_symbol",
    "issuers_from_symbol",
    "body_exists_on",
]

# --------------------------------------------------------------------------- text keys

_DASH = re.compile(r"\s*[-\u2010-\u2015]\s*")
_WS = re.compile(r"\s+")
_ABBREVIATIONS = [
    (re.compile(r"\bTP\.?\s*HCM\b|\bTPHCM\b"), "THÀNH PHỐ HỒ CHÍ MINH"),
    (re.compile(r"\bTP\.\s*|\bTP\b"), "THÀNH PHỐ "),
    (re.compile(r"\bTX\.\s*|\bTX\b"), "THỊ XÃ "),
    (re.compile(r"\bUBND\b"), "ỦY BAN NHÂN DÂN"),
    (re.compile(r"\bHĐND\b"), "HỘI ĐỒNG NHÂN DÂN"),
    (re.compile(r"\bUBTVQH\b"), "ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
    (re.compile(r"\bTAND\b"), "TÒA ÁN NHÂN DÂN"),
    (re.compile(r"\bVKSND\b"), "VIỆN KIỂM SÁT NHÂN DÂN"),
    (re.compile(r"\bVP\b\.?"), "VĂN PHÒNG"),
]
_HAS_ABBR = re.compile(r"\b(?:TP|TX|UBND|HĐND|UBTVQH|TAND|VKSND|VP|TPHCM)\b")


def _key(s: str) -> str:
    """Upper-case comparison key: NFC, official tone placement, abbreviations expanded,
    dashes as " - ", single spaces, no trailing punctuation."""
    s = unify(s).upper()
    s = _DASH.sub(" - ", s)
    if _HAS_ABBR.search(s):
        for rx, rep in _ABBREVIATIONS:
            s = rx.sub(rep, s)
    return _WS.sub(" ", s).strip(" .;:")


def _plain(s: str) -> str:
    """Accentless upper key for fuzzy matching ("Bắc Kạn" → "BAC KAN")."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.upper().replace("&", " VA ")
    return _WS.sub(" ", re.sub(r"[^\w\s]", " ", s)).strip()


def _cap(tok: str) -> str:
    return tok[:1].upper() + tok[1:].lower()


def _title(tok: str) -> str:
    return "-".join("'".join(_cap(q) for q in p.split("'")) for p in tok.split("-"))


# --------------------------------------------------------------------------- vocabulary

# body-kind heads: (upper tokens, canonical, role, kind); roles: local = needs unit + place
# or "tối cao"; field = followed by a field of activity ("Sở Tư pháp").
_HEADS_RAW = [
    ("ỦY BAN NHÂN DÂN", "Ủy ban nhân dân", "local", "ubnd"),
    ("HỘI ĐỒNG NHÂN DÂN", "Hội đồng nhân dân", "local", "hdnd"),
    ("TÒA ÁN NHÂN DÂN", "Tòa án nhân dân", "local", "toa_an"),
    ("VIỆN KIỂM SÁT NHÂN DÂN", "Viện kiểm sát nhân dân", "local", "vien_kiem_sat"),
    ("ĐOÀN ĐẠI BIỂU QUỐC HỘI", "Đoàn đại biểu Quốc hội", "local", "doan_dbqh"),
    ("BẢO HIỂM XÃ HỘI", "Bảo hiểm xã hội", "local", "bhxh"),
    ("KHO BẠC NHÀ NƯỚC", "Kho bạc Nhà nước", "local", "kho_bac"),
    ("CÔNG AN", "Công an", "local", "cong_an"),
    ("CHỦ TỊCH", "Chủ tịch", "field", "chu_tich"),
    ("VĂN PHÒNG", "Văn phòng", "field", "van_phong"),
    ("THANH TRA", "Thanh tra", "field", "thanh_tra"),
    ("TỔNG CỤC", "Tổng cục", "field", "tong_cuc"),
    ("CHI CỤC", "Chi cục", "field", "chi_cuc"),
    ("CỤC", "Cục", "field", "cuc"),
    ("VỤ", "Vụ", "field", "vu"),
    ("SỞ", "Sở", "field", "so"),
    ("BỘ", "Bộ", "field", "bo"),
    ("BAN", "Ban", "field", "ban"),
    ("PHÒNG", "Phòng", "field", "phong"),
    ("TRUNG TÂM", "Trung tâm", "field", "trung_tam"),
    ("HỌC VIỆN", "Học viện", "field", "hoc_vien"),
    ("VIỆN", "Viện", "field", "vien"),
    ("TRƯỜNG", "Trường", "field", "truong"),
    ("ỦY BAN", "Ủy ban", "field", "uy_ban"),
    ("HỘI ĐỒNG", "Hội đồng", "field", "hoi_dong"),
]
_HEADS = sorted(((tuple(h.split()), c, r, k) for h, c, r, k in _HEADS_RAW), key=lambda x: -len(x[0]))

# words that start a new body in a header block (besides the heads above)
_STARTERS = [tuple(s.split()) for s in ("CHÍNH PHỦ", "QUỐC HỘI", "THỦ TƯỚNG", "TÒA ÁN", "NGÂN HÀNG",
                                        "KIỂM TOÁN NHÀ NƯỚC", "CHỦ TỊCH NƯỚC", "KHO BẠC", "ĐOÀN", "BỆNH VIỆN",
                                        "BỘ CHỈ HUY", "BẢO TÀNG", "THƯ VIỆN", "NHÀ XUẤT BẢN", "ĐÀI")]
_STARTERS += [h for h, *_ in _HEADS]
_STARTERS.sort(key=len, reverse=True)

_UNITS_RAW = ["THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "ĐẶC KHU", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG"]
_UNITS = [tuple(u.split()) for u in _UNITS_RAW]
_UNIT_LEVEL = {"TỈNH": "province", "HUYỆN": "district", "QUẬN": "district", "THỊ XÃ": "district",
               "XÃ": "commune", "PHƯỜNG": "commune", "THỊ TRẤN": "commune", "ĐẶC KHU": "commune"}

# proper phrases inside a field ("Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân")
_PHRASES = sorted(
    ((tuple(p.upper().split()), p.split()) for p in (
        "Quốc hội", "Chính phủ", "Việt Nam", "Ủy ban nhân dân", "Hội đồng nhân dân", "Mặt trận Tổ quốc",
        "Thủ tướng Chính phủ", "Đoàn đại biểu Quốc hội")),
    key=lambda x: -len(x[0]),
)


def _match(tokens: list[str], i: int, seqs) -> tuple[str, ...] | None:
    for seq in seqs:
        if tuple(tokens[i : i + len(seq)]) == seq:
            return seq
    return None


def _unit_at(tokens: list[str], i: int) -> tuple[str, ...] | None:
    u = _match(tokens, i, _UNITS)
    if not u or i + len(u) >= len(tokens):
        return None  # a unit needs a place after it
    if u == ("XÃ",) and tokens[i + 1].startswith("HỘI"):
        return None  # "xã hội"
    return u


# --------------------------------------------------------------------------- gazetteer indexes


@cache
def _gaz() -> dict[str, Any]:
    data = load("bodies")
    exact: dict[str, str] = {}
    body_by_key: dict[str, dict] = {}
    abbr_cs: dict[str, dict] = {}
    abbr_up: dict[str, dict] = {}
    plain_choices: dict[str, dict] = {}
    records = [dict(r, level=r.get("level", "central")) for r in data["central"]]
    records += [dict(r) for r in data["departments"] if not r.get("unit_in_name")]
    for r in records:
        for n in [r["name"], *r.get("aliases", [])]:
            k = _key(n)
            exact.setdefault(k, r["name"])
            body_by_key.setdefault(k, r)
            plain_choices.setdefault(_plain(n), r)
        if r.get("abbr"):
            abbr_cs.setdefault(r["abbr"], r)
            abbr_up.setdefault(r["abbr"].upper(), r)
    # syllable initials as extra abbreviations ("Bộ Kế hoạch và Đầu tư" → BKHĐT), only if unambiguous
    initials: dict[str, list[dict]] = {}
    for r in records:
        if r["kind"] in ("bo", "so", "co_quan_ngang_bo"):
            initials.setdefault(_initials(r["name"]), []).append(r)
    for ini, rs in initials.items():
        if len(rs) == 1 and ini not in abbr_up:
            abbr_up[ini] = rs[0]
    local = {x["abbr"]: x for x in data["local_kinds"]}
    for ab in ("HĐND", "UBND"):
        abbr_cs.setdefault(ab, {"name": local[ab]["name"], "kind": local[ab]["kind"], "level": None,
                                "abbr": ab, "generic": True, "valid_from": None, "valid_until": None,
                                "source": local[ab]["source"]})
    provinces = data["provinces"]
    prov_by_short: dict[str, list[dict]] = {}
    prov_by_plain: dict[str, list[dict]] = {}
    for p in provinces:
        short = p["short_name"]
        prov_by_short.setdefault(_key(short), []).append(p)
        prov_by_plain.setdefault(_plain(short), []).append(p)
        if short.startswith("Thành phố "):
            bare = short[len("Thành phố "):]
            prov_by_short.setdefault(_key(bare), []).append(p)
            prov_by_plain.setdefault(_plain(bare), []).append(p)
    place_case = {_key(p["short_name"]): p["short_name"] for p in provinces}
    place_case[_key("Hồ Chí Minh")] = "Hồ Chí Minh"
    units = data["admin_units"]
    return {
        "exact": exact, "body_by_key": body_by_key, "abbr_cs": abbr_cs, "abbr_up": abbr_up,
        "plain_choices": plain_choices, "prov_by_short": prov_by_short, "prov_by_plain": prov_by_plain,
        "place_case": place_case, "units": units, "departments": data["departments"],
    }


def _initials(name: str) -> str:
    out = []
    for w in re.split(r"[\s,\-]+", name):
        if not w or w == "và":
            continue
        c = w[0]
        out.append("Đ" if c in "Đđ" else unicodedata.normalize("NFD", c)[0].upper())
    return "".join(out)


# --------------------------------------------------------------------------- casing


def _case_field(tokens: list[str]) -> list[str]:
    out: list[str] = []
    cap_next = True
    i = 0
    while i < len(tokens):
        ph = next((c for p, c in _PHRASES if tuple(tokens[i : i + len(p)]) == p), None)
        if ph:
            out += ph
            i += len(ph)
            cap_next = False
            continue
        t = tokens[i]
        if t == "-" or t == "VÀ":
            out.append(t.lower())
            cap_next = True
        elif "&" in t or any(ch.isdigit() for ch in t):
            out.append(t)
            cap_next = False
        else:
            out.append(_cap(t) if cap_next else t.lower())
            cap_next = t.endswith(",")
        i += 1
    return out


def _case_place(tokens: list[str]) -> list[str]:
    if not tokens:
        return []
    trail = "," if tokens[-1].endswith(",") else ""
    toks = tokens[:-1] + [tokens[-1].rstrip(",")] if trail else tokens
    known = _gaz()["place_case"].get(" ".join(toks))
    words = known.split() if known else [_title(t) for t in toks]
    if trail:
        words[-1] += trail
    return words


def _case_units(tokens: list[str]) -> list[str]:
    """Case "TỈNH LÂM ĐỒNG" / "HUYỆN TUẦN GIÁO, TỈNH ĐIỆN BIÊN" (starts with a unit)."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        u = _unit_at(tokens, i)
        j = i + len(u) if u else i
        k = j
        while k < len(tokens) and not tokens[k].endswith(","):
            k += 1
        k = min(k + 1, len(tokens))
        place = tokens[j:k]
        if u == ("THÀNH", "PHỐ") and " ".join(place).rstrip(",") == "HỒ CHÍ MINH":
            out += ["Thành", "phố"]
        elif u:
            out += [w.lower() for w in u]
        out += _case_place(place)
        i = k
    return out


def _case_tokens(tokens: list[str]) -> list[str]:
    if not tokens:
        return []
    exact = _gaz()["exact"].get(" ".join(tokens))
    if exact:
        return exact.split()
    head = next((h for h in _HEADS if tuple(tokens[: len(h[0])]) == h[0]), None)
    if head is None:
        # no known head: case as a field with trailing units
        rest = tokens
        out: list[str] = []
    else:
        seq, canon, role, _ = head
        out = canon.split()
        rest = tokens[len(seq) :]
        if not rest:
            return out
        # a head wrapping a full body: "VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH …", "THANH TRA BỘ …"
        if _gaz()["exact"].get(" ".join(rest)) or any(tuple(rest[: len(h[0])]) == h[0] for h in _HEADS):
            return out + _case_tokens(rest)
        if role == "local" and rest[:2] == ["TỐI", "CAO"]:
            return out + ["tối", "cao"] + _case_tokens(rest[2:])
        if role == "local" and " ".join(rest) in _gaz()["place_case"]:
            return out + _case_place(rest)  # "UBND THỪA THIÊN HUẾ" (no unit word)
    j = next((i for i in range(len(rest)) if _unit_at(rest, i)), None)
    field, tail = (rest, []) if j is None else (rest[:j], rest[j:])
    if head is None and not field and tail:
        # bare unit + place ("TỈNH LÂM ĐỒNG")
        return _case_units(tail)
    return out + _case_field(field) + _case_units(tail)


def normal_case(name_upper: str) -> str:
    """Official casing of a body name printed in capitals (or any case).

    >>> normal_case("UBND TỈNH BẮC KẠN")
    'Ủy ban nhân dân tỉnh Bắc Kạn'
    """
    if not name_upper:
        return ""
    k = _key(name_upper)
    if not k:
        return ""
    return " ".join(_case_tokens(k.split(" ")))


# --------------------------------------------------------------------------- header block

_QUOC_HIEU = re.compile(r"CỘNG\s*H(?:ÒA|OÀ)\s*XÃ\s*HỘI\s*CHỦ\s*NGHĨA\s*VIỆT\s*NAM")
_TIEU_NGU = re.compile(r"ĐỘC\s*LẬP\s*[-–—]\s*TỰ\s*DO\s*[-–—]\s*HẠNH\s*PHÚC")
_SO = re.compile(r"(?:^|\s)SỐ\s*[:.]?\s*\d*\s*/.*$|(?:^|\s)SỐ\s*:.*$")
_DATE = re.compile(r",?\s*NGÀY\s+\d{1,2}\s+THÁNG\s+\d{1,2}\s+NĂM\s+\d{4}.*$")
_NOISE = re.compile(r"^[\W_]*$")


def _clean_line(line: str) -> str:
    s = unify(line).upper()
    s = _QUOC_HIEU.sub(" ", s)
    s = _TIEU_NGU.sub(" ", s)
    s = _SO.sub(" ", s)
    s = _DATE.sub(" ", s)
    if s.lstrip().startswith(("V/V", "KÍNH GỬI")):
        return ""
    s = _key(s).strip(" -_*=~.")
    return "" if _NOISE.match(s) else s


def _starts_body(tokens: list[str]) -> bool:
    return _match(tokens, 0, _STARTERS) is not None


_DEPT_HEADS = [tuple(x.split()) for x in ("SỞ", "PHÒNG", "VĂN PHÒNG", "CHI CỤC", "CỤC", "TRUNG TÂM", "BAN",
                                          "THANH TRA")]


def _complete_prefix(tokens: list[str], rest: list[str]) -> bool:
    """Does ``tokens`` end a body so that ``rest`` starts another one?  True for a known body, or
    unit + known province ("… TỈNH LÂM ĐỒNG"), or unit + a place of ≥ 2 syllables before a
    department head ("… HUYỆN TUẦN GIÁO | PHÒNG TƯ PHÁP")."""
    g = _gaz()
    if " ".join(tokens) in g["exact"]:
        return True
    for i in range(len(tokens) - 1):
        u = _unit_at(tokens, i)
        if not u:
            continue
        place = tokens[i + len(u) :]
        if " ".join(place) in g["prov_by_short"]:
            return True
        if len(place) >= 2 and _match(rest, 0, _DEPT_HEADS) and len(rest) > 1:
            return True
    return False


def _split_in_line(tokens: list[str]) -> list[list[str]]:
    """Split "UBND TỈNH LÂM ĐỒNG SỞ TƯ PHÁP" printed on one line into two bodies."""
    for i in range(1, len(tokens)):
        if tokens[i:] in (["CHÍNH", "PHỦ"], ["QUỐC", "HỘI"]):
            continue  # "THỦ TƯỚNG CHÍNH PHỦ", "VĂN PHÒNG QUỐC HỘI": one body named after its parent
        if _starts_body(tokens[i:]) and _complete_prefix(tokens[:i], tokens[i:]):
            return [tokens[:i]] + _split_in_line(tokens[i:])
    return [tokens]


def _incomplete(tokens: list[str]) -> bool:
    """A body still waiting for its continuation: a bare head, trailing unit, "VÀ", "," or "-"."""
    if not tokens:
        return True
    last = tokens[-1]
    if last in ("VÀ", "-") or last.endswith(","):
        return True
    if any(tuple(tokens) == h[0] for h in _HEADS):
        return True
    return any(tuple(tokens[-len(u) :]) == u for u in _UNITS)


def split_issuer_lines(lines: list[str]) -> tuple[str | None, str | None]:
    """(issuer, parent_issuer) from the left header block.

    A line starting with a body word (ỦY BAN, UBND, SỞ, BỘ, CỤC, …) begins a new body; any other line
    (TỈNH …, a wrapped name) continues the previous one.  Rules, "Số: …", Quốc hiệu and the date line
    are ignored.  The last body is the issuer, the one before it the direct governing body.
    """
    bodies: list[list[str]] = []
    for raw in lines:
        if not raw:
            continue
        s = _clean_line(raw)
        if not s:
            continue
        for part in _split_in_line(s.split(" ")):
            if bodies and (not _starts_body(part) or _incomplete(bodies[-1])):
                bodies[-1] = bodies[-1] + part
            else:
                bodies.append(part)
    if not bodies:
        return None, None
    issuer = " ".join(_case_tokens(bodies[-1]))
    parent = " ".join(_case_tokens(bodies[-2])) if len(bodies) > 1 else None
    return issuer, parent


# --------------------------------------------------------------------------- resolution


def _province_candidates(place_tokens: list[str]) -> list[dict]:
    g = _gaz()
    k = " ".join(place_tokens).rstrip(",")
    if k in g["prov_by_short"]:
        return g["prov_by_short"][k]
    pk = _plain(k)
    if pk in g["prov_by_plain"]:
        return g["prov_by_plain"][pk]
    from rapidfuzz import fuzz, process

    hit = process.extractOne(pk, list(g["prov_by_plain"]), scorer=fuzz.ratio, score_cutoff=85)
    return g["prov_by_plain"][hit[0]] if hit else []


def _pick(cands: list[dict], on: date | None) -> dict | None:
    if not cands:
        return None
    if on:
        for c in cands:
            if in_interval(on, c.get("valid_from"), c.get("valid_until")):
                return c
    # prefer a currently valid name, else the latest one
    return next((c for c in cands if not c.get("valid_until")), cands[-1])


def _intersect(*ivals: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    froms = [f for f, _ in ivals if f]
    untils = [u for _, u in ivals if u]
    return (max(froms) if froms else None, min(untils) if untils else None)


def _unit_interval(unit: str, level: str) -> tuple[str | None, str | None]:
    for u in _gaz()["units"]:
        if u["unit"] == unit and u["level"] == level:
            return u["valid_from"], u["valid_until"]
    return None, None


def _parse_local(tokens: list[str]) -> dict | None:
    """Split a local body key into head / field / unit / place; None if not a local body."""
    head_kind = None
    i = 0
    if tokens[:2] == ["CHỦ", "TỊCH"] and tokens[2:6] == ["ỦY", "BAN", "NHÂN", "DÂN"]:
        head_kind, i = "chu_tich_ubnd", 6
    elif tokens[:4] == ["ỦY", "BAN", "NHÂN", "DÂN"]:
        head_kind, i = "ubnd", 4
    elif tokens[:4] == ["HỘI", "ĐỒNG", "NHÂN", "DÂN"]:
        head_kind, i = "hdnd", 4
    else:
        head = next((h for h in _HEADS if tuple(tokens[: len(h[0])]) == h[0]), None)
        if head is None:
            if not _unit_at(tokens, 0):
                return None
            head_kind = "dvhc"  # the administrative unit itself: "TỈNH LÂM ĐỒNG"
        else:
            head_kind = head[3]
    j = next((k for k in range(i, len(tokens)) if _unit_at(tokens, k)), None)
    body_tokens = tokens[:j] if j is not None else tokens
    unit = place = outer = None
    if j is not None:
        u = _unit_at(tokens, j)
        unit = " ".join(u)
        place = tokens[j + len(u) :]
        if place and place[-1].endswith(","):
            place[-1] = place[-1].rstrip(",")
        cut = next((n for n, t in enumerate(place) if t.endswith(",")), None)
        if cut is not None:  # "HUYỆN X, TỈNH Y" → place X, outer Y
            rest = place[cut + 1 :]
            place = place[: cut + 1]
            place[-1] = place[-1].rstrip(",")
            u2 = _unit_at(rest, 0)
            if u2 and u2 in (("TỈNH",), ("THÀNH", "PHỐ")):
                outer = rest[len(u2) :]
    elif len(tokens) > i and head_kind in ("ubnd", "hdnd", "chu_tich_ubnd"):
        unit_only = _match(tokens, i, _UNITS)
        if unit_only and i + len(unit_only) == len(tokens):
            unit = " ".join(unit_only)  # "UBND TỈNH" without a place
            body_tokens = tokens[:i]
    return {"head": head_kind, "body": body_tokens, "unit": unit, "place": place or None, "outer": outer}


def _result(rec: dict, on: date | None, **extra) -> dict:
    out = {
        "name": rec["name"], "kind": rec["kind"], "level": rec.get("level"), "abbr": rec.get("abbr"),
        "province": None, "valid_from": rec.get("valid_from"), "valid_until": rec.get("valid_until"),
        "successor": rec.get("successor"), "competence_key": rec.get("competence_key"),
        "known": not rec.get("generic", False), "source": rec.get("source"),
    }
    if rec.get("validity_unknown_after"):
        out["validity_unknown_after"] = rec["validity_unknown_after"]
    out.update(extra)
    out["exists_on"] = _exists(out, on) if on else None
    return out


def _exists(r: dict, on: date) -> bool | None:
    if not in_interval(on, r.get("valid_from"), r.get("valid_until")):
        return False
    vua = r.get("validity_unknown_after")
    if vua and on >= date.fromisoformat(vua):
        return None
    return True if r.get("known") else None


_LOCAL_HEADS = {"ubnd": "Ủy ban nhân dân", "hdnd": "Hội đồng nhân dân",
                "chu_tich_ubnd": "Chủ tịch Ủy ban nhân dân"}


def _day_before(iso: str) -> str:
    return date.fromordinal(date.fromisoformat(iso).toordinal() - 1).isoformat()


def _resolve_local(p: dict, ctx: dict | None, on: date | None) -> dict | None:
    unit, place = p["unit"], p["place"]
    if ctx and place is None and (unit is None or unit == ctx["unit"]):
        unit, place = ctx["unit"], ctx["place"]
    head = p["head"]
    dept = None
    if head in _LOCAL_HEADS:
        base = _LOCAL_HEADS[head]
    elif head == "dvhc":
        base = None
    else:
        dept = _gaz()["body_by_key"].get(" ".join(p["body"]))
        if dept is None and not (unit and place):
            return None  # an unknown body without a place: leave it to the fuzzy step
        base = dept["name"] if dept else " ".join(_case_tokens(p["body"]))
    ival = (dept.get("valid_from"), dept.get("valid_until")) if dept else (None, None)
    level = dept.get("level") if dept else None
    province = ctx.get("province") if ctx else None
    known = head in _LOCAL_HEADS or head == "dvhc" or dept is not None
    unit_name = place_name = None
    if unit and place:
        unit_name, place_name = unit.lower(), " ".join(_case_place(place))
        prov = None
        if unit in ("TỈNH", "THÀNH PHỐ"):
            cands = _province_candidates(place)
            if unit == "THÀNH PHỐ":
                cands = [c for c in cands if c["kind"] != "tỉnh"]
            prov = _pick(cands, on)
            if prov and unit == "THÀNH PHỐ" and on and prov.get("valid_from") \
                    and on < date.fromisoformat(prov["valid_from"]):
                prov = None  # "thành phố Huế" before 2025-01-01 was a district-level city
        if prov:
            level, province = "province", prov["name"]
            ival = _intersect(ival, (prov.get("valid_from"), prov.get("valid_until")))
            if prov["short_name"].startswith("Thành phố"):
                unit_name, place_name = None, prov["short_name"]
            else:
                place_name = prov["short_name"]
            if head == "dvhc":
                unit_name, place_name = None, prov["name"]  # "Tỉnh Lâm Đồng", "Thành phố Huế"
        elif unit == "TỈNH":
            level, known, province = "province", False, None  # not a province name we know
        else:
            level = _UNIT_LEVEL.get(unit, "district")
            if unit == "THÀNH PHỐ":
                later = [c for c in _gaz()["prov_by_short"].get(" ".join(place), []) if c.get("valid_from")]
                if later:  # the district-level city ended when the name became a province
                    ival = _intersect(ival, (None, _day_before(later[0]["valid_from"])))
                    province = province or (later[0].get("formed_from") or [None])[0]
            ival = _intersect(ival, _unit_interval(unit.lower(), level))
            known = False  # district/commune names are not in the gazetteer
        if p.get("outer") and level in ("district", "commune") and not province:
            prov = _pick(_province_candidates(p["outer"]), on)
            province = prov["name"] if prov else None
    elif unit:
        level = _UNIT_LEVEL.get(unit, "province" if unit == "THÀNH PHỐ" else None)
        unit_name = unit.lower()
        known = False
    elif dept is None:
        known = False
    name = " ".join(x for x in (base, unit_name, place_name) if x)
    suffix = {"province": "tinh", "district": "huyen", "commune": "xa"}.get(level or "")
    out = {
        "name": name, "kind": head if dept is None else dept["kind"], "level": level,
        "abbr": dept.get("abbr") if dept else None, "province": province,
        "valid_from": ival[0], "valid_until": ival[1],
        "successor": dept.get("successor") if dept else None,
        "competence_key": f"{head}_{suffix}" if head in _LOCAL_HEADS and suffix else None,
        "known": bool(known) and level not in ("district", "commune"),
        "source": dept.get("source") if dept else None,
    }
    if dept and dept.get("validity_unknown_after"):
        out["validity_unknown_after"] = dept["validity_unknown_after"]
    out["exists_on"] = _exists(out, on) if on else None
    return out


def _context(context_issuer: str | None, on: date | None) -> dict | None:
    if not context_issuer:
        return None
    p = _parse_local(_key(context_issuer).split(" "))
    if not p or not p["unit"] or not p["place"]:
        return None
    r = _resolve_local(p, None, on)
    return {"unit": p["unit"], "place": p["place"], "province": r["province"] if r else None}


_INITIALS_FORM = re.compile(r"(?i)^(bộ|sở)\s+([^\s].*)$")


# Distinct (mention, context issuer, date) look-ups remembered by resolve_issuer: the same header and the same
# bodies are resolved by extraction and by several rules, and a look-up may end in a fuzzy match.
RESOLVE_CACHE_SIZE = 8192


def resolve_issuer(mention: str, context_issuer: str | None = None,
                   on: date | str | None = None) -> dict | None:
    """Normalise a mention of an issuing body against the gazetteer.

    Returns ``{name, kind, level, abbr, province, valid_from, valid_until, successor,
    competence_key, known, source, exists_on}`` or None.  ``level`` is central / province /
    district / commune; ``province`` the official province name; ``exists_on`` is filled when
    ``on`` is given (True / False / None = unknown).  A mention without place ("UBND tỉnh",
    "Sở Tư pháp") takes its place from ``context_issuer``.

    Cached (``RESOLVE_CACHE_SIZE`` look-ups): the record is shared, callers must not change it.
    """
    if not mention or not mention.strip():
        return None
    return _resolve_cached(mention, context_issuer, as_date(on))


@lru_cache(maxsize=RESOLVE_CACHE_SIZE)
def _resolve_cached(mention: str, context_issuer: str | None, d: date | None) -> dict | None:
    g = _gaz()
    raw = unicodedata.normalize("NFC", mention).strip()
    # 1. abbreviations: "BTC", "TTg", "Bộ KH&ĐT", "Sở TN&MT"
    rec = g["abbr_cs"].get(raw) or (g["abbr_up"].get(raw.upper()) if raw.upper() == raw else None)
    m = _INITIALS_FORM.match(raw)
    if rec is None and m and m.group(2) == m.group(2).upper():
        letters = re.sub(r"[^A-ZĐ]", "", m.group(2).upper())
        rec = g["abbr_up"].get(("B" if m.group(1).lower() == "bộ" else "S") + letters)
    if rec is not None:
        if rec.get("generic"):
            ctx = _context(context_issuer, d)
            if ctx:
                return _resolve_local({"head": rec["kind"], "body": [], "unit": None, "place": None}, ctx, d)
        return _result(rec, d)
    k = _key(raw)
    tokens = k.split(" ")
    # 2. exact name of a central body / department
    rec = g["body_by_key"].get(k)
    if rec is not None and not (rec.get("level") == "province" and context_issuer):
        return _result(rec, d)
    # 3. local bodies: head + unit + place
    p = _parse_local(tokens)
    if p is not None:
        r = _resolve_local(p, _context(context_issuer, d), d)
        if r is not None:
            return r
    if rec is not None:
        return _result(rec, d)
    # 4. fuzzy over central bodies and departments
    from rapidfuzz import fuzz, process

    hit = process.extractOne(_plain(k), list(g["plain_choices"]), scorer=fuzz.ratio, score_cutoff=88)
    if hit:
        return _result(g["plain_choices"][hit[0]], d, fuzzy_score=round(hit[1], 1))
    return None


def body_exists_on(name: str, on: date | str) -> bool | None:
    """Does the body exist on ``on``?  False when the name (or its unit level, or its province)
    is outside its validity interval; None when the body is unknown or its place is not in the
    gazetteer (district/commune names)."""
    r = resolve_issuer(name, on=on)
    return None if r is None else r["exists_on"]


# --------------------------------------------------------------------------- symbols

def _abbr_to_name(code: str) -> str | None:
    g = _gaz()
    term = qh_term(code.upper())
    if term:
        code = term[0]
    rec = g["abbr_cs"].get(code) or g["abbr_up"].get(code.upper())
    return rec["name"] if rec else None


def issuers_from_symbol(symbol: str) -> list[str | None]:
    """All issuer names in a ký hiệu ("TTLT-BTC-BTP" → both ministries); None for unknown codes."""
    if not symbol:
        return []
    s = re.sub(r"\s+", "", unicodedata.normalize("NFC", symbol))
    s = s.rsplit("/", 1)[-1]
    parts = [p for p in s.split("-") if p]
    if not parts:
        return []
    t = doc_type(parts[0]) or doc_type(parts[0].replace("D", "Đ")) if len(parts) > 1 else None
    if t and t.get("abbr") in ("TTLT", "NQLT"):
        codes = parts[1:]
    elif t:
        codes = parts[1:2]
    else:
        codes = parts[:1]  # công văn: ISSUER-UNIT
    return [_abbr_to_name(c) for c in codes]


def issuer_from_symbol(symbol: str) -> str | None:
    """"NĐ-CP" → "Chính phủ", "QĐ-TTg" → "Thủ tướng Chính phủ", "QH15" → "Quốc hội",
    "NQ-HĐND" → "Hội đồng nhân dân" (generic); the first issuer of a joint symbol."""
    names = issuers_from_symbol(symbol)
    return names[0] if names else None


@cache
def body_codes() -> frozenset[str]:
    """The issuing bodies' codes a ký hiệu may carry that the data knows: their abbreviations (written as
    printed, "TTg"; syllable initials, "BKHĐT"), UBND, HĐND and the Quốc hội's "QH" / "UBTVQH" (no term)."""
    g = _gaz()
    printed = {code.upper(): code for code in g["abbr_cs"]}
    return frozenset(printed.get(code, code) for code in g["abbr_up"]) | frozenset(g["abbr_cs"])


def body_code(name: str | None) -> str | None:
    """The code a body signs its ký hiệu with, from its name: "Thủ tướng Chính phủ" → "TTg", "Bộ Nội vụ" →
    "BNV"; None for a body without a known code (or a local body, whose code UBND / HĐND says little)."""
    rec = _gaz()["body_by_key"].get(_key(name)) if name else None
    return rec.get("abbr") if rec else None
