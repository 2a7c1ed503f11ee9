"""OCR of scanned pages with Tesseract's Vietnamese model.

Pages are rasterised with pypdfium2 (what a PDF viewer shows, form-field
appearances included) and read by the ``tesseract`` command-line program
(packages ``tesseract-ocr`` and ``tesseract-ocr-vie`` on Debian/Ubuntu).  The
program is run through :mod:`subprocess` with its TSV output, from which this
module rebuilds

* the page text, one visual line per line, NFC-normalised;
* a mean word confidence (0–100, Tesseract's scale) over words with
  ``conf >= 0``;
* word boxes ``(text, x0, top, x1, bottom)`` in PDF points measured from the
  top-left corner of the rendered page, the same convention as pdfplumber,
  so layout code can treat OCR words like text-layer words.

Layout: Vietnamese administrative documents have a two-column header (issuer
and "Số: …" on the left, Quốc hiệu and "…, ngày … tháng … năm …" on the
right) and often a two-column signature block (Nơi nhận on the left, signer on
the right).  Tesseract reads such rows as one line ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI
…").  :func:`layout_text` splits lines at wide gaps and, where consecutive
rows form two clean columns, emits the left column's lines first and then the
right column's, so the blocks come out as separate, non-interleaved lines.

Errors users read are in Vietnamese (:class:`OcrUnavailableError`,
:class:`OcrError`).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import statistics
import subprocess
import time
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_LANG",
    "DEFAULT_PSM",
    "OcrError",
    "OcrResult",
    "OcrUnavailableError",
    "OcrWord",
    "available_languages",
    "layout_text",
    "ocr_available",
    "ocr_image",
    "ocr_pdf_page",
    "ocr_pdf_pages",
    "parse_tsv",
    "render_page",
    "require_ocr",
]

#: Resolution pages are rendered at for OCR.  Tesseract's ``vie`` model reads
#: stacked diacritics ("ề", "ẩ", "ổ") best when body text is rendered at about
#: 200 dpi: at 300 or 400 dpi it drops the tone mark above a circumflex far
#: more often ("thẩm" -> "thâm").  Measured with bench/ocr_cer.py on the
#: NĐ 335/2025 scan (native 200 dpi; CER 3.7 % at 200 dpi, 5.1 % at 300, 5.4 %
#: at 400) and on renderings of its digital twin (0.5 % at
#: 200 dpi, 1.5 % at 300, 1.9 % at 400, 2.9 % at 150).
DEFAULT_DPI = 200
#: Tesseract language model.
DEFAULT_LANG = "vie"
#: Page segmentation mode.  4 ("single column of text of variable sizes")
#: scored best on the NĐ 335/2025 scan (3 is close, 6 and 11 worse); columns
#: of the header are recovered by :func:`layout_text`, not by Tesseract.
DEFAULT_PSM = 4
#: Seconds allowed for one page.
DEFAULT_TIMEOUT = 180

#: The tesseract executable; override with the environment variable
#: ``RASOAT_TESSERACT`` (a path or a command name).
TESSERACT_CMD = os.environ.get("RASOAT_TESSERACT", "tesseract")

PathLike = str | os.PathLike


class OcrError(RuntimeError):
    """Tesseract ran but failed on a page."""


class OcrUnavailableError(OcrError):
    """Tesseract or the requested language model is not installed."""


def _missing_message(lang: str, program_found: bool) -> str:
    if not program_found:
        return (
            "Chưa cài Tesseract (tesseract-ocr, tesseract-ocr-vie): "
            "không thể nhận dạng trang scan"
        )
    if lang == DEFAULT_LANG:
        return (
            "Tesseract chưa có mô hình tiếng Việt 'vie' (cài gói tesseract-ocr-vie): "
            "không thể nhận dạng trang scan"
        )
    return (
        f"Tesseract chưa có mô hình ngôn ngữ '{lang}' "
        f"(cài gói tesseract-ocr-{lang}): không thể nhận dạng trang scan"
    )


# --------------------------------------------------------------------------
# Availability
# --------------------------------------------------------------------------


def _tesseract_env() -> dict[str, str]:
    env = dict(os.environ)
    # One thread per tesseract process: predictable CPU use, and on small
    # machines OpenMP threading is slower than running pages in parallel.
    env.setdefault("OMP_THREAD_LIMIT", "1")
    return env


def available_languages() -> frozenset[str]:
    """Language models the tesseract program knows (empty if it is missing)."""
    return _list_langs(TESSERACT_CMD)


@functools.cache
def _list_langs(cmd: str) -> frozenset[str]:
    if shutil.which(cmd) is None:
        return frozenset()
    try:
        proc = subprocess.run(
            [cmd, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            env=_tesseract_env(),
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if proc.returncode != 0:
        return frozenset()
    langs = set()
    for line in (proc.stdout + "\n" + proc.stderr).splitlines():
        line = line.strip()
        if line and not line.startswith("List of available") and " " not in line:
            langs.add(line)
    return frozenset(langs)


def _lang_parts(lang: str) -> list[str]:
    return [p for p in lang.split("+") if p]


def ocr_available(lang: str = DEFAULT_LANG) -> bool:
    """True when the tesseract program and every model in ``lang`` are installed."""
    langs = available_languages()
    parts = _lang_parts(lang)
    return bool(langs) and bool(parts) and all(p in langs for p in parts)


def require_ocr(lang: str = DEFAULT_LANG) -> None:
    """Raise :class:`OcrUnavailableError` (Vietnamese message) unless OCR works."""
    if ocr_available(lang):
        return
    langs = available_languages()
    program_found = bool(langs)
    missing = [p for p in _lang_parts(lang) if p not in langs] or [lang]
    raise OcrUnavailableError(_missing_message("+".join(missing), program_found))


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class OcrWord:
    """One recognised word; box in output units (PDF points or pixels)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float
    block: int = 0
    par: int = 0
    line: int = 0

    def as_tuple(self) -> tuple[str, float, float, float, float]:
        return (self.text, self.x0, self.top, self.x1, self.bottom)


@dataclass
class OcrResult:
    """Text of one OCRed page.

    ``confidence`` is the mean Tesseract word confidence (0–100) over the
    words with ``conf >= 0``, ``None`` when no word was found.  ``words``
    holds ``(text, x0, top, x1, bottom)`` boxes in PDF points (pixels when the
    image's resolution was not given).
    """

    text: str
    confidence: float | None
    words: list[tuple[str, float, float, float, float]] = field(default_factory=list)
    dpi: int | None = None
    psm: int = DEFAULT_PSM
    lines: list[tuple[int, int, int]] = field(default_factory=list)  # Tesseract's (block, par, line) of each word
    lang: str = DEFAULT_LANG
    seconds: float = 0.0


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def render_page(pdf_path: PathLike | bytes, page_index: int, dpi: int = DEFAULT_DPI):
    """Render page ``page_index`` (0-based) of a PDF as a grayscale PIL image.

    Uses pypdfium2 with form fields initialised, so a signature stamp drawn as
    a form-field appearance is rendered as a viewer shows it.  PDFium is not
    thread-safe: serialise calls made from several threads (tesseract itself
    can run in parallel, see bench/ocr_cer.py).
    """
    import pypdfium2 as pdfium  # local import: only needed for scans

    source = pdf_path if isinstance(pdf_path, bytes) else str(pdf_path)
    pdf = pdfium.PdfDocument(source)
    try:
        with contextlib.suppress(Exception):  # forms are a nicety, never fatal
            pdf.init_forms()
        n = len(pdf)
        if not 0 <= page_index < n:
            raise IndexError(f"Trang {page_index + 1} không tồn tại (tệp có {n} trang)")
        page = pdf[page_index]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True, may_draw_forms=True)
            image = bitmap.to_pil()
            if image.mode != "L":
                image = image.convert("L")
            image.info["dpi"] = (dpi, dpi)
            return image
        finally:
            page.close()
    finally:
        pdf.close()


# --------------------------------------------------------------------------
# Tesseract
# --------------------------------------------------------------------------


def _image_bytes(image) -> bytes:
    """Encode an image for tesseract's stdin (PNM for PIL images: fast)."""
    if isinstance(image, bytes | bytearray):
        return bytes(image)
    if isinstance(image, str | os.PathLike):
        return Path(image).read_bytes()
    # PIL image: PBM/PGM/PPM are written without compression
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    buf = io.BytesIO()
    image.save(buf, format="PPM")
    return buf.getvalue()


def _run_tesseract(
    data: bytes,
    lang: str,
    psm: int,
    dpi: int | None,
    timeout: float,
) -> str:
    cmd = [TESSERACT_CMD, "stdin", "stdout", "-l", lang, "--psm", str(psm)]
    if dpi:
        cmd += ["--dpi", str(int(dpi))]
    cmd += ["tsv"]
    try:
        proc = subprocess.run(
            cmd,
            input=data,
            capture_output=True,
            timeout=timeout,
            env=_tesseract_env(),
        )
    except FileNotFoundError as exc:
        raise OcrUnavailableError(_missing_message(lang, False)) from exc
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"Tesseract chạy quá {timeout:.0f} giây trên một trang scan") from exc
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        if "Failed loading language" in stderr or "Could not initialize tesseract" in stderr:
            raise OcrUnavailableError(_missing_message(lang, True))
        raise OcrError(f"Tesseract lỗi (mã {proc.returncode}): {stderr.strip()[:300]}")
    return proc.stdout.decode("utf-8", "replace")


def parse_tsv(tsv: str, scale: float = 1.0) -> list[OcrWord]:
    """Words (level 5 rows with text) of Tesseract TSV output.

    Boxes are multiplied by ``scale`` (``72 / dpi`` gives PDF points).
    """
    words: list[OcrWord] = []
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = unicodedata.normalize("NFC", cols[11]).strip()
        if not text:
            continue
        try:
            block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
            left, top, width, height = (float(c) for c in cols[6:10])
            conf = float(cols[10])
        except ValueError:
            continue
        words.append(
            OcrWord(
                text=text,
                x0=round(left * scale, 2),
                top=round(top * scale, 2),
                x1=round((left + width) * scale, 2),
                bottom=round((top + height) * scale, 2),
                conf=conf,
                block=block,
                par=par,
                line=line,
            )
        )
    return words


# --------------------------------------------------------------------------
# Layout: lines, rows, two-column runs
# --------------------------------------------------------------------------


_RULE_WORD = re.compile(r"[|¦‖│┃]+")


@dataclass
class _Seg:
    words: list[OcrWord]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in sorted(self.words, key=lambda w: w.x0))


def _split_line(words: list[OcrWord], word_gap: float, min_gap: float) -> list[_Seg]:
    """Split one Tesseract line at horizontal gaps much wider than a word space.

    A gap splits when it exceeds 1.2 × the line's median word height, three
    typical word spaces (``word_gap``) and ``min_gap``.  A false split inside
    a body line is harmless: a lone split row keeps its reading order.
    """
    words = sorted(words, key=lambda w: w.x0)
    height = statistics.median(w.bottom - w.top for w in words)
    threshold = max(1.2 * height, 3.0 * word_gap, min_gap)
    segs = [[words[0]]]
    right = words[0].x1
    for w in words[1:]:
        if w.x0 - right > threshold:
            segs.append([w])
        else:
            segs[-1].append(w)
        right = max(right, w.x1)
    return [_Seg(s) for s in segs]


def _rows(segs: list[_Seg], split_gap: float) -> list[list[_Seg]]:
    """Group segments into visual rows (strong vertical overlap), top to bottom.

    Segments of one row closer than ``split_gap`` (or 1.2 × their height) are
    joined again: Tesseract sometimes reports one visual line as two blocks.
    """
    rows: list[tuple[float, float, list[_Seg]]] = []
    for seg in sorted(segs, key=lambda s: (s.top + s.bottom) / 2):
        placed = False
        for i in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            top, bottom, members = rows[i]
            overlap = min(bottom, seg.bottom) - max(top, seg.top)
            smaller = min(bottom - top, seg.bottom - seg.top)
            if smaller > 0 and overlap >= 0.5 * smaller and not any(
                m.x0 < seg.x1 and seg.x0 < m.x1 for m in members
            ):
                members.append(seg)
                rows[i] = (min(top, seg.top), max(bottom, seg.bottom), members)
                placed = True
                break
        if not placed:
            rows.append((seg.top, seg.bottom, [seg]))
    rows.sort(key=lambda r: (r[0] + r[1]) / 2)
    out = []
    for _, _, members in rows:
        members.sort(key=lambda s: s.x0)
        merged = [members[0]]
        for seg in members[1:]:
            prev = merged[-1]
            height = min(prev.bottom - prev.top, seg.bottom - seg.top)
            if seg.x0 - prev.x1 <= max(split_gap, 1.2 * height):
                merged[-1] = _Seg(prev.words + seg.words)
            else:
                merged.append(seg)
        out.append(merged)
    return out


def _two_column_runs(rows: list[list[_Seg]]) -> list[tuple[int, int, float]]:
    """Find runs of rows that read as two columns.

    Returns ``(first_row, last_row_exclusive, split_x)`` triples.  A run
    contains at least one row of exactly two segments; every row in it has one
    or two segments, and some vertical line ``split_x`` separates the left
    segments from the right ones without cutting any segment.  A
    single-segment row joins the run only when it is vertically close to the
    row next to it (within 1.6 median word heights), so a centred title far
    below the header does not.
    """
    runs: list[tuple[int, int, float]] = []
    heights = [s.bottom - s.top for r in rows for s in r]
    row_h = statistics.median(heights) if heights else 0.0

    def fits(row: list[_Seg], lo: float, hi: float) -> tuple[float, float] | None:
        """Narrow the free interval (lo, hi) so that ``row`` does not cross it."""
        if len(row) > 2:
            return None
        if len(row) == 2:
            lo, hi = max(lo, row[0].x1), min(hi, row[1].x0)
            return (lo, hi) if lo < hi else None
        s = row[0]
        if s.x1 <= lo or s.x0 >= hi:
            return (lo, hi)
        if s.x0 <= lo and s.x1 < hi:  # on the left, reaching into the gap
            return (s.x1, hi)
        if s.x1 >= hi and s.x0 > lo:  # on the right, reaching into the gap
            return (lo, s.x0)
        return None

    def close(a: list[_Seg], b: list[_Seg]) -> bool:
        gap = min(s.top for s in b) - max(s.bottom for s in a)
        return gap <= 1.6 * row_h

    i = 0
    n = len(rows)
    while i < n:
        if len(rows[i]) != 2:
            i += 1
            continue
        lo, hi = rows[i][0].x1, rows[i][1].x0
        start = i
        # forward: rows that fit; single rows must be close to the row above
        j = i + 1
        while j < n:
            narrowed = fits(rows[j], lo, hi)
            if narrowed is None:
                break
            if len(rows[j]) == 1 and not close(rows[j - 1], rows[j]):
                break
            lo, hi = narrowed
            j += 1
        end = j
        # backward: single rows just above, close and fitting, not in a previous run
        prev_end = runs[-1][1] if runs else 0
        k = start - 1
        while k >= prev_end:
            narrowed = fits(rows[k], lo, hi)
            if narrowed is None or len(rows[k]) != 1 or not close(rows[k], rows[k + 1]):
                break
            lo, hi = narrowed
            k -= 1
        start = k + 1
        runs.append((start, end, (lo + hi) / 2))
        i = end
    return runs


def layout_text(words: Sequence[OcrWord], min_gap: float | None = None) -> str:
    """Rebuild page text from OCR words.

    Tesseract lines (block/par/line numbers) are split at wide gaps (see
    :func:`_split_line`; ``min_gap`` defaults to 2 % of the text width) and
    the pieces are grouped into visual rows, top to bottom.  Rows forming a
    two-column run (header, signature block) are emitted column by column,
    left column first; other rows are emitted left to right joined by a
    space.  Table rules read as "|" are dropped.  Returns NFC text, one line
    per row or column piece.
    """
    words = [w for w in words if not _RULE_WORD.fullmatch(w.text)]
    if not words:
        return ""
    page_w = max(w.x1 for w in words) - min(w.x0 for w in words)
    if min_gap is None:
        min_gap = 0.02 * page_w
    lines: dict[tuple[int, int, int], list[OcrWord]] = {}
    for w in words:
        lines.setdefault((w.block, w.par, w.line), []).append(w)
    gaps = []
    for ws in lines.values():
        ws.sort(key=lambda w: w.x0)
        gaps.extend(b.x0 - a.x1 for a, b in zip(ws, ws[1:], strict=False) if b.x0 > a.x1)
    word_gap = statistics.median(gaps) if gaps else 0.0
    segs: list[_Seg] = []
    for ws in lines.values():
        segs.extend(_split_line(ws, word_gap, min_gap))
    rows = _rows(segs, max(3.0 * word_gap, min_gap))
    out: list[str] = []
    runs = _two_column_runs(rows)
    r = 0
    for start, end, split_x in runs:
        for row in rows[r:start]:
            out.append(" ".join(s.text for s in row))
        left = [s for row in rows[start:end] for s in row if (s.x0 + s.x1) / 2 < split_x]
        right = [s for row in rows[start:end] for s in row if (s.x0 + s.x1) / 2 >= split_x]
        out.extend(s.text for s in left)
        out.extend(s.text for s in right)
        r = end
    for row in rows[r:]:
        out.append(" ".join(s.text for s in row))
    return unicodedata.normalize("NFC", "\n".join(out))


# --------------------------------------------------------------------------
# Public OCR entry points
# --------------------------------------------------------------------------


def ocr_image(
    image,
    lang: str = DEFAULT_LANG,
    *,
    psm: int = DEFAULT_PSM,
    dpi: int | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> OcrResult:
    """OCR one page image with the tesseract program.

    ``image`` is a PIL image, encoded image bytes (PNG, TIFF, PNM…) or a
    path.  ``dpi`` is the image's resolution: when given it is passed to
    Tesseract and word boxes are returned in PDF points (``72 / dpi`` per
    pixel); otherwise boxes are in pixels.  Raises
    :class:`OcrUnavailableError` (Vietnamese message) when tesseract or the
    language model is missing, :class:`OcrError` when tesseract fails.
    """
    require_ocr(lang)
    if dpi is None and not isinstance(image, bytes | bytearray | str | os.PathLike):
        info_dpi = getattr(image, "info", {}).get("dpi")
        if info_dpi:
            dpi = int(round(float(info_dpi[0])))
    started = time.perf_counter()
    leaders = []
    if dpi and hasattr(image, "convert"):  # a PIL image: whiten the dot leaders, Tesseract reads them badly
        from ingest.leaders import erase, find_leaders

        leaders = find_leaders(image, dpi)
        if leaders:
            image = erase(image, leaders)
    tsv = _run_tesseract(_image_bytes(image), lang, psm, dpi, timeout)
    scale = 72.0 / dpi if dpi else 1.0
    from ingest.ocrfix import correct_words  # marks Tesseract doubted, put right from the word lists

    words = correct_words(parse_tsv(tsv, scale)) + [_leader_word(k, lead, scale) for k, lead in enumerate(leaders)]
    confs = [w.conf for w in words if w.conf >= 0]
    confidence = round(sum(confs) / len(confs), 2) if confs else None
    text = layout_text(words)
    return OcrResult(
        text=text,
        confidence=confidence,
        words=[w.as_tuple() for w in words],
        dpi=dpi,
        lines=[(w.block, w.par, w.line) for w in words],
        psm=psm,
        lang=lang,
        seconds=round(time.perf_counter() - started, 3),
    )


def _leader_word(k: int, lead, scale: float) -> OcrWord:
    """A dot leader as a word of its dots, in a Tesseract block of its own (no confidence)."""
    return OcrWord(text="." * lead.dots, x0=round(lead.x0 * scale, 2), top=round(lead.top * scale, 2),
                   x1=round(lead.x1 * scale, 2), bottom=round(lead.bottom * scale, 2), conf=-1.0,
                   block=-1 - k, par=0, line=0)


def ocr_pdf_page(
    pdf_path: PathLike | bytes,
    page_index: int,
    dpi: int = DEFAULT_DPI,
    *,
    lang: str = DEFAULT_LANG,
    psm: int = DEFAULT_PSM,
    timeout: float = DEFAULT_TIMEOUT,
) -> OcrResult:
    """Render page ``page_index`` (0-based) of a PDF and OCR it.

    Word boxes are in PDF points from the page's top-left corner.
    """
    require_ocr(lang)
    started = time.perf_counter()
    image = render_page(pdf_path, page_index, dpi=dpi)
    result = ocr_image(image, lang, psm=psm, dpi=dpi, timeout=timeout)
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def ocr_pdf_pages(
    pdf_path: PathLike | bytes,
    page_indexes: Sequence[int] | None = None,
    dpi: int = DEFAULT_DPI,
    *,
    lang: str = DEFAULT_LANG,
    psm: int = DEFAULT_PSM,
) -> Iterator[tuple[int, OcrResult]]:
    """Yield ``(page_index, OcrResult)`` for the given pages (all by default)."""
    if page_indexes is None:
        import pypdfium2 as pdfium

        source = pdf_path if isinstance(pdf_path, bytes) else str(pdf_path)
        pdf = pdfium.PdfDocument(source)
        try:
            page_indexes = range(len(pdf))
        finally:
            pdf.close()
    for i in page_indexes:
        yield i, ocr_pdf_page(pdf_path, i, dpi, lang=lang, psm=psm)
