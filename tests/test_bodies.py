"""Issuing bodies named in running text: found with spaCy's PhraseMatcher,
normalised through the gazetteer with the document's issuer as context."""

import pytest

from extract import extract
from extract.bodies import find_bodies
from ingest import ingest_file
from rasoat.models import Page

TEXT = ("Căn cứ Nghị định số 30/2020/NĐ-CP của Chính phủ; theo đề nghị của Giám đốc Sở Tư pháp, UBND tỉnh đã giao "
        "Bộ Kế hoạch và Đầu tư và Ủy ban nhân dân tỉnh Lâm\nĐồng phối hợp với UBND cấp huyện.")


def mentions(text=TEXT, issuer="Ủy ban nhân dân tỉnh Bắc Kạn", on="2024-05-01"):
    return {m.raw: m for m in find_bodies([Page(1, text)], context_issuer=issuer, on=on)}


@pytest.mark.parametrize(
    "raw, name, level",
    [
        ("Chính phủ", "Chính phủ", "central"),
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Kạn", "province"),  # the document's own province
        ("Bộ Kế hoạch và Đầu tư", "Bộ Kế hoạch và Đầu tư", "central"),
        ("Ủy ban nhân dân tỉnh Lâm\nĐồng", "Ủy ban nhân dân tỉnh Lâm Đồng", "province"),  # across a line break
        ("UBND cấp huyện", "Ủy ban nhân dân cấp huyện", "district"),  # every district, not one body
    ],
)
def test_body_mention(raw, name, level):
    m = mentions()[raw]
    assert (m.name, m.level) == (name, level)
    assert TEXT[m.start : m.end] == raw


@pytest.mark.parametrize(
    "text, raw, name, level",
    [
        ("Giao UBND CẤP HUYỆN báo cáo.", "UBND CẤP HUYỆN", "Ủy ban nhân dân cấp huyện", "district"),
        ("HĐND CẤP XÃ thông qua.", "HĐND CẤP XÃ", "Hội đồng nhân dân cấp xã", "commune"),
        ("Ủy ban nhân dân Cấp Tỉnh chỉ đạo.", "Ủy ban nhân dân Cấp Tỉnh", "Ủy ban nhân dân cấp tỉnh", "province"),
    ],
)
def test_generic_level_in_capitals(text, raw, name, level):
    m = mentions(text)[raw]
    assert (m.name, m.level) == (name, level)


def test_no_body_in_plain_text():
    assert mentions("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5%; người dân hài lòng.") == {}


def test_citation_issuer_is_normalised(sample_pdfs):
    x = extract(ingest_file(sample_pdfs["qd-ubnd-qppl"]))
    by_number = {c.number: c for c in x.citations if c.number}
    assert by_number["30/2020/NĐ-CP"].issuer == "Chính phủ"
    assert any(m.name == "Ủy ban nhân dân tỉnh Lâm Đồng" for m in x.bodies)
