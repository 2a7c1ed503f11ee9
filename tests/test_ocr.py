"""OCR of scanned pages (ingest.ocr).

The scanned fixture is made here: Vietnamese text drawn with PIL onto a
300-dpi page image and saved as an image-only PDF, then OCRed back.
Tests that run tesseract fail with a clear message when it (or its ``vie``
model) or a serif font with Vietnamese glyphs is missing: the Makefile
installs them (tesseract-ocr, tesseract-ocr-vie, fonts-liberation2).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ingest import ocr
from ingest.ocr import OcrUnavailableError, OcrWord, layout_text, parse_tsv

# Fonts with Vietnamese glyphs (Debian fonts-liberation2, fonts-dejavu-core).
# The old fonts-liberation 1.x LiberationSerif has no "ẩ", "ề", "ợ".
FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
]
FONT = next((p for p in FONT_CANDIDATES if Path(p).exists()), None)


@pytest.fixture
def _tesseract():
    if not ocr.ocr_available("vie"):
        pytest.fail("tesseract with the 'vie' model is not installed (make system installs it)")


@pytest.fixture
def _font():
    if FONT is None:
        pytest.fail("no serif TrueType font with Vietnamese glyphs (fonts-liberation2 or fonts-dejavu-core)")


needs_tesseract = pytest.mark.usefixtures("_tesseract")
needs_font = pytest.mark.usefixtures("_font")

BODY = [
    "Điều 5. Nguyên tắc đánh giá, xếp loại chất lượng",
    "1. Bảo đảm khách quan, công bằng, công khai, minh bạch và đúng thẩm quyền.",
    "2. Việc đánh giá phải căn cứ vào kết quả thực hiện nhiệm vụ được giao,",
    "gắn với trách nhiệm của người đứng đầu cơ quan, tổ chức, đơn vị.",
    "3. Những người được giao thẩm định hồ sơ phải giữ bí mật, tuyệt đối",
    "không tiết lộ kết quả trước khi công bố; nếu để xảy ra sai phạm thì",
    "tùy theo mức độ sẽ bị xử lý kỷ luật theo quy định của pháp luật.",
    "4. Ủy ban nhân dân cấp xã tổng hợp, báo cáo trước ngày 15 tháng 12 hằng năm.",
]

HEADER_LEFT = ["CHÍNH PHỦ", "Số: 12/2025/NĐ-CP"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hà Nội, ngày 21 tháng 12 năm 2025",
]

DPI = 300


def _cer(hyp: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein

    norm = lambda s: " ".join(unicodedata.normalize("NFC", s).split())  # noqa: E731
    return Levenshtein.distance(norm(hyp), norm(ref)) / max(1, len(norm(ref)))


def _make_scan(path: Path, with_header: bool) -> Path:
    """Draw Vietnamese text at 13 pt on an A4-wide 300-dpi page; save as image-only PDF."""
    from PIL import Image, ImageDraw, ImageFont

    pt = DPI / 72.0
    font = ImageFont.truetype(FONT, int(13 * pt))
    bold_path = FONT.replace("-Regular", "-Bold")
    bold = ImageFont.truetype(bold_path, int(13 * pt)) if Path(bold_path).exists() else font
    width = int(8.27 * DPI)
    lines_h = int(20 * pt)
    height = int((len(BODY) + (5 if with_header else 0)) * lines_h + 2 * DPI)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    left_margin = int(1.1 * DPI)
    y = int(0.6 * DPI)
    if with_header:
        # issuer block centred on x = 1.9", Quốc hiệu block centred on x = 5.6"
        for i, text in enumerate(HEADER_LEFT):
            f = bold if i == 0 else font
            w = draw.textlength(text, font=f)
            draw.text((1.9 * DPI - w / 2, y + i * 2 * lines_h), text, font=f, fill=0)
        for i, text in enumerate(HEADER_RIGHT):
            f = bold if i < 2 else font
            w = draw.textlength(text, font=f)
            draw.text((5.6 * DPI - w / 2, y + i * lines_h), text, font=f, fill=0)
        y += 5 * lines_h
    for text in BODY:
        draw.text((left_margin, y), text, font=font, fill=0)
        y += lines_h
    img.save(path, "PDF", resolution=float(DPI))
    return path


@pytest.fixture(scope="module")
def body_scan(tmp_path_factory) -> Path:
    return _make_scan(tmp_path_factory.mktemp("scan") / "body.pdf", with_header=False)


@pytest.fixture(scope="module")
def header_scan(tmp_path_factory) -> Path:
    return _make_scan(tmp_path_factory.mktemp("scan") / "header.pdf", with_header=True)


# ---------------------------------------------------------------- OCR proper


@needs_tesseract
@needs_font
def test_scan_fixture_has_no_text_layer(body_scan):
    import pdfplumber

    with pdfplumber.open(str(body_scan)) as pdf:
        assert len(pdf.pages) == 1
        assert not (pdf.pages[0].extract_text() or "").strip()


@needs_tesseract
@needs_font
def test_ocr_recovers_vietnamese_with_diacritics(body_scan):
    res = ocr.ocr_pdf_page(body_scan, 0)
    ref = "\n".join(BODY)
    assert res.text == unicodedata.normalize("NFC", res.text)
    cer = _cer(res.text, ref)
    assert cer <= 0.05, f"CER {cer:.3f}\n{res.text}"
    # stacked diacritics survive
    for word in ("thẩm", "Ủy", "tổng", "giữ", "được", "hằng", "kỷ"):
        assert word in res.text
    assert res.confidence is not None and 70.0 <= res.confidence <= 100.0
    assert res.dpi == ocr.DEFAULT_DPI and res.lang == "vie"
    assert len(res.text.splitlines()) == len(BODY)


@needs_tesseract
@needs_font
def test_word_boxes_are_in_pdf_points(body_scan):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(body_scan))
    width, height = pdf[0].get_size()
    pdf.close()
    res = ocr.ocr_pdf_page(body_scan, 0)
    assert res.words
    for text, x0, top, x1, bottom in res.words:
        assert text.strip()
        assert 0 <= x0 < x1 <= width + 1
        assert 0 <= top < bottom <= height + 1
    # first body line starts at the 1.1" margin = 79.2 pt
    first = next(w for w in res.words if w[0].startswith("Đi"))
    assert abs(first[1] - 1.1 * 72) < 6


@needs_tesseract
@needs_font
def test_two_column_header_comes_out_as_separate_lines(header_scan):
    res = ocr.ocr_pdf_page(header_scan, 0)
    lines = [ln.strip() for ln in res.text.splitlines() if ln.strip()]
    for expected in HEADER_LEFT + HEADER_RIGHT:
        assert any(_cer(ln, expected) <= 0.1 for ln in lines), (expected, lines)
    # left block, then right block, then the body: never interleaved
    def index(expected: str) -> int:
        return next(i for i, ln in enumerate(lines) if _cer(ln, expected) <= 0.1)

    order = [index(t) for t in HEADER_LEFT + HEADER_RIGHT]
    assert order == sorted(order), lines
    assert order[-1] < index(BODY[0])


@needs_tesseract
@needs_font
def test_ocr_image_accepts_pil_png_bytes_and_path(tmp_path, body_scan):
    img = ocr.render_page(body_scan, 0, dpi=150)
    assert img.mode == "L"
    assert img.size[0] == pytest.approx(8.27 * 150, abs=2)
    # one line is enough for the input-type check
    line = img.crop((0, 0, img.size[0], int(0.95 * 150)))
    png = tmp_path / "line.png"
    line.save(png)
    for src in (line, png.read_bytes(), png):
        res = ocr.ocr_image(src, psm=6)
        assert "Nguyên tắc" in res.text


def test_render_page_size_and_out_of_range():
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (100, 100), 255).save(buf, "PDF", resolution=72.0)
    with pytest.raises(IndexError):
        ocr.render_page(buf.getvalue(), 3)
    img = ocr.render_page(buf.getvalue(), 0, dpi=144)
    assert img.size == (200, 200)


# ---------------------------------------------------------------- errors


@needs_tesseract
def test_missing_language_gives_clear_vietnamese_error():
    from PIL import Image

    assert not ocr.ocr_available("xxx")
    with pytest.raises(OcrUnavailableError) as err:
        ocr.ocr_image(Image.new("L", (50, 50), 255), lang="xxx")
    msg = str(err.value)
    assert "Tesseract" in msg and "'xxx'" in msg and "không thể nhận dạng trang scan" in msg


def test_missing_tesseract_gives_clear_vietnamese_error(monkeypatch, tmp_path):
    from PIL import Image

    monkeypatch.setattr(ocr, "TESSERACT_CMD", str(tmp_path / "no-such-tesseract"))
    assert not ocr.ocr_available()
    with pytest.raises(OcrUnavailableError) as err:
        ocr.ocr_image(Image.new("L", (50, 50), 255))
    assert str(err.value) == (
        "Chưa cài Tesseract (tesseract-ocr, tesseract-ocr-vie): không thể nhận dạng trang scan"
    )
    with pytest.raises(OcrUnavailableError):
        ocr.require_ocr()


# ---------------------------------------------------------------- layout (no tesseract)


def _w(text, x0, top, x1, bottom, block=1, line=1, conf=95.0):
    return OcrWord(text, x0, top, x1, bottom, conf, block, 1, line)


def _words(row_specs):
    """row_specs: list of (top, [(text, x0, x1), ...]) -> one Tesseract line per row."""
    out = []
    for n, (top, items) in enumerate(row_specs, start=1):
        for text, x0, x1 in items:
            out.append(_w(text, x0, top, x1, top + 12, line=n))
    return out


def test_layout_splits_header_columns_and_keeps_body_lines():
    words = _words(
        [
            (60, [("CHÍNH", 90, 125), ("PHỦ", 129, 155), ("CỘNG", 270, 305), ("HÒA", 309, 335),
                  ("XÃ", 339, 355), ("HỘI", 359, 382), ("CHỦ", 386, 412), ("NGHĨA", 416, 458),
                  ("VIỆT", 462, 490), ("NAM", 494, 522)]),
            (76, [("Độc", 320, 342), ("lập", 346, 364), ("-", 368, 372), ("Tự", 376, 392),
                  ("do", 396, 410), ("-", 414, 418), ("Hạnh", 422, 452), ("phúc", 456, 484)]),
            (100, [("Số:", 80, 98), ("217/2031/NĐ-CP", 102, 190), ("Hà", 300, 316), ("Nội,", 320, 342),
                   ("ngày", 346, 372), ("21", 376, 388), ("tháng", 392, 424), ("12", 428, 440),
                   ("năm", 444, 468), ("2025", 472, 500)]),
            (140, [("NGHỊ", 255, 290), ("ĐỊNH", 294, 330)]),
            (170, [("Căn", 85, 105), ("cứ", 109, 121), ("Luật", 125, 150), ("Tổ", 154, 166),
                   ("chức", 170, 196), ("Chính", 200, 230), ("phủ", 234, 254), ("số", 258, 270),
                   ("63/2025/QH15;", 274, 350), ("và", 354, 366), ("các", 370, 388),
                   ("luật", 392, 416), ("khác", 420, 446), ("có", 450, 462), ("liên", 466, 488),
                   ("quan", 492, 520)]),
        ]
    )
    text = layout_text(words)
    assert text.splitlines() == [
        "CHÍNH PHỦ",
        "Số: 217/2031/NĐ-CP",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hà Nội, ngày 21 tháng 12 năm 2025",
        "NGHỊ ĐỊNH",
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15; và các luật khác có liên quan",
    ]


def test_layout_merges_lines_split_by_tesseract_blocks_and_drops_rules():
    # same visual row reported as two Tesseract blocks; a table rule "|"
    words = [
        _w("Điều", 80, 100, 105, 112, block=1),
        _w("1.", 109, 100, 118, 112, block=1),
        _w("|", 121, 98, 123, 114, block=1),
        _w("Phạm", 127, 100, 158, 112, block=2),
        _w("vi", 162, 100, 172, 112, block=2),
        _w("Dòng", 80, 118, 108, 130, block=3),
        _w("hai", 112, 118, 130, 130, block=3),
    ]
    assert layout_text(words) == "Điều 1. Phạm vi\nDòng hai"
    assert layout_text([]) == ""


def test_parse_tsv_scales_boxes_and_keeps_confidence():
    tsv = (
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
        "1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t\n"
        "4\t1\t1\t1\t1\t0\t200\t100\t300\t50\t-1\t\n"
        "5\t1\t1\t1\t1\t1\t200\t100\t100\t50\t96.5\tQuye\u0302\u0301t\n"
        "5\t1\t1\t1\t1\t2\t320\t100\t180\t50\t88\tđịnh\n"
        "5\t1\t1\t1\t1\t3\t520\t100\t10\t50\t-1\t \n"
    )
    words = parse_tsv(tsv, scale=72 / 200)
    assert [w.text for w in words] == ["Quyết", "định"]
    assert words[0].text == unicodedata.normalize("NFC", "Quyết")
    assert words[0].x0 == pytest.approx(72.0) and words[0].bottom == pytest.approx(54.0)
    assert words[1].conf == 88.0
