"""Stage 1: files → ``SourceDocument`` (pages of NFC text with positions).

``ingest_file(path)`` never raises for a bad file: the error goes into
``SourceDocument.error`` in Vietnamese, and no page is kept, so nothing
half-read is stored.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import TYPE_CHECKING

from ingest import guard
from ingest.signed import signature_info
from rasoat.errors import PDFIUM_FAILED, os_error_message
from rasoat.files import sha256_file
from rasoat.limits import LimitExceeded, Limits
from rasoat.models import Page, Region, SourceDocument, TextSource
from rasoat.vntext import latin_lookalikes, nfc

if TYPE_CHECKING:
    from ingest.scan import OcrPages

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".doc", ".docx"}


class IngestError(Exception):
    """A file that cannot be read; the message is shown to the user (Vietnamese)."""


def sniff(path: Path) -> str:
    """The real kind of a file from its first bytes: pdf, html, zip, ole, rtf, text, empty."""
    with path.open("rb") as f:
        head = f.read(2048)
    if not head:
        return "empty"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.lstrip().startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in low[:512]:
        return "html"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    try:  # incremental: a character cut at the end of the sniffed bytes is not an error
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "text"
    except UnicodeDecodeError:
        return "binary"


def read_text_file(path: Path, limits: Limits | None = None) -> list[Page]:
    """A UTF-8 text file; form feeds separate pages, and a page longer than ``limits.max_page_chars`` is
    cut into pages at line ends (``cut_text``): every later stage works page by page."""
    limits = limits or Limits()
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(f"Tệp văn bản không phải UTF-8 (byte lỗi ở vị trí {e.start})") from e
    guard.check_chars(len(raw), limits)
    guard.check_page_number(raw.count("\f") + 1, limits)
    texts = [piece for t in raw.split("\f") for piece in cut_text(nfc(t.strip("\n")), limits.max_page_chars)]
    guard.check_page_number(len(texts), limits)
    return [_plain_page(i + 1, t, TextSource.PLAIN) for i, t in enumerate(texts)]


def cut_text(text: str, size: int) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, each cut at the last line end that fits (the
    line end itself dropped), or in a longer line at the last blank, or else at ``size``."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = text.rfind("\n", start + 1, start + size + 1)
        if cut == -1:
            cut = text.rfind(" ", start + 1, start + size + 1)
        if cut == -1:
            pieces.append(text[start : start + size])
            start += size
        else:
            pieces.append(text[start:cut])
            start = cut + 1
    pieces.append(text[start:])
    return pieces


def check_complete_pdf(path: Path) -> None:
    """A PDF ends with "%%EOF"; one that does not was cut short (an
    interrupted download or copy) and would be read only in part."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 2048))
        if b"%%EOF" not in f.read():
            raise IngestError("Tệp PDF bị cắt cụt (thiếu phần cuối %%EOF): có thể tải về hoặc sao chép chưa xong")


def read_pdf(path: Path, limits: Limits | None = None) -> list[Page]:
    """The pages of a PDF; its streams are measured decompressed, and its pages counted, before it is read
    (``ingest.guard``), and each page's characters as it comes."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    from ingest.pdf import read_pdf_pages

    limits = limits or Limits()
    guard.check_pdf_streams(path, limits)
    guard.check_pdf_pages(path, limits)
    pages, chars = [], 0
    try:
        for p in read_pdf_pages(str(path), limits.max_page_chars):
            guard.check_page_number(p.number, limits)
            guard.check_chars(len(p.text), limits, page=p.number)
            chars += len(p.text)
            guard.check_chars(chars, limits)
            pages.append(repair_page(p))
        return pages
    except LimitExceeded:
        raise
    except Exception as e:  # pdfplumber wraps pdfminer's errors in PdfminerException
        inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if (isinstance(inner, PDFPasswordIncorrect) or "Encrypt" in type(inner).__name__
                or "Password" in type(inner).__name__):
            raise IngestError("Tệp PDF được mã hóa (có mật khẩu): không đọc được") from e
        if isinstance(inner, PDFSyntaxError):
            raise IngestError(f"Tệp PDF bị hỏng hoặc không đầy đủ: {inner}") from e
        if type(inner).__name__ == "PdfiumError":
            raise IngestError(PDFIUM_FAILED) from e
        raise IngestError(f"Không đọc được tệp PDF ({type(inner).__name__}: {inner})") from e


def repair_page(page: Page) -> Page:
    """Certain glyph-map repairs (ƣ → ư …) and spaces the text layer lost
    ("hợpnhấtTCXH" → "hợp nhất TCXH", regions moved along); the page is
    marked damaged when its text layer showed signs of a broken font map."""
    from ingest.glyphs import quoc_hieu_damaged, repair_glyphs, respace, shift_span

    page.text, damaged = repair_glyphs(page.text)
    page.text, inserted = respace(page.text)
    if inserted:
        page.regions = {name: shift_span(span, inserted) for name, span in page.regions.items()}
        damaged = True
    if Region.HEADER_RIGHT in page.regions:
        damaged = damaged or quoc_hieu_damaged(page.region(Region.HEADER_RIGHT).split("\n")[0])
    page.damaged = page.damaged or damaged
    return page


def read_word(path: Path, limits: Limits | None = None) -> tuple[list[Page], str]:
    """A Word file (.docx, or legacy .doc through antiword/catdoc) as one page;
    legacy TCVN3/VNI text is converted to Unicode.  A .docx's zip is measured
    before python-docx opens it (``guard.check_docx_zip``)."""
    from ingest.legacy import repair_text
    from ingest.word import read_doc, read_docx

    limits = limits or Limits()
    try:
        if path.suffix.lower() == ".docx":
            if sniff(path) == "zip":
                guard.check_docx_zip(path, limits)
            text, source = "\n".join(read_docx(path)), TextSource.DOCX
        else:
            raw = read_doc(path)
            text = repair_text(raw)
            source = TextSource.DOC if text == nfc(raw) else TextSource.DOC_LEGACY
    except ValueError as e:
        raise IngestError(str(e)) from e
    guard.check_chars(len(text), limits)
    texts = cut_text(nfc(text), limits.max_page_chars)  # one page, or more when it is too long for one
    guard.check_page_number(len(texts), limits)
    return [_plain_page(i + 1, t, source) for i, t in enumerate(texts)], source


def _plain_page(number: int, text: str, source: str) -> Page:
    from ingest.layout import layout_plain_text

    laid = layout_plain_text(text) if number == 1 else None
    if laid is None or not (Region.HEADER_LEFT in laid.regions or Region.HEADER in laid.regions):
        return Page(number=number, text=text, source=source, regions={Region.BODY: (0, len(text))})
    return Page(number=number, text=laid.text, source=source, regions=laid.regions, furniture=laid.furniture)


def ocr_scans(path: Path, pages: list[Page], limits: Limits | None = None, ocr: OcrPages | None = None) -> list[Page]:
    """OCR the scanned pages and those whose text layer is garbage (each rendered within
    ``limits.max_ocr_pixels``: ``guard.ocr_dpi``; with ``ocr``, see ``ingest_file``)."""
    from ingest.ocr import OcrError
    from ingest.scan import ocr_scanned_pages

    try:
        return [repair_page(p) if p.source == TextSource.OCR else p
                for p in ocr_scanned_pages(str(path), pages, limits, ocr)]
    except OcrError as e:
        raise IngestError(f"Trang scan cần nhận dạng (OCR) nhưng không được: {e}") from e


def read_rtf(path: Path) -> list[Page]:
    """An RTF file (often saved with a .doc name) as one page of plain text."""
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(path.read_bytes().decode("latin-1"), errors="replace")
    except Exception as e:  # striprtf on a damaged file
        raise IngestError(f"Tệp là định dạng RTF (không phải Word .doc) và bị hỏng, không đọc được "
                          f"({type(e).__name__}): hãy mở bằng Word và lưu lại dạng .docx") from e
    return [_plain_page(1, nfc(text.strip("\n")), TextSource.RTF)]


def ingest_file(path: str | Path, ocr: bool | OcrPages = True, limits: Limits | None = None) -> SourceDocument:
    """Read one file into a ``SourceDocument``; errors are recorded, not raised.

    ``ocr=False`` leaves scanned pages as they are (for quick runs); a function ``(path, page indexes) ->
    pages`` OCRs them instead of ``ingest.scan.ocr_pages`` (the same pages, e.g. computed elsewhere).
    ``limits`` (``rasoat.limits``; when None, the defaults with the ``RASOAT_LIMIT_*`` environment) bound what
    the file may cost; a file over one gets the ``LimitExceeded`` message as its error."""
    path = Path(path)
    limits = limits or Limits.from_env()
    doc = SourceDocument(path=str(path), sha256="", file_name=path.name)
    try:
        doc.sha256 = sha256_file(path)  # read in blocks: the file's identity even when it is too large
        guard.check_file_bytes(path, limits)
        kind = sniff(path)
        suffix = path.suffix.lower()
        if kind == "empty":
            raise IngestError("Tệp rỗng (0 byte)")
        if kind == "html":
            raise IngestError("Tệp là trang HTML (trang web), không phải PDF hay văn bản")
        if kind == "pdf":
            check_complete_pdf(path)
            doc.pages = read_pdf(path, limits)
            if ocr:
                doc.pages = ocr_scans(path, doc.pages, limits, None if ocr is True else ocr)
                doc.ocr = any(p.source == TextSource.OCR for p in doc.pages)
                if doc.ocr:
                    doc.text_source = (TextSource.OCR if all(p.source == TextSource.OCR for p in doc.pages)
                                       else TextSource.TEXT_OCR)
            if signature := signature_info(str(path)):  # ký số: signer, time (ingest/signed.py)
                doc.meta["signature"] = signature
        elif kind == "zip" and suffix == ".docx" or kind == "ole" and suffix in (".doc", ".docx"):
            doc.pages, doc.text_source = read_word(path, limits)
        elif kind == "rtf" and suffix in (".doc", ".docx"):
            doc.pages, doc.text_source = read_rtf(path), TextSource.RTF
        elif suffix == ".docx":
            raise IngestError("Tệp .docx bị hỏng (không phải tệp nén ZIP hợp lệ): hãy mở lại bằng Word và lưu lại, "
                              "hoặc lấy lại bản gốc")
        elif suffix == ".txt" and kind == "text":
            doc.pages = read_text_file(path, limits)
            doc.text_source = TextSource.PLAIN
        elif suffix == ".pdf":
            raise IngestError("Tệp có đuôi .pdf nhưng không phải PDF")
        elif suffix == ".txt":
            raise IngestError("Tệp văn bản không phải UTF-8")
        else:
            raise IngestError(f"Định dạng chưa được hỗ trợ: {suffix or kind}")
        if not any(p.text.strip() for p in doc.pages):
            raise IngestError("Không có lớp chữ (có thể là bản scan) và chưa nhận dạng được")
        for p in doc.pages:  # "NĐ-СР" typed with Cyrillic С and Р: one character for one, regions stay
            p.text = latin_lookalikes(p.text)
    except (IngestError, LimitExceeded) as e:
        doc.error, doc.pages = str(e), []
    except OSError as e:
        doc.error, doc.pages = os_error_message(e, path), []
    return doc
