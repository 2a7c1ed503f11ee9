"""Property tests (Hypothesis) of every public function of ``extract`` and of
``rules.run_rules``: on arbitrary Unicode text and on Vietnamese-like text
made of the words, numbers and punctuation of administrative documents
(written here), in upper and lower case, NFC and NFD, they raise nothing and
every record's page and span lie inside its page's text (``text[start:end]``
is the record's ``raw`` where it has one).

A 10 kB input must be handled within DEADLINE_MS (Hypothesis' ``deadline``:
a failure bound, not a benchmark).  Failing examples are kept in
tests/hypothesis-db (profile in conftest.py) and replayed."""

from __future__ import annotations

import contextlib
import os
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract import extract
from extract.articles import find_articles
from extract.blocks import effect_clause, locate
from extract.bodies import find_bodies, name_citation_issuers
from extract.citations import find_citations
from extract.figures import find_figures, parse_number, sentence_bounds
from extract.header import (
    extract_header,
    find_signature,
    find_title,
    iso_date,
    parse_number_line,
    scattered_date,
    type_name,
)
from extract.names import restore_marks
from extract.procedures import find_procedures, procedures_from_tables
from rasoat.gazetteer import (
    body_exists_on,
    issuer_from_symbol,
    issuers_from_symbol,
    normal_case,
    resolve_issuer,
    split_issuer_lines,
)
from rasoat.models import Document, Page, SourceDocument
from rasoat.numbers import is_qppl, normalise_number
from rules import Corpus, run_rules

DEADLINE_MS = 5_000  # per call on a 10 kB input: generous (a failure bound, not a benchmark)
LARGE_CHARS = 10_000  # the size of the large inputs
# Examples per property on short texts and on 10 kB texts: the whole file stays well under a minute; set
# RASOAT_FUZZ_EXAMPLES to search longer on your machine (failures found land in tests/hypothesis-db).
EXAMPLES = int(os.environ.get("RASOAT_FUZZ_EXAMPLES", "40"))
LARGE_EXAMPLES = max(4, EXAMPLES // 10)

# ---- strategies -------------------------------------------------------------------------------------------

WORDS = [
    "Ủy ban", "Uỷ ban", "nhân dân", "UBND", "HĐND", "Hội đồng", "tỉnh", "huyện", "xã", "phường", "thị trấn",
    "Sở", "Tư pháp", "Nội vụ", "Tài chính", "Bộ", "Chính phủ", "Thủ tướng", "Quốc hội", "Lâm Đồng", "Bắc Kạn",
    "Thái Nguyên", "Hà Nội", "Quyết định", "Nghị quyết", "Nghị định", "Thông tư", "Luật", "Báo cáo", "Tờ trình",
    "Công văn", "Kế hoạch", "Thông báo", "Căn cứ", "Điều", "Khoản", "Điểm", "Chương", "Mục", "Phần", "Số:", "số",
    "ngày", "tháng", "năm", "về việc", "ban hành", "sửa đổi", "bổ sung", "bãi bỏ", "thay thế", "hướng dẫn",
    "có hiệu lực", "thi hành", "kể từ", "này", "đạt", "trên", "khoảng", "gần", "tổng số", "tỷ lệ", "hồ sơ",
    "đúng hạn", "trễ hạn", "thủ tục hành chính", "Mã", "lĩnh vực", "đồng", "triệu đồng", "tỷ đồng", "người",
    "đơn vị", "TM.", "KT.", "Q.", "TL.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "Nơi nhận:", "Lưu: VT",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:",
    "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "BÁO CÁO", "hoà", "thuý", "khoẻ", "Đăng ký", "kinh doanh", "Nguyễn Văn An",
    "Trần Thị Bình", "Phạm Hoàng Sơn", "hành chính", "cải cách", "dịch vụ công", "trực tuyến", "mức độ",
    "Trung tâm", "Phục vụ", "bộ phận một cửa", "giải quyết", "tiếp nhận", "Ð", "đ", "Đ",
]
PUNCTUATION = [".", ",", ";", ":", "(", ")", "-", "–", "/", "%", "\n", "\n\n", " ", "  ", "\t", "\f", '"',
               "“", "”", "*", "…", "+", "a)", "b)", "1.", "2.", "II.", "IV.", "- ", "• "]
DOC_TYPES = ["QĐ-UBND", "NQ-HĐND", "NĐ-CP", "TT-BTC", "BC-UBND", "TTr-STP", "CV-SNV", "QĐ-TTg", "KH-UBND", "QH15"]


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


NUMBERS = st.one_of(
    st.integers(0, 10**9).map(thousands),  # "1.234"
    st.integers(0, 999).map(str),
    st.tuples(st.integers(0, 100), st.integers(0, 99)).map(lambda t: f"{t[0]},{t[1]}%"),  # "46,2%"
    st.tuples(st.integers(0, 999), st.integers(0, 999)).map(lambda t: f"{t[0]}/{t[1]}"),  # "91/101"
    st.tuples(st.integers(1, 999), st.integers(1990, 2030), st.sampled_from(DOC_TYPES))
    .map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),  # "05/2024/QĐ-UBND"
    st.tuples(st.integers(1, 9999), st.sampled_from(DOC_TYPES)).map(lambda t: f"{t[0]}/{t[1]}"),
    st.tuples(st.integers(0, 40), st.integers(0, 14), st.integers(1990, 2030))
    .map(lambda t: f"ngày {t[0]:02d} tháng {t[1]} năm {t[2]}"),
    st.tuples(st.integers(0, 40), st.integers(0, 14), st.integers(1990, 2030)).map(lambda t: f"{t[0]}/{t[1]}/{t[2]}"),
    st.sampled_from(["I", "II", "III", "IV", "V", "1.2.000123", "2.001234.000.00.00.H12", "1.234,5", "0,5"]),
)
CASES = [str, str.upper, str.lower, str.title, str.capitalize]
TOKEN = st.one_of(st.sampled_from(WORDS), NUMBERS, st.sampled_from(PUNCTUATION))


@st.composite
def vietnamese_text(draw, max_tokens: int = 80) -> str:
    """Words, numbers and punctuation of administrative documents in any order, case and normal form."""
    tokens = draw(st.lists(TOKEN, max_size=max_tokens))
    cased = [draw(st.sampled_from(CASES))(t) for t in tokens]
    text = "".join(t + draw(st.sampled_from([" ", " ", "", "\n"])) for t in cased)
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFC", "NFD"])), text)


TEXTS = st.one_of(vietnamese_text(), st.text(max_size=300))


@st.composite
def large_text(draw) -> str:
    """About LARGE_CHARS characters: drawn fragments repeated (Hypothesis draws little data per example)."""
    pieces = draw(st.lists(st.one_of(vietnamese_text(max_tokens=30), st.text(max_size=100)), min_size=1, max_size=6))
    unit = "\n".join(pieces) or "Điều 1."
    return (unit * (LARGE_CHARS // len(unit) + 1))[:LARGE_CHARS]


@st.composite
def pages_of(draw, text_strategy=TEXTS) -> list[Page]:
    """The text cut into one to three pages."""
    text = draw(text_strategy)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=2)))
    bounds = [0, *cuts, len(text)]
    return [Page(i + 1, text[a:b]) for i, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False))]


def document(pages: list[Page]) -> SourceDocument:
    return SourceDocument(path="fuzz.pdf", sha256="f" * 64, file_name="fuzz.pdf", pages=pages)


# ---- the properties ---------------------------------------------------------------------------------------

def assert_spans_inside(records, pages: list[Page]) -> None:
    """Every record's page exists and its span lies in that page's text; ``raw`` is the text of the span."""
    texts = {p.number: p.text for p in pages}
    for r in records:
        if r.start is None and r.end is None:  # a record without a place (a procedure from a table)
            continue
        assert r.page in texts, r
        assert 0 <= r.start <= r.end <= len(texts[r.page]), r
        raw = getattr(r, "raw", None)
        if raw is not None:
            assert texts[r.page][r.start : r.end] == raw, r


def assert_extraction_inside(extraction, pages: list[Page]) -> None:
    for records in (extraction.citations, extraction.figures, extraction.procedures, extraction.articles,
                    extraction.bodies):
        assert_spans_inside(records, pages)
    texts = {p.number: p.text for p in pages}
    for field_name, (page, start, end) in extraction.header.spans.items():
        assert page in texts and 0 <= start <= end <= len(texts[page]), (field_name, page, start, end)
    for f in extraction.figures:
        assert f.parent is None or 0 <= f.parent < len(extraction.figures), f


FAST = settings(max_examples=EXAMPLES, deadline=DEADLINE_MS, suppress_health_check=[HealthCheck.too_slow])
LARGE = settings(max_examples=LARGE_EXAMPLES, deadline=DEADLINE_MS,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def warm_up():
    """The first call loads the gazetteer and spaCy's vocabulary (seconds): not a property of the input."""
    pages = [Page(1, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\nSố: 05/2024/QĐ-UBND\nĐiều 1. Đạt 91/101 hồ sơ (90,1%).")]
    doc = document(pages)
    run_rules(Document(doc, extract(doc)), Corpus([]))


@FAST
@given(pages=pages_of())
@example(pages=[Page(1, "")])
@example(pages=[Page(1, "Số: 05/2024/QĐ-UBND\n\f\nĐiều 1.\n"), Page(2, "")])
def test_extract_raises_nothing_and_keeps_spans_in_the_page(pages):
    assert_extraction_inside(extract(document(pages)), pages)


@LARGE
@given(pages=pages_of(large_text()))
def test_extract_on_10_kb(pages):
    assert_extraction_inside(extract(document(pages)), pages)


EXTRACTORS = {
    "find_figures": lambda pages: find_figures(pages),
    "find_citations": lambda pages: find_citations(pages),
    "find_citations_own_number": lambda pages: find_citations(pages, own_number="05/2024/QĐ-UBND"),
    "find_procedures": lambda pages: find_procedures(pages),
    "find_articles": lambda pages: find_articles(pages),
    "find_articles_without_clauses": lambda pages: find_articles(pages, with_clauses=False),
    "find_bodies": lambda pages: find_bodies(pages),
    "find_bodies_in_context": lambda pages: find_bodies(pages, context_issuer="Ủy ban nhân dân tỉnh Lâm Đồng",
                                                        on="2024-03-15"),
}


@pytest.mark.parametrize("name", list(EXTRACTORS))
@FAST
@given(pages=pages_of())
def test_each_extractor_keeps_spans_in_the_page(name, pages):
    assert_spans_inside(EXTRACTORS[name](pages), pages)


@FAST
@given(pages=pages_of())
def test_header_and_citation_issuers(pages):
    doc = document(pages)
    header = extract_header(doc)
    texts = {p.number: p.text for p in pages}
    for page, start, end in header.spans.values():
        assert page in texts and 0 <= start <= end <= len(texts[page])
    signer, authority, title, span = find_signature(doc)
    if span is not None:
        page, start, end = span
        assert page in texts and 0 <= start <= end <= len(texts[page])
    citations = find_citations(pages, own_number=header.number)
    name_citation_issuers(pages, citations, find_bodies(pages, context_issuer=header.issuer, on=header.issued_on))
    assert_spans_inside(citations, pages)


TEXT_FUNCTIONS = {  # the functions of one text
    "normalise_number": normalise_number,
    "scattered_date": scattered_date,
    "parse_number_line": parse_number_line,
    "find_title": find_title,
    "type_name": type_name,
    "effect_clause": lambda t: effect_clause([Page(1, t)]),
    "locate": lambda t: locate(
        SourceDocument("x.txt", "0", "x.txt", pages=[Page(1, t, regions={"body": (0, len(t))})])),
    "normal_case": normal_case,
    "resolve_issuer": resolve_issuer,
    "resolve_issuer_in_context": lambda t: resolve_issuer(t, context_issuer="Ủy ban nhân dân tỉnh Bắc Kạn",
                                                          on="2025-07-01"),
    "issuers_from_symbol": issuers_from_symbol,
    "issuer_from_symbol": issuer_from_symbol,
    "restore_marks": restore_marks,
    "split_issuer_lines": lambda t: split_issuer_lines(t.split("\n")),
    "is_qppl": lambda t: is_qppl(t, t.partition("/")[2].rpartition("/")[2] or t),
    "body_exists_on": lambda t: body_exists_on(t, date(2025, 7, 1)),
}


@pytest.mark.parametrize("name", list(TEXT_FUNCTIONS))
@FAST
@given(text=TEXTS)
def test_text_functions_raise_nothing(name, text):
    TEXT_FUNCTIONS[name](text)


@FAST
@given(day=st.text("0123456789", max_size=3) | st.none(), month=st.text("0123456789", max_size=3) | st.none(),
       year=st.text("0123456789", max_size=5) | st.none())
def test_iso_date_is_a_date_or_none(day, month, year):
    value = iso_date(day, month, year)
    assert value is None or date.fromisoformat(value)


@FAST
@given(text=TEXTS, data=st.data())
def test_sentence_bounds_contain_the_position(text, data):
    pos = data.draw(st.integers(0, len(text)))
    start, end = sentence_bounds(text, pos)
    assert 0 <= start <= end <= len(text)


@FAST
@given(text=NUMBERS | st.text(max_size=20))
def test_parse_number_is_a_float_or_a_value_error(text):
    with contextlib.suppress(ValueError):
        assert isinstance(parse_number(text), float)


CELLS = st.one_of(st.none(), vietnamese_text(max_tokens=6), st.text(max_size=20))


@FAST
@given(tables=st.lists(st.lists(st.lists(CELLS, max_size=6), max_size=6), max_size=3), text=TEXTS,
       field=st.none() | st.sampled_from(["Hộ tịch", "Đất đai"]))
@example(tables=[[]], text="", field=None)  # a table without rows: IndexError before
def test_procedures_from_tables(tables, text, field):
    page = Page(1, text, tables=tables)
    assert_spans_inside(procedures_from_tables(page, field), [page])
    assert_spans_inside(find_procedures([page]), [page])


def assert_findings_inside(findings, pages: list[Page]) -> None:
    texts = {p.number: p.text for p in pages}
    for f in findings:
        assert f.rule_id and f.severity in ("error", "warning", "info") and f.message, f
        if f.page is None:
            continue
        assert f.page in texts, f
        if f.start is not None and f.end is not None:
            assert 0 <= f.start <= f.end <= len(texts[f.page]), f


def checked(pages: list[Page]) -> tuple[list, list[Page]]:
    doc = document(pages)
    stored = Document(doc, extract(doc))
    other_pages = [Page(1, "Căn cứ Quyết định số 05/2024/QĐ-UBND ngày 15 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh.")]
    other = document(other_pages)
    other.sha256 = "e" * 64
    corpus = Corpus([stored, Document(other, extract(other))])
    return run_rules(stored, corpus), pages


@FAST
@given(pages=pages_of())
@example(pages=[Page(1, "")])
def test_run_rules_raises_nothing_and_keeps_findings_in_the_page(pages):
    assert_findings_inside(*checked(pages))


@LARGE
@given(pages=pages_of(large_text()))
def test_run_rules_on_10_kb(pages):
    assert_findings_inside(*checked(pages))
