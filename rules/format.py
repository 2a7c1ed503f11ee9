"""Rules on the form (thể thức) of a document, NĐ 30/2020/NĐ-CP Phụ lục I:
Quốc hiệu and Tiêu ngữ, the "Số:" line, the signature block, Nơi nhận, and
the numbering of Điều and điểm."""

from __future__ import annotations

import difflib
import re

from rasoat import facts
from rasoat.numbers import qh_term
from rasoat.vntext import collapse, fold, unify
from rules.base import finding, rule
from rules.context import (
    Block,
    body_blocks,
    has_header,
    head_block,
    is_party_document,
    is_published_copy,
    ocr_tolerant,
    recipients_block,
    recipients_text,
    signature_lines,
)

CAT = "Thể thức"


def _applies(doc) -> bool:
    """Form rules apply to complete documents (with a header), not to excerpts or Party documents."""
    return has_header(doc) and not is_party_document(doc)


def _line_blocks(b: Block):
    for m in re.finditer(r"[^\n]+", b.text):
        yield b.sub(m.start(), m.end())


def glyphs_dropped(printed: str, expected: str) -> bool:
    """Is ``printed`` ``expected`` with single letters missing, as a PDF font without some glyphs prints it
    ("CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM")?  Whole words missing ("CỘNG HÒA XÃ HỘI VIỆT NAM") is a real error."""
    a, b = expected.replace(" ", ""), printed.replace(" ", "")
    if not b or len(b) < 0.6 * len(a) or a == b:
        return False
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return all(op == "equal" or (op == "delete" and i2 - i1 <= 2) for op, i1, i2, _, _ in ops)


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@rule("FMT001", "Quốc hiệu thiếu hoặc không đúng", CAT, "error", "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.1")
@ocr_tolerant
def national_title(doc):
    if not _applies(doc):
        return
    head = head_block(doc)
    exact = re.compile(facts.format_constants()["quoc_hieu"]["regex"])
    best = None
    for line in _line_blocks(head):
        text = unify(collapse(line.text))
        if exact.search(text):
            return
        f = fold(text)
        if "cong" in f and ("viet nam" in f or "xa hoi" in f or "chu nghia" in f):
            best = line
    if best is None:
        yield finding("Thiếu Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" ở đầu văn bản",
                      evidence=head.text[:120], **head.span())
        return
    printed = collapse(best.text)
    m = re.search(r"C\S*\s.*?NAM\b", printed, re.I)
    part = m.group(0) if m else printed
    if glyphs_dropped(part, QUOC_HIEU):
        yield finding(f"Quốc hiệu in ra \"{part}\" thiếu ký tự — có thể do lớp chữ của tệp (phông) chứ không do "
                      "văn bản; cần xem bản gốc", severity="info", evidence=printed, **best.span())
        return
    yield finding(f"Quốc hiệu ghi \"{part}\", đúng là \"{QUOC_HIEU}\" (chữ in hoa)", evidence=printed, **best.span())


@rule("FMT002", "Tiêu ngữ thiếu hoặc không đúng", CAT, "error", "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.1")
@ocr_tolerant
def motto(doc):
    if not _applies(doc):
        return
    head = head_block(doc)
    for line in _line_blocks(head):
        text = unify(collapse(line.text))
        f = fold(text)
        i = f.find("doc lap")
        if i == -1:
            continue
        printed = text[i:]
        j = fold(printed).find("hanh phuc")
        if j == -1:
            if glyphs_dropped(re.sub(r"\s*[-‐‑‒–—―−]\s*", " - ", printed), TIEU_NGU):
                yield finding(f"Tiêu ngữ ghi \"{printed}\" thiếu chữ — có thể do lớp chữ của tệp; cần xem bản gốc",
                              severity="info", evidence=printed, **line.span())
            else:
                yield finding(f"Tiêu ngữ ghi \"{printed}\", đúng là \"{TIEU_NGU}\"", evidence=printed, **line.span())
            return
        printed = printed[: j + len("hanh phuc")]
        if printed == TIEU_NGU:
            return
        ev = dict(evidence=printed, **line.span())
        if re.sub(r"\s*[-‐‑‒–—―−]\s*", " - ", printed) == TIEU_NGU:
            if re.search(r"[‐‑‒–—―−]", printed):
                yield finding(f"Tiêu ngữ dùng gạch dài \"{printed}\"; mẫu dùng gạch nối (-) có cách chữ",
                              severity="info", **ev)
            else:
                yield finding(f"Tiêu ngữ \"{printed}\": giữa các cụm từ là gạch nối (-) có cách chữ ở hai bên",
                              severity="warning", **ev)
        elif fold(printed) == fold(TIEU_NGU) or fold(printed).replace(" ", "") == fold(TIEU_NGU).replace(" ", ""):
            yield finding(f"Tiêu ngữ \"{printed}\": chữ đầu của các cụm từ viết hoa, đúng là \"{TIEU_NGU}\"",
                          severity="warning", **ev)
        elif glyphs_dropped(re.sub(r"\s*[-‐‑‒–—―−]\s*", " - ", printed), TIEU_NGU):
            yield finding(f"Tiêu ngữ in ra \"{printed}\" thiếu ký tự — có thể do lớp chữ của tệp; cần xem bản gốc",
                          severity="info", **ev)
        else:
            yield finding(f"Tiêu ngữ ghi \"{printed}\", đúng là \"{TIEU_NGU}\"", **ev)
        return
    yield finding(f"Thiếu Tiêu ngữ \"{TIEU_NGU}\" dưới Quốc hiệu", evidence=head.text[:120], **head.span())


@rule("FMT003", "Thiếu dòng \"Số:\" (số, ký hiệu) ở đầu văn bản", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.3")
@ocr_tolerant
def number_line_missing(doc):
    if not _applies(doc):
        return
    h = doc.extraction.header
    head = head_block(doc)
    for line in _line_blocks(head):
        m = re.search(r"(?:^|\s)(?:Luật\s+|Pháp\s+lệnh\s+|Nghị\s+quyết\s+)?(S[ốỐ]|số)(?P<colon>\s*:)?", line.text)
        if m and re.search(r"\d|/", line.text[m.end():]):
            if not m.group("colon"):
                yield finding(f"Dòng số, ký hiệu phải có dạng \"Số: …\" (thiếu dấu hai chấm): \"{line.text.strip()}\"",
                              severity="warning", evidence=line.text.strip(), **line.span())
            return
    if h.symbol:
        return
    yield finding("Không thấy dòng \"Số: …/…\" (số, ký hiệu văn bản) dưới tên cơ quan ban hành",
                  evidence=head.text[:120], **head.span())


# Authority prefixes as printed: the allowed "TM." and variants such as "T/M", "TM" without a dot, "K/T".
_PREFIX = re.compile(
    r"^\s*(?P<p>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TM|KT|TL|TUQ|Q)(?P<punct>\s*[./:]\s*|\s+)(?=[A-ZĐÀ-Ỹ]{2})"
)
ALLOWED_PREFIXES = tuple(v["prefix"] for v in facts.format_constants()["signing_prefixes"]["values"])


def _sig_lines(doc):
    return signature_lines(doc)


@rule("FMT004", "Quyền hạn ký không thuộc các dạng TM., KT., Q., TL., TUQ.", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Điều 13; Phụ lục I, mục II.7(b)(c)(đ)")
@ocr_tolerant
def signing_prefix(doc):
    if not _applies(doc):
        return
    for line in _sig_lines(doc):
        m = _PREFIX.match(line.text)
        if not m:
            continue
        prefix = re.sub(r"\s+", "", m.group("p")) + m.group("punct").strip()
        if prefix in ALLOWED_PREFIXES:
            continue
        right = re.sub(r"[/\s]", "", m.group("p")).upper() + "."
        yield finding(f"Quyền hạn ký ghi \"{prefix}\", đúng là \"{right}\" (một trong {', '.join(ALLOWED_PREFIXES)})",
                      evidence=line.text.strip(), **line.span())


_HEAD_TO_DEPUTY = facts.format_constants()["deputy_titles"]["head_to_deputy"]
_AFTER_KT = re.compile(facts.format_constants()["deputy_titles"]["after_kt_regex"])


@rule("FMT005", "Ký thay (KT.) nhưng chức vụ người ký không phải cấp phó", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.7(b)")
@ocr_tolerant
def kt_without_deputy(doc):
    if not _applies(doc):
        return
    lines = _sig_lines(doc)
    for i, line in enumerate(lines):
        m = re.match(r"^\s*KT\.\s*(?P<head>[A-ZĐÀ-Ỹ ]+?)\s*$", unify(line.text))
        if not m or i + 1 >= len(lines):
            continue
        head = collapse(m.group("head"))
        title = collapse(unify(lines[i + 1].text))
        if not title.isupper():
            continue  # the next line is a name or a stamp, not a title: nothing to judge
        expected = _HEAD_TO_DEPUTY.get(head)
        if _AFTER_KT.match(title) and (expected is None or title == expected or title.startswith("PHÓ")):
            continue
        yield finding(f"\"KT. {head}\" phải được tiếp theo bởi chức vụ cấp phó"
                      + (f" (\"{expected}\")" if expected else "") + f", văn bản ghi \"{title}\"",
                      evidence=f"{line.text.strip()} / {lines[i + 1].text.strip()}",
                      page=line.page, start=line.start, end=lines[i + 1].end)


def _needs_recipients(doc) -> bool:
    """Luật, Pháp lệnh and Nghị quyết of Quốc hội end with the passing line, not with Nơi nhận; a Công báo
    edition or a typed copy ("(đã ký)") leaves the Nơi nhận out."""
    return not qh_term(doc.extraction.header.symbol) and not is_published_copy(doc)


_LUU = re.compile(r"Lưu\s*:?\s*(?:VT|Văn\s+thư)\b")


@rule("FMT006", "Thiếu \"Nơi nhận:\" hoặc dòng \"- Lưu: VT\"", CAT, "warning",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.9")
@ocr_tolerant
def recipients(doc):
    if not _applies(doc) or not _needs_recipients(doc):
        return
    b = recipients_block(doc)
    if b is None:
        last = doc.source.pages[-1]
        tail = max(0, len(last.text) - 200)
        luu = _LUU.search(last.text, max(0, len(last.text) - 1500))
        if luu:  # the list is there ("- Lưu: VT"), its heading is not
            yield finding("Danh sách nơi nhận thiếu tiêu đề \"Nơi nhận:\"", severity="info", evidence=luu.group(0),
                          page=last.number, start=luu.start(), end=luu.end())
            return
        yield finding("Không thấy phần \"Nơi nhận:\" ở cuối văn bản", evidence=last.text[tail:].strip()[-120:],
                      page=last.number, start=tail, end=len(last.text))
        return
    text = recipients_text(doc)
    m = _LUU.search(text)
    if m is None:
        yield finding("Phần Nơi nhận thiếu dòng \"- Lưu: VT, …\" (lưu tại Văn thư cơ quan)",
                      evidence=collapse(b.text)[:160], **b.span())
    elif ":" not in m.group(0) and m.start() < len(b.text):
        yield finding("Dòng lưu phải có dạng \"- Lưu: VT, …\" (thiếu dấu hai chấm)", severity="info",
                      evidence=m.group(0), **b.sub(m.start(), m.end()).span())


def _int(num: str) -> int | None:
    return int(num) if num.isdigit() else None


# An article heading at the start of a line: "Điều 5.", "Điều 5:", and the older "Điều 5-" / "Điều 5 –"
# (extraction's ARTICLE pattern only takes "." and ":"); a heading inside a quotation starts with a quote mark.
_ARTICLE = re.compile(r"(?m)^[ \t]*Điều\s+(?P<num>\d+)(?P<suffix>[a-zđ]?)\s*[.:\-–—]")


def article_headings(doc):
    """(number, block of the heading line) for every Điều heading of the body, in reading order."""
    for b in body_blocks(doc):
        for m in _ARTICLE.finditer(b.text):
            end = b.text.find("\n", m.start())
            line = b.sub(m.start(), len(b.text) if end == -1 else end)
            yield (None if m.group("suffix") else int(m.group("num"))), line


@rule("FMT007", "Số thứ tự Điều bị nhảy cóc hoặc trùng", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.6(đ); NĐ 78/2025/NĐ-CP, Điều 63; NĐ 34/2016/NĐ-CP, Điều 62")
@ocr_tolerant
def article_sequence(doc):
    prev = None
    for n, line in article_headings(doc):
        if n is None:
            continue  # "Điều 5a": an article inserted by an amending document
        ev = dict(evidence=line.text.strip()[:120], **line.span())
        if prev is None or n == 1:
            if prev is None and n != 1:
                yield finding(f"Điều đầu tiên là Điều {n}, không phải Điều 1", **ev)
        elif n == prev:
            yield finding(f"Điều {n} bị trùng số", **ev)
        elif n > prev + 1:
            missing = f"Điều {prev + 1}" if n == prev + 2 else f"Điều {prev + 1}–{n - 1}"
            yield finding(f"Sau Điều {prev} là Điều {n}: thiếu {missing}", **ev)
        elif n < prev:
            yield finding(f"Điều {n} đứng sau Điều {prev}", **ev)
        prev = n


VN_LETTERS = facts.format_constants()["diem_sequence"]["values"]
_POINT = re.compile(r"^[ \t]*(?P<l>[a-zđ])(?P<suffix>\d?)\)\s*(?=\S)")
_LIST_BREAK = re.compile(r"^[ \t]*(?:\d{1,2}[.)]\s|Điều\s+\d|Chương\s|Mục\s+\d|[IVXLC]+\.\s)")
_OPEN_Q, _CLOSE_Q = "“«", "”»"


def _next_letter(letter: str | None) -> str | None:
    if letter not in VN_LETTERS or letter == VN_LETTERS[-1]:
        return None
    return VN_LETTERS[VN_LETTERS.index(letter) + 1]


@rule("FMT008", "Điểm không theo thứ tự bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g, h…)", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.6(đ); Luật 64/2025/QH15, Điều 7 khoản 2; NĐ 78/2025/NĐ-CP, Điều 64")
@ocr_tolerant
def point_letters(doc):
    """Each list of điểm runs a, b, c, d, đ, e, g, h, …; a khoản, Điều or heading ends a list.  Text quoted
    by an amending document (“…”) has its own lists: the list around it resumes after the closing quote."""
    stack: list[str | None] = []
    prev, depth = None, 0
    for b in body_blocks(doc):
        for line in _line_blocks(b):
            text = line.text
            entered = depth == 0 and text.lstrip()[:1] in _OPEN_Q
            if entered:
                stack.append(prev)
                prev = None
            bare = text.lstrip(_OPEN_Q + " \t")
            m = _POINT.match(bare)
            if _LIST_BREAK.match(bare):
                prev = None
            elif m and not m.group("suffix"):
                prev = yield from _check_point(line, m, prev)
            new = max(0, depth + sum(text.count(q) for q in _OPEN_Q) - sum(text.count(q) for q in _CLOSE_Q))
            if entered:
                if new == 0:
                    prev = stack.pop()
            elif depth == 0 and new > 0:
                stack.append(prev)
                prev = None
            elif depth > 0 and new == 0:
                prev = stack.pop() if stack else None
            depth = new


def _check_point(line, m, prev):
    letter = m.group("l")
    offset = len(line.text) - len(line.text.lstrip(_OPEN_Q + " "))
    ev = dict(evidence=line.text.strip()[:100], **line.sub(offset, offset + 2).span())
    if letter not in VN_LETTERS:
        nxt = _next_letter(prev)
        yield finding(f"Điểm \"{letter})\": chữ {letter} không có trong bảng chữ cái tiếng Việt"
                      + (f"; sau \"{prev})\" là \"{nxt})\"" if nxt else ""), **ev)
        return nxt or prev
    if letter == "a" or prev is None:
        return letter
    expected = _next_letter(prev)
    if letter != expected:
        yield finding(f"Sau điểm \"{prev})\" là \"{letter})\", đúng thứ tự là \"{expected})\"", severity="warning", **ev)
    return letter
