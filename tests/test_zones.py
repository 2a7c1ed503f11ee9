"""The second OCR reading of the signature zone of a scanned page (``ingest.zones``): a page WE draw (our own
text, a red stamp and a blue scribble over the signature block, a slight skew and speckles) saved as an
image-only PDF comes out with its signer; and the pieces (the anchor, the zone, the choice of the better
reading) on word boxes written here."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from extract import extract
from ingest import ingest_file
from ingest.ocr import ocr_available
from ingest.zones import (
    header_zone,
    label_recipients,
    merge_zone,
    reading_score,
    signature_anchor,
    signature_zone,
    straighten,
)
from rasoat.samples.build import find_fonts

DPI = 200
A4 = (595, 842)  # points

HEADER_LEFT = ["BỘ NỘI VỤ", "Số: 27/QĐ-BNV"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Hà Nội, ngày 14 tháng 3 năm 2024"]
BODY = ["QUYẾT ĐỊNH", "Về việc giao nhiệm vụ kiểm tra công tác văn thư năm 2024", "BỘ TRƯỞNG BỘ NỘI VỤ",
        "Điều 1. Giao Văn phòng Bộ kiểm tra công tác văn thư tại các đơn vị thuộc Bộ.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chánh Văn phòng Bộ và Thủ trưởng các đơn vị chịu trách nhiệm thi hành."]
RECIPIENTS = ["Nơi nhận:", "- Như Điều 3;", "- Các Thứ trưởng;", "- Lưu: VT, VP."]
SIGNATURE = ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]
SIGNER = "Nguyễn Thành Trung"


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(find_fonts()["Bold" if bold else "Regular"]), size)


def drawn_scan(target, stamp: bool = True, skew: float = 0.4, seed: int = 7):
    """Our decision drawn as a colour page image (200 dpi) and saved as a PDF without text: a red stamp ring and a
    blue scribble over the signature block when ``stamp``, rotated by ``skew`` degrees, with grey speckles."""
    px = DPI / 72
    image = Image.new("RGB", (int(A4[0] * px), int(A4[1] * px)), "white")
    draw = ImageDraw.Draw(image)
    regular, bold = _font(int(13 * px)), _font(int(13 * px), bold=True)

    def text(x: float, y: float, s: str, font=regular, fill=(0, 0, 0)) -> None:
        draw.text((x * px, y * px), s, font=font, fill=fill)

    for k, line in enumerate(HEADER_LEFT):
        text(80, 60 + 22 * k, line, bold if k == 0 else regular)
    for k, line in enumerate(HEADER_RIGHT):
        text(290, 60 + 22 * k, line, bold if k < 2 else regular)
    for k, line in enumerate(BODY):
        text(70 if k > 2 else 180, 150 + 24 * k, line, bold if k < 3 else regular)
    top = 150 + 24 * len(BODY) + 30
    small = _font(int(11 * px))
    for k, line in enumerate(RECIPIENTS):
        text(70, top + 16 * k, line, bold if k == 0 else small)
    for k, line in enumerate(SIGNATURE):
        text(380, top + 18 * k, line, bold)
    text(370, top + 110, SIGNER, bold)
    if stamp:  # ink over ink, as on paper: the stamp and the scribble multiply the page, they do not paint over it
        layer = Image.new("RGB", image.size, "white")
        ink = ImageDraw.Draw(layer)
        cx, cy, r = 370 * px, (top + 62) * px, 58 * px
        for w in range(int(4 * px)):
            ink.ellipse((cx - r + w, cy - r + w, cx + r - w, cy + r - w), outline=(215, 40, 40))
        ink.text((cx - 30 * px, cy - 8 * px), "BỘ NỘI VỤ", font=_font(int(10 * px), bold=True), fill=(215, 40, 40))
        ink.line([(350 * px, (top + 85) * px), (420 * px, (top + 50) * px), (460 * px, (top + 88) * px),
                  (540 * px, (top + 55) * px)], fill=(30, 40, 160), width=int(2 * px))
        image = ImageChops.multiply(image, layer)
        draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for _ in range(1500):  # speckles of a scanner
        x, y = rng.randrange(image.width), rng.randrange(image.height)
        draw.point((x, y), fill=(120, 120, 120))
    image = image.rotate(skew, resample=Image.BICUBIC, fillcolor="white")
    image.save(str(target), "PDF", resolution=DPI)
    return target


needs_ocr_program = pytest.mark.skipif(not ocr_available(), reason="Tesseract (vie) is not installed")


@needs_ocr_program
@pytest.mark.parametrize("stamp, skew", [(True, 0.4), (True, -0.6), (False, 0.0)])
def test_signer_under_a_stamp_is_read(tmp_path, stamp, skew):
    doc = ingest_file(drawn_scan(tmp_path / "scan.pdf", stamp=stamp, skew=skew))
    assert doc.error is None and doc.pages[0].source == "ocr"
    header = extract(doc).header
    assert header.signer == SIGNER
    assert (header.signing_authority, header.signer_title) == ("KT.", "THỨ TRƯỞNG")
    assert header.issuer == "Bộ Nội vụ"
    assert header.number == "27/QĐ-BNV"
    assert header.issued_on == "2024-03-14"


# word boxes (text, x0, top, x1, bottom) in points, as OcrResult.words
def _line(y: float, x: float, *words: str) -> list[tuple[str, float, float, float, float]]:
    out = []
    for w in words:
        out.append((w, x, y, x + 7 * len(w), y + 11))
        x += 7 * len(w) + 4
    return out


@pytest.mark.parametrize("words, anchor", [
    (_line(500, 70, "Nơi", "nhận:"), "nhận:"),
    (_line(500, 70, "Nưi", "nhận:"), "nhận:"),  # a mark misread
    (_line(500, 70, "Nới", "nhận"), "nhận"),  # the colon lost
    (_line(500, 70, "Ủy", "ban", "nhân", "dân") + _line(520, 330, "KT.", "CHỦ", "TỊCH"), "KT."),
    (_line(500, 70, "TL.", "CHÁNH", "VĂN", "PHÒNG"), None),  # an authority word on the left: not a signature
    (_line(500, 70, "ban", "nhân", "dân"), None),  # "nhân" of "nhân dân" is not "nhận"
    (_line(500, 70, "Căn", "cứ", "Luật"), None),
])
def test_signature_anchor(words, anchor):
    found = signature_anchor(words, A4[0])
    assert (found[0] if found else None) == anchor


def test_zone_hangs_below_the_anchor_in_the_right_column():
    words = _line(100, 70, "Điều", "1.", "Giao") + _line(500, 70, "Nơi", "nhận:")
    x0, top, x1, bottom = signature_zone(words, *A4)
    assert x0 == pytest.approx(A4[0] / 2) and x1 == A4[0]
    assert 450 < top < 500 < bottom <= A4[1]
    assert signature_zone(_line(100, 70, "Điều", "1."), *A4) is None


@pytest.mark.parametrize("first, second, kept", [
    # the first reading lost the name under the stamp: the second, with more words of the lists, is taken
    (_line(520, 340, "Ọ~", "#"), _line(520, 340, "THỨ", "TRƯỞNG") + _line(600, 340, "Lê", "Văn", "An"), "second"),
    # specks the second reading made words of ("-", ":") are left out
    (_line(520, 340, "Ọ~"), _line(520, 330, "-") + _line(520, 340, "THỨ", "TRƯỞNG"), "second"),
    # the first reading was good: a second one as good or worse does not replace it
    (_line(520, 340, "THỨ", "TRƯỞNG"), _line(520, 340, "THỨ", "TRƯỞNG"), "first"),
    (_line(520, 340, "THỨ", "TRƯỞNG"), _line(520, 340, "TH~", "TRƯ&G"), "first"),
])
def test_merge_takes_the_better_reading(first, second, kept):
    body = _line(100, 70, "Điều", "1.", "Giao")
    outside = _line(700, 70, "xx", "yy")  # a word of the second reading outside the zone never comes in
    zone = (297.5, 480, 595, 780)
    merged = merge_zone(body + first, second + outside, zone, specks=True)
    assert body[0] in merged and outside[0] not in merged
    letters = [w for w in second if w[0] not in "-:"]
    assert merged == (body + letters if kept == "second" else body + first)


def test_marks_of_the_first_reading_stay_where_both_read_the_same_letters():
    zone = (297.5, 480, 595, 780)
    first = _line(600, 340, "Trương", "Hòa", "Bình") + _line(520, 340, "Ọ~")
    second = _line(520, 340, "THỨ", "TRƯỞNG") + _line(600, 340, "Trương", "Hóa", "Bình")
    merged = merge_zone(first, second, zone)
    assert [w[0] for w in merged] == ["THỨ", "TRƯỞNG", "Trương", "Hòa", "Bình"]


def test_dashes_of_the_recipients_are_kept():
    zone = (0, 480, 297.5, 780)
    second = _line(520, 70, "-", "Như", "Điều", "3;")
    assert merge_zone(_line(520, 70, "~", "Nbư"), second, zone) == second


@pytest.mark.parametrize("text, score", [
    ("Lê Văn An", 3), ("THỨ TRƯỞNG", 2), ("(kiểm tra,", 2), ("27", 1), ("Ọ~ # e", 0), ("xyzq", 0),
])
def test_reading_score_counts_words_of_the_lists(text, score):
    assert reading_score(_line(0, 0, *text.split())) == score


@pytest.mark.parametrize("words, label", [
    (_line(500, 70, "Nưi", "nhận:"), ["Nơi", "nhận:"]),
    (_line(500, 70, "Nơi", "nhận:"), ["Nơi", "nhận:"]),
    (_line(500, 70, "Nới", "nhận"), ["Nơi", "nhận:"]),
    (_line(500, 70, "ban", "nhân"), ["ban", "nhân"]),  # not the label: as read
])
def test_recipients_label_is_written_as_the_label(words, label):
    assert [w[0] for w in label_recipients(words, words[-1])] == label


@pytest.mark.parametrize("words, found", [
    (_line(60, 90, "BỘ", "NỘI", "VỤ") + _line(60, 290, "CỘNG", "HÒA") + _line(85, 90, "Số:", "27/QĐ-BNV"), True),
    (_line(60, 90, "BỘ", "NỘI", "VỤ") + _line(60, 290, ".CỘNG", "HÒA") + _line(85, 90, "S6:", "27/QĐ-BNV"), True),
    (_line(60, 290, "Cộng", "hòa"), False),  # not in capitals: a phrase of the body
    (_line(60, 90, "CỘNG", "HÒA"), False),  # on the left: not where the Quốc hiệu stands
    (_line(500, 290, "CỘNG", "HÒA"), False),  # low on the page: not the header
])
def test_header_zone_is_left_of_the_quoc_hieu(words, found):
    zone = header_zone(words, *A4)
    assert (zone is not None) == found
    if found:
        x0, top, x1, bottom = zone
        assert x0 == 0 and top < 60 and x1 < 290 and 96 <= bottom < 120  # down to just below the "Số:" line


def test_straighten_puts_the_words_of_a_skewed_line_on_one_level():
    words = [("CÔNG", 73, 58, 116, 73), ("AN", 119, 61, 141, 73), ("TỈNH", 143, 63, 177, 77), ("LÂM", 187, 65, 214, 79)]
    lines = [(1, 1, 3)] * 4
    flat = straighten(words, lines)
    assert [w[0] for w in flat] == ["CÔNG", "AN", "TỈNH", "LÂM"] and len({(w[2], w[4]) for w in flat}) == 1
    assert [w[1] for w in flat] == [w[1] for w in words]
    two = straighten(words, [(1, 1, 3), (1, 1, 3), (1, 1, 4), (1, 1, 4)])
    assert two[0][2] != two[2][2]  # two lines stay two
    assert straighten(words, []) == words  # no line keys: as read


def test_the_same_ink_read_twice_scores_less():
    once = _line(40, 120, "BỘ", "CÔNG", "AN")
    twice = once + [("BỘ", 124, 38, 140, 52), ("CÔNG", 150, 41, 180, 50)]  # over the words above
    assert reading_score(twice) < reading_score(once)
