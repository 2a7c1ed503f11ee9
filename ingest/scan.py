"""Scanned pages: which pages of a PDF to OCR, and OCR them into ``Page``
objects laid out like text pages (the same ``ingest.layout`` splits the
two-column header of an OCRed page).

A page is OCRed when its text layer is garbage (``ingest.quality``: a bad
OCR layer, ``(cid:N)`` codes) or when it is mostly an image and has
almost no text (a scan, perhaps with only a signature stamp as text).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.guard import ocr_dpi
from ingest.layout import layout_page
from ingest.quality import text_layer_is_garbage
from ingest.zones import reread_zones
from rasoat.limits import Limits
from rasoat.models import Page, TextSource
from rasoat.vntext import nfc

MIN_WORDS = 40  # a page with fewer words than this and a page-sized image is a scan
MIN_IMAGE_SHARE = 0.5  # share of the page area covered by images


def image_shares(path: str, pages: list[int] | None = None) -> list[float]:
    """For each page (0-based indexes, all by default), the share of its area covered by image objects."""
    pdf = pdfium.PdfDocument(path)
    try:
        shares = []
        for i in range(len(pdf)) if pages is None else pages:
            page = pdf[i]
            area = max(page.get_width() * page.get_height(), 1.0)
            covered = 0.0
            for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
                left, bottom, right, top = obj.get_bounds()
                covered += max(0.0, right - left) * max(0.0, top - bottom)
            shares.append(min(1.0, covered / area))
            page.close()
        return shares
    finally:
        pdf.close()


def _few_words(page: Page) -> bool:
    """A page with so little text that its image share decides whether it is a scan."""
    return len(page.text.split()) < MIN_WORDS


def needs_ocr(page: Page, image_share: float) -> bool:
    if page.source in (TextSource.TCVN3, TextSource.VNI, TextSource.TCVN3_VNI):
        return False  # converted legacy text is judged after conversion by the reader
    if _few_words(page) and image_share >= MIN_IMAGE_SHARE:
        return True
    return bool(page.text.strip()) and text_layer_is_garbage(page.text)


def page_from_ocr(number: int, result, page_width: float) -> Page:
    """An OCR result (words in PDF points) laid out as a page."""
    words = [dict(text=nfc(t), x0=x0, top=top, x1=x1, bottom=bottom) for t, x0, top, x1, bottom in result.words]
    laid = layout_page(words, page_width, first_page=(number == 1))
    return Page(number=number, text=laid.text, source=TextSource.OCR, ocr_confidence=result.confidence,
                regions=laid.regions, furniture=laid.furniture)


def ocr_scanned_pages(path: str, pages: list[Page], limits: Limits | None = None,
                      ocr: OcrPages | None = None) -> list[Page]:
    """``pages`` with every page that needs it replaced by its OCR; ``ocr`` OCRs them (``ocr_pages`` within
    ``limits`` by default; ``rasoat.cluster`` passes one that spreads page ranges over a Dask cluster)."""
    few_words = [i for i, p in enumerate(pages) if _few_words(p)]  # the image objects of the others
    shares = dict(zip(few_words, image_shares(path, few_words), strict=False)) if few_words else {}  # are not read
    out = list(pages)
    todo = [i for i, p in enumerate(pages) if needs_ocr(p, shares.get(i, 0.0))]
    if not todo:
        return out
    ocr = ocr or functools.partial(ocr_pages, limits=limits)
    for i, page in zip(todo, ocr(path, todo), strict=True):
        out[i] = page
    return out


OcrPages = Callable[[str, list[int]], list[Page]]  # (PDF path, 0-based page indexes) -> their OCRed pages


def ocr_pages(pdf: str | bytes, indexes: list[int], limits: Limits | None = None) -> list[Page]:
    """OCR of the given pages (0-based indexes) of a PDF (a path or its bytes), each laid out as a page
    numbered from 1: a page range OCRed here gives the same pages as the whole document OCRed at once.
    Each page is rendered at the resolution ``guard.ocr_dpi`` gives for its size (``DEFAULT_DPI``, lower for
    a page too large for ``limits.max_ocr_pixels``); all are sized before the first is rendered, so a page
    that cannot fit refuses the file at once."""
    from ingest.ocr import DEFAULT_DPI, ocr_pdf_page

    limits = limits or Limits()
    document = pdfium.PdfDocument(pdf)
    try:
        sizes = {i: document[i].get_size() for i in indexes}
    finally:
        document.close()
    dpis = {i: ocr_dpi(w, h, DEFAULT_DPI, limits, page=i + 1) for i, (w, h) in sizes.items()}
    pages = []
    for i in indexes:
        result = ocr_pdf_page(pdf, i, dpi=dpis[i])
        result.words = reread_zones(pdf, i, result.words, sizes[i], dpis[i])  # header, signature, Nơi nhận
        pages.append(page_from_ocr(i + 1, result, sizes[i][0]))
    return pages
