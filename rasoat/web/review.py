"""The reviewer's pages: upload (``rasoat.web.upload``), decisions on findings (``rasoat.reviews``), the
self-check record of a document (``rasoat.web.record``) and the period report (``rasoat.web.report``).

Writes (an upload, a decision) need a signed-in reviewer (401 otherwise) and Datasette's CSRF token in the
form (403 otherwise: checked by Datasette when the browser sends cookies, and here again so that a request
without cookies — HTTP Basic — cannot skip it); they are POSTs, the only ones the plugin's read-only guard
lets through besides signing in and out (``WRITE_PATHS``), and they run in the plugin's one writer thread
(``rasoat.web.writer``).  Everything else stays read-only.
"""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path
from urllib.parse import quote

from datasette.utils.asgi import BadRequest, Forbidden, NotFound, Response

from rasoat import reviews
from rasoat.web import upload, writer
from rasoat.web.access import check_can_view, rasoat_database
from rasoat.web.record import record_context, record_docx
from rasoat.web.report import check_period, report_context, report_docx

ROUTE = "/-/rasoat"
DECISION_PATH = f"{ROUTE}/decision"
WRITE_PATHS = frozenset({upload.UPLOAD_PATH, DECISION_PATH})  # the only POSTs besides signing in and out
MAX_DECISION_BODY_BYTES = 16 * 1024  # a decision form: key, decision, a note of MAX_NOTE_CHARS, the token
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DEFAULT_UPLOAD_FOLDER = "uploads"  # next to the database, unless rasoat serve --upload-dir


# ---- who and whether -----------------------------------------------------

def reviewer_name(actor: dict | None) -> str | None:
    if not actor or not actor.get("id"):
        return None
    return str(actor.get("name") or actor["id"])


class Unauthorized(Exception):
    pass


def settings(datasette) -> dict:
    return datasette.plugin_config("rasoat") or {}


def upload_allowed(datasette) -> bool:
    return str(settings(datasette).get("allow_upload") or "").lower() in ("1", "true", "on", "yes")


def upload_dir(datasette, db) -> Path:
    configured = settings(datasette).get("upload_dir")
    return Path(configured) if configured else Path(db.path).resolve().parent / DEFAULT_UPLOAD_FOLDER


def signed_in_error(request, json_wanted: bool) -> Response | None:
    """401 for a request without a signed-in reviewer, else None."""
    if reviewer_name(request.actor):
        return None
    message = "Cần đăng nhập (tài khoản người rà soát) để thực hiện thao tác này."
    if json_wanted:
        return Response.json(dict(ok=False, error=message), status=401)
    return Response.html(f'<p>{message} <a href="/-/login">Đăng nhập</a></p>', status=401)


def token_ok(request, token: str | None) -> bool:
    """The form's CSRF token is the one of the browser's ``ds_csrftoken`` cookie (Datasette's)."""
    return bool(request.cookies.get("ds_csrftoken")) and bool(token) and secrets.compare_digest(
        token, request.scope["csrftoken"]())


def wants_json(request) -> bool:
    return "application/json" in (request.headers.get("accept") or "")


def refusal(scope) -> Response | None:
    """An upload whose declared size is over the limit, answered before its body is read (413)."""
    if scope["path"] != upload.UPLOAD_PATH or scope["method"] != "POST":
        return None
    headers = dict(scope.get("headers") or [])
    length = headers.get(b"content-length", b"")
    if length.isdigit() and int(length) > upload.limits().max_file_bytes + upload.FORM_OVERHEAD_BYTES:
        return Response.json(dict(ok=False, error=upload.too_large_message(int(length))), status=413)
    return None


def skip_csrf(scope) -> bool:
    """Whether Datasette's CSRF check is left to the route: the upload (multipart), which checks the token itself
    (``token_ok``) before anything is kept."""
    return scope.get("path") == upload.UPLOAD_PATH


async def read_body(request, cap: int) -> bytes | None:
    """The request body, or None when it is longer than ``cap`` (a missing or false Content-Length)."""
    chunks, size, more = [], 0, True
    while more:
        message = await request.receive()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return None
        chunks.append(chunk)
        more = message.get("more_body", False)
    return b"".join(chunks)


def ensure_schema(db_path: str) -> None:
    """Add what this version stores and an older database lacks (table ``reviews``, the findings' keys), in
    the writer thread; a database the server may not write stays as it is (its pages work, writes fail)."""
    import sqlite3

    from rasoat import store

    with contextlib.suppress(sqlite3.Error):
        store.open_db(db_path).close()


def startup(datasette):
    async def inner():
        for name, db in datasette.databases.items():
            if not name.startswith("_") and db.path and await db.table_exists("documents"):
                await writer.run(ensure_schema, str(Path(db.path).resolve()))

    return inner


# ---- upload --------------------------------------------------------------

async def upload_page(request, datasette):
    db = await rasoat_database(datasette)
    if not upload_allowed(datasette):
        raise NotFound("Máy chủ này chưa bật tải văn bản lên (chạy rasoat serve --allow-upload).")
    if request.method == "POST":
        return await upload_post(request, datasette, db)
    denied = signed_in_error(request, False)
    context = dict(signed_in=denied is None, reviewer=reviewer_name(request.actor), database=db.name,
                   max_mb=upload.limits().max_file_bytes // (1024 * 1024),
                   max_pages=f"{upload.limits().max_pages:,}".replace(",", "."),
                   extensions=", ".join(e[1:].upper() for e in upload.KINDS),
                   accept=",".join(upload.KINDS), jobs_ids=request.args.get("jobs", ""))
    return Response.html(await datasette.render_template("rasoat_upload.html", context, request=request),
                         status=200 if denied is None else 401)


async def upload_post(request, datasette, db):
    json_wanted = wants_json(request)
    denied = signed_in_error(request, json_wanted)
    if denied:
        return denied
    content_type = request.headers.get("content-type") or ""
    if not content_type.startswith("multipart/form-data"):
        raise BadRequest("Cần gửi tệp bằng biểu mẫu (multipart/form-data).")
    body = await read_body(request, upload.limits().max_file_bytes * upload.MAX_FILES_PER_REQUEST
                           + upload.FORM_OVERHEAD_BYTES)
    if body is None:
        return Response.json(dict(ok=False, error=upload.too_large_message()), status=413)
    fields, files = upload.parse_form(body, content_type)
    if not token_ok(request, fields.get("csrftoken")):
        return Response.json(dict(ok=False, error="Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang."),
                             status=403)
    if not files:
        raise BadRequest("Chưa chọn tệp nào.")
    if len(files) > upload.MAX_FILES_PER_REQUEST:
        raise BadRequest(f"Mỗi lần gửi tối đa {upload.MAX_FILES_PER_REQUEST} tệp.")
    owner = request.actor["id"]
    folder = upload_dir(datasette, db)
    db_path = str(Path(db.path).resolve())

    def known(sha: str) -> bool:
        conn = writer.connect(db_path)
        try:
            return conn.execute("select 1 from documents where id = ?", [sha]).fetchone() is not None
        finally:
            conn.close()

    jobs = []
    for name, data in files:
        job = await writer.run(upload.accept, folder, name, data, owner, known)
        if job.status == "queued":
            writer.submit(upload.ingest_job, job, db_path)
        jobs.append(job)
    out = [upload.job_json(j, lambda i: datasette.urls.path(f"{ROUTE}/document/{i}")) for j in jobs]
    refused = all(j.status == "error" for j in jobs)
    if json_wanted:
        return Response.json(dict(ok=not refused, jobs=out, error=out[0]["message"] if refused else None),
                             status=400 if refused else 200)
    return Response.redirect(datasette.urls.path(upload.UPLOAD_PATH) + "?jobs=" + ",".join(j.id for j in jobs))


async def upload_status(request, datasette):
    denied = signed_in_error(request, True)
    if denied:
        return denied
    ids = [i for i in (request.args.get("jobs") or "").split(",") if i][:200]
    jobs = upload.jobs(ids, request.actor["id"])
    return Response.json(dict(jobs=[upload.job_json(j, lambda i: datasette.urls.path(f"{ROUTE}/document/{i}"))
                                    for j in jobs]))


# ---- decisions -----------------------------------------------------------

async def decision_post(request, datasette):
    json_wanted = wants_json(request)
    if request.method != "POST":
        raise BadRequest("Gửi đánh giá bằng biểu mẫu (POST).")
    denied = signed_in_error(request, json_wanted)
    if denied:
        return denied
    body = await read_body(request, MAX_DECISION_BODY_BYTES)
    if body is None:
        raise BadRequest("Ghi chú quá dài.")
    from urllib.parse import parse_qsl

    form = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    if not token_ok(request, form.get("csrftoken")):
        raise Forbidden("Thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang rồi gửi lại.")
    decision, note, key = form.get("decision", ""), form.get("note", ""), form.get("key", "")
    problem = reviews.check_decision(decision, note)
    if problem:
        raise BadRequest(problem)
    db = await rasoat_database(datasette)
    name = reviewer_name(request.actor)
    try:
        review = await writer.run(writer.write, Path(db.path).resolve(), reviews.decide, key, decision, note, name)
    except KeyError:
        raise NotFound("Không có phát hiện này (văn bản có thể đã được đọc lại với kết quả khác).") from None
    if json_wanted:
        return Response.json(dict(ok=True, review=review.__dict__))
    target = form.get("next") or datasette.urls.path(f"{ROUTE}/document/{review.document_id}")
    if not target.startswith("/") or target.startswith("//"):
        target = datasette.urls.path("/")
    return Response.redirect(target + f"#k-{quote(key)}", status=303)


def review_vars(conn, doc_id: str) -> dict:
    """What the document page's review controls show: each finding's latest review and its history."""
    return dict(review_latest=reviews.latest(conn, doc_id), review_history=reviews.history(conn, doc_id),
                review_decisions=reviews.DECISIONS, review_dismissed=reviews.DISMISSED)


# ---- record and report ---------------------------------------------------

async def record_page(request, datasette):
    db = await rasoat_database(datasette)
    await check_can_view(datasette, request, db)
    doc_id = request.url_vars["id"]
    context = await db.execute_fn(lambda conn: record_context(conn, doc_id, reviewer_name(request.actor)))
    if context is None:
        raise NotFound(f"Không có văn bản {doc_id}")
    if request.url_vars.get("format") == "docx":
        name = f"phieu-kiem-tra-{doc_id[:12]}.docx"
        return Response(record_docx(context), content_type=DOCX,
                        headers={"content-disposition": f'attachment; filename="{name}"'})
    context.update(doc_url=datasette.urls.path(f"{ROUTE}/document/{doc_id}"))
    return Response.html(await datasette.render_template("rasoat_phieu.html", context, request=request))


async def report_page(request, datasette):
    db = await rasoat_database(datasette)
    await check_can_view(datasette, request, db)
    start, end = (request.args.get("from") or "").strip(), (request.args.get("to") or "").strip()
    issuer = (request.args.get("issuer") or "").strip()[:200]
    problem = check_period(start, end)
    if problem:
        raise BadRequest(problem)
    context = await db.execute_fn(lambda conn: report_context(conn, start, end, issuer))
    if request.url_vars.get("format") == "docx":
        return Response(report_docx(context), content_type=DOCX,
                        headers={"content-disposition": 'attachment; filename="bao-cao-tu-kiem-tra.docx"'})
    if request.url_vars.get("format") == "json":
        context.pop("layout")
        return Response.json(context)
    query = request.query_string
    context.update(database=db.name, docx_url=datasette.urls.path(f"{ROUTE}/report.docx") + (f"?{query}" if query
                                                                                              else ""),
                   doc_url=lambda i: datasette.urls.path(f"{ROUTE}/document/{i}"))
    return Response.html(await datasette.render_template("rasoat_report.html", context, request=request))


def routes() -> list:
    return [
        (rf"^{ROUTE}/upload$", upload_page),
        (rf"^{ROUTE}/upload/status\.json$", upload_status),
        (rf"^{ROUTE}/decision$", decision_post),
        (rf"^{ROUTE}/document/(?P<id>[0-9A-Za-z]+)/phieu(\.(?P<format>docx))?$", record_page),
        (rf"^{ROUTE}/report(\.(?P<format>docx|json))?$", report_page),
    ]


def menu_links(datasette, actor) -> list[dict]:
    links = [{"href": datasette.urls.path(f"{ROUTE}/report"), "label": "Báo cáo tự kiểm tra"}]
    if upload_allowed(datasette) and reviewer_name(actor):
        links.insert(0, {"href": datasette.urls.path(upload.UPLOAD_PATH), "label": "Tải văn bản lên"})
    return links


def decision_cell(value: str | None, finding_url: str):
    """A findings table cell of column ``decision``: the latest decision (a dismissed one greyed) and a link
    to decide on the document page, where the finding's form is."""
    from markupsafe import Markup, escape

    css = "decision-dismissed" if value == reviews.DISMISSED else "decision"
    label = escape(value) if value else Markup('<span class="muted">Chưa đánh giá</span>')
    return Markup(f'<span class="{css}">{label}</span> · <a href="{escape(finding_url)}">Đánh giá</a>')
