"""Every pattern the rules use to read text, each with a comment saying what it finds — the rules' own
patterns only: what a rule judges (the date line, the signature block, the Nơi nhận …) was located by
``extract`` and is read from ``doc.extraction.blocks``; the patterns that locate live in
``extract/regexes.py``.

Patterns run on NFC text.
"""

import re

# --------------------------------------------------------------------------- rules/citations.py

# The date printed after a cited number, as written ("ngày 08/6/20210" keeps its five-digit year).
PRINTED_DATE = re.compile(r"ngày\s*\d{1,2}(?:\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4,5}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4,5})")
# Words between "bãi bỏ" and the cited number that make the repeal partial ("bãi bỏ Điều 5, khoản 2 của …").
PARTIAL = re.compile(r"\b(?:Điều|điều|khoản|điểm|một\s+số|một\s+phần|nội\s+dung)\b")

# --------------------------------------------------------------------------- rules/context.py

# A paragraph of the căn cứ (legal grounds): "Căn cứ …" at the start of a line (bold or italic marks allowed).
GROUND_START = re.compile(r"(?m)^[ \t*_]*Căn\s+cứ\b")
# Capital letters of Vietnamese: an enacting line starts with its body ("Quốc hội", "Ủy ban nhân dân …"), a căn cứ
# wrapped over lines goes on in lower case ("… giao Ủy ban nhân dân tỉnh\nban hành Quyết định quy định …").
UPPER_LETTERS = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
# What ends the căn cứ before a citation even inside a paragraph that opens with "Căn cứ": the enacting line of a
# law or a decree ("Quốc hội ban hành Luật sửa đổi … Luật số …", "Chính phủ ban hành Nghị định …": the documents it
# names are what it enacts or amends, not its căn cứ); an item that opens with a day ("…; Ngày 16/10/2027, Chủ tịch
# … ban hành Quyết định số …": a report telling what was done next, not a document it rests on).
GROUND_ITEMS_OVER = re.compile(
    r"^(?![ \t*_]*Căn\s+cứ)[ \t]*[" + UPPER_LETTERS + r"][^\n]{0,120}?\bban\s+hành\s+"
    r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định)\b"
    r"|[;.][ \t]*\n?[ \t]*Ngày\s+\d{1,2}\s*(?:/|tháng)",
    re.M,
)
# What ends the block of căn cứ before a citation: a sentence closing its line, or the next part of the
# preamble ("Theo đề nghị", "Xét"), the type word, an article or a chapter; or GROUND_ITEMS_OVER.
GROUNDS_OVER = re.compile(
    r"\.[ \t*_]*\n|^[ \t]*(?:Theo\s+đề\s+nghị|Xét\b|QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|Điều\s+\d|Chương\b)|"
    + GROUND_ITEMS_OVER.pattern,
    re.M,
)
# The running head of a Công báo edition: "CÔNG BÁO/Số 123 + 124/Ngày …".
GAZETTE_HEAD = re.compile(r"(?m)^\s*CÔNG BÁO\s*/\s*Số")
# A typed copy's note where the signature stood: "(Đã ký)".
SIGNED_NOTE = re.compile(r"\(\s*đã\s+ký\s*\)", re.I)

# --------------------------------------------------------------------------- rules/dates.py

# "ngày 31 tháng 4 năm 2024" (written out) and "31/4/2024" (in figures, with slashes only: "1.2.2020" may be a
# section number); a five-digit year ("08/6/20210") is no date either.
WORDS = re.compile(r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4,5})(?!\d)", re.I)
NUMERIC = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d{2,3})(?![\d/])")
# How a QPPL claims the simplified procedure (anywhere: "theo trình tự, thủ tục rút gọn") or a special case for
# an earlier entry into force (only next to the effect clause: "trường hợp đặc biệt" is common elsewhere).
SHORTENED = re.compile(r"thủ\s+tục\s+rút\s+gọn|trình\s+tự\s+rút\s+gọn", re.I)
SPECIAL = re.compile(r"trường\s+hợp\s+đặc\s+biệt|tình\s+trạng\s+khẩn\s+cấp|cấp\s+bách|khẩn\s+cấp", re.I)
# A QPPL taking effect on signing: "có hiệu lực (thi hành) (kể) từ ngày ký (ban hành)".
ON_SIGNING = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+từ\s+ngày\s+ký(?:\s+ban\s+hành)?", re.I)

# A place name written with the abbreviation of "Thành phố": "TP. Hồ Chí Minh", "Tp Huế".
CITY_ABBREVIATION = re.compile(r"^(?:TP|Tp)\.?\s")

# --------------------------------------------------------------------------- rules/format.py

# A line of a block.
LINE = re.compile(r"[^\n]+")
# The Quốc hiệu as printed in its line, from "C…" to "NAM".
NATIONAL_TITLE_PART = re.compile(r"C\S*\s.*?NAM\b", re.I)
# A dash between the phrases of the Tiêu ngữ, with the spaces around it; and a long dash (not a hyphen).
MOTTO_DASH = re.compile(r"\s*[-‐‑‒–—―−]\s*")
LONG_DASH = re.compile(r"[‐‑‒–—―−]")
# An authority "KT." line and the head it signs for: "KT. CHỦ TỊCH".
KT_LINE = re.compile(r"^\s*KT\.\s*(?P<head>[A-ZĐÀ-Ỹ ]+?)\s*$")

# Authority prefixes as printed: the allowed "TM." and variants such as "T/M", "TM" without a dot, "K/T".
PREFIX = re.compile(
    r"^\s*(?P<p>T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|T\s*/\s*UQ|TM|KT|TL|TUQ|Q)(?P<punct>\s*[./:]\s*|\s+)(?=[A-ZĐÀ-Ỹ]{2})"
)
# The filing line of the Nơi nhận: "- Lưu: VT, NC." ("Lưu VT" without the colon is reported).
LUU = re.compile(r"Lưu\s*:?\s*(?:VT|Văn\s+thư)\b")
# An article heading at the start of a line: "Điều 5.", "Điều 5:", and the older "Điều 5-" / "Điều 5 –"
# (extraction's ARTICLE pattern only takes "." and ":"); a heading inside a quotation starts with a quote mark.
ARTICLE = re.compile(r"(?m)^[ \t]*Điều\s+(?P<num>\d+)(?P<suffix>[a-zđ]?)\s*[.:\-–—]")
# A điểm opening a line: "a) …", "đ) …", "a1) …" (suffix: a point inserted by an amendment).
POINT = re.compile(r"^[ \t]*(?P<l>[a-zđ])(?P<suffix>\d?)\)\s*(?=\S)")
# A line that ends a list of điểm: a khoản ("2. "), an article, a chapter, a section or a Roman heading.
LIST_BREAK = re.compile(r"^[ \t]*(?:\d{1,2}[.)]\s|Điều\s+\d|Chương\s|Mục\s+\d|[IVXLC]+\.\s)")

# --------------------------------------------------------------------------- rules/numbering.py

# The ký hiệu of the printed number line, after the number and the year: "Số: 05/2024/QĐ-UBND" → "QĐ-UBND".
PRINTED_SYMBOL = re.compile(r"[Ss]ố\s*[:.]?\s*[\d\s]*(?:/\s*(?:19|20)\d{2}\s*)?/\s*(?P<sym>[^\n]+)$")
# What ends a ký hiệu: a character that is no letter, digit, "&" or "-".
SYMBOL_END = re.compile(r"[^\wĐđ&-]")
# The number of a document before its first "/": "5/QĐ-UBND" → "5".
NUMBER_HEAD = re.compile(r"^(\d+)/")

# --------------------------------------------------------------------------- rules/registry.py

# "ban hành 46 văn bản QPPL", "kiểm tra theo thẩm quyền 12/12 văn bản QPPL", "ban hành 12 quyết định QPPL".
CLAIM = re.compile(
    r"(?P<verb>ban\s+hành|kiểm\s+tra|tự\s+kiểm\s+tra)\s+(?:theo\s+thẩm\s+quyền\s+|được\s+)?"
    r"(?P<n>\d{1,4})(?:\s*/\s*(?P<of>\d{1,4}))?\s+"
    r"(?P<what>(?:văn\s+bản|quyết\s+định|nghị\s+quyết)\s+(?:QPPL|quy\s+phạm\s+pháp\s+luật))",
    re.I,
)
# Who issued them, named after the claim: "… do UBND cấp huyện ban hành".
BY_WHOM = re.compile(r"\s*do\s+(.{0,60}?)\s+ban\s+hành", re.S)
# Who issued them: words before the claim ("HĐND, UBND tỉnh ban hành …") or after it ("… do UBND cấp huyện
# ban hành").  Each pattern gives the issuer kinds and level; a province named there is kept ("UBND tỉnh Đắk
# Nông" in a report of Lâm Đồng about the provinces merged into it).
UB = r"(?:UBND|[UỦ]y\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)"
HD = r"(?:HĐND|Hội\s+đồng\s+nhân\s+dân)"
PLACE = r"(?:\s+(?P<place>[A-ZĐÀ-Ỹ][\wà-ỹđ]*(?:\s+[A-ZĐÀ-Ỹ][\wà-ỹđ]*){0,2}))?"
WHO = [
    (re.compile(HD + r"\s*(?:,|và)\s*" + UB + r"\s+(?:cấp\s+)?tỉnh" + PLACE, re.I), ("hdnd", "ubnd"), "province"),
    (re.compile(UB + r"\s+(?:cấp\s+huyện|các\s+huyện|huyện)", re.I), ("ubnd",), "district"),
    (re.compile(HD + r"\s+(?:cấp\s+)?tỉnh" + PLACE, re.I), ("hdnd",), "province"),
    (re.compile(UB + r"\s+(?:cấp\s+)?tỉnh" + PLACE, re.I), ("ubnd",), "province"),
]
# The year a claim is about: "năm 2024".
YEAR = re.compile(r"\b[Nn]ăm\s+((?:19|20)\d{2})\b")
# A province named in a report: "tỉnh Lâm Đồng", "tỉnh Đắk Nông" (up to three capitalised words).
PROVINCE = re.compile(r"\btỉnh\s+((?:[A-ZĐÀ-Ỹ][\wà-ỹđ]*\s?){1,3})")

# --------------------------------------------------------------------------- rules/spelling.py

# A word of letters (a syllable), without digits or underscores.
WORD = re.compile(r"[^\W\d_]+")
