"""Header fields (thể thức) of a document: số ký hiệu, type, issuer, place and
date, title (trích yếu), signer, effective date.

The header is read from the regions that ``ingest.layout`` names on page 1
(``header_left``: issuer and number; ``header_right``: Quốc hiệu and date
line), the title from the first lines of the body, the signer from the
``signature`` region (or, failing that, the lines after the last authority
line of the document).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extract import regexes as rx
from extract.blocks import (  # noqa: F401  (find_title: re-exported)
    DEFAULT_TITLE_LINE_CHARS,
    DEFAULT_TITLE_LINES,
    TYPE_NAMES,
    find_title,
    fuzzy_type_word,
    lines_of,
    locate,
    signature_block,
    signer_in_line,
)
from extract.names import restore_marks
from rasoat import facts
from rasoat.gazetteer import issuer_from_symbol, issuers_from_symbol, resolve_issuer, split_issuer_lines
from rasoat.models import Block, Blocks, Header, SourceDocument
from rasoat.numbers import is_qppl, normalise_number, qh_term
from rasoat.vntext import collapse, fold, unify

DEFAULT_SYMBOL_LINES = 2  # lines after the number line read for the rest of a symbol cut at a line end
JOINT_TYPES = {"TTLT", "NQLT"}  # type codes of joint documents: every issuer is named in the symbol
CONSOLIDATION_SYMBOLS = {"VBHN"}  # type codes whose document is named by its symbol, whatever its title word
DEFAULT_SALUTATION_TITLE_LINES = 3  # lines above "Kính gửi" read as the trích yếu of a letter without a type word
APPENDIX_TYPE = "Phụ lục"  # the type of an appendix standing as a file of its own
DEFAULT_SPELLING_MIN_WORDS = 4  # an issuer of fewer words is not looked up in the body (short names are generic)
DEFAULT_GAZETTE_LINES = 10  # first non-blank lines of page 1 read for a gazette's one-line identity
_GAZETTE_TITLE_ENDS = {"chinh phu", "quoc hoi"}  # an issuer alone under a gazette title (folded): not the title
ISSUING_TITLES = {"THỦ TƯỚNG", "CHỦ TỊCH NƯỚC"}  # heads' titles that issue in their own name
LAW_TYPES = ("Luật", "Bộ luật")  # types passed by the Quốc hội: dated by the passing date, always QPPL


def iso_date(day: str | None, month: str | None, year: str | None) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat() if day and month and year else None
    except ValueError:
        return None


def partial_date(month: str | None, year: str | None) -> str | None:
    """What a date line without its day still tells (``Header.issued_in``): "2026-06" from "ngày    tháng 6 năm
    2026", "2021" when the month is blank or unreadable too; None without a year."""
    if not year or not year.isdigit():
        return None
    if month and month.isdigit() and 1 <= int(month) <= 12:
        return f"{int(year):04d}-{int(month):02d}"
    return f"{int(year):04d}"


def scattered_date(right: str) -> tuple[str | None, str | None]:
    """(place, ISO date) from a right header column whose date line came
    apart ("Hà Nội, tháng 12 2025" / "ngày 21 năm": a handwritten day that
    OCR put on a line of its own)."""
    place = rx.PLACE_BEFORE_COMMA.search(right)
    day, month, year = rx.SCATTERED_DAY.search(right), rx.SCATTERED_MONTH.search(right), rx.SCATTERED_YEAR.search(right)
    issued = iso_date(day.group(1), month.group(1), year.group(1)) if day and month and year else None
    return (collapse(place.group(1)) if place else None), issued


def _type_from_symbol(symbol: str | None) -> str | None:
    if not symbol:
        return None
    if qh_term(symbol):
        return None  # Luật or Nghị quyết of QH: read the title word
    return facts.doc_type_name(symbol.split("-")[0])


def _joined_number_line(line: str, following: list[str]) -> str:
    """The number line with the rest of a symbol cut at its end ("Số: 01/2022/TTLT-VKSNDTC-" + "TANDTC-BCA")
    put back from the ``following`` lines; the line as it is when it does not end in "-" or the next line is
    not the rest of a symbol."""
    m = rx.NUMBER_LINE.search(line)
    if not m:
        return line
    joined = line[: m.end("rest")]
    for nxt in following:
        cont = rx.SYMBOL_CONTINUATION.match(nxt)
        if not joined.endswith("-") or not cont:
            break
        joined += cont.group("rest")
    return joined if joined != line[: m.end("rest")] else line


def joint_issuers(symbol: str | None) -> str | None:
    """The issuers of a joint document in the order of its symbol (the header's order), joined by "; "
    ("TTLT-BTP-BNV" → "Bộ Tư pháp; Bộ Nội vụ"); None when the symbol is not joint or a code is unknown."""
    if not symbol or symbol.split("-")[0] not in JOINT_TYPES:
        return None
    names = issuers_from_symbol(symbol)
    return "; ".join(names) if len(names) > 1 and all(names) else None


def _is_type_word_line(line: str) -> bool:
    """The title word of the document alone on its line ("QUYẾT ĐỊNH", OCR's "QUYÉT ĐỊNH")."""
    text = line.strip()
    return text.isupper() and bool(rx.TYPE_TITLE.fullmatch(text) and not rx.TYPE_TITLE.match(text).group("rest")
                                   or fuzzy_type_word(text))


def body_of_authority_line(line: str) -> str:
    """The body named in an authority line read as an issuer line ("BỘ TRƯỞNG BỘ TƯ PHÁP" → "BỘ TƯ PHÁP",
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÒA AN" → its Ủy ban); the line as it is when it is a body itself
    ("THỦ TƯỚNG CHÍNH PHỦ", "CHỦ TỊCH NƯỚC") or no head's title opens it."""
    m = rx.HEAD_TITLE.match(line.upper())  # "Chủ tịch UBND tỉnh …" written in a sentence too
    if not m or m.group(0).strip() in ISSUING_TITLES or not line[m.end() :].strip():
        return line
    return line[m.end() :].strip()


def gazette_title(text: str) -> dict | None:
    """The identity a gazette or an old typed text prints in place of the header, from the first
    ``DEFAULT_GAZETTE_LINES`` non-blank lines of ``text``: {number, symbol, type, issuer (as printed after "của", or
    None), issued_on, title, consolidated (the identity is that of a text a văn bản hợp nhất consolidates)}.
    The trích yếu runs from after the date to a line ending in ".", a line opening the preamble, a line in
    parentheses or the issuer's name standing alone."""
    lines = [t.strip() for t in text.split("\n") if t.strip()][:DEFAULT_GAZETTE_LINES]
    m = rx.GAZETTE_TITLE.search("\n".join(lines))
    if not m:
        return None
    number = normalise_number(m.group("number"))
    issuer = collapse(m.group("issuer")) if m.group("issuer") else None
    title_lines = []
    for i, part in enumerate(m.group("rest").split("\n")):
        part = part.strip()
        if i and (not part or rx.TITLE_STOP.match(part) or part.startswith("(")
                  or (issuer and fold(part) == fold(issuer)) or fold(part) in _GAZETTE_TITLE_ENDS):
            break
        title_lines.append(part)
        if part.endswith("."):
            break
    title = collapse(" ".join(title_lines)).strip(" ,.")
    title = title[:1].upper() + (title[1:].lower() if title.isupper() else title[1:]) if title else None
    return dict(number=number, symbol=number.split("/")[-1], type=m.group("type"), issuer=issuer,
                issued_on=iso_date(m.group("day"), m.group("month"), m.group("year")), title=title,
                consolidated=bool(rx.CONSOLIDATION_NOTE.search(" ".join(lines))))


def _fill_from_gazette_title(h: Header, text: str) -> None:
    """Number, type, issuer, date and title from a gazette's one-line identity, for a document without a number
    line (a Công báo continuation, an old typed text); a field already read stays."""
    g = gazette_title(text)
    if g is None:
        return
    if g["consolidated"]:  # a văn bản hợp nhất whose header is lost: the identity is the consolidated text's
        h.doc_type = facts.doc_type_name(next(iter(CONSOLIDATION_SYMBOLS)))
        return
    h.number, h.symbol = g["number"], g["symbol"]
    h.doc_type = type_name(g["type"].upper()) or h.doc_type
    known = resolve_issuer(g["issuer"]) if g["issuer"] else None
    h.issuer = h.issuer or (known["name"] if known else None) or issuer_from_symbol(h.symbol)
    h.issued_on = h.issued_on or g["issued_on"]
    if not h.title or fold(h.title).startswith("cua "):  # "QUYẾT ĐỊNH / CỦA THỦ TƯỚNG … SỐ …": the title block
        h.title = g["title"] or h.title  # read the identity line as the trích yếu


def title_above_salutation(body: str) -> str | None:
    """The trích yếu a letter-like document without a type word (a hướng dẫn, a công văn without "V/v") prints
    at the top of its body, above "Kính gửi": at most ``DEFAULT_SALUTATION_TITLE_LINES`` lines, none in capitals
    and none longer than a title line; None when "Kính gửi" does not follow them."""
    lines = [t.strip() for t in body.split("\n") if t.strip()][: DEFAULT_SALUTATION_TITLE_LINES + 1]
    at = next((i for i, t in enumerate(lines) if rx.SALUTATION.match(t)), None)
    if not at or any(t.isupper() or len(t) > DEFAULT_TITLE_LINE_CHARS or rx.TITLE_STOP.match(t) for t in lines[:at]):
        return None
    return collapse(" ".join(lines[:at])).rstrip(".") or None


def signed_day(doc: SourceDocument, month: str | None, year: str | None) -> str | None:
    """The date of a digitally signed document whose date line leaves the day blank ("ngày    tháng 02 năm
    2026": the stamp prints it): the first digital signature made in that month and year; None without one."""
    if not month or not year:
        return None
    sigs = doc.meta.get("signature", {}).get("signatures") or []
    days = sorted(str(s.get("signed_at") or "")[:10] for s in sigs)
    return next((d for d in days if d[:7] == f"{int(year):04d}-{int(month):02d}"), None)


def appendix_identity(body: str) -> dict | None:
    """An appendix standing as a file of its own: "Phụ lục 1", its title in the next lines, then "(Kèm theo
    Quyết định số …/QĐ-UBND … của …)" — {number (None when left blank), symbol, issuer (the body: "Chủ tịch UBND
    tỉnh …" → its Ủy ban), title}; None when the body does not open so."""
    lines = [t.strip() for t in body.split("\n") if t.strip()][: DEFAULT_TITLE_LINES + 2]
    if not lines or not rx.APPENDIX_HEAD.match(lines[0]):
        return None
    for i in range(1, len(lines)):
        m = rx.ATTACHED_TO.match(" ".join(lines[i:]))
        if m:
            break
    else:
        return None
    year = m.group("year") + "/" if m.group("year") else ""
    number = normalise_number(m.group("num") + "/" + year + m.group("symbol")) if m.group("num") else None
    issuer = None
    if m.group("issuer"):
        named = collapse(m.group("issuer"))
        known = resolve_issuer(body_of_authority_line(named)) or resolve_issuer(named)
        issuer = known["name"] if known else None
    title = collapse(" ".join(lines[1:i])).rstrip(".")
    return dict(number=number, symbol=m.group("symbol"), issuer=issuer or issuer_from_symbol(m.group("symbol")),
                title=(title[:1] + title[1:].lower() if title.isupper() else title) or None)


def spelled_in_body(name: str, body: str, marks_misread: bool = False) -> str | None:
    """The body's own spelling of an issuer whose name the header printed in capitals ("TRUNG TÂM XÚC TIẾN ĐẦU
    TƯ / THƯƠNG MẠI …", put in normal case by guess): the same words in the text of page 1, in any case and with
    the commas the capitals lost ("Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch"), and with ``marks_misread``
    (an OCR page) with any marks; None when not there or written in capitals."""
    words = name.split()
    if len(words) < DEFAULT_SPELLING_MIN_WORDS:
        return None
    found = [m.group() for m in re.finditer(r"(?<!\w)" + r"\s*,?\s+".join(map(re.escape, words)) + r"(?!\w)",
                                            body, re.I)]
    folded = fold(body)
    if marks_misread and len(folded) == len(body):  # OCR misread the marks of the header's name (or of the
        # same name in capitals in the body, "BAN CHÍ ĐẠO"): the body's words are compared without marks too
        found += [body[m.start() : m.end()] for m in
                  re.finditer(r"(?<!\w)" + r"\s*,?\s+".join(map(re.escape, fold(name).split())) + r"(?!\w)", folded)]
    # the first spelling in normal case: a name in capitals (an authority line) tells nothing of the case
    return next((collapse(f) for f in found if not f.isupper() and f[:1].isupper()), None)


_LETTERS = re.compile(r"[^\W\d_]+")  # the words of a text, letters only ("phòng," → "phòng")


def marks_as_written(title: str, rest: str) -> str:
    """An OCR title with the marks of a word put right where the rest of the document (``rest``: its text
    without the title) settles them: the word as read makes no word of the lists with the word before or after
    it ("Tỉnh úy viên"), a word with the same letters and other marks does ("tỉnh ủy"), and the rest of the
    document writes that word beside that neighbour and never the word as read.  Words that make a word as read,
    or that the document does not settle, stay as read ("đại úy" stays)."""
    from rasoat.lexicon import available, key, word_pairs

    if not available():
        return title
    pairs = word_pairs()
    words = [key(w) for w in _LETTERS.findall(rest)]
    seen = set(zip(words, words[1:], strict=False))
    spellings: dict[str, set[str]] = {}
    for w in words:
        spellings.setdefault(fold(w), set()).add(w)
    found = list(_LETTERS.finditer(title))
    keys = [key(m.group()) for m in found]
    out, last = [], 0
    for i, m in enumerate(found):
        # the neighbours as (before, None) and (None, after); a pair puts the word in the empty place
        near = [n for n in ((keys[i - 1], None) if i else None, (None, keys[i + 1]) if i + 1 < len(keys) else None)
                if n]

        def pairs_of(w: str, near: list = near) -> list[tuple[str, str]]:
            return [(b or w, a or w) for b, a in near]

        if any(p in pairs or p in seen for p in pairs_of(keys[i])):
            continue  # the word as read makes a word, or the document writes it so elsewhere
        fits = [c for c in spellings.get(fold(keys[i]), ()) if c != keys[i]
                and any(p in pairs and p in seen for p in pairs_of(c))]
        if len(fits) == 1:
            word, like = fits[0], m.group()
            written = word.upper() if like.isupper() and len(like) > 1 else (
                word[:1].upper() + word[1:] if like[:1].isupper() else word)
            out.append(title[last : m.start()] + written)
            last = m.end()
    return "".join(out) + title[last:]


_DOUBLED_STROKE = re.compile(r"[ĐÐ]{2,}")  # the Đ of a type code read twice by OCR ("QĐĐ-BNV")


def _with_type_stroke(number: str | None) -> str | None:
    """A number or symbol whose type code lost the stroke of its Đ ("QD-UBND" typed in ASCII or read by OCR) or
    has it twice ("QĐĐ-UBND", OCR) with the code spelled right ("QĐ-UBND"); as it is when the code is known or no
    Đ makes it one."""
    if not number:
        return number
    head, sep, tail = number.rpartition("/")
    code, dash, rest = tail.partition("-")
    if facts.doc_type_name(code):
        return number
    # OCR reads the stroke of Đ as the Icelandic Ð, or the letter twice ("QĐĐ", "QĐÐ"): one Đ, if that makes a code
    single = _DOUBLED_STROKE.sub("Đ", code.replace("Ð", "Đ"))
    if single != code and facts.doc_type_name(single):
        return head + sep + single + dash + rest
    if "D" not in code or not facts.doc_type_name(code.replace("D", "Đ")):
        return number
    return head + sep + code.replace("D", "Đ") + dash + rest


def _squashed(name: str) -> str:
    """A name folded (no marks, lower case) without its spaces: how two spellings differing only there compare."""
    return fold(name).replace(" ", "")


def parse_number_line(text: str) -> tuple[str | None, str | None]:
    """(number, symbol) from the header's "Số: …" line; number None when blank
    or unreadable ("34#/QĐ-TTg": a handwritten number misread by OCR)."""
    party = rx.PARTY_NUMBER.search(text)
    if party:
        return normalise_number(party.group("number")), normalise_number(party.group("symbol"))
    m = rx.NUMBER_LINE.search(text)
    if not m:
        return None, None
    rest = normalise_number(m.group("rest"))
    symbol = rest.lstrip("/")
    if "/" in symbol:  # "2024/QĐ-UBND"
        head, _, tail = symbol.partition("/")
        symbol = tail if head.isdigit() else symbol
    if not symbol:
        return None, None
    if m.group("num") and not m.group("junk") and not m.group("prejunk"):
        return normalise_number(m.group("num") + m.group("rest")), symbol
    return None, symbol


COLUMN_MARK = "|"  # the cell mark of a header typed as a table row in a plain text
SIGNER_NAME = rx.SIGNER_NAME  # kept under its old name
DEFAULT_NEXT_PAGE_NAME_LINES = 8  # lines at the top of the next page searched for a signer's name on its own
DEFAULT_NEXT_PAGE_RECIPIENT_LINES = 12  # … and for one printed beside a recipient line
DEFAULT_NAME_LINES = 12  # lines of the signature block searched for the signer's name


def _is_title_line(line: str) -> bool:
    """A signer's title line ("PHÓ CHỦ TỊCH"), not an authority prefix line ("KT. CHỦ TỊCH")."""
    return bool(rx.HEAD_TITLE.match(line)) and not rx.AUTHORITY.match(line)


def _authority(lines: list[str]) -> str | None:
    """The signing-authority prefixes in order: "TM.", "KT.", "TM. KT.", "TL. KT."…"""
    prefixes = [m.group("auth") + "." for line in lines if (m := rx.AUTHORITY.match(line))]
    return " ".join(prefixes) or None


def find_signature(
    doc: SourceDocument, sig: Block | None = None
) -> tuple[str | None, str | None, str | None, tuple[int, int, int] | None]:
    """(signer, authority prefix, signer title, span) from the signature block (``extract.blocks``)."""
    if sig is None:
        sig = signature_block(doc.pages)
    for page, offset, block in [(sig.page, sig.start, sig.text)] if sig else []:
        lines = block.split("\n")
        if not any(signer_in_line(t) for t in lines) and page < len(doc.pages):
            # the name went over to the next page (common when the signature block is split)
            nxt = doc.pages[page]
            head = "\n".join(ln for ln in nxt.text.split("\n")[:DEFAULT_NEXT_PAGE_NAME_LINES] if not ln.startswith("-"))
            m = next((m for m in (SIGNER_NAME.match(ln) for ln in head.split("\n")) if m), None)
            if not m:  # "- Cơ quan Trung ương của các đoàn thể; Lò Thị Hạnh": the name beside a recipient line
                m = next((m for t in nxt.text.split("\n")[:DEFAULT_NEXT_PAGE_RECIPIENT_LINES]
                          if (m := rx.NAME_AFTER_RECIPIENT.search(t))), None)
            if m:
                start = nxt.text.index(m.group(1))
                auth = _authority(lines)
                titles = [t.strip() for t in lines if _is_title_line(t)]
                return m.group(1), auth, titles[-1] if titles else None, (nxt.number, start, start + len(m.group(1)))
        auth = _authority(lines)
        titles = [t.strip() for t in lines if _is_title_line(t)]
        pos = 0
        for line in lines[:DEFAULT_NAME_LINES]:
            found = signer_in_line(line)
            if found:
                name, start = found[0], offset + pos + found[1]
                return name, auth, titles[-1] if titles else None, (page, start, start + len(name))
            pos += len(line) + 1
        return None, auth, titles[-1] if titles else None, None
    return None, None, None, None


def _is_consolidation_symbol(symbol: str | None) -> bool:
    return bool(symbol) and symbol.split("-")[0] in CONSOLIDATION_SYMBOLS


def _issuer_named(lines: list[str], symbol: str | None) -> str | None:
    """The issuer a block names in capitals ("BỘ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI"), spelled as the gazetteer
    spells it; the body of the ``symbol`` when the lines name none it knows."""
    named = split_issuer_lines(lines)[0] if lines else None
    known = resolve_issuer(named) if named else None
    if known:
        return known["name"]
    return (issuer_from_symbol(symbol) if symbol else None) or named


def authentication(block: Block | None) -> dict | None:
    """The fields of a văn bản hợp nhất's authentication block (``extract.blocks.consolidation_block``): {number,
    symbol, issuer, place, issued_on, signer, signing_authority, signer_title, spans (field → (page, start, end))};
    None without a block or when its number line reads no VBHN number (a blank form of the seal, a stray seal)."""
    if block is None:
        return None
    lines = [line for line in lines_of(block) if line.text.strip()]
    out: dict = dict(number=None, symbol=None, issuer=None, place=None, issued_on=None, signer=None,
                     signing_authority=None, signer_title=None, spans={})
    first_anchor = next((k for k, line in enumerate(lines)
                         if rx.CONSOLIDATION_SEAL.match(line.text) or rx.CONSOLIDATION_NUMBER_LINE.match(line.text)),
                        len(lines))
    for line in lines:
        if rx.CONSOLIDATION_NUMBER_LINE.match(line.text):
            number, symbol = parse_number_line(line.text)
            if number and _is_consolidation_symbol(symbol):
                out["number"], out["symbol"] = number, symbol
                out["spans"]["number"] = (line.page, line.start, line.end)
                break
    if out["number"] is None:
        return None
    issuer_lines = [line for line in lines[:first_anchor] if line.text.strip().isupper()]
    out["issuer"] = _issuer_named([line.text.strip() for line in issuer_lines], out["symbol"])
    if issuer_lines:
        out["spans"]["issuer"] = (block.page, issuer_lines[0].start, issuer_lines[-1].end)
    after_date = first_anchor
    for k, line in enumerate(lines):
        m = rx.DATE_LINE.search(line.text)
        if m and not rx.NUMBER_WORD.search(line.text):
            out["place"] = rx.PLACE_JUNK.sub("", collapse(m.group("place")).strip(" ,"))
            out["issued_on"] = iso_date(m.group("day"), m.group("month"), m.group("year"))
            out["spans"]["date"] = (line.page, line.start + m.start("place"), line.start + m.end())
            after_date = k + 1
            break
    rest = [line.text for line in lines[after_date:]]
    out["signing_authority"] = _authority(rest)
    titles = [t.strip() for t in rest if _is_title_line(t)]
    out["signer_title"] = titles[-1] if titles else None
    for line in lines[after_date:]:
        if found := signer_in_line(line.text):
            name, at = found
            out["signer"] = name
            out["spans"]["signer"] = (line.page, line.start + at, line.start + at + len(name))
            break
    return out


def apply_consolidation(h: Header, blocks: Blocks) -> None:
    """A văn bản hợp nhất, known by its VBHN number in the header, its mark at the top, its note under the title
    or its authentication block at the end: its type is "Văn bản hợp nhất" (the title word above its title is that
    of the text it consolidates), and, unless its header printed its own VBHN number, its number, issuer, place,
    date and signer are the authentication block's.  A header number of the consolidated text (a copy that prints
    that text's header under the mark) is no number of this document: without a readable authentication block
    (the text cut before it) the number stays unknown.  A document with a number line of its own and none of the
    marks keeps its header, whatever block its text holds."""
    mark, note = blocks.consolidation_mark, blocks.consolidation_note
    auth = authentication(blocks.consolidation)
    own = _is_consolidation_symbol(h.symbol)
    if not (own or mark or note or auth):
        return
    if not (own or mark or note) and "number" in h.spans:
        return  # the header's own number line stands: a seal further on belongs to another text
    h.doc_type = facts.doc_type_name(next(iter(CONSOLIDATION_SYMBOLS)))
    if own:
        return
    for key in ("number", "date", "issuer"):
        h.spans.pop(key, None)
    h.number = h.symbol = h.place = h.issued_on = h.issued_in = None
    h.parent_issuer = None
    h.issuer = _issuer_named([mark.fields["body"].upper()], None) if mark and mark.fields.get("body") else None
    if auth is None:
        return
    h.number, h.symbol, h.issuer = auth["number"], auth["symbol"], auth["issuer"] or h.issuer
    h.place, h.issued_on = auth["place"], auth["issued_on"]
    if auth["signer"]:
        h.signer, h.signing_authority, h.signer_title = auth["signer"], auth["signing_authority"], auth["signer_title"]
    h.spans.update(auth["spans"])


def type_name(title_word: str | None) -> str | None:
    return TYPE_NAMES.get(title_word or "")


def extract_header(doc: SourceDocument, blocks: Blocks | None = None) -> Header:
    """The header fields, read from the blocks ``extract.blocks.locate`` found (located here when not given)."""
    h = Header()
    if not doc.pages:
        return h
    if blocks is None:
        blocks = locate(doc)
    p1 = doc.pages[0]
    left = p1.region("header_left") or p1.region("header")
    right = p1.region("header_right") or p1.region("header")
    left_start = (p1.regions.get("header_left") or p1.regions.get("header") or (0, 0))[0]
    head = blocks.head
    if head is not None and not rx.NUMBER_WORD_IN_HEADER.search(left) and rx.NUMBER_LINE_ALONE.search(head.text):
        left, left_start = head.text, head.start  # the header stands elsewhere (``blocks.header_by_number``)

    # Số ký hiệu: the "Số:" line of the left column
    left_lines = left.split("\n")
    for i, line in enumerate(left_lines):
        if rx.NUMBER_WORD_IN_HEADER.search(line):
            following = left_lines[i + 1 : i + 1 + DEFAULT_SYMBOL_LINES]
            if not (following and rx.SYMBOL_CONTINUATION.match(following[0])):
                # the cut-off rest sits elsewhere in the text: in the right column, or first in the body
                later = right.split("\n") if right != left else []
                later += p1.region("body").split("\n")[:DEFAULT_SYMBOL_LINES]
                following = [t for t in later if rx.SYMBOL_CONTINUATION.match(t)]
            h.number, h.symbol = (_with_type_stroke(x) for x in parse_number_line(_joined_number_line(line, following)))
            if h.symbol:
                offset = left_start + left.index(line)
                h.spans["number"] = (1, offset, offset + len(line))
                break

    # Issuer: the lines above "Số:" in the left column
    issuer_lines = []
    for line in left.split("\n"):
        if rx.NUMBER_WORD_IN_HEADER.search(line) or "V/v" in line or _is_type_word_line(line):
            break  # the number line, or (its "Số" misread) the type word under the header
        if re.search(r"CỘNG HÒA|CỘNG HOÀ", unify(line)):
            line = re.split(r"CỘNG H", unify(line))[0]
        line = line.split(COLUMN_MARK)[0]  # "BỘ TƯ PHÁP | CỘNG HÒA …": a header typed as a table row
        if line.strip() and not re.fullmatch(r"[-_–—.\s]+", line) and line.isupper() and ":" not in line:
            # issuer lines are upper case; a signature box ("Cơ quan phát hành: …") is not
            issuer_lines.append(body_of_authority_line(line.strip()))
    h.issuer, h.parent_issuer = split_issuer_lines(issuer_lines) if issuer_lines else (None, None)
    if joint := joint_issuers(h.symbol):
        h.issuer, h.parent_issuer = joint, None  # the header stacks the joint issuers: none is another's parent
    elif h.symbol and (not h.issuer or not resolve_issuer(h.issuer)):
        # no issuer block, or one the gazetteer cannot place (a damaged glyph map
        # prints "C N P Ủ" for "CHÍNH PHỦ"): the symbol names the issuer
        h.issuer = issuer_from_symbol(h.symbol) or h.issuer
    elif h.issuer:
        # OCR misreads marks ("LÂM ĐÒNG"), a text layer loses a space ("BỘ TƯPHÁP"): the gazetteer spells the name
        known = resolve_issuer(h.issuer)
        if (known and _squashed(known["name"]) == _squashed(h.issuer)
                and (p1.source == "ocr" or fold(known["name"]) != fold(h.issuer))):
            h.issuer = known["name"]

    if h.issuer and (h.parent_issuer is not None or p1.source == "ocr" or not resolve_issuer(h.issuer)):
        h.issuer = spelled_in_body(h.issuer, p1.region("body"), p1.source == "ocr") or h.issuer

    # Place and date
    line = blocks.date_line
    if line:
        f = line.fields
        h.place = rx.PLACE_JUNK.sub("", collapse(f["place"]).strip(" ,"))  # "._ Hà Nội": OCR's specks before it
        h.issued_on = iso_date(f["day"], f["month"], f["year"]) or signed_day(doc, f["month"], f["year"])
        h.issued_in = partial_date(f["month"], f["year"])  # kept only when no day is found (below)
        h.spans["date"] = (line.page, line.start, line.end)
    elif "header_right" in p1.regions:
        h.place, h.issued_on = scattered_date(right)

    # Type and title
    tb = blocks.title
    type_word, title = (tb.fields["type_word"], tb.fields["title"]) if tb else (None, None)
    h.doc_type = type_name(type_word) or _type_from_symbol(h.symbol)
    if h.symbol and h.symbol.split("-")[0] in CONSOLIDATION_SYMBOLS:
        h.doc_type = _type_from_symbol(h.symbol)  # a văn bản hợp nhất prints the title word of the text it consolidates
    if title and tb is not None and p1.source == "ocr":  # the rest of the document: its pages, the title left out
        rest = [p.text if p.number != tb.page else p.text[: tb.start] + p.text[tb.end :] for p in doc.pages]
        title = marks_as_written(title, "\n".join(rest))
    h.title = title
    if tb is not None:
        h.spans["title"] = (tb.page, tb.start, tb.end)
    vv = re.search(r"V/v\s*(?P<t>.+?)(?=\n\S*(?:CỘNG|$)|\Z)", left, re.S)
    if vv and not title:
        h.title = collapse(vv.group("t")).rstrip(".")
    if not h.title and not vv:
        h.title = title_above_salutation(p1.region("body"))
    if not h.doc_type and h.symbol and vv:
        h.doc_type = "Công văn"
    if not h.doc_type and h.symbol and not facts.doc_type_name(h.symbol.split("-")[0]):
        h.doc_type = "Công văn"

    if h.number is None and h.symbol is None:
        _fill_from_gazette_title(h, p1.region("body") or p1.text)
    if h.symbol is None and not type_word and (appendix := appendix_identity(p1.region("body") or p1.text)):
        h.number, h.symbol, h.doc_type = appendix["number"], appendix["symbol"], APPENDIX_TYPE
        h.issuer, h.title = h.issuer or appendix["issuer"], h.title or appendix["title"]

    # Luật / Nghị quyết of QH: the passing date closes the text (a Luật whose header the text lacks: the same)
    full = doc.text
    if not h.issued_on and ((h.symbol and qh_term(h.symbol)) or (not h.symbol and h.doc_type in LAW_TYPES)):
        m = rx.PASSED_ON.search(full)
        if m:
            h.issued_on = iso_date(m.group("day"), m.group("month"), m.group("year"))

    clause = blocks.effect_clause
    if clause and clause.fields.get("year"):
        h.effective_on = iso_date(clause.fields["day"], clause.fields["month"], clause.fields["year"])
    elif clause and clause.fields.get("after_days") and h.issued_on:  # "sau 45 ngày, kể từ ngày ký"
        lapse = timedelta(days=int(clause.fields["after_days"]))
        h.effective_on = (date.fromisoformat(h.issued_on) + lapse).isoformat()

    h.signer, h.signing_authority, h.signer_title, span = find_signature(doc, blocks.signature)
    if span:
        h.spans["signer"] = span
        if doc.pages[span[0] - 1].source == "ocr":
            h.signer = restore_marks(h.signer)  # OCR drops marks from bold names: "Pham Thi" → "Phạm Thị"
    elif not h.signer and doc.meta.get("signature", {}).get("signer"):
        h.signer = doc.meta["signature"]["signer"]  # the digital signature names the person who signed
    apply_consolidation(h, blocks)
    if h.issued_on:  # the date line's day, or a later source's (a law's passing, a consolidation's authentication)
        h.issued_in = None
    h.is_qppl = is_qppl(h.number, h.symbol)
    if h.doc_type in LAW_TYPES:
        h.is_qppl = True
    return h
