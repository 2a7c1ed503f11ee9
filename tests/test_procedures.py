"""Administrative procedures (TTHC): codes and names from tables and text."""

import pytest

from extract import extract
from extract.procedures import find_procedures
from ingest import ingest_file
from rasoat.models import Page


def test_procedures_from_the_cong_bo_table(sample_pdfs):
    procs = extract(ingest_file(sample_pdfs["qd-cong-bo-tthc"])).procedures
    by_code = {p.code: p for p in procs}
    assert len(by_code) == len(procs) == 8  # each code once, though Điều 2 cites two of them again
    p = by_code["1.004746"]
    assert (p.source, p.name, p.field) == ("table", "Đăng ký khai sinh có yếu tố nước ngoài", "Hộ tịch")
    assert (p.agency, p.deadline, p.fee) == ("Ủy ban nhân dân cấp xã", "15 ngày", "50.000 đồng/trường hợp")
    assert by_code["1.003005"].field == "Nuôi con nuôi"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mã số 1.004227 - Thủ tục đăng ký thường trú", [("1.004227", "Thủ tục đăng ký thường trú")]),
        ("các thủ tục 1.004746 và 2.000528 được sửa đổi", [("1.004746", None), ("2.000528", None)]),
        ("tổng vốn 1.004.227 đồng", []),  # a money amount, not a code
        ("tăng 4.000227 lần", []),  # first digit of a code is 1–3
        ("Điều 1.2 và mục 1.004", []),
    ],
)
def test_codes_in_text(text, expected):
    assert [(p.code, p.name) for p in find_procedures([Page(1, text)])] == expected
