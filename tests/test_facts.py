"""rasoat.facts and the JSON data files it reads."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from importlib import resources

import pytest

from rasoat import effect, facts

DATA_FILES = ["doc_types", "bodies", "competence", "effect_rules", "format"]


# --------------------------------------------------------------------------- data files


RECORD_LISTS = [
    ("doc_types", "types"),
    ("bodies", "central"),
    ("bodies", "provinces"),
    ("bodies", "admin_units"),
    ("bodies", "local_kinds"),
    ("bodies", "departments"),
    ("competence", "regimes"),
    ("competence", "rows"),
    ("effect_rules", "min_gap_days"),
    ("effect_rules", "repealed"),
]


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_is_nfc_json(name):
    text = resources.files("rasoat").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text
    assert json.loads(text)


@pytest.mark.parametrize("name, key", RECORD_LISTS)
def test_every_record_has_a_source(name, key):
    records = facts.load(name)[key]
    assert records
    for r in records:
        assert isinstance(r.get("source"), str) and r["source"].strip(), r


def test_every_format_constant_has_a_source():
    for key, value in facts.format_constants().items():
        if key == "meta":
            continue
        if key == "symbol_patterns":
            assert all(v["source"] for v in value.values())
        else:
            assert value["source"], key


def test_province_counts():
    provs = facts.bodies()["provinces"]
    on_before = [p for p in provs if facts.in_interval("2024-06-01", p["valid_from"], p["valid_until"])]
    on_2025h1 = [p for p in provs if facts.in_interval("2025-03-01", p["valid_from"], p["valid_until"])]
    on_after = [p for p in provs if facts.in_interval("2025-07-01", p["valid_from"], p["valid_until"])]
    assert len(on_before) == 63
    assert len(on_2025h1) == 63
    assert len(on_after) == 34
    assert "Tỉnh Thừa Thiên Huế" in {p["name"] for p in on_before}
    assert "Thành phố Huế" in {p["name"] for p in on_2025h1}
    assert "Tỉnh Thừa Thiên Huế" not in {p["name"] for p in on_2025h1}


def test_ministries_2025():
    central = facts.bodies()["central"]
    ministries = [b for b in central
                  if b["kind"] == "bo" and facts.in_interval("2025-03-01", b["valid_from"], b["valid_until"])]
    ngang_bo = [b for b in central
                if b["kind"] == "co_quan_ngang_bo"
                and facts.in_interval("2025-03-01", b["valid_from"], b["valid_until"])]
    assert len(ministries) == 14  # NQ 176/2025/QH15
    assert {b["abbr"] for b in ngang_bo} == {"NHNN", "TTCP", "VPCP"}
    gone = {b["abbr"] for b in central if b["valid_until"] == "2025-02-28"}
    assert gone == {"BKHĐT", "BGTVT", "BTTTT", "BLĐTBXH", "BNNPTNT", "BTNMT", "UBDT"}


# --------------------------------------------------------------------------- doc types


@pytest.mark.parametrize(
    "abbr, expected",
    [
        ("QĐ", "Quyết định"),
        ("NĐ", "Nghị định"),
        ("TT", "Thông tư"),
        ("NQ", "Nghị quyết"),
        ("BC", "Báo cáo"),
        ("TTr", "Tờ trình"),
        ("KH", "Kế hoạch"),
        ("TB", "Thông báo"),
        ("GM", "Giấy mời"),
        ("CĐ", "Công điện"),
        ("QyĐ", "Quy định"),
        ("CTr", "Chương trình"),
        ("SY", "Bản sao y"),
        ("TrS", "Bản trích sao"),
        ("SL", "Bản sao lục"),
        ("TTLT", "Thông tư liên tịch"),
        ("NQLT", "Nghị quyết liên tịch"),
        ("L", "Lệnh"),
        ("Luật", "Luật"),
        ("Pháp lệnh", "Pháp lệnh"),
        # negatives: case matters, công văn has no abbreviation
        ("QYĐ", None),
        ("TTR", None),
        ("Ttr", None),
        ("CV", None),
        ("XX", None),
        ("", None),
        (None, None),
    ],
)
def test_doc_type_name(abbr, expected):
    assert facts.doc_type_name(abbr) == expected


def test_phu_luc_iii_is_complete():
    admin = {t["abbr"] for t in facts.doc_types() if t["admin"] and t["abbr"]}
    copies = {t["abbr"] for t in facts.doc_types() if t["copy"]}
    assert admin == set(
        "NQ QĐ CT QC QyĐ TC TB HD CTr KH PA ĐA DA BC BB TTr HĐ CĐ BGN BTT GUQ GM GGT GNP PG PC PB".split()
    )
    assert copies == {"SY", "TrS", "SL"}


@pytest.mark.parametrize(
    "word, expected",
    [
        ("QUYẾT ĐỊNH", "QĐ"),
        ("KẾ HOẠCH", "KH"),
        ("TỜ TRÌNH", "TTr"),
        ("BÁO CÁO", "BC"),
        ("Kế hoạch", "KH"),
        ("GIẤY UỶ QUYỀN", "GUQ"),  # old tone placement
        ("BẢN THOẢ THUẬN", "BTT"),
        ("NGHỊ  ĐỊNH", "NĐ"),
        ("THÔNG TƯ LIÊN TỊCH", "TTLT"),
        ("CÔNG ĐIỆN", "CĐ"),
        ("LUẬT", None),  # no abbreviation
        ("CÔNG VĂN", None),
        ("BIÊN LAI", None),
    ],
)
def test_title_word_to_abbr(word, expected):
    assert facts.title_word_to_abbr(word) == expected


# --------------------------------------------------------------------------- regimes, effect


@pytest.mark.parametrize(
    "d, expected",
    [
        ("2016-07-01", "2015"),
        ("2025-03-31", "2015"),
        ("2025-04-01", "2025"),
        (date(2025, 6, 30), "2025"),
        ("2025-07-01", "2025-87"),
        ("2026-01-15", "2025-87"),
    ],
)
def test_regime_on(d, expected):
    assert facts.regime_on(d) == expected


@pytest.mark.parametrize(
    "level, d, expected",
    [
        ("central", "2024-05-01", 45),
        ("province", "2024-05-01", 10),
        ("district", "2024-05-01", 7),
        ("commune", "2025-03-31", 7),
        ("central", "2025-04-01", 45),
        ("district", "2025-04-01", 10),
        ("commune", "2025-08-01", 10),
        ("province", "2025-08-01", 10),
        ("nowhere", "2025-08-01", None),
    ],
)
def test_min_effect_gap_days(level, d, expected):
    assert facts.min_effect_gap_days(level, d) == expected


@pytest.mark.parametrize(
    "number, d, repealed",
    [
        ("Luật 80/2015/QH13", "2025-04-01", True),
        ("80/2015/QH13", "2025-03-31", False),
        ("Luật số 63/2020/QH14", "2025-05-10", True),
        ("Nghị định số 34/2016/NĐ-CP", "2025-04-02", True),
        ("34/2016/ND-CP", "2025-04-02", True),  # without Đ
        ("34/2016/NĐ-CP", "2024-12-31", False),
        ("154/2020/NĐ-CP", "2025-06-01", True),
        ("110/2004/NĐ-CP", "2021-01-01", True),
        ("30/2020/NĐ-CP", "2025-06-01", False),
        ("64/2025/QH15", "2025-06-01", False),
        ("77/2015/QH13", "2025-08-01", False),  # unverified in facts: not rule data
        ("không có số", "2025-06-01", False),
    ],
)
def test_repealed_on(number, d, repealed):
    r = effect.repealed_on(number, d)
    assert (r is not None) is repealed
    if r:
        assert r["source"]


@pytest.mark.parametrize(
    "issuer, t, d, expected",
    [
        ("chinh_phu", "NĐ", "2024-01-01", True),
        ("chinh_phu", "Nghị định", "2025-08-01", True),
        ("bo_truong", "NĐ", "2024-01-01", False),
        ("thu_tuong", "QĐ", "2024-01-01", True),
        ("bo_truong", "TT", "2024-01-01", True),
        ("ubnd_tinh", "TT", "2024-01-01", False),
        ("hdnd_tinh", "NQ", "2024-01-01", True),
        ("ubnd_tinh", "QĐ", "2025-05-01", True),
        ("hdnd_tinh", "QĐ", "2025-05-01", False),
        ("tong_ktnn", "QĐ", "2024-01-01", True),
        ("tong_ktnn", "TT", "2024-01-01", False),
        ("tong_ktnn", "TT", "2025-04-01", True),
        ("chu_tich_ubnd_tinh", "QĐ", "2025-06-30", False),
        ("chu_tich_ubnd_tinh", "QĐ", "2025-07-01", True),
        ("ubnd_huyen", "QĐ", "2024-01-01", None),  # only when a luật/NQ QH assigns it
        ("ubnd_huyen", "QĐ", "2025-07-15", False),
        ("hdnd_xa", "NQ", "2025-05-01", False),
        ("hdnd_xa", "NQ", "2025-07-15", True),
        ("chinh_phu", "NQ", "2024-01-01", None),  # Luật 63/2020 point unverified
        ("chinh_phu", "NQ", "2025-04-01", True),
        ("UBND cấp tỉnh", "QĐ", "2024-01-01", True),  # label form
        ("ubnd_tinh", "KH", "2024-01-01", None),  # not a QPPL type
        ("someone", "QĐ", "2024-01-01", None),
    ],
)
def test_can_issue(issuer, t, d, expected):
    assert facts.can_issue(issuer, t, d) is expected


def test_competence_rows_have_sources():
    for r in facts.load("competence")["rows"]:
        assert r["source"]
        assert set(r["regimes"]) <= {"2015", "2025", "2025-87"}
        assert facts.doc_type(r["type"]) is not None, r


# --------------------------------------------------------------------------- format


def test_format_constants():
    f = facts.format_constants()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in f["quoc_hieu"]["exact"]
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in f["quoc_hieu"]["exact"]
    assert f["tieu_ngu"]["exact"] == ["Độc lập - Tự do - Hạnh phúc"]
    assert [p["prefix"] for p in f["signing_prefixes"]["values"]] == ["TM.", "KT.", "Q.", "TL.", "TUQ."]
    assert "".join(f["diem_sequence"]["values"]) == "abcdđeghiklmnopqrstuvxy"
    for key in ("quoc_hieu", "tieu_ngu", "signing_prefixes", "deputy_titles", "diem_sequence", "date_line",
                "tthc_code", "qh_terms"):
        assert f[key]["source"], key


@pytest.mark.parametrize(
    "line, ok",
    [
        ("Lâm Đồng, ngày 05 tháng 01 năm 2024", True),
        ("Hà Nội, ngày 29 tháng 6 năm 2019", True),
        ("Thành phố Hồ Chí Minh, ngày 31 tháng 12 năm 2024", True),
        ("Lâm Đồng, ngày 5 tháng 01 năm 2024", False),
        ("Lâm Đồng, ngày 05 tháng 1 năm 2024", False),
        ("Lâm Đồng, ngày 05 tháng 06 năm 2024", False),
        ("Lâm Đồng ngày 05 tháng 01 năm 2024", False),
    ],
)
def test_date_line_regex(line, ok):
    assert bool(re.match(facts.format_constants()["date_line"]["regex"], line)) is ok


@pytest.mark.parametrize("code, ok", [("1.004227", True), ("2.000206", True), ("3.000301", True),
                                      ("4.000001", False), ("1.04227", False), ("1-004227", False)])
def test_tthc_regex(code, ok):
    assert bool(re.match(facts.format_constants()["tthc_code"]["regex"], code)) is ok


@pytest.mark.parametrize("deputy, ok", [("PHÓ CHỦ TỊCH", True), ("THỨ TRƯỞNG", True), ("PHÓ GIÁM ĐỐC", True),
                                        ("CHỦ TỊCH", False), ("BỘ TRƯỞNG", False)])
def test_deputy_title_regex(deputy, ok):
    assert bool(re.match(facts.format_constants()["deputy_titles"]["after_kt_regex"], deputy)) is ok


@pytest.mark.parametrize(
    "term, d, expected",
    [(15, "2024-03-01", True), (15, "2021-08-01", True), (14, "2021-03-01", True), (14, "2024-03-01", False),
     (13, "2015-11-25", True), (16, "2024-03-01", False), (16, "2026-09-01", None)],
)
def test_qh_term_ok(term, d, expected):
    assert facts.qh_term_ok(term, d) is expected
