"""The failure classes ``rasoat eval --details`` groups misses by — synthetic gold / found pairs."""

import pytest

from rasoat.evaluate import Miss, Traits, citation_class, figure_class, group_misses, header_class

PLAIN = Traits()


@pytest.mark.parametrize(
    "name, found, expected, traits, label",
    [
        ("number", None, "12/2030/QĐ-UBND", PLAIN, "thiếu"),
        ("number", "12/2030/QĐ-UBN", "12/2030/QĐ-UBND", PLAIN, "sai"),
        ("issuer", None, "Ủy ban nhân dân tỉnh X", Traits(ocr=True), "trang OCR: thiếu"),
        ("issuer", "Ủy ban nhân dân tỉnh Y", "Ủy ban nhân dân tỉnh X", Traits(ocr=True), "trang OCR: sai"),
        ("doc_type", None, "Nghị định", Traits(legacy=True), "mã cũ TCVN3/VNI: thiếu"),
        ("issued_on", "2030-01-01", "2030-01-02", Traits(gazette_copy=True), "bản Công báo: sai"),
        ("issuer", "Bộ Tài chính", "Bộ Tài chính - Bộ Tư pháp", Traits(joint=True, ocr=True), "văn bản liên tịch: sai"),
        ("signer", None, "Nguyễn Văn A", Traits(gazette_copy=True), "người ký thiếu trên bản Công báo"),
        ("signer", None, "Nguyễn Văn A", PLAIN, "thiếu"),  # not a copy: plainly missing
        ("title", "Về việc quy định mức thu", "Về việc quy định mức thu phí thẩm định", PLAIN, "tiêu đề bị cắt"),
        ("title", None, "Về việc " + "quy định chi tiết " * 10, PLAIN, "tiêu đề dài: thiếu"),
        ("title", "Về việc khác", "Về việc quy định", PLAIN, "sai"),  # short, not a prefix
    ],
)
def test_header_class(name, found, expected, traits, label):
    assert header_class(name, found, expected, traits) == label


@pytest.mark.parametrize(
    "number, kind, others, own, label",
    [
        ("12/2031/ubtvqh15", "missed", ["12/2031/ubtvqhi15"], None, "nhiễu OCR"),  # one extra character
        ("6384/kh-ubnd", "extra", ["8384/kh-ubnd"], None, "nhiễu OCR"),  # one digit misread
        ("77/qđ-ttg", "missed", ["77/qđ"], None, "số bị cắt"),
        ("77/qđ", "extra", ["77/qđ-ttg"], None, "số bị cắt"),
        ("31/2030/nđ-cp", "extra", [], "31/2030/NĐ-CP", "số của chính văn bản"),
        ("31/2030/nđ-cp", "missed", [], "31/2030/NĐ-CP", "bỏ sót"),  # own number only explains an extra
        ("45/qđ-ubnd", "missed", ["9012/bc-snv"], None, "bỏ sót"),  # far from every extra
        ("45/qđ-ubnd", "extra", [], None, "thừa"),
        ("1/qđ-ubnd", "missed", ["1/qđ-ubnd-kt"], None, "số bị cắt"),
        ("12/qđ-ubnd", "missed", ["123/qđ-ubnd"], None, "nhiễu OCR"),  # near-miss: not a cut (no separator)
    ],
)
def test_citation_class(number, kind, others, own, label):
    assert citation_class(number, kind, others, own) == label


@pytest.mark.parametrize(
    "item, kind, text, label",
    [
        ((1, "count", 12.0), "extra", "12 hồ sơ", "thừa"),
        ((1, "percent", 46.5), "missed", "đạt 46,5%", "số thập phân"),
        ((1, "count", 1200.0), "missed", "có 1.200 - 1.500 lượt truy cập", "khoảng số"),
        ((1, "count", 1500.0), "missed", "có 1.200 - 1.500 lượt truy cập", "khoảng số"),
        ((1, "count", 37.0), "missed", "tiếp nhận 37 zzkhông hồ sơ", "đơn vị ngoài từ điển"),
        ((1, "count", 37.0), "missed", "tiếp nhận 37 hồ sơ", "bỏ sót"),  # a known unit: plainly missed
        ((1, "count", 37.0), "missed", None, "bỏ sót"),  # no page text to look at
    ],
)
def test_figure_class(item, kind, text, label):
    assert figure_class(item, kind, text) == label


def test_group_misses_counts_each_class_biggest_first():
    misses = [Miss("a.pdf", "citations", "missed", "1/qđ-ttg", "nhiễu OCR"),
              Miss("b.pdf", "citations", "extra", "2/qđ", "số bị cắt"),
              Miss("c.pdf", "citations", "missed", "3/qđ-ttg", "nhiễu OCR"),
              Miss("a.pdf", "header.signer", "missed", (None, "X"), "thiếu")]
    groups = group_misses(misses)
    assert list(groups) == ["citations", "header"]
    assert [(label, len(items)) for label, items in groups["citations"].items()] == [("nhiễu OCR", 2), ("số bị cắt", 1)]
    assert [m.file for m in groups["citations"]["nhiễu OCR"]] == ["a.pdf", "c.pdf"]


def _doc(*pages):
    from rasoat.models import Document, Page, SourceDocument

    return Document(SourceDocument(path="x.pdf", sha256="0", file_name="x.pdf",
                                   pages=[Page(number=i + 1, text=t, source=s, furniture=f)
                                          for i, (t, s, f) in enumerate(pages)]))


@pytest.mark.parametrize(
    "gold, pages, traits",
    [
        ({}, [("BỘ X\nSố: 1/2030/TT-BX", "text", "")], Traits()),
        ({}, [("BỘ X\nSố: 1/2030/TT-BX", "ocr", "")], Traits(ocr=True)),
        ({}, [("BỘ X", "tcvn3", "")], Traits(legacy=True)),
        ({"kind": "legacy"}, [("BỘ X", "doc", "")], Traits(legacy=True)),
        ({}, [("BỘ X", "text", "CÔNG BÁO/Số 7/Ngày 01-01-2030 12")], Traits(gazette_copy=True)),  # running header
        ({}, [("CÔNG BÁO/Số 7/Ngày 01-01-2030\nBỘ X", "text", "")], Traits(gazette_copy=True)),
        ({}, [("BỘ X\n" + "nội dung " * 60 + "đăng Công báo", "text", "")], Traits()),  # deep in the body: not a copy
        ({"header": {"number": "3/2030/TTLT-BX-BY"}}, [("", "text", "")], Traits(joint=True)),
        ({"header": {"number": "3/2030/TT-BX"}}, [("", "text", "")], Traits()),
        ({"header": {"number": "45/UBND-KT"}}, [("", "text", "")], Traits()),  # a công văn's unit, not a joint issuer
    ],
)
def test_traits_of(gold, pages, traits):
    from rasoat.evaluate import traits_of

    assert traits_of({"file": "x.pdf", **gold}, _doc(*pages)) == traits


def test_eval_details_prints_misses_by_class(tmp_path):
    import json

    from click.testing import CliRunner

    from rasoat.cli import cli

    (tmp_path / "vb.txt").write_text("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/2/2030 của Ủy ban nhân dân tỉnh;\n"
                                     "Thực hiện Kế hoạch số 34/KH-UBND ngày 3/2/2030;\n", encoding="utf-8")
    gold = dict(file="vb.txt", kind="administrative",
                citations=dict(pages="all", numbers=["12/QĐ-UBND", "34/KH-UBNO", "56/BC-UBND"]))
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["eval", str(tmp_path / "gold.jsonl"), "--corpus", str(tmp_path), "--details"])
    assert out.exit_code == 0, out.output
    tail = out.output.split("Các mục sai theo loại lỗi:")[1]
    assert "nhiễu OCR (2)" in tail and "bỏ sót (1)" in tail and "vb.txt: '56/bc-ubnd'" in tail
    plain = CliRunner().invoke(cli, ["eval", str(tmp_path / "gold.jsonl"), "--corpus", str(tmp_path)])
    assert "Các mục sai theo loại lỗi" not in plain.output
