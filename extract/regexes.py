"""Every pattern the extractors use, each with a comment saying what it finds.

Patterns run on NFC text.  Where documents spell the same letter two ways
(Đ U+0110 and Ð U+00D0), the pattern accepts both; normalising is the
extractor's job.
"""

import re

from rasoat import patterns as _patterns

D = "[ĐÐ]"  # capital D with stroke, and the eth look-alike some fonts produce
UPPER = "A-ZĐÐÀ-Ỹ"
SYMBOL_GROUP = r"[A-ZĐÐ][A-Za-zĐÐđ0-9&]*"  # one group of a ký hiệu: "QĐ", "UBND", "BLĐTBXH", "KH&ĐT"

# The số ký hiệu of a document in running text (DOC_NUMBER) and the QH-term symbol are in rasoat/numbers.py:
# the rules, the store and the web need them too.

# The number line of the header: "Số: 01/2024/QĐ-UBND", "Số:      /BC-UBND",
# "Luật số: 12/2031/QH16", "Bộ luật số: 40/2031/QH16", "SỐ: …" in capitals, OCR's "Sô:"; a unit code in
# parentheses closing the symbol, even after a space ("27/TTr-CAT (PV01)"), is part of it; a number of a series
# written with a dot ("66.16/2030/NQ-CP": the 16th of the resolutions numbered 66) is one number.
# Groups: num (may be blank), rest.
NUMBER_LINE = re.compile(
    r"(?:(?:Bộ\s+)?[Ll]uật\s+|Nghị\s+quyết\s+|Pháp\s+lệnh\s+)?(?:[Ss]ố|SỐ|Sô)\s*[:.]?\s*(?P<prejunk>[^\s/\d\w]{1,2})?(?P<num>\d{1,5}(?:\.\d{1,3}(?=/))?[a-z]?)?"
    r"(?P<junk>[^\s/\d]{1,3})?\s*(?P<rest>/\S*(?:[ \t]\S*[-/]\S*)*(?:[ \t]?\([A-ZĐ0-9.-]{1,12}\))?)"
)

# The rest of a symbol cut at the end of the number line ("Số: 01/2022/TTLT-VKSNDTC-" / "TANDTC-BCA-BQP"): a
# line holding only symbol groups joined by "-" (a right column may follow after two spaces or a "|").
# Group rest.
SYMBOL_CONTINUATION = re.compile(
    r"^\s*(?P<rest>" + SYMBOL_GROUP + r"(?:-" + SYMBOL_GROUP + r")*-?)\s*(?:$|\s{2,}|\|)"
)

# The number of a Party document (not of NĐ 30/2020): "Số 12-NQ/TU", "Số: 05-KL/TW".  Groups: number, symbol.
PARTY_NUMBER = re.compile(
    r"(?:[Ss]ố|SỐ)\s*:?\s*(?P<number>\d{1,5}\s*-\s*(?P<symbol>[A-ZĐ]{1,5}\s*/\s*[A-ZĐ][A-ZĐa-z0-9]*(?:-[A-ZĐ0-9]+)*))(?![\w/])"
)

# A date written out: "ngày 05 tháng 3 năm 2020" (blanks allowed for drafts, as spaces or dot leaders:
# "ngày    tháng 12 năm 2025", "ngày ..... tháng ..... năm 2025").  Groups: day, month, year.
DATE_WORDS = re.compile(
    r"ngày[\s.…_]*(?P<day>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<month>\d{1,2})?[\s.…_]*năm\s*(?P<year>\d{4})", re.I
)
# A date in figures: "02/7/2025", "19-8-2025".  Groups: day, month, year.
DATE_NUMERIC = re.compile(r"(?<![\d/])(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>(?:19|20)\d{2})(?!\d)")

# The date line of the header: "Lâm Đồng, ngày 19 tháng 12 năm 2025".
# Groups: place, then those of DATE_WORDS.
DATE_LINE = re.compile(
    r"(?P<place>[^\n,|]{2,40}?)\s*,\s*" + DATE_WORDS.pattern, re.I
)

# Document type words printed as the title line of a document, upper case.
_TYPE_WORDS = (
    r"(?P<type>BỘ LUẬT|QUYẾT ĐỊNH|NGHỊ QUYẾT|NGHỊ ĐỊNH|THÔNG TƯ LIÊN TỊCH|THÔNG TƯ|LUẬT|PHÁP LỆNH|CHỈ THỊ|"
    r"BÁO CÁO|TỜ TRÌNH|KẾ HOẠCH|THÔNG BÁO|GIẤY MỜI|CÔNG ĐIỆN|HƯỚNG DẪN|CHƯƠNG TRÌNH|PHƯƠNG ÁN|ĐỀ ÁN|"
    r"DỰ ÁN|BIÊN BẢN|HỢP ĐỒNG|QUY CHẾ|QUY ĐỊNH|CÔNG VĂN|GIẤY ỦY QUYỀN|GIẤY GIỚI THIỆU|PHIẾU GỬI|"
    r"PHIẾU CHUYỂN|PHIẾU BÁO|LỆNH)"
)
# A footnote mark may close the type word's line ("NGHỊ ĐỊNH1": a văn bản hợp nhất notes the text it consolidates).
TYPE_TITLE = re.compile(rf"^{_TYPE_WORDS}(?:\d{{1,2}}(?=\s*$))?\b(?P<rest>.*)$")

# The same type word ending a line after a few characters that are not the document's: on a scan,
# what OCR read of a receipt stamp in the margin ("ĐẾN Ngày: …") beside the centred title line.
# Not "… PHÁP LUẬT" (the Công báo's heading "VĂN BẢN QUY PHẠM PHÁP LUẬT": the word law, no type word).
TYPE_TITLE_AFTER_MARGIN = re.compile(rf"^.{{1,24}}?\s(?<!PHÁP\s){_TYPE_WORDS}(?P<rest>)$")

# Citation context: the word(s) naming the type before "số" or a number.
CITED_TYPE = re.compile(
    r"(?P<type>Nghị quyết liên tịch|Thông tư liên tịch|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|"
    r"Luật|Bộ luật|Pháp lệnh|Công văn|Văn bản|Báo cáo|Tờ trình|Kế hoạch|Thông báo|Công điện|Hướng dẫn|"
    r"Kết luận|Chương trình|Đề án|Hiến pháp|Lệnh)\s+(?:số\s*:?\s*)?$",
    re.I,
)

# First words after "Luật"/"Bộ luật"/"Pháp lệnh" that make no name: "Luật này", "Luật nói trên", "Luật có liên quan",
# "Luật đã được sửa đổi", and "Luật sư" (a lawyer; the law on lawyers is "Luật Luật sư").
NOT_A_NAME_START = ("này", "đó", "ấy", "nói", "nêu", "trên", "khác", "có", "được", "đã", "sẽ", "và", "hoặc", "thì",
                    "là", "các", "mới", "hiện", "sư")
# Last words of a name before "năm …" that make the year a time of the sentence, not the law's ("Luật Giáo dục trình
# Quốc hội vào năm 2005", "… trong năm 2025").
TIME_BEFORE_YEAR = frozenset({"vào", "trong", "đến", "từ", "trước", "sau", "cuối", "đầu", "giữa", "của", "cho", "tới",
                              "hết", "qua"})
# A day or month in a name found before "năm …": a garbled full date ("ngày 22 tháng l1"), not a name.
DATE_PART = re.compile(r"\b(?:ngày|tháng)\b", re.I)

# A law cited by name: "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", or with its year alone
# ("Bộ luật Lao động năm 2019": group year).  Names may start in lower case ("Luật bảo hiểm y tế"); not with a
# word of NOT_A_NAME_START ("Luật này có hiệu lực …": the document itself).
LAW_BY_NAME = re.compile(
    r"\b(?P<type>Bộ luật|Luật|Pháp lệnh|Hiến pháp)\s+(?!(?:" + "|".join(NOT_A_NAME_START) + r")\b)"
    r"(?P<name>(?:[^\s;,.]+\s+){0,14}?)"
    r"(?:ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|năm\s+(?P<year>(?:19|20)\d{2})\b)"
)

# Words that set the relation of a citation, found before it in the same sentence.
RELATION_WORDS = [
    ("sua_doi", re.compile(r"sửa\s+đổi|bổ\s+sung", re.I)),
    ("bai_bo", re.compile(r"bãi\s+bỏ|hết\s+hiệu\s+lực", re.I)),
    ("thay_the", re.compile(r"thay\s+thế", re.I)),
    ("huong_dan", re.compile(r"hướng\s+dẫn|quy\s+định\s+chi\s+tiết", re.I)),
]
CAN_CU = re.compile(r"^\s*Căn\s+cứ\b", re.I | re.M)

# Vietnamese numbers: "1.234" (thousands with dots), "46,2" (decimal comma).
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

# A fraction "197/197", "83,1/100" (not a date "19/8/2025", not "12/UBND"); running text may wrap after the slash.
FRACTION = re.compile(
    r"(?<![\w/.,-])(?P<num>" + NUMBER + r")[ \t]?/(?:[ \t]?|[ \t]*\n)(?P<den>" + NUMBER + r")(?![\w/]|[.,]\d)"
)

# A fraction whose two sides carry the same noun: "45 hồ sơ/50 hồ sơ", "3 xã / 5 xã".
FRACTION_OF_COUNTS = re.compile(
    r"(?<![\w/.,-])(?P<num>" + NUMBER + r")[ \t]+(?P<unit>[^\W\d_][^\W\d]*(?:[ \t][^\W\d_][^\W\d]*){0,3}?)"
    r"[ \t]?/[ \t]?(?P<den>" + NUMBER + r")[ \t]+(?P=unit)(?![^\W\d_])"
)

# A numerator left dangling at a table cell's line end, its denominator wrapped below:
# "9,49/ 9,45/ 9,43/" ... "9,5 9,5 9,5".  Group: num.
DANGLING_NUMERATOR = re.compile(
    r"(?<![\w/.,-])(?P<num>" + NUMBER + r")/(?=[ \t]*$|[ \t]+(?:[^\d\s]|\d[\d.,]*/))", re.M
)
# One Vietnamese number as a whole token (a table cell).
NUMBER_TOKEN = re.compile(NUMBER)
# A number standing alone between spaces in a line (a table cell): "6,15 38", "11,57/", "86,1%".
TABLE_CELL_NUMBER = re.compile(r"(?<!\S)\d[\d.,]*[/%]?(?!\S)")

# A range "7,5 - 8%", "708 - 710 nghìn tỷ đồng", "15–20 người": the low end and where the high one starts.
# A hyphen glued to both numbers ("1-2", "19-8") is left alone: codes and dates are written that way.
RANGE = re.compile(
    r"(?<![\w/.,-])(?P<lo>" + NUMBER + r")(?:[ \t]-[ \t]|[ \t]?–[ \t]?)(?=(?P<hi>" + NUMBER + r")(?![\d/]))"
)

# Scale words between a number and what it counts: "206,05 nghìn tỷ đồng", "1,55 triệu người", "300 tỷ".
SCALE = re.compile(r"(?P<scale>(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+)*(?:nghìn|ngàn|triệu|tỷ|tỉ))(?![^\W\d_])", re.I)

# The words after a number read to find the noun it counts (open rule): up to the end of the phrase.
NOUN_TAIL = re.compile(r"\s+(?P<tail>[^\W\d_][^\n,.;:()/%\[\]“”\"]*)")

# A word followed by a Roman or Arabic numeral names a part ("Mục II", "Khóa XI", "Phụ lục 3").
NAMED_PART_AFTER = re.compile(r"(?:\s+[^\W\d_]+)?\s+(?:[IVXLC]+|\d+)(?![^\W\d_])")

# A percentage "46,2%", "33,64 %".  The pattern starts at the number (fast: a scan tries few positions).
PERCENT = re.compile(r"(?<![\w/.,])(?P<num>" + NUMBER + r")\s?%")
# The qualifier word right before a percentage ("đạt 46,2%", "xấp xỉ 30%"), matched on the text that ends at it.
PERCENT_QUALIFIER = re.compile(
    r"(?<![\w])(?P<qual>đạt|trên|khoảng|gần|hơn|dưới|chiếm|tăng|giảm|bằng|còn|xấp xỉ|tới|lên|đến)\s+$", re.I
)
# How many characters before a percentage are read to find its qualifier word.
PERCENT_QUALIFIER_WINDOW = 12

# A count: a number followed by what it counts ("46 văn bản", "939 thôn").  A number glued to a closing bracket or
# quote ("(trước sáp nhập)16") is a footnote mark.
COUNT = re.compile(r"(?<![\w/.,%)”\"-])(?P<num>" + NUMBER + r")(?=\s+[^\W\d_])")

# TTHC codes ("1.004227"): defined in rasoat.patterns, which ingest uses too.
TTHC_CODE = _patterns.TTHC_CODE

# Structure: "Chương II", "Điều 5.", "Mục 1", "Phần thứ nhất".
# "Điều 5." (older texts: "Điều 5-")
ARTICLE = re.compile(r"^\s*Điều\s+(?P<num>\d+[a-z]?)\s*[.:\-–]\s*(?P<title>[^\n]*)", re.M)
CHAPTER = re.compile(r"^\s*Chương\s+(?P<num>[IVXLC]+|\d+)\b\s*(?P<title>[^\n]*)", re.M)
SECTION = re.compile(r"^\s*Mục\s+(?P<num>\d+)\b\s*[.:]?\s*(?P<title>[^\n]*)", re.M)
PART = re.compile(r"^\s*Phần\s+(?P<num>thứ\s+\w+|[IVXLC]+|\d+)\b\s*[.:]?\s*(?P<title>[^\n]*)", re.M)
CLAUSE = re.compile(r"^\s*(?P<num>\d{1,2})\.\s+(?P<title>\S[^\n]*)", re.M)
POINT = re.compile(r"^\s*(?P<num>[a-zđ][0-9]?)\)\s+(?P<title>[^\n]*)", re.M)

# Signature block authority prefixes (NĐ 30/2020, Điều 13).
AUTHORITY = re.compile(r"^\s*(?P<auth>TM|KT|Q|TL|TUQ)\s*\.\s*(?P<rest>.*)$")

# Effective date in the effect article: "có hiệu lực (thi hành) (kể) từ ngày 01 tháng 01 năm 2025", "… từ ngày ký",
# "… từ ngày (được) thông qua", or a lapse: "có hiệu lực (thi hành) sau 45 ngày, kể từ ngày ký (ban hành)" (groups
# day, month, year; on_sign; on_pass; after_days).
EFFECTIVE = re.compile(
    r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:(?:\s+kể)?\s+từ\s+(?:ngày\s+(?P<day>\d{1,2})\s*(?:tháng\s*|/)(?P<month>\d{1,2})"
    r"\s*(?:năm\s*|/)(?P<year>\d{4})|(?P<on_sign>ngày\s+ký)|(?P<on_pass>ngày\s+(?:được\s+)?thông\s+qua))|"
    r"\s+sau\s+(?P<after_days>\d{1,3})\s+ngày\s*,?\s*(?:kể\s+)?từ\s+ngày\s+ký)",
    re.I,
)

# Passing date of a law: "Luật này đã được Quốc hội … thông qua ngày 27 tháng 11 năm 2024".
PASSED_ON = re.compile(
    r"thông\s+qua\s+ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})", re.I
)

# What a count counts: the head noun right after the number ("46 văn bản",
# "939 thôn", "342 doanh nghiệp", "39.897 tỷ đồng").  Longest first.
# (The literal is cut into pieces only to keep lines short: its text, hence the order, is unchanged.)
UNIT_HEADS = sorted(
    """TTHC|thủ tục hành chính|thủ tục|văn bản quy phạm pháp luật|văn bản QPPL|văn bản|quyết định|nghị quyết|kế hoạch|
    báo cáo|công văn|hồ sơ|cơ quan chuyên môn|cơ quan|đơn vị sự nghiệp|đơn vị hành chính|đơn vị|phòng chuyên môn|"""
    """phòng|sở|ban|ngành|
    xã|phường|thị trấn|đặc khu|thôn|tổ dân phố|bản|ấp|khu phố|huyện|quận|thị xã|thành phố|tỉnh|tỉnh thành|địa phương|
    người|công chức|viên chức|cán bộ|nhân viên|lao động|biên chế|đại biểu|học viên|học sinh|lượt người|"""
    """lượt|hộ gia đình|hộ|
    doanh nghiệp|hợp tác xã|tổ chức|hội nghị|hội nghị đối thoại|cuộc|cuộc họp|cuộc kiểm tra|cuộc thanh tra|"""
    """đoàn|lớp|buổi|
    mô hình|nhiệm vụ|chỉ tiêu|tiêu chí|dự án|công trình|đề án|chương trình|phương án|kiến nghị|sáng kiến|
    tỷ đồng|triệu đồng|nghìn đồng|ngàn đồng|đồng|USD|tỷ|triệu|phiếu khảo sát|phiếu|tài khoản|chữ ký số|chứng thư số|
    dịch vụ công|dịch vụ công trực tuyến|hệ thống|trang thông tin|cổng thông tin|bộ phận|trường hợp|vụ việc|vụ|vụ án|
    ha|héc ta|km|m2|tấn|cấp|thành viên|điểm|vị trí việc làm|vị trí|giấy phép|giấy chứng nhận|thửa đất|đề tài|sản phẩm|
    phòng họp|điểm cầu|máy tính|camera|bản án|đơn|đơn thư|lá đơn|tin|bài|tin bài|"""
    """cơ sở|trường|trạm y tế|bệnh viện""".replace("\n", "").split("|"),
    key=len,
    reverse=True,
)
# A footnote mark may stick to the unit ("99 điểm4", "1.100 phiếu khảo sát2"): digits may follow, letters not.
UNIT = re.compile(
    r"(?P<unit>" + "|".join(re.escape(u.strip()) for u in UNIT_HEADS if u.strip()) + r")(?![^\W\d_])", re.I
)

# Words before a number that make it a name, an ordinal, a date part or a
# reference, never a figure ("Điều 5", "năm 2024", "Phường 1", "Đề án 06").
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:\b(?:Điều|điều|khoản|Khoản|Chương|chương|Mục|mục|Phần|phần|"
    r"(?<![Tt]ổng\s)số|Số|năm|Năm|ngày|Ngày|tháng|Tháng|"  # "số 12" names, "tổng số 12 phiếu" counts
    r"khóa|Khóa|khoá|Khoá|thứ|Thứ|Phường|phường|Quận|quận|Đề án|Kỳ họp|kỳ họp|phiên|Phiên|Quý|quý|Tổ|Trang|trang|"
    r"thứ tự|"
    r"giai đoạn|Giai đoạn|lần|Lần|đợt|Đợt|Phụ lục|phụ lục|Biểu|biểu|mẫu|Mẫu|Bảng|bảng|"
    r"Tiểu mục|Nhóm|nhóm|Khu|Đội|Lô|lô|tờ|thửa|"
    r"Chỉ thị|Kết luận|Nghị quyết|Quyết định|Thông tư|Nghị định|Luật|Công văn|Hướng dẫn|Kế hoạch|"
    r"Báo cáo|Tờ trình|Thông báo|"
    r"Zalo|phiên bản|PCI|ISO|TCVN|QCVN|\+|tel|Tel|ĐT|SĐT|Fax|"
    # places, steps and levels named by a number ("thôn 3", "tầng 2", "bước 4", "mức độ 4", "hạng 12", "lúc 8 giờ")
    r"[Tt]hôn|[Xx]óm|[Ấấ]p|[Tt]ầng|[Cc]âu|[Bb]ước|[Mm]ức độ|[Cc]ấp độ|[Hh]ạng|STT|Stt|[Tt]iêu chí|[Cc]hỉ tiêu|"
    r"[Qq]uốc lộ|[Tt]ỉnh lộ|Đường|[Ll]úc|[Gg]iờ|[Hh]ồi)\s*[:.]?\s*)$"
)
# Words after a number that make it a period, a time or an age, not a count.
NOT_A_FIGURE_AFTER = re.compile(r"^\s*(?:tháng|năm|ngày|giờ|phút|tuần|quý|h\d|giây|tuổi)\b")
# Numbers listed before the one at hand ("Phụ lục 1, 2", "khoản 3 và 4", "Điều 5 - 7"): stripped so that the word
# naming the first one names the others too.
ENUMERATED_BEFORE = re.compile(r"(?:\d+[a-z]?\s*(?:,|và|hoặc|-|–|đến)\s*)+$")

# Parts of a total in parentheses: "29 công chức, viên chức (03 …; 25 …; 01 …)".
PARTS_OPEN = re.compile(r"[^()\n.;]{0,80}?\(")

# --------------------------------------------------------------------------- located blocks (extract/blocks.py)

# The date line of the header, one definition for the header's place and date and for the rule on its form:
# "Hà Nội, ngày 05 tháng 3 năm 2020"; blanks allowed (drafts: "ngày    tháng 12 năm 2025"); the comma is
# optional here (group comma, empty when missing) so that the rule checking it reads this match.
# Groups: place, comma, then those of DATE_WORDS.  Matched line by line (the place cannot run over a line).
DATE_LINE_FORM = re.compile(r"(?P<place>[^\n,|]{2,40}?)\s*(?P<comma>,?)\s*" + DATE_WORDS.pattern, re.I)

# The date line of the header of an OCR page, read tolerantly: day and month may be what OCR made of figures
# written by hand or stamped ("ngày J2 tháng I] năm 2025", "ngày f6 tháng? năm 2021"), up to three characters
# each after a mark or two of punctuation, or a figure OCR split in two specks ("ngày .ÿ Š tháng"); the year stays
# four digits.  Groups: place, comma, day, month, year
# (day and month as read: ``blocks.ocr_figures`` reads them).
OCR_DATE_LINE = re.compile(
    r"(?P<place>[^\n,|]{2,40}?)\s*(?P<comma>,?)\s*ngày\W{0,2}(?P<day>\S{0,3}?(?:\s\S{1,2})?)\s*"
    r"tháng\W{0,2}(?P<month>\S{0,3}?(?:\s\S{1,2})?)\s*năm\s*(?P<year>\d{4})",
    re.I,
)

# The "Số:" of the number line, which a date line never carries ("Số: 12/UBND   Hà Nội, ngày …" is two
# columns run together: the date line is read from the right column instead).
NUMBER_WORD = re.compile(r"\b(?:Số|số)\s*:")

# The number line as printed, with or without its colon: "Số: 05/2024/QĐ-UBND", "Số 05/QĐ-UBND",
# "Luật số: 12/2031/QH16".  Group colon (empty when missing); a digit or "/" must follow (checked by the caller).
NUMBER_LINE_START = re.compile(
    r"(?:^|\s)(?:(?:Bộ\s+)?[Ll]uật\s+|Pháp\s+lệnh\s+|Nghị\s+quyết\s+)?(S[ốỐ]|số)(?P<colon>\s*:)?"
)

# An authority line of a signature block as printed: the allowed "TM. ỦY BAN …" (in any case after the dot:
# "TM. chính phủ" in old typed texts), and the variants a rule reports ("T/M", "K/T", "TM ỦY BAN" without a
# dot), which a capital must follow.
AUTHORITY_START = re.compile(
    r"^\s*(?:(?:TM|KT|TL|TUQ|Q)\.\s*[^\W\d_]|(?:T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|TM|KT|TL|TUQ|Q)\s*[.:/]?\s+[A-ZĐÀ-Ỹ])"
)

# The title of the head of a body printed in capitals on its own line above the signer's name ("CHỦ TỊCH",
# "PHÓ GIÁM ĐỐC", "THỨ TRƯỞNG"): the titles of the header's and of the rules' former lists together.
HEAD_TITLE = re.compile(
    r"^\s*(?:PHÓ\s+)?(?:CHỦ TỊCH NƯỚC|CHỦ TỊCH|THỦ TƯỚNG|BỘ TRƯỞNG|THỨ TRƯỞNG|GIÁM ĐỐC|CHÁNH VĂN PHÒNG|CHỦ NHIỆM|"
    r"TRƯỞNG BAN|CỤC TRƯỞNG|VỤ TRƯỞNG|CHÁNH THANH TRA|TỔNG KIỂM TOÁN|TỔNG GIÁM ĐỐC|CHÁNH ÁN|VIỆN TRƯỞNG|"
    r"THỐNG ĐỐC|TRƯỞNG PHÒNG|HIỆU TRƯỞNG|TỔNG CỤC TRƯỞNG|CHI CỤC TRƯỞNG|THỦ TRƯỞNG)\b"
)

# The heading of the recipients list: "Nơi nhận:" at the start of a line.
RECIPIENTS = re.compile(r"(?m)^\s*Nơi\s+nhận\s*:?")

# "này" closing the words before an effect clause: the document's own clause ("Quyết định này có hiệu
# lực …", "Nghị quyết này (kèm theo …) có hiệu lực …"), not a cited one's ("Thông tư số 12/… có hiệu lực").
THIS_DOCUMENT = re.compile(r"\bnày\s*(?:\([^)]*\)\s*)?$")
# A document named right before "có hiệu lực …" ("Quyết định có hiệu lực kể từ ngày ký", "Thông tư số … có hiệu lực
# từ …"): an effect clause without "này" still needs a document as its subject; "… ban hành mới và có hiệu lực thi
# hành kể từ ngày …" (a resolution asking for other documents) has none.
DOCUMENT_SUBJECT = re.compile(
    r"\b(?:Quyết\s+định|Nghị\s+định|Nghị\s+quyết|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Bộ\s+luật|Luật|Pháp\s+lệnh|"
    r"Văn\s+bản|Quy\s+chế|Quy\s+định|Điều\s+lệ)\b[^.;:]{0,120}$")

# Lines that end the trích yếu under the type word: the preamble ("Căn cứ", "Kính gửi", …), the first
# article, chapter or part (numbered: "Chương trình …" runs on), or a body name in capitals opening the preamble
# ("ỦY BAN NHÂN DÂN TỈNH …").
TITLE_STOP = re.compile(
    r"^\s*(Căn cứ|Kính gửi|Thực hiện|Theo đề nghị|Xét|Để|Trong|Hôm nay|Ngày|I\.|1\.|Điều 1|Chương\s+[IVXLC\d]+\b|"
    r"Phần\s+(?:thứ|[IVXLC\d]+\b)|"
    r"ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|CHÍNH PHỦ|THỦ TƯỚNG CHÍNH PHỦ|BỘ TRƯỞNG|HỘI ĐỒNG NHÂN DÂN|CHỦ TỊCH|QUỐC HỘI|"
    r"GIÁM ĐỐC|Đến nay)"
)

# The end of a line of the body's preamble or text, not of a trích yếu: ";" or ":" (what a long title's later lines
# are checked for).
BODY_LINE_END = re.compile(r"[;:]\s*$")

# The start of the preamble or of the text, below which no type word of the document stands: "Căn cứ", "Kính
# gửi", "Điều 1.", "Chương I", "Phần thứ nhất".
PREAMBLE_START = re.compile(r"^\s*(?:Căn cứ|Kính gửi|Điều\s+\d|Chương\s+[IVXLC\d]|Phần\s+thứ)")
# … the same at any line start of a longer text.
PREAMBLE_LINE = re.compile(r"(?m)^" + PREAMBLE_START.pattern[1:])

# The one-line identity a gazette (Công báo) or an old typed text prints in place of the header: "Thông tư số
# 102/2030/TT-BTC ngày 14 tháng 11 năm 2030 hướng dẫn …", "QUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 115/2030/QĐ-TTG
# NGÀY 25 THÁNG 6 NĂM 2030 VỀ VIỆC …", "Nghị định của Chính phủ số 114/2030/NĐ-CP ngày 10/10/2030 về …".  Read
# on the first lines joined by spaces; the type word opens a line.  Groups: type, issuer, number, day, month,
# year, rest (the trích yếu and what follows).
GAZETTE_TITLE = re.compile(
    r"(?:^|\n)[ \t]*(?P<type>Thông tư liên tịch|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định|Thông tư|"
    r"Chỉ thị|Bộ luật|Luật|Pháp lệnh|Lệnh)\s+(?:của\s+(?P<issuer>[^\n]{2,60}?)\s+)?số\s*:?\s*"
    r"(?P<number>\d{1,5}[a-z]?/(?:(?:19|20)\d{2}/)?[A-ZĐa-z0-9&]+(?:-[A-ZĐa-z0-9&]+)*)\s+"
    r"ngày\s+(?P<day>\d{1,2})\s*(?:tháng|/|-)\s*(?P<month>\d{1,2})\s*(?:năm|/|-)\s*(?P<year>(?:19|20)\d{2})"
    r"(?P<rest>[^\n]*(?:\n[^\n]*){0,8})",
    re.I,
)

# The salutation opening a letter's body: "Kính gửi:".
SALUTATION = re.compile(r"^\s*Kính\s+gửi\b")

# The heading of an appendix standing as a file of its own: "Phụ lục 1", "PHỤ LỤC II", "Phụ lục số 03".
APPENDIX_HEAD = re.compile(r"^\s*(?:Phụ lục|PHỤ LỤC)(?:\s+(?:số\s+)?[\dIVXLC]+[a-z]?)?\s*[.:]?\s*$")
# The line naming the document an appendix belongs to: "(Kèm theo Quyết định số 12/QĐ-UBND ngày … của Chủ tịch
# UBND tỉnh Hòa An)"; the number may be left blank ("số    /QĐ-UBND").  Groups: type, num, year, symbol, issuer.
ATTACHED_TO = re.compile(
    r"^\s*\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\s+(?P<type>Thông tư liên tịch|Nghị quyết|Nghị định|Quyết định|"
    r"Thông tư|Chỉ thị|Kế hoạch|Công văn|Văn bản)\s+số\s*:?\s*(?P<num>\d{1,5}[a-z]?)?\s*/\s*"
    r"(?:(?P<year>(?:19|20)\d{2})\s*/\s*)?(?P<symbol>[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ][A-Za-zĐđ0-9&]*)*)"
    r"[^()]*?(?:\bcủa\s+(?P<issuer>[^()]+?))?\s*\)",
)

# A footnote mark closing a line: digits glued to a small letter ("… về đăng ký thuế1"), as a văn bản hợp nhất
# closes its title (not "QH15": capitals).  Group 1: the digits.
FOOTNOTE_MARK = re.compile(r"[a-zà-ỹđ](\d{1,2})$")

# A line opening with a document's identity, "Thông tư số 05/2030/TT-BYT ngày …" (a law named before its number:
# "Luật Thủy sản số 18/2030/QH15 ngày …"): under a title whose last line is complete, the note of a văn bản hợp
# nhất, not the title running on …
IDENTITY_LINE = re.compile(
    r"^\s*(?:Thông tư liên tịch|Nghị quyết|Nghị định|Quyết định|Thông tư|Luật|Bộ luật|Pháp lệnh)(?:\s+[^\n]{1,80}?)?"
    r"\s+số\s+\d\S*\s+ngày\b"
)
# … which a title line ending in a word that needs what follows ("… của", "… theo", "…,") runs on into.
CONNECTIVE_END = re.compile(r"(?:\b(?:của|theo|tại|và|với|bởi|về|số|kèm)|[,-])\s*$")

# The note a văn bản hợp nhất prints under its title, after the identity of the text it consolidates: "…, có
# hiệu lực kể từ ngày … được sửa đổi, bổ sung bởi:" — that identity is not the document's own.
CONSOLIDATION_NOTE = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+kể\s+từ|được\s+sửa\s+đổi,?\s+bổ\s+sung\s+bởi")

# The words of that note naming the amending texts, "(, ) được sửa đổi, bổ sung bởi": what only a văn bản hợp nhất
# prints under its title (a text amending another says "sửa đổi, bổ sung một số điều của …").
AMENDED_BY = re.compile(r"được\s+sửa\s+đổi\s*,?\s+bổ\s+sung\s+bởi")
# The type word opening that note's first line ("Luật Thủy sản số …", "Thông tư số …"): the line under the title.
NOTE_OPENING = re.compile(
    r"^\s*(?:Thông tư liên tịch|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định|Thông tư|Chỉ thị|Bộ luật|Luật|"
    r"Pháp lệnh|Lệnh)\b"
)

# The mark a văn bản hợp nhất prints at its top instead of a header (Công báo): "VĂN BẢN HỢP NHẤT - BỘ TÀI CHÍNH",
# or "VĂN BẢN HỢP NHẤT -" with the body's name on the next line.  Matched line by line; group body (may be empty).
CONSOLIDATION_MARK = re.compile(r"^[ \t]*VĂN[ \t]+BẢN[ \t]+HỢP[ \t]+NHẤT[ \t]*(?:[-–][ \t]*(?P<body>[^\n]*?))?[ \t]*$")

# The authentication block closing a văn bản hợp nhất (Pháp lệnh Hợp nhất VBQPPL 2012): its seal line in capitals
# on a line of its own, "XÁC THỰC VĂN BẢN HỢP NHẤT" (some print "XÁC NHẬN …") — in the text, the same words in small
# letters are a sentence, not the seal …
CONSOLIDATION_SEAL = re.compile(r"(?m)^[ \t]*XÁC[ \t]+(?:THỰC|NHẬN)[ \t]+VĂN[ \t]+BẢN[ \t]+HỢP[ \t]+NHẤT[ \t]*$")
# … and its number line, "Số: 03/VBHN-BTC" opening a line (a sentence citing "Văn bản hợp nhất số 12/VBHN-BTC" is no
# number line).
CONSOLIDATION_NUMBER_LINE = re.compile(r"(?m)^[ \t]*(?:Số|SỐ)[ \t]*:?[ \t]*\d{1,5}[a-z]?[ \t]*/[ \t]*VBHN-")

# A rule line under a heading ("-----", "___"): no part of a title.
RULE_LINE = re.compile(r"[-_–—.\s]+")

# What may stand before the place of a date line and is none of it: specks and marks OCR read ("._ Hà Nội").
PLACE_JUNK = re.compile(r"^[\W_\d]+")

# A right header column whose date line came apart ("Hà Nội, tháng 12 2025" / "ngày 21 năm": a handwritten
# day that OCR put on a line of its own): the place before a comma on a line with "tháng" …
PLACE_BEFORE_COMMA = re.compile(r"^\s*([^\n,\d]{2,40}?)\s*,[^\n]*tháng", re.M)
# … and the day, the month and the year, each wherever it stands.
SCATTERED_DAY = re.compile(r"ngày\s*(\d{1,2})\b")
SCATTERED_MONTH = re.compile(r"tháng\s*(\d{1,2})\b")
SCATTERED_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")

# A word of a Vietnamese personal name: a capital, then small letters ("Nguyễn", "Thị").
_NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zà-ỹđ]+"
# The signer's name alone on its line, two to five words, after an optional degree or "Ông"/"Bà": "Nguyễn Văn An",
# "TS. Lê Thị Bình".  Group 1: the name.
# A military or police rank may stand before the name ("Thiếu tướng Lê Văn An"), "(Đã ký)" after it (a copy).
# What a text layer read of a signature image beside a name or a title: a bracket or a bar after at most two small
# letters ("y]Lê Văn An", "PHÓ THỦ TƯỚNGy]").
STAMP_TRACE = r"[a-z]{0,2}[\[\]|{}<>]{1,2}"
SIGNER_NAME = re.compile(
    r"^\s*(?:" + STAMP_TRACE + r")?(?:(?:TS|ThS|PGS\.TS|GS\.TS|PGS|GS|BS|KS|CN|Ông|Bà)\.?\s+"
    r"|(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+)?"
    r"(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4})\s*(?:\(\s*[Đđ]ã\s+ký\s*\)\s*)?$"
)
# The trace closing a title line: "PHÓ THỦ TƯỚNGy]".
TRACE_AT_END = re.compile("(?:" + STAMP_TRACE + r")\s*$")
# Two signers' names side by side on one line, as a joint document's signature blocks print them ("Lê Văn An
# Trần Thị Bình", each after an optional rank).  Split by the caller; group names: the words.
SIDE_BY_SIDE_NAMES = re.compile(
    r"^\s*(?P<names>(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+)?" + _NAME_WORD
    + r"(?:\s+(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy)\s+)?" + _NAME_WORD + r"){3,11})\s*$"
)
# A line that may stand between an authority line and the signer's name: "(Đã ký)", "(ký tên, đóng dấu)" …
SIGNED_MARK = re.compile(r"^\s*\(?\s*(?:[Đđ]ã\s+ký|[Kk]ý\s+tên|[Kk]ý,)[^\n]*$")
# The signer's name printed at the end of a recipient line beside it ("- Cơ quan Trung ương …; Lò Thị Hạnh").
NAME_AFTER_RECIPIENT = re.compile(r"[;.]\s+(" + _NAME_WORD + r"(?:\s+" + _NAME_WORD + r"){1,4})\s*$")

# The start of each line of a page (for finding authority lines).
LINE_START = re.compile(r"(?m)^[^\n]*$")
# The word "Số" of the header's number line ("Số: 12/UBND", "SỐ: 12/UBND", "Luật số: …", OCR's "Sô:"), not that
# of a Công báo running head ("CÔNG BÁO/Số 12/Ngày 09-3-2031").
NUMBER_WORD_IN_HEADER = re.compile(r"(?<!/)\bSố\b|\bSỐ\s*[:.]?\s*\d|(?:số|Sô|SỐ)\s*:")  # not "CHỈ SỐ CẢI CÁCH"

# A line of the header above the type word: the Quốc hiệu, the Tiêu ngữ, the number line or the date line.
HEADER_LINE = re.compile(r"CỘNG\s+H[OÒ][AÀ]|Độc\s+lập|(?<!/)\bSố\b|[Ss][ốó]\s*:|ngày\b[^\n]*tháng[^\n]*năm", re.I)

# A number line standing on a line of its own with a number: "Số: 135/2026/NĐ-CP", "Luật số: 12/2024/QH15"; how a
# header printed away from the top of the page (a Công báo text layer puts it after the preamble) is found.
NUMBER_LINE_ALONE = re.compile(
    r"(?m)^[ \t]*(?:(?:(?:Bộ\s+)?[Ll]uật\s+|Pháp\s+lệnh\s+|Nghị\s+quyết\s+)số|Số|SỐ)[ \t]*:[ \t]*\d{1,5}[a-z]?[ \t]*/"
)
# … and one with its number left blank too ("Số:    /BC-UBND"): a header's number line, at a line start.
NUMBER_LINE_ANY = re.compile(
    r"(?m)^[ \t]*(?:(?:(?:Bộ\s+)?[Ll]uật\s+|Pháp\s+lệnh\s+|Nghị\s+quyết\s+)số|Số|SỐ|Sô)[ \t]*[:.]?[ \t]*(?:\d|/)"
)  # a small "số" only after the type ("Luật số:"): a wrapped citation's line may open with "số 94/2025/QH15"
# The Quốc hiệu, in capitals, or a date line: what stands near a header's number line.
HEADER_MARK = re.compile(r"CỘNG\s+H[OÒ][AÀ]|,\s*ngày\s+\d{1,2}\s+tháng")

# A number or a "/" after "Số": what makes a "Số" line the number line.
NUMBER_OR_SLASH = re.compile(r"\d|/")

# A line of text, for walking a block line by line.
LINE = re.compile(r"[^\n]+")

# The words of an effect clause up to its date: "có hiệu lực (thi hành) (kể) từ (ngày)"; where the block of
# the clause is measured from.
EFFECT_HEAD = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+từ\s+(?:ngày\s+)?", re.I)

# --------------------------------------------------------------------------- citations (extract/citations.py)

# The issuer written after a cited number: "của Bộ Nội vụ", "do UBND tỉnh …".  Group issuer.
ISSUER_AFTER = re.compile(r"^\s*(?:của|do)\s+(?P<issuer>[^\n;,.()]{2,80})")
# Words that end an issuer name written after "của" ("của Bộ Nội vụ về việc …").
ISSUER_STOP = re.compile(
    r"\s(?:về|quy định|hướng dẫn|ban hành|sửa đổi|bãi bỏ|thay thế|việc|phê duyệt|tại|đối với|trong|theo|với|để|"
    r"nhằm|thì|đã|được|là|có|số|như|gồm|kèm|năm|từ|ngày)(?=\s|$)"
)
# The date written right after a cited number: "ngày 05 tháng 3 năm 2020", ", ban hành ngày 02/7/2025".
# Groups: those of DATE_WORDS, or d2, m2, y2.
DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ban\s+hành\s+)?ngày\s*(?:" + DATE_WORDS.pattern[4:]
    + r"|(?P<d2>\d{1,2})\s*/\s*(?P<m2>\d{1,2})\s*/\s*(?P<y2>\d{4})(?!\d))",
    re.I,
)
# "số 3 7/2003/NĐ-CP": the first digits of a cited number cut off by a stray space.  Group 1: those digits.
SPLIT_NUMBER = re.compile(r"\bsố\s*:?\s*(\d{1,3}) ")
# An issuer code in capitals ("CP", "UBND", "TTg") completing a symbol cut at a line end ("182/2024/NĐ-" … "CP").
CAPS_TOKEN = re.compile(r"(?<![\w/-])([A-ZĐ][A-ZĐ]{1,8}|TTg)(?![\w/-])")
# A group glued to a ký hiệu's hyphen that the symbol pattern stopped before, because OCR read a letter no
# ký hiệu has ("QĐ-TTự" for "QĐ-TTg").  Group: group.
GLUED_GROUP = re.compile(r"-(?P<group>[A-ZĐ][^\W_]*[^\W\d_A-Za-zĐ][^\W_]*)(?![\w-])")
# The issuer part of a ký hiệu cut at a line end before its hyphen ("77/QĐ" + newline + "-TTg").  Group: group.
CUT_SYMBOL_TAIL = re.compile(r"[ \t]*\n[ \t]*-[ \t]*(?P<group>[^\W\d_][^\W_]*)")
# A glyph glued before a number where OCR read a digit as a sign ("#6/QĐ-…" for "46/QĐ-…"): what follows is a
# number cut, not one to cite.
GLYPH_BEFORE_NUMBER = re.compile(r"[#*@$%=~^|\\]$")
# A title line giving the document's own number in old documents: "NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 12/2003/NĐ-CP
# NGÀY …" or "Quyết định của Thủ tướng Chính phủ số …" — a type word opening the line (or alone on the line
# before), an optional "của <issuer>", then "số" right before the number.
# … or its "Số:" line when layout found no header block (a plain text, a .doc): "SỐ: 12/2003/NĐ-CP" opening a line.
OWN_NUMBER_LINE = re.compile(r"(?:^|\n)[ \t]*số[ \t]*:[ \t]*$", re.I)
OWN_TITLE_NUMBER = re.compile(
    r"(?:^|\n)[ \t]*" + CITED_TYPE.pattern.split(r"\s+(?:số")[0]
    + r"(?:\s+của[ \t]+[^\n;,.]{1,80}?)?\s+số[ \t]*:?[ \t]*$",
    re.I,
)
# What opens a paragraph of the text (so a line break before it ends the citation's sentence): "Căn cứ",
# "Theo đề nghị", "Xét", an article, a khoản "2. ", a điểm "a) ", a bullet.
PARAGRAPH_START = re.compile(r"\s*(?:Căn cứ|Theo đề nghị|Xét|Điều \d|\d{1,2}\.\s|[a-zđ]\)\s|[-+•]\s)")

# --------------------------------------------------------------------------- bodies (extract/bodies.py)

# A level named without a place: "cấp tỉnh", "cấp huyện", "cấp xã".
GENERIC_LEVEL = re.compile(r"cấp\s+(tỉnh|huyện|xã)", re.I)
NAME_TOKEN = re.compile(r"\w+(?:&\w+)*|[^\w\s]")  # a syllable ("KH&ĐT" whole) or one punctuation mark
# What may stand between a citation and the body that issued it: "(, ban hành) ngày … của", "do".
ISSUER_OF = re.compile(r"^[\s,]*(?:(?:ban\s+hành\s+)?ngày[^;]{0,40}?\s)?(?:của|do)\s+$")

# --------------------------------------------------------------------------- procedures (extract/procedures.py)

# A table row naming the field of the procedures under it: "Lĩnh vực: Hộ tịch".  Group field.
FIELD_ROW = re.compile(r"lĩnh\s+vực\s*:?\s*(?P<field>.+)$", re.I)
