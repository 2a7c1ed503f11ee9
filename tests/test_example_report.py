"""The real report our users start from (../shared/examples): the 91/101 vs
46,2 % disagreement is found; the consistent figures are extracted and not
flagged."""

from rasoat.pipeline import process_file


def test_example_report(example_report):
    doc = process_file(example_report)
    assert doc.source.error is None
    figures = doc.extraction.figures
    fractions = {(f.numerator, f.denominator) for f in figures if f.kind == "fraction"}
    assert {(197, 197), (431, 447), (145, 431), (91, 101)} <= fractions
    percents = {f.percent for f in figures if f.kind == "percent"}
    assert {46.2, 33.64} <= percents
    total = next(f for f in figures if f.value == 29)
    parts = [f.value for f in figures if f.parent == figures.index(total)]
    assert parts == [3, 25, 1]

    fig001 = [f for f in doc.findings if f.rule_id == "FIG001"]
    assert len(fig001) == 1
    assert "91/101" in fig001[0].message and "46,2" in fig001[0].message
    evidence = doc.source.pages[fig001[0].page - 1].text[fig001[0].start : fig001[0].end]
    assert "46,2" in evidence
    # 145/431 = 33,64 %: consistent, not flagged; the sum 3 + 25 + 1 = 29 holds.
    assert not any("145/431" in f.message for f in doc.findings)
    assert not [f for f in doc.findings if f.rule_id == "FIG004"]
    errors = [f for f in doc.findings if f.severity == "error"]
    assert errors == fig001
