"""Digitally signed PDFs: the number and the day printed only by the
signature stamp (widget appearances), digits drawn as glyph outlines, and
the signature dictionaries.

The signed-like PDF is made here: a sample rendered by ``samples/build.py``
with its number and day left blank, then — as a signing tool does — an
incremental update appends /Sig fields whose widget appearances print "517"
and "19" over the blanks, with PKCS#7 signatures of certificates we make.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest

from extract.header import extract_header
from ingest.layout import group_lines, layout_page
from ingest.outlines import fit_error, read_digit
from ingest.signed import Stamp, merge_stamps, pdf_date, signature_info, signer_kind, stamp_texts
from rasoat.models import Page, SourceDocument
from rasoat.samples import builder
from rasoat.vntext import nfc

ROOT = Path(__file__).resolve().parents[1]
NBSP = "\u00a0"


build = builder()


# ------------------------------------------------------------------ fixtures


def render_blank_sample(out: Path) -> Path:
    """bc-cchc.txt with the number and the day left blank (non-breaking
    spaces keep the room the stamp will fill), rendered to PDF."""
    text = (build.DOCUMENTS / "bc-cchc.txt").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^number_line: .*$", f"number_line: Số:{NBSP * 10}/BC-UBND", text)
    text = re.sub(r"(?m)^date_line: .*$", f"date_line: Hà Tĩnh, ngày{NBSP * 6}tháng 12 năm 2024", text)
    src = out / "bc-ky-so.txt"
    src.write_text(text, encoding="utf-8")
    return build.render(src, out / "bc-ky-so.pdf")


def page_one_words(pdf_path: Path) -> tuple[list[dict], float, float]:
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        words = [dict(w, text=nfc(w["text"])) for w in page.extract_words(x_tolerance=3, y_tolerance=3)]
        return words, float(page.width), float(page.height)


def header_from(words: list[dict], width: float):
    laid = layout_page(words, width, first_page=True)
    doc = SourceDocument(path="x.pdf", sha256="", file_name="x.pdf", pages=[Page(1, laid.text, regions=laid.regions)])
    return laid.text, extract_header(doc)


def pdf_string(text: str) -> bytes:
    """A PDF text string: UTF-16BE with BOM, as hex."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def make_pkcs7(cn: str, org: str, uid: str | None = None) -> bytes:
    """A detached PKCS#7 signature by a self-signed certificate for ``cn``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs7
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), x509.NameAttribute(NameOID.LOCALITY_NAME, "Hà Tĩnh"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, org), x509.NameAttribute(NameOID.COMMON_NAME, cn)]
    if uid:
        attrs.append(x509.NameAttribute(NameOID.USER_ID, uid))
    name = x509.Name(attrs)
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(7).not_valid_before(start).not_valid_after(start + dt.timedelta(days=3650))
            .sign(key, hashes.SHA256()))
    return (pkcs7.PKCS7SignatureBuilder().set_data(b"rasoat").add_signer(cert, key, hashes.SHA256())
            .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature]))


def append_update(data: bytes, objects: dict[int, bytes]) -> bytes:
    """``data`` with an incremental update that adds or replaces ``objects``
    (number → body), as signing tools write signatures."""
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    root = int(re.findall(rb"/Root (\d+) 0 R", data)[-1])
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (num, objects[num])
    xref = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (n, offsets[n]) for n in sorted(offsets))
    out += b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(size, max(objects) + 1), root, prev, xref)
    return bytes(out)


def object_body(data: bytes, num: int) -> bytes:
    return re.search(rb"\n%d 0 obj\n(.*?)\nendobj" % num, data, re.S).group(1).strip()


def sign_like(pdf_path: Path, out_path: Path) -> Path:
    """Add to page 1 of ``pdf_path``: a person's signature (invisible
    widget) and the issuing body's /Sig fields whose appearances print
    "517" into the number blank and "19" into the day blank."""
    words, _, height = page_one_words(pdf_path)
    by_text = {w["text"]: w for w in words if w["top"] < 140}
    so, sym, ngay, thang = by_text["Số:"], by_text["/BC-UBND"], by_text["ngày"], by_text["tháng"]
    data = pdf_path.read_bytes()
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    root = int(re.findall(rb"/Root (\d+) 0 R", data)[-1])
    page = int(re.search(rb"/Kids \[\s*(\d+) 0 R", data).group(1))
    font, n = size, size + 1

    def sig_dict(cn: str, org: str, when: str, uid: str | None = None, extra: bytes = b"") -> bytes:
        contents = make_pkcs7(cn, org, uid).hex().encode() + b"0" * 2000  # zero-padded, as signing tools reserve room
        return (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (D:%s+07'00') "
                b"/ByteRange [0 0 0 0] %s /Contents <%s> >>" % (when.encode(), extra, contents))

    def appearance(text: str, w: float, h: float) -> bytes:
        content = b"BT /Helv 13 Tf 1 3 Td (%s) Tj ET" % text.encode()
        return (b"<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources << /Font << /Helv %d 0 R >> >> "
                b"/Length %d >>\nstream\n%s\nendstream" % (w, h, font, len(content), content))

    objects = {font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    fields = []
    person = sig_dict("Nguyễn Văn An", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "20241219090500",
                      extra=b"/Name " + pdf_string("Nguyễn Văn An") + b" /Reason " + pdf_string("Phê duyệt")
                      + b" /Location " + pdf_string("Hà Tĩnh"))
    objects[n] = person
    objects[n + 1] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /Rect [0 0 0 0] /F 132 "
                      b"/P %d 0 R /V %d 0 R >>" % (page, n))
    fields.append(n + 1)
    n += 2
    for name, text, left, right, w in (("Signature2", "517", so, sym, 30.0), ("Signature3", "19", ngay, thang, 17.0)):
        x = left["x1"] + 1.5
        y = height - left["bottom"] - 2  # PDF space: the rect spans the line
        objects[n] = sig_dict("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "20241219101500",
                              uid="MST:3000000000")
        objects[n + 1] = appearance(text, w, 16)
        objects[n + 2] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (%s) /Rect [%.2f %.2f %.2f %.2f] /F 132 "
                          b"/P %d 0 R /V %d 0 R /AP << /N %d 0 R >> >>"
                          % (name.encode(), x, y, x + w, y + 16, page, n, n + 1))
        assert x + w < right["x0"]  # the stamp fits the blank
        fields.append(n + 2)
        n += 3
    refs = b" ".join(b"%d 0 R" % f for f in fields)
    objects[page] = object_body(data, page)[:-2].rstrip() + b"\n/Annots [ %s ] >>" % refs
    objects[root] = object_body(data, root)[:-2].rstrip() + b"\n/AcroForm << /Fields [ %s ] /SigFlags 3 >> >>" % refs
    out_path.write_bytes(append_update(data, objects))
    return out_path


def draw_outline_digits(pdf_path: Path, out_path: Path, text: str) -> Path:
    """Draw ``text`` into the number blank of page 1 as vector paths: the
    outlines of the glyphs of the page's own font (the regular one that
    prints "2024"), as tools that convert text to curves do."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    words, _, height = page_one_words(pdf_path)
    so = next(w for w in words if w["text"] == "Số:")
    pdf = pdfium.PdfDocument(str(pdf_path))
    page = pdf[0]
    textpage = page.get_textpage()
    index = textpage.get_text_range().index("2024")
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage.raw, index))
    x, baseline = so["x1"] + 4, height - so["bottom"] + 3
    for ch in text:
        glyph = raw.FPDFFont_GetGlyphPath(font, ord(ch), 13.0)
        points = []
        for i in range(raw.FPDFGlyphPath_CountGlyphSegments(glyph)):
            seg = raw.FPDFGlyphPath_GetGlyphPathSegment(glyph, i)
            fx, fy = raw.FS_FLOAT(), raw.FS_FLOAT()
            raw.FPDFPathSegment_GetPoint(seg, fx, fy)
            points.append((raw.FPDFPathSegment_GetType(seg), x + 13 * fx.value, baseline + 13 * fy.value,  # em units
                           raw.FPDFPathSegment_GetClose(seg)))
        path = raw.FPDFPageObj_CreateNewPath(points[0][1], points[0][2])  # starts with the first move
        i = 1
        while i < len(points):
            kind, px, py, close = points[i]
            if kind == raw.FPDF_SEGMENT_MOVETO:
                raw.FPDFPath_MoveTo(path, px, py)
            elif kind == raw.FPDF_SEGMENT_LINETO:
                raw.FPDFPath_LineTo(path, px, py)
            else:
                (_, x1, y1, _), (_, x2, y2, _), (_, x3, y3, close) = points[i : i + 3]
                raw.FPDFPath_BezierTo(path, x1, y1, x2, y2, x3, y3)
                i += 2
            if close:
                raw.FPDFPath_Close(path)
            i += 1
        raw.FPDFPath_SetDrawMode(path, raw.FPDF_FILLMODE_WINDING, False)
        raw.FPDFPage_InsertObject(page.raw, path)
        advance = ctypes.c_float()
        raw.FPDFFont_GetGlyphWidth(font, ord(ch), 13.0, advance)
        x += advance.value
    raw.FPDFPage_GenerateContent(page.raw)
    pdf.save(str(out_path))
    return out_path


@pytest.fixture(scope="module")
def blank_pdf(tmp_path_factory) -> Path:
    return render_blank_sample(tmp_path_factory.mktemp("signed"))


@pytest.fixture(scope="module")
def signed_pdf(blank_pdf) -> Path:
    return sign_like(blank_pdf, blank_pdf.with_name("bc-ky-so-signed.pdf"))


# ------------------------------------------------------------------ signed PDF end to end


def test_text_layer_leaves_the_number_and_day_blank(blank_pdf):
    words, width, _ = page_one_words(blank_pdf)
    text, header = header_from(words, width)
    assert "Số: /BC-UBND" in text
    assert "ngày tháng 12 năm 2024" in text
    assert (header.number, header.symbol, header.issued_on) == (None, "BC-UBND", None)


def test_stamp_texts_reads_the_widget_appearances(signed_pdf):
    stamps = stamp_texts(str(signed_pdf))
    assert list(stamps) == [1]
    assert sorted((s.text, s.field) for s in stamps[1]) == [("19", "Signature3"), ("517", "Signature2")]
    words, _, _ = page_one_words(signed_pdf)
    so = next(w for w in words if w["text"] == "Số:")
    number = next(s for s in stamps[1] if s.text == "517")
    assert so["x1"] < number.x0 and abs((number.top + number.bottom) / 2 - (so["top"] + so["bottom"]) / 2) < 4


def test_signed_pdf_page_text_still_lacks_the_stamp(signed_pdf):
    words, width, _ = page_one_words(signed_pdf)
    assert not any(w["text"] in ("517", "19") for w in words if w["top"] < 140)


def test_stamps_fill_the_number_and_the_day(signed_pdf):
    words, width, _ = page_one_words(signed_pdf)
    text, header = header_from(merge_stamps(words, stamp_texts(str(signed_pdf))[1]), width)
    assert "Số: 517/BC-UBND" in text
    assert "Hà Tĩnh, ngày 19 tháng 12 năm 2024" in text
    assert (header.number, header.issued_on) == ("517/BC-UBND", "2024-12-19")


def test_signature_info_of_the_signed_pdf(signed_pdf):
    info = signature_info(str(signed_pdf))
    assert info["signer"] == "Nguyễn Văn An"
    assert info["signed_at"] == "2024-12-19T09:05:00+07:00"
    assert info["reason"] == "Phê duyệt" and info["location"] == "Hà Tĩnh"
    assert info["organisation"] == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"
    assert info["sealed_at"] == "2024-12-19T10:15:00+07:00"
    assert [s["field"] for s in info["signatures"]] == ["Signature1", "Signature2", "Signature3"]
    assert [s["kind"] for s in info["signatures"]] == ["person", "organisation", "organisation"]
    assert info["signatures"][0]["certificate"]["o"] == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"


def test_unsigned_pdf_has_no_stamps_and_no_signature(blank_pdf):
    assert stamp_texts(str(blank_pdf)) == {}
    assert signature_info(str(blank_pdf)) == {}


@pytest.mark.parametrize("content", [b"", b"<html><body>not a pdf</body></html>", b"%PDF-1.4\n1 0 obj\n<<"])
def test_bad_files_give_nothing(tmp_path, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    assert stamp_texts(str(path)) == {}
    assert signature_info(str(path)) == {}


# ------------------------------------------------------------------ digits drawn as outlines


def test_digits_drawn_as_glyph_outlines_fill_the_number(blank_pdf):
    drawn = draw_outline_digits(blank_pdf, blank_pdf.with_name("bc-outline.pdf"), "2402")
    stamps = stamp_texts(str(drawn))
    assert [(s.text, s.field) for s in stamps[1]] == [("2402", "outline1")]
    words, width, _ = page_one_words(drawn)
    assert not any(w["text"] == "2402" for w in words)  # paths, not text
    _, header = header_from(merge_stamps(words, stamps[1]), width)
    assert header.number == "2402/BC-UBND"


# A made-up outline: move, lines and a bezier (type 0 line, 1 bezier, 2 move).
GLYPH = [(2, 0.0, 0.0), (0, 0.5, 0.0), (0, 0.5, 0.7), (1, 0.45, 0.8), (1, 0.3, 0.9), (1, 0.2, 1.0), (0, 0.0, 0.6),
         (0, 0.1, 0.5), (0, 0.3, 0.55), (0, 0.35, 0.2), (0, 0.1, 0.25), (0, 0.05, 0.1), (0, 0.0, 0.0)]


def _map(points, scale=10.0, shear=0.0, dx=100.0, dy=700.0, mirror=False, swap=False):
    out = []
    for t, x, y in points:
        x = -x if mirror else x
        x, y = (y, x) if swap else (x, y)
        out.append((t, dx + scale * (x + shear * y), dy + scale * y))
    return out


@pytest.mark.parametrize("path, fits", [
    (_map(GLYPH), True),  # scaled and moved
    (_map(GLYPH, shear=0.21), True),  # synthetic italic
    (_map(GLYPH, scale=30.0, dx=0, dy=0), True),
    (_map(GLYPH, mirror=True), False),  # mirrored: another shape
    (_map(GLYPH, swap=True), False),  # turned on its side
    ([(t, x, y + (3.0 if i == 4 else 0)) for i, (t, x, y) in enumerate(_map(GLYPH))], False),  # one point moved
    ([(0 if t == 1 else t, x, y) for t, x, y in _map(GLYPH)], False),  # lines where the glyph has curves
    (_map(GLYPH[:-1]), False),  # a segment short
])
def test_outline_fit(path, fits):
    err = fit_error(GLYPH, path)
    assert (err is not None and err < 0.03) == fits


def test_read_digit_picks_the_matching_template():
    other = [(t, 1 - x, y) for t, x, y in GLYPH]  # same segments, mirrored shape
    templates = {len(GLYPH): [("7", other), ("4", GLYPH)]}
    assert read_digit(_map(GLYPH, shear=0.2), templates) == "4"
    assert read_digit(_map(GLYPH[:-1]), templates) is None


# ------------------------------------------------------------------ merge_stamps on word dicts


def W(text, x0, x1, top=100.0, bottom=113.0):
    return dict(text=text, x0=x0, x1=x1, top=top, bottom=bottom)


NUMBER_LINE = [W("Số:", 120, 137), W("/BC-UBND", 170, 232)]
DATE_LINE = [W("Lâm", 300, 322), W("Đồng,", 325, 355), W("ngày", 358, 383), W("tháng", 405, 434),
             W("12", 437, 450), W("năm", 453, 476), W("2025", 479, 505)]
NEXT_LINE = [W("BÁO", 250, 280, 150, 163), W("CÁO", 283, 313, 150, 163)]
PAGE = NUMBER_LINE + DATE_LINE + NEXT_LINE


@pytest.mark.parametrize("stamps, expected", [
    # the number joins the symbol, the day fills its blank
    ([Stamp("517", 140, 159.5, 101.3, 111.5, "S3"), Stamp("19", 385, 401, 100.5, 111.5, "S4")],
     ["Số: 517/BC-UBND Lâm Đồng, ngày 19 tháng 12 năm 2025", "BÁO CÁO"]),
    # glyph boxes 2.5 pt off the line's top still join the line
    ([Stamp("1130", 140, 160, 102.5, 110, "S3")],
     ["Số: 1130/BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    # a number far before the symbol still joins it (the blank is the stamp's room)
    ([Stamp("7", 139, 144, 101, 111, "S3")], ["Số: 7/BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    # a stamp over printed words is an overlay, not a fill-in
    ([Stamp("517", 171, 200, 101, 111, "S3")], ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    # a stamp on no text line (margin, signature box) is not page text
    ([Stamp("Ký", 300, 315, 20, 30, "S1"), Stamp("bởi:", 317, 335, 20, 30, "S1")],
     ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    # a multi-line signature box whose lines sit in gaps of two text lines: left out whole
    ([Stamp("Ký", 30, 45, 101, 111, "S1"), Stamp("bởi", 30, 45, 151, 161, "S1")],
     ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    # a number printed above its blank (a signing tool's raised stamp) fills it; a word or a number raised over the
    # words' own spacing, or raised more than a line, does not
    ([Stamp("517", 140, 159.5, 89, 99, "S3")], ["Số: 517/BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    ([Stamp("Mật", 140, 159.5, 89, 99, "S3")], ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    ([Stamp("7", 475.6, 479.4, 89, 99, "S3")], ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    ([Stamp("517", 140, 159.5, 70, 80, "S3")], ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
    # no stamps: the words as they were
    ([], ["Số: /BC-UBND Lâm Đồng, ngày tháng 12 năm 2025", "BÁO CÁO"]),
])
def test_merge_stamps(stamps, expected):
    merged = merge_stamps(PAGE, stamps)
    assert [line.text for line in group_lines(merged)] == expected


def test_merge_stamps_does_not_change_its_input():
    words = [dict(w) for w in PAGE]
    merge_stamps(words, [Stamp("517", 140, 159.5, 101.3, 111.5, "S3")])
    assert words == PAGE


def test_merged_stamp_takes_the_line_box():
    merged = merge_stamps(PAGE, [Stamp("19", 385, 401, 102.5, 110.0, "S4")])
    day = next(w for w in merged if w["text"] == "19")
    assert (day["top"], day["bottom"], day["x0"], day["x1"]) == (100.0, 113.0, 385, 401)


# ------------------------------------------------------------------ signature helpers


@pytest.mark.parametrize("raw, iso", [
    ("D:20251219151036+07'00'", "2025-12-19T15:10:36+07:00"),
    ("D:20230721152555Z", "2023-07-21T15:25:55+00:00"),
    ("D:20201112", "2020-11-12"),
    ("D:20250904090322-05'30", "2025-09-04T09:03:22-05:30"),
    ("20251219", None),
    (None, None),
])
def test_pdf_date(raw, iso):
    assert pdf_date(raw) == iso


@pytest.mark.parametrize("subject, kind", [
    ({"cn": "Trần Hữu Nghĩa", "o": "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "ou": "SỞ NỘI VỤ"}, "person"),
    ({"cn": "SỞ NỘI VỤ", "o": "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "uid": ["MST:5800593196"]}, "organisation"),
    ({"cn": "Chính phủ", "o": "Chính phủ"}, "organisation"),
    ({"cn": "CÔNG BÁO NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "o": "VĂN PHÒNG CHÍNH PHỦ"}, "organisation"),
    ({"cn": "Hội đồng nhân dân Huyện Tuần Giáo", "o": "Tỉnh Điện Biên"}, "organisation"),
    ({"cn": "Lê Minh", "o": "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN"}, "person"),
])
def test_signer_kind(subject, kind):
    assert signer_kind(subject, None) == kind


def test_ingest_keeps_the_signature_in_meta(signed_pdf, blank_pdf):
    from ingest import ingest_file

    doc = ingest_file(signed_pdf)
    assert doc.error is None
    assert doc.meta["signature"]["signer"] == "Nguyễn Văn An"
    assert doc.meta["signature"]["sealed_at"] == "2024-12-19T10:15:00+07:00"
    assert "signature" not in ingest_file(blank_pdf).meta


# ------------------------------------------------------------------ classes of stamp: annotation appearances
#
# The number and the day a signing tool prints are the text of an annotation's appearance stream: a /Sig widget
# whose appearance is Adobe's layered form (n0 "DSBlank" + n2 text), a /FreeText or a /Stamp annotation.  Two
# ways they were missed: pdfium sorts flattened glyphs on the baseline of a line of the page into that line
# (they are not all after the page's own text), and tools print the number raised above (or below) the blank.
# The page below is drawn header last (as templating tools do), so the Số line is the last line pdfium reads.

HEADER_LAST = [  # (x, baseline in PDF space, text): body first, header last
    (150, 640, "BÁO CÁO"), (110, 622, "Tình hình thu gom rác thải sinh hoạt quý III năm 2031"),
    (85, 590, "Trong quý, Ủy ban nhân dân xã đã tổ chức thu gom rác tại 12 thôn."),
    (85, 572, "Tỷ lệ hộ gia đình phân loại rác tại nguồn đạt 64%."),
    (100, 780, "ỦY BAN NHÂN DÂN"), (115, 765, "XÃ AN PHÚ"),
    (300, 780, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), (335, 765, "Độc lập - Tự do - Hạnh phúc"),
    (100, 735, "Số:"), (150, 735, "/BC-UBND"), (320, 735, "An Phú, ngày"), (420, 735, "tháng 9 năm 2031"),
]
HEADER_BASELINE = 735.0  # the Số line's baseline (PDF space)
HEADER_SIZE = 13.0


def header_last_pdf(path: Path) -> Path:
    """A page we compose, drawn header last, the number and the day left blank."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "StampSerif" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("StampSerif", str(build.find_fonts()["Regular"])))
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    c.setFont("StampSerif", HEADER_SIZE)
    for x, y, text in HEADER_LAST:
        c.drawString(x, y, text)
    c.save()
    return path


@dataclass(frozen=True)
class Mark:
    """An annotation printing ``text`` (Helvetica ``size`` pt) at ``x`` with its baseline ``rise`` pt above the Số
    line's (negative: below).  kind: "sig" a /Sig widget with the layered appearance signing tools write,
    "freetext" or "stamp" an annotation of that subtype."""

    text: str
    x: float
    rise: float = 0.0
    kind: str = "sig"
    size: float = HEADER_SIZE


def stamp_like(pdf_path: Path, out_path: Path, marks: list[Mark]) -> Path:
    """``pdf_path`` with an incremental update adding ``marks`` to page 1 (a signing tool's update)."""
    data = pdf_path.read_bytes()
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    root = int(re.findall(rb"/Root (\d+) 0 R", data)[-1])
    page = int(re.search(rb"/Kids \[\s*(\d+) 0 R", data).group(1))
    font, n = size, size + 1
    objects = {font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    annots, fields = [], []

    def form(w: float, h: float, resources: bytes, content: bytes) -> bytes:
        return (b"<< /Type /XObject /Subtype /Form /BBox [0 0 %.2f %.2f] /Resources %s /Length %d >>\nstream\n%s\n"
                b"endstream" % (w, h, resources, len(content), content))

    for k, mark in enumerate(marks, start=1):
        w, h, descent = 0.6 * mark.size * len(mark.text) + 4, mark.size + 6, 4.0
        x, y = mark.x, HEADER_BASELINE + mark.rise - descent  # the text's baseline is the rect's bottom + descent
        text = b"BT /F1 %.1f Tf 1 0 0 1 1 %.1f Tm (%s) Tj ET" % (mark.size, descent, mark.text.encode())
        objects[n] = form(w, h, b"<< >>", b"% DSBlank")  # n0: the blank background layer
        objects[n + 1] = form(w, h, b"<< /Font << /F1 %d 0 R >> >>" % font, text)  # n2: the text layer
        objects[n + 2] = form(w, h, b"<< /XObject << /n0 %d 0 R /n2 %d 0 R >> >>" % (n, n + 1),
                              b"q /n0 Do Q q /n2 Do Q")  # FRM
        objects[n + 3] = form(w, h, b"<< /XObject << /FRM %d 0 R >> >>" % (n + 2), b"q /FRM Do Q")
        rect = b"/Rect [%.2f %.2f %.2f %.2f] /P %d 0 R /AP << /N %d 0 R >>" % (x, y, x + w, y + h, page, n + 3)
        if mark.kind == "sig":
            contents = make_pkcs7("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "ỦY BAN NHÂN DÂN XÃ AN PHÚ").hex().encode()
            objects[n + 4] = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
                              b"/M (D:20310930101500+07'00') /ByteRange [0 0 0 0] /Contents <%s> >>" % contents)
            objects[n + 5] = (b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /F 132 /V %d 0 R %s >>"
                              % (k, n + 4, rect))
            fields.append(n + 5)
        else:
            subtype = {"freetext": b"/FreeText /DA (/Helv 13 Tf 0 g)", "stamp": b"/Stamp /Name /Approved"}[mark.kind]
            objects[n + 5] = b"<< /Type /Annot /Subtype %s /F 4 /Contents (%s) %s >>" % (subtype, mark.text.encode(),
                                                                                        rect)
        annots.append(n + 5)
        n += 6
    refs = b" ".join(b"%d 0 R" % a for a in annots)
    objects[page] = object_body(data, page)[:-2].rstrip() + b"\n/Annots [ %s ] >>" % refs
    if fields:
        form_refs = b" ".join(b"%d 0 R" % f for f in fields)
        objects[root] = (object_body(data, root)[:-2].rstrip()
                         + b"\n/AcroForm << /Fields [ %s ] /SigFlags 3 >> >>" % form_refs)
    out_path.write_bytes(append_update(data, objects))
    return out_path


@pytest.fixture(scope="module")
def header_last(tmp_path_factory) -> Path:
    return header_last_pdf(tmp_path_factory.mktemp("stamps") / "bc-header-last.pdf")


NUMBER_X, DAY_X = 124.0, 396.0  # inside the blanks "Số: ___ /BC-UBND" and "ngày ___ tháng"
LINE = HEADER_SIZE + 2  # about one line's height


@pytest.mark.parametrize("marks, number, issued_on", [
    # on the Số line's baseline: pdfium sorts the glyphs into the page's last line
    ([Mark("36", NUMBER_X), Mark("28", DAY_X)], "36/BC-UBND", "2031-09-28"),
    ([Mark("36", NUMBER_X, kind="freetext"), Mark("28", DAY_X, kind="stamp")], "36/BC-UBND", "2031-09-28"),
    # raised above the blank (about 0.7 of a line, as a signing tool prints it), or printed a little below
    ([Mark("30517", NUMBER_X - 4, rise=0.7 * LINE), Mark("28", DAY_X)], "30517/BC-UBND", "2031-09-28"),
    ([Mark("30517", NUMBER_X - 4, rise=-0.6 * LINE, kind="freetext")], "30517/BC-UBND", None),
    # near-misses: a number more than a line below the blank, a number raised over "Số:", a word raised over the
    # blank, a number at the end of a body line, a number raised right of the date: none is the header number
    ([Mark("4711", NUMBER_X, rise=-1.6 * LINE)], None, None),
    ([Mark("4711", 104, rise=0.7 * LINE)], None, None),
    ([Mark("KHAN", NUMBER_X - 4, rise=0.7 * LINE, kind="stamp")], None, None),
    ([Mark("4711", 480, rise=590 - HEADER_BASELINE, kind="stamp")], None, None),
    ([Mark("4711", 520, rise=0.7 * LINE, kind="freetext")], None, None),
])
def test_annotation_stamps_fill_the_header(header_last, tmp_path, marks, number, issued_on):
    stamped = stamp_like(header_last, tmp_path / "stamped.pdf", marks)
    words, width, _ = page_one_words(stamped)
    text, header = header_from(merge_stamps(words, stamp_texts(str(stamped)).get(1, [])), width)
    assert (header.number, header.symbol, header.issued_on) == (number, "BC-UBND", issued_on), text


def test_stamped_digits_are_told_apart_from_the_page_text(header_last, tmp_path):
    """The stamp's chars, not the page's last chars, when pdfium sorts them into the Số line."""
    stamped = stamp_like(header_last, tmp_path / "stamped.pdf", [Mark("36", NUMBER_X), Mark("28", DAY_X)])
    assert sorted((s.text, s.field) for s in stamp_texts(str(stamped))[1]) == [("28", "Signature2"),
                                                                               ("36", "Signature1")]


def test_blank_header_page_reads_no_number(header_last):
    words, width, _ = page_one_words(header_last)
    text, header = header_from(words, width)
    assert (header.number, header.symbol, header.issued_on) == (None, "BC-UBND", None), text
    assert stamp_texts(str(header_last)) == {}
