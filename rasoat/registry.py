"""The registry of documents and their effect status in the database (tables ``registry`` and
``registry_facts``), rebuilt after every ingest (``store.refresh_derived``):

* ``registry_facts`` holds the facts each stored document states (written with the document,
  ``store.fact_rows``) and the imported ones (``import_file``: what an office already keeps);
* ``registry`` is derived: one row per known document — stored, cited, shipped with rasoat
  (``rasoat.effect.shipped``) or imported — with its status today, the lists of documents that replaced,
  repealed or amended it, every fact's source and clause (``evidence``) and the disagreements (``conflicts``);
* ``documents.status`` is each stored document's status today, ``citations.status`` the status of the cited
  document on the citing document's signing date;
* a citation by name and date gets the number the registry knows for that name (``resolve_names``), filled in
  ``citations.number`` when certain.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rasoat import effect
from rasoat.facts import signing_period
from rasoat.models import EffectFact
from rasoat.numbers import number_key
from rasoat.tables import label, table
from rasoat.vntext import fold

if TYPE_CHECKING:
    import sqlite_utils

# the columns of an import or export file, in order: the registry's own, without its derived ones
EXCHANGE_COLUMNS = ("number", "doc_type", "issuer", "title", "issued_on", "effective_on", "status", "status_from",
                    "replaced_by", "repealed_by", "partly_repealed_by", "amended_by", "source", "conflicts")
LIST_COLUMNS = ("replaced_by", "repealed_by", "partly_repealed_by", "amended_by")
LIST_SEPARATOR = ";"  # between numbers in a list cell of a CSV file
KIND_OF_LIST = {"replaced_by": effect.REPLACED, "repealed_by": effect.REPEALED_WHOLE,
                "partly_repealed_by": effect.REPEALED_PART, "amended_by": effect.AMENDED}


def _fact(r: dict) -> EffectFact:
    return EffectFact(number=r["number"], kind=r["kind"], source=r["source"], on=r["since"], by=r["by_number"],
                      clause=r["clause"], doc_type=r["doc_type"], issuer=r["issuer"], title=r["title"],
                      issued_on=r["issued_on"], effective_on=r["effective_on"], document_id=r["document_id"],
                      page=r["page"], start=r["start"], end=r["end"])


def load(db: sqlite_utils.Database) -> effect.Registry:
    """The shipped registry with the facts of the database (stored documents and imports)."""
    reg = effect.Registry()
    reg.add(f for facts in effect.shipped().by_key.values() for f in facts)
    if db["registry_facts"].exists():
        reg.add(_fact(r) for r in db["registry_facts"].rows)
    return reg


def resolve_names(db: sqlite_utils.Database, registry: effect.Registry | None = None) -> int:
    """Citations by name (no number) matched against the registry titles: ``resolved_number`` and
    ``name_confidence`` set; ``number`` (and its key) filled when the confidence reaches
    ``effect.DEFAULT_CERTAIN``.  The number of citations filled."""
    reg = registry or load(db)
    named = db.execute("select doc_type, name, issued_on, issued_year, count(*) from citations where number is null "
                       "and name is not null group by doc_type, name, issued_on, issued_year").fetchall()
    filled = 0
    with db.atomic():
        for doc_type, name, issued_on, year, count in named:  # each name once: a law is cited by name many times
            hit = reg.resolve_name(name, doc_type, issued_on or (str(year) if year else None))
            if not hit:
                continue
            number, conf = hit
            certain = conf >= effect.DEFAULT_CERTAIN
            filled += count if certain else 0
            db.execute("update citations set resolved_number = ?, name_confidence = ?, number = coalesce(?, number), "
                       "number_key = coalesce(?, number_key) where number is null and name = ? "
                       "and doc_type is ? and issued_on is ? and issued_year is ?",
                       [number, conf, number if certain else None, number_key(number) if certain else None,
                        name, doc_type, issued_on, year])
    return filled


def rebuild(db: sqlite_utils.Database) -> effect.Registry:
    """Rewrite the ``registry`` table and the statuses of documents and citations from all the facts."""
    reg = load(db)
    stored = {number_key(n): i for i, n in db.execute(
        "select id, number from documents where number is not null and error is null order by issued_on").fetchall()
        if number_key(n)}
    cited = {number_key(n): n for (n,) in db.execute("select distinct number from citations where number is not null")}
    rows = []
    merged = {name for names in reg.aliases().values() for name in names}  # rows of their numbers hold them
    for key in sorted(set(reg.by_key) - merged | set(stored) | {k for k in cited if k}):
        facts = reg.by_key.get(key)
        entry = reg.entry(facts[0].number) if facts else dict(
            number=cited.get(key), status=effect.UNKNOWN, replaced_by=[], repealed_by=[], partly_repealed_by=[],
            amended_by=[], evidence=[])
        if not entry.get("number"):
            entry["number"] = db.execute("select number from documents where id = ?", [stored[key]]).fetchone()[0]
        entry.update(number_key=key, document_id=stored.get(key))
        rows.append(_row(entry))
    with db.atomic():
        db.execute("delete from registry")
        db["registry"].insert_all(rows, pk="number_key", replace=True)
        db.conn.executemany("update documents set status = ? where id = ?", [
            (reg.status(number).status if number else None, doc_id)
            for doc_id, number in db.execute("select id, number from documents").fetchall()])
        found_of: dict[tuple, str | None] = {}  # each cited number or name looked up once
        status_of: dict[tuple, str] = {}
        updates = []
        for rowid, number, name, doc_type, cited_on, year, on, month, citing in db.execute(
                "select c.rowid, c.number, c.name, c.doc_type, c.issued_on, c.issued_year, d.issued_on, d.issued_in, "
                "d.number "
                "from citations c join documents d on d.id = c.document_id "
                "where c.number is not null or c.name is not null").fetchall():
            asked = (number, name, doc_type, cited_on, year)
            if asked not in found_of:
                found_of[asked] = effect.number_of(reg, number, name, doc_type, cited_on, year)[0]
            found = found_of[asked]
            if not found:
                updates.append((effect.UNKNOWN, rowid))
                continue
            on_key = (number_key(found), on or month, doc_type, number_key(citing or ""))
            if on_key not in status_of:
                status_of[on_key] = status_in(reg, found, signing_period(on, month), doc_type, citing)
            updates.append((status_of[on_key], rowid))
        db.conn.executemany("update citations set status = ? where rowid = ?", updates)
    return reg


def status_in(reg: effect.Registry, number: str, period: tuple[date, date] | None, doc_type: str | None = None,
              citing: str | None = None) -> str:
    """The status of ``number`` all through ``period`` (``facts.signing_period``: the citing document's signing
    day, else the month or year its date line gives): unknown when the period is, or when the status changes
    within it (a căn cứ replaced in the middle of the month a draft is dated)."""
    if period is None:
        return effect.UNKNOWN
    first, last = period
    at_first = reg.status(number, first, doc_type, citing=citing, lists=False).status
    if first == last:
        return at_first
    at_last = reg.status(number, last, doc_type, citing=citing, lists=False).status
    return at_first if at_first == at_last else effect.UNKNOWN


def _row(entry: dict[str, Any], name: str = "registry") -> dict:
    """A row of a registry table, every declared column (``rasoat.tables``) from ``entry``, lists as JSON (as
    ``store.row`` stores them: the store imports this module, so it cannot be imported here)."""
    out = {}
    for c in table(name).columns:
        value = entry.get(c.name)
        out[c.name] = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
    return out


def fact_row(f: EffectFact) -> dict:
    """The ``registry_facts`` row of a fact."""
    return _row(dict(vars(f), since=f.on, by_number=f.by, number_key=number_key(f.number)), "registry_facts")


# --------------------------------------------------------------------------- import and export


def _list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    text = str(value).strip()
    if text.startswith("["):
        return [str(v).strip() for v in json.loads(text) if str(v).strip()]
    return [v.strip() for v in text.split(LIST_SEPARATOR) if v.strip()]


def _header_names() -> dict[str, str]:
    """A file's column header → registry column: the column's name or its Vietnamese label."""
    out = {}
    for c in table("registry").columns:
        out[c.name] = c.name
        out[c.label.casefold()] = c.name
    return out


class RegistryFileError(ValueError):
    """A registry file that cannot be imported as it is; the message (in Vietnamese) says what and where.
    Nothing of the file is imported then."""


DELIMITERS = (",", ";", "\t")  # of a CSV file: Excel writes ";" where the decimal mark is a comma (vi-VN), tabs
DATE_COLUMNS = ("issued_on", "effective_on", "status_from")
STATUS_ALIASES = {"hết hiệu lực": effect.REPEALED}  # how an office may write a status, as rasoat writes it
DEFAULT_PROBLEMS_SHOWN = 10  # problems of a file listed in its error, the rest counted
# A date as an office writes it: ISO, or day/month/year with "/", "-" or "." ("05/3/2024").
_DMY = re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})$")


def _text_of(path: Path) -> str:
    """The file's text: UTF-16 with its byte-order mark (Excel's "Unicode Text"), else UTF-8 (with or without
    one)."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise RegistryFileError(
            f"Tệp {path.name} không phải UTF-8 (byte lạ ở vị trí {e.start}): hãy lưu lại dạng \"CSV UTF-8\" hoặc "
            "JSON UTF-8") from None


def _raw_rows(path: Path, text: str) -> list[dict[str, Any]]:
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise RegistryFileError(f"Tệp {path.name} không phải JSON hợp lệ (dòng {e.lineno}, cột {e.colno}: "
                                    f"{e.msg})") from None
        raw = data.get("rows") if isinstance(data, dict) else data
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise RegistryFileError(f"Tệp {path.name}: cần một danh sách các đối tượng (mỗi văn bản một đối tượng), "
                                    "hoặc một đối tượng có khóa \"rows\" là danh sách đó")
        return raw
    header = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)
    return [{k: v for k, v in r.items() if k is not None}  # cells beyond the header's columns are no column
            for r in csv.DictReader(io.StringIO(text), delimiter=delimiter)]


def _date(value: Any) -> str | None:
    """An imported date as ISO, None when blank; ValueError when it is no date."""
    text = str(value or "").strip()
    if not text:
        return None
    m = _DMY.match(text)
    d = date(int(m["year"]), int(m["month"]), int(m["day"])) if m else date.fromisoformat(text)
    return d.isoformat()


def _status(value: Any) -> str | None:
    """An imported status as one of ``effect.STATUSES`` (any case, with or without marks), None when blank;
    ValueError when it is none of them."""
    text = str(value or "").strip()
    if not text:
        return None
    known = {fold(s): s for s in effect.STATUSES} | {fold(k): v for k, v in STATUS_ALIASES.items()}
    if fold(text) not in known:
        raise ValueError(text)
    return known[fold(text)]


def read_rows(path: str | Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of a CSV (header: the registry's column names or labels; separated by ",", ";" or tabs) or
    JSON file (a list of objects), with dates as ISO and statuses as rasoat writes them; and the columns of the
    file that are none of the registry's (ignored: "STT", "Ghi chú").  Blank rows are skipped.
    ``RegistryFileError`` lists every problem (a missing number column, a row without a number, a date or a
    status that cannot be read), by line."""
    path = Path(path)
    raw = _raw_rows(path, _text_of(path))
    names = _header_names()
    column_of = lambda key: names.get(str(key).strip().casefold()) or names.get(str(key).strip())  # noqa: E731
    if raw and "number" not in {column_of(k) for k in raw[0]}:
        raise RegistryFileError(f"Không nhập tệp {path.name} (chưa nhập dòng nào): không có cột số ký hiệu "
                                "(\"number\" hoặc \"Số ký hiệu\")")
    first_line = 1 if path.suffix.lower() == ".json" else 2
    rows, ignored, problems = [], {}, []
    for i, r in enumerate(raw, start=first_line):
        row = {}
        for k, v in r.items():
            column = column_of(k)
            if column is None:
                ignored[str(k).strip()] = None
            else:
                row[column] = v.strip() if isinstance(v, str) else v
        if not any(v not in (None, "", []) for v in row.values()):
            continue
        where = f"dòng {i}"  # of a CSV file (its header is line 1), or the item of a JSON list
        if not str(row.get("number") or "").strip():
            problems.append(f"{where}: thiếu số ký hiệu")
        for column in DATE_COLUMNS:
            try:
                row[column] = _date(row.get(column))
            except ValueError:
                problems.append(f"{where}: {label('registry', column)} \"{row.get(column)}\" không phải ngày "
                                "(viết 2024-03-05 hoặc 05/03/2024)")
        try:
            row["status"] = _status(row.get("status"))
        except ValueError:
            problems.append(f"{where}: tình trạng \"{row.get('status')}\" không phải một trong: "
                            + ", ".join(effect.STATUSES))
        rows.append(dict(row, _where=where))
    if problems:
        more = len(problems) - DEFAULT_PROBLEMS_SHOWN
        raise RegistryFileError(f"Không nhập tệp {path.name} (chưa nhập dòng nào): " + "; ".join(
            problems[:DEFAULT_PROBLEMS_SHOWN]) + (f"; và {more} lỗi khác" if more > 0 else ""))
    return rows, list(ignored)


def facts_of_row(r: dict[str, Any], where: str) -> list[EffectFact]:
    """An imported row as facts: its own (number, type, issuer, title, dates) and one per document in its
    lists, dated ``status_from``; a whole repeal stated without the repealing number is kept as one."""
    number = (r.get("number") or "").strip()
    if not number:
        return []
    clause = where if not r.get("source") or r["source"] == effect.SOURCE_IMPORT else f"{where} ({r['source']})"
    blank = lambda k: (str(r.get(k)).strip() or None) if r.get(k) is not None else None  # noqa: E731
    out = [EffectFact(number, effect.ISSUED, effect.SOURCE_IMPORT, on=blank("effective_on"), by=number, clause=clause,
                      doc_type=blank("doc_type"), issuer=blank("issuer"), title=blank("title"),
                      issued_on=blank("issued_on"), effective_on=blank("effective_on"))]
    since = blank("status_from")
    for column, kind in KIND_OF_LIST.items():
        for by in _list(r.get(column)):
            out.append(EffectFact(number, kind, effect.SOURCE_IMPORT, on=since, by=by, clause=clause))
    if blank("status") == effect.REPEALED and not _list(r.get("replaced_by")) and not _list(r.get("repealed_by")):
        out.append(EffectFact(number, effect.REPEALED_WHOLE, effect.SOURCE_IMPORT, on=since, clause=clause))
    return out


def import_file(db: sqlite_utils.Database, path: str | Path) -> tuple[int, list[str]]:
    """Add the rows of an office's registry file as facts (source "nhập"; a file imported again replaces its
    earlier facts), then rebuild.  The number of rows read, and the file's columns that were ignored (none of the
    registry's).  ``RegistryFileError`` (nothing imported) when the file cannot be read as it is."""
    name = Path(path).name
    rows, ignored = read_rows(path)
    facts = [f for r in rows for f in facts_of_row(r, f"{name}, {r['_where']}")]
    with db.atomic():
        db.execute("delete from registry_facts where source = ? and (clause = ? or clause like ?)",
                   [effect.SOURCE_IMPORT, name, f"{name}, dòng %"])
        db["registry_facts"].insert_all(fact_row(f) for f in facts)
    rebuild(db)
    return len(rows), ignored


def export_rows(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The registry as exchange rows (lists as lists)."""
    out = []
    for r in db.execute(f"select {', '.join(EXCHANGE_COLUMNS)} from registry order by number").fetchall():
        d = dict(zip(EXCHANGE_COLUMNS, r, strict=True))
        for c in LIST_COLUMNS:
            d[c] = json.loads(d[c]) if d[c] else []
        out.append(d)
    return out


def export_text(db: sqlite_utils.Database, fmt: str) -> str:
    """The registry as CSV (lists joined by ``LIST_SEPARATOR``) or JSON."""
    rows = export_rows(db)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=EXCHANGE_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: (LIST_SEPARATOR.join(v) if isinstance(v, list) else v) for k, v in r.items()})
    return buf.getvalue()
