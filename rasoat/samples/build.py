"""Render the bundled sample documents (``rasoat/samples/documents/*.txt``,
package data) to PDF.

The samples are invented documents written for rasoat's tests and demos; they
imitate the layout (thể thức) of Nghị định 30/2020/NĐ-CP and are not real.

Usage::

    python -m rasoat.samples.build --out DIR   # renders every sample into DIR
    python samples/build.py                    # from a checkout: into samples/pdf

or from Python: ``build_all(out_dir) -> list[Path]`` and
``render(txt_path, pdf_path)``.  Needs reportlab and a serif TrueType
family with Vietnamese glyphs: Liberation Serif 2 (Debian package
``fonts-liberation2``) or, failing that, DejaVu Serif (see ``find_fonts``).

Sample file format
------------------
A front-matter block of ``key: value`` lines, a line ``---``, then the body
(UTF-8, NFC).  Front-matter lines starting with ``#`` are comments.

Front-matter keys:

``issuer_lines``
    Left header block, lines separated by `` | `` (``ỦY BAN NHÂN DÂN | TỈNH
    LÂM ĐỒNG`` or ``UBND TỈNH LÂM ĐỒNG | SỞ TƯ PHÁP``).
``issuer_bold``
    Optional: how many of the last issuer lines are bold (default 1; use 2
    for ``ỦY BAN NHÂN DÂN | TỈNH …`` where the whole name is the issuer).
``number_line``
    ``Số: 05/2024/QĐ-UBND``.
``vv``
    Optional trích yếu of a công văn (``V/v …``), printed under the number.
``date_line``
    ``Lâm Đồng, ngày 12 tháng 3 năm 2024`` (printed in italics).
``kind``
    ``qppl`` / ``administrative`` / ``report`` / ``cong_van`` (stored as
    the PDF subject; not used for layout).

Body lines (a blank line adds a little vertical space; inside the signature
block it stands for one line of space for the handwritten signature):

``# text``         centered bold line (tên loại, trích yếu, Chương, …)
``## text``        bold paragraph (an article heading such as ``Điều 3. …``)
``> text``         centered line in regular type (``Kính gửi: …``)
plain text         justified paragraph with a first-line indent; a leading
                   ``Điều N.`` is set in bold automatically
``*x*``, ``**x**`` inline italic / bold anywhere in a line
``[rule]``         short centered rule (under the trích yếu)
``[pagebreak]``    start a new page (e.g. before an appendix)
``[table w1,w2]``  … ``[/table]``: pipe-separated rows, the first row is the
                   header; optional relative column widths.  A row with fewer
                   cells than the header is a group row: its last cell spans
                   the remaining columns and is bold.
``[signature]``    … ``[/signature]``: signature block lines (authority,
                   title, blank lines for the signature, name).
``[recipients]``   … ``[/recipients]``: the Nơi nhận block (``Nơi nhận:``
                   then ``- …;`` lines).

The signature and recipients blocks are set side by side (Nơi nhận left,
signature right) where the first of the two appears in the body.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

DOCUMENTS = Path(str(resources.files("rasoat.samples").joinpath("documents")))  # package data: a wheel has it
FONT = "SampleSerif"  # registered name of the body font family

# Times-like TrueType families with full Vietnamese coverage, best first.
# Debian's fonts-liberation (1.x) lacks ơ, ư and the stacked-diacritic
# letters, so fonts-liberation2 is preferred; DejaVu Serif is the fallback.
FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/liberation2", "LiberationSerif-{}.ttf",
     {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "BoldItalic"}),
    ("/usr/share/fonts/truetype/liberation", "LiberationSerif-{}.ttf",
     {"Regular": "Regular", "Bold": "Bold", "Italic": "Italic", "BoldItalic": "BoldItalic"}),
    ("/usr/share/fonts/truetype/dejavu", "DejaVuSerif{}.ttf",
     {"Regular": "", "Bold": "-Bold", "Italic": "-Italic", "BoldItalic": "-BoldItalic"}),
]
VIETNAMESE_PROBE = "ĐđƠơƯưẢảẤấẦầẪẫẬậẮắẶặẸẹẾếỆệỈỉỊịỌọỐốỘộỚớỢợỤụỨứỰựỲỳỴỵỶỷỸỹ"

PAGE_W, PAGE_H = A4
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20 * mm, 20 * mm, 30 * mm, 15 * mm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
HEADER_LEFT_W = 0.40 * TEXT_W  # issuer column; the rest is the Quốc hiệu column

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def find_fonts() -> dict[str, Path]:
    """Paths of the first installed font family covering Vietnamese.

    Returns a dict with keys ``Regular``, ``Bold``, ``Italic``, ``BoldItalic``.
    """
    for folder, pattern, styles in FONT_CANDIDATES:
        paths = {k: Path(folder) / pattern.format(v) for k, v in styles.items()}
        if all(p.is_file() for p in paths.values()):
            faces = [TTFont("probe", str(p)).face.charToGlyph for p in paths.values()]
            if all(ord(ch) in cmap for cmap in faces for ch in VIETNAMESE_PROBE):
                return paths
    raise RuntimeError("no serif TrueType font with Vietnamese glyphs found; "
                       "install Debian's fonts-liberation2 (or fonts-dejavu)")


def _register_fonts() -> None:
    """Register the body font family (regular/bold/italic/bold-italic) once."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    suffix = {"Regular": "", "Bold": "-Bold", "Italic": "-Italic", "BoldItalic": "-BoldItalic"}
    for style_name, path in find_fonts().items():
        pdfmetrics.registerFont(TTFont(FONT + suffix[style_name], str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Italic", boldItalic=FONT + "-BoldItalic"
    )


def _style(name: str, size: float = 14, bold: bool = False, italic: bool = False,
           align: int = TA_JUSTIFY, indent: float = 0, after: float = 6, before: float = 0) -> ParagraphStyle:
    """A paragraph style in the body font family."""
    font = FONT + ("-BoldItalic" if bold and italic else "-Bold" if bold else "-Italic" if italic else "")
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=size * 1.25, alignment=align,
                          firstLineIndent=indent, spaceAfter=after, spaceBefore=before)


STYLES = {
    "body": dict(indent=10 * mm),
    "article": dict(bold=True, indent=10 * mm),
    "heading": dict(bold=True, align=TA_CENTER, after=2, before=4),
    "center": dict(align=TA_CENTER, after=4),
    "issuer": dict(size=13, align=TA_CENTER, after=0),
    "issuer_bold": dict(size=13, bold=True, align=TA_CENTER, after=0),
    "number": dict(size=13, align=TA_CENTER, after=0),
    "vv": dict(size=12, align=TA_CENTER, after=0),
    "quoc_hieu": dict(size=12, bold=True, align=TA_CENTER, after=0),
    "tieu_ngu": dict(size=13, bold=True, align=TA_CENTER, after=0),
    "date": dict(size=13, italic=True, align=TA_CENTER, after=0),
    "cell": dict(size=12, align=TA_LEFT, after=0),
    "cell_center": dict(size=12, align=TA_CENTER, after=0),
    "cell_head": dict(size=12, bold=True, align=TA_CENTER, after=0),
    "cell_group": dict(size=12, bold=True, align=TA_LEFT, after=0),
    "recipients_head": dict(size=12, bold=True, italic=True, align=TA_LEFT, after=0),
    "recipients": dict(size=11, align=TA_LEFT, after=0),
    "signature": dict(size=14, bold=True, align=TA_CENTER, after=0),
}


def style(name: str) -> ParagraphStyle:
    """Return the named paragraph style (see ``STYLES``)."""
    return _style(name, **STYLES[name])


def markup(text: str) -> str:
    """Escape a line for reportlab and turn ``**bold**`` / ``*italic*`` into tags."""
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    return re.sub(r"\*(.+?)\*", r"<i>\1</i>", text)


def plain(text: str) -> str:
    """A body line without markup: the text as it should read in the PDF."""
    text = re.sub(r"^(##?|>)\s+", "", text)
    return re.sub(r"\*{1,2}(.+?)\*{1,2}", r"\1", text)


def read_sample(path: Path) -> tuple[dict[str, str], list[str]]:
    """Parse a sample file into (front matter, body lines); text is NFC."""
    text = unicodedata.normalize("NFC", Path(path).read_text(encoding="utf-8"))
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError(f"{path}: missing '---' line after the front matter")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    for key in ("issuer_lines", "number_line", "date_line", "kind"):
        if key not in meta:
            raise ValueError(f"{path}: front matter lacks '{key}'")
    return meta, body.splitlines()


def centered_rule(width: float) -> HRFlowable:
    """A thin centered horizontal rule of the given width."""
    return HRFlowable(width=width, thickness=0.6, color="black", hAlign="CENTER", spaceBefore=4, spaceAfter=4)


def header(meta: dict[str, str]) -> Table:
    """The two-column header: issuer and number left, Quốc hiệu and date right."""
    issuers = [s.strip() for s in meta["issuer_lines"].split("|")]
    n_bold = int(meta.get("issuer_bold", "1"))
    left = [Paragraph(escape(s), style("issuer_bold" if i >= len(issuers) - n_bold else "issuer"))
            for i, s in enumerate(issuers)]
    last_w = pdfmetrics.stringWidth(issuers[-1], FONT + "-Bold", 13)
    left.append(centered_rule(max(20 * mm, last_w / 2)))
    # Quốc hiệu is 12pt on one line; shrink it for wide fallback fonts so that it never wraps
    room = TEXT_W - HEADER_LEFT_W - 8 * mm - 6
    size = min(12.0, room / pdfmetrics.stringWidth(QUOC_HIEU, FONT + "-Bold", 1))
    quoc_hieu = _style("quoc_hieu", **dict(STYLES["quoc_hieu"], size=size))
    right = [Paragraph(QUOC_HIEU, quoc_hieu), Paragraph(TIEU_NGU, style("tieu_ngu")),
             centered_rule(pdfmetrics.stringWidth(TIEU_NGU, FONT + "-Bold", 13))]
    number = [Paragraph(escape(meta["number_line"]), style("number"))]
    if meta.get("vv"):
        number.append(Paragraph(escape(meta["vv"]), style("vv")))
    date = [Paragraph(escape(meta["date_line"]), style("date"))]
    table = Table([[left, right], [number, date]], colWidths=[HEADER_LEFT_W, TEXT_W - HEADER_LEFT_W])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 1), (-1, 1), 4),
        ("LEFTPADDING", (1, 0), (1, -1), 8 * mm),  # keeps the two columns well apart
    ]))
    return table


def data_table(spec: str, rows: list[str]) -> Table:
    """A gridded table from pipe-separated rows; short rows become group rows."""
    cells = [[c.strip() for c in row.strip().strip("|").split("|")] for row in rows if row.strip()]
    n = len(cells[0])
    weights = [float(w) for w in spec.split(",")] if spec else [1.0] * n
    widths = [TEXT_W * w / sum(weights) for w in weights]
    data, commands = [], [
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    body = [row for row in cells[1:] if len(row) == n]
    centered = [all(len(row[i]) <= 12 for row in body) for i in range(n)]  # short columns: STT, codes
    for r, row in enumerate(cells):
        if r == 0:
            data.append([Paragraph(markup(c), style("cell_head")) for c in row])
        elif len(row) < n:  # group row: the last cell spans to the right edge
            first = len(row) - 1
            commands.append(("SPAN", (first, r), (n - 1, r)))
            row = row + [""] * (n - len(row))
            data.append([Paragraph(markup(c), style("cell_group" if i >= first else "cell_center"))
                         for i, c in enumerate(row)])
        else:
            data.append([Paragraph(markup(c), style("cell_center" if centered[i] else "cell"))
                         for i, c in enumerate(row)])
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def closing(signature: list[str], recipients: list[str]) -> Table:
    """Nơi nhận (left) and signature block (right) side by side."""
    left = []
    for i, line in enumerate(recipients):
        left.append(Paragraph(markup(line), style("recipients_head" if i == 0 else "recipients")))
    right = []
    for line in signature:
        right.append(Paragraph(markup(line), style("signature")) if line.strip() else Spacer(1, 16))
    table = Table([[left, right]], colWidths=[0.42 * TEXT_W, 0.58 * TEXT_W])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def body_flowables(lines: list[str]) -> list:
    """Turn body lines into reportlab flowables."""
    story: list = []
    block: str | None = None
    spec = ""
    buffer: list[str] = []
    blocks: dict[str, list[str]] = {"signature": [], "recipients": []}
    closing_at: int | None = None
    for raw in lines:
        line = raw.rstrip()
        if block:
            if line == f"[/{block}]":
                if block == "table":
                    story += [Spacer(1, 4), data_table(spec, buffer)]
                    story.append(Spacer(1, 6))
                else:
                    blocks[block] = buffer
                    if closing_at is None:
                        closing_at = len(story)
                        story.append(None)  # placeholder for the closing table
                block, buffer = None, []
            else:
                buffer.append(line)
            continue
        m = re.fullmatch(r"\[(table|signature|recipients)(?:\s+([\d.,\s]+))?\]", line.strip())
        if m:
            block, spec = m.group(1), (m.group(2) or "").replace(" ", "")
            continue
        if not line.strip():
            if story and not isinstance(story[-1], Spacer):
                story.append(Spacer(1, 6))  # a blank line is a little vertical space
            continue
        if line.strip() == "[rule]":
            story.append(centered_rule(35 * mm))
        elif line.strip() == "[pagebreak]":
            story.append(PageBreak())
        elif line.startswith("## "):
            story.append(Paragraph(markup(line[3:]), style("article")))
        elif line.startswith("# "):
            story.append(Paragraph(markup(line[2:]), style("heading")))
        elif line.startswith("> "):
            story.append(Paragraph(markup(line[2:]), style("center")))
        else:
            text = markup(line)
            text = re.sub(r"^(Điều \d+[a-zđ]?\.)", r"<b>\1</b>", text)
            story.append(Paragraph(text, style("body")))
    if block:
        raise ValueError(f"unterminated [{block}] block")
    if closing_at is not None:
        # keep the last paragraph with the signature: a signature never stands alone on a page
        start = closing_at - 1
        while start > 0 and isinstance(story[start], Spacer):
            start -= 1
        start = max(start, 0)
        kept = story[start:closing_at] + [closing(blocks["signature"], blocks["recipients"])]
        story[start:closing_at + 1] = [KeepTogether(kept)]
    return story


def _page_number(canvas, doc) -> None:
    """Page number centered at the top of pages 2+."""
    canvas.saveState()
    canvas.setFont(FONT, 13)
    canvas.drawCentredString(MARGIN_LEFT + TEXT_W / 2, PAGE_H - 13 * mm, str(doc.page))
    canvas.restoreState()


def render(txt_path: Path, pdf_path: Path) -> Path:
    """Render one sample .txt file to an A4 PDF; returns ``pdf_path``."""
    _register_fonts()
    meta, lines = read_sample(Path(txt_path))
    pdf_path = Path(pdf_path)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(
        str(pdf_path), pagesize=A4, invariant=1,
        leftMargin=MARGIN_LEFT, rightMargin=MARGIN_RIGHT, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
        title=meta["number_line"], author="rasoat (văn bản mẫu)", subject=meta["kind"], creator="rasoat samples",
    )
    story = [header(meta), Spacer(1, 16)] + body_flowables(lines)
    doc.build(story, onLaterPages=_page_number)
    return pdf_path


def sample_paths() -> list[Path]:
    """All sample .txt files, sorted by name."""
    return sorted(DOCUMENTS.glob("*.txt"))


def build_all(out_dir: Path) -> list[Path]:
    """Render every sample into ``out_dir`` (``name.txt`` -> ``name.pdf``)."""
    out_dir = Path(out_dir)
    return [render(p, out_dir / (p.stem + ".pdf")) for p in sample_paths()]


def main(argv: list[str] | None = None, out: Path | None = None) -> int:
    """Render every sample into ``--out`` (``out`` when not given)."""
    parser = argparse.ArgumentParser(description="Render the rasoat sample documents to PDF.")
    parser.add_argument("--out", type=Path, default=out, required=out is None, help="output directory")
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
