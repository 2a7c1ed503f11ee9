"""Layout from word positions: the two-column header and the signature block."""

import pytest

from ingest.layout import group_lines, layout_page


def words(rows):
    """Word dicts from (top, x0, text) rows, 6 points per character."""
    out = []
    for top, x0, text in rows:
        x = x0
        for w in text.split():
            out.append(dict(text=w, x0=x, x1=x + 6 * len(w), top=top, bottom=top + 12))
            x += 6 * len(w) + 4
    return out


HEADER = [
    (50, 90, "ỦY BAN NHÂN DÂN"), (50, 300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    (65, 95, "TỈNH LÂM ĐỒNG"), (65, 330, "Độc lập - Tự do - Hạnh phúc"),
    (90, 90, "Số: 12/QĐ-UBND"), (90, 320, "Lâm Đồng, ngày 05 tháng 3 năm 2025"),
    (130, 250, "QUYẾT ĐỊNH"),
    (150, 90, "Căn cứ Luật Tổ chức chính quyền địa phương;"),
]


def test_two_column_header_is_read_column_by_column():
    page = layout_page(words(HEADER), 595, first_page=True)
    left = page.text[slice(*page.regions["header_left"])]
    right = page.text[slice(*page.regions["header_right"])]
    assert left == "ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG\nSố: 12/QĐ-UBND"
    assert right == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLâm Đồng, ngày 05 tháng 3 năm 2025"
    assert page.text[slice(*page.regions["body"])].startswith("QUYẾT ĐỊNH")


def test_a_page_without_quoc_hieu_has_no_header():
    page = layout_page(words([(50, 90, "Điều 3. Tổ chức thực hiện"), (70, 90, "Quyết định có hiệu lực.")]), 595, True)
    assert set(page.regions) == {"body"}


def test_signature_block_beside_recipients_and_the_lines_above_it():
    rows = [
        (400, 90, "Quyết định này có hiệu lực kể từ ngày ký./."),
        (430, 330, "TM. ỦY BAN NHÂN DÂN"),
        (445, 90, "Nơi nhận:"), (445, 350, "KT. CHỦ TỊCH"),
        (460, 90, "- Như Điều 3;"), (460, 345, "PHÓ CHỦ TỊCH"),
        (475, 90, "- Lưu: VT, NC."),
        (520, 340, "Nguyễn Văn An"),
    ]
    page = layout_page(words(rows), 595, first_page=False)
    assert page.text[slice(*page.regions["signature"])] == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An"
    assert page.text[slice(*page.regions["recipients"])] == "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT, NC."


def test_running_header_and_page_number_are_furniture():
    rows = [(20, 200, "CÔNG BÁO/Số 281/Ngày 21-05-2026"), (60, 90, "Điều 2. Nhiệm vụ"), (800, 290, "12")]
    page = layout_page(words(rows), 595, first_page=False)
    assert page.text == "Điều 2. Nhiệm vụ"
    assert "CÔNG BÁO" in page.furniture and "12" in page.furniture


def test_running_header_is_not_a_citation():
    from extract.citations import find_citations
    from rasoat.models import Page

    rows = [(20, 200, "CÔNG BÁO/Số 1523 + 1524/Ngày 29-12-2024"), (60, 90, "Căn cứ Luật số 32/2013/QH13;")]
    laid = layout_page(words(rows), 595, first_page=False)
    assert [c.number for c in find_citations([Page(1, laid.text)])] == ["32/2013/QH13"]


def box(text, x0, top, bottom, x1=None):
    return dict(text=text, x0=x0, x1=x1 if x1 is not None else x0 + 6 * len(text), top=top, bottom=bottom)


# OCR word boxes as Tesseract gave them on a scanned Nghị định (points), reduced to what matters
GROUPING = [
    # a tall "word" (a receipt stamp in the margin) must not swallow the first words of the next line,
    # whose accents ("về", "xếp") put their tops a little higher than the others'
    ([box("—...a", 66, 155.9, 186.1, 161), box("NGHỊ", 278, 164.5, 177.5), box("ĐỊNH", 318, 164.9, 177.5),
      box("Quy", 171, 180.7, 193.7), box("về", 232, 177.8, 190.8), box("đánh", 249, 181.1, 190.8),
      box("xếp", 309, 177.8, 193.7)],
     ["—...a NGHỊ ĐỊNH", "Quy về đánh xếp"]),
    # a word whose middle lies exactly on the band's edge still shares the line with its neighbours
    ([box("Số:", 120, 108.72, 120.96), box("Hà", 303, 114.48, 124.56), box("ngày", 352, 114.48, 127.44),
      box("21", 384, 114.5, 124.2)],
     ["Số: Hà ngày 21"]),
    # a flat first "word" (an underscore) does not cut the line in two
    ([box("__", 106, 366.1, 368.3), box("đối", 94, 369.0, 379.1), box("cơ", 137, 371.9, 379.1),
      box("quan", 154, 372.2, 382.0)],
     ["đối __ cơ quan"]),
    # lines of a text layer, 16 points apart, stay apart
    (words([(100, 90, "Điều 1. Phạm vi"), (116, 90, "Nghị định này")]), ["Điều 1. Phạm vi", "Nghị định này"]),
]


@pytest.mark.parametrize("boxes, expected", GROUPING)
def test_group_lines(boxes, expected):
    assert [line.text for line in group_lines(boxes)] == expected
