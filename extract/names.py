"""Vietnamese personal names read by OCR: marks put back where a name
syllable cannot stand without them.

OCR of a scan loses marks most often on bold type, and the signer's name is
printed bold: "Phạm Thị Ngọc Lan" comes out "Pham Thi Ngoc Lan" (the dots
below are gone, the grave accent survived).  A surname or a middle name
written with no mark at all, where no Vietnamese surname (or middle name) is
spelled that way, can only be the marked one: "Pham" is "Phạm", "Nguyen" is
"Nguyễn", "Thi" in the middle of a name is "Thị".  Given names are left as
read: "Thanh", "Thành" and "Thạnh" are all names.

Only syllables read without any mark are changed, only in the surname and
middle-name positions, and only when the unmarked spelling is not itself a
name there ("Phan", "Mai", "Lam", "Minh" stay).
"""

from __future__ import annotations

import unicodedata

# the commonest surnames whose spelling has a mark, keyed by that spelling without marks
SURNAMES = {
    "nguyen": "Nguyễn", "tran": "Trần", "le": "Lê", "pham": "Phạm", "hoang": "Hoàng", "huynh": "Huỳnh",
    "vu": "Vũ", "vo": "Võ", "dang": "Đặng", "bui": "Bùi", "do": "Đỗ", "ho": "Hồ", "ngo": "Ngô",
    "duong": "Dương", "ly": "Lý", "trinh": "Trịnh", "dinh": "Đinh", "doan": "Đoàn", "luong": "Lương",
    "dao": "Đào", "thai": "Thái", "ha": "Hà", "ta": "Tạ", "tang": "Tăng", "thach": "Thạch", "kieu": "Kiều",
    "quach": "Quách", "tong": "Tống", "trieu": "Triệu", "vuong": "Vương",
    "lai": "Lại", "dam": "Đàm", "nghiem": "Nghiêm", "giap": "Giáp", "ton": "Tôn", "hua": "Hứa",
}
# middle names whose spelling has a mark and that no one writes without it
MIDDLE_NAMES = {
    "thi": "Thị", "duc": "Đức", "huu": "Hữu", "ngoc": "Ngọc", "dinh": "Đình", "cong": "Công", "quoc": "Quốc",
    "xuan": "Xuân", "trong": "Trọng",
}  # not "van": Văn and Vân are both middle names


def _bare(syllable: str) -> str | None:
    """The syllable in lower case when it carries no mark at all (đ counts as one), else None."""
    if (any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", syllable))
            or any(c in "đĐ" for c in syllable)):
        return None
    return syllable.lower()


def restore_marks(name: str) -> str:
    """``name`` with the marks OCR dropped from its surname and middle names put back."""
    parts = name.split()
    if len(parts) < 2:
        return name
    out = list(parts)
    for i, part in enumerate(parts[:-1]):  # the last syllable is the given name
        bare = _bare(part)
        table = SURNAMES if i == 0 else MIDDLE_NAMES
        if bare in table and part[:1].isupper():
            marked = table[bare]
            out[i] = marked if not part.isupper() else marked.upper()
    return " ".join(out)


# surnames written without marks, which the table above leaves out (its keys are the unmarked spellings of marked
# names): used only to find where a second name starts on a line
PLAIN_SURNAMES = {"Phan", "Mai", "Lâm", "Lưu", "Cao", "Chu", "Lục", "Lò", "Hoàng", "Văn", "Y"}
_RANKS = {"tướng", "tá", "úy"}  # "Trung tướng", "Đại tá": the second word of a rank before a name


def first_of_side_by_side(words: list[str]) -> str | None:
    """The first name of two printed side by side ("Lê Văn An Trần Thị Bình" → "Lê Văn An"), a rank before
    either dropped ("Trung tướng Lê Văn An …"); None when no surname starts a second name after two to four
    words of the first."""
    if len(words) > 1 and words[1] in _RANKS:
        words = words[2:]
    surnames = set(SURNAMES.values()) | PLAIN_SURNAMES - {"Văn", "Y"}
    for i in range(2, min(5, len(words) - 1)):
        if words[i] in surnames or words[i + 1] in _RANKS:
            return " ".join(words[:i])
    return None
