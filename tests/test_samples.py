"""Tests for the bundled sample corpus: samples/documents/*.txt and samples/build.py."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pdfplumber
import pytest
import reportlab  # noqa: F401

from rasoat.samples import builder

ROOT = Path(__file__).resolve().parents[1]


build = builder()
SAMPLES = build.sample_paths()

# Vietnamese numbers: "1.912" is one thousand nine hundred twelve, "92,26" a decimal.
NUM = r"\d{1,3}(?:\.\d{3})*"
BEFORE = r"(?<![\d/.,])"
AFTER = r"(?![\d/]|[.,]\d)"
FRACTION = re.compile(rf"{BEFORE}({NUM})/({NUM}){AFTER}")
# "197/209 xã, phường ..., đạt 92,26%": a fraction and the percent stated for it.
FRACTION_PERCENT = re.compile(
    rf"{BEFORE}({NUM})/({NUM}){AFTER}[^\d%;.]{{1,120}}?(?:đạt|bằng|chiếm)\s+(?:tỷ lệ\s+)?(\d+(?:,\d+)?)%"
)
# "36 công chức, viên chức (21 công chức; 13 viên chức; 02 nhân viên hợp đồng)": a total and its parts.
TOTAL_PARTS = re.compile(rf"{BEFORE}({NUM}){AFTER}\s+([^\d();%]{{1,60}}?)\s*\(([^()]+)\)")


def _int(text: str) -> int:
    return int(text.replace(".", ""))


def _body(name: str) -> str:
    _, lines = build.read_sample(build.DOCUMENTS / name)
    return "\n".join(build.plain(line) for line in lines)


def fraction_percents(text: str) -> list[tuple[int, int, Decimal, bool]]:
    """(numerator, denominator, printed percent, consistent?) for each stated pair."""
    out = []
    for m in FRACTION_PERCENT.finditer(text):
        num, den, printed = _int(m[1]), _int(m[2]), Decimal(m[3].replace(",", "."))
        step = Decimal(1).scaleb(printed.as_tuple().exponent)
        computed = (Decimal(num) * 100 / Decimal(den)).quantize(step, ROUND_HALF_UP)
        out.append((num, den, printed, computed == printed))
    return out


def totals_and_parts(text: str) -> list[tuple[int, int]]:
    """(stated total, sum of the parts) for each "N unit (a ...; b ...)" statement."""
    out = []
    for m in TOTAL_PARTS.finditer(text):
        inner = m[3]
        parts = inner.split(";") if ";" in inner else inner.split(",")
        numbers = [re.findall(rf"{BEFORE}{NUM}{AFTER}", part) for part in parts]
        if "%" in inner or len(parts) < 2 or any(len(n) != 1 for n in numbers):
            continue
        out.append((_int(m[1]), sum(_int(n[0]) for n in numbers)))
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("samples")
    return {p.stem: p for p in build.build_all(out)}


def test_corpus_has_the_expected_documents():
    names = {p.stem for p in SAMPLES}
    expected = {"nq-hdnd-tinh", "qd-ubnd-qppl", "nd-cp", "bc-cchc", "bc-cchc-sai", "qd-cong-bo-tthc",
                "cv-so-tu-phap", "tt-tu-trinh", "qd-ubnd-loi", "kh-ubnd"}
    assert expected <= names
    assert len(names) >= 10


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_front_matter_is_well_formed(path):
    text = path.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    meta, _ = build.read_sample(path)
    assert meta["kind"] in {"qppl", "administrative", "report", "cong_van"}
    assert re.fullmatch(r"Số: \d+(/\d{4})?/[A-ZĐa-z]+(-[A-ZĐa-z]+)*", meta["number_line"])
    m = re.fullmatch(r"[^,]+, ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})", meta["date_line"])
    assert m, meta["date_line"]
    day, month, year = int(m[1]), int(m[2]), int(m[3])
    dt.date(year, month, day)  # a real date
    # Nghị định 30/2020/NĐ-CP: a leading zero for days below 10 and for months 1 and 2 only.
    assert m[2] == (f"{month:02d}" if month < 3 else str(month))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_post_merger_documents_have_no_district_level(path):
    meta, _ = build.read_sample(path)
    d, mth, y = map(int, re.search(r"ngày (\d+) tháng (\d+) năm (\d+)", meta["date_line"]).groups())
    if dt.date(y, mth, d) >= dt.date(2025, 7, 1):
        body = _body(path.name).lower()
        assert "huyện" not in body and "thị trấn" not in body and "thị xã" not in body


def test_one_pdf_per_sample(pdfs):
    assert sorted(pdfs) == sorted(p.stem for p in SAMPLES)
    assert all(p.stat().st_size > 1000 for p in pdfs.values())


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_page_one_text_is_extractable(pdfs, path):
    meta, _ = build.read_sample(path)
    with pdfplumber.open(pdfs[path.stem]) as pdf:
        text = pdf.pages[0].extract_text()
    assert text == unicodedata.normalize("NFC", text)
    for expected in (meta["number_line"], meta["date_line"], build.QUOC_HIEU, build.TIEU_NGU):
        assert expected in text


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_header_columns_are_apart(pdfs, path):
    """Issuer block and Quốc hiệu block can be told apart by x-position."""
    with pdfplumber.open(pdfs[path.stem]) as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
    date_top = next(w["top"] for w in words if w["text"] == "ngày")
    header = [w for w in words if w["top"] <= date_top + 2]
    split = build.MARGIN_LEFT + build.HEADER_LEFT_W
    left = [w for w in header if w["x1"] <= split]
    right = [w for w in header if w["x0"] >= split]
    assert len(left) + len(right) == len(header), "a header word straddles the column boundary"
    assert min(w["x0"] for w in right) - max(w["x1"] for w in left) >= 10
    assert "CỘNG" in {w["text"] for w in right} and "Số:" in {w["text"] for w in left}


def test_later_pages_are_numbered(pdfs):
    with pdfplumber.open(pdfs["qd-ubnd-qppl"]) as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages[1:], start=2):
            assert page.extract_text().splitlines()[0].strip() == str(number)


def test_build_is_deterministic(pdfs, tmp_path):
    again = {p.stem: p for p in build.build_all(tmp_path)}
    for name, path in pdfs.items():
        assert path.read_bytes() == again[name].read_bytes(), name


def test_tthc_appendix_table(pdfs):
    with pdfplumber.open(pdfs["qd-cong-bo-tthc"]) as pdf:
        rows = [row for page in pdf.pages for table in page.extract_tables() for row in table]
    header = [c.replace("\n", " ") for c in rows[0]]
    assert header == ["STT", "Mã số TTHC", "Tên thủ tục hành chính", "Thời hạn giải quyết",
                      "Phí, lệ phí", "Cơ quan thực hiện"]
    codes = [row[1] for row in rows[1:] if row[1] and re.fullmatch(r"\d\.\d{6}", row[1])]
    assert len(codes) == 8 and len(set(codes)) == 8
    assert "Danh mục 08 thủ tục hành chính" in _body("qd-cong-bo-tthc.txt")


def test_report_has_exactly_one_fraction_percent_mismatch():
    pairs = fraction_percents(_body("bc-cchc.txt"))
    assert len(pairs) >= 8
    bad = [p for p in pairs if not p[3]]
    assert bad == [(197, 209, Decimal("92.26"), False)]
    assert all(total == parts for total, parts in totals_and_parts(_body("bc-cchc.txt")))
    assert len(totals_and_parts(_body("bc-cchc.txt"))) >= 5


def test_faulty_report_errors():
    text = _body("bc-cchc-sai.txt")
    assert all(ok for *_, ok in fraction_percents(text))
    sums = totals_and_parts(text)
    assert [s for s in sums if s[0] != s[1]] == [(18426, 18516)]
    over = [(_int(a), _int(b)) for a, b in FRACTION.findall(text) if _int(a) > _int(b)]
    assert over == [(97, 92)]


@pytest.mark.parametrize("path", [p for p in SAMPLES if p.stem not in {"bc-cchc", "bc-cchc-sai"}],
                         ids=lambda p: p.stem)
def test_other_documents_have_consistent_figures(path):
    text = _body(path.name)
    assert all(ok for *_, ok in fraction_percents(text))
    assert all(total == parts for total, parts in totals_and_parts(text))
    assert not [m for m in FRACTION.findall(text) if _int(m[0]) > _int(m[1])]
