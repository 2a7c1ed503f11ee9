"""rasoat's Datasette plugin (entry point ``datasette: rasoat``).

Pages (``register_routes``):

- ``/-/rasoat/document/<id>``  one document: header, findings, extracted
  items, and its pages' text with items and evidence marked;
- ``/-/rasoat/search?q=…``     documents, articles and findings at once
  (``&exact=1``: tell "thể" from "thế");
- ``/-/rasoat/overview``       bar charts linked to the rows behind them;
- the reviewer's pages (``rasoat.web.review``): upload, decisions on findings,
  the self-check record of a document, the period report — its two POST
  routes (``review.WRITE_PATHS``) are the only writes let through.
- ``/-/rasoat/export.csv|xlsx?from=<page>``  the rows of a table or query
  page as a file for Excel (``rasoat.web.export``): one click from the page.

Datasette's own pages speak Vietnamese through the templates in
``templates/`` (table, query, row, database, error, login, logout) and the
template functions of ``extra_template_vars``; a table opens with the columns
a reviewer reads (``DEFAULT_COLUMNS``, the rest behind "Thêm cột").

Also: the home page and table headers and facets in Vietnamese (templates
in ``templates/``), table cells that link to the document page, SQL
functions for the canned queries, and read-only serving: every connection
to the served database gets ``PRAGMA query_only`` and every request that
could write (any method but GET/HEAD/OPTIONS) is answered 405.

Hostile input answers 4xx at once, never 500 nor a blocked server
(``asgi_wrapper``, ``handle_exception``, ``prepare_connection``): an overlong
path or query string is refused before Datasette reads it (414), a 4xx is
answered without Datasette's traceback printer (rich, ``show_locals``: tens of
kB of log and seconds per request, a 500 when no exception is being handled),
a search the FTS5 syntax refuses answers 400, SQL cannot call
``fts3_tokenizer`` (it returns a library pointer), ``randomblob``,
``zeroblob`` or ``printf``, strings and blobs are capped (``SQLITE_LIMIT_LENGTH``) and the
plugin's SQL functions refuse an input too long to handle within Datasette's
time limit.
"""

from __future__ import annotations

import json
import sqlite3
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils import add_cors_headers, sqlite_timelimit
from datasette.utils.asgi import BadRequest, Base400, NotFound, Response
from datasette.views.base import DatasetteError
from markupsafe import Markup, escape

from rasoat import tables as table_declarations
from rasoat.numbers import number_key
from rasoat.vntext import fold, unify
from rasoat.web import export, labels, review
from rasoat.web.access import check_can_view, rasoat_database
from rasoat.web.diagram import effect_context
from rasoat.web.document import document_context
from rasoat.web.highlight import snippet
from rasoat.web.overview import overview_context
from rasoat.web.search import match_expression, search_all

MMAP_BYTES = 256 * 1024 * 1024  # PRAGMA mmap_size of the served database's connections

ROUTE = "/-/rasoat"

# Limits on what a request may ask (hostile input answers 4xx at once).
MAX_PATH_CHARS = 2_048  # a URL path (Datasette's longest: a row of a compound key, far below this)
MAX_QUERY_STRING_CHARS = 16_384  # a URL query string, percent-encoded (room for a few kB of SQL)
MAX_SEARCH_CHARS = 500  # the search page's query: each word is matched against every result's text
MAX_FUNCTION_INPUT_CHARS = 1_000_000  # rasoat_fold & co. take ~0.1 s on this: well within the 1 s time limit
MAX_VALUE_BYTES = 64 * 1024 * 1024  # SQLITE_LIMIT_LENGTH: any string or blob, far above a document's text
# SQL functions served connections refuse: fts3_tokenizer('simple') returns a pointer into the SQLite library
# (an address an attacker can use), randomblob/zeroblob make a blob of any size in one call, and
# printf('%.*c', 2147483647, 'x') (format is its other name) loops 13 s in one call, which Datasette's time
# limit cannot interrupt (SQLite checks it between steps of a query, not inside a function).
DENIED_FUNCTIONS = frozenset({"fts3_tokenizer", "randomblob", "zeroblob", "printf", "format"})


# ---- connections ---------------------------------------------------------

def bounded(function):
    """A one-argument SQL function: NULL for NULL, the value as text, and an
    error (the query fails, Datasette answers 400) for a text longer than
    MAX_FUNCTION_INPUT_CHARS — one Python call cannot be interrupted by
    Datasette's time limit, which SQLite checks between its own steps."""

    def call(value):
        if value is None:
            return None
        text = str(value)
        if len(text) > MAX_FUNCTION_INPUT_CHARS:
            raise ValueError(f"Đầu vào dài quá {MAX_FUNCTION_INPUT_CHARS} ký tự")
        return function(text)

    return call


def authorize(action, arg1, arg2, db_name, trigger):
    """SQLite authorizer of served connections: refuses DENIED_FUNCTIONS."""
    if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in DENIED_FUNCTIONS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


@hookimpl(trylast=True)  # after Datasette's own, whose escape_fts ours replaces
def prepare_connection(conn, database, datasette):
    conn.create_function("escape_fts", 1, bounded(match_expression), deterministic=True)
    conn.create_function("rasoat_fold", 1, bounded(fold), deterministic=True)
    conn.create_function("rasoat_unify", 1, bounded(unify), deterministic=True)
    conn.create_function("rasoat_number_key", 1, bounded(number_key), deterministic=True)
    conn.set_authorizer(authorize)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    if not database.startswith("_"):  # _internal and _memory are Datasette's own
        conn.execute("PRAGMA query_only = 1")
        # Read pages through a memory map instead of copying each one into the connection's small page
        # cache: searches and facets over many thousands of rows touch many pages.
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


READ_METHODS = {"GET", "HEAD", "OPTIONS"}
POST_PATHS = {"/-/login", "/-/logout"} | review.WRITE_PATHS  # signing in and out; upload, decisions (review.py)


def bad_parameter(query_string: bytes) -> str | None:
    """What is wrong with a query string Datasette would answer with a 500 (it reads ``_timelimit`` and ``_ttl``
    as integers, ``_json_infinity`` as a boolean, ``_through``, ``col__in=[…]`` and ``_facet={…}`` as JSON
    unchecked, a filter's digits as an integer of any size, and SQLite refuses a NUL character in SQL), or None."""
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return "tham số chứa ký tự NUL (%00)."
        if name in INTEGER_PARAMETERS and not _is_integer(value):
            return f"{name} phải là một số nguyên."
        if name in BOOLEAN_PARAMETERS and value.lower() not in BOOLEAN_VALUES:
            return f"{name} phải là một trong {', '.join(BOOLEAN_VALUES)}."
        if "__" in name and _is_integer(value) and int(value) > SQLITE_MAX_INTEGER:
            return f"{name}: số quá lớn."
        if name == "_through" and not _json_is(value, dict, lambda d: all(isinstance(d.get(k), str)
                                                                         for k in THROUGH_KEYS)):
            return '_through phải là JSON {"table": …, "column": …, "value": …}.'
        if name.endswith(("__in", "__notin")) and value.startswith("[") and not _json_is(value, list):
            return f"{name} phải là danh sách JSON [ … ] hoặc các giá trị cách nhau bằng dấu phẩy."
        if name.startswith("_facet") and value.startswith("{") and not _json_is(
                value, dict, lambda d: isinstance(d.get("column") or d.get("simple"), str)):
            return f'{name} phải là tên cột hoặc JSON {{"simple": cột}}.'
    return None


def _is_integer(text: str) -> bool:
    return text.isascii() and text.isdigit()  # "²".isdigit() too, which int() refuses


def _json_is(text: str, kind: type, check=lambda value: True) -> bool:
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, kind) and check(value)


INTEGER_PARAMETERS = {"_timelimit", "_ttl"}  # Datasette's parameters it turns into an int unchecked
BOOLEAN_PARAMETERS = {"_json_infinity"}  # … and into a boolean unchecked
BOOLEAN_VALUES = ("on", "off", "true", "false", "1", "0")  # what Datasette's value_as_boolean accepts
SQLITE_MAX_INTEGER = 2**63 - 1  # a filter's number beyond this fails in sqlite3 (OverflowError)
THROUGH_KEYS = ("table", "column", "value")  # what Datasette's _through (filter through a many-to-many table) reads


# The columns a table opens with (the rest behind "Thêm cột"): what a reviewer reads, the long text never.
DEFAULT_COLUMNS = {
    "documents": ("number", "doc_type", "issuer", "issued_on", "title", "error"),
    "findings": ("document_id", "severity", "rule_id", "message", "evidence", "page", "fix", "decision"),
    "citations": ("document_id", "raw", "number", "relation", "page"),
    "articles": ("document_id", "path", "title", "page"),
    "pages": ("document_id", "page", "source", "ocr_confidence", "damaged"),
}
# Parameters that choose columns themselves: the page is left as asked ("_cot": every column, from "Thêm cột")
COLUMN_PARAMETERS = {"_col", "_nocol", "_cot"}


def with_default_columns(scope) -> dict:
    """A table page (``/<database>/<table>``, HTML) asked without choosing columns gets DEFAULT_COLUMNS, as if
    the address said ``?_col=…``: its links (sort, facets, export) keep them."""
    parts = scope["path"].split("/")
    if len(parts) != 3 or parts[1].startswith("-") or parts[2] not in DEFAULT_COLUMNS:
        return scope
    query = (scope.get("query_string") or b"").decode("latin-1")
    if any(name in COLUMN_PARAMETERS for name, _ in parse_qsl(query, keep_blank_values=True)):
        return scope
    added = urlencode([("_col", c) for c in DEFAULT_COLUMNS[parts[2]]])
    return dict(scope, query_string=(query + "&" + added if query else added).encode("latin-1"))


def refusal(scope) -> Response | None:
    """The answer to a request refused before it reaches Datasette, or None."""
    raw_path = scope.get("raw_path") or scope["path"].encode("utf-8", "surrogateescape")
    if len(raw_path) > MAX_PATH_CHARS:
        return Response.text(f"414 Đường dẫn quá dài (tối đa {MAX_PATH_CHARS} ký tự).", status=414)
    query_string = scope.get("query_string") or b""
    if len(query_string) > MAX_QUERY_STRING_CHARS:
        return Response.text(f"414 Chuỗi truy vấn quá dài (tối đa {MAX_QUERY_STRING_CHARS} ký tự).", status=414)
    if not raw_path.isascii():  # Datasette decodes the raw path as ASCII
        return Response.text("400 Đường dẫn chứa ký tự không hợp lệ (cần mã hóa phần trăm).", status=400)
    problem = bad_parameter(query_string)
    if problem:
        return Response.text(f"400 Tham số không hợp lệ: {problem}", status=400)
    too_large = review.refusal(scope)  # an upload over the size limit, before its body is read
    if too_large is not None:
        return too_large
    if scope["method"] not in READ_METHODS and scope["path"] not in POST_PATHS:
        return Response.text("405 Chỉ đọc: máy chủ rasoat không nhận thao tác ghi.", status=405,
                             headers={"Allow": "GET, HEAD, OPTIONS"})
    return None


@hookimpl
def asgi_wrapper(datasette):
    """The served site is read-only: any other method than GET/HEAD/OPTIONS
    (a POST to a table, a canned query, Datasette's write API…) gets 405
    before it reaches Datasette, except signing in and out.  An overlong
    path or query string gets 414, a path that is not ASCII 400."""

    def wrap(app):
        async def read_only(scope, receive, send):
            response = refusal(scope) if scope["type"] == "http" else None
            if response is not None:
                await response.asgi_send(send)
                return
            if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
                scope = with_default_columns(scope)
            await app(scope, receive, send)

        return read_only

    return wrap


# Messages of errors Datasette raises with status 500 for a request's parameters (``_sort=no_such_column``).
CLIENT_ERROR_MESSAGES = ("Cannot sort table by", "Cannot use _sort and _sort_desc", "Invalid _through")
# SQLite errors that are the server's, not the query's: these stay 500 (any other error of a query is a 400).
SERVER_SQLITE_ERRORS = ("database is locked", "disk I/O error", "unable to open", "database disk image",
                        "out of memory", "attempt to write")


def client_error_status(exception) -> int | None:
    """The 4xx status of an exception caused by the request, else None."""
    status = getattr(exception, "status", None)
    if isinstance(exception, Base400 | DatasetteError) and isinstance(status, int) and 400 <= status < 500:
        return status
    if not isinstance(exception, DatasetteError):
        return None
    message = str(exception.message)
    if message.startswith(CLIENT_ERROR_MESSAGES):
        return 400
    if isinstance(exception.__context__, sqlite3.OperationalError) and not message.startswith(SERVER_SQLITE_ERRORS):
        return 400
    return None


@hookimpl(hookwrapper=True)
def handle_exception(datasette, request, exception):
    """A 4xx answered without Datasette's default handler, which prints the
    traceback with every frame's locals through rich (for a 64,000-character
    path: 38 s of printing in the event loop, other requests waiting) and,
    asked outside an ``except`` block (a path no route matches), fails itself
    with a 500.  Datasette awaits every result of this hook: the wrapper
    returns ours alone, so the default one is never run."""
    outcome = yield
    status = client_error_status(exception)
    if status is not None:
        outcome.force_result([quiet_error(datasette, request, exception, status)])


def quiet_error(datasette, request, exception, status: int):
    """What Datasette's default handler answers (JSON for a .json path, else its error page), without printing."""

    async def inner():
        if isinstance(exception, DatasetteError):
            message, title = exception.message, exception.title
            if exception.message_is_html:
                message = Markup(message)
            info = dict(exception.error_dict)
        else:
            message, title, info = (exception.args[0] if exception.args else ""), None, {}
        if status == 404 and message in ("", "404"):
            message = "Không tìm thấy trang này."
        info.update(ok=False, error=message, status=status, title=title)
        headers = {}
        if datasette.cors:
            add_cors_headers(headers)
        if request.path.split("?")[0].endswith(".json"):
            return Response.json(info, status=status, headers=headers)
        template = datasette.jinja_env.select_template([f"{status}.html", "error.html"])
        return Response.html(await template.render_async(dict(
            info, urls=datasette.urls, app_css_hash=datasette.app_css_hash(), menu_links=lambda: [])), status=status,
            headers=headers)

    return inner


def document_url(datasette, doc_id: str, anchor: str = "") -> str:
    return datasette.urls.path(f"{ROUTE}/document/{doc_id}") + (f"#{anchor}" if anchor else "")


# ---- pages ---------------------------------------------------------------

async def document_page(request, datasette):
    db = await rasoat_database(datasette)
    await check_can_view(datasette, request, db)
    doc_id = request.url_vars["id"]
    context = await db.execute_fn(lambda conn: document_context(conn, doc_id))
    if context is None:
        raise NotFound(f"Không có văn bản {doc_id}")
    context.update(database=db.name, doc_url=lambda i, a="": document_url(datasette, i, a))
    context.update(await db.execute_fn(lambda conn: review.review_vars(conn, doc_id)),
                   can_review=review.reviewer_name(request.actor) is not None)
    context["effect"] = await db.execute_fn(lambda conn: effect_context(
        conn, doc_id, context["doc_url"], lambda key: datasette.urls.table(db.name, "registry")
        + ("?" + urlencode({"number_key": key}) if key else "")))
    return Response.html(await datasette.render_template("rasoat_document.html", context, request=request))


# Results of each kind (documents, articles, findings) the search page lists, best first: each gets a snippet,
# most of the page's time; the documents' table search ("Xem trong bảng Văn bản") lists them all.
PAGE_RESULTS = 25

# What SQLite says when FTS5 refuses a MATCH expression (an unpaired or empty quoted phrase, a NUL character).
FTS_QUERY_ERRORS = ("fts5: syntax error", "unterminated string")


async def search_page(request, datasette):
    db = await rasoat_database(datasette)
    await check_can_view(datasette, request, db)
    query = (request.args.get("q") or "").strip()
    exact = request.args.get("exact") == "1"
    if len(query) > MAX_SEARCH_CHARS:
        raise BadRequest(f"Từ khóa tìm kiếm quá dài (tối đa {MAX_SEARCH_CHARS} ký tự).")

    def search_and_mark(conn):
        """The results and their snippets, made in Datasette's thread for SQL, not in the event loop that
        renders the page (marking the words in every result's text takes a while on long documents)."""
        with sqlite_timelimit(conn, datasette.setting("sql_time_limit_ms")):  # as Datasette's own queries
            results = search_all(conn, query, exact, limit=PAGE_RESULTS)
        marked = {text: snippet(text, query, exact) for rows in results.values() for row in rows
                  for text in (row.get("title"), row.get("text"), row.get("message")) if isinstance(text, str)}
        return results, marked

    try:
        results, marked = await db.execute_fn(search_and_mark) if query else ({}, {})
    except sqlite3.OperationalError as e:
        if str(e) == "interrupted":
            raise BadRequest("Tìm kiếm quá thời gian cho phép: hãy dùng ít từ hơn hoặc từ cụ thể hơn.") from None
        if not str(e).startswith(FTS_QUERY_ERRORS):
            raise
        raise BadRequest(f"Từ khóa tìm kiếm không hợp lệ ({e}): hãy bỏ dấu ngoặc kép thừa "
                         "hoặc ký tự điều khiển.") from None
    context = dict(query=query, exact=exact, results=results, database=db.name, labels=labels,
                   snippet=lambda text: marked[text] if text in marked else snippet(text, query, exact),
                   doc_url=lambda i, a="": document_url(datasette, i, a),
                   table_search_url=lambda t: datasette.urls.table(db.name, t) + "?" + urlencode({"_search": query}))
    return Response.html(await datasette.render_template("rasoat_search.html", context, request=request))


async def overview_page(request, datasette):
    db = await rasoat_database(datasette)
    await check_can_view(datasette, request, db)
    queries = {q["name"] for q in (await datasette.get_canned_queries(db.name, request.actor)).values()}

    def link(target: str, **params) -> str:
        url = datasette.urls.query(db.name, target) if target in queries else datasette.urls.table(db.name, target)
        return url + ("?" + urlencode(params) if params else "")

    context = await db.execute_fn(lambda conn: overview_context(conn, link))
    context.update(database=db.name)
    return Response.html(await datasette.render_template("rasoat_overview.html", context, request=request))


EXPORT_TYPES = {"csv": "text/csv; charset=utf-8",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
FORWARDED_HEADERS = ("authorization", "cookie")  # who is asking, for the page whose rows are exported


async def export_page(request, datasette):
    """The rows of the page ``from`` (a table, a canned query or SQL: its path and query string) as a file to
    download, header in Vietnamese labels (``rasoat.web.export``)."""
    source = request.args.get("from") or ""
    base = source.split("?")[0]
    parts = base.split("/")
    if not source.startswith("/") or source.startswith("//") or "/-/" in base or "." in base or len(parts) > 3:
        raise BadRequest("Tham số from phải là địa chỉ một trang bảng hoặc truy vấn của máy chủ này.")
    database = parts[1] if len(parts) > 1 else ""
    table = parts[2] if len(parts) > 2 else None
    db = datasette.databases.get(database)
    is_table = bool(db and table and await db.table_exists(table))
    headers = {k: v for k, v in request.headers.items() if k in FORWARDED_HEADERS}
    answer = await datasette.client.get(export.csv_address(source, is_table), headers=headers)
    if answer.status_code != 200:
        try:
            message = answer.json().get("error") or ""
        except ValueError:
            message = answer.text[:500]
        raise DatasetteError(message or "Không lấy được dữ liệu để tải.", status=answer.status_code)
    rows = export.relabel(export.read_csv(answer.text),
                          lambda column: column_label(datasette, database, table if is_table else None, column),
                          lambda column, value: labels.value_label(column, value, table))
    kind = request.url_vars["kind"]
    body = export.to_csv(rows) if kind == "csv" else export.to_xlsx(rows)
    name = (table or (parts[2] if len(parts) > 2 else "truy-van")) if database else "du-lieu"
    return Response(body, content_type=EXPORT_TYPES[kind],
                    headers={"content-disposition": f'attachment; filename="{_ascii_name(name)}.{kind}"'})


def _ascii_name(name: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in fold(name)) or "du-lieu"


def column_label(datasette, database: str | None, table: str | None, column: str) -> str:
    """A column's Vietnamese label: its metadata description up to " — " (rasoat.tables), the link columns of
    canned queries (labels.LINK_COLUMNS), else the name as it is (a canned query's columns are labels already)."""
    if column == "rowid":
        return "Số thứ tự dòng"
    descriptions = ((datasette.table_metadata(database, table) or {}).get("columns") or {}) if table else {}
    found = descriptions.get(column) or labels.LINK_COLUMNS.get(column)
    if not found and table is None:  # a query's column: the label of the first table that has it
        found = next((c.label for t in table_declarations.TABLES for c in t.columns if c.name == column), None)
    return (found or column).split(" — ")[0]


@hookimpl
def register_routes():
    return [
        (rf"^{ROUTE}/document/(?P<id>[0-9A-Za-z]+)$", document_page),
        (rf"^{ROUTE}/search$", search_page),
        (rf"^{ROUTE}/overview$", overview_page),
        *review.routes(),
        (rf"^{ROUTE}/export\.(?P<kind>csv|xlsx)$", export_page),
    ]


@hookimpl
def startup(datasette):
    """An older database gets the reviewers' table (``review.ensure_schema``, the plugin's own write connection)."""
    return review.startup(datasette)


@hookimpl
def skip_csrf(datasette, scope):
    """The upload form is checked by its own route (``review.token_ok``): Datasette's check of a multipart
    body (asgi-csrf) fails with a 500 under the python-multipart installed."""
    return review.skip_csrf(scope)


@hookimpl
def menu_links(datasette, actor):
    return [{"href": datasette.urls.path("/"), "label": "Trang chủ"},
            {"href": datasette.urls.path(f"{ROUTE}/search"), "label": "Tìm kiếm"},
            {"href": datasette.urls.path(f"{ROUTE}/overview"), "label": "Tổng quan"},
            *review.menu_links(datasette, actor)]


@hookimpl
def extra_css_urls(datasette):
    return [
        datasette.urls.static_plugins("rasoat", "rasoat.css"),
        datasette.urls.static_plugins("rasoat", "review.css"),
    ]


# ---- Datasette's own pages -----------------------------------------------

@hookimpl
def prepare_jinja2_environment(env, datasette):
    """What every template may use, even those rendered without ``extra_template_vars`` (Datasette's error
    pages): the error's title and message, other plugins' menu entries, in Vietnamese."""
    env.globals.update(rasoat_error_title=labels.error_title, rasoat_error_message=labels.error_message,
                       rasoat_error_detail=labels.error_detail, rasoat_menu_label=labels.menu_label)


@hookimpl
def extra_template_vars(template, database, table, datasette, request):
    def label(column: str, of_table: str | None = None) -> str:
        """Metadata column descriptions read "Nhãn — giải thích": the part before " — "."""
        return column_label(datasette, database, of_table or table, column)

    async def home():
        db = await rasoat_database(datasette)
        meta = datasette.metadata(database=db.name) or {}
        tables = []
        for name, t in (meta.get("tables") or {}).items():
            if await db.table_exists(name):
                count = (await db.execute(f"select count(*) from [{name}]")).first()[0]
                tables.append(dict(name=name, title=t.get("title", name), description=t.get("description", ""),
                                   count=count, url=datasette.urls.table(db.name, name)))
        queries = await datasette.get_canned_queries(db.name, request.actor if request else None)
        return dict(database=db.name, tables=tables, queries=[
            dict(title=q.get("title", q["name"]), description=q.get("description", ""),
                 url=datasette.urls.query(db.name, q["name"])) for q in queries.values()])

    def crumb_label(label: str, crumb_database: str | None) -> str:
        """A database's or table's title for the breadcrumbs."""
        if not crumb_database:
            return label
        if label == crumb_database:
            return datasette.metadata("title", database=crumb_database, fallback=False) or label
        return (datasette.table_metadata(crumb_database, label) or {}).get("title") or label

    parameters = (datasette.plugin_config("rasoat") or {}).get("parameters") or {}

    def parameter(query: str | None, name: str) -> dict:
        """A canned query's parameter as a reviewer reads it (site.yml, plugins: rasoat: parameters)."""
        defaults = dict(label=name.replace("_", " ").capitalize(), help="", placeholder="")
        return dict(defaults, **parameters.get(name, {}))

    async def row_name(of_table: str, keys) -> str:
        """A row page's name: a document by its number or file name, any other row by its key."""
        if of_table == "documents" and len(keys) == 1:
            return await document_name(keys[0])
        return ", ".join(str(k) for k in keys)

    def export_url(kind: str) -> str:
        return datasette.urls.path(f"{ROUTE}/export.{kind}") + "?" + urlencode({"from": _page_address(request)})

    async def findings_counts(rows) -> dict:
        """Findings of the documents on a page of the documents table: {document id: count}."""
        ids = [cell["raw"] for row in rows for cell in row if cell.get("value_type") == "pk"]
        if not ids or not database:
            return {}
        marks = ", ".join("?" * len(ids))
        result = await datasette.get_database(database).execute(
            f"select document_id, count(*) from findings where document_id in ({marks}) group by document_id", ids)
        return dict(result.rows)

    async def document_name(doc_id) -> str:
        """A document as a reviewer names it: its number, else its file name (never its hash)."""
        if not database or not doc_id:
            return str(doc_id or "")
        row = (await datasette.get_database(database).execute(
            "select number, file_name from documents where id = ?", [doc_id])).first()
        return (row and (row["number"] or row["file_name"])) or str(doc_id)[:12]

    extra = dict(rasoat_column_label=label, rasoat_document_name=document_name, rasoat_value_label=labels.value_label,
                 rasoat_crumb_label=crumb_label, rasoat_lookup_label=labels.lookup_label,
                 rasoat_facet_type=lambda kind: labels.FACET_TYPES.get(kind, kind),
                 rasoat_parameter=parameter, rasoat_row_name=row_name, rasoat_export_url=export_url,
                 rasoat_findings_counts=findings_counts, rasoat_number=labels.number_vn,
                 rasoat_table_description=lambda req, filters: table_description(req, filters, label),
                 rasoat_default_columns=DEFAULT_COLUMNS.get(table or "", ()))
    if template == "index.html":
        async def inner():
            try:
                return dict(extra, rasoat_home=await home())
            except NotFound:
                return dict(extra, rasoat_home=None)
        return inner
    return extra


def _page_address(request) -> str:
    """The path and query string of the page being rendered (as Datasette saw it)."""
    if request is None:
        return "/"
    query = request.query_string
    return request.path + ("?" + query if query else "")


def table_description(request, filters, label) -> str:
    """What a table page shows, in words: its search, filters and order ("tìm “x”, Mức độ = "error", sắp xếp
    theo Ngày ban hành giảm dần") — Datasette's ``human_description_en`` in Vietnamese."""
    bits = []
    if request is not None and request.args.get("_search"):
        bits.append(f"tìm “{request.args.get('_search')}”")
    for column, lookup, value in filters.selections():
        op = labels.lookup_label(lookup)
        bits.append(f"{label(column)} {op}" + ("" if lookup in NO_ARGUMENT_LOOKUPS else f" “{value}”"))
    if request is not None:
        sort, sort_desc = request.args.get("_sort"), request.args.get("_sort_desc")
        if sort or sort_desc:
            bits.append(f"sắp xếp theo {label(sort or sort_desc)}" + (" giảm dần" if sort_desc else ""))
    return "; ".join(bits)


NO_ARGUMENT_LOOKUPS = {"isnull", "notnull", "isblank", "notblank"}


def _finding_key(row, keys, doc_id: str) -> str | None:
    """The finding's stable key: its column when the page shows it, else computed from the columns a reviewer
    sees by default (rule, page, evidence: ``rasoat.reviews.finding_key``)."""
    from rasoat import reviews

    def plain(name):
        v = row[name]
        return v.get("value") if isinstance(v, dict) else v  # a foreign key shown with its label

    if "finding_key" in keys:
        return plain("finding_key")
    if {"rule_id", "page", "evidence"} <= set(keys):
        return reviews.finding_key(doc_id, plain("rule_id"), plain("page"), plain("evidence"))
    return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    keys = row.keys() if hasattr(row, "keys") else []
    doc_id = row["document_id"] if "document_id" in keys else None
    if isinstance(doc_id, dict):
        doc_id = doc_id.get("value")
    if table == "findings" and column == "decision" and doc_id and (key := _finding_key(row, keys, doc_id)):
        return review.decision_cell(value, document_url(datasette, doc_id, f"k-{key}"))
    if column == "document_id" and value:
        return _document_link(datasette, database, value)
    if table == "documents" and column == "number" and "id" in keys:
        if value:
            return Markup(f'<a href="{escape(document_url(datasette, row["id"]))}" '
                          f'title="Mở trang văn bản">{escape(value)}</a>')
        return _document_link(datasette, database, row["id"])  # no number: its file name
    if doc_id and value is not None and (column == "finding_id" or (table == "findings" and column == "evidence")):
        finding = value if column == "finding_id" else row["rowid"] if "rowid" in keys else None
        if finding is not None:
            text = "Xem bằng chứng" if column == "finding_id" else value
            return Markup(f'<a href="{escape(document_url(datasette, doc_id, f"f-{finding}"))}" '
                          f'title="Xem bằng chứng trong văn bản">{escape(text)}</a>')
    if doc_id and column == "citation_id" and value is not None:
        return Markup(f'<a href="{escape(document_url(datasette, doc_id, f"c-{value}"))}">Xem trong văn bản</a>')
    if column in LONG_COLUMNS and isinstance(value, str) and len(value) > LONG:
        return _shortened(datasette, value, doc_id or (row["id"] if table == "documents" else None),
                          f"trang-{row['page']}" if table == "pages" and "page" in keys else "toan-van")
    if column in DATE_COLUMNS and isinstance(value, str) and value:
        return Markup(f'<span title="{escape(value)}">{escape(labels.vn_date(value))}</span>')
    if column in ("severity", "Mức độ") and value in labels.SEVERITY:
        return Markup(f'<span class="sev sev-{value}" title="{value}">{labels.SEVERITY[value]}</span>')
    label = labels.value_label(column, value, table) if column != "Mức độ" else None
    if label is None and column == "Quan hệ":
        label = labels.RELATION.get(value)
    if label is not None:
        return Markup(f'<span title="{escape(value)}">{escape(label)}</span>')
    return None


LONG_COLUMNS = {"text", "search_folded", "meta", "regions", "tables"}
DATE_COLUMNS = {"issued_on", "issued_in", "effective_on", "Ngày ban hành", "Ngày có hiệu lực"}  # shown dd/mm/yyyy
LONG = 300


def _shortened(datasette, value: str, doc_id: str | None, anchor: str) -> Markup:
    """The start of a long text, with a link to the whole of it on the document page."""
    more = f"… ({len(value):,} ký tự)".replace(",", ".")
    if doc_id:
        more = f'<a href="{escape(document_url(datasette, doc_id, anchor))}">{escape(more)}</a>'
    return Markup(f"{escape(' '.join(value[:LONG // 2].split()))} {more}")


def _document_link(datasette, database, value):
    if isinstance(value, dict):  # a foreign key Datasette has expanded: {"value": id, "label": number}
        doc_id, label = value.get("value"), value.get("label")
        if label and label != doc_id:
            return Markup(f'<a href="{escape(document_url(datasette, doc_id))}">{escape(label)}</a>')
        value = doc_id  # no number: named by its file name below

    async def inner():
        db = datasette.get_database(database)
        row = (await db.execute("select number, file_name from documents where id = ?", [value])).first()
        if row and row["number"]:
            return Markup(f'<a href="{escape(document_url(datasette, value))}">{escape(row["number"])}</a>')
        label = (row and row["file_name"]) or str(value)[:12]
        return Markup(f'<a class="file-name" href="{escape(document_url(datasette, value))}" '
                      f'title="Văn bản không có số ký hiệu: tên tệp">{escape(label)}</a>')

    return inner
