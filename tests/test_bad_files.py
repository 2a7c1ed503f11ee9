"""Bad inputs give a document row with a clear Vietnamese error, never a
crash or a half-read document; the run goes on and the exit code says so."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner
from reportlab.pdfgen import canvas

from ingest import ingest_file
from rasoat.cli import cli


def encrypted_pdf(path):
    c = canvas.Canvas(str(path), encrypt="mat-khau")
    c.drawString(100, 750, "Van ban co mat khau")
    c.save()
    return path


@pytest.fixture
def bad_folder(tmp_path, sample_pdfs):
    folder = tmp_path / "lan"
    folder.mkdir()
    (folder / "rong.pdf").write_bytes(b"")
    (folder / "trang-web.pdf").write_text("<!DOCTYPE html><html><body>404 - File not found</body></html>")
    good = sample_pdfs["cv-so-tu-phap"].read_bytes()
    (folder / "cat-cut.pdf").write_bytes(good[: len(good) // 2])
    encrypted_pdf(folder / "mat-khau.pdf")
    (folder / "rac.pdf").write_bytes(b"\x00\x01\x02 not a pdf at all" * 10)
    (folder / "sai-ma.txt").write_bytes("Báo cáo".encode("utf-16"))
    (folder / "tot.pdf").write_bytes(good)
    (folder / "ghi-chu.txt").write_text("Báo cáo số liệu: 12/12 văn bản QPPL được kiểm tra.", encoding="utf-8")
    (folder / "bang-tinh.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / ".an").write_text("hidden files are left out")
    return folder


@pytest.mark.parametrize(
    "name, words",
    [
        ("rong.pdf", "rỗng"),
        ("trang-web.pdf", "HTML"),
        ("cat-cut.pdf", "cắt cụt"),
        ("mat-khau.pdf", "mã hóa"),
        ("rac.pdf", "không phải PDF"),
        ("sai-ma.txt", "UTF-8"),
        ("bang-tinh.xlsx", "chưa được hỗ trợ"),
    ],
)
def test_bad_file_gives_a_clear_error_and_no_pages(bad_folder, name, words):
    doc = ingest_file(bad_folder / name)
    assert doc.error and words in doc.error
    assert doc.pages == []


def test_a_folder_of_mixed_files(bad_folder, tmp_path):
    db = tmp_path / "lan.db"
    result = CliRunner().invoke(cli, ["ingest", str(bad_folder), "--db", str(db)])
    assert result.exit_code == 1, result.output  # some files failed
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("select file_name, error from documents"))
    assert set(rows) == {"rong.pdf", "trang-web.pdf", "cat-cut.pdf", "mat-khau.pdf", "rac.pdf", "sai-ma.txt", "tot.pdf",
                         "ghi-chu.txt", "bang-tinh.xlsx"}
    assert rows["tot.pdf"] is None and rows["ghi-chu.txt"] is None
    failed = {name for name, error in rows.items() if error}
    assert failed == {"rong.pdf", "trang-web.pdf", "cat-cut.pdf", "mat-khau.pdf", "rac.pdf", "sai-ma.txt",
                      "bang-tinh.xlsx"}
    # a failed file stores no half-read text
    assert conn.execute("select count(*) from pages p join documents d on d.id = p.document_id"
                        " where d.error is not null").fetchone() == (0,)
    assert conn.execute("select count(*) from figures f join documents d on d.id = f.document_id"
                        " where d.file_name = 'ghi-chu.txt'").fetchone() == (1,)


def test_usage_error_exit_code(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "khong-co"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2


def test_utf8_text_whose_first_block_ends_inside_a_character(tmp_path):
    """The kind of a file is sniffed from its first 2 KiB; a multi-byte
    letter cut there must not make a UTF-8 text look binary."""
    path = tmp_path / "bao-cao.txt"
    text = "a" * 2047 + "ằ trên địa bàn tỉnh"  # "ằ" is three bytes: the 2 KiB boundary falls inside it
    path.write_text(text, encoding="utf-8")
    doc = ingest_file(path)
    assert doc.error is None and doc.pages[0].text == text
