"""The rule catalogue on whole documents: every planted error of the sample corpus (samples/README.md) is
found in the database built by the real CLI, the clean samples give no error, and the real Bắc Kạn report
gives its two known findings and no other error."""

import re
import sqlite3

import pytest

from rasoat.pipeline import process_file
from rules import Corpus, catalogue, run_rules

PLANTED = [
    ("bc-cchc", "FIG001", "197/209"),
    ("bc-cchc-sai", "FIG004", "18.426"),
    ("bc-cchc-sai", "FIG002", "97/92"),
    ("qd-ubnd-loi", "NUM001", "15/QĐ-UBND"),
    ("qd-ubnd-loi", "DAT004", "kể từ ngày ký"),
    ("qd-ubnd-loi", "FMT007", "thiếu Điều 3"),
    ("qd-ubnd-loi", "FMT008", "\"f)\""),
]
CLEAN = ["nq-hdnd-tinh", "qd-ubnd-qppl", "tt-tu-trinh", "nd-cp", "qd-cong-bo-tthc", "cv-so-tu-phap", "kh-ubnd",
         "tb-ket-luan", "gm-tap-huan"]


@pytest.fixture(scope="module")
def stored_findings(sample_db):
    con = sqlite3.connect(sample_db)
    rows = con.execute("select d.file_name, f.rule_id, f.severity, f.message, f.evidence, f.page, f.start, f.end "
                       "from findings f join documents d on d.id = f.document_id").fetchall()
    texts = {(name, page): text for name, page, text in con.execute(
        "select d.file_name, p.page, p.text from pages p join documents d on d.id = p.document_id")}
    con.close()
    return rows, texts


@pytest.mark.parametrize("stem, rule_id, what", PLANTED)
def test_planted_error_is_found_with_evidence(stored_findings, stem, rule_id, what):
    rows, texts = stored_findings
    hits = [r for r in rows if r[0] == f"{stem}.pdf" and r[1] == rule_id and what in r[3] + r[4]]
    assert hits, [r for r in rows if r[0] == f"{stem}.pdf"]
    name, _, severity, _, _, page, start, end = hits[0]
    assert severity == "error"
    assert texts[(name, page)][start:end].strip()


@pytest.mark.parametrize("stem", CLEAN)
def test_clean_sample_has_no_error(stored_findings, stem):
    rows, _ = stored_findings
    assert [r for r in rows if r[0] == f"{stem}.pdf" and r[2] == "error"] == []


def test_samples_with_errors_have_no_other_error(stored_findings):
    rows, _ = stored_findings
    errors = {(r[0].removesuffix(".pdf"), r[1]) for r in rows if r[2] == "error"}
    assert errors == {(stem, rule_id) for stem, rule_id, _ in PLANTED}


def test_catalogue_is_complete_and_stored(sample_db):
    rules = catalogue()
    assert len(rules) >= 25
    for r in rules:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", r.id)
        assert r.severity in ("error", "warning", "info")
        assert r.title and r.category and re.search(r"(NĐ|Luật|NQ|QĐ|TT)\s*\d", r.legal_basis), r
        assert re.search(r"[àáảãạăâđêôơưèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", r.title.lower()), r.title  # Vietnamese
    con = sqlite3.connect(sample_db)
    stored = {row[0] for row in con.execute("select id from rules")}
    con.close()
    assert stored == {r.id for r in rules}


def test_bac_kan_report(example_report):
    doc = process_file(example_report)
    errors = [f for f in doc.findings if f.severity == "error"]
    assert [(f.rule_id, "91/101" in f.message) for f in errors] == [("FIG001", True)]
    spelling = [f for f in doc.findings if f.rule_id == "SPL001"]
    assert len(spelling) == 1 and "\"trến\"" in spelling[0].message and "\"trên\"" in spelling[0].message
    assert doc.source.pages[0].text[spelling[0].start : spelling[0].end] == "trến"


def test_bac_kan_report_against_the_samples(example_report, sample_pdfs):
    """The sample NQ 12/2024/NQ-HĐND of HĐND tỉnh Bắc Kạn is the only stored QPPL of Bắc Kạn in 2024."""
    report = process_file(example_report)
    corpus = Corpus([report, process_file(sample_pdfs["nq-hdnd-tinh"]), process_file(sample_pdfs["bc-cchc"])])
    reg = [f for f in run_rules(report, corpus) if f.rule_id == "REG001"]
    province = [f for f in reg if "cấp tỉnh" in f.message]
    assert len(province) == 1 and province[0].severity == "info"
    assert "nêu 46" in province[0].message and "có 1 (12/2024/NQ-HĐND)" in province[0].message
    assert not [f for f in run_rules(report, corpus) if f.severity == "error" and f.rule_id != "FIG001"]
