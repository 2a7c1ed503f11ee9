"""Document numbers (số, ký hiệu): one place for what every stage needs to know about them.

- ``normalise_number``: one spelling ("01 / 2024/QÐ - UBND" → "01/2024/QĐ-UBND");
- ``parse``: the parts of a số ký hiệu (number, year, symbol, type abbreviation, issuer part, QH term);
- ``number_key``: the key numbers are matched by (linking citations, search, the web's SQL function);
- ``QH_TERM_SYMBOL`` / ``qh_term``: the ký hiệu "QHkk" / "UBTVQHkk" of the Quốc hội and its Standing Committee;
- ``is_qppl_type`` / ``is_qppl``: is this type / number one of a văn bản quy phạm pháp luật, decided from
  ``rasoat/data/doc_types.json`` alone (``qppl``, and ``qppl_periods`` for types that were QPPL once).

Shared knowledge below the stages: extract, rules, the store and the web import it; it imports only
``rasoat.facts`` and ``rasoat.vntext``.  Form of a số ký hiệu: NĐ 30/2020/NĐ-CP Phụ lục I mục II.3;
Luật 80/2015/QH13 Điều 10; Luật 64/2025/QH15 Điều 7.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasoat import facts
from rasoat.vntext import fold, unify

__all__ = [
    "DOC_NUMBER",
    "QH_TERM_SYMBOL",
    "NumberParts",
    "normalise_number",
    "parse",
    "number_key",
    "number_year",
    "type_abbr",
    "qh_term",
    "is_qppl_type",
    "is_qppl",
]

# A symbol group: "QĐ", "UBND", "TTg", "QH15", "SNV-CCHC&VTLT"
_GROUP = r"[A-ZĐÐ][A-Za-zĐÐđ0-9&]*"

# Số ký hiệu of a document in running text: "01/2024/QĐ-UBND", "93/NQ-HĐND", "64/2025/QH15",
# "4625/BNV-CCHC", "08/2014/TTLT-BTP-BNV", "1656/NQ-UBTVQH15", "57-NQ/TW".
# Groups: num, year (optional), symbol.  Runs on NFC text; accepts Ð (U+00D0) for Đ.
DOC_NUMBER = re.compile(
    r"(?<![\w/.-])(?P<num>\d{1,5}[a-z]?)\s?[/-]\s?(?:(?P<year>(?:19|20)\d{2})\s?/\s?)?"
    r"(?P<symbol>" + _GROUP + r"(?:\s?[-/]\s?" + _GROUP + r")*)"
    r"(?![\w])"
)

# The ký hiệu of a Luật or Nghị quyết of the Quốc hội ("QH15") or of a Pháp lệnh or Nghị quyết of the
# Ủy ban Thường vụ Quốc hội ("UBTVQH15"): the body and its term (khóa) instead of a type abbreviation
# (Luật 80/2015/QH13 Điều 10 khoản 2–3; Luật 64/2025/QH15 Điều 7).  Groups: body, term.
QH_TERM_SYMBOL = re.compile(r"^(?P<body>UBTVQH|QH)(?P<term>\d{2})$")

# A number that carries its year, as QPPL numbers do: "01/2024/…", "5a/2019/…", "66.16/2030/…".  Groups: num, year.
_NUMBER_WITH_YEAR = re.compile(r"^(?P<num>\d+(?:\.\d{1,3})?[a-z]?)/(?P<year>(?:19|20)\d{2})/")

# A whole normalised số ký hiệu: "01/2024/QĐ-UBND", "/BC-UBND" (number left blank), "57-NQ/TW" (a Party
# document), or a ký hiệu alone ("QĐ-UBND"): groups of letters (no Vietnamese vowels: abbreviations are
# written without marks), digits and "&"; a number of a series may carry a dot ("66.16/2030/NQ-CP").
# Groups: num (optional), year (optional), symbol.
_WHOLE = re.compile(
    r"^(?P<num>\d{1,5}(?:\.\d{1,3})?[a-z]?)?[/-]?(?:(?P<year>(?:19|20)\d{2})/)?"
    r"(?P<symbol>[A-Za-zĐđ][A-Za-zĐđ0-9&]*(?:[-/][A-Za-zĐđ0-9&]*)*)$"
)

# Dashes and look-alikes that stand for the hyphen of a ký hiệu (U+FFFE: a broken glyph map's hyphen).
_DASHES = str.maketrans({"\ufffe": "-", "–": "-", "‐": "-"})
_SPACE = re.compile(r"\s+")
# The words of a number for its key: runs of letters and digits of the folded text.
_KEY_WORD = re.compile(r"[a-z0-9]+")
# Distinct numbers whose key is remembered: the citations of a database cite the same laws again and again.
NUMBER_KEY_CACHE = 65536


# A footnote's mark glued to the end of a number whose last code never carries figures (the Government's, the Prime
# Minister's: "Nghị định số 09/2026/NĐ-CP4" in a table); the Quốc hội's "QH15" does.
_GLUED_MARK = re.compile(r"(?<=-CP)\d{1,2}$|(?<=-TTg)\d{1,2}$")


def normalise_number(text: str) -> str:
    """"01 / 2024/QÐ - UBND" → "01/2024/QĐ-UBND" (no spaces, Đ U+0110, ASCII hyphen, no footnote mark glued to
    "-CP" or "-TTg")."""
    return _GLUED_MARK.sub("", _SPACE.sub("", unify(text).translate(_DASHES)).strip("./,;:"))


@dataclass(frozen=True)
class NumberParts:
    """A số ký hiệu taken apart: "01/2022/TTLT-BTP-BCA" → number "01", year 2022, symbol "TTLT-BTP-BCA",
    type_abbr "TTLT", issuer "BTP-BCA"; "15/2023/QH15" → symbol "QH15", issuer "QH15", qh_term 15."""

    number: str | None  # as printed ("01", "5a"); None when left blank ("Số: /BC-UBND")
    year: int | None  # the year written in the number (QPPL numbers carry it)
    symbol: str  # the ký hiệu: "QĐ-UBND", "QH15", "UBND-VX", "NQ/TW"
    type_abbr: str | None  # the type abbreviation opening the symbol, if doc_types.json knows it ("QĐ", "TB")
    issuer: str | None  # the rest of the symbol: the issuing bodies' codes ("UBND", "BTP-BCA", "UBND-VX")
    qh_term: int | None  # khóa of the Quốc hội of a QHkk / UBTVQHkk issuer


def parse(text: str | None) -> NumberParts | None:
    """The parts of a số ký hiệu (spaces, Ð and dashes forgiven); None when ``text`` is not one."""
    if not text:
        return None
    m = _WHOLE.match(normalise_number(text))
    if not m:
        return None
    symbol = m.group("symbol").rstrip("-/")
    groups = [g for g in re.split(r"[-/]", symbol) if g]  # the groups between hyphens (and the Party's "/")
    if not groups:
        return None
    first = type_abbr(symbol)
    known = first is not None and not qh_term(symbol) and facts.doc_type(first, strict=False) is not None
    rest = groups[1:] if known else groups
    issuer = "-".join(rest) or None
    term = qh_term(rest[-1]) if rest else None
    return NumberParts(number=m.group("num"), year=int(m.group("year")) if m.group("year") else None,
                       symbol=symbol, type_abbr=first if known else None, issuer=issuer,
                       qh_term=term[1] if term else None)


@lru_cache(maxsize=NUMBER_KEY_CACHE)
def number_key(text: str | None) -> str | None:
    """The key numbers are matched by: no diacritics, case, spacing or leading zero, every separator "/":
    "05/2024/QĐ-UBND", "5/2024/QÐ-UBND" and "05 / 2024 / qđ - ubnd" → "5/2024/qd/ubnd".  Of a longer text
    ("Luật 80/2015/QH13"), the key of the number in it; None when there is nothing to key."""
    if text is None:
        return None
    upper = unify(text).translate(_DASHES).upper()  # the pattern wants capitals; the key is lower case anyway
    m = DOC_NUMBER.search(upper)
    words = _KEY_WORD.findall(fold(m.group(0) if m else upper))
    if words and words[0].isdigit():
        words[0] = words[0].lstrip("0") or "0"
    return "/".join(words) or None


def number_year(number: str | None) -> int | None:
    """The year written in a number: "01/2024/QĐ-UBND" → 2024; None for "93/NQ-HĐND"."""
    m = _NUMBER_WITH_YEAR.match(number or "")
    return int(m.group("year")) if m else None


def type_abbr(symbol: str | None) -> str | None:
    """The first group of a ký hiệu, where the type abbreviation stands ("QĐ" of "QĐ-UBND"); "QH15" and a
    công văn's issuer ("UBND" of "UBND-VX") are returned too."""
    if not symbol:
        return None
    return symbol.split("-")[0].split("/")[0] or None


def qh_term(symbol: str | None) -> tuple[str, int] | None:
    """("QH", 15) for the ký hiệu "QH15" (or a number ending in it, "64/2025/QH15"), ("UBTVQH", 15) for
    "UBTVQH15"; None for any other ký hiệu ("NQ-UBTVQH15": a type abbreviation comes first)."""
    m = QH_TERM_SYMBOL.match((symbol or "").rsplit("/", 1)[-1])
    return (m.group("body"), int(m.group("term"))) if m else None


def is_qppl_type(abbr: str | None, year: int | None = None, issuer: str | None = None) -> bool | None:
    """Is the type with this abbreviation, id or name ("QĐ", "Luật", "Nghị định") a QPPL type?  From
    doc_types.json: ``qppl``, or one of its ``qppl_periods`` (a year up to ``until``, an issuer code among
    ``issuer_codes`` when given: a Chỉ thị of a UBND in 2010).  None for an unknown type."""
    t = facts.doc_type(abbr)
    if t is None:
        return None
    if t["qppl"]:
        return True
    code = type_abbr(issuer)
    return any(
        year is not None and year <= int(p["until"][:4]) and (not p.get("issuer_codes") or code in p["issuer_codes"])
        for p in t.get("qppl_periods", ())
    )


def is_qppl(number: str | None, symbol: str | None = None) -> bool | None:
    """Is this the number of a QPPL?  QPPL numbers carry the year: N/YYYY/TYPE-ISSUER with a QPPL type
    (``is_qppl_type`` in that year), or N/YYYY/QHkk and UBTVQHkk.  ``symbol`` is taken from ``number`` when
    not given; None when there is no symbol at all."""
    if symbol is None:
        parts = parse(number)
        symbol = parts.symbol if parts else None
    if not symbol:
        return None
    if qh_term(symbol):
        return True
    year = number_year(number)
    if not year:
        return False
    parts = parse(symbol)
    return bool(is_qppl_type(type_abbr(symbol), year, parts.issuer if parts else None))


# OCR reading a ký hiệu: characters it confuses with one another (a bar lost from Đ, I/1/l, O/0…).  A
# substitution inside one of these sets costs OCR_CONFUSABLE_COST instead of 1 in ``ocr_distance``.
OCR_CONFUSABLE = ("Đ D", "I 1 l | L", "O 0 Q", "S 5", "B 8", "Z 2", "G 6")
OCR_CONFUSABLE_COST = 0.5
# Characters a ký hiệu is written with (its groups have no Vietnamese marks except Đ): any other letter in a
# group (an "ự" for a "g") is OCR noise, and replacing it costs OCR_CONFUSABLE_COST too.
SYMBOL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyzĐ0123456789&")
_CONFUSABLE_OF = {c: frozenset(s.split()) for s in OCR_CONFUSABLE for c in s.split()}


def _substitution_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if b in _CONFUSABLE_OF.get(a, ()) or a not in SYMBOL_CHARS:
        return OCR_CONFUSABLE_COST
    return 1.0


def ocr_distance(read: str, known: str) -> float:
    """Edit distance from what OCR ``read`` to a ``known`` ký hiệu group, with OCR's confusions weighted
    (``OCR_CONFUSABLE``): "UBTVQHI4" → "UBTVQH14" 0.5, "BCDCCHC" → "BCĐCCHC" 0.5, "UBTVQHI14" →
    "UBTVQH14" 1 (an extra character), "TTự" → "TTg" 0.5, "UBND" → "HĐND" 2."""
    prev = [float(j) for j in range(len(known) + 1)]
    for i, a in enumerate(read, 1):
        cur = [float(i)]
        for j, b in enumerate(known, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + _substitution_cost(a, b)))
        prev = cur
    return prev[-1]
