"""Legacy-font PDFs made here: TCVN3 text drawn with a font named .VnTime
(the usual case) and with a font whose name says nothing (the characters
alone must tell), both converted to Unicode through the whole ingest."""

from __future__ import annotations

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from ingest import ingest_file
from ingest.legacy import encode

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"  # Debian fonts-dejavu-core
LINES = [
    "cộng hòa xã hội chủ nghĩa việt nam, độc lập - tự do - hạnh phúc.",
    "ủy ban nhân dân tỉnh ban hành quyết định về việc đăng ký kinh doanh",
    "và quy định chi tiết một số điều của luật doanh nghiệp năm 2020.",
]


def tcvn3_pdf(path, font_name: bytes | None):
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("DejaVuSerif", 12)
    for i, line in enumerate(LINES):
        c.drawString(72, 750 - 18 * i, encode(line, "tcvn3"))
    c.save()
    if font_name:  # rename the embedded font in place (same length: offsets stay valid)
        data = path.read_bytes()
        assert len(font_name) == len(b"DejaVuSerif")
        path.write_bytes(data.replace(b"DejaVuSerif", font_name))
    return path


@pytest.mark.parametrize("font_name", [b".VnTimeRoma", None], ids=["named-VnTime", "unnamed-font"])
def test_tcvn3_pdf_is_converted(tmp_path, font_name):
    doc = ingest_file(tcvn3_pdf(tmp_path / "tcvn3.pdf", font_name))
    assert doc.error is None
    page = doc.pages[0]
    assert page.source == "tcvn3"
    assert page.text.split("\n") == LINES


def test_unicode_text_under_a_vntime_name_is_left_alone(tmp_path):
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    path = tmp_path / "unicode.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("DejaVuSerif", 12)
    for i, line in enumerate(LINES):
        c.drawString(72, 750 - 18 * i, line)
    c.save()
    path.write_bytes(path.read_bytes().replace(b"DejaVuSerif", b".VnTimeRoma"))
    page = ingest_file(path).pages[0]
    assert page.source == "text" and page.text.split("\n") == LINES


@pytest.mark.parametrize(
    "typed, expected",
    [
        # a header typed in sentence case in the upper-case font (.VnTimeH family, style glued to the name)
        ("ủy ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH"),
        ("cộng hoà xã hội chủ nghĩa việt nam", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        # "ã" drawn from the glyph a producer names "bulletoperator" (U+2219)
        ("quỹ bảo l\u2219nh", "QUỸ BẢO LÃNH"),
    ],
)
def test_tcvn3_upper_case_font_pdf(tmp_path, typed, expected):
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    path = tmp_path / "vntimeh.pdf"
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("DejaVuSerif", 12)
    for i, line in enumerate([typed, *LINES]):
        c.drawString(72, 750 - 18 * i, encode(line, "tcvn3"))
    c.save()
    path.write_bytes(path.read_bytes().replace(b"DejaVuSerif", b"VnTimeHBold"))  # same length
    page = ingest_file(path).pages[0]
    assert page.text.split("\n")[0] == expected
