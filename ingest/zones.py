"""A second, targeted OCR of the zones of a scanned page whose first reading fails most and matters most.

The first reading of a scanned page (``ingest.ocr.ocr_pdf_page``: the whole page, grey, page segmentation
mode 4) loses the signature block most often: the signer's title and name stand under a red stamp and a
scribble, which in grey are as dark as the letters, and Tesseract drops the block as a picture or reads it
as noise ("e Quang Vinh", the name printed inside a recipient line).  The zone where that block stands —
the right column from just above the "Nơi nhận:" line (or the authority line "TM./KT./TL. …" when "Nơi
nhận" was misread) down the page — is read once more, cropped, from the dark ink of the red channel of a
colour rendering (red ink turns white, black ink stays black, a grey seal falls under the threshold); so is
the Nơi nhận block beside it (read together, the two columns run into each other and its small italic label
is lost), and on the first page the left column of the header (issuer and "Số:" line: a wavy photographed
line read twice, "BỘ BỘ CÔNG AN"), from the dark ink and from the grey.  The words of a second reading are set
on Tesseract's own lines (``straighten``), so that a skewed line stays one line for layout.

A second reading replaces the first in its zone only when it reads more words of the Vietnamese word lists
(``rasoat.lexicon``), less the words it reads twice over the same ink (``reading_score``): a zone the first
pass read well stays as it was; where both read the same letters at one place, the first reading's marks stay.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from rasoat.vntext import fold

Box = tuple[str, float, float, float, float]  # (text, x0, top, x1, bottom) in PDF points, as OcrResult.words
Zone = tuple[float, float, float, float]  # (x0, top, x1, bottom) in PDF points

SIGNATURE_ZONE_LEFT = 0.5  # share of the page width where the signature column starts
SIGNATURE_ZONE_ABOVE = 2.5  # median word heights above the anchor line where the zone starts (the authority
# line is printed beside "Nơi nhận:" or a line or two above it)
SIGNATURE_ZONE_BELOW = 0.35  # share of the page height the zone reaches below the anchor line (title, stamp,
# signature, name)
ZONE_MARGIN = 6.0  # points rendered around the zone, so that no word of it is cut; words outside are dropped
DARK_INK_SHARE = 0.6  # of the paper's grey: darker pixels are ink of letters, lighter ones paper or a stamp
ZONE_PSM = 4  # Tesseract page segmentation mode of the second reading (a column of text of variable sizes)
HEADER_ZONE_DEPTH = 0.3  # share of the page height the header stands in
HEADER_GUTTER_LEFT = 0.3  # share of the page width right of which the Quốc hiệu starts
HEADER_ZONE_ABOVE = 1.5  # median word heights above the Quốc hiệu line where the header zone starts
HEADER_ZONE_LINES = 6  # median word heights below the Quốc hiệu line the zone reaches when no "Số:" is read
OVERLAP_SHARE = 0.5  # of the smaller box: two words overlapping more are the same ink read twice
OVERLAP_PENALTY = 2  # score lost per word read twice: the word it added and one for the misreading
ANCHOR_LINE_TOLERANCE = 0.6  # median word heights: two words whose tops differ by less stand on one line
AUTHORITY_ANCHOR_LEFT = 0.4  # share of the page width right of which an authority word anchors the zone

RECIPIENTS_LABEL = ("Nơi", "nhận:")  # the label of the Nơi nhận block, as layout looks for it
# "Nơi nhận" folded to plain letters, with the marks Tesseract gets wrong ("Nưi", "Nới"): n, one or two
# letters, i; then "nhan" with or without its colon
_RECIPIENTS_WORDS = re.compile(r"^n[a-z]{1,2}i nhan:?$")
# the authority prefixes of a signature block ("TM.", "KT.", "TL.", "TUQ.", "Q."), folded, the dot required
_AUTHORITY_WORD = re.compile(r"^(?:TM|KT|TL|TUQ|Q)\.$")
# a word with a letter or a digit: a word of the second reading without one is a speck of the paper
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
# the word "Số:" as OCR reads it, folded: "so:", "só:}492", "s6:", "se:" (a letter or digit, then the colon)
_NUMBER_WORD = re.compile(r"^s[a-z0-9]?\s*[:.;]")
# the letters of a word as Tesseract gives it, punctuation around stripped ("(kiểm", "Long,")
_CORE = re.compile(r"^\W*(?P<core>[^\W\d_]+|\d+)\W*$")


def _height(words: Sequence[Box]) -> float:
    return statistics.median(w[4] - w[2] for w in words) if words else 0.0


def signature_anchor(words: Sequence[Box], page_width: float) -> Box | None:
    """The word the signature zone hangs from: "nhận" of the last "Nơi nhận:" line of the page, else the first
    authority prefix ("TM.", "KT.", "TL." …) in the right part of the page; None when the page has neither."""
    height = _height(words)
    ordered = sorted(words, key=lambda w: (w[2], w[1]))
    found = None
    for w in ordered:
        if not fold(w[0]).lower().startswith("nhan"):
            continue
        before = [v for v in words if abs(v[2] - w[2]) < ANCHOR_LINE_TOLERANCE * height and v[3] <= w[1]]
        previous = max(before, key=lambda v: v[3], default=None)  # the word just left of it on its line
        if previous and _RECIPIENTS_WORDS.match(f"{fold(previous[0]).lower()} {fold(w[0]).lower()}"):
            found = w
    if found is not None:
        return found
    return next((w for w in ordered if w[1] >= AUTHORITY_ANCHOR_LEFT * page_width
                 and _AUTHORITY_WORD.match(fold(w[0]).upper())), None)


def signature_zone(words: Sequence[Box], page_width: float, page_height: float) -> Zone | None:
    """(x0, top, x1, bottom) in points of the signature zone of a page read as ``words``, or None."""
    anchor = signature_anchor(words, page_width)
    if anchor is None:
        return None
    top = max(0.0, anchor[2] - SIGNATURE_ZONE_ABOVE * _height(words))
    bottom = min(page_height, anchor[2] + SIGNATURE_ZONE_BELOW * page_height)
    return (SIGNATURE_ZONE_LEFT * page_width, top, page_width, bottom)


def closing_zones(words: Sequence[Box], page_width: float, page_height: float) -> list[Zone]:
    """The signature zone and, beside it on the left, the zone of the Nơi nhận block (each read on its own: read
    together, their lines run into each other and the small italic label is lost); none without an anchor."""
    zone = signature_zone(words, page_width, page_height)
    if zone is None:
        return []
    x0, top, _, bottom = zone
    return [zone, (0.0, top, x0, bottom)]


def inside(w: Box, zone: Zone) -> bool:
    """A word of the zone: between its left and right edges, its middle between its top and bottom (a word
    across an edge belongs to neither reading of a zone: the first one keeps it)."""
    x0, top, x1, bottom = zone
    return w[1] >= x0 and w[3] <= x1 and top <= (w[2] + w[4]) / 2 <= bottom


def _is_word(text: str) -> bool:
    """A syllable of the word lists (more than one letter) or a number, punctuation around it allowed."""
    from rasoat.lexicon import known

    m = _CORE.match(text)
    return bool(m) and (m.group("core").isdigit() or (len(m.group("core")) > 1 and known(m.group("core"))))


def _overlapping(words: Sequence[Box]) -> int:
    """How many words of the lists in a reading overlap another such word by more than half of the smaller box:
    the same ink read twice ("BỘ CÔNG AN" and, over it, "BỘ CÔNG A" from the wavy line of a photographed
    page).  Scraps read in a scribble that overlap each other are not words and do not count."""
    words = [w for w in words if _is_word(w[0])]
    return sum(_overlap(a, b) for i, a in enumerate(words) for b in words[i + 1:])


def reading_score(words: Sequence[Box]) -> int:
    """How many words of a reading are syllables of the word lists or numbers, less ``OVERLAP_PENALTY`` for each
    word it reads twice over the same ink: the measure of which of two readings of a zone is the better."""
    return sum(_is_word(w[0]) for w in words) - OVERLAP_PENALTY * _overlapping(words)


def merge_zone(first: Sequence[Box], second: Sequence[Box], zone: Zone, specks: bool = False) -> list[Box]:
    """The words of the page with the zone's words taken from ``second`` when it reads better there
    (``reading_score``), else ``first`` unchanged.  ``specks``: leave out the words of ``second`` without a letter
    or a digit (in a signature zone a lone "-" or ":" is a speck of the paper, in the Nơi nhận block a dash)."""
    old = [w for w in first if inside(w, zone)]
    new = [w for w in second if inside(w, zone) and (not specks or _LETTER_OR_DIGIT.search(w[0]))]
    if reading_score(new) <= reading_score(old):
        return list(first)
    return [w for w in first if not inside(w, zone)] + [_marks_of_first(w, old) for w in new]


def _overlap(a: Box, b: Box) -> bool:
    """Do two word boxes overlap by more than ``OVERLAP_SHARE`` of the smaller one?"""
    dx = min(a[3], b[3]) - max(a[1], b[1])
    dy = min(a[4], b[4]) - max(a[2], b[2])
    smaller = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
    return dx > 0 and dy > 0 and dx * dy > OVERLAP_SHARE * smaller


def _marks_of_first(word: Box, first: Sequence[Box]) -> Box:
    """A word of the second reading, written as the first reading wrote the same letters at the same place
    ("Hóa" read again where the first reading had "Hòa"): the second reading brings back the words the first
    lost, but the marks are read best on the whole page in grey (``ingest.ocr.DEFAULT_DPI``)."""
    same = next((w for w in first if _overlap(w, word) and w[0] != word[0] and fold(w[0]) == fold(word[0])), None)
    return (same[0], *word[1:]) if same else word


def label_recipients(words: Sequence[Box], anchor: Box) -> list[Box]:
    """``words`` with the "Nơi nhận:" label the zone hangs from written as the label ("Nưi nhận:" → "Nơi
    nhận:"), so that layout finds the Nơi nhận block beside the signature; other words as given."""
    height = _height(words)
    before = [v for v in words if abs(v[2] - anchor[2]) < ANCHOR_LINE_TOLERANCE * height and v[3] <= anchor[1]]
    previous = max(before, key=lambda v: v[3], default=None)
    if previous is None or not _RECIPIENTS_WORDS.match(f"{fold(previous[0]).lower()} {fold(anchor[0]).lower()}"):
        return list(words)
    label = {previous: RECIPIENTS_LABEL[0], anchor: RECIPIENTS_LABEL[1]}
    return [(label[w], *w[1:]) if w in label else w for w in words]


def _colour_page(pdf, index: int, dpi: int):
    """Page ``index`` of ``pdf`` rendered in colour (RGB) at ``dpi``."""
    import contextlib

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        with contextlib.suppress(Exception):  # forms are a nicety, never fatal
            document.init_forms()
        page = document[index]
        try:
            return page.render(scale=dpi / 72.0, may_draw_forms=True).to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        document.close()


def _crop(image, dpi: int, box: Zone):
    """``box`` (points) of a page ``image`` rendered at ``dpi``."""
    scale = dpi / 72.0
    x0, top, x1, bottom = box
    return image.crop((int(x0 * scale), int(top * scale), int(x1 * scale), int(bottom * scale)))


def dark_ink(image, dpi: int, box: Zone):
    """``box`` (points) of a colour page ``image`` rendered at ``dpi``, as black and white: the dark ink of its
    red channel only.  A red stamp comes out white in the red channel; a grey one (a grey scan, a photo) is
    lighter than the printed letters and falls under the threshold, set from the paper's own grey
    (``DARK_INK_SHARE`` of the crop's median)."""
    red = _crop(image, dpi, box).split()[0]
    threshold = DARK_INK_SHARE * _median_grey(red)
    ink = red.point(lambda v: 0 if v < threshold else 255)
    ink.info["dpi"] = (dpi, dpi)
    return ink


def _median_grey(image) -> int:
    """The median grey level (0–255) of a one-channel image: the paper's grey when ink covers under half."""
    counts = image.histogram()
    half, seen = sum(counts) / 2, 0
    for level, n in enumerate(counts):
        seen += n
        if seen >= half:
            return level
    return 255


def header_zone(words: Sequence[Box], page_width: float, page_height: float) -> Zone | None:
    """The left column of the header of a first page read as ``words`` (the issuer block and the "Số:" line),
    from just above the Quốc hiệu line to just below the "Số:" line, left of the Quốc hiệu; None when no word
    "CỘNG" stands where the Quốc hiệu does."""
    height = _height(words)
    motto = next((w for w in sorted(words, key=lambda w: (w[2], w[1]))
                  if w[2] < HEADER_ZONE_DEPTH * page_height and w[1] > HEADER_GUTTER_LEFT * page_width
                  and (m := _CORE.match(w[0])) and m.group("core").isupper() and fold(m.group("core")) == "cong"),
                 None)
    if motto is None:
        return None
    number = next((w for w in words if w[3] < motto[1] and w[2] > motto[2] and w[2] < HEADER_ZONE_DEPTH * page_height
                   and _NUMBER_WORD.match(fold(w[0]).lower())), None)
    bottom = number[4] + height if number else motto[4] + HEADER_ZONE_LINES * height
    return (0.0, max(0.0, motto[2] - HEADER_ZONE_ABOVE * height), motto[1] - ZONE_MARGIN, bottom)


def straighten(words: Sequence[Box], lines: Sequence[tuple[int, int, int]]) -> list[Box]:
    """``words`` with the words of each line Tesseract found (``lines``: its key of each word) set at the line's
    median top and bottom: the words of a skewed line then stand on one line for layout, which groups words by
    their tops ("CÔNG AN TỈNH HÒA AN" rising across a photographed page is not cut into two lines)."""
    if len(lines) != len(words):
        return list(words)
    rows: dict[tuple[int, int, int], list[Box]] = {}
    for w, key in zip(words, lines, strict=True):
        rows.setdefault(key, []).append(w)
    level = {key: (statistics.median(w[2] for w in ws), statistics.median(w[4] for w in ws))
             for key, ws in rows.items()}
    return [(w[0], w[1], *level[key][:1], w[3], level[key][1]) for w, key in zip(words, lines, strict=True)]


def _grey(image, dpi: int, box: Zone):
    """``box`` (points) of a colour page ``image`` rendered at ``dpi``, in grey, as the first reading saw it."""
    grey = _crop(image, dpi, box).convert("L")
    grey.info["dpi"] = (dpi, dpi)
    return grey


def _reread(image, dpi: int, words: list[Box], zone: Zone, page_size: tuple[float, float], specks: bool,
            renderings) -> list[Box]:
    """``words`` with ``zone`` read again from each of ``renderings`` (functions of image, dpi, box), each reading
    taken where it reads better than the words so far."""
    from ingest.ocr import ocr_image

    width, height = page_size
    x0, top, x1, bottom = zone
    box = (max(0.0, x0 - ZONE_MARGIN), max(0.0, top - ZONE_MARGIN), min(width, x1 + ZONE_MARGIN),
           min(height, bottom + ZONE_MARGIN))
    for rendering in renderings:
        result = ocr_image(rendering(image, dpi, box), psm=ZONE_PSM, dpi=dpi)
        second = straighten([(t, a + box[0], b + box[1], c + box[0], d + box[1]) for t, a, b, c, d in result.words],
                            result.lines)
        words = merge_zone(words, second, zone, specks=specks)
    return words


def reread_zones(pdf, index: int, words: Sequence[Box], page_size: tuple[float, float], dpi: int) -> list[Box]:
    """``words`` (the first reading of page ``index``, 0-based, of the PDF ``pdf``: a path or its bytes) with
    the zones of the signature and of the Nơi nhận block, and on the first page the left column of the header,
    read again (see the module docstring), each where that reads better."""
    width, height = page_size
    words = list(words)
    anchor = signature_anchor(words, width)
    zones = closing_zones(words, width, height)
    header = header_zone(words, width, height) if index == 0 else None
    if not zones and header is None:
        return words
    image = _colour_page(pdf, index, dpi)
    if header is not None:  # a light print loses strokes to the threshold of the dark ink: grey is read too
        words = _reread(image, dpi, words, header, page_size, False, (dark_ink, _grey))
    for k, zone in enumerate(zones):
        words = _reread(image, dpi, words, zone, page_size, k == 0, (dark_ink,))  # specks out of the signature
    if anchor is None:
        return words
    anchor = signature_anchor(words, width) or anchor  # the label as the second reading of its zone has it
    return label_recipients(words, anchor)
