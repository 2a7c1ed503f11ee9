"""The names stored for regions and text sources: enum members that are the same strings as before, and
a Vietnamese word for every text source a reviewer may see."""

import json
import sqlite3

import pytest

from rasoat.models import Region, TextSource
from rasoat.web import labels


@pytest.mark.parametrize("source", list(TextSource))
def test_every_text_source_has_a_vietnamese_label(source):
    assert labels.value_label("text_source", source)  # documents.text_source
    assert labels.value_label("source", str(source), "pages")  # pages.source, as read back from SQLite


@pytest.mark.parametrize("member, stored", [
    (Region.HEADER_LEFT, "header_left"), (Region.SIGNATURE, "signature"), (Region.ABOVE_HEADER, "above_header"),
    (TextSource.TEXT_OCR, "text+ocr"), (TextSource.DOC_LEGACY, "doc/legacy"), (TextSource.TCVN3_VNI, "tcvn3/vni"),
])
def test_members_are_stored_as_their_strings(member, stored):
    assert member == stored and {member: 1}[stored] == 1  # compares and hashes as the string
    assert json.loads(json.dumps({member: member})) == {stored: stored}  # regions are stored as JSON
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (x)")
    conn.execute("insert into t values (?)", [member])
    assert conn.execute("select x, typeof(x) from t").fetchone() == (stored, "text")
