"""PDF files: one Page per PDF page, laid out by ``ingest.layout``; tables
kept as tables.

The words of a page come from pdfium (``ingest.pdfium``: the words
pdfplumber's ``extract_words`` gives, from pdfminer-style character boxes,
about twenty times faster); legacy-font pages (TCVN3/VNI) are repaired from
the same characters with their font names, as pdfplumber's were.
pdfplumber still reads, exactly as before:

* a file pdfium cannot open as it stands (encrypted, damaged): the errors
  stay pdfplumber's;
* a page pdfium cannot give as pdfplumber would (``pdfium.page_words``
  returns None: rotated text, unmapped glyphs, overprinted text), tables
  included.

The tables of a pdfium page are pdfplumber's ``extract_tables`` run on
pdfium's edges and characters (``ingest.tables``), and only on a page that
may hold one that ``extract`` reads: ruling lines, and in its text a TTHC
code or a procedures table header.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pdfplumber

from ingest import pdfium, tables
from ingest.layout import layout_page
from ingest.legacy import detect_encoding, font_hint, repair_words
from ingest.pdfium import X_TOLERANCE, Y_TOLERANCE
from ingest.signed import appearance_stamps, loaded_page_marks, merge_stamps, stamp_texts
from ingest.tables import MIN_RULES_FOR_TABLES, TABLE_SETTINGS
from rasoat.limits import LimitExceeded
from rasoat.models import Page, TextSource
from rasoat.patterns import PROCEDURE_TABLE_HEADER, TTHC_CODE
from rasoat.vntext import fold, nfc

# pdfplumber settings, explicit (see pdfplumber's README for their meaning;
# TABLE_SETTINGS and the table tolerances are in ingest.tables).
WORD_SETTINGS = dict(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, keep_blank_chars=False, use_text_flow=False)

def legacy_fonts(page: pdfplumber.page.Page) -> set[str]:
    """Encodings that the fonts of this page suggest ("tcvn3", "vni")."""
    return legacy_encodings(c["fontname"] for c in page.chars)


def legacy_encodings(font_names) -> set[str]:
    return {enc for enc in (font_hint(n)[0] for n in set(font_names)) if enc}


def page_words(page: pdfplumber.page.Page) -> tuple[list[dict], str]:
    """Words of the page through pdfplumber, legacy-font text repaired; and the text source."""
    legacy = legacy_fonts(page)
    if not legacy:
        words = page.extract_words(**WORD_SETTINGS)
        legacy = unnamed_legacy(words)
        if not legacy:
            return words, TextSource.TEXT
    return _repaired(page.extract_words(return_chars=True, **WORD_SETTINGS), legacy)


def fast_words(page: pdfium.FastPage) -> tuple[list[dict], str]:
    """The same from pdfium's characters."""
    legacy = legacy_encodings(page.fonts)
    if not legacy:
        words = page.words()
        legacy = unnamed_legacy(words)
        if not legacy:
            return words, TextSource.TEXT
    return _repaired(page.words(with_chars=True), legacy)


# Characters that TCVN3 text is full of and Vietnamese Unicode text never has
# ("©" for â, "µ" for à, "®" for đ, "¸" for á …).
_TCVN3_MARKS = re.compile("[\u00a1-\u00bf\u00d7\u00f7]")


def unnamed_legacy(words: list[dict]) -> set[str]:
    """Legacy encodings found by the characters alone, for fonts whose name
    does not say so (a ``.VnTime`` embedded under another name)."""
    text = " ".join(w["text"] for w in words)
    if len(_TCVN3_MARKS.findall(text)) < 5:
        return set()
    encoding = detect_encoding(text)
    return {encoding} if encoding != "unicode" else set()


def _repaired(words: list[dict], legacy: set[str]) -> tuple[list[dict], str]:
    """Words with legacy-font text converted; the page counts as TCVN3/VNI
    only when something was converted (a Unicode page may carry one
    ``VNI-Times`` run, e.g. in a signature stamp)."""
    fixed = repair_words(words)
    changed = any(a["text"] != b["text"] for a, b in zip(words, fixed, strict=True))
    return fixed, TextSource("/".join(sorted(legacy))) if changed else TextSource.TEXT  # TCVN3, VNI or both


def page_tables(page: pdfplumber.page.Page) -> list[list[list[str | None]]]:
    """The page's tables of two rows or more through pdfplumber, cells NFC
    (``tables.find_tables`` gives the same through pdfium)."""
    if len(page.lines) + len(page.rects) < MIN_RULES_FOR_TABLES:
        return []
    found = page.extract_tables(TABLE_SETTINGS)
    return [[[nfc(c) if c else c for c in row] for row in t] for t in found if len(t) > 1]


def may_hold_tables(text: str) -> bool:
    """Whether a page's text suggests a table that extract/ reads: a TTHC
    code, or a procedures table header."""
    return bool(TTHC_CODE.search(text) or PROCEDURE_TABLE_HEADER.search(fold(text)))


def laid_out(number: int, words: list[dict], width: float, source: str, stamps=()) -> Page:
    """Words (and the signature stamps printed on the page) laid out as a Page."""
    words = merge_stamps([dict(w, text=nfc(w["text"])) for w in words], list(stamps))
    laid = layout_page(words, width, first_page=(number == 1))
    return Page(number=number, text=laid.text, source=source, regions=laid.regions, furniture=laid.furniture)


def plumber_page(page: pdfplumber.page.Page, number: int, stamps=(), max_chars: int | None = None) -> Page:
    """One page read entirely by pdfplumber, then released (``max_chars``: more characters raise
    ``LimitExceeded`` before words are made of them)."""
    try:
        if max_chars is not None and len(page.chars) > max_chars:
            raise LimitExceeded("max_page_chars", len(page.chars), max_chars, where=f"trang {number}")
        words, source = page_words(page)
        out = laid_out(number, words, float(page.width), source, stamps)
        out.tables = page_tables(page)
        return out
    finally:
        page.close()


class _Plumber:
    """pdfplumber on the same file, opened the first time a page needs it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.pdf: pdfplumber.PDF | None = None

    def page(self, index: int) -> pdfplumber.page.Page:
        if self.pdf is None:
            self.pdf = pdfplumber.open(self.path)
        return self.pdf.pages[index]

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()


def read_with_pdfplumber(path: str, max_chars: int | None = None) -> Iterator[Page]:
    """Every page through pdfplumber alone (what ``read_pdf_pages`` did
    before pdfium; the reference its output is compared with)."""
    stamps = stamp_texts(path)
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            yield plumber_page(page, i + 1, stamps.get(i + 1, ()), max_chars)


def read_pdf_pages(path: str, max_chars: int | None = None) -> Iterator[Page]:
    """Yield a Page for each page of the PDF at ``path``.

    Pages are processed and released one at a time: one pdfium page (and,
    when needed, one pdfplumber page) is open at once.  ``max_chars``: a
    page with more characters raises ``LimitExceeded`` (``rasoat.limits``)
    before its characters are made into words.
    """
    doc = pdfium.open_document(path)
    if doc is None:
        yield from read_with_pdfplumber(path, max_chars)
        return
    plumber = _Plumber(path)
    try:
        for i in range(len(doc)):
            out, stamps = pdfium_page(doc, i, max_chars)
            yield out if out is not None else plumber_page(plumber.page(i), i + 1, stamps, max_chars)
    finally:
        plumber.close()
        doc.close()


def pdfium_page(doc: pdfium.PdfDocument, index: int, max_chars: int | None = None) -> tuple[Page | None, list]:
    """Page ``index`` read through pdfium, tables included, and the words its
    signature stamps print (``ingest.signed``: the number and the day are
    often printed only by them); the page is loaded once and released.  The
    Page is None when pdfium cannot give it as pdfplumber would."""
    page = doc[index]
    try:
        try:
            fast = pdfium.page_words(page, max_chars)
        except LimitExceeded as e:
            raise LimitExceeded(e.name, e.value, e.limit, where=f"trang {index + 1}") from None
        edges = None
        if fast is not None and pdfium.ruling_lines(page, MIN_RULES_FOR_TABLES) >= MIN_RULES_FOR_TABLES:
            edges = pdfium.page_edges(page)
        outlined, annots = loaded_page_marks(page)
    finally:
        page.close()
    stamps = appearance_stamps(doc, index, outlined, annots)  # flattens: after the page's own words
    if fast is None:
        return None, stamps
    words, source = fast_words(fast)
    out = laid_out(index + 1, words, fast.width, source, stamps)
    if edges is not None and may_hold_tables(out.text):
        out.tables = tables.find_tables(edges, fast.chars)
    return out, stamps
