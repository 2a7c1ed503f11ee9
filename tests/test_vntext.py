"""The text helpers every stage shares: one spelling for matching, and the search forms."""

import sqlite3

import pytest

from rasoat.vntext import fold, fold_what_sqlite_keeps, latin_lookalikes, unify


@pytest.mark.parametrize("text, expected", [
    ("Hoà Bình", "Hòa Bình"),  # old tone placement → new
    ("Uỷ ban", "Ủy ban"),
    ("hoàn thành", "hoàn thành"),  # closed syllable: already on the second vowel
    ("\u00d0ồng Nai", "Đồng Nai"),  # Ð (eth) → Đ
    ("hoà", "hòa"), ("UỶ BAN", "ỦY BAN"), ("THANH HOÁ", "THANH HÓA"), ("khoẻ", "khỏe"), ("Thuỷ", "Thủy"),
    ("cuả", "của"),  # ua ending the syllable: the mark on u
    ("quý", "quý"), ("quà", "quà"),  # after q the u is part of the consonant: left alone
    ("hoặc", "hoặc"), ("tuần", "tuần"), ("Huế", "Huế"), ("tuệ", "tuệ"), ("hòa", "hòa"),  # nothing to move
])
def test_unify(text, expected):
    assert unify(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Đăng ký kinh doanh", "dang ky kinh doanh"),
    ("93/NQ-HĐND", "93/nq-hdnd"),
    ("Ủy ban nhân dân", "uy ban nhan dan"),
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sở Tư pháp tỉnh Lâm Đồng, 93/NQ-HĐND", "dong, 93/nq-hdnd"),
    ("Ủy ban nhân dân tỉnh Thái Nguyên", ""),  # SQLite folds all of it
    ("đăng ký; \u00d0à Nẵng", "dang da"),
])
def test_fold_what_sqlite_keeps(text, expected):
    assert fold_what_sqlite_keeps(text) == expected


TEXT = ("Căn cứ Nghị quyết số 93/NQ-HĐND ngày 10 tháng 7 năm 2025 của Hội đồng nhân dân tỉnh Thái Nguyên "
        "về hỗ trợ đăng ký kinh doanh; Uỷ ban nhân dân tỉnh Đắk Lắk; Sở Tư pháp; đổi mới, điều chỉnh.")


@pytest.mark.parametrize("word", fold(TEXT).replace(";", " ").replace(",", " ").replace(".", " ").split())
def test_sqlite_and_the_folded_words_find_every_word_searched_without_diacritics(word):
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table t using fts5(text, folded, tokenize='unicode61 remove_diacritics 2')")
    conn.execute("insert into t values (?, ?)", [TEXT, fold_what_sqlite_keeps(TEXT)])
    phrase = '"' + word.replace('"', '""') + '"'  # as Datasette quotes each word of a search
    assert conn.execute("select count(*) from t where t match ?", [phrase]).fetchone()[0] == 1


@pytest.mark.parametrize("text, expected", [
    ("Nghị định số 40/2026/NĐ-СР", "Nghị định số 40/2026/NĐ-CP"),  # Cyrillic С, Р
    ("Thông tư số 67/2022/TT-\nBТС ngày", "Thông tư số 67/2022/TT-\nBTC ngày"),  # Cyrillic Т, С inside a Latin word
    ("SỐ: 12/QĐ-UBNД", "SỐ: 12/QĐ-UBNД"),  # Д is drawn like no Latin capital: as it is
    ("Quyết định số 5/ΚΗ-UBND", "Quyết định số 5/KH-UBND"),  # Greek Κ, Η
    # near misses: words of those scripts, and small letters, stay
    ("Hiệp định với ЛИТВА và РОССИЯ", "Hiệp định với ЛИТВА và РОССИЯ"),
    ("đặc tính cơ lý бn, σk", "đặc tính cơ lý бn, σk"),
    ("hệ số μ = 0,5", "hệ số μ = 0,5"),
    ("Nghị định số 40/2026/NĐ-CP", "Nghị định số 40/2026/NĐ-CP"),
])
def test_latin_lookalikes(text, expected):
    out = latin_lookalikes(text)
    assert out == expected and len(out) == len(text)


def test_a_number_typed_with_cyrillic_letters_is_read(tmp_path):
    from extract import extract
    from ingest import ingest_file

    f = tmp_path / "cong-van.txt"
    f.write_text("Căn cứ Nghị định số 40/2026/NĐ-СР ngày 02 tháng 02 năm 2026 của Chính phủ;\n", encoding="utf-8")
    doc = ingest_file(f)
    assert "NĐ-CP" in doc.pages[0].text
    assert [c.number for c in extract(doc).citations] == ["40/2026/NĐ-CP"]
