"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI) → Unicode NFC.

Before Unicode, Vietnamese documents were typed with 8-bit fonts whose
glyphs sit on Latin-1 code points.  A PDF text layer or a Word file
therefore gives Latin-1 "mojibake" that must be mapped back:

* **TCVN3 (ABC)**, fonts ``.VnTime``, ``.VnArial``, ``.Vn3DH`` …: one byte
  per letter ("Céng hoµ" → "Cộng hoà").  The common variant (VN3) has
  only the 67 lower-case letters and the seven bare capitals Ă Â Ê Ô Ơ Ư
  Đ; capitals with a tone are typed in the companion *upper-case font*
  (``.VnTimeH``, ``.VnArialH`` …, name ending in ``H``), whose lower-case
  code points draw capitals ("CñA" in ``.VnTimeH`` reads "CỦA").  The full
  standard (TCVN 5712:1993 VN1) also places the toned capitals on spare
  code points; they are decoded too.
* **VNI** (``VNI-Times``, ``VNI-Helve`` …): a base letter followed by a
  mark byte ("a" + "ù" → "á", "o" + "â" → "ô", "ô" → "ơ", "ñ" → "đ").

What a run is written in is decided from the font name (``.Vn*`` →
TCVN3, ``VNI-*`` → VNI) *confirmed by the characters*: a run whose text
already holds proper Unicode Vietnamese letters (ư ơ ă đ ạ ế …) is
Unicode whatever font it declares, and without a font name a run is
converted only when the conversion clearly reads better (more valid
Vietnamese syllables) than the text as it stands.

Public API: ``TCVN3``, ``VNI`` (legacy → Unicode tables), ``font_hint``,
``detect_encoding``, ``convert``, ``encode`` (the reverse, for tests),
``decode_runs`` (text runs with their font names), ``repair_chars`` and
``repair_words`` (pdfplumber chars / words), ``repair_text`` (plain text
without font names, e.g. from antiword).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

UNICODE, TCVN3_ENC, VNI_ENC = "unicode", "tcvn3", "vni"
ENCODINGS = (UNICODE, TCVN3_ENC, VNI_ENC)

# ---------------------------------------------------------------------------
# TCVN3 (ABC): one legacy character → one Vietnamese letter.
# Keys are the characters a PDF text layer or a Word file gives for the font's
# byte values (Latin-1: byte 0xB5 reads "µ").  Order inside a group:
# huyền (grave), hỏi (hook), ngã (tilde), sắc (acute), nặng (dot below).
# ---------------------------------------------------------------------------
TCVN3: dict[str, str] = {
    # bare capitals with breve / circumflex / horn, and Đ (0xA1–0xA7)
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    # bare small letters (0xA8–0xAE); 0xAD is the soft hyphen U+00AD
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    # a
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    # ă
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    # â
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    # e
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    # ê
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    # i
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    # o
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    # ô
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    # ơ
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    # u
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    # ư
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    # y
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
    # --- VN1 extension: the 60 toned capitals on spare code points ---------
    # control range 0x01–0x17 (only where VN1 puts letters)
    "\x01": "Ú", "\x02": "Ụ", "\x04": "Ừ", "\x05": "Ử", "\x06": "Ữ",
    "\x11": "Ứ", "\x12": "Ự", "\x13": "Ỳ", "\x14": "Ỷ", "\x15": "Ỹ", "\x16": "Ý", "\x17": "Ỵ",
    # C1 range 0x80–0x9F (as raw code points, not their cp1252 readings)
    "\x80": "À", "\x81": "Ả", "\x82": "Ã", "\x83": "Á", "\x84": "Ạ", "\x85": "Ặ", "\x86": "Ậ",
    "\x87": "È", "\x88": "Ẻ", "\x89": "Ẽ", "\x8a": "É", "\x8b": "Ẹ", "\x8c": "Ệ",
    "\x8d": "Ì", "\x8e": "Ỉ", "\x8f": "Ĩ", "\x90": "Í", "\x91": "Ị",
    "\x92": "Ò", "\x93": "Ỏ", "\x94": "Õ", "\x95": "Ó", "\x96": "Ọ", "\x97": "Ộ",
    "\x98": "Ờ", "\x99": "Ở", "\x9a": "Ỡ", "\x9b": "Ớ", "\x9c": "Ợ",
    "\x9d": "Ù", "\x9e": "Ủ", "\x9f": "Ũ",
    # spare Latin-1 positions
    "¯": "Ằ", "º": "Ẳ", "¿": "Ẵ", "À": "Ắ", "Á": "Ầ", "Â": "Ẩ", "Ã": "Ẫ", "Ä": "Ấ",
    "Å": "Ề", "Í": "Ể", "Ù": "Ễ", "Ú": "Ế", "Û": "Ồ", "à": "Ổ", "ð": "Ỗ", "ÿ": "Ố",
}
# 0xB0–0xB4 are combining tone marks in VN1 but "°±²³´" in practice; they are
# deliberately not mapped.

# Characters some PDF producers give for a TCVN3 byte instead of its Latin-1
# reading: the glyph at 0xAD ("ư") is often named "minus" or "hyphen", and the
# one at 0xB7 ("ã", Latin-1 "·" middle dot) "bulletoperator" (U+2219), so
# "x∙" must read "xã" like "x·".
_TCVN3_ALIASES = {"\u2212": "\u00ad", "\u2219": "\u00b7"}

# ---------------------------------------------------------------------------
# VNI: base letter + mark byte(s).  Marks: tones ù (sắc) ø (huyền) û (hỏi)
# õ (ngã) ï (nặng); circumflex â, with tone á à å ã ä; breve ê, with tone
# é è ú ü ë.  ơ/ư are the single bytes ô/ö, đ is ñ, and i/ỵ are single bytes.
# Decoding takes the longest match first ("oâ" is ô, a lone "ô" is ơ).
# ---------------------------------------------------------------------------
VNI: dict[str, str] = {
    # a + tone
    "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ",
    # â: a + â, then a + á/à/å/ã/ä
    "aâ": "â", "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
    # ă: a + ê, then a + é/è/ú/ü/ë
    "aê": "ă", "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
    # e + tone
    "eù": "é", "eø": "è", "eû": "ẻ", "eõ": "ẽ", "eï": "ẹ",
    # ê: e + â, then e + á/à/å/ã/ä
    "eâ": "ê", "eá": "ế", "eà": "ề", "eå": "ể", "eã": "ễ", "eä": "ệ",
    # i: single bytes
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
    # o + tone
    "où": "ó", "oø": "ò", "oû": "ỏ", "oõ": "õ", "oï": "ọ",
    # ô: o + â, then o + á/à/å/ã/ä
    "oâ": "ô", "oá": "ố", "oà": "ồ", "oå": "ổ", "oã": "ỗ", "oä": "ộ",
    # ơ: lone ô, then ô + tone
    "ô": "ơ", "ôù": "ớ", "ôø": "ờ", "ôû": "ở", "ôõ": "ỡ", "ôï": "ợ",
    # u + tone
    "uù": "ú", "uø": "ù", "uû": "ủ", "uõ": "ũ", "uï": "ụ",
    # ư: lone ö, then ö + tone
    "ö": "ư", "öù": "ứ", "öø": "ừ", "öû": "ử", "öõ": "ữ", "öï": "ự",
    # y + tone; ỵ is the single byte î
    "yù": "ý", "yø": "ỳ", "yû": "ỷ", "yõ": "ỹ", "î": "ỵ",
    # đ
    "ñ": "đ",
    # ---- capitals: the same bytes in upper case ----------------------------
    "AÙ": "Á", "AØ": "À", "AÛ": "Ả", "AÕ": "Ã", "AÏ": "Ạ",
    "AÂ": "Â", "AÁ": "Ấ", "AÀ": "Ầ", "AÅ": "Ẩ", "AÃ": "Ẫ", "AÄ": "Ậ",
    "AÊ": "Ă", "AÉ": "Ắ", "AÈ": "Ằ", "AÚ": "Ẳ", "AÜ": "Ẵ", "AË": "Ặ",
    "EÙ": "É", "EØ": "È", "EÛ": "Ẻ", "EÕ": "Ẽ", "EÏ": "Ẹ",
    "EÂ": "Ê", "EÁ": "Ế", "EÀ": "Ề", "EÅ": "Ể", "EÃ": "Ễ", "EÄ": "Ệ",
    "Í": "Í", "Ì": "Ì", "Æ": "Ỉ", "Ó": "Ĩ", "Ò": "Ị",
    "OÙ": "Ó", "OØ": "Ò", "OÛ": "Ỏ", "OÕ": "Õ", "OÏ": "Ọ",
    "OÂ": "Ô", "OÁ": "Ố", "OÀ": "Ồ", "OÅ": "Ổ", "OÃ": "Ỗ", "OÄ": "Ộ",
    "Ô": "Ơ", "ÔÙ": "Ớ", "ÔØ": "Ờ", "ÔÛ": "Ở", "ÔÕ": "Ỡ", "ÔÏ": "Ợ",
    "UÙ": "Ú", "UØ": "Ù", "UÛ": "Ủ", "UÕ": "Ũ", "UÏ": "Ụ",
    "Ö": "Ư", "ÖÙ": "Ứ", "ÖØ": "Ừ", "ÖÛ": "Ử", "ÖÕ": "Ữ", "ÖÏ": "Ự",
    "YÙ": "Ý", "YØ": "Ỳ", "YÛ": "Ỷ", "YÕ": "Ỹ", "Î": "Ỵ",
    "Ñ": "Đ",
}


def _vni_decoding_table() -> dict[str, str]:
    """VNI plus a capital base letter with a small mark ("Aù" → "Á"), which
    appears where a word processor capitalised only the first byte."""
    table = dict(VNI)
    for seq, letter in VNI.items():
        if len(seq) == 2 and seq[0].islower():
            table.setdefault(seq[0].upper() + seq[1], letter.upper())
    return table


_VNI_DECODE = _vni_decoding_table()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(_VNI_DECODE, key=len, reverse=True)))
_TCVN3_TRANS = str.maketrans({**TCVN3, **{k: TCVN3[v] for k, v in _TCVN3_ALIASES.items()}})

# The 134 precomposed Vietnamese letters (67 small + 67 capital).
VIETNAMESE_LETTERS = frozenset(TCVN3.values()) | frozenset(VNI.values())

# Letters only Unicode Vietnamese text has: outside Latin-1, so neither legacy
# encoding can produce them (ă đ ĩ ũ ơ ư and the U+1EA0–U+1EF9 block).
_UNICODE_ONLY = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) > 0xFF)
# Latin-1 letters that Unicode Vietnamese uses (à á â ã è é ê ì í ò ó ô õ ù ú ý).
_VIET_LATIN1 = frozenset(c for c in VIETNAMESE_LETTERS if ord(c) <= 0xFF)
# Legacy characters that never occur in Unicode Vietnamese words.
_LEGACY_ONLY = frozenset(
    k for k in list(TCVN3) + [c for k in VNI for c in k] + list(_TCVN3_ALIASES)
    if ord(k) > 0x7F and k not in _VIET_LATIN1
)

# ---------------------------------------------------------------------------
# Font names
# ---------------------------------------------------------------------------
_SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
_STYLE_RE = re.compile(r"[,\-_ ]*(?:Bold|Italic|Oblique|Regular|Normal|Roman|BoldItalic|MT|PS|PSMT)$", re.I)


def font_key(fontname: str | None) -> str | None:
    """The font name without the PDF subset tag ("BADEPR+.VnTime,Bold" → ".VnTime,Bold")."""
    if not fontname:
        return None
    return _SUBSET_RE.sub("", fontname.strip())


def font_hint(fontname: str | None) -> tuple[str | None, bool]:
    """What a font name suggests: (encoding or None, upper-case-only font).

    ``.Vn*`` / ``Vn*`` (ABC fonts) → "tcvn3", upper-case only when the family
    name ends in ``H`` (``.VnTimeH``, ``.Vn3DH``, ``.VnArialH,Bold``);
    ``VNI-*`` → "vni"; anything else → (None, False).
    """
    name = font_key(fontname)
    if not name:
        return None, False
    if re.match(r"VNI[-_ ]", name, re.I):
        return VNI_ENC, False
    if re.match(r"\.?Vn[A-Z0-9]", name):
        family = name.split(",")[0]
        while True:
            shorter = _STYLE_RE.sub("", family)
            if shorter == family:
                break
            family = shorter
        return TCVN3_ENC, family.endswith("H")
    return None, False


# ---------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------
def _upper(text: str) -> str:
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


def convert(text: str, encoding: str, uppercase_font: bool = False) -> str:
    """``text`` read in ``encoding`` ("unicode", "tcvn3", "vni") → Unicode NFC.

    ``uppercase_font``: the run is in a TCVN3 upper-case font (``.VnTimeH``),
    where every letter is drawn as a capital.  Characters outside the table
    (ASCII, digits, punctuation, already-Unicode letters) pass through.
    """
    if encoding == TCVN3_ENC:
        text = text.translate(_TCVN3_TRANS)
        if uppercase_font:
            text = _upper(text)
    elif encoding == VNI_ENC:
        text = _VNI_RE.sub(lambda m: _VNI_DECODE[m.group(0)], text)
        if uppercase_font:
            text = _upper(text)
    elif encoding != UNICODE:
        raise ValueError(f"unknown encoding: {encoding!r}")
    return unicodedata.normalize("NFC", text)


def encode(text: str, encoding: str) -> str:
    """Unicode → legacy characters (the reverse tables; for tests and fixtures).

    TCVN3 toned capitals go to their VN1 code points.  Characters without a
    legacy form pass through.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == UNICODE:
        return text
    if encoding == TCVN3_ENC:
        reverse = {v: k for k, v in TCVN3.items()}
    elif encoding == VNI_ENC:
        reverse = {v: k for k, v in VNI.items()}
    else:
        raise ValueError(f"unknown encoding: {encoding!r}")
    return "".join(reverse.get(c, c) for c in text)


# ---------------------------------------------------------------------------
# Character statistics: how many tokens read as Vietnamese syllables
# ---------------------------------------------------------------------------
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_ONSETS = ("ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
           "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "")
# Rhymes (vần) without tone, loose: enough to tell Vietnamese from mojibake.
_RHYMES = frozenset("""
a ai ao au ay ac ach am an ang anh ap at
ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e eo ec em en eng ep et
ê êu êch êm ên ênh êp êt
i ia iu ich im in inh ip it iêc iêm iên iêng iêp iêt iêu
o oi oc om on ong op ot ooc oong
oa oai oao oay oac oach oam oan oang oanh oap oat
oăc oăm oăn oăng oăt oe oeo oen oet
ô ôi ôc ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua ui uy uc um un ung up ut
uân uâng uât uây uê uêch uênh uôc uôi uôm uôn uông uôt uơ
uya uych uyên uyêt uynh uyt uyu
ư ưa ưi ưu ưc ưng ưt ưm
ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu ynh ych yt
""".split())
_TOKEN_SPLIT = re.compile(r"[\s\d!-/:-@\[-`{-~“”‘’–—…]+")


def _is_syllable(token: str) -> bool:
    """A (lower-case) token shaped like a Vietnamese syllable, at most one tone."""
    decomposed = unicodedata.normalize("NFD", token)
    if sum(c in _TONE_MARKS for c in decomposed) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return any(base.startswith(o) and base[len(o):] in _RHYMES for o in _ONSETS)


def _syllable_score(text: str) -> int:
    """+1 per non-ASCII token that is a Vietnamese syllable, −1 per one that is not."""
    score = 0
    for token in _TOKEN_SPLIT.split(text.lower()):
        if token and not token.isascii():
            score += 1 if _is_syllable(token) else -1
    return score


def _detect(text: str, prior: str | None) -> str:
    """Detection with ``prior`` (from a font name or a document verdict) winning ties."""
    if text.isascii():
        return prior or UNICODE
    unicode_only = sum(c in _UNICODE_ONLY for c in text)
    legacy_only = sum(c in _LEGACY_ONLY for c in text)
    # Legacy text cannot hold letters outside Latin-1: a run that has them and
    # few legacy-only characters is Unicode, whatever font it declares.
    if unicode_only and (legacy_only == 0 or (unicode_only >= 3 and unicode_only > legacy_only)):
        return UNICODE
    scores = {enc: _syllable_score(convert(text, enc)) for enc in ENCODINGS}
    if prior in (TCVN3_ENC, VNI_ENC):
        order = [prior, UNICODE] + [e for e in (TCVN3_ENC, VNI_ENC) if e != prior]
    else:
        if legacy_only == 0:
            return UNICODE
        order = [UNICODE, TCVN3_ENC, VNI_ENC]
    best = order[0]
    for enc in order[1:]:
        if scores[enc] > scores[best]:
            best = enc
    return best


def detect_encoding(text: str, fontname: str | None = None) -> str:
    """"unicode", "tcvn3" or "vni" for one text run.

    The font name is a hint (``.Vn*`` → tcvn3, ``VNI-*`` → vni) that the
    characters must not contradict: text holding proper Unicode Vietnamese
    letters (ư ơ ă đ ạ ế …) stays "unicode" even under a ``.VnTime`` font,
    and a conversion is kept only if it yields at least as many valid
    Vietnamese syllables as the text as it stands.  Without a hint a run is
    legacy only when it has legacy-only characters and the conversion reads
    strictly better.  Pure ASCII text returns the hint (nothing to convert).
    """
    hint, _ = font_hint(fontname)
    return _detect(text, hint)


# ---------------------------------------------------------------------------
# Runs, chars, words
# ---------------------------------------------------------------------------
def resolve_runs(runs: Sequence[tuple[str, str | None]]) -> list[tuple[str, bool]]:
    """(encoding, upper-case font) for each (text, fontname) run.

    The encoding belongs to the font: all text of one font (subset tag
    ignored) is detected together, with the font name as the hint, so short
    runs ("ñ" alone, a lone "§") follow their font's verdict and a Unicode
    document that merely declares ``.VnTime`` stays Unicode throughout.
    A run's own characters overrule the verdict only when they are
    unambiguous: Unicode-only letters (ư ơ ạ …) and no legacy-only
    character → Unicode; two or more legacy-only characters, no Unicode
    letter, and a conversion that reads strictly better → legacy (a Word
    file may mix converted and unconverted text under one font name).
    Runs without a font name are detected one by one, without a hint.
    """
    by_font: dict[str, list[str]] = {}
    for text, fontname in runs:
        key = font_key(fontname)
        if key is not None:
            by_font.setdefault(key, []).append(text)
    verdict = {key: _detect(" ".join(texts), font_hint(key)[0]) for key, texts in by_font.items()}
    plan: list[tuple[str, bool]] = []
    for text, fontname in runs:
        key = font_key(fontname)
        if key is None:
            enc = _detect(text, None)
        else:
            enc = verdict[key]
            unicode_only = any(c in _UNICODE_ONLY for c in text)
            legacy_only = sum(c in _LEGACY_ONLY for c in text)
            if unicode_only and not legacy_only:
                enc = UNICODE
            elif enc == UNICODE and legacy_only >= 2 and not unicode_only:
                enc = _detect(text, None)
        upper = font_hint(key)[1] and enc == TCVN3_ENC
        plan.append((enc, upper))
    return plan


def decode_runs(runs: Iterable[tuple[str, str | None]]) -> str:
    """Join (text, fontname) runs, each converted by its detected encoding → NFC.

    For pdfplumber, group consecutive ``page.chars`` by ``font_key(fontname)`` (or use
    ``repair_chars`` directly); a run boundary must never split a VNI letter
    from its mark, which holds since both are in the same font.
    """
    runs = list(runs)
    plan = resolve_runs(runs)
    return unicodedata.normalize(
        "NFC", "".join(convert(t, enc, up) for (t, _), (enc, up) in zip(runs, plan, strict=True)))


def _char_runs(chars: Sequence[dict]) -> list[tuple[int, int]]:
    """[start, end) index ranges of consecutive chars with the same font (subset tag ignored)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(chars) + 1):
        if i == len(chars) or font_key(chars[i].get("fontname")) != font_key(chars[start].get("fontname")):
            spans.append((start, i))
            start = i
    return spans if chars else []


def repair_chars(chars: Sequence[dict]) -> list[dict]:
    """pdfplumber char dicts with legacy text repaired (new dicts; input untouched).

    Consecutive chars of one font form a run; runs are resolved together
    (``resolve_runs``).  TCVN3 maps one char to one letter; for VNI a mark
    char is merged into the char before it (its ``x1`` is extended) and
    dropped.  The result can go straight to ``pdfplumber.utils.extract_text``
    or ``extract_words``.
    """
    spans = _char_runs(chars)
    runs = [("".join(c.get("text", "") for c in chars[a:b]), chars[a].get("fontname")) for a, b in spans]
    plan = resolve_runs(runs)
    out: list[dict] = []
    for (a, b), (enc, upper) in zip(spans, plan, strict=True):
        if enc == UNICODE:
            out.extend(dict(c) for c in chars[a:b])
            continue
        i = a
        while i < b:
            c = dict(chars[i])
            if enc == VNI_ENC and i + 1 < b and (c.get("text", "") + chars[i + 1].get("text", "")) in _VNI_DECODE:
                nxt = chars[i + 1]
                c["text"] = convert(c["text"] + nxt["text"], enc, upper)
                if "x1" in nxt:
                    c["x1"] = max(c.get("x1", nxt["x1"]), nxt["x1"])
                    if "x0" in c:
                        c["width"] = c["x1"] - c["x0"]
                i += 2
            else:
                c["text"] = convert(c.get("text", ""), enc, upper)
                i += 1
            out.append(c)
    return out


def repair_words(words: Sequence[dict]) -> list[dict]:
    """pdfplumber words with legacy text repaired (new dicts).

    Best with ``page.extract_words(return_chars=True)``: each word's chars
    carry their own font, so a word whose letters come from two subsets of
    one font (TCVN3 PDFs often put "ư" in a separate subset) or from two
    fonts is handled char by char.  Without "chars", a word's "fontname"
    (``extra_attrs=["fontname"]``) is used, else the word is detected alone.
    Do not split words on ``fontname`` (``extra_attrs``) for legacy PDFs:
    subset fonts would cut "n−íc" into three words.
    """
    runs: list[tuple[str, str | None]] = []
    owner: list[tuple[int, int, int]] = []  # (word index, char start, char end) per run
    for wi, w in enumerate(words):
        chars = w.get("chars")
        if chars:
            for a, b in _char_runs(chars):
                runs.append(("".join(c.get("text", "") for c in chars[a:b]), chars[a].get("fontname")))
                owner.append((wi, a, b))
        else:
            runs.append((w.get("text", ""), w.get("fontname")))
            owner.append((wi, -1, -1))
    plan = resolve_runs(runs)
    pieces: list[list[str]] = [[] for _ in words]
    for (text, _), (wi, _, _), (enc, upper) in zip(runs, owner, plan, strict=True):
        pieces[wi].append(convert(text, enc, upper))
    out = []
    for w, parts in zip(words, pieces, strict=True):
        nw = dict(w)
        nw["text"] = unicodedata.normalize("NFC", "".join(parts))
        out.append(nw)
    return out


def repair_text(text: str, fontname: str | None = None) -> str:
    """Plain text without per-run fonts (e.g. antiword output) → Unicode NFC.

    The whole text is detected first (hint: ``fontname``); then each line is
    detected with that verdict as the prior, and inside a legacy line any
    word that already holds Unicode-only Vietnamese letters (a Unicode run
    such as a signer's name) is kept as it is.
    """
    verdict = _detect(text, font_hint(fontname)[0])
    out_lines = []
    for line in text.split("\n"):
        enc = _detect(line, verdict) if verdict != UNICODE else _detect(line, None)
        if enc == UNICODE:
            out_lines.append(line)
            continue
        out_lines.append(
            "".join(
                part if any(c in _UNICODE_ONLY for c in part) else convert(part, enc)
                for part in re.split(r"(\s+)", line)
            )
        )
    return unicodedata.normalize("NFC", "\n".join(out_lines))
