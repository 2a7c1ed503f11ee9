"""Dot leaders of forms on scanned pages: found in the image, whitened before
OCR, and given back as words of as many dots as were printed."""

from __future__ import annotations

import pytest
from test_ocr import FONT, _font, _tesseract, needs_font, needs_tesseract  # noqa: F401  (the fixtures the marks use)

from ingest import ocr
from ingest.leaders import find_leaders

DPI = 200


def page(lines: list[tuple[str, int]], dpi: int = DPI):
    """A white A4-wide strip with each (text, dots) line: the text, then that many typed full stops."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 72
    font = ImageFont.truetype(FONT, round(13 * px))
    image = Image.new("L", (round(8.27 * dpi), round(40 * px * (len(lines) + 1))), 255)
    draw = ImageDraw.Draw(image)
    for i, (text, dots) in enumerate(lines):
        draw.text((round(1.2 * dpi), round(20 * px + 40 * px * i)), text + "." * dots, font=font, fill=0)
    image.info["dpi"] = (dpi, dpi)
    return image


@needs_font
@pytest.mark.parametrize("lines, expected", [
    ([("Họ và tên:", 60)], [60]),
    ([("Chức vụ, chức danh:", 45), ("Đơn vị công tác:", 50)], [45, 50]),
    ([("(Kỳ theo dõi, đánh giá:", 8)], [8]),
    # no leader: an ellipsis, full stops after words, the dots of i and ị
    ([("Tiếp tục triển khai thực hiện... kịp thời. Hoàn thiện thể chế.", 0)], []),
    ([("Ý kiến:", 4)], []),  # too few dots to be a blank to fill
])
def test_find_leaders(lines, expected):
    assert [lead.dots for lead in sorted(find_leaders(page(lines), DPI), key=lambda x: x.top)] == expected


@needs_font
def test_a_leader_at_another_resolution():
    assert [lead.dots for lead in find_leaders(page([("Họ và tên:", 60)], 300), 300)] == [60]


@needs_font
def test_dots_that_are_not_evenly_spaced_are_no_leader():
    from PIL import ImageDraw

    image = page([("", 0)])
    draw = ImageDraw.Draw(image)
    x = 300
    for step in (9, 25, 8, 30, 12, 27, 9, 31, 10):  # a seal's texture, say
        draw.rectangle((x, 60, x + 3, 63), fill=0)
        x += step
    assert find_leaders(image, DPI) == []


@needs_tesseract
@needs_font
def test_ocr_reads_the_label_and_gives_the_dots_back():
    result = ocr.ocr_image(page([("Họ và tên:", 60), ("Đơn vị công tác:", 50)]), dpi=DPI)
    words = [w[0] for w in result.words]
    assert "." * 60 in words and "." * 50 in words
    assert "tên:" in words and "tác:" in words
