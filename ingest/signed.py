"""Digitally signed PDFs (ký số: SmartCA, VGCA, …): the text that only the
signature stamp prints, and who signed.

When a văn thư issues a signed document, the signing tool stamps the number
and the day into the blanks of "Số:      /BC-UBND" and "ngày    tháng 12 năm
2025" as the appearance of a signature form field (a widget annotation).
That text is not in the page's content stream, so the text layer reads
"Số: /BC-UBND".  Here:

- ``stamp_texts(path)`` flattens the annotation appearances of each page with
  pypdfium2 (what a viewer draws) and returns the words they print, with
  boxes in pdfplumber coordinates;
- ``merge_stamps(words, stamps)`` (pure) puts the stamped words that fill a
  blank of a text line onto that line, so ``ingest.layout.layout_page``
  reads "Số: 517/BC-UBND" and "ngày 08 tháng 10 năm 2031" (a number the
  tool printed raised above its blank, or below it, too);
- ``signature_info(path)`` reads the signature dictionaries (/Sig fields:
  /Name, /M, /Reason, /Location, /ContactInfo) and the signer certificate's
  subject from the PKCS#7 in /Contents.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.marks import Stamp, plumber_box
from rasoat.vntext import nfc, unify

Word = dict

# Annotation subtypes whose appearance is not page content a reader reads.
_SKIP_SUBTYPES = {2, 16}  # Link, Popup
LINE_TOLERANCE = 3.0  # points; as ingest.layout.LINE_TOLERANCE
MAX_COVER = 0.3  # a stamp covering more than this share of a word is an overlay, not a fill-in
MAX_DRIFT = 1.0  # a stamped number this many line heights above or below a line may fill its blank
MIN_BLANK_SHARE = 0.5  # ... when the line leaves a blank at least this share of the number's width
MIN_BLANK_LINES = 0.8  # ... and this many line heights (a word space is about a quarter of one)
# A stamped number or day off its line: digits only ("30517", "05").
_STAMPED_NUMBER = re.compile(r"\d{1,7}")
BOX_DIGITS = 1  # decimals of a char box compared before and after flattening (the same glyph keeps its box)


# ---------------------------------------------------------------- stamps


def _annotations(page) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(name, rect) of the annotations of a pypdfium2 page that carry an
    appearance a reader sees (widgets, free text, stamps; not links)."""
    import pypdfium2.raw as raw

    out = []
    for k in range(raw.FPDFPage_GetAnnotCount(page.raw)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        try:
            if raw.FPDFAnnot_GetSubtype(annot) in _SKIP_SUBTYPES or not raw.FPDFAnnot_HasKey(annot, b"AP"):
                continue
            rect = raw.FS_RECTF()
            if not raw.FPDFAnnot_GetRect(annot, rect):
                continue
            out.append((_annot_name(annot) or f"annot{k}", (rect.left, rect.bottom, rect.right, rect.top)))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def _annot_name(annot) -> str:
    import ctypes

    import pypdfium2.raw as raw

    size = raw.FPDFAnnot_GetStringValue(annot, b"T", None, 0)
    if size <= 2:
        return ""
    buf = (ctypes.c_ushort * (size // 2))()
    raw.FPDFAnnot_GetStringValue(annot, b"T", buf, size)
    return bytes(buf).decode("utf-16-le").rstrip("\x00")


def _owner(x: float, y: float, annots: list[tuple[str, tuple]]) -> str:
    """The annotation whose rect holds the point (1 pt slack), else ""."""
    for name, (left, bottom, right, top) in annots:
        if min(left, right) - 1 <= x <= max(left, right) + 1 and min(bottom, top) - 1 <= y <= max(bottom, top) + 1:
            return name
    return ""


def _page_chars(textpage) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(char, loose box (left, bottom, right, top) in PDF space) of every
    char of a pdfium text page; a space (box 0) for whitespace and the
    separators pdfium generates.  Raw calls: the page is read twice."""
    import pypdfium2.raw as raw

    out = []
    rect = raw.FS_RECTF()
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        ch = chr(code) if code else " "
        if ch.isspace() or raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
            out.append((" ", (0, 0, 0, 0)))
            continue
        raw.FPDFText_GetLooseCharBox(textpage.raw, i, rect)
        out.append((ch, (rect.left, rect.bottom, rect.right, rect.top)))
    return out


def _char_key(ch: str, box: tuple[float, float, float, float]) -> tuple:
    return ch, *(round(v, BOX_DIGITS) for v in box)


def _stamped_chars(before, after, annots) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """(char, box in PDF space, owner) of the chars of the flattened page
    (``after``) that its own text (``before``) lacks; a space for the others.
    pdfium does not always append the appearances' chars after the page's:
    those on the baseline of a line of the page are sorted into that line
    ("ngày 02 tháng"), so the chars are told apart by text and box, not by
    their index."""
    left = Counter(_char_key(ch, box) for ch, box in before if ch != " ")
    out = []
    for ch, box in after:
        key = _char_key(ch, box)
        own = ch != " " and left[key] > 0  # one of the page's own chars
        if own:
            left[key] -= 1
        if ch == " " or own:
            out.append((" ", (0, 0, 0, 0), ""))
            continue
        left_x, bottom, right, top = box
        out.append((ch, box, _owner((left_x + right) / 2, (bottom + top) / 2, annots)))
    return out


def _words(chars) -> list[tuple[str, tuple[float, float, float, float], str]]:
    """Group chars into words: split at spaces, at a change of annotation,
    at a jump to another line and at a gap wider than half the char height."""
    words: list[list] = []
    prev = None
    for ch, box, owner in chars:
        if ch == " ":
            prev = None
            continue
        if prev is not None:
            pbox, powner = prev
            height = max(box[3] - box[1], pbox[3] - pbox[1], 1.0)
            same_line = abs((box[1] + box[3]) / 2 - (pbox[1] + pbox[3]) / 2) < height / 2
            if owner == powner and same_line and box[0] - pbox[2] < height / 2:
                w = words[-1]
                w[0] += ch
                w[1] = (min(w[1][0], box[0]), min(w[1][1], box[1]), max(w[1][2], box[2]), max(w[1][3], box[3]))
                prev = (box, owner)
                continue
        words.append([ch, box, owner])
        prev = (box, owner)
    return [(t, b, o) for t, b, o in words]


def _appearance_stamps(pdf, index: int, annots) -> list[Stamp]:
    """Flatten the annotation appearances of page ``index`` (in memory; the
    file is not written) and read the words they add to the page's own text."""
    import pypdfium2.raw as raw

    page = pdf[index]
    before = _page_chars(page.get_textpage())
    raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY)
    page.close()
    page = pdf[index]  # reload: the appearances are now page content
    mediabox, rotation = page.get_mediabox(), page.get_rotation()
    stamps = []
    for text, box, owner in _words(_stamped_chars(before, _page_chars(page.get_textpage()), annots)):
        x0, x1, top, bottom = plumber_box(box, mediabox, rotation)
        stamps.append(Stamp(nfc(text), round(x0, 2), round(x1, 2), round(top, 2), round(bottom, 2), owner))
    page.close()
    return stamps


def page_stamps(pdf, index: int) -> list[Stamp]:
    """``stamp_texts`` for page ``index`` (0-based) of an open pypdfium2
    document.  It flattens that page's annotations in the document (in
    memory): read the page's own words before, or they will hold the stamps."""
    page = pdf[index]
    try:
        outlined, annots = loaded_page_marks(page)
    finally:
        page.close()
    return appearance_stamps(pdf, index, outlined, annots)


def loaded_page_marks(page) -> tuple[list[Stamp], list]:
    """What a loaded page shows beyond its text layer, read from the page itself: the digits drawn
    as outlines, and the annotations whose appearances must be flattened (``appearance_stamps``)."""
    from ingest.outlines import page_outline_digits

    return page_outline_digits(page), _annotations(page)


def appearance_stamps(pdf, index: int, outlined: list[Stamp], annots: list) -> list[Stamp]:
    """The outlined digits and the words of the annotations' appearances (the page is flattened in
    memory, through a handle of its own: close the page's other handles first)."""
    return outlined + _appearance_stamps(pdf, index, annots) if annots else outlined


def stamp_texts(path: str) -> dict[int, list[Stamp]]:
    """Page number (1-based) → the words a viewer shows on that page that
    its text layer lacks: those printed by annotation appearances (signature
    stamps, filled form fields; ``Stamp.field`` names the annotation) and
    digits drawn as glyph outlines (``ingest.outlines``; field "outlineN").
    Pages without such words are absent; an unreadable file gives {}.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return {}
    out: dict[int, list[Stamp]] = {}
    try:
        for i in range(len(pdf)):
            stamps = page_stamps(pdf, i)
            if stamps:
                out[i + 1] = stamps
    finally:
        pdf.close()
    return out


# ---------------------------------------------------------------- merge


def _middle(w) -> float:
    return (w["top"] + w["bottom"]) / 2


def _covers(stamp: Stamp, line: list[Word]) -> bool:
    """Whether the stamp prints over a word of the line (an overlay, not a blank filled in)."""
    for w in line:
        cover = min(w["x1"], stamp.x1) - max(w["x0"], stamp.x0)
        if cover > MAX_COVER * min(w["x1"] - w["x0"], stamp.x1 - stamp.x0):
            return True
    return False


def _anchor(stamp: Stamp, words: list[Word]) -> Word | None:
    """The page word on the text line the stamp sits on, nearest to it; None
    when the stamp is on no line or covers a word (an overlay, not a blank).
    A number off every line may still fill a blank of the line next to it
    (``_off_line_anchor``)."""
    cy = (stamp.top + stamp.bottom) / 2
    on = [w for w in words if w["top"] - 1 <= cy <= w["bottom"] + 1]
    if not on:
        return _off_line_anchor(stamp, words)
    nearest_y = min(on, key=lambda w: abs(_middle(w) - cy))
    line = [w for w in on if abs(w["top"] - nearest_y["top"]) <= LINE_TOLERANCE]
    if _covers(stamp, line):
        return None
    return min(line, key=lambda w: max(w["x0"] - stamp.x1, stamp.x0 - w["x1"], 0))


def _off_line_anchor(stamp: Stamp, words: list[Word]) -> Word | None:
    """The word left of the blank a stamped number fills when the signing
    tool printed it above or below its line (a raised "30517" over the blank
    of "Số:        /BNV-CCHC"): the nearest line, less than ``MAX_DRIFT`` of
    its height away, must have a word before and a word after the stamp's
    middle, with a blank between them (``MIN_BLANK_SHARE`` of the stamp's
    width, ``MIN_BLANK_LINES`` of the line's height) the stamp does not print
    over.  Only numbers: a stamp
    of words off a line is a signature box or a mark, not a fill-in."""
    if not _STAMPED_NUMBER.fullmatch(stamp.text):
        return None
    cy, cx = (stamp.top + stamp.bottom) / 2, (stamp.x0 + stamp.x1) / 2
    near = [w for w in words if abs(_middle(w) - cy) <= MAX_DRIFT * (w["bottom"] - w["top"])]
    if not near:
        return None
    nearest_y = min(near, key=lambda w: abs(_middle(w) - cy))
    line = [w for w in words if abs(w["top"] - nearest_y["top"]) <= LINE_TOLERANCE]
    before = max((w for w in line if w["x1"] <= cx), key=lambda w: w["x1"], default=None)
    after = min((w for w in line if w["x0"] >= cx), key=lambda w: w["x0"], default=None)
    if before is None or after is None or _covers(stamp, line):
        return None
    blank = max(MIN_BLANK_SHARE * (stamp.x1 - stamp.x0), MIN_BLANK_LINES * (before["bottom"] - before["top"]))
    if after["x0"] - before["x1"] < blank:
        return None  # the words' own spacing, not a blank left for a number
    return before


def _fill_ins(words: list[Word], stamps: list[Stamp]) -> list[Word]:
    """Stamp words placed on their line.  An annotation's words are taken
    only when all of them fill blanks of one single line: a multi-line
    signature box ("Ký bởi: … / Thời gian ký: …") is not page text."""
    by_field: dict[str, list[Stamp]] = {}
    for s in stamps:
        by_field.setdefault(s.field, []).append(s)
    placed: list[Word] = []
    for group in by_field.values():
        anchors = [_anchor(s, words) for s in group]
        if any(a is None for a in anchors):
            continue
        if max(a["top"] for a in anchors) - min(a["top"] for a in anchors) > LINE_TOLERANCE:
            continue  # more than one line
        placed += [dict(text=s.text, x0=s.x0, x1=s.x1, top=a["top"], bottom=a["bottom"], stamp=True)
                   for s, a in zip(group, anchors, strict=True)]
    return placed


def _joins(stamp: Word, nxt: Word) -> bool:
    return not nxt.get("stamp") and nxt["text"].startswith("/") and bool(re.fullmatch(r"\w+", stamp["text"]))


def _join_symbol(placed: list[Word], words: list[Word]) -> tuple[list[Word], list[Word]]:
    """A stamped number right before "/BC-UBND" on its line becomes one word
    "517/BC-UBND" (the blank between them is the stamp's room, not a space)."""
    used: set[int] = set()
    joined = []
    for s in placed:
        same_line = [w for w in words + placed if abs(w["top"] - s["top"]) <= LINE_TOLERANCE]
        nxt = min((w for w in same_line if w is not s and w["x0"] > s["x0"]), key=lambda w: w["x0"], default=None)
        if nxt is not None and _joins(s, nxt) and id(nxt) not in used:
            used.add(id(nxt))
            s = dict(nxt, text=s["text"] + nxt["text"], x0=s["x0"], stamp=True)
        joined.append(s)
    return joined, [w for w in words if id(w) not in used]


def merge_stamps(words: list[Word], stamps: list[Stamp]) -> list[Word]:
    """Page words with the stamped words that fill blanks of its text lines
    added at their place (top/bottom taken from the line, so that
    ``layout_page`` groups them with it).  Pure; ``words`` is not changed."""
    placed = _fill_ins(words, stamps)
    if not placed:
        return list(words)
    placed, rest = _join_symbol(placed, words)
    return rest + placed


# ---------------------------------------------------------------- signatures

_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?")


def pdf_date(value: str | None) -> str | None:
    """"D:20251219151036+07'00'" → "2025-12-19T15:10:36+07:00" (None if unreadable)."""
    m = _PDF_DATE.match(value or "")
    if not m:
        return None
    y, mo, d, h, mi, s, z, sign, th, tm = m.groups()
    text = f"{y}-{mo or '01'}-{d or '01'}"
    if h:
        text += f"T{h}:{mi or '00'}:{s or '00'}"
        if z:
            text += "+00:00"
        elif sign:
            text += f"{sign}{th}:{tm or '00'}"
    return text


def pdf_text(value) -> str | None:
    """A PDF text string (bytes: UTF-16BE with BOM, UTF-8 with BOM, or
    PDFDocEncoding) as NFC text; None when empty."""
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        if value.startswith(b"\xfe\xff"):
            value = value[2:].decode("utf-16-be", "replace")
        elif value.startswith(b"\xef\xbb\xbf"):
            value = value[3:].decode("utf-8", "replace")
        else:
            value = decode_text(value)
    if not isinstance(value, str):
        return None
    value = nfc(value).strip().strip("\x00")
    return value or None


def _der(blob: bytes) -> bytes:
    """The DER object at the start of ``blob`` (/Contents is zero-padded)."""
    if len(blob) < 2 or blob[0] != 0x30:
        return blob
    n = blob[1]
    if n < 0x80:
        return blob[: 2 + n]
    k = n & 0x7F
    return blob[: 2 + k + int.from_bytes(blob[2 : 2 + k], "big")]


def certificate_subject(contents: bytes) -> dict[str, object]:
    """Subject of the signer certificate in a PKCS#7/CAdES /Contents: cn, o,
    ou, l, email, uid (list).  {} when it cannot be read."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import pkcs7
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        certs = pkcs7.load_der_pkcs7_certificates(_der(contents))
    except Exception:  # not PKCS#7, or cryptography missing: no subject
        return {}

    def is_end_entity(cert) -> bool:
        try:
            if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
                return False
        except x509.ExtensionNotFound:
            pass
        try:
            usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except x509.ExtensionNotFound:
            return True
        return ExtendedKeyUsageOID.TIME_STAMPING not in usage

    cert = next((c for c in certs if is_end_entity(c)), None)
    if cert is None:
        return {}
    names = {"cn": NameOID.COMMON_NAME, "o": NameOID.ORGANIZATION_NAME, "ou": NameOID.ORGANIZATIONAL_UNIT_NAME,
             "l": NameOID.LOCALITY_NAME, "email": NameOID.EMAIL_ADDRESS}
    subject: dict[str, object] = {}
    for key, oid in names.items():
        attrs = cert.subject.get_attributes_for_oid(oid)
        if attrs:
            subject[key] = nfc(str(attrs[0].value))
    uids = [str(a.value) for a in cert.subject.get_attributes_for_oid(NameOID.USER_ID)]
    if uids:
        subject["uid"] = uids
    return subject


_ORG_WORDS = re.compile(
    r"^(ỦY BAN|UBND|UBMTTQ|HỘI ĐỒNG|HỘI|SỞ|BỘ|BỘ CHỈ HUY|CHÍNH PHỦ|THỦ TƯỚNG|QUỐC HỘI|VĂN PHÒNG|CÔNG BÁO|"
    r"CỔNG THÔNG TIN|TRUNG TÂM|TỔNG CỤC|CỤC|VỤ|BAN|PHÒNG|THANH TRA|KHO BẠC|TỈNH ỦY|THÀNH ỦY|HUYỆN ỦY|ĐẢNG ỦY|"
    r"CÔNG TY|TRƯỜNG|BỆNH VIỆN|VIỆN|TÒA ÁN|CÔNG AN|MẶT TRẬN|ĐOÀN THANH NIÊN|ĐOÀN ĐẠI BIỂU|LIÊN ĐOÀN)\b"
)  # first words of a body's name ("Đoàn" alone is a family name)


def signer_kind(subject: dict[str, object], name: str | None) -> str:
    """"organisation" for a body's certificate (the seal a văn thư signs
    the issued copy with: CN equal to O or OU, a tax/budget code UID, or a
    CN naming a body), else "person"."""
    cn = unify(str(subject.get("cn") or name or "")).upper().strip()
    if not cn:
        return "person"
    if any(str(u).upper().startswith(("MST:", "MNS:")) for u in subject.get("uid", [])):
        return "organisation"
    if cn in {unify(str(subject.get(k, ""))).upper().strip() for k in ("o", "ou")}:
        return "organisation"
    return "organisation" if _ORG_WORDS.match(cn) else "person"


def _sig_fields(path: str) -> list[tuple[str, dict]]:
    """(field name, signature dictionary) of each signed /Sig field, in
    field order; [] when the file has none or cannot be read."""
    if not _has_signatures(path):
        return []  # pdfium counts them in a blink; pdfminer would parse the cross-reference tables first
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import LIT

    out: list[tuple[str, dict]] = []
    seen: set[int] = set()

    def walk(fields, inherited_ft, depth: int) -> None:
        for ref in resolve1(fields) or []:
            key = getattr(ref, "objid", None)
            if key is not None and key in seen or depth > 8:
                continue
            seen.add(key)
            field = resolve1(ref)
            if not isinstance(field, dict):
                continue
            ft = resolve1(field.get("FT")) or inherited_ft
            value = resolve1(field.get("V"))
            if ft == LIT("Sig") and isinstance(value, dict):
                out.append((pdf_text(resolve1(field.get("T"))) or "", value))
            if "Kids" in field:
                walk(field["Kids"], ft, depth + 1)

    try:
        with open(path, "rb") as f:
            doc = PDFDocument(PDFParser(f))
            form = resolve1(doc.catalog.get("AcroForm"))
            if isinstance(form, dict):
                walk(form.get("Fields"), None, 0)
                out = [(name, {k: resolve1(v) for k, v in sig.items()}) for name, sig in out]
    except Exception:  # damaged or encrypted: no signature information
        return []
    return out


def _has_signatures(path: str) -> bool:
    """Whether pdfium finds a signature dictionary in the file (True when it cannot tell)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError:
        return True  # let pdfminer try, and fail, as before
    try:
        return raw.FPDF_GetSignatureCount(pdf.raw) != 0
    finally:
        pdf.close()


def _lookup(d, *keys):
    """d[k1][k2]… through indirect references; None when a key is missing."""
    from pdfminer.pdftypes import resolve1

    for key in keys:
        d = resolve1(d)
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return resolve1(d)


def _one_signature(field: str, sig: dict) -> dict:
    contents = sig.get("Contents")
    subject = certificate_subject(contents) if isinstance(contents, bytes) else {}
    name = pdf_text(sig.get("Name"))
    app = _lookup(sig, "Prop_Build", "App", "Name")
    record = {
        "field": field or None,
        "name": subject.get("cn") or name,
        "signed_at": pdf_date(pdf_text(sig.get("M"))),
        "reason": pdf_text(sig.get("Reason")),
        "location": pdf_text(sig.get("Location")),
        "contact": pdf_text(sig.get("ContactInfo")),
        "app": pdf_text(app),
        "subfilter": pdf_text(sig.get("SubFilter")),
        "certificate": subject or None,
        "kind": signer_kind(subject, name),
    }
    return {k: v for k, v in record.items() if v}


def signature_info(path: str) -> dict:
    """Who signed the PDF and when: {} when it carries no signature.

    ``signatures`` lists every signature (name from the certificate CN or
    /Name, ``signed_at`` ISO from /M, reason, location, contact, signing
    app, certificate subject, kind person/organisation).  ``signer`` and
    ``signed_at`` are the last personal signature's (the leader who signs);
    ``organisation`` and ``sealed_at`` the last organisation signature's
    (the issuing body's certificate a văn thư applies when the number and
    the day are stamped).  Reason/location/contact come from the signer's
    signature when present.
    """
    sigs = []
    for name, sig in _sig_fields(str(path)):
        try:
            sigs.append(_one_signature(name, sig))
        except Exception:  # an odd signature dictionary must not stop the ingest of the document
            continue
    if not sigs:
        return {}
    info: dict = {"signatures": sigs}
    people = sorted((s for s in sigs if s["kind"] == "person"), key=lambda s: s.get("signed_at") or "")
    orgs = sorted((s for s in sigs if s["kind"] == "organisation"), key=lambda s: s.get("signed_at") or "")
    if people:
        info["signer"] = people[-1].get("name")
        info["signed_at"] = people[-1].get("signed_at")
        info.update({k: people[-1][k] for k in ("reason", "location", "contact") if k in people[-1]})
    if orgs:
        info["organisation"] = orgs[-1].get("name")
        info["sealed_at"] = orgs[-1].get("signed_at")
        if not people:
            info["signed_at"] = orgs[-1].get("signed_at")
    return {k: v for k, v in info.items() if v}
