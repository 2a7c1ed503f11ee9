"""The effect status of documents (hiệu lực): in force, repealed in whole or in part, amended, not yet in
force — on a given date, with the facts that say so.

A status rests on ``EffectFact`` records (``rasoat.models``), each read from a clause of a document: the
document's own header and effect clause ("… có hiệu lực từ ngày …"), or another document's clause that replaces
("thay thế"), repeals ("bãi bỏ", "hết hiệu lực") or amends ("sửa đổi, bổ sung") it.  ``facts_of_document``
reads them from one extracted document; a ``Registry`` holds the facts of many and answers ``status(number,
on=date)``, the registry row of a number (``entry``), the disagreements between sources (``conflicts``) and a
document cited by name ("Luật Ban hành văn bản quy phạm pháp luật ngày 22 tháng 6 năm 2015") to its number
(``resolve_name``).

The registry that ships with rasoat (``shipped()``) joins two data files: ``rasoat/data/registry.json``, built
by ``scripts/build_registry.py`` from the Công báo texts with rasoat's own extraction, and the repeal records of
``rasoat/data/effect_rules.json``.  The stored documents and imported registries are added by the glue layer
(``rasoat/registry.py``).  This module reads only models, numbers, facts and vntext (below the stages).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from itertools import takewhile
from typing import Any

from rasoat.facts import DateLike, as_date, load
from rasoat.models import Article, Blocks, Citation, EffectFact, EffectStatus, Header
from rasoat.numbers import DOC_NUMBER, normalise_number, number_key, number_year, parse, qh_term
from rasoat.patterns import NATIONAL_TITLE, REPEAL_WORD
from rasoat.vntext import collapse, fold, unify

# --------------------------------------------------------------------------- statuses, kinds, sources

IN_FORCE = "còn hiệu lực"
REPEALED = "hết hiệu lực toàn bộ"
PARTLY_REPEALED = "hết hiệu lực một phần"
NOT_YET = "chưa có hiệu lực"
UNKNOWN = "chưa rõ"
STATUSES = (IN_FORCE, PARTLY_REPEALED, REPEALED, NOT_YET, UNKNOWN)

ISSUED = "ban_hanh"  # the document's own header and effect clause
REPLACED = "thay_the"
REPEALED_WHOLE = "bai_bo"
REPEALED_PART = "bai_bo_mot_phan"
AMENDED = "sua_doi"
GROUND = "can_cu"  # a Công báo document cites it as căn cứ on its signing date: it was in force that day
KINDS = (ISSUED, REPLACED, REPEALED_WHOLE, REPEALED_PART, AMENDED, GROUND)
KIND_LABELS = {ISSUED: "ban hành, có hiệu lực", REPLACED: "bị thay thế bởi", REPEALED_WHOLE: "bị bãi bỏ bởi",
               REPEALED_PART: "bị bãi bỏ một phần bởi", AMENDED: "được sửa đổi, bổ sung bởi",
               GROUND: "được viện dẫn làm căn cứ bởi"}

SOURCE_DOCUMENT = "văn bản lưu"  # a stored document's own clause (rasoat/registry.py)
SOURCE_GAZETTE = "Công báo"  # rasoat/data/registry.json, built from the gazette texts
SOURCE_FACTS = "dữ kiện"  # rasoat/data/effect_rules.json
SOURCE_IMPORT = "nhập"  # `rasoat registry import`
SOURCES = (SOURCE_DOCUMENT, SOURCE_GAZETTE, SOURCE_FACTS, SOURCE_IMPORT)  # by trust, most first

# --------------------------------------------------------------------------- reading one document's clauses

# A văn bản hợp nhất reprints the căn cứ and effect clauses of the texts it consolidates, dated as they were: they
# say nothing of the day it was authenticated, so its own fact has no effect date, and what it reprints is given to
# the text that states it (``consolidation_facts``).
CONSOLIDATION = "Văn bản hợp nhất"

DEFAULT_EFFECT_BEFORE = 400  # characters before a document's own effect clause read for what it replaces
DEFAULT_EFFECT_AFTER = 3000  # … and after it (the rest of the "Hiệu lực thi hành" article and the next one), at least:
UNIT_KINDS = ("dieu", "chuong", "muc", "phan")  # the next of these closes the effect article when further on
DEFAULT_REPEAL_LOOKBACK = 160  # characters before a repealing citation searched for the repeal word
# characters after a cited number searched for "… hết hiệu lực" in its sentence (EXPIRES_AFTER stops at its end):
# "Luật … số 04/2007/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số …, … và Luật số … hết hiệu lực"
DEFAULT_EXPIRY_TAIL = 600
PAGE_JOIN = "\n"  # pages joined as extract.blocks joins them

# Words between the repeal word and the cited number that make the repeal partial ("bãi bỏ Điều 5 của …").
PARTIAL = re.compile(r"\b(?:Điều|điều|khoản|điểm|một\s+số|một\s+phần|nội\s+dung|quy\s+định\s+tại|[Pp]hụ\s+lục|[Mm]ẫu|"
                     r"biểu\s+mẫu|[Dd]anh\s+mục|cụm\s+từ|kèm\s+theo|Chương|Mục|Phần)\b")
# A part of a document named before it in the sentence of "… hết hiệu lực" ("Quy trình … ban hành kèm theo Thông tư
# số …", "Điều 5 của …"); narrower than PARTIAL, since the expiring document's own title may say "một số điều".
PARTIAL_EXPIRY = re.compile(r"\b(?:kèm\s+theo|[Pp]hụ\s+lục|[Mm]ẫu\s+số|Điều\s+\d|khoản\s+\d|điểm\s+[a-zđ]\b|"
                            r"Chương\s+[IVXLC\d]+\b|Mục\s+\d|Phần\s+(?:thứ\s+)?[IVXLC\d]+\b)")
# A sentence ending before a capital ("… số 07/2017/QĐ-UBND. Điều 6 của …"); not a list's ";" or ":".
SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐ])")
# Where the sentence (or the numbered khoản) holding a citation starts.
SENTENCE_START = re.compile(r"[.;:]\s|\n\s*\d+\.\s")
# Another document's number, then "sửa đổi/bổ sung", before a cited one in its sentence: the cited one is named in
# that document's title ("Thông tư số 02/2019/… sửa đổi, bổ sung khoản 2 Điều 9 Thông tư số 16/2014/…").
TITLE_OF_ANOTHER = re.compile(r"\d+/\d{4}/[\wĐđ-]+[^.;]*\b(?:sửa\s+đổi|bổ\s+sung)\b[^.;]*$", re.I)
# "… hết hiệu lực (thi hành) (kể) từ …" after a cited number, in the same sentence: the citation is repealed; not when
# a condition comes between ("… Điều 11 Nghị định số … đến khi Luật … hết hiệu lực": the end of another one).
EXPIRES_AFTER = re.compile(r"^(?:(?!\b(?:đến|trước)\s+khi\b)[^.;])*?\bhết\s+hiệu\s+lực\b", re.I)
# Wording replaced or struck out right after "thay thế"/"bãi bỏ" ("Thay thế cụm từ “…” bằng cụm từ “…” tại khoản 3
# Điều 9 Thông tư số …"): the document is amended, no part of it ends.
# Only wording: not "một số cụm từ, điểm, khoản, điều của …" (parts struck out with it).
WORDING = re.compile(r"^\s*(?:(?:các|một\s+số)\s+)?(?:cụm\s+từ|từ\s+ngữ)\b(?![^“”\"]{0,40}\b(?:điểm|khoản|điều|Điều|"
                     r"[Pp]hụ\s+lục|[Mm]ẫu)\b)", re.I)
# Quotation marks: a number between them is part of quoted wording ("Bãi bỏ cụm từ “Nghị định số … quy định …” tại
# khoản 2 Điều 39"), not a document acted on.
OPEN_QUOTE, CLOSE_QUOTE = "“", "”"
# The name printed before a cited number: "Luật Tổ chức Chính phủ số " (type word, name, "số" at the end).
NAME_BEFORE_NUMBER = re.compile(r"(?P<type>Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|"
                                r"Quyết định)\s+(?P<name>[^;:()/]{3,200}?)\s+số\s*$")
DEFAULT_NAME_LOOKBACK = 240  # characters before a cited number searched for its name
# "… đã được sửa đổi, bổ sung (một số điều) theo/bởi/tại" right before a cited number: that one is the amending
# document named in a reference, not one this document amends.
AMENDED_BY_BEFORE = re.compile(r"được\s+sửa\s+đổi[^.;]*?\b(?:theo|bởi|tại)\b[^.;]*$", re.I)
# "(cho) đến khi … hết hiệu lực", "tạm ngưng hiệu lực": a condition or a suspension, not a repeal.
NOT_A_REPEAL_BEFORE = re.compile(r"\b(?:đến\s+khi|trước\s+khi|ngưng\s+hiệu\s+lực)\b[^.;]*$", re.I)
DEFAULT_CONDITION_LOOKBACK = 300  # characters before a citation searched for AMENDED_BY_BEFORE, NOT_A_REPEAL_BEFORE
# The act words of a title ("Sửa đổi, bổ sung một số điều của …", "Bãi bỏ Thông tư số …"): the last one before a
# number cited in the document's own title is what the document does to it.
TITLE_ACT = re.compile(r"sửa\s+đổi|bổ\s+sung|bãi\s+bỏ|thay\s+thế", re.I)
# The amending words of an article's heading ("Điều 2. Sửa đổi, bổ sung Luật … số …") and of its clauses.
AMEND_WORD = re.compile(r"sửa\s+đổi|bổ\s+sung", re.I)
# The "Điều N." that opens an article's text.
ARTICLE_MARK = re.compile(r"^\s*Điều\s+\d+[a-zđ]?\s*\.", re.I)
# Where an act word opens its line, after an article's, clause's or point's numbering ("\nBãi bỏ khoản 2 Điều 32 …",
# "4. Bãi bỏ Điều 60 Thông tư số …", "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số …"): the operative verb
# of a clause, read wherever it stands, not a reference ("… và các văn bản sửa đổi, bổ sung, thay thế Nghị định số …").
OPERATIVE_OPENING = re.compile(r"(?:^|\n)[ \t]*(?:Điều\s+\d+[a-zđ]?\.|\d+\.|[a-zđ]\))?[ \t]*$")
# A clause or an article named in an effect article's sentence ("khoản 2 và khoản 3 Điều 8", "Điều 12", "Điều này").
PART_REF = re.compile(r"\bkhoản\s+(?P<clause>\d+)|\bĐiều\s+(?:(?P<article>\d+[a-zđ]?)\b|này\b)")
# "… có hiệu lực (thi hành) (kể) từ ngày 01 tháng 7 năm 2026": the day an article makes something take effect ("ngày"
# typed twice too).
EFFECTIVE_DAY = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+(?:ngày\s+)+(?P<day>\d{1,2})\s*tháng\s*"
                           r"(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})")
DEFAULT_SENTENCE_LOOKBACK = 800  # characters before a citation read for the title of another document naming it
# "(hết hiệu lực | bãi bỏ …) (thi hành) (kể) từ ngày 01 tháng 7 năm 2025": the day a clause ends a document, read from
# the repeal word on, before the sentence ends.
DAY_FROM = re.compile(r"(?:(?!từ\s+ngày)[^.;:])*?\btừ\s+ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s*|/)"
                      r"(?P<month>\d{1,2})\s*(?:năm\s*|/)(?P<year>\d{4})")
DEFAULT_DAY_AFTER = 80  # characters after "hết hiệu lực" read for the day it names
# A numbered clause ("\n7. …") and a lettered item of a list ("\nc) …"): "7. Thông tư này bãi bỏ các quy định sau: a) …;
# b) …; c) Chương I Thông tư số …" repeals what each item names first.
CLAUSE_START = re.compile(r"\n[ \t]*\d+\.[ \t]")
ITEM_START = re.compile(r"\n[ \t]*[a-zđ]\)[ \t]")


# A document's number starts "N/" ("34/2016/NĐ-CP", "41/NQ-CP"); a form's "01-ĐĐN/SHTT" does not.
DOCUMENT_NUMBER_START = re.compile(r"^\d+[a-zA-Z]?/")


def listed_repeal(full: str, at: int, window: tuple[int, int] | None) -> tuple[str, str] | None:
    """The item of a list the cited number at ``at`` opens, when the clause introducing the list repeals or ends
    ("7. … bãi bỏ các quy định sau: … c) Chương I Thông tư số …"): (the item's text before the number, the repeal
    word); else None (not in such a list, or a number named after another one of its item, in that one's title)."""
    lo = window[0] if window else 0
    clauses = list(CLAUSE_START.finditer(full, lo, at))
    if not clauses:
        return None
    lead = full[clauses[-1].end() : at]
    head, colon, rest = lead.partition(":")
    items = list(ITEM_START.finditer(rest))
    word = REPEAL_WORD.search(head)
    if not colon or not items or not word:
        return None
    item = rest[items[-1].end() :]
    return None if DOC_NUMBER.search(item) else (item, word.group(0), day_named(head[word.start() :]))


def quote_depth(full: str) -> Callable[[int], bool]:
    """Whether an offset of ``full`` lies inside curly quotes (the new text of an amended article, “Điều 59. …
    2. Bãi bỏ …”, is not this document's act): the quotes located once, each offset answered by bisection."""
    opens = [i for i, ch in enumerate(full) if ch == OPEN_QUOTE]
    closes = [i for i, ch in enumerate(full) if ch == CLOSE_QUOTE]
    return lambda at: bisect_right(opens, at) > bisect_right(closes, at)


def of_another(full: str, at: int, own: str) -> bool:
    """Is the number at ``at`` named in the title of another document cited before it in its sentence, read up to
    ``DEFAULT_SENTENCE_LOOKBACK`` back ("… Nghị định số A … và sửa đổi, bổ sung một số điều của Thông tư số B,
    Thông tư số C …": A amends B and C, not the document read)?"""
    sentence = SENTENCE_START.split(full[max(0, at - DEFAULT_SENTENCE_LOOKBACK) : at])[-1].replace(own, "")
    return bool(TITLE_OF_ANOTHER.search(sentence))


def day_named(text: str) -> str | None:
    """The day a repealing clause names at its start ("… từ ngày 01 tháng 7 năm 2025", "kể từ ngày 01/7/2025"), as
    ISO; None when it ends "từ ngày Nghị định này có hiệu lực" or names no day."""
    m = DAY_FROM.match(text)
    return _iso_day(m) if m else None


def _iso_day(m: re.Match) -> str | None:
    """The day of a match with groups day, month, year, as ISO; None when there is no such day."""
    try:
        return date(int(m["year"]), int(m["month"]), int(m["day"])).isoformat()
    except ValueError:
        return None


def is_document_number(number: str | None) -> bool:
    """A number a document has (not a form's, a template's): "N/…" with a year or a type of document."""
    parts = parse(number)
    return bool(parts and DOCUMENT_NUMBER_START.match(number or "") and (parts.year or parts.type_abbr))


def legal_force(number: str | None) -> int | None:
    """The rank of a document's legal force read from its number, 1 highest: a law or resolution of the
    Quốc hội (1), its Standing Committee (2), of the Chính phủ (3), the Prime Minister (4), a minister's Thông
    tư (5); None for the others (local documents: their rank needs the issuer)."""
    parts = parse(number)
    if not parts:
        return None
    term = qh_term(parts.symbol)
    if term:
        return 1 if term[0] == "QH" else 2
    issuer = parts.issuer or ""
    if issuer == "CP":
        return 3
    if issuer == "TTg":
        return 4
    if parts.type_abbr in ("TT", "TTLT"):
        return 5
    return None


def may_act_on(by: str | None, number: str | None) -> bool:
    """Can the document ``by`` replace, repeal or amend ``number``? Not when it has a lower legal force
    (a Thông tư does not amend a Nghị định, a Nghị định does not repeal a Luật), nor when it is not a QPPL and
    the other is, nor when the other's number carries a later year."""
    if number_year(number) and not number_year(by):
        return False  # a document numbered without a year (not a QPPL: a list, a correction) ends no QPPL
    if (number_year(number) or 0) > (number_year(by) or 9999):
        return False  # nor one issued in a later year than itself
    a, b = legal_force(by), legal_force(number)
    return a is None or b is None or a <= b


def _offsets(page_texts: list[str]) -> list[int]:
    out, base = [], 0
    for t in page_texts:
        out.append(base)
        base += len(t) + len(PAGE_JOIN)
    return out


def _holding(articles: list[Article], page: int, start: int) -> list[Article]:
    """The articles, clauses and points (and chapters, sections) holding the character ``start`` of ``page``."""
    return [a for a in articles if a.page == page and a.start <= start < a.end]


def _article_path(articles: list[Article], page: int, start: int) -> str | None:
    """The deepest article (Điều > Khoản > Điểm) holding the character ``start`` of ``page``."""
    holding = _holding(articles, page, start)
    if not holding:
        return None
    best = min(holding, key=lambda a: a.end - a.start)
    return best.path


def heading_only_repeals(articles: list[Article], c: Citation) -> bool:
    """Is ``c`` named in the heading of an article headed "Sửa đổi, bổ sung …" whose clauses only repeal ("Điều 2.
    Sửa đổi, bổ sung Luật … số 30/2023/QH15 / Bãi bỏ khoản 2 Điều 32 của Luật …")?  The heading names no
    amendment then, but the document the article partly repeals.  Wording struck out or replaced ("Thay thế cụm
    từ …") is an amendment, as is a part replaced by new text ("Thay thế Phụ lục … bằng Phụ lục …"); a clause
    saying "sửa đổi" or "bổ sung" keeps the heading's word."""
    arts = [a for a in _holding(articles, c.page, c.start) if a.kind == "dieu"]
    if not arts or not arts[0].title or not AMEND_WORD.match(arts[0].title.strip()):
        return False
    a = arts[0]
    mark = ARTICLE_MARK.match(a.text)
    heading = a.text[mark.end() if mark else 0 : c.start - a.start]
    if SENTENCE_START.search(heading):
        return False  # in a clause, not the heading
    rest = a.text[c.end - a.start :]
    repeals = list(REPEAL_WORD.finditer(rest))
    return (bool(repeals) and not AMEND_WORD.search(rest)
            and not any("thay" in fold(r.group(0)) or WORDING.match(rest[r.end() :]) for r in repeals))


def part_days(text: str) -> dict[tuple[str, str | None], str]:
    """The days an effect article gives parts of its document ("2. Điều 2, Điều 3 Thông tư này có hiệu lực thi
    hành kể từ ngày 01 tháng 9 năm 2026", "… tại khoản 2 và khoản 3 Điều 8, Điều 12 có hiệu lực …"): (article,
    clause or None for the whole article) → ISO day.  Not a sentence naming another document's number."""
    out: dict[tuple[str, str | None], str] = {}
    for m in EFFECTIVE_DAY.finditer(text):
        sentence = SENTENCE_START.split(text[max(0, m.start() - DEFAULT_CONDITION_LOOKBACK) : m.start()])[-1]
        if DOC_NUMBER.search(sentence.upper()):
            continue
        day = _iso_day(m)
        if day is None:
            continue
        clauses: list[str] = []
        for ref in PART_REF.finditer(sentence):
            if ref["clause"]:
                clauses.append(ref["clause"])
            elif ref["article"]:
                for k in clauses or [None]:
                    out.setdefault((ref["article"], k), day)
                clauses = []
            else:  # "Điều này": the clauses named are this article's own
                clauses = []
    return out


def cited_name(full: str, at: int) -> tuple[str, str] | None:
    """(type, name) printed before the cited number at offset ``at`` of ``full``: "Luật Đầu tư số 61/2020/QH14"
    → ("Luật", "Đầu tư"); from the last "Căn cứ" or ";" before it."""
    before = full[max(0, at - DEFAULT_NAME_LOOKBACK) : at]
    before = re.split(r"Căn\s+cứ|;|\bvà\b", before)[-1]
    m = NAME_BEFORE_NUMBER.search(re.sub(r"\s+", " ", before))
    return (m.group("type"), m.group("name").strip()) if m else None


# --------------------------------------------------------------------------- a văn bản hợp nhất

# The type word of a QPPL a văn bản hợp nhất joins, lines wrapping between its words.
TYPE_WORD = (r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Thông\s+tư\s+liên\s+tịch|Thông\s+tư|"
             r"Quyết\s+định)")

# A văn bản hợp nhất names each text it joins with the day that text took effect: its opening ("Nghị định số
# 49/2018/NĐ-CP ngày … của Chính phủ …, có hiệu lực kể từ ngày 15 tháng 5 năm 2018, được sửa đổi, bổ sung bởi:
# 1. Nghị định số … , có hiệu lực kể từ ngày …"), and the footnotes that reprint an amending text's article ("3 Điều
# 5 của Luật số … sửa đổi, bổ sung …, có hiệu lực kể từ ngày 24 tháng 4 năm 2026 quy định như sau: “Điều 5. …”").
# Where such an item starts: the end of the one before (its effect day), a list's mark, "bởi:", a footnote's
# number at a line start, or a line ending a sentence, a clause, a list's lead or a reprint's quote.
JOINED_ITEM_START = re.compile(r"(?P<footnote>\n[ \t]*\d{1,3}[ \t]+(?=[A-ZĐ]))|\n[ \t]*(?:\d+\.|-|\+)[ \t]|"
                               r"bởi\s*:|[.;:”][ \t]*\n")
# How the text an item names is printed, from the item's or a line's start (and its mark) to its number: the part
# a footnote reprints ("Điều 5 của", "Khoản 1 và khoản 3 Điều 30 của"), the type word, the name and "số" ("Luật Thuế
# thu nhập cá nhân số ", "Nghị định số "); a number in a title before it ("Sửa đổi, bổ sung … của Thông tư số …") is
# not it.
JOINED_NAME = re.compile(r"(?:^|\n)[ \t]*(?:(?:\d+\.?|-|\+)[ \t]+)?"
                         r"(?:(?:Điều|Khoản|Điểm|Các\s+điều|Chương|Mục|Phụ\s+lục)\b[^\n]{0,80}?\bcủa\s+)?"
                         rf"(?P<type>{TYPE_WORD})\b[^;:“”]{{0,200}}?\bsố\s*$")
# "ngày 30 tháng 3 năm 2018" right after the number of a text joined: the day it was issued.
ISSUED_AFTER = re.compile(r"\s*ngày\s+(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})\s*năm\s*(?P<year>\d{4})")
# "… quy định như sau: “" after a footnote's effect day: the text of the article it reprints follows, quoted.
REPRINTED = re.compile(r"[^“”\n]{0,80}?như\s+sau\s*:\s*(?P<quote>“)?")
# "được sửa đổi, bổ sung bởi" after the first text of the opening: the ones listed next amend it.
AMENDED_BY_LIST = re.compile(r"được\s+sửa\s+đổi,?\s+bổ\s+sung\s+(?:bởi|theo)", re.I)
# "(sau đây gọi là Thông tư số …)": the name a sentence gives a document it has just named, not another one.
ALIAS_BEFORE = re.compile(r"\(\s*sau\s+đây\s+gọi\s+(?:chung\s+|tắt\s+)?là[^()]*$")
# A footnote saying a part of the first text was struck out by a text joined ("12 Khoản này được bãi bỏ theo quy định
# tại khoản 2 Điều 14 của Thông tư số …"): that text ends the part (wording struck out, "Cụm từ … được bãi bỏ", is an
# amendment, already known from the opening).
STRUCK_NOTE = re.compile(r"\n[ \t]*\d{1,3}[ \t]+(?:Khoản|Điểm|Điều|Mục|Chương|Mẫu|Phụ\s+lục)\b[^\n“”]{0,60}?\s"
                         r"(?:được|bị)\s+bãi\s+bỏ\s+(?:theo\s+quy\s+định\s+)?(?:tại|theo)\b[^“”;]{0,300}?\bsố\s+(?=\d)")
# "Luật này có hiệu lực …" in the body of a văn bản hợp nhất: the effect article of the first text joined.
OWN_EFFECT = re.compile(rf"\b{TYPE_WORD}\s+này\s+có\s+hiệu\s+lực")
# The heading of an article, chapter or section at a line start (the effect article runs to the next one).
UNIT_HEADING = re.compile(r"\n[ \t]*(?:Điều\s+\d+[a-zđ]?\s*\.|Chương\s+[IVXLC\d]+\b|Mục\s+\d+\b)")
DEFAULT_JOINED_LOOKBACK = 1000  # characters before "có hiệu lực kể từ ngày …" searched for the item's start
# A footnote's reprint longer than this (characters) has mostly run on to the foot of the next page, with that page's
# body between its parts in a text layer: what it ends is not read (the longest of one page foot seen: about 1,100).
DEFAULT_REPRINT_MAX = 1200
DEFAULT_OPENING = 4000  # characters of a văn bản hợp nhất read for the texts it joins, before the first article


def _quote_end(full: str, at: int, limit: int | None = None) -> int:
    """The offset after the curly quote closing the one opened at ``at`` (quotes nested inside counted), looked
    for up to ``limit`` characters on; ``len(full)`` when not found."""
    depth = 0
    for i in range(at, len(full) if limit is None else min(len(full), at + limit)):
        if full[i] == OPEN_QUOTE:
            depth += 1
        elif full[i] == CLOSE_QUOTE:
            depth -= 1
            if depth == 0:
                return i + 1
    return len(full)


@dataclass
class _Named:
    """A document number printed in a văn bản hợp nhất: where it stands in the joined pages, the page and span
    the fact keeps, and the citation ``extract`` read there (its type, issuer, date and relation), if any."""

    number: str
    at: int
    end: int
    page: int
    start: int
    citation: Citation | None


def _named(full: str, offsets: list[int], citations: list[Citation]) -> list[_Named]:
    """Every document number of ``full`` (the pages joined), with the citation read at the same place."""
    read = {(c.page, c.start): c for c in citations}
    out = []
    for m in DOC_NUMBER.finditer(full):
        page = bisect_right(offsets, m.start())
        start = m.start() - offsets[page - 1]
        c = read.get((page, start))
        out.append(_Named(c.number if c and c.number else normalise_number(m.group(0)), m.start(), m.end(), page,
                          start, c))
    return out


def expiry_facts(full: str, lo: int, hi: int, named: list[_Named], by: str, since: str | None,
                 source: str, clause: str, document_id: str | None = None,
                 spared: Iterable[str] = ()) -> list[EffectFact]:
    """What the effect article of ``by``, read between ``lo`` and ``hi`` of ``full``, ends: "Luật … số 04/2007/QH12
    đã được sửa đổi, bổ sung … theo Luật số … hết hiệu lực kể từ ngày Luật này có hiệu lực" (in whole, or in part
    when the sentence names a part), "Thông tư này thay thế Thông tư số …", "Bãi bỏ Điều 5 Nghị định số …" — not the
    texts named as having amended it, not "đến khi … hết hiệu lực".  Dated on the day the clause names, else
    ``since`` (the day ``by`` took effect).  ``spared``: numbers it cannot end (the texts joined with it)."""
    out: list[EffectFact] = []
    seen: set[tuple[str, str]] = set()
    spared_keys = {number_key(x) for x in (by, *spared)}
    for n in named:
        at, end, number, c = n.at, n.end, n.number, n.citation
        if not lo <= at < hi or number_key(number) in spared_keys:
            continue
        if not is_document_number(number) or not may_act_on(by, number):
            continue
        before = full[max(lo, at - DEFAULT_CONDITION_LOOKBACK) : at]
        if NOT_A_REPEAL_BEFORE.search(before):
            continue
        sentence = SENTENCE_START.split(before)[-1]
        if TITLE_OF_ANOTHER.search(sentence) or ALIAS_BEFORE.search(sentence):
            continue  # named in the title of another one the sentence cites ("Thông tư số A sửa đổi … Thông tư số B"),
            # or the short name of one named just before ("(sau đây gọi là Thông tư số A)")
        expires = EXPIRES_AFTER.search(full[end : min(hi, end + DEFAULT_EXPIRY_TAIL)])
        words = list(REPEAL_WORD.finditer(sentence))
        day = None
        if expires and not AMENDED_BY_BEFORE.search(sentence.rsplit(")", 1)[-1]):
            kind = REPEALED_PART if PARTIAL_EXPIRY.search(sentence) else REPEALED_WHOLE
            day = day_named(expires.string[expires.end() : expires.end() + DEFAULT_DAY_AFTER])
        elif c is not None and c.relation in (REPLACED, REPEALED_WHOLE) and words \
                and not AMENDED_BY_BEFORE.search(sentence):
            rest = sentence[words[-1].end() :]
            kind = AMENDED if WORDING.match(rest) else REPEALED_PART if PARTIAL.search(rest) else c.relation
        else:
            continue
        if (number_key(number), kind) in seen:
            continue
        seen.add((number_key(number), kind))
        printed = None if c and c.doc_type else cited_name(full, at)  # "Luật … số 71/2006/QH11": its type
        out.append(EffectFact(number, kind, source, on=day or since, by=by, clause=clause,
                              doc_type=c.doc_type if c and c.doc_type else printed[0] if printed else None,
                              issuer=c.issuer if c else None,
                              issued_on=c.issued_on if c else None, document_id=document_id, page=n.page,
                              start=n.start, end=n.start + end - at))
    return out


def consolidation_facts(own: str, full: str, named: list[_Named], body_end: int, source: str,
                        document_id: str | None = None) -> list[EffectFact]:
    """The facts a văn bản hợp nhất ``own`` reprints, each given to the text that states it: the day each text
    it joins took effect (its opening, its footnotes), the texts amending the first one (the opening's list), what
    the effect article of each amending text ends (a footnote reprinting it, quoted), the parts of the first text
    its footnotes say a joined text struck out, and what the effect article of the first text ends (its body,
    footnotes and quotes left out).  ``named``: the numbers printed in ``full`` (``_named``); ``body_end``: where
    the signature of the authentication starts."""
    first_article = re.search(r"\n[ \t]*Điều\s+1\s*\.", full)
    opening_end = min(first_article.start() if first_article else len(full), DEFAULT_OPENING)
    facts, joined, footnotes = _joined_texts(own, full, named, opening_end, source, document_id)
    if not joined or AMENDED_BY_LIST.search(full, 0, joined[0].at):
        return facts  # the first text was not read (its effect day misprinted): which text the body is, is not known
    base, amending = joined[0], joined[1:]
    listed = amending and AMENDED_BY_LIST.search(full, base.at, amending[0].at)
    for t in amending if listed else ():  # "X …, có hiệu lực …, được sửa đổi, bổ sung bởi: Y …; Z …": Y, Z amend X
        facts.append(EffectFact(base.number, AMENDED, source, on=t.day, by=t.number,
                                clause=f"{own}, phần đầu văn bản", doc_type=base.doc_type, document_id=document_id))
    facts += _struck_parts(own, full, named, base, amending, source, document_id)
    body = _blanked(full, footnotes)
    found = list(OWN_EFFECT.finditer(body, opening_end, body_end))
    if found:  # the first text's effect article: from its heading to the next one's
        at = found[-1].start()
        heads = [h.start() for h in UNIT_HEADING.finditer(body, opening_end, at)]
        nxt = UNIT_HEADING.search(body, found[-1].end(), body_end)
        facts += expiry_facts(body, heads[-1] if heads else at, nxt.start() if nxt else body_end, named, base.number,
                              base.day, source, f"{own}, điều khoản thi hành", document_id,
                              spared=[t.number for t in joined])
    return facts


@dataclass
class _Joined:
    """A text the opening of a văn bản hợp nhất names: its number, the day it took effect, where its number stands,
    its type."""

    number: str
    day: str
    at: int
    doc_type: str


def _joined_texts(own: str, full: str, named: list[_Named], opening_end: int, source: str,
                  document_id: str | None) -> tuple[list[EffectFact], list[_Joined], list[tuple[int, int]]]:
    """The texts the opening and the footnotes of a văn bản hợp nhất name with their effect day: a ``ban_hanh`` fact
    for each (once a number), what each footnote's quoted reprint of an effect article ends; the opening's texts in
    order; the spans of the footnotes (the body is read without them)."""
    facts: list[EffectFact] = []
    joined: list[_Joined] = []
    footnotes: list[tuple[int, int]] = []
    seen: set[str] = set()
    previous = 0  # where the item before ended (its effect day), or the text starts
    for m in EFFECTIVE_DAY.finditer(full):
        lo = max(previous, m.start() - DEFAULT_JOINED_LOOKBACK)
        starts = list(JOINED_ITEM_START.finditer(full, lo, m.start()))
        reprint = REPRINTED.match(full, m.end())
        footnote = reprint is not None or (bool(starts) and starts[-1]["footnote"] is not None)
        item_start = starts[-1].end() if starts else lo if lo == previous else None
        if item_start is None or (not footnote and m.start() > opening_end):
            continue  # a sentence of the body, not a text joined
        previous = m.end()
        leads = ((n, JOINED_NAME.search(full[item_start : n.at])) for n in named if item_start <= n.at < m.start())
        first, lead = next(((n, lead) for n, lead in leads if lead), (None, None))
        day = _iso_day(m)
        if not first or not lead or not day or not is_document_number(first.number):
            continue
        number, doc_type = first.number, re.sub(r"\s+", " ", lead["type"])
        if number_key(number) not in seen:
            seen.add(number_key(number))
            issued = ISSUED_AFTER.match(full, first.end)
            facts.append(EffectFact(number, ISSUED, source, on=day, by=own,
                                    clause=f"{own}, {'chú thích' if footnote else 'phần đầu văn bản'}",
                                    doc_type=doc_type, issued_on=_iso_day(issued) if issued else None,
                                    effective_on=day, document_id=document_id, page=first.page, start=first.start,
                                    end=first.start + first.end - first.at))
        if not footnote:
            if all(number_key(number) != number_key(t.number) for t in joined):  # listed again in a footnote
                joined.append(_Joined(number, day, first.at, doc_type))
            continue
        quoted = reprint is not None and reprint["quote"] is not None
        close = _quote_end(full, reprint.start("quote"), DEFAULT_REPRINT_MAX) if quoted else len(full)
        if quoted and close - m.end() <= DEFAULT_REPRINT_MAX:
            facts += expiry_facts(full, reprint.end(), close, named, number, day, source,
                                  f"{own}, chú thích: {number}", document_id)
        else:  # not quoted, or longer than a page bottom holds: where it ends is not known, the body near it unread
            close = min(len(full), m.end() + DEFAULT_EFFECT_AFTER)
        footnotes.append((item_start, close))
    return facts, joined, footnotes


def _struck_parts(own: str, full: str, named: list[_Named], base: _Joined, amending: list[_Joined], source: str,
                  document_id: str | None) -> list[EffectFact]:
    """The partial repeals of the first text its footnotes state ("12 Khoản này được bãi bỏ theo quy định tại … của
    Thông tư số …"), by a text joined with it, on that text's day: once per text."""
    days = {number_key(t.number): t.day for t in amending}
    out: list[EffectFact] = []
    for m in STRUCK_NOTE.finditer(full):
        by = next((n for n in named if n.at == m.end()), None)
        key = number_key(by.number) if by else None
        if by is None or key not in days:
            continue
        out.append(EffectFact(base.number, REPEALED_PART, source, on=days.pop(key), by=by.number,
                              clause=f"{own}, chú thích", doc_type=base.doc_type, document_id=document_id,
                              page=by.page, start=by.start, end=by.start + by.end - by.at))
    return out


def _blanked(full: str, spans: list[tuple[int, int]]) -> str:
    """``full`` with the ``spans`` and every curly-quoted passage blanked (offsets kept)."""
    out = list(full)
    for lo, hi in spans:
        out[lo:hi] = " " * (hi - lo)
    depth = 0  # one pass: inside quotes (nested counted) from an opening one to the one closing it
    for i, ch in enumerate(full):
        depth += ch == OPEN_QUOTE
        if depth:
            out[i] = " "
            depth -= ch == CLOSE_QUOTE
    return "".join(out)


def facts_of_document(header: Header, citations: list[Citation], articles: list[Article], blocks: Blocks,
                      page_texts: list[str], source: str,
                      document_id: str | None = None, grounds: bool = False) -> list[EffectFact]:
    """The effect facts one document states: its own (number, type, issuer, title, dates: ``ban_hanh``), and
    for each document its effect article replaces, repeals (in whole or in part) or amends — or its title
    amends — a fact about that document dated on this one's effect date.  With ``grounds`` (a published
    document: the Công báo), each căn cứ with a number too: in force on this one's signing date, with the
    name printed before its number.  Nothing without its own number.  ``blocks``: where ``extract`` found the
    effect clause and the signature (the effect article ends before it).  A văn bản hợp nhất: its own fact, with
    no effect date, and what it reprints given to the texts it joins (``consolidation_facts``)."""
    own = header.number
    if not own:
        return []
    consolidation = fold(header.doc_type or "") == fold(CONSOLIDATION)
    own_key = number_key(own)
    offsets = _offsets(page_texts)
    full = PAGE_JOIN.join(page_texts)

    def where(page: int, start: int) -> str:
        path = _article_path(articles, page, start)
        return f"{own}, {path}" if path else own

    def act_fact(c: Citation, kind: str, day: str | None = None) -> EffectFact:
        named = None if c.doc_type else cited_name(full, offsets[c.page - 1] + c.start)  # "Luật … số …": its type
        holding = {a.kind: a.number for a in _holding(articles, c.page, c.start)}  # its Điều and khoản
        part_day = (days_of_parts.get((holding["dieu"], holding.get("khoan")))
                    or days_of_parts.get((holding["dieu"], None))) if "dieu" in holding else None
        return EffectFact(c.number, kind, source, on=day or part_day or since, by=own, clause=where(c.page, c.start),
                          doc_type=c.doc_type or (named[0] if named else None), issuer=c.issuer,
                          issued_on=c.issued_on, document_id=document_id, page=c.page, start=c.start, end=c.end)

    effect_clause = blocks.effect_clause
    if consolidation:  # no effect date of its own: its effect clauses are those of the texts it joins, footnoted
        effect_clause = None
    clause = where(effect_clause.page, effect_clause.start) if effect_clause else f"{own}, phần đầu văn bản"
    span = dict(page=effect_clause.page, start=effect_clause.start, end=effect_clause.end) if effect_clause else {}
    effective_on = header.effective_on if effect_clause else None
    facts = [EffectFact(own, ISSUED, source, on=effective_on, by=own, clause=clause, doc_type=header.doc_type,
                        issuer=header.issuer, title=header.title, issued_on=header.issued_on,
                        effective_on=effective_on, document_id=document_id, **span)]
    if consolidation:
        sig = blocks.signature
        return facts + consolidation_facts(own, full, _named(full, offsets, citations),
                                           offsets[sig.page - 1] + sig.start if sig else len(full), source, document_id)
    since = header.effective_on or header.issued_on
    days_of_parts: dict[tuple[str, str | None], str] = {}  # parts of this document the effect article dates apart
    window = None
    if effect_clause:
        at = offsets[effect_clause.page - 1] + effect_clause.start
        form = NATIONAL_TITLE.search(full, at)  # a form annexed after the article (its text is not the article's)
        # the characters after the clause, or the whole effect article when longer ("7. … bãi bỏ …: a) … g) …"
        # pages on): up to the next article, chapter or part, or the signature when it is the last
        sig = blocks.signature
        ends = [x for a in articles if a.kind in UNIT_KINDS and (x := offsets[a.page - 1] + a.start) > at]
        ends += [x for x in [offsets[sig.page - 1] + sig.start] if x > at] if sig else []
        after = max(at + DEFAULT_EFFECT_AFTER, min(ends)) if ends else at + DEFAULT_EFFECT_AFTER
        window = (at - DEFAULT_EFFECT_BEFORE, min(after, form.start() if form else len(full)))
        days_of_parts.update(part_days(full[at : window[1]]))
    title_span = header.spans.get("title")
    quoted = quote_depth(full)
    # the articles end at the signature, or where a form or another document starts (an appendix does not act)
    ends_of_body = [offsets[b.page - 1] + b.start for b in (blocks.signature, blocks.embedded) if b is not None]
    body_end = min(ends_of_body) if ends_of_body else len(full)
    # the căn cứ stand before the first article: one cited further on (a licence form's, an appendix table's
    # "Căn cứ bổ sung" column) is not this document's
    first_article = next((a for a in articles if a.kind == "dieu"), None)
    grounds_end = min(body_end, offsets[first_article.page - 1] + first_article.start) if first_article else body_end
    seen: set = set()
    from_title: list[tuple[Citation, str]] = []  # what the title says, kept when the articles do not say it
    for c in citations:
        named_as = name_number(c.doc_type, c.name, c.issued_on) if not c.number else None
        own_ground = c.page <= len(page_texts) and offsets[c.page - 1] + c.start < grounds_end
        if grounds and named_as and c.relation == GROUND and header.issued_on and named_as not in seen and own_ground:
            seen.add(named_as)  # a law cited by name and date only: known by that name and date
            facts.append(EffectFact(named_as, GROUND, source, on=header.issued_on, by=own,
                                    clause=where(c.page, c.start), doc_type=c.doc_type, title=c.name,
                                    issued_on=c.issued_on, document_id=document_id, page=c.page, start=c.start,
                                    end=c.end))
            continue
        key = number_key(c.number) if c.number else None
        if not key or key == own_key or c.page > len(page_texts) or not is_document_number(c.number):
            continue
        at = offsets[c.page - 1] + c.start
        in_effect = window is not None and window[0] <= at <= window[1]
        in_title = (title_span is not None and title_span[0] == c.page and title_span[1] <= c.start < title_span[2])
        kind = None
        before = full[max(0, at - DEFAULT_CONDITION_LOOKBACK) : at]
        acts = not NOT_A_REPEAL_BEFORE.search(before) and may_act_on(own, c.number)  # can it end or amend it
        sentence = SENTENCE_START.split(before)[-1].replace(own, "")
        if sentence.count(OPEN_QUOTE) > sentence.count(CLOSE_QUOTE):
            continue  # inside quoted wording
        if not in_effect and window is not None and at < body_end and not in_title \
                and (first := TITLE_ACT.search(sentence)) and OPERATIVE_OPENING.search(sentence[: first.start()]) \
                and not quoted(at):
            # "4. Bãi bỏ Điều 60 Thông tư số …" in an amending article acts wherever it stands; in a document with no
            # effect clause of its own (a report's "2. Bãi bỏ Quyết định số …" is a proposal) nothing does
            in_effect = True
        expires = acts and in_effect and EXPIRES_AFTER.search(
            full[offsets[c.page - 1] + c.end : offsets[c.page - 1] + c.end + DEFAULT_EXPIRY_TAIL])
        relation = c.relation
        acted = (list(TITLE_ACT.finditer(sentence)) or [None])[-1] if relation == AMENDED else None  # its act word
        if acted is not None and REPEAL_WORD.fullmatch(acted.group(0)) \
                and OPERATIVE_OPENING.search(sentence[: acted.start()]):
            # "Sửa đổi, bổ sung Luật … (heading) Bãi bỏ khoản 2 Điều 32 của Luật …": a repeal
            relation = REPLACED if "thay" in fold(acted.group(0)) else REPEALED_WHOLE
        listed = listed_repeal(full, at, window) if acts and in_effect and relation == "mention" else None
        day = None  # the day the clause itself names for the end ("hết hiệu lực từ ngày 01 tháng 7 năm 2025")
        if in_title:  # the document's own title: the act word that governs the number ("Bãi bỏ Thông tư số …")
            lead = page_texts[c.page - 1][title_span[1] : c.start]
            other = TITLE_OF_ANOTHER.search(lead) or AMENDED_BY_BEFORE.search(lead)  # named in another's title
            act = None if other else (list(TITLE_ACT.finditer(lead)) or [None])[-1]
            if act is not None and may_act_on(own, c.number):
                word = fold(act.group(0))
                from_title.append((c, AMENDED if "sua" in word or "bo sung" in word else REPLACED if "thay" in word
                                   else REPEALED_PART if PARTIAL.search(lead[act.end() :]) else REPEALED_WHOLE))
            continue
        elif listed is not None:  # "… bãi bỏ các quy định sau: … c) Chương I Thông tư số …"
            item, word, day = listed
            kind = REPEALED_PART if PARTIAL.search(item) else REPLACED if "thay" in fold(word) else REPEALED_WHOLE
        elif expires and c.relation in ("mention", "can_cu", AMENDED, REPEALED_WHOLE) \
                and not AMENDED_BY_BEFORE.search(sentence.rsplit(")", 1)[-1]):
            # "Nghị định số … hết hiệu lực kể từ …"; not the documents named as having amended it ("Luật A đã được
            # sửa đổi, bổ sung một số điều theo Luật B hết hiệu lực": B may be a law of its own, still in force),
            # but a second one after the list closes ("… (sau đây gọi chung là …) và Nghị quyết C hết hiệu lực")
            kind = REPEALED_PART if PARTIAL_EXPIRY.search(sentence) else REPEALED_WHOLE
            day = day_named(expires.string[expires.end() : expires.end() + DEFAULT_DAY_AFTER])
        elif acts and in_effect and relation in (REPLACED, REPEALED_WHOLE):
            near = full[max(0, at - DEFAULT_REPEAL_LOOKBACK) : at]
            ends = list(SENTENCE_END.finditer(near))
            if ends and not REPEAL_WORD.search(near, ends[-1].end()):
                continue  # the repeal word is another sentence's ("… bãi bỏ Quyết định số A. Điều 6 của Quyết định B")
            words = list(REPEAL_WORD.finditer(near))
            if not words:  # a long quoted phrase between: "Bãi bỏ cụm từ “…” tại khoản 2 Điều 8 Thông tư số …"
                near = sentence
                words = list(REPEAL_WORD.finditer(near))
            partial = bool(words) and bool(PARTIAL.search(near[words[-1].end() :]))
            kind = REPEALED_PART if partial else relation
            if words and WORDING.match(near[words[-1].end() :]):
                kind = AMENDED
        elif acts and relation == AMENDED and in_effect and not AMENDED_BY_BEFORE.search(before) \
                and not of_another(full, at, own):
            kind = REPEALED_PART if heading_only_repeals(articles, c) else AMENDED
        elif grounds and c.relation == GROUND and header.issued_on and (key, GROUND) not in seen and own_ground:
            named = cited_name(full, at)
            seen.add((key, GROUND))
            facts.append(EffectFact(c.number, GROUND, source, on=header.issued_on, by=own,
                                    clause=where(c.page, c.start), doc_type=c.doc_type or (named[0] if named else None),
                                    title=named[1] if named else None, issued_on=c.issued_on,
                                    document_id=document_id, page=c.page, start=c.start, end=c.end))
            continue
        if kind is None or (key, kind) in seen:
            continue
        seen.add((key, kind))
        facts.append(act_fact(c, kind, day))
    for c, kind in from_title:
        if (number_key(c.number), kind) not in seen:
            seen.add((number_key(c.number), kind))
            facts.append(act_fact(c, kind))
    return facts


# --------------------------------------------------------------------------- names


TYPE_WORDS = re.compile(r"^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|"
                        r"Chỉ thị|Hiến pháp)\s+", re.I)  # the type word a name starts with
# a căn cứ of a Công báo document shows the cited one in force on that document's date, and is taken as evidence
# of its status for this many days after (a document replaced since by one rasoat has not read would otherwise
# stay "in force" for ever)
DEFAULT_GROUND_FRESH_DAYS = 366
# A document cited as căn cứ on a later day was in force on an earlier one too (a repealed document does not come
# back), once it had taken effect by then: its own effect date, a căn cứ citing it on or before that day, or its
# issue date this many days before.  For a code, law, ordinance or resolution of the Quốc hội or its Standing
# Committee: longer than any of them waited to take effect in the corpus years (the Bộ luật Hình sự 2015 waited
# two years and a month) …
DEFAULT_START_LAG_DAYS = 800
# … and for the others (decrees, decisions, circulars, local documents): a year — the Công báo texts read for the
# shipped registry waited at most 122 days (Thông tư, of 122), 92 (Nghị định, of 54), the law's floor being 45
# days for central documents and 10 for provincial ones.
DEFAULT_START_LAG_OTHER_DAYS = 366
LAW_TYPES = {"bo luat", "luat", "phap lenh", "hien phap"}  # folded: the types of the higher lag
DEFAULT_EVIDENCE_GROUNDS = 20  # căn cứ facts listed as evidence in a registry row: the latest ones
DEFAULT_NAME_SCORE = 90  # fuzz.ratio (0–100) of two normalised names for a name to match a registry title
DEFAULT_CERTAIN = 0.9  # confidence from which a name citation gets the number (citations.number is filled)
CONFIDENCE_DATE = 1.0  # the cited date is the registry's issue date
CONFIDENCE_YEAR = 0.9  # only the year agrees: the registry knows no day for it, nor two days for the name that year
# the years agree but the days differ, or the name is seen with two days of that year (two laws of one name passed
# in one year, as in 2025: "Luật Tổ chức chính quyền địa phương" of 19 February and of 16 June)
CONFIDENCE_OTHER_DAY = 0.7
CONFIDENCE_UNDATED = 0.6  # the citation gives no date


def start_lag(number: str | None, types: set[str]) -> int:
    """Days after its issue by which a document had surely taken effect (``DEFAULT_START_LAG_DAYS`` for laws
    and the Quốc hội's resolutions, by their number or the folded ``types`` their facts name, else
    ``DEFAULT_START_LAG_OTHER_DAYS``)."""
    if (legal_force(number) or 9) <= 2 or types & LAW_TYPES:
        return DEFAULT_START_LAG_DAYS
    return DEFAULT_START_LAG_OTHER_DAYS


# Quote marks and accents standing alone, which no name of a document holds: a scan's stray marks ("Pháp lệnh Ưu đãi
# người 'có công …") or a title quoted.
QUOTE_MARKS = re.compile(r"[\"'`´‘’“”]")


def name_key(text: str | None) -> str:
    """"Luật Tổ chức Chính phủ" → "tổ chức chính phủ": type word dropped, one spelling, lower case, and the
    "số …" or date a title may end with cut."""
    text = TYPE_WORDS.sub("", collapse(QUOTE_MARKS.sub("", text or "")))
    text = re.split(r"\s+(?:số\s+\d|ngày\s+\d)", text)[0]
    return unify(text).casefold().strip(" .;,")


def name_number(doc_type: str | None, name: str | None, issued_on: str | None) -> str | None:
    """What stands for the number of a document known only by its name and date (a law cited "Luật Tổ chức
    Chính phủ ngày 19 tháng 6 năm 2015"): "Luật tổ chức chính phủ ngày 19/06/2015"; None without both."""
    key = name_key(name)
    d = _days(issued_on)
    if not key or not d:
        return None
    kind = (doc_type or (TYPE_WORDS.match(collapse(name or "")) or [""])[0]).strip()
    return f"{kind} {key} ngày {d:%d/%m/%Y}".strip()


def is_name_number(number: str | None) -> bool:
    """A ``name_number``, not a printed số ký hiệu."""
    return bool(number) and not number[0].isdigit()


# --------------------------------------------------------------------------- the registry


def _days(d: DateLike | None) -> date | None:
    try:
        return as_date(d)
    except ValueError:
        return None


@dataclass
class _Indexed:
    """The facts of one number key, arranged for ``Registry.status``: the căn cứ facts sorted by date apart
    from the others, each with the number key of the document that states it; the facts that end or amend it
    sorted by date."""

    plain: list[EffectFact]  # every fact but the căn cứ ones
    own: list[EffectFact]  # its own (ban_hanh)
    starts: list[date]  # the effect (else issue) dates its own facts give
    events: list[EffectFact]  # the facts that end or amend it, by date
    event_dates: list[date]
    first_whole: EffectFact | None  # the earliest fact replacing or repealing it whole
    first_partial: EffectFact | None  # the earliest partial repeal
    grounds: list[tuple[date, str | None, EffectFact]]  # (cited on, citing key, fact), by date
    dates: list[date]  # the dates of ``grounds``, for bisect
    issued: list[tuple[date, str | None, EffectFact]]  # (issue date given, stating key, fact), by date
    types: set[str]  # the folded types the facts name

    @classmethod
    def of(cls, facts: list[EffectFact]) -> _Indexed:
        grounds = sorted(((on, number_key(f.by or ""), f) for f in facts if f.kind == GROUND and (on := _days(f.on))),
                         key=lambda r: r[0])
        issued = sorted(((x, number_key(f.by or "") if f.kind == GROUND else None, f) for f in facts
                         if (x := _days(f.issued_on))), key=lambda r: r[0])
        plain = [f for f in facts if f.kind != GROUND or not _days(f.on)]
        own = [f for f in plain if f.kind == ISSUED]
        events = sorted((f for f in plain if f.kind not in (ISSUED, GROUND) and _days(f.on)), key=lambda f: _days(f.on))
        return cls(plain=plain, own=own, starts=[x for f in own if (x := _days(f.effective_on) or _days(f.issued_on))],
                   events=events, event_dates=[_days(f.on) for f in events],
                   first_whole=next((f for f in events if f.kind in (REPLACED, REPEALED_WHOLE)), None),
                   first_partial=next((f for f in events if f.kind == REPEALED_PART), None),
                   grounds=grounds, dates=[r[0] for r in grounds], issued=issued,
                   types={fold(f.doc_type) for f in facts if f.doc_type})


class Registry:
    """The effect facts of many documents, by number key."""

    def __init__(self, facts: Iterable[EffectFact] = ()) -> None:
        self.by_key: dict[str, list[EffectFact]] = {}
        self._names: tuple[list[str], list[tuple[str, str, str | None, str | None]]] | None = None
        self._resolved: dict[tuple, tuple[str, float] | None] = {}
        self._indexed: dict[str, _Indexed | None] = {}
        self._aliases: dict[str, list[str]] | None = None
        self._name_days: dict[tuple[str, str], set[str]] = {}
        self.add(facts)

    def add(self, facts: Iterable[EffectFact]) -> None:
        for f in facts:
            key = number_key(f.number)
            if key:
                self.by_key.setdefault(key, []).append(f)
        self._names = None
        self._indexed = {}
        self._aliases = None

    def __contains__(self, number: str) -> bool:
        return bool(number) and number_key(number) in self.by_key

    def __len__(self) -> int:
        return len(self.by_key)

    def facts(self, number: str | None) -> list[EffectFact]:
        """The facts of ``number``, with those of the names it is cited by (``aliases``)."""
        return self._facts_of_key(number_key(number or "") or "")

    def _facts_of_key(self, key: str) -> list[EffectFact]:
        out = list(self.by_key.get(key, []))
        for alias in self.aliases().get(key, ()):
            out += self.by_key[alias]
        return out

    def aliases(self) -> dict[str, list[str]]:
        """The number key of each document also known here by its name and date only (``name_number``: a law
        cited "Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015" by one text, "… số 76/2015/QH13" by another),
        with those name keys: the name resolved to the number with certainty (``resolve_name``), so that the
        facts of both speak for one document.  Built once per set of facts."""
        if self._aliases is None:
            out: dict[str, list[str]] = {}
            for key, facts in self.by_key.items():
                named = next((f for f in facts if f.title), None) if is_name_number(facts[0].number) else None
                hit = self.resolve_name(named.title, named.doc_type, named.issued_on) if named else None
                if hit and hit[1] >= DEFAULT_CERTAIN and (target := number_key(hit[0])) and target != key:
                    out.setdefault(target, []).append(key)
            self._aliases = out
        return self._aliases

    def _index(self, key: str) -> _Indexed | None:
        """The facts of one number key arranged for ``status``: built once per set of facts (a law a large
        database cites as căn cứ has a fact per citing document)."""
        if key not in self._indexed:
            facts = self._facts_of_key(key)
            self._indexed[key] = _Indexed.of(facts) if facts else None
        return self._indexed[key]

    def status(self, number: str | None, on: DateLike | None = None, doc_type: str | None = None,
               citing: str | None = None, lists: bool = True) -> EffectStatus:
        """The status of ``number`` on ``on`` (today when None): repealed in whole once a replacing or
        repealing clause has taken effect; not yet in force before its own effect date; partly repealed once
        a partial repeal has; else in force (amendments listed).  Unknown without any fact, or when the
        ``doc_type`` cited is not the one the facts name (Luật and Nghị quyết 71/2006/QH11 are two documents).

        ``citing``: the number of the document asking (its căn cứ being checked); its own căn cứ, and those of
        its copies, are no evidence for it.  ``lists=False``: the status, its date and one fact of evidence,
        without the lists of replacing, repealing and amending documents (what a rebuild of every citation
        needs)."""
        d = _days(on) or date.today()
        out = EffectStatus(number=number or "", on=d.isoformat(), status=UNKNOWN)
        ix = self._index(number_key(number or "") or "")
        if ix is None:
            return out
        want = fold(doc_type) if doc_type and ix.types else None
        if want and want not in ix.types:  # the facts name another type: another document of the same number
            return out
        if want and len(ix.types) > 1:  # facts of two documents under one number: this one's only
            key = f"{number_key(number or '')}\x00{want}"
            if key not in self._indexed:
                self._indexed[key] = _Indexed.of([f for f in self.facts(number)
                                                  if not f.doc_type or fold(f.doc_type) == want])
            ix = self._indexed[key]
        me = number_key(citing) if citing else None

        def first(rows: list[tuple[date, str | None, EffectFact]], indices: Iterable[int],
                  until: date | None = None) -> EffectFact | None:
            for j in indices:
                when, by, f = rows[j]
                if until is not None and when > until:
                    return None
                if not (me and by == me):
                    return f
            return None

        g = ix.grounds
        i = bisect_right(ix.dates, d)
        if not ix.plain and first(g, range(len(g))) is None:
            return out
        n = bisect_right(ix.event_dates, d)
        if lists:
            taken = ix.events[:n]
            by_kind = {k: sorted({f.by for f in taken if f.kind == k and f.by}) for k in KINDS}
            out.replaced_by, out.repealed_by = by_kind[REPLACED], by_kind[REPEALED_WHOLE]
            out.partly_repealed_by, out.amended_by = by_kind[REPEALED_PART], by_kind[AMENDED]
            whole = [f for f in taken if f.kind in (REPLACED, REPEALED_WHOLE)]
            partial = [f for f in taken if f.kind == REPEALED_PART]
        else:
            whole = [f for f in (ix.first_whole,) if f and _days(f.on) <= d]
            partial = [f for f in (ix.first_partial,) if f and _days(f.on) <= d]
        own, starts = ix.own, ix.starts
        if whole:
            out.status, out.evidence = REPEALED, whole
            out.since = min(_days(f.on) for f in whole).isoformat()
        elif starts and min(starts) > d:
            out.status, out.evidence, out.since = NOT_YET, own, None
        elif partial:
            out.status, out.evidence = PARTLY_REPEALED, partial
            out.since = min(_days(f.on) for f in partial).isoformat()
        else:
            oldest = d - timedelta(days=DEFAULT_GROUND_FRESH_DAYS)
            fresh = first(g, takewhile(lambda j: g[j][0] >= oldest, range(i - 1, -1, -1)))  # latest on/before d
            if fresh is None:
                # issued long enough before (any source's date, the asking document's too: an issue date is no
                # evidence of status; else the year its number carries, issued by the 31 December of it)
                by_day = d - timedelta(days=start_lag(number, ix.types))
                year = number_year(number or "")
                started = (any(s <= d for s in starts) or first(g, range(i)) is not None
                           or bool(ix.issued and ix.issued[0][0] <= by_day)
                           or (year is not None and date(year, 12, 31) <= by_day))
                if started:  # in force later, and already in effect on that day
                    fresh = first(g, range(i, len(g)))
            if not own and fresh is None and not ix.plain:
                return out  # only cited long before: what happened since is not known
            out.status = IN_FORCE
            out.evidence = own or ([fresh] if fresh else []) or ix.plain[:1]
            out.since = min(starts).isoformat() if starts else None
        return out

    def entry(self, number: str, on: DateLike | None = None) -> dict[str, Any]:
        """The registry row of ``number``: what its facts say, the most trusted source first, its status on
        ``on`` (today), where each fact came from, and the disagreements between sources."""
        facts = sorted(self.facts(number), key=lambda f: SOURCES.index(f.source) if f.source in SOURCES else 9)
        own = [f for f in facts if f.kind == ISSUED]
        pick = lambda name: next((getattr(f, name) for f in own if getattr(f, name)), None)  # noqa: E731
        st = self.status(number, on)
        printed = next((f.number for f in own), None) or (facts[0].number if facts else number)
        return dict(
            number=printed, doc_type=pick("doc_type") or next((f.doc_type for f in facts if f.doc_type), None),
            issuer=pick("issuer"), title=pick("title"),
            issued_on=pick("issued_on") or next((f.issued_on for f in facts if f.issued_on), None),
            effective_on=pick("effective_on"), status=st.status, status_from=st.since,
            replaced_by=st.replaced_by, repealed_by=st.repealed_by, partly_repealed_by=st.partly_repealed_by,
            amended_by=st.amended_by, source=", ".join(dict.fromkeys(f.source for f in facts)),
            evidence=[evidence_of(f) for f in _with_latest_grounds(facts)],
            conflicts="; ".join(self.conflicts(number)) or None,
        )

    def conflicts(self, number: str) -> list[str]:
        """Where two sources disagree about ``number``: its dates, its type, or when a replacing or repealing
        document took effect.  Kept and shown, never settled here."""
        facts = self.facts(number)
        out = []
        own = [f for f in facts if f.kind == ISSUED]
        for name, label in (("issued_on", "ngày ban hành"), ("effective_on", "ngày có hiệu lực"),
                            ("doc_type", "loại văn bản")):
            values: dict[str, list[str]] = {}
            for f in own:
                v = getattr(f, name)
                if v:
                    where = f"{f.source}: {f.clause or f.by}"
                    values.setdefault(fold(v) if name == "doc_type" else v, []).append(where)
            if len(values) > 1:
                out.append(f"{label} khác nhau: " + " ≠ ".join(f"{v} ({', '.join(w)})" for v, w in values.items()))
        ends: dict[str, dict[str, list[str]]] = {}
        for f in facts:
            if f.kind in (REPLACED, REPEALED_WHOLE) and f.by:
                ends.setdefault(number_key(f.by), {}).setdefault(f.on or "?", []).append(f"{f.source}: {f.clause}")
        for by, dates in ends.items():
            if len(dates) > 1:
                out.append(f"ngày hết hiệu lực (do {by.upper()}) khác nhau: "
                           + " ≠ ".join(f"{d} ({', '.join(w)})" for d, w in dates.items()))
        return out

    # ---------------------------------------------------------------- names to numbers

    def _name_index(self) -> tuple[list[str], list[tuple[str, str, str | None, str | None]]]:
        """The name keys of every document with a title, and for each its (number, folded type, issue date,
        year): built once per set of facts, the keys in one list for rapidfuzz to score in C.  A number's issue
        date is the one any of its facts gives.  Also kept: the issue dates each name is seen with in a year
        (``_name_days``), documents known by name and date only included."""
        if self._names is None:
            seen, keys, found = set(), [], []
            day_of: dict[str, str] = {}
            dated: set[tuple[str, str]] = set()  # (title, day) read once: a law is cited by thousands of documents
            self._name_days = {}
            for key, facts in self.by_key.items():
                for f in facts:
                    if f.kind not in (ISSUED, GROUND) or not f.title:
                        continue
                    if f.issued_on and (f.title, f.issued_on) not in dated:
                        dated.add((f.title, f.issued_on))
                        self._name_days.setdefault((name_key(f.title), f.issued_on[:4]), set()).add(f.issued_on)
                    if is_name_number(f.number):
                        continue
                    if f.issued_on:
                        day_of.setdefault(key, f.issued_on)
                    if (f.number, f.title) not in seen:
                        seen.add((f.number, f.title))
                        keys.append(name_key(f.title))
                        found.append((key, f.number, fold(f.doc_type) if f.doc_type else None))
            rows = []
            for key, number, doc_type in found:
                on = day_of.get(key)
                year = on[:4] if on else (str(number_year(number)) if number_year(number) else None)
                rows.append((number, doc_type, on, year))
            self._names = (keys, rows)
            self._resolved = {}
        return self._names

    def resolve_name(self, name: str | None, doc_type: str | None = None,
                     issued_on: str | None = None) -> tuple[str, float] | None:
        """The number of the document cited by name (and date), with a confidence 0–1: the name against every
        registry title (rapidfuzz ratio of the normalised names ≥ ``DEFAULT_NAME_SCORE``), the type agreeing,
        then the date (same day, same year, none given).  ``issued_on``: an ISO date, or a year alone ("2019":
        "Bộ luật Lao động năm 2019"), as sure as a year that agrees.  None when nothing matches or two numbers
        match equally well.  Answers are kept until facts are added (a law is cited by the same name thousands of
        times in a large database)."""
        keys, _ = self._name_index()
        asked = (name, doc_type, issued_on)
        if asked not in self._resolved:
            self._resolved[asked] = self._resolve_name(name_key(name), doc_type, issued_on) if keys else None
        return self._resolved[asked]

    def _resolve_name(self, key: str, doc_type: str | None, issued_on: str | None) -> tuple[str, float] | None:
        from rapidfuzz import fuzz, process

        if not key:
            return None
        keys, rows = self._name_index()
        want_type = fold(doc_type or "")
        year = issued_on[:4] if issued_on else None
        scored: dict[str, float] = {}
        for _, score, i in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=DEFAULT_NAME_SCORE,
                                           limit=None):
            number, t, on, their_year = rows[i]
            if want_type and t and t != want_type:
                continue
            if year and their_year and their_year != year:
                continue
            if not issued_on or not their_year:
                weight = CONFIDENCE_UNDATED
            elif on == issued_on:
                weight = CONFIDENCE_DATE
            elif len(issued_on) == len("2019"):  # the year alone was cited: no day to disagree
                weight = CONFIDENCE_OTHER_DAY if len(self._name_days.get((key, year), ())) > 1 else CONFIDENCE_YEAR
            elif on or len(self._name_days.get((key, year), ())) > 1:
                weight = CONFIDENCE_OTHER_DAY  # the registry's day differs, or the name is seen on two days that year
            else:
                weight = CONFIDENCE_YEAR
            conf = round(score / 100 * weight, 3)
            k = number_key(number)
            scored[k] = max(scored.get(k, 0.0), conf)
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        best_key, conf = ranked[0]
        printed = next(f.number for f in self.by_key[best_key])
        return printed, conf


def _with_latest_grounds(facts: list[EffectFact]) -> list[EffectFact]:
    """``facts`` with only the ``DEFAULT_EVIDENCE_GROUNDS`` latest căn cứ facts (a law cited by thousands of stored
    documents would otherwise list each in its registry row)."""
    grounds = sorted((f for f in facts if f.kind == GROUND), key=lambda f: f.on or "", reverse=True)
    keep = {id(f) for f in grounds[:DEFAULT_EVIDENCE_GROUNDS]}
    return [f for f in facts if f.kind != GROUND or id(f) in keep]


def number_of(registry: Registry, number: str | None, name: str | None = None, doc_type: str | None = None,
              issued_on: str | None = None, year: int | None = None) -> tuple[str | None, str]:
    """The registry number of a cited document and how it was found: its printed number ("số"); its name and
    date (or ``year`` alone: "Bộ luật Lao động năm 2019") matched to a registry title with certainty ("tên");
    its name and date as known by them (``name_number``: "tên và ngày"); else (None, "")."""
    if number:
        return number, "số"
    when = issued_on or (str(year) if year else None)
    hit = registry.resolve_name(name, doc_type, when) if name else None
    if hit and hit[1] >= DEFAULT_CERTAIN:
        return hit[0], "tên"
    named = name_number(doc_type, name, issued_on)
    if named and named in registry:
        return named, "tên và ngày"
    return None, ""


def evidence_of(f: EffectFact) -> dict[str, Any]:
    """Where a fact was read: its source and clause, the Công báo page of the text that says it, and the stored
    document and span when there is one."""
    out = dict(source=f.source, kind=f.kind, by=f.by, on=f.on, clause=f.clause)
    # the gazette text to open: the one whose clause says it (named first in the clause: a văn bản hợp nhất
    # states facts of the texts it joins), else the acting one
    stated = (f.clause or "").split(",")[0].strip()
    url = next((u for n in (stated, f.by) if n and (u := gazette_urls().get(number_key(n) or ""))), None)
    if f.source == SOURCE_GAZETTE and url:
        out["url"] = url
    if f.document_id:
        out.update(document_id=f.document_id, page=f.page, start=f.start, end=f.end)
    return out


# --------------------------------------------------------------------------- the registry shipped with rasoat


def fact_from_dict(d: dict[str, Any], source: str) -> EffectFact:
    fields = ("number", "kind", "on", "by", "clause", "doc_type", "issuer", "title", "issued_on", "effective_on")
    return EffectFact(source=source, **{k: d.get(k) for k in fields})


def _facts_of_effect_rules() -> list[EffectFact]:
    """The repeal records of ``effect_rules.json`` as facts: each repealed document replaced by the listed
    ones from ``not_in_force_from``; its name and passing date (when given) as its own fact.  A replacing
    document took effect that day (its effect article ends the other: "… có hiệu lực từ ngày 01 tháng 4 năm
    2025. Luật số 80/2015/QH13 … hết hiệu lực kể từ ngày Luật này có hiệu lực"), its own fact too."""
    out = []
    replacing: dict[str, EffectFact] = {}
    for r in load("effect_rules")["repealed"]:
        for by in r.get("replaced_by") or ():
            replacing.setdefault(number_key(by) or by, EffectFact(
                by, ISSUED, SOURCE_FACTS, on=r["not_in_force_from"], by=by, clause=r["source"],
                effective_on=r["not_in_force_from"]))
        if r.get("cited_as") or r.get("passed_on") or r.get("name"):
            out.append(EffectFact(r["number"], ISSUED, SOURCE_FACTS, by=r["number"],
                                  clause=r.get("passed_source") or r["source"], doc_type=_type_of(r),
                                  title=r.get("cited_as") or r.get("name"), issued_on=r.get("passed_on")))
        for by in r.get("replaced_by") or [None]:
            out.append(EffectFact(r["number"], REPLACED if by else REPEALED_WHOLE, SOURCE_FACTS,
                                  on=r["not_in_force_from"], by=by, clause=r["source"]))
    return out + list(replacing.values())


def _type_of(record: dict[str, Any]) -> str | None:
    m = TYPE_WORDS.match(record.get("cited_as") or record.get("name") or "")
    return m.group(0).strip() if m else None


@cache
def gazette_urls() -> dict[str, str]:
    """Number key → the Công báo page of each document the shipped registry was read from."""
    try:
        return {number_key(n): u for n, u in load("registry").get("urls", {}).items()}
    except FileNotFoundError:
        return {}


@cache
def shipped() -> Registry:
    """The registry that ships with rasoat: ``data/registry.json`` (Công báo) and ``data/effect_rules.json``."""
    try:
        data = load("registry")
    except FileNotFoundError:
        data = {"facts": []}
    return Registry([*(fact_from_dict(d, SOURCE_GAZETTE) for d in data["facts"]), *_facts_of_effect_rules()])


def status(number: str | None, on: DateLike | None = None, registry: Registry | None = None) -> EffectStatus:
    """The effect status of the document ``number`` on the date ``on`` (today when None), by the shipped
    registry unless another is given."""
    return (registry or shipped()).status(number, on)


def repealed_on(number: str, d: DateLike) -> dict[str, Any] | None:
    """The repeal record of ``effect_rules.json`` if the document ``number`` ("Luật 80/2015/QH13",
    "34/2016/NĐ-CP") is no longer in force on ``d``; else None."""
    key = number_key(number or "")
    r = _repealed_index().get(key) if key else None
    if r and as_date(d) >= date.fromisoformat(r["not_in_force_from"]):
        return r
    return None


@cache
def _repealed_index() -> dict[str, dict[str, Any]]:
    return {number_key(r["number"]): r for r in load("effect_rules")["repealed"]}
