"""Word layout tables: a two-column header (or Nơi nhận/signature) table gives the same regions as
a PDF's two-column header; data tables stay "a | b" rows."""

from __future__ import annotations

import docx
import pytest

from ingest import ingest_file
from ingest.layout import layout_plain_text
from ingest.legacy import encode
from ingest.word import read_docx

QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"


def _docx(path, rows, before=(), after=(), legacy=False):
    """A .docx: paragraphs ``before``, a table of ``rows`` (each cell a list of paragraphs), then ``after``.
    ``legacy``: every cell paragraph typed TCVN3 in .VnTime."""
    d = docx.Document()
    for text in before:
        d.add_paragraph(text)
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, paragraphs in enumerate(row):
            cell = table.cell(r, c)
            cell.paragraphs[0].text = ""
            for i, text in enumerate(paragraphs):
                para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                if legacy:
                    para.add_run(encode(text, "tcvn3")).font.name = ".VnTime"
                else:
                    para.add_run(text)
    for text in after:
        d.add_paragraph(text)
    d.save(path)
    return path


def _regions(page) -> dict[str, str]:
    return {name: page.region(name) for name in page.regions}


@pytest.mark.parametrize(
    "rows, legacy, left, right",
    [
        # issuer and its parent in one cell, Quốc hiệu and tiêu ngữ in the other; Số and date in a second row
        ([[["ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", "SỞ TƯ PHÁP"], [QH, TN]],
          [["Số: 27/BC-STP"], ["Hòa Bình, ngày 5 tháng 3 năm 2024"]]], False,
         "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\nSỞ TƯ PHÁP\nSố: 27/BC-STP",
         f"{QH}\n{TN}\nHòa Bình, ngày 5 tháng 3 năm 2024"),
        # one row only, empty spacing paragraphs dropped, a long issuer name in a narrow cell
        ([[["BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "", "Số: 105/QĐ-BNNMT"],
           [QH, TN, "", "Hà Nội, ngày 20 tháng 01 năm 2025"]]], False,
         "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nSố: 105/QĐ-BNNMT",
         f"{QH}\n{TN}\nHà Nội, ngày 20 tháng 01 năm 2025"),
        # the same table typed in TCVN3 (.VnTime): converted and laid out
        ([[["UBND HUYỆN YÊN THẾ"], [QH, TN]], [["Số: 8/TB-UBND"], ["Yên Thế, ngày 2 tháng 6 năm 2003"]]], True,
         "UBND HUYỆN YÊN THẾ\nSố: 8/TB-UBND",
         f"{QH}\n{TN}\nYên Thế, ngày 2 tháng 6 năm 2003"),
    ],
)
def test_docx_header_table_gives_the_two_header_regions(tmp_path, rows, legacy, left, right):
    path = _docx(tmp_path / "vb.docx", rows, after=["THÔNG BÁO", "Về việc tổ chức hội nghị"], legacy=legacy)
    doc = ingest_file(path)
    regions = _regions(doc.pages[0])
    assert regions["header_left"] == left
    assert regions["header_right"] == right
    assert "|" not in regions["header_left"] + regions["header_right"]
    assert regions["body"].startswith("THÔNG BÁO")


def test_docx_signature_table_gives_recipients_and_signature(tmp_path):
    rows = [[["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT."], ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Lê Văn Bình"]]]
    path = _docx(tmp_path / "ky.docx", rows, before=[QH, TN, "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành."])
    regions = _regions(ingest_file(path).pages[0])
    assert regions["recipients"] == "Nơi nhận:\n- Như Điều 3;\n- Lưu: VT."
    assert regions["signature"] == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn Bình"


@pytest.mark.parametrize(
    "rows, expected",
    [
        # a two-column data table: no Quốc hiệu, no Nơi nhận → rows with " | ", cell paragraphs joined
        ([[["Chỉ tiêu"], ["Kết quả"]], [["Số thủ tục", "trực tuyến"], ["120"]]],
         "Chỉ tiêu | Kết quả\nSố thủ tục trực tuyến | 120"),
        # three columns mentioning the Quốc hiệu: not a two-column layout
        ([[["1"], [QH], ["x"]]], f"1 | {QH} | x"),
    ],
)
def test_data_tables_stay_rows(tmp_path, rows, expected):
    path = _docx(tmp_path / "bang.docx", rows)
    assert read_docx(path) == [expected]


@pytest.mark.parametrize(
    "text, left, right",
    [
        # antiword's "|a |b |" rows after tidying: "a | b", one line per row
        (f"BỘ TÀI CHÍNH | {QH}\n | {TN}\nSố: 12/2024/TT-BTC | Hà Nội, ngày 3 tháng 4 năm 2024\nTHÔNG TƯ",
         "BỘ TÀI CHÍNH\nSố: 12/2024/TT-BTC", f"{QH}\n{TN}\nHà Nội, ngày 3 tháng 4 năm 2024"),
        # a header typed with spaces (no table) is still split at its gutter
        (f"BỘ TÀI CHÍNH          {QH}\n                       {TN}\n"
         "Số: 12/2024/TT-BTC     Hà Nội, ngày 3 tháng 4 năm 2024\nTHÔNG TƯ",
         "BỘ TÀI CHÍNH\nSố: 12/2024/TT-BTC", f"{QH}\n{TN}\nHà Nội, ngày 3 tháng 4 năm 2024"),
    ],
)
def test_plain_text_two_cell_header(text, left, right):
    laid = layout_plain_text(text)
    assert laid.text[slice(*laid.regions["header_left"])] == left
    assert laid.text[slice(*laid.regions["header_right"])] == right


def test_plain_text_data_rows_below_the_header_keep_their_bars():
    text = f"BỘ TÀI CHÍNH | {QH}\nSố: 1/BC-BTC | Hà Nội, ngày 3 tháng 4 năm 2024\nBÁO CÁO\nTỉnh | Số xã\nHòa Bình | 151"
    laid = layout_plain_text(text)
    assert laid.text[slice(*laid.regions["body"])] == "BÁO CÁO\nTỉnh | Số xã\nHòa Bình | 151"


def test_antiword_header_table_keeps_its_columns(tmp_path, monkeypatch):
    from ingest import word

    # what antiword prints for a .doc whose header is a two-column table (an empty left cell included)
    printed = (
        f"|UBND HUYỆN YÊN THẾ      |{QH}   |\n"
        f"|                        |{TN}          |\n"
        "|Số: 8/TB-UBND           |Yên Thế, ngày 2 tháng 6 năm 2003 |\n"
        "\nTHÔNG BÁO\n"
        "|Chỉ tiêu  |Kết quả |\n|          |120 hồ sơ |\n"
    )
    monkeypatch.setattr(word, "_run_tool", lambda args: (0, printed, ""))
    monkeypatch.setattr(word.shutil, "which", lambda name: f"/usr/bin/{name}")
    path = tmp_path / "tb.doc"
    path.write_bytes(word.OLE_MAGIC + b"\0" * 504)
    regions = _regions(ingest_file(path).pages[0])
    assert regions["header_left"] == "UBND HUYỆN YÊN THẾ\nSố: 8/TB-UBND"
    assert regions["header_right"] == f"{QH}\n{TN}\nYên Thế, ngày 2 tháng 6 năm 2003"
    assert regions["body"] == "THÔNG BÁO\nChỉ tiêu | Kết quả\n120 hồ sơ"  # a data table: empty cells dropped as before
