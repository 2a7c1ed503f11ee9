"""Per-file limits: each one, set small, turns a small file we build here into a document with the
Vietnamese error naming that limit and no pages; under the limit the same file reads.  And the sentence
machinery of ``extract.figures`` does work proportional to the text, counted, not timed."""

from __future__ import annotations

import re
import zipfile
import zlib

import pytest
from docx import Document as WordDocument
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import extract.figures as figures
from bench import torture
from extract.figures import sentence_bounds
from ingest import cut_text, guard, ingest_file
from rasoat.limits import LABELS, LimitExceeded, Limits

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"  # Debian fonts-dejavu-core


def text_pdf(path, pages=3, line="Báo cáo kết quả rà soát văn bản quy phạm pháp luật năm 2024."):
    pdfmetrics.registerFont(TTFont("DejaVuSerif", FONT))
    c = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        c.setFont("DejaVuSerif", 11)
        for k in range(20):
            c.drawString(60, 780 - 16 * k, f"Trang {n + 1}, dòng {k + 1}: {line}")
        c.showPage()
    c.save()
    return path


def raw_pdf(path, content: bytes, filters: str = "/FlateDecode"):
    """A one-page PDF written by hand whose content stream is ``content`` (already encoded) with
    ``filters``; the cross-reference table is exact, so pdfium opens it as it stands."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters.encode()) + content + b"\nendstream",
    ]
    path.write_bytes(torture.raw_pdf(objects))
    return path


def deflated(size: int, times: int = 1) -> bytes:
    """A content stream writing one line, padded with blanks to ``size`` bytes, deflated ``times`` times."""
    data = b"BT /F1 12 Tf 72 700 Td (Bao cao so lieu nam 2024) Tj ET".ljust(size)
    for _ in range(times):
        data = zlib.compress(data, 9)
    return data


def docx_file(path, paragraphs=3, extra_entries=0):
    d = WordDocument()
    for k in range(paragraphs):
        d.add_paragraph(f"Điều {k + 1}. Sở Tư pháp rà soát văn bản quy phạm pháp luật.")
    d.save(str(path))
    if extra_entries:
        with zipfile.ZipFile(path, "a") as z:
            for k in range(extra_entries):
                z.writestr(f"customXml/extra{k}.xml", "<a/>")
    return path


def scan_pdf(path, inches: int):
    """One page of ``inches`` × ``inches`` covered by a blank image (a scan with no text layer)."""
    Image.new("L", (inches * 10, inches * 10), 255).save(path, "PDF", resolution=10.0)
    return path


# (name of the limit, how to build the file, the small limit that refuses it, a limit under which it reads)
CASES = [
    ("max_file_bytes", lambda p: text_pdf(p / "a.pdf"), 1_000, None),
    ("max_pages", lambda p: text_pdf(p / "a.pdf", pages=3), 2, 3),
    ("max_page_chars", lambda p: text_pdf(p / "a.pdf", pages=1), 300, None),
    ("max_document_chars", lambda p: text_pdf(p / "a.pdf", pages=3), 3_000, None),
    ("max_document_chars", lambda p: (p / "a.txt").write_text("Báo cáo số liệu.\n" * 100) and p / "a.txt",
     1_000, 2_000),
    ("max_document_chars", lambda p: docx_file(p / "a.docx", paragraphs=30), 1_000, 5_000),
    ("max_inflated_bytes", lambda p: raw_pdf(p / "a.pdf", deflated(4_000_000)), 1_000_000, 5_000_000),
    ("max_inflated_bytes", lambda p: raw_pdf(p / "a.pdf", deflated(4_000_000, times=2),
                                             "[/FlateDecode /FlateDecode]"), 1_000_000, 5_000_000),
    ("max_inflated_bytes", lambda p: raw_pdf(p / "a.pdf", deflated(4_000_000, times=1).hex().encode() + b">",
                                             "[/ASCIIHexDecode /FlateDecode]"), 1_000_000, 5_000_000),
    ("max_docx_entries", lambda p: docx_file(p / "a.docx", extra_entries=40), 30, 100),
    ("max_docx_unpacked_bytes", lambda p: docx_file(p / "a.docx"), 10_000, None),
    ("max_ocr_pixels", lambda p: scan_pdf(p / "a.pdf", inches=40), 10_000_000, None),
]


@pytest.mark.parametrize("name, build, small, enough", CASES)
def test_each_limit_refuses_the_file_with_its_vietnamese_error(tmp_path, name, build, small, enough):
    path = build(tmp_path)
    doc = ingest_file(path, limits=Limits(**{name: small}))
    assert doc.error is not None and doc.pages == []
    assert doc.error.startswith(f"Tệp vượt giới hạn {LABELS[name]}") and f"--limit {name}=" in doc.error
    assert doc.sha256  # the refused file keeps its identity
    if enough is not None:
        ok = ingest_file(path, ocr=False, limits=Limits(**{name: enough}))
        assert ok.error is None, ok.error


@pytest.mark.parametrize(
    "text, size, pieces",
    [
        ("một\nhai\nba", 100, ["một\nhai\nba"]),  # short enough: as it is
        ("một\nhai\nba", 7, ["một\nhai", "ba"]),  # cut at the last line end that fits, dropped
        ("một hai ba bốn", 8, ["một hai", "ba bốn"]),  # one long line: at a blank
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # no blank: at the size
        ("", 4, [""]),
    ],
)
def test_cut_text(text, size, pieces):
    assert cut_text(text, size) == pieces
    assert all(len(p) <= size for p in pieces)


def test_a_long_text_file_is_read_as_pages_of_bounded_size(tmp_path):
    path = tmp_path / "dai.txt"
    path.write_text("".join(f"{k}. Sở Tư pháp đã thẩm định {k} văn bản.\n" for k in range(1, 400)), encoding="utf-8")
    doc = ingest_file(path, limits=Limits(max_page_chars=2_000))
    assert doc.error is None and len(doc.pages) > 5
    assert all(len(p.text) <= 2_000 for p in doc.pages)
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert "399. Sở Tư pháp đã thẩm định 399 văn bản." in doc.pages[-1].text
    refused = ingest_file(path, limits=Limits(max_page_chars=2_000, max_pages=5))
    assert refused.error.startswith(f"Tệp vượt giới hạn {LABELS['max_pages']}")


def test_defaults_read_the_same_files(tmp_path):
    files = (text_pdf(tmp_path / "a.pdf"), docx_file(tmp_path / "b.docx"), raw_pdf(tmp_path / "c.pdf", deflated(1000)))
    for path in files:
        doc = ingest_file(path)
        assert doc.error is None and doc.pages, path


def test_a_4_kb_stream_inflating_to_2_gib_is_refused(tmp_path):
    """The bomb of the issue (4 KB of deflate data giving 2 GiB) is refused at the default limit; inflating
    in chunks keeps nothing, so this costs no memory to speak of."""
    bomb = zlib.compress(zeros_deflated(2048), 9)  # deflated twice: a few kilobytes
    assert len(bomb) < 16_000
    path = raw_pdf(tmp_path / "bom.pdf", bomb, "[/FlateDecode /FlateDecode]")
    with pytest.raises(LimitExceeded) as e:
        guard.check_pdf_streams(path, Limits())
    assert e.value.name == "max_inflated_bytes" and "luồng dữ liệu PDF" in str(e.value)


def zeros_deflated(mib: int) -> bytes:
    """``mib`` MiB of zero bytes as one zlib stream, made without deflating them all: each MiB flushed in
    full gives the same bytes, so one is repeated (zlib's ratio is about 1:1000, so ~1 KB per MiB)."""
    packer = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-4]  # the last block, without the checksum of two MiB
    checksum = ((mib << 20) % 65521) << 16 | 1  # Adler-32 of n zero bytes: A = 1, B = n mod 65521
    data = first + again * (mib - 1) + end + checksum.to_bytes(4, "big")
    return data


def test_zeros_deflated_is_a_true_zlib_stream():
    assert zlib.decompress(zeros_deflated(5)) == b"\0" * (5 << 20)


@pytest.mark.parametrize(
    "width, height, dpi",
    [
        (595, 842, 200),  # A4 at the usual resolution
        (2384, 3370, 196),  # A0: 62 M pixels at 200 dpi, lowered to fit 60 M
        (72 * 50, 72 * 50, 154),  # 50 × 50 inches
        (72 * 80, 72 * 80, 100),  # 80 × 80 inches: 100 dpi is the floor, 64 M pixels > 60 M: refused
    ],
)
def test_ocr_resolution_is_lowered_to_fit_then_refused(width, height, dpi):
    limits = Limits()
    if dpi == 100:
        with pytest.raises(LimitExceeded, match="trang 1"):
            guard.ocr_dpi(width, height, 200, limits, page=1)
        return
    got = guard.ocr_dpi(width, height, 200, limits)
    assert got == dpi and guard.render_pixels(width, height, got) <= limits.max_ocr_pixels


@pytest.mark.parametrize(
    "dictionary, filters",
    [
        (b"<< /Length 5 /Filter /FlateDecode >>", ["flate"]),
        (b"<< /Filter [/ASCII85Decode /FlateDecode] /Length 9 >>", ["a85", "flate"]),
        (b"<< /Filter /Fl#61teDecode >>", ["flate"]),  # a name escape is the same name
        (b"<< /Filter [/FlateDecode /DCTDecode] >>", ["flate"]),  # an image codec: measured up to it
        (b"<< /Filter /DCTDecode /Width 10 >>", []),
        (b"<< /Length 5 >>", []),  # not compressed
    ],
)
def test_stream_filters(dictionary, filters):
    assert guard.stream_filters(dictionary) == filters


# ------------------------------------------------------------------ sentence bounds: work, not time


def _old_sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The former definition (a scan of ``text[:pos]`` for every position): the reference of results."""
    start = 0
    for m in figures._SENT_END.finditer(text, 0, pos):
        start = m.end()
    m = figures._SENT_END.search(text, pos)
    return start, (m.start() + 1 if m else len(text))


@pytest.mark.parametrize(
    "text",
    [
        "Đạt 46,2%. Tổng số 12 hồ sơ; 3 hồ sơ trễ hạn.\n- 5 xã đạt chuẩn.\n2. Có 7 đơn vị.",
        "Kết quả:\na) 15 hồ sơ\nII. Năm 2024 có 3 văn bản.5 xã",  # a full stop right before a number
        "Không có dấu câu nào 12 văn bản",
        "\nIII. Mục\nIV.",
        "",
    ],
)
def test_sentence_bounds_same_as_the_former_scan(text):
    for pos in range(len(text) + 1):
        assert sentence_bounds(text, pos) == _old_sentence_bounds(text, pos), pos


def test_a_sentence_without_end_reaches_only_so_far():
    text = "%2024" * 5_000  # no sentence end anywhere: the former scan made every sentence the whole text
    a, b = sentence_bounds(text, 12_000)
    assert (a, b) == (12_000 - figures.SENTENCE_REACH, 12_000 + figures.SENTENCE_REACH)
    assert sentence_bounds(text, 10) == (0, 10 + figures.SENTENCE_REACH)


class _CountingPattern:
    """``_SENT_END`` with its calls counted, and the characters its scans cover."""

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern, self.calls, self.scanned = pattern, 0, 0

    def finditer(self, text, pos=0, endpos=None):
        self.calls += 1
        self.scanned += (len(text) if endpos is None else endpos) - pos
        return self.pattern.finditer(text, pos, len(text) if endpos is None else endpos)

    def match(self, text, pos, endpos):
        self.calls += 1
        self.scanned += 1
        return self.pattern.match(text, pos, endpos)

    def search(self, text, pos=0):
        self.calls += 1
        self.scanned += len(text) - pos
        return self.pattern.search(text, pos)


@pytest.mark.parametrize("sentences", [200, 2_000])
def test_sentence_bounds_scans_the_text_once(monkeypatch, sentences):
    """Bounds for every figure of a page cost one scan of the page and a few steps per figure: the
    characters scanned do not grow with the number of figures times the length of the text."""
    text = " ".join(f"Năm 2024 có {k} hồ sơ đạt {k % 100}%; {k + 1} văn bản." for k in range(sentences))
    counter = _CountingPattern(figures._SENT_END)
    monkeypatch.setattr(figures, "_SENT_END", counter)
    monkeypatch.setattr(figures, "_last_ends", ("", figures._last_ends[1]))
    positions = [m.start() for m in re.finditer(r"\d+ (?:hồ sơ|văn bản)", text)]
    for pos in positions:
        sentence_bounds(text, pos)
    assert counter.scanned <= len(text) + 4 * len(positions)
    assert counter.calls <= 1 + 3 * len(positions)


def test_limits_from_the_environment_apply_when_none_are_given(tmp_path, monkeypatch):
    path = text_pdf(tmp_path / "a.pdf", pages=3)
    monkeypatch.setenv("RASOAT_LIMIT_MAX_PAGES", "2")
    assert ingest_file(path).error.startswith(f"Tệp vượt giới hạn {LABELS['max_pages']} (3 > 2)")
    assert ingest_file(path, limits=Limits()).error is None  # given limits are taken as they are
