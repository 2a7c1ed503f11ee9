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
    assert right == ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                     "Lâm Đồng, ngày 05 tháng 3 năm 2025")
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
    assert page.text[slice(*page.regions["signature"])] == (
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An")
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


# Headers typed one column above the other (text layers and Word files read column by column), our own fragments.
STACKED = {
    "decree": ("CHÍNH PHỦ\nSố: 17/2031/NĐ-CP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
               "Hà Nội, ngày 3 tháng 4 năm 2031\nNGHỊ ĐỊNH\nVề quản lý bến thuyền\nCăn cứ Luật Tổ chức Chính phủ;"),
    "province": ("ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nSố: 08/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                 "Độc lập - Tự do - Hạnh phúc\nHòa An, ngày 9 tháng 9 năm 2031\nQUYẾT ĐỊNH\nVề việc giao chỉ tiêu"),
    "resolution": ("ỦY BAN THƯỜNG VỤ QUỐC HỘI\nNghị quyết số: 40/2031/UBTVQH16\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "Độc lập - Tự do - Hạnh phúc\nNGHỊ QUYẾT\nVề mức phụ cấp"),
}


@pytest.mark.parametrize(
    "name, left_has, right_has",
    [
        ("decree", "Số: 17/2031/NĐ-CP", "Hà Nội, ngày 3"),
        ("province", "TỈNH HÒA AN", "Hòa An, ngày 9"),
        ("resolution", "Nghị quyết số: 40/2031/UBTVQH16", "Độc lập"),
    ],
)
def test_stacked_header_is_split_into_its_columns(name, left_has, right_has):
    from ingest.layout import layout_plain_text

    laid = layout_plain_text(STACKED[name])
    left, right = (laid.text[slice(*laid.regions[r])] for r in ("header_left", "header_right"))
    assert left_has in left and right_has in right
    assert "CỘNG HÒA" not in left


@pytest.mark.parametrize(
    "text",
    [
        # a receipt stamp above the Quốc hiệu is not an issuer block: no "Số:" line in it
        "ĐẾN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNGHỊ ĐỊNH",
        # a "Số" in lower-case prose above is not a number line
        "Có 3 số liệu cần xem\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nBÁO CÁO",
    ],
)
def test_lines_above_quoc_hieu_without_a_number_line_stay_apart(text):
    from ingest.layout import layout_plain_text

    assert "header_left" not in layout_plain_text(text).regions


def test_running_heads_inside_a_joined_text_are_furniture():
    from ingest.layout import layout_plain_text

    text = ("CÔNG BÁO/Số 12/Ngày 01-02-2031\n7\nCHÍNH PHỦ\nSố: 17/2031/NĐ-CP\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNGHỊ ĐỊNH\nĐiều 1. Phạm vi\n"
            "Có 12 bến thuyền.\nCÔNG BÁO/Số 12/Ngày 01-02-2031\n8\nĐiều 2. Đối tượng\n15\nCó 15 tổ đò.")
    laid = layout_plain_text(text)
    assert "CÔNG BÁO" not in laid.text and "\n8\n" not in laid.text
    # a number not beside a running head stays
    assert "Có 12 bến thuyền." in laid.text and "Đối tượng\n15\nCó 15 tổ đò." in laid.text
    assert laid.furniture.count("CÔNG BÁO") == 2
