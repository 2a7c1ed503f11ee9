"""Rules on the form (thể thức) of a document, NĐ 30/2020/NĐ-CP Phụ lục I:
Quốc hiệu and Tiêu ngữ, the "Số:" line, the signature block, Nơi nhận, and
the numbering of Điều and điểm."""

from __future__ import annotations

import re

from rasoat import facts
from rasoat.numbers import qh_term
from rasoat.vntext import collapse, fold, unify
from rules import patterns as pt
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
EVIDENCE_CHARS = 120  # characters of the header, of a line or of the end of a page shown as evidence
RECIPIENTS_EVIDENCE_CHARS = 160  # characters of the Nơi nhận shown as evidence
POINT_EVIDENCE_CHARS = 100  # characters of a điểm line shown as evidence


def _applies(doc) -> bool:
    """Form rules apply to complete documents (with a header), not to excerpts or Party documents."""
    return has_header(doc) and not is_party_document(doc)


def _line_blocks(b: Block):
    for m in pt.LINE.finditer(b.text):
        yield b.sub(m.start(), m.end())


def glyphs_lost(doc, line: Block, printed: str, expected: str) -> bool:
    """Is ``printed`` (read on ``line``) what a PDF font without some glyphs makes of ``expected``?  Ingest
    marks such a page ``damaged`` (``ingest.glyphs``: the Quốc hiệu printed close to, not as, itself; broken
    glyph codes); on it a line that differs is the file's text layer, not the document — unless it is
    ``expected`` with whole words left out ("CỘNG HÒA XÃ HỘI VIỆT NAM"), a real error whatever the font."""
    if not doc.source.pages[line.page - 1].damaged:
        return False
    words, known = unify(printed).upper().split(), unify(expected).upper().split()
    return not (words and all(w in known for w in words))


QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


@rule("FMT001", "Quốc hiệu thiếu hoặc không đúng", CAT, "error", "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.1",
      fix="Ghi đúng Quốc hiệu: \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" (chữ in hoa, đứng).")
@ocr_tolerant
def national_title(doc):
    if not _applies(doc):
        return
    head = head_block(doc)
    best = doc.extraction.blocks.national_title  # the line as printed, or the closest attempt at it
    if best is not None and best.fields.get("exact"):
        return
    if best is None:
        yield finding("Thiếu Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\" ở đầu văn bản",
                      evidence=head.text[:EVIDENCE_CHARS], **head.span())
        return
    printed = collapse(best.text)
    m = pt.NATIONAL_TITLE_PART.search(printed)
    part = m.group(0) if m else printed
    if glyphs_lost(doc, best, part, QUOC_HIEU):
        yield finding(f"Quốc hiệu in ra \"{part}\" thiếu ký tự — có thể do lớp chữ của tệp (phông) chứ không do "
                      "văn bản; cần xem bản gốc", severity="info", evidence=printed, **best.span())
        return
    yield finding(f"Quốc hiệu ghi \"{part}\", đúng là \"{QUOC_HIEU}\" (chữ in hoa)", evidence=printed, **best.span())


@rule("FMT002", "Tiêu ngữ thiếu hoặc không đúng", CAT, "error", "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.1",
      fix="Ghi đúng Tiêu ngữ: \"Độc lập - Tự do - Hạnh phúc\" (gạch nối ngắn, chữ đầu các cụm in hoa).")
@ocr_tolerant
def motto(doc):
    if not _applies(doc):
        return
    head = head_block(doc)
    line = doc.extraction.blocks.motto
    if line is not None:
        text = unify(collapse(line.text))
        printed = text[fold(text).find("doc lap") :]
        j = fold(printed).find("hanh phuc")
        if j == -1:
            if glyphs_lost(doc, line, pt.MOTTO_DASH.sub(" - ", printed), TIEU_NGU):
                yield finding(f"Tiêu ngữ ghi \"{printed}\" thiếu chữ — có thể do lớp chữ của tệp; cần xem bản gốc",
                              severity="info", evidence=printed, **line.span())
            else:
                yield finding(f"Tiêu ngữ ghi \"{printed}\", đúng là \"{TIEU_NGU}\"", evidence=printed, **line.span())
            return
        printed = printed[: j + len("hanh phuc")]
        if printed == TIEU_NGU:
            return
        ev = dict(evidence=printed, **line.span())
        if pt.MOTTO_DASH.sub(" - ", printed) == TIEU_NGU:
            if pt.LONG_DASH.search(printed):
                yield finding(f"Tiêu ngữ dùng gạch dài \"{printed}\"; mẫu dùng gạch nối (-) có cách chữ",
                              severity="info", **ev)
            else:
                yield finding(f"Tiêu ngữ \"{printed}\": giữa các cụm từ là gạch nối (-) có cách chữ ở hai bên",
                              severity="warning", **ev)
        elif fold(printed) == fold(TIEU_NGU) or fold(printed).replace(" ", "") == fold(TIEU_NGU).replace(" ", ""):
            yield finding(f"Tiêu ngữ \"{printed}\": chữ đầu của các cụm từ viết hoa, đúng là \"{TIEU_NGU}\"",
                          severity="warning", **ev)
        elif glyphs_lost(doc, line, pt.MOTTO_DASH.sub(" - ", printed), TIEU_NGU):
            yield finding(f"Tiêu ngữ in ra \"{printed}\" thiếu ký tự — có thể do lớp chữ của tệp; cần xem bản gốc",
                          severity="info", **ev)
        else:
            yield finding(f"Tiêu ngữ ghi \"{printed}\", đúng là \"{TIEU_NGU}\"", **ev)
        return
    yield finding(f"Thiếu Tiêu ngữ \"{TIEU_NGU}\" dưới Quốc hiệu", evidence=head.text[:EVIDENCE_CHARS], **head.span())


@rule("FMT003", "Thiếu dòng \"Số:\" (số, ký hiệu) ở đầu văn bản", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, Phần I, mục II.3",
      fix="Bổ sung dòng \"Số: …/…\" (số, ký hiệu văn bản) dưới tên cơ quan ban hành.")
@ocr_tolerant
def number_line_missing(doc):
    if not _applies(doc):
        return
    h = doc.extraction.header
    head = head_block(doc)
    line = doc.extraction.blocks.number_line
    if line is not None:
        if not line.fields["colon"]:
            yield finding(f"Dòng số, ký hiệu phải có dạng \"Số: …\" (thiếu dấu hai chấm): \"{line.text.strip()}\"",
                          severity="warning", evidence=line.text.strip(), **line.span())
        return
    if h.symbol:
        return
    yield finding("Không thấy dòng \"Số: …/…\" (số, ký hiệu văn bản) dưới tên cơ quan ban hành",
                  evidence=head.text[:EVIDENCE_CHARS], **head.span())


ALLOWED_PREFIXES = tuple(v["prefix"] for v in facts.format_constants()["signing_prefixes"]["values"])


def _sig_lines(doc):
    return signature_lines(doc)


@rule("FMT004", "Quyền hạn ký không thuộc các dạng TM., KT., Q., TL., TUQ.", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Điều 13; Phụ lục I, mục II.7(b)(c)(đ)",
      fix="Ghi quyền hạn ký theo một trong các dạng TM., KT., Q., TL., TUQ. (hoặc không ghi khi người đứng đầu ký).")
@ocr_tolerant
def signing_prefix(doc):
    if not _applies(doc):
        return
    for line in _sig_lines(doc):
        m = pt.PREFIX.match(line.text)
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
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.7(b)",
      fix="Khi ký thay (KT.), ghi chức vụ cấp phó của người ký; nếu người đứng đầu ký thì bỏ \"KT.\".")
@ocr_tolerant
def kt_without_deputy(doc):
    if not _applies(doc):
        return
    lines = _sig_lines(doc)
    for i, line in enumerate(lines):
        m = pt.KT_LINE.match(unify(line.text))
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


DEFAULT_LUU_TAIL = 1500  # characters at the end of the last page searched for "Lưu: VT" without its heading
DEFAULT_TAIL_EVIDENCE = 200  # characters at the end of the last page shown when the Nơi nhận is missing


@rule("FMT006", "Thiếu \"Nơi nhận:\" hoặc dòng \"- Lưu: VT\"", CAT, "warning",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.9",
      fix="Bổ sung phần \"Nơi nhận:\" và dòng \"- Lưu: VT, …\" ở cuối văn bản.")
@ocr_tolerant
def recipients(doc):
    if not _applies(doc) or not _needs_recipients(doc):
        return
    b = recipients_block(doc)
    if b is None:
        last = doc.source.pages[-1]
        tail = max(0, len(last.text) - DEFAULT_TAIL_EVIDENCE)
        luu = pt.LUU.search(last.text, max(0, len(last.text) - DEFAULT_LUU_TAIL))
        if luu:  # the list is there ("- Lưu: VT"), its heading is not
            yield finding("Danh sách nơi nhận thiếu tiêu đề \"Nơi nhận:\"", severity="info", evidence=luu.group(0),
                          page=last.number, start=luu.start(), end=luu.end())
            return
        yield finding("Không thấy phần \"Nơi nhận:\" ở cuối văn bản",
                      evidence=last.text[tail:].strip()[-EVIDENCE_CHARS:],
                      page=last.number, start=tail, end=len(last.text))
        return
    text = recipients_text(doc)
    m = pt.LUU.search(text)
    if m is None:
        yield finding("Phần Nơi nhận thiếu dòng \"- Lưu: VT, …\" (lưu tại Văn thư cơ quan)",
                      evidence=collapse(b.text)[:RECIPIENTS_EVIDENCE_CHARS], **b.span())
    elif ":" not in m.group(0) and m.start() < len(b.text):
        yield finding("Dòng lưu phải có dạng \"- Lưu: VT, …\" (thiếu dấu hai chấm)", severity="info",
                      evidence=m.group(0), **b.sub(m.start(), m.end()).span())


def _int(num: str) -> int | None:
    return int(num) if num.isdigit() else None


def article_headings(doc):
    """(number, block of the heading line) for every Điều heading of the body, in reading order."""
    for b in body_blocks(doc):
        for m in pt.ARTICLE.finditer(b.text):
            end = b.text.find("\n", m.start())
            line = b.sub(m.start(), len(b.text) if end == -1 else end)
            yield (None if m.group("suffix") else int(m.group("num"))), line


@rule("FMT007", "Số thứ tự Điều bị nhảy cóc hoặc trùng", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.6(đ); NĐ 78/2025/NĐ-CP, Điều 63; NĐ 34/2016/NĐ-CP, Điều 62",
      fix="Đánh lại số thứ tự các Điều liên tục, không bỏ sót và không trùng.")
@ocr_tolerant
def article_sequence(doc):
    prev = None
    for n, line in article_headings(doc):
        if n is None:
            continue  # "Điều 5a": an article inserted by an amending document
        ev = dict(evidence=line.text.strip()[:EVIDENCE_CHARS], **line.span())
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
_OPEN_Q, _CLOSE_Q = "“«", "”»"


def _next_letter(letter: str | None) -> str | None:
    if letter not in VN_LETTERS or letter == VN_LETTERS[-1]:
        return None
    return VN_LETTERS[VN_LETTERS.index(letter) + 1]


@rule("FMT008", "Điểm không theo thứ tự bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g, h…)", CAT, "error",
      "NĐ 30/2020/NĐ-CP, Phụ lục I, mục II.6(đ); Luật 64/2025/QH15, Điều 7 khoản 2; NĐ 78/2025/NĐ-CP, Điều 64",
      fix="Đánh lại các điểm theo thứ tự bảng chữ cái tiếng Việt: a, b, c, d, đ, e, g, h, i, k…")
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
            m = pt.POINT.match(bare)
            if pt.LIST_BREAK.match(bare):
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
    ev = dict(evidence=line.text.strip()[:POINT_EVIDENCE_CHARS], **line.sub(offset, offset + 2).span())
    if letter not in VN_LETTERS:
        nxt = _next_letter(prev)
        yield finding(f"Điểm \"{letter})\": chữ {letter} không có trong bảng chữ cái tiếng Việt"
                      + (f"; sau \"{prev})\" là \"{nxt})\"" if nxt else ""), **ev)
        return nxt or prev
    if letter == "a" or prev is None:
        return letter
    expected = _next_letter(prev)
    if letter != expected:
        yield finding(f"Sau điểm \"{prev})\" là \"{letter})\", đúng thứ tự là \"{expected})\"", severity="warning",
                      **ev)
    return letter
