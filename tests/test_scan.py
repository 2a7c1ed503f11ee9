"""Scanned PDFs: a sample page rendered to an image-only PDF is OCRed
through the whole ingest, laid out like a text page, and its header read."""

from __future__ import annotations

import pypdfium2 as pdfium

from extract import extract
from ingest import ingest_file
from ingest.scan import needs_ocr
from rasoat.models import Page


def image_only_pdf(source, target, dpi=200, pages=1):
    """Render the first pages of ``source`` to images and save them as a PDF without text."""
    pdf = pdfium.PdfDocument(str(source))
    images = [pdf[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(pages)]
    images[0].save(str(target), "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return target


def test_scanned_sample_is_ocred_and_its_header_read(sample_pdfs, tmp_path):
    scan = image_only_pdf(sample_pdfs["cv-so-tu-phap"], tmp_path / "cv-scan.pdf")
    digital = extract(ingest_file(sample_pdfs["cv-so-tu-phap"])).header
    doc = ingest_file(scan)
    assert doc.error is None
    assert doc.ocr and doc.text_source == "ocr"
    page = doc.pages[0]
    assert page.source == "ocr" and page.ocr_confidence > 70
    assert "header_left" in page.regions and "header_right" in page.regions
    header = extract(doc).header
    assert header.number == digital.number
    assert header.issued_on == digital.issued_on
    assert header.issuer == digital.issuer


def test_ocr_can_be_turned_off(sample_pdfs, tmp_path):
    scan = image_only_pdf(sample_pdfs["cv-so-tu-phap"], tmp_path / "cv-scan.pdf")
    doc = ingest_file(scan, ocr=False)
    assert not doc.ocr and doc.error  # no text layer and no OCR: nothing to read


def test_which_pages_need_ocr():
    text = "Ủy ban nhân dân tỉnh đã ban hành kế hoạch cải cách hành chính năm 2025 " * 8
    assert not needs_ocr(Page(1, text), image_share=0.0)
    assert not needs_ocr(Page(1, text), image_share=1.0)  # a real text layer over an image is trusted
    assert needs_ocr(Page(1, ""), image_share=0.95)  # a scan without text
    assert needs_ocr(Page(1, "Người ký: Văn phòng"), image_share=0.95)  # a scan with only a stamp's text
    assert not needs_ocr(Page(1, "12"), image_share=0.0)  # a page holding only a number
    garbage = "uY BAN NgAN nAN ceNG HoA xA HeI cHn NgHiA ViEt NaM DeC lAp TU dO hAnH pHuC " * 3
    assert needs_ocr(Page(1, garbage), image_share=0.0)


def test_garbage_text_layer_is_not_trusted(sample_pdfs, tmp_path):
    """A scan whose text layer is a bad OCR ("uY BAN NgAN nAN …", as some
    scanners write it): the layer is detected as not Vietnamese and the
    page is OCRed instead."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = pdfium.PdfDocument(str(sample_pdfs["cv-so-tu-phap"]))
    page = pdf[0]
    width, height = page.get_size()
    image = page.render(scale=200 / 72).to_pil().convert("L")
    target = tmp_path / "bad-layer.pdf"
    c = canvas.Canvas(str(target), pagesize=(width, height))
    c.drawImage(ImageReader(image), 0, 0, width, height)
    text = c.beginText(72, height - 72)
    text.setTextRenderMode(3)  # invisible, like an OCR layer
    for line in ["uY BAN NgAN nAN ceNG HoA xA HeI cHn NgHiA ViEt NaM",
                 "56:]+9-} /TB-LIBND DeC lAp TU dO hAnH pHuC"] * 6:
        text.textLine(line)
    c.drawText(text)
    c.save()

    doc = ingest_file(target)
    assert doc.pages[0].source == "ocr"
    assert "CỘNG HÒA" in doc.pages[0].text and "uY BAN" not in doc.pages[0].text
    assert extract(doc).header.number == "604/STP-VP"
