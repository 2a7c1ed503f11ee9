"""Plain dataclasses shared by every stage.

Data flows one way::

    file --ingest--> SourceDocument (pages of text with positions)
         --extract--> Extraction (header fields, citations, figures, ...)
         --rules-->   Finding
         --store-->   SQLite

Every extracted record keeps the 1-based ``page`` and the ``start``/``end``
character offsets into that page's ``text`` so a reviewer can see the
evidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Region(StrEnum):
    """The named spans of a page's text that layout (``ingest.layout``) recognises; stored as their strings."""

    ABOVE_HEADER = "above_header"  # lines above the Quốc hiệu line (a signature box, a receipt stamp)
    HEADER = "header"  # the header when its two columns could not be told apart
    HEADER_LEFT = "header_left"  # issuer block and "Số: …" line
    HEADER_RIGHT = "header_right"  # Quốc hiệu, Tiêu ngữ and the date line
    BODY = "body"  # the text between the header and the signature
    RECIPIENTS = "recipients"  # "Nơi nhận:" and its list (left column under the body)
    SIGNATURE = "signature"  # the signature block (right column under the body)


class TextSource(StrEnum):
    """Where the text of a page (``Page.source``) or of a document (``SourceDocument.text_source``) comes from;
    stored as their strings."""

    TEXT = "text"  # the PDF's text layer (Unicode)
    OCR = "ocr"  # optical character recognition of a scanned page
    TCVN3 = "tcvn3"  # a PDF text layer in TCVN3 (ABC) fonts, converted to Unicode
    VNI = "vni"  # a PDF text layer in VNI fonts, converted
    TCVN3_VNI = "tcvn3/vni"  # a page with runs in both legacy encodings, converted
    TEXT_OCR = "text+ocr"  # a document whose pages are partly text layer, partly OCR
    PLAIN = "plain"  # a UTF-8 .txt file
    DOCX = "docx"  # a Word .docx file
    DOC = "doc"  # a legacy Word .doc file in Unicode
    DOC_LEGACY = "doc/legacy"  # a legacy Word .doc file in TCVN3/VNI, converted
    RTF = "rtf"  # an RTF file (often saved with a .doc name), read as plain text


@dataclass
class Page:
    """One page of a document as text.

    ``text`` is Unicode NFC.  All spans of records found on this page index
    into it.  ``regions`` names spans of ``text`` that layout analysis
    recognised (``Region``): ``header_left`` (issuer block), ``header_right``
    (Quốc hiệu, date line), ``body``, ``signature``, ``recipients``…
    """

    number: int
    text: str
    source: str = TextSource.TEXT  # a TextSource
    ocr_confidence: float | None = None
    damaged: bool = False
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)
    tables: list[list[list[str | None]]] = field(default_factory=list)
    furniture: str = ""  # running headers/footers removed from ``text``

    def region(self, name: str) -> str:
        span = self.regions.get(name)
        return self.text[span[0] : span[1]] if span else ""


@dataclass
class SourceDocument:
    """What ``ingest`` makes of one file."""

    path: str
    sha256: str
    file_name: str
    pages: list[Page] = field(default_factory=list)
    text_source: str = TextSource.TEXT  # a TextSource (TEXT_OCR when some pages were OCR'd)
    ocr: bool = False
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # e.g. signature info
    error_stage: str | None = None  # where it failed: read, extract, rules, store (rasoat.errors.STAGES)
    error_detail: str | None = None  # exception type and traceback tail, for a bug report

    @property
    def text(self) -> str:
        return "\n\f\n".join(p.text for p in self.pages)


@dataclass
class Header:
    """Header fields of a document (thể thức)."""

    number: str | None = None  # "01/2024/QĐ-UBND" as printed (normalised)
    symbol: str | None = None  # "QĐ-UBND"
    doc_type: str | None = None  # "Quyết định"
    issuer: str | None = None  # "Ủy ban nhân dân tỉnh Bắc Kạn"
    parent_issuer: str | None = None
    place: str | None = None
    issued_on: str | None = None  # ISO date
    # the month ("2026-06") or the year ("2026") of a date line whose day (and month) is blank or unreadable: a
    # draft's "ngày    tháng 6 năm 2026", a day written by hand that OCR cannot read; None when issued_on is known
    issued_in: str | None = None
    effective_on: str | None = None
    title: str | None = None
    signer: str | None = None
    signing_authority: str | None = None  # TM. / KT. / Q. / TL. / TUQ.
    signer_title: str | None = None
    is_qppl: bool | None = None
    spans: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # field -> (page, start, end)


@dataclass
class Citation:
    page: int
    start: int
    end: int
    raw: str
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    relation: str = "mention"  # can_cu | sua_doi | bai_bo | thay_the | huong_dan | mention
    name: str | None = None  # "Luật Tổ chức chính quyền địa phương" when cited by name
    target_id: str | None = None
    issued_year: int | None = None  # the year of a citation by name without its day ("Bộ luật Lao động năm 2019")


@dataclass
class Figure:
    page: int
    start: int
    end: int
    raw: str
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    percent: float | None = None
    unit: str | None = None
    subject: str | None = None
    sentence: str | None = None
    qualifier: str | None = None  # đạt / trên / khoảng / gần ...
    kind: str = "count"  # count | fraction | percent | money
    decimals: int = 0  # decimals printed in the percent (for rounding checks)
    parent: int | None = None  # index of the figure this one is a part of


@dataclass
class Procedure:
    page: int
    code: str | None
    name: str | None = None
    source: str = "text"  # text | table
    start: int | None = None
    end: int | None = None
    field: str | None = None  # lĩnh vực
    agency: str | None = None  # cơ quan thực hiện
    deadline: str | None = None  # thời hạn giải quyết
    fee: str | None = None  # phí, lệ phí


@dataclass
class Article:
    path: str  # "Chương II > Điều 5 > Khoản 2"
    kind: str  # phan | chuong | muc | dieu | khoan | diem
    number: str
    title: str | None
    text: str
    page: int
    start: int
    end: int


@dataclass
class BodyMention:
    """An issuing body named in the text, normalised through the gazetteer."""

    page: int
    start: int
    end: int
    raw: str
    name: str | None  # "Ủy ban nhân dân tỉnh Bắc Kạn"; None when it cannot be placed
    kind: str | None = None  # ubnd, hdnd, so, bo, chinh_phu …
    level: str | None = None  # central, province, district, commune


@dataclass
class Block:
    """A located piece of one page: ``text`` is ``page.text[start:end]``.  ``fields`` keeps the named parts
    the locator read in it (for the date line: place, comma, day, month, year), so a rule judges what
    extraction matched instead of matching again."""

    page: int
    start: int
    end: int
    text: str
    fields: dict[str, str | None] = field(default_factory=dict)

    def span(self) -> dict:
        return dict(page=self.page, start=self.start, end=self.end)

    def sub(self, start: int, end: int) -> Block:
        """The part ``text[start:end]`` of this block as a block."""
        return Block(self.page, self.start + start, self.start + end, self.text[start:end])


@dataclass
class Blocks:
    """The parts of a document's form that ``extract.blocks`` located, each where it stands (None when
    not found).  The header fields are read from them and the rules judge them."""

    head: Block | None = None  # the header of page 1 (its layout regions, else its first lines)
    national_title: Block | None = None  # the Quốc hiệu line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    motto: Block | None = None  # the Tiêu ngữ line ("Độc lập - Tự do - Hạnh phúc")
    number_line: Block | None = None  # the "Số: …" line
    date_line: Block | None = None  # "Hà Nội, ngày … tháng … năm …", fields place/comma/day/month/year
    title: Block | None = None  # the type word in capitals ("QUYẾT ĐỊNH"), field type_word
    effect_clause: Block | None = None  # the document's own "… có hiệu lực … từ ngày …"
    signature: Block | None = None  # the signature block
    signature_lines: list[Block] = field(default_factory=list)  # its non-blank lines (authority line first)
    authority: Block | None = None  # the first TM./KT./Q./TL./TUQ. line of the signature
    recipients: Block | None = None  # the Nơi nhận block
    recipients_more: Block | None = None  # its continuation at the top of the next page
    consolidation: Block | None = None  # a văn bản hợp nhất's authentication block ("XÁC THỰC VĂN BẢN HỢP NHẤT")
    consolidation_mark: Block | None = None  # its "VĂN BẢN HỢP NHẤT - <BODY>" mark at the top, field body
    consolidation_note: Block | None = None  # its note under the title: "… được sửa đổi, bổ sung bởi"
    embedded: Block | None = None  # a later Quốc hiệu line: a form or another document the file holds starts there


@dataclass
class Extraction:
    """Everything ``extract`` finds in one document."""

    header: Header = field(default_factory=Header)
    citations: list[Citation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    bodies: list[BodyMention] = field(default_factory=list)
    blocks: Blocks = field(default_factory=Blocks)


@dataclass
class Finding:
    rule_id: str
    severity: str  # error | warning | info
    message: str
    evidence: str = ""
    page: int | None = None
    start: int | None = None
    end: int | None = None
    document_id: str | None = None
    fix: str = ""  # how to correct it (Vietnamese "Cách khắc phục"); the rule's ``fix`` unless the finding says more


@dataclass
class Document:
    """A stored document: the ingested source, what was extracted, what the rules found."""

    source: SourceDocument
    extraction: Extraction = field(default_factory=Extraction)
    findings: list[Finding] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.source.sha256


@dataclass
class EffectFact:
    """One fact about a document's effect (hiệu lực), with where it was read: the document's own header and
    effect clause (kind ``ban_hanh``), or another document's clause that replaces, repeals (in whole or in
    part) or amends it.  A fact is about ``number``; ``by`` is the document that says it."""

    number: str  # the document the fact is about ("34/2016/NĐ-CP")
    kind: str  # ban_hanh | thay_the | bai_bo | bai_bo_mot_phan | sua_doi
    source: str  # văn bản lưu | Công báo | dữ kiện | nhập (rasoat.effect.SOURCES)
    on: str | None = None  # ISO date the fact takes effect (a repeal: the repealing document's effect date)
    by: str | None = None  # the number of the document that says it
    clause: str | None = None  # where it says it: "79/2025/NĐ-CP, Điều 62 > Khoản 2"
    doc_type: str | None = None  # for ban_hanh: the document's own header
    issuer: str | None = None
    title: str | None = None
    issued_on: str | None = None
    effective_on: str | None = None
    document_id: str | None = None  # the stored document holding the clause, when there is one
    page: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class EffectStatus:
    """The effect status of one document on one date, and the facts it rests on."""

    number: str
    on: str | None  # ISO date asked
    status: str  # rasoat.effect.IN_FORCE, REPEALED, PARTLY_REPEALED, NOT_YET, UNKNOWN
    since: str | None = None  # ISO date the status holds from
    replaced_by: list[str] = field(default_factory=list)
    repealed_by: list[str] = field(default_factory=list)
    partly_repealed_by: list[str] = field(default_factory=list)
    amended_by: list[str] = field(default_factory=list)
    evidence: list[EffectFact] = field(default_factory=list)  # the facts that set the status


def to_dict(obj: Any) -> Any:
    """Dataclass (or list of them) to plain JSON-able data."""
    if isinstance(obj, list):
        return [to_dict(o) for o in obj]
    return asdict(obj)
