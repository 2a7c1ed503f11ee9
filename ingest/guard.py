"""Per-file limits (``rasoat.limits``) checked before a library is given the file, or as it reads.

A file over a limit raises ``LimitExceeded`` (Vietnamese message); ``ingest_file`` records it as the file's
error.  What is checked, and when:

* bytes on disk: before anything is read (``check_file_bytes``);
* a PDF's streams, decompressed: before pdfium or pdfplumber opens it (``check_pdf_streams``).  Both
  libraries inflate a whole stream in memory (a 4 KB stream that inflates to 2 GiB took 3.1 GB), so every
  stream of the file is inflated here first, in chunks, counting the bytes and keeping none: memory stays at
  a few MB and the count stops at the limit.  The filters measured: FlateDecode (any number of times),
  ASCIIHexDecode and ASCII85Decode before it, LZWDecode and RunLengthDecode; image codecs (DCT, JPX,
  JBIG2, CCITT) are not decompression of bytes and are left alone;
* a PDF's pages: counted through pdfium before the pages are read (``check_pdf_pages``), and again as
  pages come (a file only pdfplumber opens);
* characters: ``max_page_chars`` for each page of a PDF, ``max_document_chars`` for every file
  (``check_chars``); a text or Word file longer than ``max_page_chars`` is not refused but cut into pages
  that long at line ends (``ingest.cut_text``), so that every later stage (layout, extract, rules) works on
  pages of bounded size: a 100 MB text is 600 pages, not one page of 100 million characters;
* a page rendered for OCR: its pixels are computed from the page size before it is rendered
  (``ocr_dpi``): over the limit at the usual resolution, the page is rendered at the resolution that fits,
  down to ``MIN_OCR_DPI``; a page that does not fit even there (a poster of 200 × 200 inches) refuses the
  file, since its OCR would be unreadable and its image too large;
* a ``.docx``: the count of its zip entries and their unpacked size, from the zip's directory, before
  python-docx opens it (``check_docx_zip``).  python-docx reads through ``zipfile``, which never returns
  more than an entry's declared size, so the declared sizes are a true bound.
"""

from __future__ import annotations

import base64
import binascii
import math
import mmap
import os
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasoat.limits import LimitExceeded, Limits

# Lowest resolution a page is rendered at for OCR when the usual one would go over ``max_ocr_pixels``
# (dpi): below it Tesseract misses the diacritics of body text.
MIN_OCR_DPI = 100

INPUT_CHUNK = 64 * 1024  # bytes of a stream handed to a decoder at a time
OUTPUT_CHUNK = 1024 * 1024  # bytes a decoder may give back at a time (what is held in memory)
DICT_WINDOW = 16 * 1024  # bytes before "stream" searched for the stream's dictionary ("N 0 obj << … >>")
LZW_MAX_RATIO = 4096  # an LZW code (9 bits at least) gives at most this many bytes: smaller streams fit
RUN_LENGTH_MAX_RATIO = 64  # RunLengthDecode: 2 bytes give at most 128

# The keyword opening a stream's data, not the end of "endstream".
_STREAM_RE = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
# The /Filter entry of a dictionary: one name or an array of names.
_FILTER_RE = re.compile(rb"/Filter\s*(/[^\s/\[\]<>()]+|\[[^\]]*\])")
# A name of a filter in that entry.
_NAME_RE = re.compile(rb"/([^\s/\[\]<>()]+)")
# The /Length entry: a number, or a reference "N G R".
_LENGTH_RE = re.compile(rb"/Length\s+(\d+)(?:\s+(\d+)\s+R)?")
# A number object written at the top level: "N G obj 1234 endobj" (the target of an indirect /Length).
_NUMBER_OBJ_RE = re.compile(rb"(?<!\d)(\d++)\s++(\d++)\s++obj\s*+(\d++)\s*+endobj")  # possessive: linear
_ENDSTREAM = b"endstream"

# Filter names (and the abbreviations of inline images, which pdfium also accepts) → what they are.
FILTERS = {b"FlateDecode": "flate", b"Fl": "flate", b"ASCIIHexDecode": "hex", b"AHx": "hex",
           b"ASCII85Decode": "a85", b"A85": "a85", b"LZWDecode": "lzw", b"LZW": "lzw",
           b"RunLengthDecode": "rl", b"RL": "rl"}


def check_file_bytes(path: Path, limits: Limits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise LimitExceeded("max_file_bytes", size, limits.max_file_bytes)


def check_chars(count: int, limits: Limits, page: int | None = None) -> None:
    """``count`` characters of a page of a PDF (``page`` its number) or, without ``page``, of a document."""
    if page is not None and count > limits.max_page_chars:
        raise LimitExceeded("max_page_chars", count, limits.max_page_chars, where=f"trang {page}")
    if page is None and count > limits.max_document_chars:
        raise LimitExceeded("max_document_chars", count, limits.max_document_chars)


def check_pdf_pages(path: Path, limits: Limits) -> None:
    """The page count through pdfium (which reads the page tree only); a file pdfium cannot open is
    counted as its pages are read."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return
    try:
        check_page_number(len(pdf), limits)
    finally:
        pdf.close()


def check_page_number(count: int, limits: Limits) -> None:
    if count > limits.max_pages:
        raise LimitExceeded("max_pages", count, limits.max_pages)


def ocr_dpi(width_pt: float, height_pt: float, dpi: int, limits: Limits, page: int | None = None) -> int:
    """The resolution to render a page of ``width_pt`` × ``height_pt`` points at for OCR: ``dpi`` when
    the image fits ``max_ocr_pixels``, else the highest that fits, not below ``MIN_OCR_DPI``."""
    if render_pixels(width_pt, height_pt, dpi) <= limits.max_ocr_pixels:
        return dpi
    fit = math.floor(72 * math.sqrt(limits.max_ocr_pixels / max(width_pt * height_pt, 1e-9)))
    while fit >= MIN_OCR_DPI and render_pixels(width_pt, height_pt, fit) > limits.max_ocr_pixels:
        fit -= 1  # the rounding up of each side
    if fit < MIN_OCR_DPI:
        where = f"trang {page}, " if page else ""
        raise LimitExceeded("max_ocr_pixels", render_pixels(width_pt, height_pt, MIN_OCR_DPI), limits.max_ocr_pixels,
                            where=f"{where}{width_pt / 72:.0f} × {height_pt / 72:.0f} inch ở {MIN_OCR_DPI} dpi")
    return fit


def render_pixels(width_pt: float, height_pt: float, dpi: float) -> int:
    """Pixels of a page image rendered at ``dpi`` (each side rounded up)."""
    return math.ceil(width_pt * dpi / 72) * math.ceil(height_pt * dpi / 72)


# ------------------------------------------------------------------ .docx


def check_docx_zip(path: Path, limits: Limits) -> None:
    """Entries and unpacked bytes of a .docx, from the zip's directory (not a byte is unpacked).  The entry
    count is read from the end record first, so a directory of millions of entries is not loaded."""
    with path.open("rb") as f:
        end = zipfile._EndRecData(f)  # the end-of-directory record (zip64 included), None if not a zip
        if end is None:
            return  # python-docx reports a file that is not a zip
        entries = end[zipfile._ECD_ENTRIES_TOTAL]
        if entries > limits.max_docx_entries:
            raise LimitExceeded("max_docx_entries", entries, limits.max_docx_entries)
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError):
        return  # the same
    if len(infos) > limits.max_docx_entries:
        raise LimitExceeded("max_docx_entries", len(infos), limits.max_docx_entries)
    unpacked = sum(i.file_size for i in infos)
    if unpacked > limits.max_docx_unpacked_bytes:
        raise LimitExceeded("max_docx_unpacked_bytes", unpacked, limits.max_docx_unpacked_bytes)


# ------------------------------------------------------------------ PDF streams


def check_pdf_streams(path: Path, limits: Limits) -> None:
    """Every stream of the PDF decompressed (counted, not kept) must fit ``max_inflated_bytes``."""
    with path.open("rb") as f:
        if os.fstat(f.fileno()).st_size == 0:
            return
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            numbers = None  # "N G obj 1234 endobj" objects, found the first time an indirect /Length needs them
            for m in _STREAM_RE.finditer(data):
                head = data[max(0, m.start() - DICT_WINDOW) : m.start()]
                head = head[head.rfind(b"obj") + 1 :]  # from this object's "N G obj" (not the one before)
                filters = stream_filters(head)
                if not filters:
                    continue
                length = None
                if lm := _LENGTH_RE.search(head):
                    if lm.group(2) is None:
                        length = int(lm.group(1))
                    else:
                        if numbers is None:
                            numbers = {(int(a), int(b)): int(c) for a, b, c in _NUMBER_OBJ_RE.findall(data)}
                        length = numbers.get((int(lm.group(1)), int(lm.group(2))))
                start = m.end()
                end = data.find(_ENDSTREAM, start)
                end = len(data) if end == -1 else end
                if length is not None:
                    end = max(end, min(start + length, len(data)))  # /Length wins when it says more, as in pdfium
                measure_stream(data, start, end, filters, limits.max_inflated_bytes)


def stream_filters(dictionary: bytes) -> list[str]:
    """The filters of a stream dictionary that this module measures, in order, up to the first it does not
    (an image codec, a crypt filter); names may carry #xx escapes."""
    fm = _FILTER_RE.search(dictionary)
    if not fm:
        return []
    out = []
    for name in _NAME_RE.findall(fm.group(1)):
        name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda h: bytes([int(h.group(1), 16)]), name)
        kind = FILTERS.get(name)
        if kind is None:
            break
        out.append(kind)
    return out


def measure_stream(data, start: int, end: int, filters: list[str], limit: int) -> int:
    """Bytes the stream ``data[start:end]`` gives through ``filters``, each stage's output counted against
    ``limit`` (``LimitExceeded`` past it).  A Flate stage reads on past ``end`` if it has not ended there
    (``/Length`` may be wrong, and pdfium does not stop at a keyword found in compressed bytes)."""
    if filters[0] == "flate":
        chunks: Iterable[bytes] = _chunks(data, start, len(data))
    elif filters[0] in ("hex", "a85"):
        chunks = [_ascii_decode(bytes(data[start:end]), filters[0])]
        filters = filters[1:]
    else:
        chunks = _chunks(data, start, end)
    if not filters:
        return 0  # ASCII filters give less than they read
    total = 0
    stream = chunks
    for kind in filters:
        if kind == "flate":
            stream = _counted(_inflate(stream), limit)
        elif kind == "lzw":
            raw = b"".join(stream)
            if len(raw) * LZW_MAX_RATIO <= limit:
                return 0
            stream = _counted(_lzw(raw), limit)
        elif kind == "rl":
            raw = b"".join(stream)
            if len(raw) * RUN_LENGTH_MAX_RATIO <= limit:
                return 0
            stream = _counted(_run_length(raw), limit)
        else:
            break  # an ASCII filter after a compression: nothing more to fear
    for chunk in stream:
        total += len(chunk)
    return total


def _chunks(data, start: int, end: int) -> Iterator[bytes]:
    for k in range(start, end, INPUT_CHUNK):
        yield data[k : min(k + INPUT_CHUNK, end)]


def _counted(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise LimitExceeded("max_inflated_bytes", total, limit)
        yield chunk


def _inflate(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """zlib-inflated ``chunks``, ``OUTPUT_CHUNK`` bytes at most at a time, up to the end of the deflate
    stream or the first error (pdfium keeps what it inflated before an error, so that is counted)."""
    d = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                out = d.decompress(chunk, OUTPUT_CHUNK)
                if out:
                    yield out
                if d.eof:
                    return
                chunk = d.unconsumed_tail
        yield d.flush()
    except zlib.error:
        return


def _ascii_decode(raw: bytes, kind: str) -> bytes:
    """ASCIIHex or ASCII85 data up to its end mark; what cannot be decoded is left out."""
    try:
        if kind == "hex":
            hexits = re.sub(rb"\s", b"", raw.split(b">", 1)[0])
            return binascii.unhexlify(hexits + b"0" * (len(hexits) % 2))
        body = re.sub(rb"\s", b"", raw.split(b"~>", 1)[0])
        return base64.a85decode(body.removeprefix(b"<~"))
    except (ValueError, binascii.Error):
        return b""


def _lzw(raw: bytes) -> Iterator[bytes]:
    from io import BytesIO

    from pdfminer.lzw import LZWDecoder

    yield from LZWDecoder(BytesIO(raw)).run()


def _run_length(raw: bytes) -> Iterator[bytes]:
    """RunLengthDecode's output, counted in runs (a repeated byte is given as a run of that byte)."""
    k, n = 0, len(raw)
    while k < n:
        length = raw[k]
        if length == 128:
            return
        if length < 128:
            yield raw[k + 1 : k + 2 + length]
            k += length + 2
        else:
            yield raw[k + 1 : k + 2] * (257 - length)
            k += 2
