"""Word files: .docx via python-docx, .doc via antiword (catdoc fallback)."""

from __future__ import annotations

import docx
import pytest

from ingest import word  # noqa: E402
from ingest.legacy import encode  # noqa: E402
from ingest.word import read_doc, read_docx  # noqa: E402


def _make_docx(path):
    d = docx.Document()
    d.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    d.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("STT", "Tên thủ tục", "Mã số"), ("1", "Đăng ký kinh doanh", "1.004227")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    # a paragraph typed in the TCVN3 font, the upper-case one for the first word
    p = d.add_paragraph()
    p.add_run(encode("điều", "tcvn3")).font.name = ".VnTimeH"
    p.add_run(encode(" 1. Phạm vi điều chỉnh", "tcvn3")).font.name = ".VnTime"
    # a paragraph in VNI
    d.add_paragraph().add_run(encode("Quyết định số 438/QĐ-UBND", "vni")).font.name = "VNI-Times"
    # Unicode text in a run that merely declares .VnTime: unchanged
    d.add_paragraph().add_run("Ủy ban nhân dân tỉnh Bình Phước").font.name = ".VnTime"
    d.save(path)


def test_read_docx_paragraphs_tables_and_legacy_runs(tmp_path):
    path = tmp_path / "vb.docx"
    _make_docx(path)
    pages = read_docx(path)
    assert len(pages) == 1
    assert pages[0].split("\n") == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "STT | Tên thủ tục | Mã số",
        "1 | Đăng ký kinh doanh | 1.004227",
        "ĐIỀU 1. Phạm vi điều chỉnh",
        "Quyết định số 438/QĐ-UBND",
        "Ủy ban nhân dân tỉnh Bình Phước",
    ]


def test_read_docx_merged_cells_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "Tiêu đề"
    t.cell(1, 0).text, t.cell(1, 1).text = "a", "b"
    d.save(tmp_path / "m.docx")
    assert read_docx(tmp_path / "m.docx") == ["Tiêu đề\na | b"]


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_read_docx_errors(tmp_path, content):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    with pytest.raises(ValueError, match="Không đọc được tệp Word"):
        read_docx(path)


# ------------------------------------------------------------------- .doc
@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "rỗng"),
        (b"Hello, this is plain text", "không phải tệp Word"),
        (b"{\\rtf1\\ansi hello}", "RTF"),
        (b"%PDF-1.4\n", "không phải tệp Word"),
    ],
)
def test_read_doc_rejects_non_word_files(tmp_path, content, reason):
    path = tmp_path / "x.doc"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f"Không đọc được tệp Word: x.doc .*{reason}"):
        read_doc(path)


def test_read_doc_missing_file(tmp_path):
    with pytest.raises(ValueError, match="Không đọc được tệp Word"):
        read_doc(tmp_path / "nope.doc")


def test_read_doc_broken_ole_file(tmp_path):
    # OLE signature but no Word stream: the real tools fail → ValueError
    path = tmp_path / "broken.doc"
    path.write_bytes(word.OLE_MAGIC + b"\0" * 4096)
    with pytest.raises(ValueError, match="Không đọc được tệp Word"):
        read_doc(path)


def test_read_doc_docx_in_disguise(tmp_path):
    path = tmp_path / "really-docx.doc"
    _make_docx(path)
    assert read_doc(path).startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")


def _fake_ole(tmp_path):
    path = tmp_path / "vni.doc"
    path.write_bytes(word.OLE_MAGIC + b"\0" * 504)
    return path


# What antiword prints for a VNI document (legacy bytes as Latin-1
# characters, a table with a Unicode-typed signer name, a picture).
ANTIWORD_VNI = (
    "UÛY BAN NHAÂN DAÂN         \tCOÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\n"
    "\n"
    "QUYEÁT ÑÒNH\n"
    "\tÑieàu 1. Pheâ duyeät Keá hoaïch thöïc hieän quy hoaïch söû duïng röøng.\n"
    "\n"
    "|                    |TM. UÛY BAN NHAÂN DAÂN TÆNH      |\n"
    "|                    |Trương Tấn Thiệu                |\n"
    "|                    |                                |\n"
    "\n"
    "[pic]\n"
)


def test_read_doc_converts_antiword_output(tmp_path, monkeypatch):
    calls = []

    def fake_tool(args):
        calls.append(args[0])
        return 0, ANTIWORD_VNI, ""

    monkeypatch.setattr(word, "_run_tool", fake_tool)
    monkeypatch.setattr(word.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert read_doc(_fake_ole(tmp_path)) == (
        "ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "\n"
        "QUYẾT ĐỊNH\n"
        "\tĐiều 1. Phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng.\n"
        "\n"
        "TM. ỦY BAN NHÂN DÂN TỈNH\n"
        "Trương Tấn Thiệu"
    )
    assert calls == ["antiword"]


def test_read_doc_falls_back_to_catdoc(tmp_path, monkeypatch):
    def fake_tool(args):
        if args[0] == "antiword":
            return 1, "", "x.doc is not a Word Document."
        return 0, "Quyeát ñònh soá 991\n", ""

    monkeypatch.setattr(word, "_run_tool", fake_tool)
    monkeypatch.setattr(word.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert read_doc(_fake_ole(tmp_path)) == "Quyết định số 991"


def test_read_doc_without_tools(tmp_path, monkeypatch):
    monkeypatch.setattr(word.shutil, "which", lambda name: None)
    with pytest.raises(ValueError, match="không có antiword; không có catdoc"):
        read_doc(_fake_ole(tmp_path))
