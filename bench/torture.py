"""A torture corpus: bad and hostile files that ``rasoat ingest`` must turn into rows, one each, without
stopping the run, hanging or exhausting the machine.

    python bench/torture.py [--out DIR] [--big] [--workers N] [--limit NAME=VALUE ...]

``build(folder)`` writes the files (``tests/test_torture.py`` uses it); ``--big`` makes the sizes of a
benchmark (a 100 MB text file, bombs inflating to several GB, 5,000 blank pages) instead of those of a
test.  Run as a script it builds the corpus, ingests it (``rasoat ingest --json``) and prints, per file,
the status, stage and error, and the wall time.  Everything is generated here (reportlab, pypdfium2 and
raw PDF bytes); the names of ``VANISHING`` are meant to be deleted once the run has listed them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
import zlib
from pathlib import Path

MIB = 1024 * 1024
# sizes: (test, --big)
TEXT_BYTES = (3 * MIB, 100 * MIB)  # the large .txt
PDF_BOMB_BYTES = (2048 * MIB, 8192 * MIB)  # what the PDF bomb's one stream inflates to
DOCX_BOMB_BYTES = (1024 * MIB, 4096 * MIB)  # what the .docx bomb's document.xml inflates to
BLANK_PAGES = (2_000, 5_000)  # pages of the blank PDF
NESTING_DEPTH = 100_000  # nested arrays in the deep PDF
GIANT_POINTS = 200 * 72  # a 200 × 200 inch page, in PDF points
CHUNK = 8 * MIB  # bytes compressed at a time

VANISHING = ("bien-mat-1.txt", "bien-mat-2.txt")  # two files to delete during the run
GOOD_TEXT = ("ỦY BAN NHÂN DÂN TỈNH A\nBáo cáo số 15/BC-UBND về kết quả cải cách hành chính.\n"
             "Năm 2024 có 45/46 xã đạt chuẩn (97,8%).\n")


def raw_pdf(objects: list[bytes], root: int = 1, trailer: bytes = b"") -> bytes:
    """A PDF file of these objects (numbered from 1) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, trailer, xref)
    return bytes(out)


def text_page_pdf(text: bytes = b"Bao cao so 15/BC-UBND", extra_catalog: bytes = b"",
                  media_box: bytes = b"[0 0 595 842]") -> bytes:
    """One page of Helvetica text, built by hand."""
    content = b"BT /F1 14 Tf 72 760 Td (" + text + b") Tj ET"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R " + extra_catalog + b">>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def reportlab_pdf(path: Path, lines: list[str], size=(595, 842), **kwargs) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=size, **kwargs)
    for i, line in enumerate(lines):
        c.drawString(72, size[1] - 72 - 16 * i, line)
    c.save()
    return path


def deflate_repeated(byte: bytes, total: int) -> bytes:
    """``byte * total`` as a zlib stream, in about the time of compressing ``CHUNK`` bytes: after a full
    flush deflate starts afresh, so the compressed form of each further chunk is the same bytes; then an
    empty final block and the Adler-32 of the whole."""
    z = zlib.compressobj(9)
    block = byte * CHUNK
    first = z.compress(block) + z.flush(zlib.Z_FULL_FLUSH)
    again = z.compress(block) + z.flush(zlib.Z_FULL_FLUSH)
    chunks = total // CHUNK
    adler = 1
    for _ in range(chunks):
        adler = zlib.adler32(block, adler)
    return first + again * (chunks - 1) + FINAL_EMPTY_BLOCK + adler.to_bytes(4, "big")


FINAL_EMPTY_BLOCK = b"\x03\x00"  # deflate: BFINAL=1, fixed Huffman codes, end-of-block at once


def pdf_bomb(total: int) -> bytes:
    """One page whose content stream is small on disk and inflates to ``total`` bytes of spaces."""
    stream = deflate_repeated(b" ", total)
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ])


def docx_bomb(path: Path, total: int) -> None:
    """A .docx whose document.xml inflates to ``total`` bytes (spaces inside the body)."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:  # level 1: fast, ~230:1
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'))
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>'.encode())
            block = b" " * CHUNK
            for _ in range(total // CHUNK):
                f.write(block)
            f.write(b"<w:p><w:r><w:t>Bom</w:t></w:r></w:p></w:body></w:document>")


def giant_image_pdf(path: Path) -> None:
    """A 200 × 200 inch page holding only a small image, scaled to the whole page (a 'scan' to OCR)."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("L", (64, 64), 255)
    for x in range(8, 56):
        image.putpixel((x, 32), 0)
    c = canvas.Canvas(str(path), pagesize=(GIANT_POINTS, GIANT_POINTS))
    c.drawImage(ImageReader(image), 0, 0, GIANT_POINTS, GIANT_POINTS)
    c.save()


def blank_pages_pdf(path: Path, pages: int) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(595, 842)
    pdf.save(str(path))
    pdf.close()


def forms_only_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.acroForm.textfield(name="ho_ten", tooltip="Họ tên", x=72, y=700, width=300, height=20, value="Nguyen Van A")
    c.acroForm.checkbox(name="dong_y", x=72, y=660, buttonStyle="check")
    c.showPage()
    c.save()


def rtf_text(text: str) -> bytes:
    """``text`` as an RTF document (Vietnamese letters as \\uN? escapes, as Word writes them)."""
    body = "".join(ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in text)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs26 "
            + body.replace("\n", "\\par\n") + "}").encode("ascii")


def build(folder: str | Path, big: bool = False) -> list[Path]:
    """Write the torture corpus into ``folder``; the paths written (links and odd names included)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    size = 1 if big else 0
    made: list[Path] = []

    def put(name: str | bytes, data: bytes) -> None:
        path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
        path.write_bytes(data)
        made.append(path)

    good = text_page_pdf()
    put("rong.pdf", b"")  # zero bytes
    put("trang-web.pdf", b"<!DOCTYPE html><html><body>404 Not Found</body></html>")  # HTML named .pdf
    put("cat-cut.pdf", good[: len(good) // 2])  # truncated
    put("xref-hong.pdf", good.replace(b"0000000", b"9999999"))  # every xref offset wrong
    put("chi-rac.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")  # a header, then garbage
    reportlab_pdf(folder / "mat-khau.pdf", ["Van ban co mat khau"], encrypt="mat-khau")  # user password
    made.append(folder / "mat-khau.pdf")
    from reportlab.lib.pdfencrypt import StandardEncryption

    reportlab_pdf(folder / "ma-hoa-khong-mat-khau.pdf", ["Bao cao so 3/BC-UBND"],  # owner password only
                  encrypt=StandardEncryption("", ownerPassword="chu-so-huu", canCopy=0))
    made.append(folder / "ma-hoa-khong-mat-khau.pdf")
    put("cay-trang-lap.pdf", raw_pdf([  # the page tree holds itself
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]))
    put("long-sau.pdf", raw_pdf([  # arrays nested NESTING_DEPTH deep
        b"<< /Type /Catalog /Pages 2 0 R /Deep 4 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Deep 4 0 R >> >>",
        b"[" * NESTING_DEPTH + b"]" * NESTING_DEPTH,
    ]))
    put("bom-giai-nen.pdf", pdf_bomb(PDF_BOMB_BYTES[size]))  # a decompression bomb
    reportlab_pdf(folder / "trang-khong-lo.pdf", ["Bao cao so 4/BC-UBND"], size=(GIANT_POINTS, GIANT_POINTS))
    made.append(folder / "trang-khong-lo.pdf")  # a 200 × 200 inch page of text
    giant_image_pdf(folder / "anh-khong-lo.pdf")  # a 200 × 200 inch page, image only
    made.append(folder / "anh-khong-lo.pdf")
    blank_pages_pdf(folder / "nghin-trang-trang.pdf", BLANK_PAGES[size])  # thousands of blank pages
    made.append(folder / "nghin-trang-trang.pdf")
    put("javascript.pdf", text_page_pdf(extra_catalog=b"/OpenAction << /S /JavaScript /JS (app.alert\\('x'\\);) >> "))
    put("mediabox-rong.pdf", text_page_pdf(media_box=b"[0 0 0 0]"))  # a page of no size
    put("khong-trang.pdf", raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]))
    forms_only_pdf(folder / "chi-bieu-mau.pdf")  # form fields, no page text
    made.append(folder / "chi-bieu-mau.pdf")
    docx_bomb(folder / "bom-zip.docx", DOCX_BOMB_BYTES[size])  # a zip bomb
    made.append(folder / "bom-zip.docx")
    put("khong-phai-zip.docx", "Đây không phải tệp Word".encode())  # .docx that is no zip
    put("rtf.doc", rtf_text(GOOD_TEXT))  # RTF named .doc
    put("utf16.txt", GOOD_TEXT.encode("utf-16"))
    put("latin1.txt", "Báo cáo tài chính năm 2024, số 7/BC-UBND".encode("latin-1", "replace"))
    put("bang-tinh.xlsx", b"PK\x03\x04 not really a spreadsheet")  # unsupported
    line = GOOD_TEXT.encode()
    put("lon.txt", line * (TEXT_BYTES[size] // len(line)))  # a large text file
    odd = iter(range(1, 100))  # each file its own text: files of the same content are one document (same id)

    def text() -> bytes:
        return line + f"Phụ lục {next(odd)}.\n".encode()

    put(b"k\xff.txt", text())  # a name that is not UTF-8
    put("dòng\nmới.txt", text())  # a newline in the name
    put("-bat-dau-gach.txt", text())  # a name like an option
    put("d" * 240 + ".txt", text())  # a long name
    put(unicodedata.normalize("NFD", "Quyết định.txt"), text())  # decomposed Vietnamese (as macOS writes)
    put("ngoặc 'đơn' \"kép\" 📄.txt", text())  # quotes, spaces and an emoji
    for name in VANISHING:
        put(name, text())
    for name, target in (("vong-lap.pdf", "vong-lap.pdf"), ("a.pdf", "b.pdf"), ("b.pdf", "a.pdf"),
                         ("mat-tich.pdf", "khong-ton-tai.pdf")):  # a link to itself, an a↔b loop, a dangling link
        os.symlink(target, folder / name)
        made.append(folder / name)
    os.mkfifo(folder / "ong-dan.txt")  # a named pipe: opening it would wait for a writer
    made.append(folder / "ong-dan.txt")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--workers", default="2")
    parser.add_argument("--limit", action="append", default=[])
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="torture-"))
    started = time.perf_counter()
    made = build(out / "corpus", big=args.big)
    print(f"{len(made)} files built in {time.perf_counter() - started:.1f} s in {out / 'corpus'}")
    for name in VANISHING:  # not 'during' here: the run of the test deletes them while it runs
        (out / "corpus" / name).unlink()
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "rasoat.cli", "ingest", str(out / "corpus"), "--db", str(out / "torture.db"),
           "--json", "--workers", args.workers, *[x for lim in args.limit for x in ("--limit", lim)]]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    elapsed = time.perf_counter() - started
    for r in json.loads(result.stdout or "[]"):
        print(f"{r['status']:9} {r['error_stage'] or '':8} {Path(r['path']).name[:40]:40} {(r['error'] or '')[:90]}")
    print(f"exit code {result.returncode}, {elapsed:.1f} s; traceback on stderr: {'Traceback' in result.stderr}")


if __name__ == "__main__":
    main()
