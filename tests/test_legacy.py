"""Legacy Vietnamese encodings (TCVN3/ABC, VNI) → Unicode NFC."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from ingest.legacy import (
    TCVN3,
    VIETNAMESE_LETTERS,
    VNI,
    convert,
    decode_runs,
    detect_encoding,
    encode,
    font_hint,
    font_key,
    repair_chars,
    repair_text,
    repair_words,
)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


# All 134 precomposed letters, built independently of the tables.
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
_BASES = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER = [nfc(b + t) for b in _BASES for t in _TONES if nfc(b + t) not in "aeiouy"] + ["đ"]
ALL_LETTERS = LOWER + [c.upper() for c in LOWER]
SENTENCE = ("Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Ủy ban nhân dân tỉnh Bình Phước; "
            "NGHỊ ĐỊNH 214/2030/NĐ-CP")


# --------------------------------------------------------------- the tables
def test_letter_inventory_is_134():
    assert len(ALL_LETTERS) == len(set(ALL_LETTERS)) == 134
    assert set(ALL_LETTERS) == VIETNAMESE_LETTERS


@pytest.mark.parametrize("table", [TCVN3, VNI], ids=["tcvn3", "vni"])
def test_tables_are_complete_and_one_to_one(table):
    assert set(table.values()) == set(ALL_LETTERS)
    assert len(table) == 134  # one legacy form per letter


# VNI marks rebuilt from their meaning, to check the hand-written table.
_VNI_TONE = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}


def _vni_meaning(seq: str) -> str:
    single = {"í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ", "ô": "ơ", "ö": "ư", "ñ": "đ"}
    low = seq.lower()
    if len(low) == 1:
        out = single[low]
    elif low[0] in "ôö" or low[1] in _VNI_TONE:
        out = nfc(single.get(low[0], low[0]) + _VNI_TONE[low[1]])
    elif low[1] in _VNI_HAT:
        out = nfc(low[0] + "\u0302" + _VNI_HAT[low[1]])
    else:
        out = nfc(low[0] + "\u0306" + _VNI_BREVE[low[1]])
    return out.upper() if seq[0].isupper() else out


def test_vni_table_matches_mark_meanings():
    for seq, letter in VNI.items():
        assert _vni_meaning(seq) == letter, seq


@pytest.mark.parametrize(
    "legacy, letter",
    [("µ", "à"), ("¸", "á"), ("¶", "ả"), ("·", "ã"), ("¹", "ạ"), ("¨", "ă"), ("©", "â"), ("®", "đ"), ("§", "Đ"),
     ("\u00ad", "ư"), ("¬", "ơ"), ("é", "ộ"), ("ñ", "ủ"), ("Ü", "ĩ"), ("Ö", "ệ"), ("ß", "ò"), ("÷", "ữ"), ("ý", "ý")],
)
def test_tcvn3_known_code_points(legacy, letter):
    assert TCVN3[legacy] == letter


# ------------------------------------------------------------- round trips
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_round_trip_every_letter(encoding):
    text = " ".join(ALL_LETTERS) + " " + SENTENCE
    legacy = encode(text, encoding)
    assert legacy != text
    assert convert(legacy, encoding) == nfc(text)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_round_trip_each_letter_in_a_word(encoding):
    for letter in ALL_LETTERS:
        word = "Ng" + letter + "n"
        assert convert(encode(word, encoding), encoding) == word


def test_tcvn3_uppercase_font_draws_lower_code_points_as_capitals():
    lower = " ".join(LOWER) + " " + SENTENCE.lower()
    assert convert(encode(lower, "tcvn3"), "tcvn3", uppercase_font=True) == lower.upper()


# ---------------------------------------------------------- known strings
@pytest.mark.parametrize(
    "legacy, encoding, upper, expected",
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "tcvn3", False, "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", False, "Độc lập - Tự do - Hạnh phúc"),
        ("Bé tr\u00adëng Bé KÕ ho¹ch vµ §Çu t\u00ad", "tcvn3", False, "Bộ trưởng Bộ Kế hoạch và Đầu tư"),
        ("n\u2212íc ngoµi", "tcvn3", False, "nước ngoài"),  # "ư" glyph named "minus" in some PDFs
        ("NGHÞ §ÞNH CñA CHÝNH PHñ", "tcvn3", True, "NGHỊ ĐỊNH CỦA CHÍNH PHỦ"),
        ("céng hßa x· héi chñ nghÜa viÖt nam", "tcvn3", True, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("§¡NG Ký KINH DOANH", "tcvn3", True, "ĐĂNG KÝ KINH DOANH"),
        ("39.897 tû ®ång", "tcvn3", False, "39.897 tỷ đồng"),
        # "ã" (0xB7, "·") given as U+2219 by some producers, in a body and an upper-case font
        ("b¶o l\u2219nh, x\u2219 héi", "tcvn3", False, "bảo lãnh, xã hội"),
        ("céng hoµ x\u2219 héi", "tcvn3", True, "CỘNG HOÀ XÃ HỘI"),
        ("COÄNG HOAØ XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni", False, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", False, "Độc lập - Tự do - Hạnh phúc"),
        ("UÛY BAN NHAÂN DAÂN TÆNH BÌNH PHÖÔÙC", "vni", False, "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"),
        ("Quyeát ñònh soá 14/2030/QÑ-UBND", "vni", False, "Quyết định số 14/2030/QĐ-UBND"),
        ("keát quûa; thuôû; ngöôøi; khuyeán; quyõ", "vni", False, "kết qủa; thuở; người; khuyến; quỹ"),
        ("Aùnh saùng, Ñaét", "vni", False, "Ánh sáng, Đắt"),  # capital base, small mark
        ("Tröông Taán Phaùt", "vni", False, "Trương Tấn Phát"),
        ("Cộng hòa", "unicode", False, "Cộng hòa"),
        ("Co\u0302\u0323ng", "unicode", False, "Cộng"),  # NFC
    ],
)
def test_convert_known_strings(legacy, encoding, upper, expected):
    assert convert(legacy, encoding, uppercase_font=upper) == expected


def test_convert_rejects_unknown_encoding():
    with pytest.raises(ValueError):
        convert("abc", "viscii")
    with pytest.raises(ValueError):
        encode("abc", "viscii")


# -------------------------------------------------------------- font names
@pytest.mark.parametrize(
    "fontname, hint",
    [
        ("BADEPR+.VnTime", ("tcvn3", False)),
        ("BADEPR+.VnTime,Bold", ("tcvn3", False)),
        ("CCBOCO+.VnTimeH", ("tcvn3", True)),
        ("BADEPR+.VnTimeH,Bold", ("tcvn3", True)),
        (".VnTimeH-BoldItalic", ("tcvn3", True)),
        ("BADEPR+.Vn3DH", ("tcvn3", True)),
        (".VnArial", ("tcvn3", False)),
        ("VnTimeH", ("tcvn3", True)),
        ("GDNPMG+VnTimeHBold", ("tcvn3", True)),  # no dot, style glued to the family
        ("VnArialHItalic", ("tcvn3", True)),
        ("ABCDEF+VnTimeBold", ("tcvn3", False)),
        ("VNI-Times", ("vni", False)),
        ("ABCDEF+VNI-Times-Bold", ("vni", False)),
        ("TimesNewRomanPSMT", (None, False)),
        ("Times-Roman", (None, False)),
        ("CCBPAA+ArialMT", (None, False)),
        ("Vnexpress", (None, False)),
        (None, (None, False)),
    ],
)
def test_font_hint(fontname, hint):
    assert font_hint(fontname) == hint


def test_font_key_drops_subset_tag():
    assert font_key("CCBODP+.VnTime") == font_key("CCBOEA+.VnTime") == ".VnTime"
    assert font_key(None) is None


# --------------------------------------------------------------- detection
@pytest.mark.parametrize(
    "text, fontname, expected",
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "ABCDEF+.VnTime", "tcvn3"),
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", None, "tcvn3"),  # statistics alone
        ("ñ", "BADEPR+.VnTimeH", "tcvn3"),  # one-letter run: the font decides
        ("§", ".VnTime", "tcvn3"),
        ("Sè", ".VnTime", "tcvn3"),
        ("x·", None, "tcvn3"),
        ("n\u2212íc", "CCBODP+.VnTime", "tcvn3"),
        ("Coäng hoaø xaõ hoäi", None, "vni"),
        ("Ñoàng Xoaøi", "VNI-Times", "vni"),
        ("Quyeát ñònh", ".VnTime", "vni"),  # characters overrule a wrong font name
        # Unicode text under a legacy font name stays Unicode
        ("Cộng hòa xã hội chủ nghĩa Việt Nam", ".VnTime", "unicode"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ".VnTimeH", "unicode"),
        ("Hà Nội", "BADEPR+.VnTime", "unicode"),
        ("Bình", ".VnTime", "unicode"),  # "Bỡnh" is not a syllable
        ("Trương Tấn Phát", "VNI-Times", "unicode"),
        ("Cộng hòa", None, "unicode"),
        ("Hello world", None, "unicode"),
        ("España", None, "unicode"),
        ("Céng", None, "unicode"),  # no legacy-only character, no font: leave it
        ("2004", None, "unicode"),
        ("", None, "unicode"),
    ],
)
def test_detect_encoding(text, fontname, expected):
    assert detect_encoding(text, fontname) == expected


# ------------------------------------------------------ runs from pdfplumber
def _chars(text: str, fontname: str, top: float = 100.0) -> list[dict]:
    """Char dicts shaped like pdfplumber's (only the keys used here)."""
    return [{"text": c, "fontname": fontname, "x0": 10.0 * i, "x1": 10.0 * i + 9, "top": top}
            for i, c in enumerate(text)]


def test_pdfplumber_chars_grouped_by_font_into_runs():
    # What a TCVN3 PDF gives: per-char fontname with a subset tag; the header
    # line is in the upper-case font, the body in .VnTime, digits in Times.
    chars = (
        _chars("céng hßa x· héi chñ nghÜa viÖt nam", "BADEPR+.VnTimeH,Bold")
        + _chars("\n", "")
        + _chars("Hµ néi, ngµy ", "BADEPR+.VnTime")
        + _chars("02", "Times-Roman")
        + _chars(" th¸ng 4 n¨m 2004", "BADEPR+.VnTime")
    )
    # Group consecutive chars by font (subset tag ignored) → (text, fontname) runs.
    runs = [
        ("".join(c["text"] for c in group), font)
        for font, group in itertools.groupby(chars, key=lambda c: font_key(c["fontname"]))
    ]
    assert [f for _, f in runs] == [".VnTimeH,Bold", None, ".VnTime", "Times-Roman", ".VnTime"]
    assert decode_runs(runs) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà nội, ngày 02 tháng 4 năm 2004"


def test_short_runs_follow_their_font_verdict():
    # A lone "ñ" in .VnTimeH ("Ủy") and a lone "−" subset font ("ư").
    runs = [
        ("ñ", "BADEPR+.VnTimeH"), ("y ban nh©n d©n", "BADEPR+.VnTime"), (" ", None),
        ("n", "CCBOEA+.VnTime"), ("\u2212", "CCBODP+.VnTime"), ("íc", "CCBOEA+.VnTime"),
    ]
    assert decode_runs(runs) == "Ủy ban nhân dân nước"


def test_unicode_document_declaring_vn_fonts_is_not_converted():
    text = "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nBình Phước, hóa đơn"
    runs = [(line + "\n", "ABCDEF+.VnTime") for line in text.split("\n")] + [("ABC", "ABCDEF+.VnTimeH")]
    assert decode_runs(runs) == text + "\nABC"
    # per-char repair leaves every char as it is
    chars = _chars(text, "ABCDEF+.VnTime")
    assert [c["text"] for c in repair_chars(chars)] == list(text)


def test_repair_chars_tcvn3_one_to_one_and_input_untouched():
    chars = _chars("Céng hoµ", "XYZABC+.VnTime") + _chars("ñ", "XYZABC+.VnTimeH")
    fixed = repair_chars(chars)
    assert "".join(c["text"] for c in fixed) == "Cộng hoàỦ"
    assert len(fixed) == len(chars)
    assert chars[1]["text"] == "é"  # the caller's dicts are not modified


def test_repair_chars_vni_merges_marks():
    chars = _chars("Coäng hoaø", "VNI-Times")
    fixed = repair_chars(chars)
    assert "".join(c["text"] for c in fixed) == "Cộng hoà"
    assert len(fixed) == len(chars) - 2
    merged = fixed[1]  # "o" + "ä" → "ộ" spans both glyphs
    assert (merged["x0"], merged["x1"]) == (chars[1]["x0"], chars[2]["x1"])


def test_repair_words_with_chars_from_two_subset_fonts():
    word_chars = _chars("n", "CCBOEA+.VnTime") + _chars("\u2212", "CCBODP+.VnTime") + _chars("íc", "CCBOEA+.VnTime")
    words = [
        {"text": "n\u2212íc", "chars": word_chars},
        {"text": "ngoµi", "chars": _chars("ngoµi", "CCBOEA+.VnTime")},
        {"text": "CñA", "fontname": "CCBOCO+.VnTimeH"},  # extra_attrs=["fontname"] style
        {"text": "Hà"},  # no font information
    ]
    assert [w["text"] for w in repair_words(words)] == ["nước", "ngoài", "CỦA", "Hà"]


# ------------------------------------------------------------- plain text
def test_repair_text_vni_with_a_unicode_name():
    text = "QUYEÁT ÑÒNH:\nÑieàu 1. Pheâ duyeät Keá hoaïch.\nTM. UÛY BAN NHAÂN DAÂN TÆNH | CHUÛ TÒCH\nTrương Tấn Phát"
    assert repair_text(text) == (
        "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Kế hoạch.\nTM. ỦY BAN NHÂN DÂN TỈNH | CHỦ TỊCH\nTrương Tấn Phát"
    )


@pytest.mark.parametrize(
    "text",
    ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Hello, world", "hóa đơn giá trị gia tăng 10%", ""],
)
def test_repair_text_leaves_unicode_alone(text):
    assert repair_text(text) == text


def test_repair_text_tcvn3():
    assert repair_text("Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc") == (
        "Cộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"
    )


def test_one_font_mixing_legacy_and_unicode_runs():
    # Word files often hold converted and unconverted text under one font name.
    runs = [("1. Ph¹m vi ®iÒu chØnh", ".VnTime"), ("\n", None), ("Ủy ban nhân dân tỉnh", ".VnTime")]
    assert decode_runs(runs) == "1. Phạm vi điều chỉnh\nỦy ban nhân dân tỉnh"


def test_symbols_in_a_unicode_document_with_vn_font_stay():
    runs = [("Cộng hòa xã hội chủ nghĩa Việt Nam ", ".VnTime"), ("© 2024 §3", ".VnTime")]
    assert decode_runs(runs) == "Cộng hòa xã hội chủ nghĩa Việt Nam © 2024 §3"


@pytest.mark.parametrize(
    "runs, expected",
    [
        # a title typed in sentence case in an upper-case font reads as capitals, "ã" as U+2219 included
        ([("Th«ng t", "GDNPMG+VnTimeHBold"), ("\u2212", "GDNPMF+VnTimeHBold"),
          (" b¶o l\u2219nh", "GDNPMG+VnTimeHBold")],
         "THÔNG TƯ BẢO LÃNH"),
        # a Unicode document whose bullet operator sits in a plain font stays as it is
        ([("Chỉ số a \u2219 b của tỉnh", "ArialMT")], "Chỉ số a \u2219 b của tỉnh"),
        # the same sign under a .Vn name in a Unicode document stays too
        ([("Cộng hòa xã hội chủ nghĩa Việt Nam \u2219 Độc lập", "GDNPNI+.VnTime")],
         "Cộng hòa xã hội chủ nghĩa Việt Nam \u2219 Độc lập"),
    ],
)
def test_decode_runs_aliases_and_upper_case_fonts(runs, expected):
    assert decode_runs(runs) == expected
