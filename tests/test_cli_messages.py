"""What the command line says, in Vietnamese: click's own messages (usage,
errors), a port already taken, ``check``'s report by severity with rule
titles, ``ingest``'s summary counting each file once, and the side files of
a reviewer's folder skipped and listed once."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from rasoat.cli import check_report, cli
from rasoat.files import is_side_file, iter_files, side_files

# click's English, none of which may be shown
ENGLISH = ("Usage:", "Options:", "Commands:", "Error:", "Show this message and exit", "Show the version and exit",
           "Invalid value", "No such option", "No such command", "Missing argument", "does not exist",
           "requires an argument", "Try '", "for help", "[OPTIONS]", "COMMAND [ARGS]")


@pytest.mark.parametrize("args, says", [
    (["--help"], ["Cách dùng:", "Tùy chọn:", "Lệnh:", "Xem hướng dẫn này rồi thoát."]),
    (["ingest", "--help"], ["Cách dùng:", "[TÙY CHỌN]"]),
    (["ingest", "/khong/co/thu/muc/nay"], ["Lỗi: Giá trị không hợp lệ cho 'PATHS...'", "không tồn tại"]),
    (["ingest", "--khong-co", "x"], ["Lỗi: Không có tùy chọn '--khong-co'"]),
    (["ingest"], ["Lỗi: Thiếu đối số 'PATHS...'"]),
    (["khong-co-lenh"], ["Lỗi: Không có lệnh 'khong-co-lenh'"]),
    (["check", "--db"], ["Lỗi: Tùy chọn '--db' cần 1 giá trị."]),
    (["ingest", "-j", "0", "."], ["không nằm trong khoảng"]),
])
def test_click_speaks_vietnamese(args, says):
    result = CliRunner().invoke(cli, args)
    for words in says:
        assert words in result.output, result.output
    assert not [e for e in ENGLISH if e in result.output], result.output


def test_serve_on_a_port_taken_says_so_in_vietnamese(tmp_path):
    db = tmp_path / "rasoat.db"
    db.write_bytes(b"")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"Cổng {port}" in result.output and "đang được một chương trình khác dùng" in result.output


def test_check_report_by_severity_with_titles():
    lines = check_report(3, {("error", "FIG002"): 2, ("warning", "FMT006"): 1, ("error", "FIG001"): 5},
                         {"FIG001": "Tỷ lệ phần trăm không khớp", "FIG002": "Tử số lớn hơn mẫu số",
                          "FMT006": "Thiếu nơi nhận"})
    assert lines[0] == "Đã kiểm tra 3 văn bản: 8 phát hiện (7 lỗi, 1 cảnh báo)"
    assert lines[1] == "Lỗi (7):"
    assert re.match(r"\s+FIG001\s+5\s+Tỷ lệ phần trăm không khớp$", lines[2])  # most findings first
    assert re.match(r"\s+FIG002\s+2\s+Tử số lớn hơn mẫu số$", lines[3])
    assert lines[4] == "Cảnh báo (1):"
    assert len(lines) == 6


def test_check_report_without_findings():
    assert check_report(2, {}, {}) == ["Đã kiểm tra 2 văn bản: 0 phát hiện"]


@pytest.mark.parametrize("name, siblings, side", [
    ("SOURCES.tsv", {"SOURCES.tsv", "a.pdf"}, True),
    ("a.meta.json", {"a.meta.json", "a.pdf"}, True),
    ("ghi-chu.json", {"ghi-chu.json"}, True),  # data, never a document
    ("a.transcript.txt", {"a.transcript.txt", "a.pdf"}, True),
    ("a.transcript.txt", {"a.transcript.txt", "a.doc"}, True),
    ("A.Transcript.TXT", {"A.Transcript.TXT", "a.pdf"}, True),
    # near-misses: documents
    ("a.transcript.txt", {"a.transcript.txt"}, False),  # a transcript alone is the document
    ("a.transcript.txt", {"a.transcript.txt", "ab.pdf"}, False),  # another stem
    ("a.txt", {"a.txt", "a.pdf"}, False),  # a text document beside a PDF
    ("bao-cao-tsv.pdf", {"bao-cao-tsv.pdf"}, False),
    ("a.pdf", {"a.pdf", "a.transcript.txt"}, False),
])
def test_is_side_file(name, siblings, side):
    assert is_side_file(name, siblings) is side


def folder(tmp_path: Path, sample_pdfs) -> Path:
    """A reviewer's folder: two documents, one broken file, and side files."""
    d = tmp_path / "ho-so"
    d.mkdir()
    pdf = next(iter(sample_pdfs.values()))
    (d / "a.pdf").write_bytes(pdf.read_bytes())
    (d / "a.transcript.txt").write_text("Bản chép lại của a.pdf", encoding="utf-8")
    (d / "a.meta.json").write_text("{}", encoding="utf-8")
    (d / "SOURCES.tsv").write_text("tệp\tnguồn\n", encoding="utf-8")
    (d / "hong.pdf").write_bytes(b"khong phai PDF")
    (d / "ghi-chu.transcript.txt").write_text("Văn bản chỉ có bản chép.", encoding="utf-8")
    return d


def test_side_files_are_skipped_and_listed_once(tmp_path, sample_pdfs):
    d = folder(tmp_path, sample_pdfs)
    assert [f.name for f in iter_files([d])] == ["a.pdf", "ghi-chu.transcript.txt", "hong.pdf"]
    assert [f.name for f in side_files([d])] == ["SOURCES.tsv", "a.meta.json", "a.transcript.txt"]


def test_ingest_summary_counts_each_file_once(tmp_path, sample_pdfs):
    d = folder(tmp_path, sample_pdfs)
    db = tmp_path / "rasoat.db"
    first = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db)])
    assert first.exit_code == 1  # hong.pdf
    assert "Đã đọc 2 tệp, bỏ qua 0 tệp không đổi, 1 tệp lỗi →" in first.stdout
    assert first.stderr.count("Bỏ qua 3 tệp kèm theo, không phải văn bản: SOURCES.tsv, a.meta.json, "
                              "a.transcript.txt") == 1
    again = CliRunner().invoke(cli, ["ingest", str(d), "--db", str(db)])
    assert "Đã đọc 0 tệp, bỏ qua 2 tệp không đổi, 1 tệp lỗi (trong đó 1 tệp lỗi từ lần đọc trước" in again.stdout
    assert "LỖI" in again.stderr and "hong.pdf" in again.stderr
