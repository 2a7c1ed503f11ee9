"""Legal facts as data: small typed accessors over ``rasoat/data/*.json``.

The JSON files are built from the shared facts file; each entry keeps the
legal basis in ``source``.  They are read once (``functools.cache``) through
``importlib.resources`` so this works from an installed wheel too (the
package data ``rasoat/data/*.json`` must be included).

Dates may be given as ``datetime.date`` or ISO strings ``"YYYY-MM-DD"``.
"""

from __future__ import annotations

import json
import unicodedata
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import Any

from rasoat.vntext import unify

DateLike = date | str

__all__ = [
    "load",
    "as_date",
    "in_interval",
    "signing_period",
    "doc_types",
    "doc_type",
    "doc_type_name",
    "title_word_to_abbr",
    "title_word_to_type",
    "regime_on",
    "min_effect_gap_days",
    "competence_rule",
    "can_issue",
    "qh_term_ok",
    "format_constants",
    "bodies",
]


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed JSON file ``rasoat/data/<name>.json`` (cached)."""
    path = resources.files("rasoat").joinpath("data", f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


def as_date(d: DateLike | None) -> date | None:
    if d is None or isinstance(d, date):
        return d
    return date.fromisoformat(d[:10])


def signing_period(issued_on: str | None, issued_in: str | None = None) -> tuple[date, date] | None:
    """The first and last day a document may have been signed on: its date (both the same), else the month or
    the year its date line gives (``Header.issued_in``: "2026-06", "2026"); None when neither is known."""
    if issued_on:
        d = as_date(issued_on)
        return d, d
    parts = (issued_in or "").split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 1, 1), date(year, 12, 31)
        month = int(parts[1])
        following = date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1), following - timedelta(days=1)
    except ValueError:
        return None


def in_interval(on: DateLike, valid_from: str | None, valid_until: str | None) -> bool:
    """True when ``on`` lies in the closed interval (None bounds are open)."""
    d = as_date(on)
    if valid_from and d < date.fromisoformat(valid_from):
        return False
    return not (valid_until and d > date.fromisoformat(valid_until))


# --------------------------------------------------------------------------- doc types

@cache
def doc_types() -> list[dict[str, Any]]:
    return load("doc_types")["types"]


@cache
def _types_by_abbr() -> dict[str, dict[str, Any]]:
    return {t["abbr"]: t for t in doc_types() if t["abbr"]}


@cache
def _types_by_id() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for t in doc_types():
        out.setdefault(t["id"], t)
    return out


@cache
def _types_by_name() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for t in doc_types():  # first wins: NQ/QĐ (admin+QPPL) before historical PL
        out.setdefault(t["name"].casefold(), t)
    return out


@cache
def _types_by_title() -> dict[str, dict[str, Any]]:
    return {t["title_word"]: t for t in doc_types() if t["title_word"]}


def doc_type(abbr_or_name: str | None, strict: bool = True) -> dict[str, Any] | None:
    """The doc-type record for an abbreviation ("QĐ", "QyĐ", "TT"), an id ("Luật") or a name ("Nghị định").

    Abbreviations match case-sensitively (``QyĐ`` ≠ ``QYĐ``) unless ``strict=False``.
    """
    if not abbr_or_name:
        return None
    s = unicodedata.normalize("NFC", abbr_or_name.strip())
    t = _types_by_abbr().get(s) or _types_by_id().get(s)
    if t:
        return t
    t = _types_by_name().get(unify(s).casefold())
    if t or strict:
        return t
    hits = [x for a, x in _types_by_abbr().items() if a.upper() == s.upper()]
    return hits[0] if len(hits) == 1 else None


def doc_type_name(abbr: str | None) -> str | None:
    """"QĐ" → "Quyết định", "TTr" → "Tờ trình"; None when not a known abbreviation (case-sensitive)."""
    t = doc_type(abbr)
    return t["name"] if t else None


def title_word_to_type(word: str | None) -> dict[str, Any] | None:
    """The printed title ("KẾ HOẠCH", "Tờ trình", "GIẤY UỶ QUYỀN") to its doc-type record."""
    if not word:
        return None
    w = " ".join(unify(unicodedata.normalize("NFC", word)).split()).upper()
    return _types_by_title().get(w)


def title_word_to_abbr(word: str | None) -> str | None:
    """"KẾ HOẠCH" → "KH", "TỜ TRÌNH" → "TTr"; None for unknown titles and for LUẬT/PHÁP LỆNH (no abbreviation)."""
    t = title_word_to_type(word)
    return t["abbr"] if t else None


# --------------------------------------------------------------------------- regimes and effect


def regime_on(d: DateLike) -> str:
    """"2015" (to 2025-03-31), "2025" (2025-04-01 – 2025-06-30) or "2025-87" (from 2025-07-01)."""
    for r in load("competence")["regimes"]:
        if in_interval(d, r["from"], r["until"]):
            return r["id"]
    raise ValueError(f"no regime for {d!r}")  # pragma: no cover - regimes cover all dates


def min_effect_gap_days(level: str, d: DateLike) -> int | None:
    """Minimum days from passing/signing to entry into force of a QPPL.

    ``level`` is "central", "province", "district" or "commune"; None if unknown.
    """
    reg = regime_on(d)
    for r in load("effect_rules")["min_gap_days"]:
        if r["regime"] == reg and r["level"] == level:
            return r["days"]
    return None


# --------------------------------------------------------------------------- competence


@cache
def _issuer_aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, v in load("competence")["issuers"].items():
        out[key] = key
        out[v["label"].casefold()] = key
    return out


def _issuer_key(issuer_kind: str) -> str | None:
    return _issuer_aliases().get(issuer_kind) or _issuer_aliases().get(issuer_kind.casefold())


def competence_rule(issuer_kind: str, doc_type_: str, d: DateLike) -> dict[str, Any] | None:
    """The competence row for (issuer, type) in the regime of ``d``; None when no row exists.

    ``issuer_kind`` is a key of competence.json ``issuers`` ("ubnd_tinh", "bo_truong", …) or its label
    ("UBND cấp tỉnh"); ``doc_type_`` an abbreviation/id/name ("QĐ", "Luật", "Nghị định").
    """
    key = _issuer_key(issuer_kind)
    t = doc_type(doc_type_)
    if key is None or t is None:
        return None
    tid = "Pháp lệnh" if t["id"] == "PL" else t["id"]
    reg = regime_on(d)
    for r in load("competence")["rows"]:
        if r["issuer"] == key and r["type"] == tid and reg in r["regimes"]:
            return r
    return None


def can_issue(issuer_kind: str, doc_type_: str, d: DateLike) -> bool | None:
    """May this issuer issue this QPPL type on ``d``?

    True/False from the law; None when unknown (issuer or type not known, the type is not a QPPL type,
    or the rule is conditional/unverified — e.g. district level under the 2015 law).
    """
    key = _issuer_key(issuer_kind)
    t = doc_type(doc_type_)
    if key is None or t is None or not t["qppl"]:
        return None
    r = competence_rule(issuer_kind, doc_type_, d)
    if r is None:
        return False
    return r["allowed"]


# --------------------------------------------------------------------------- format


def format_constants() -> dict[str, Any]:
    return load("format")


def qh_term_ok(term: int, d: DateLike) -> bool | None:
    """Is khóa ``term`` (QHkk / UBTVQHkk) plausible for a document dated ``d``?  None when unknown."""
    year = as_date(d).year
    vals = load("format")["qh_terms"]["values"]
    if any(v["term"] == term and v["from_year"] <= year <= v["to_year"] for v in vals):
        return True
    last = max(vals, key=lambda v: v["term"])
    if year >= last["to_year"] and term == last["term"] + 1:
        return None  # next term not in the data yet
    if year > last["to_year"] or term > last["term"] + 1 or term < min(v["term"] for v in vals):
        return None
    return False


def bodies() -> dict[str, Any]:
    return load("bodies")
