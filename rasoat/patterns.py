"""Patterns that more than one stage needs, defined once, below the stages:
``ingest`` decides with them which pages get table extraction, ``extract``
reads the procedures with them (data flows one way, so ingest never imports
extract); ``rasoat.effect`` and the citation rules read repeals with them."""

from __future__ import annotations

import re

from rasoat.facts import format_constants

# The Quốc hiệu line, either tone placement (rasoat/data: format constants): one printed after a document's own
# opens a form or another document the file holds (extract.blocks.embedded_start: not the document's căn cứ;
# rasoat.effect: not its effect article).  Not the country named in a phrase ("Ký bởi: CÔNG BÁO NƯỚC CỘNG HÒA XÃ
# HỘI CHỦ NGHĨA VIỆT NAM", a signature's text).
NATIONAL_TITLE = re.compile(r"(?<!NƯỚC\s)" + format_constants()["quoc_hieu"]["regex"])

# Words that end a cited document, in whole or in part, before it ("bãi bỏ", "thay thế", "hết hiệu lực"):
# rasoat.effect reads what a document ends with them, the citation rules what a căn cứ's sentence says.
REPEAL_WORD = re.compile(r"bãi\s+bỏ|thay\s+thế|hết\s+hiệu\s+lực", re.I)

# TTHC codes: one digit, a dot, six digits ("1.004227").
TTHC_CODE = re.compile(r"(?<![\d.,])(?P<code>[1-3]\.\d{6})(?![\d.,]\d)")

# Column headers of a procedures table (folded, see rasoat.vntext.fold), by the Procedure field the column
# holds; a header cell starting with or holding one of the words names the column (extract/procedures.py).
PROCEDURE_COLUMNS = {
    "code": ("ma so", "ma tthc", "ma thu tuc", "ma ho so", "ma"),
    "name": ("ten thu tuc", "ten tthc", "thu tuc hanh chinh", "ten"),
    "field": ("linh vuc",),
    "agency": ("co quan thuc hien", "co quan giai quyet", "don vi thuc hien"),
    "deadline": ("thoi han", "thoi gian giai quyet"),
    "fee": ("phi", "le phi"),
}

# The code and name headers that only a procedures table prints: those of two words or more, less
# "thu tuc hanh chinh", which running text says all the time.
TABLE_HEADER_WORDS = tuple(w for key in ("code", "name") for w in PROCEDURE_COLUMNS[key]
                           if " " in w and w != "thu tuc hanh chinh")

# One of TABLE_HEADER_WORDS in folded page text, where a wrapped cell may break the line between two words.
PROCEDURE_TABLE_HEADER = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in TABLE_HEADER_WORDS) + r")\b")
