"""PDF files through pdfplumber: one Page per PDF page, laid out by
``ingest.layout``; tables kept as tables."""

from __future__ import annotations

import pdfplumber

from ingest.layout import layout_page
from ingest.legacy import font_hint, repair_words
from ingest.signed import merge_stamps, stamp_texts
from rasoat.models import Page
from rasoat.vntext import nfc

# pdfplumber settings, explicit (see pdfplumber's README for their meaning).
WORD_SETTINGS = dict(x_tolerance=3, y_tolerance=3, keep_blank_chars=False, use_text_flow=False)
TABLE_SETTINGS = dict(vertical_strategy="lines", horizontal_strategy="lines")
MIN_RULES_FOR_TABLES = 6  # only look for tables on pages with ruling lines


def legacy_fonts(page: pdfplumber.page.Page) -> set[str]:
    """Encodings that the fonts of this page suggest ("tcvn3", "vni")."""
    names = {c["fontname"] for c in page.chars}
    return {enc for enc in (font_hint(n)[0] for n in names) if enc}


def page_words(page: pdfplumber.page.Page) -> tuple[list[dict], str]:
    """Words of the page, legacy-font text repaired; and the text source."""
    legacy = legacy_fonts(page)
    if not legacy:
        return page.extract_words(**WORD_SETTINGS), "text"
    words = repair_words(page.extract_words(return_chars=True, **WORD_SETTINGS))
    return words, "/".join(sorted(legacy))


def page_tables(page: pdfplumber.page.Page) -> list[list[list[str | None]]]:
    if len(page.lines) + len(page.rects) < MIN_RULES_FOR_TABLES:
        return []
    tables = page.extract_tables(TABLE_SETTINGS)
    return [[[nfc(c) if c else c for c in row] for row in t] for t in tables if len(t) > 1]


def read_pdf_pages(path: str):
    """Yield (page_number, Page) for each page of the PDF at ``path``.

    Pages are processed and released one at a time.
    """
    stamps = stamp_texts(path)  # number and day printed only by a signature stamp (ingest/signed.py)
    with pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            words, source = page_words(page)
            words = [dict(w, text=nfc(w["text"])) for w in words]
            words = merge_stamps(words, stamps.get(i + 1, []))
            laid = layout_page(words, float(page.width), first_page=(i == 0))
            yield Page(
                number=i + 1,
                text=laid.text,
                source=source,
                regions=laid.regions,
                furniture=laid.furniture,
                tables=page_tables(page),
            )
            page.close()
