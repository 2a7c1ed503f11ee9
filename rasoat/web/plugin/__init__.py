"""rasoat's Datasette plugin (entry point ``datasette: rasoat``).

Pages (``register_routes``):

- ``/-/rasoat/document/<id>``  one document: header, findings, extracted
  items, and its pages' text with items and evidence marked;
- ``/-/rasoat/search?q=…``     documents, articles and findings at once
  (``&exact=1``: tell "thể" from "thế");
- ``/-/rasoat/overview``       bar charts linked to the rows behind them.

Also: the home page and table headers and facets in Vietnamese (templates
in ``templates/``), table cells that link to the document page, SQL
functions for the canned queries, and read-only serving: every connection
to the served database gets ``PRAGMA query_only`` and every request that
could write (any method but GET/HEAD/OPTIONS) is answered 405.
"""

from __future__ import annotations

from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from rasoat.numbers import number_key
from rasoat.vntext import fold, unify
from rasoat.web import labels
from rasoat.web.document import document_context
from rasoat.web.highlight import snippet
from rasoat.web.overview import overview_context
from rasoat.web.search import search_all

MMAP_BYTES = 256 * 1024 * 1024  # PRAGMA mmap_size of the served database's connections

ROUTE = "/-/rasoat"


# ---- connections ---------------------------------------------------------

@hookimpl
def prepare_connection(conn, database, datasette):
    conn.create_function("rasoat_fold", 1, lambda s: None if s is None else fold(str(s)), deterministic=True)
    conn.create_function("rasoat_unify", 1, lambda s: None if s is None else unify(str(s)), deterministic=True)
    conn.create_function("rasoat_number_key", 1, lambda s: number_key(None if s is None else str(s)),
                         deterministic=True)
    if not database.startswith("_"):  # _internal and _memory are Datasette's own
        conn.execute("PRAGMA query_only = 1")
        # Read pages through a memory map instead of copying each one into the connection's small page
        # cache: searches and facets over many thousands of rows touch many pages.
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")


READ_METHODS = {"GET", "HEAD", "OPTIONS"}
POST_PATHS = {"/-/login", "/-/logout"}  # signing in and out writes nothing


@hookimpl
def asgi_wrapper(datasette):
    """The served site is read-only: any other method than GET/HEAD/OPTIONS
    (a POST to a table, a canned query, Datasette's write API…) gets 405
    before it reaches Datasette, except signing in and out."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS and scope["path"] not in POST_PATHS:
                response = Response.text("405 Chỉ đọc: máy chủ rasoat không nhận thao tác ghi.", status=405,
                                         headers={"Allow": "GET, HEAD, OPTIONS"})
                await response.asgi_send(send)
                return
            await app(scope, receive, send)

        return read_only

    return wrap


async def rasoat_database(datasette):
    """The served database that holds rasoat's tables."""
    for name, db in datasette.databases.items():
        if not name.startswith("_") and await db.table_exists("documents"):
            return db
    raise NotFound("Không có cơ sở dữ liệu rasoat (bảng documents) trong máy chủ này.")


async def check_can_view(datasette, request, db, table="documents"):
    await datasette.ensure_permissions(
        request.actor, [("view-table", (db.name, table)), ("view-database", db.name), "view-instance"])


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
    return Response.html(await datasette.render_template("rasoat_document.html", context, request=request))


async def search_page(request, datasette):
    db = await rasoat_database(datasette)
    await check_can_view(datasette, request, db)
    query = (request.args.get("q") or "").strip()
    exact = request.args.get("exact") == "1"
    results = await db.execute_fn(lambda conn: search_all(conn, query, exact)) if query else {}
    context = dict(query=query, exact=exact, results=results, database=db.name, labels=labels,
                   snippet=lambda text: snippet(text, query, exact),
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


@hookimpl
def register_routes():
    return [
        (rf"^{ROUTE}/document/(?P<id>[0-9A-Za-z]+)$", document_page),
        (rf"^{ROUTE}/search$", search_page),
        (rf"^{ROUTE}/overview$", overview_page),
    ]


@hookimpl
def menu_links(datasette, actor):
    return [{"href": datasette.urls.path("/"), "label": "Trang chủ"},
            {"href": datasette.urls.path(f"{ROUTE}/search"), "label": "Tìm kiếm"},
            {"href": datasette.urls.path(f"{ROUTE}/overview"), "label": "Tổng quan"}]


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins("rasoat", "rasoat.css")]


# ---- Datasette's own pages -----------------------------------------------

@hookimpl
def extra_template_vars(template, database, table, datasette, request):
    table_meta = (datasette.table_metadata(database, table) or {}) if database and table else {}
    descriptions = table_meta.get("columns") or {}

    def column_label(column: str) -> str:
        """Metadata column descriptions read "Nhãn — giải thích": the part before " — "."""
        return (descriptions.get(column) or labels.LINK_COLUMNS.get(column) or column).split(" — ")[0]

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

    extra = dict(rasoat_column_label=column_label, rasoat_value_label=labels.value_label,
                 rasoat_crumb_label=crumb_label)
    if template == "index.html":
        async def inner():
            try:
                return dict(extra, rasoat_home=await home())
            except NotFound:
                return dict(extra, rasoat_home=None)
        return inner
    return extra


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    keys = row.keys() if hasattr(row, "keys") else []
    doc_id = row["document_id"] if "document_id" in keys else None
    if isinstance(doc_id, dict):
        doc_id = doc_id.get("value")
    if column == "document_id" and value:
        return _document_link(datasette, database, value)
    if table == "documents" and column == "number" and value:
        return Markup(f'<a href="{escape(document_url(datasette, row["id"]))}" '
                      f'title="Mở trang văn bản">{escape(value)}</a>')
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
    if column in ("severity", "Mức độ") and value in labels.SEVERITY:
        return Markup(f'<span class="sev sev-{value}" title="{value}">{labels.SEVERITY[value]}</span>')
    label = labels.value_label(column, value, table) if column != "Mức độ" else None
    if label is None and column == "Quan hệ":
        label = labels.RELATION.get(value)
    if label is not None:
        return Markup(f'<span title="{escape(value)}">{escape(label)}</span>')
    return None


LONG_COLUMNS = {"text", "search_folded", "meta", "regions", "tables"}
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
        return Markup(f'<a href="{escape(document_url(datasette, doc_id))}">{escape(label or doc_id[:12])}</a>')

    async def inner():
        db = datasette.get_database(database)
        row = (await db.execute("select number, file_name from documents where id = ?", [value])).first()
        label = (row and (row["number"] or row["file_name"])) or str(value)[:12]
        return Markup(f'<a href="{escape(document_url(datasette, value))}">{escape(label)}</a>')

    return inner
