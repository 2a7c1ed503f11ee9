"""Form (thể thức) rules of NĐ 30/2020: Quốc hiệu, Tiêu ngữ, "Số:", signature, Nơi nhận, Điều and điểm."""

import pytest

from rules import run_rules
from rules.fragments import ADMIN_PLAN, QPPL_DECISION, check, make_document, variant

QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"


@pytest.mark.parametrize(
    "rule_id, replacement, severity, expected",
    [
        ("FMT001", (QH, "CỘNG HÒA XÃ HỘI VIỆT NAM"), "error", "CỘNG HÒA XÃ HỘI VIỆT NAM"),
        ("FMT001", (QH, "Cộng hòa xã hội chủ nghĩa Việt Nam"), "error", "chữ in hoa"),
        ("FMT001", (QH + "\n", ""), "error", "Thiếu Quốc hiệu"),
        ("FMT002", (TN, "Độc lập-Tự do-Hạnh phúc"), "warning", "gạch nối"),
        ("FMT002", (TN, "Độc lập – Tự do – Hạnh phúc"), "info", "gạch dài"),
        ("FMT002", (TN, "Độc Lập - Tự Do - Hạnh Phúc"), "warning", "viết hoa"),
        ("FMT002", (TN, "Độc lập - Tự do - Ấm no"), "error", "đúng là"),
        ("FMT002", (TN + "\n", ""), "error", "Thiếu Tiêu ngữ"),
        ("FMT003", ("Số: 05/2024/QĐ-UBND", "Số 05/2024/QĐ-UBND"), "warning", "dấu hai chấm"),
        ("FMT003", ("\nSố: 05/2024/QĐ-UBND", ""), "error", "Không thấy dòng"),
        ("FMT004", ("TM. ỦY BAN NHÂN DÂN", "T/M. ỦY BAN NHÂN DÂN"), "error", "\"TM.\""),
        ("FMT004", ("TM. ỦY BAN NHÂN DÂN", "TM ỦY BAN NHÂN DÂN"), "error", "\"TM.\""),
        ("FMT005", ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "KT. CHỦ TỊCH\nCHỦ TỊCH"), "error", "PHÓ CHỦ TỊCH"),
        ("FMT006", ("\n- Lưu: VT, NC.", ""), "warning", "Lưu: VT"),
        ("FMT006", ("- Lưu: VT, NC.", "- Lưu VT, NC."), "info", "dấu hai chấm"),
        ("FMT007", ("Điều 3. Trách nhiệm", "Điều 4. Trách nhiệm"), "error", "thiếu Điều 3"),
        ("FMT007", ("Điều 3. Trách nhiệm", "Điều 2. Trách nhiệm"), "error", "trùng"),
        ("FMT008", ("c) Xử lý", "f) Xử lý"), "error", "không có trong bảng chữ cái"),
        ("FMT008", ("c) Xử lý", "d) Xử lý"), "warning", "\"c)\""),
    ],
)
def test_form_rule_triggers(rule_id, replacement, severity, expected):
    assert check(rule_id, make_document(**QPPL_DECISION)) == []
    doc = variant(QPPL_DECISION, replacement)
    found = check(rule_id, doc)
    assert [f.severity for f in found] == [severity], found
    assert expected in found[0].message
    assert doc.source.pages[found[0].page - 1].text[found[0].start : found[0].end].strip()


@pytest.mark.parametrize(
    "replacement",
    [
        (QH, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # old tone placement
        (QH, "CỘNG HÒA  XÃ HỘI CHỦ NGHĨA  VIỆT NAM"),  # spacing of the text layer
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),  # head signs
        ("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG"),
        ("c) Xử lý", "c) Xử lý\nd) Theo dõi;\nđ) Báo cáo;\ne) Lưu trữ;\ng) Tổng hợp"),
        ("Điều 3. Trách nhiệm", "Điều 2a. Bổ sung\nĐiều 3. Trách nhiệm"),  # inserted article
    ],
)
def test_form_rules_stay_silent(replacement):
    doc = variant(QPPL_DECISION, replacement)
    assert [f for f in run_rules(doc) if f.rule_id.startswith("FMT")] == []


def test_kt_follows_deputy_title_of_the_head():
    cv = dict(ADMIN_PLAN, signature="KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nNguyễn Văn A")
    assert check("FMT005", make_document(**cv)) == []
    found = check("FMT005", make_document(**dict(cv, signature="KT. BỘ TRƯỞNG\nVỤ TRƯỞNG\nNguyễn Văn A")))
    assert len(found) == 1 and "THỨ TRƯỞNG" in found[0].message


def test_kt_line_printed_above_the_recipients_block():
    """Layout may leave "KT. BỘ TRƯỞNG" in the body just above "Nơi nhận:" and the title in the signature."""
    doc = make_document(**dict(ADMIN_PLAN, body=ADMIN_PLAN["body"] + "\nKT. BỘ TRƯỞNG",
                               signature="BỘ TRƯỞNG\nNguyễn Văn A"))
    assert [f.rule_id for f in check("FMT005", doc)] == ["FMT005"]


def test_no_recipients_block():
    found = check("FMT006", make_document(**dict(QPPL_DECISION, recipients="")))
    assert len(found) == 1 and "Nơi nhận" in found[0].message


@pytest.mark.parametrize(
    "extra",
    ["\nCÔNG BÁO/Số 281/Ngày 21-05-2026", "\n(đã ký)"],  # a Công báo edition, a typed copy
)
def test_published_copies_need_no_recipients(extra):
    doc = make_document(**dict(QPPL_DECISION, recipients="", signature=QPPL_DECISION["signature"] + extra))
    assert check("FMT006", doc) == []


def test_recipients_list_running_over_to_the_next_page():
    doc = make_document(**dict(QPPL_DECISION, recipients="Nơi nhận:\n- Như Điều 3;"),
                        more_pages=("- Bộ Tư pháp;\n- Lưu: VT, NC.\nQUY ĐỊNH\nPhối hợp",))
    assert check("FMT006", doc) == []


def test_articles_restart_in_an_attached_regulation_and_old_style_headings():
    body = QPPL_DECISION["body"] + "\nQUY ĐỊNH\nĐiều 1- Phạm vi\nĐiều 2- Đối tượng\nĐiều 4- Trách nhiệm"
    found = check("FMT007", make_document(**dict(QPPL_DECISION, body=body)))
    assert [f.message for f in found] == ["Sau Điều 2 là Điều 4: thiếu Điều 3"]


def test_points_inside_a_quotation_have_their_own_list():
    body = QPPL_DECISION["body"].replace(
        "b) Kiểm tra văn bản theo thẩm quyền;",
        "b) Sửa đổi khoản 2 như sau:\n“2. Nội dung kiểm tra:\na) Thẩm quyền;\nb) Nội dung;\nc) Thể thức”.")
    assert check("FMT008", make_document(**dict(QPPL_DECISION, body=body))) == []


def test_form_rules_skip_an_excerpt_without_header():
    doc = make_document(body="Năm 2024, tỉnh đã ban hành 46 văn bản quy phạm pháp luật.")
    assert [f for f in run_rules(doc) if f.rule_id.startswith(("FMT", "DAT", "NUM"))] == []


@pytest.mark.parametrize(
    "rule_id, replacement",
    [
        ("FMT001", (QH, "CỘNG HÒA XÃ HỘI CHỦ NG VIỆT NAM")),
        ("FMT002", (TN, "Độc lập - Tự do - Hạnh Phúc")),
        ("FMT008", ("c) Xử lý", "e) Xử lý")),
    ],
)
def test_on_ocr_pages_character_findings_are_info(rule_id, replacement):
    parts = dict(QPPL_DECISION)
    for k, v in parts.items():
        parts[k] = v.replace(*replacement)
    assert check(rule_id, make_document(**parts))[0].severity in ("error", "warning")
    found = check(rule_id, make_document(**parts, source="ocr"))
    assert len(found) == 1 and found[0].severity == "info" and "OCR" in found[0].message


def test_recipients_list_without_its_heading():
    # layout names a recipients region only under a "Nơi nhận" line: here the list stays in the body
    doc = make_document(**dict(QPPL_DECISION, recipients="",
                               body=QPPL_DECISION["body"] + "\n- Như Điều 3;\n- Lưu: VT, NC."))
    found = check("FMT006", doc)
    assert [f.severity for f in found] == ["info"] and "tiêu đề" in found[0].message


@pytest.mark.parametrize(
    "rule_id, replacement, damaged, severity, expected",
    [
        ("FMT001", (QH, "CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM"), True, "info", "lớp chữ"),  # glyphs dropped by a font
        ("FMT001", (QH, "CỘNG ÒA XÃ ỘI C Ủ NG ĨA VIỆT NAM"), False, "error", "đúng là"),  # ingest saw no damage
        ("FMT001", (QH, "CỘNG HÒA XÃ HỘI VIỆT NAM"), True, "error", "đúng là"),  # whole words left out: no font
        ("FMT002", (TN, "Độc lập - Tự o - Hạnh phúc"), True, "info", "lớp chữ"),
        ("FMT002", (TN, "Độc lập - Tự o - Hạnh phúc"), False, "error", "đúng là"),
        ("FMT002", (TN, "Độc lập - Tự do"), True, "error", "đúng là"),
    ],
)
def test_damaged_page_makes_a_misprinted_line_a_note(rule_id, replacement, damaged, severity, expected):
    """FMT001/FMT002 read ``page.damaged`` (set by ingest): on a damaged page a Quốc hiệu or Tiêu ngữ with
    letters lost is the file's font, not the document's error; words left out stay an error."""
    found = check(rule_id, variant(QPPL_DECISION, replacement, damaged=damaged))
    assert [f.severity for f in found] == [severity], found
    assert expected in found[0].message
