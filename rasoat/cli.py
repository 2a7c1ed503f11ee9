"""The ``rasoat`` command line (click)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from rasoat import __version__
from rasoat.cli_messages import Group
from rasoat.cli_messages import install as use_vietnamese_messages

use_vietnamese_messages()  # click's own messages ("Usage:", "No such option"…) in Vietnamese


@click.group(cls=Group)
@click.version_option(__version__, prog_name="rasoat")
def cli():
    """rasoat — rà soát, tự kiểm tra văn bản quy phạm pháp luật và báo cáo hành chính.

    Đọc tệp PDF/văn bản, trích xuất số ký hiệu, trích dẫn, số liệu, thủ tục
    hành chính, chạy các quy tắc tự kiểm tra, lưu vào SQLite và mở bằng
    Datasette.
    """


def _db_option(f):
    return click.option("--db", "db_path", default="rasoat.db", show_default=True, type=click.Path(dir_okay=False),
                        help="Tệp cơ sở dữ liệu SQLite.")(f)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@_db_option
@click.option("--force", is_flag=True, help="Đọc lại cả những tệp không thay đổi.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Số tiến trình đọc tệp song song (mặc định: số lõi CPU); chỉ tiến trình chính ghi cơ sở dữ liệu.")
@click.option("--limit", "limit_texts", multiple=True, metavar="TÊN=GIÁ_TRỊ",
              help="Giới hạn cho mỗi tệp, ví dụ --limit max_pages=5000 --limit seconds_per_file=600 (xem "
                   "rasoat/limits.py; có thể lặp lại). Tệp vượt giới hạn được ghi thành dòng lỗi.")
@click.option("--scheduler", default=None, metavar="ĐỊA_CHỈ",
              help="Xử lý tệp trên cụm Dask (cần gói rasoat[cluster]): local:N chạy N tiến trình trên máy này, "
                   "hoặc địa chỉ bộ lập lịch, ví dụ tcp://10.0.0.5:8786. Xem README.")
@click.option("--shared-fs", is_flag=True,
              help="Với --scheduler: các worker đọc được tệp theo đường dẫn (thư mục dùng chung), "
                   "khỏi gửi nội dung tệp.")
def ingest(paths, db_path, force, as_json, workers, limit_texts=(), scheduler=None, shared_fs=False):
    """Đọc các tệp (hoặc thư mục, đệ quy) vào cơ sở dữ liệu.

    Tệp không đổi (cùng SHA-256) được bỏ qua. Tệp lỗi, ở bất kỳ bước nào, được
    ghi thành một dòng có cột error (và error_stage, error_detail); lần chạy
    vẫn tiếp tục. Mỗi văn bản được ghi trọn vẹn trong một giao dịch: nếu lần
    chạy bị ngắt, chạy lại sẽ đọc tiếp phần còn lại.
    Mã thoát: 0 tất cả tốt, 1 có tệp lỗi, 2 sai cách dùng.
    """
    import sqlite3

    from rasoat.errors import describe
    from rasoat.files import side_files
    from rasoat.limits import LimitError, Limits
    from rasoat.pipeline import ingest_paths

    skipped = side_files(list(paths))  # a folder's lists, metadata and transcripts: said once, not read
    if skipped:
        click.echo(f"Bỏ qua {len(skipped)} tệp kèm theo, không phải văn bản: {', '.join(f.name for f in skipped)}",
                   err=True)

    try:
        limits = Limits.from_env()
        for text in limit_texts:
            limits = limits.with_text(text)
    except LimitError as e:
        raise click.UsageError(str(e)) from None
    engine = None
    if scheduler is not None:  # Dask is imported only when files are to be processed
        from rasoat import cluster

        _check_scheduler(scheduler, workers)
        engine = cluster.engine(scheduler, shared_fs, notice=lambda message: click.echo(message, err=True))
    elif shared_fs:
        raise click.UsageError("--shared-fs chỉ dùng cùng --scheduler.")
    bar = _ProgressBar()
    try:
        summary = ingest_paths(list(paths), db_path, workers=workers, limits=limits, force=force, progress=bar,
                               engine=engine)
    except (sqlite3.Error, OSError) as e:  # the database itself: not a database, the disk full …
        bar.close()
        click.echo(f"LỖI {db_path}: không ghi được cơ sở dữ liệu. {describe(e, 'store')[0]}", err=True)
        sys.exit(1)
    bar.close()
    _ingest_summary(summary, db_path, as_json)


def _check_scheduler(scheduler: str, workers: int | None) -> None:
    """A usable --scheduler value, and Dask installed (without importing it)."""
    import importlib.util

    from rasoat.cluster import SchedulerError, local_workers

    if workers is not None:
        raise click.UsageError("--workers và --scheduler không dùng cùng nhau: với local:N, N là số tiến trình.")
    try:
        local_workers(scheduler)
    except SchedulerError as e:
        raise click.UsageError(str(e)) from None
    if importlib.util.find_spec("distributed") is None:
        raise click.UsageError("--scheduler cần Dask: pip install 'rasoat[cluster]'")


class _ProgressBar:
    """``ingest_paths``'s progress as a bar on stderr (none when nothing is to be read)."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int, name: str | None) -> None:
        if self.bar is None and total:
            self.bar = click.progressbar(length=total, label="Đang đọc", file=sys.stderr, show_pos=True,
                                         item_show_func=lambda n: n or "")
            self.bar.__enter__()
        if self.bar is not None and name is not None:
            self.bar.update(1, name)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _ingest_summary(summary, db_path: str, as_json: bool) -> None:
    """Print what ``ingest`` did, file by file, and exit: 1 when some file failed."""
    failed = summary.failed
    if as_json:
        click.echo(json.dumps(summary.to_json(), ensure_ascii=False, indent=2))
    else:  # each file counted once: read, unchanged or failed (a file that failed before and is unchanged: failed)
        ok = sum(r.status == "ok" and not r.error for r in summary.files)
        same = sum(r.status == "unchanged" and not r.error for r in summary.files)
        failed_before = sum(r.status == "unchanged" and bool(r.error) for r in summary.files)
        before = f" (trong đó {failed_before} tệp lỗi từ lần đọc trước, không đổi)" if failed_before else ""
        click.echo(f"Đã đọc {ok} tệp, bỏ qua {same} tệp không đổi, {failed} tệp lỗi{before} → {db_path}")
        for r in summary.files:
            if r.error:
                click.echo(f"  LỖI {r.path}: {r.error}", err=True)
    if summary.error:
        click.echo(f"LỖI {db_path}: {summary.error}", err=True)
    sys.exit(1 if failed or summary.error else 0)


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, default=True, help="In dạng JSON (mặc định).")
@click.option("--text", is_flag=True, help="In kèm văn bản từng trang.")
def extract(path, as_json, text):
    """In ra những gì sẽ được lưu cho một tệp (trích xuất và kết quả kiểm tra)."""
    from rasoat.models import to_dict
    from rasoat.pipeline import process_file

    doc = process_file(path)
    out = dict(
        id=doc.id, path=doc.source.path, error=doc.source.error, text_source=doc.source.text_source,
        ocr=doc.source.ocr, pages=len(doc.source.pages),
        header=to_dict(doc.extraction.header), citations=to_dict(doc.extraction.citations),
        figures=to_dict(doc.extraction.figures), procedures=to_dict(doc.extraction.procedures),
        articles=[dict(path=a.path, title=a.title, page=a.page) for a in doc.extraction.articles],
        findings=to_dict(doc.findings),
    )
    if text:
        out["page_texts"] = [p.text for p in doc.source.pages]
    click.echo(json.dumps(out, ensure_ascii=False, indent=2))
    sys.exit(1 if doc.source.error else 0)


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True, help="In số phát hiện theo quy tắc dạng JSON.")
def check(db_path, as_json):
    """Chạy lại mọi quy tắc (kể cả quy tắc liên văn bản) trên dữ liệu đã lưu."""
    from rasoat import store
    from rules import Corpus, catalogue, run_rules

    if not Path(db_path).exists():
        raise click.UsageError(f"Không có cơ sở dữ liệu {db_path}: hãy chạy 'rasoat ingest' trước.")
    db = store.open_db(db_path)
    store.save_rules(db, catalogue())
    from extract import locate

    docs = list(store.load_documents(db))
    for d in docs:  # the located blocks are not stored: they are located again from the stored pages
        d.extraction.blocks = locate(d.source)
    corpus = Corpus(docs)
    counts: dict[str, int] = {}
    by_severity: dict[tuple[str, str], int] = {}
    with click.progressbar(docs, label="Đang kiểm tra", file=sys.stderr) as bar:
        for d in bar:
            findings = run_rules(d, corpus)
            store.save_findings(db, d.id, findings)
            for f in findings:
                counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
                by_severity[f.severity, f.rule_id] = by_severity.get((f.severity, f.rule_id), 0) + 1
    store.enable_search(db)
    if as_json:
        click.echo(json.dumps(dict(documents=len(docs), findings=counts), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(check_report(len(docs), by_severity, {r.id: r.title for r in catalogue()})))


SEVERITY_WORDS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}  # as rasoat.web.labels.SEVERITY


def check_report(documents: int, by_severity: dict[tuple[str, str], int], titles: dict[str, str]) -> list[str]:
    """``check``'s lines: the total with counts by severity, then each severity's rules (id, title, count), most
    findings first."""
    totals = {s: sum(n for (sev, _), n in by_severity.items() if sev == s) for s in SEVERITY_WORDS}
    total = sum(by_severity.values())
    parts = ", ".join(f"{n} {SEVERITY_WORDS[s].lower()}" for s, n in totals.items() if n)
    lines = [f"Đã kiểm tra {documents} văn bản: {total} phát hiện" + (f" ({parts})" if parts else "")]
    for severity, word in SEVERITY_WORDS.items():
        rules = sorted(
            ((n, rid) for (sev, rid), n in by_severity.items() if sev == severity), key=lambda x: (-x[0], x[1])
        )
        if rules:
            lines.append(f"{word} ({totals[severity]}):")
            lines.extend(f"  {rid:8} {n:>5}  {titles.get(rid, '')}".rstrip() for n, rid in rules)
    return lines


def datasette_command(db_path: str, port: int, host: str = "127.0.0.1", no_sql: bool = False) -> list[str]:
    """``datasette serve`` with our metadata, templates and settings (see rasoat/web/serve.py)."""
    from rasoat.web.serve import command

    return command(db_path, port, host, no_sql)


def port_free(host: str, port: int) -> bool:
    """Whether ``host:port`` can be listened on (uvicorn's bind, tried and let go)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn: a port in TIME_WAIT is free
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


@cli.command()
@_db_option
@click.option("--port", default=8001, show_default=True, help="Cổng.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ nghe. Mặc định chỉ máy này truy cập được; địa chỉ khác cần --password.")
@click.option("--password", is_flag=True,
              help="Yêu cầu mật khẩu cho mọi trang và API (tên đăng nhập: rasoat). Mật khẩu lấy từ biến môi "
                   "trường RASOAT_PASSWORD, nếu không có thì được hỏi khi chạy.")
@click.option("--no-sql", is_flag=True,
              help="Tắt chạy câu lệnh SQL tùy ý; bảng, tìm kiếm và truy vấn soạn sẵn vẫn dùng được.")
@click.option("--allow-upload", is_flag=True,
              help="Cho người rà soát đã đăng nhập (tài khoản tạo bằng 'rasoat user add') tải văn bản lên tại "
                   "/-/rasoat/upload.")
@click.option("--upload-dir", type=click.Path(file_okay=False), default=None,
              help="Thư mục lưu tệp tải lên (mặc định: thư mục uploads cạnh tệp cơ sở dữ liệu).")
def serve(db_path, port, host, password, no_sql, allow_upload=False, upload_dir=None):
    """Mở cơ sở dữ liệu bằng Datasette (chỉ đọc) tại http://127.0.0.1:PORT."""
    from rasoat.web.serve import environment

    if not Path(db_path).exists():
        raise click.UsageError(f"Không có cơ sở dữ liệu {db_path}: hãy chạy 'rasoat ingest' trước.")
    if host not in ("127.0.0.1", "localhost", "::1") and not password:
        raise click.UsageError(f"Nghe trên {host} (máy khác truy cập được) thì phải có --password.")
    secret = None
    if password:
        secret = os.environ.get("RASOAT_PASSWORD") or click.prompt("Mật khẩu", hide_input=True,
                                                                   confirmation_prompt=True)
    try:
        env = environment(secret, allow_upload=allow_upload, upload_dir=upload_dir)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    if not port_free(host, port):  # else uvicorn says so in English, after Datasette has loaded
        raise click.UsageError(f"Cổng {port} trên {host} đang được một chương trình khác dùng: hãy chọn cổng khác "
                               f"bằng --port (vd. --port {port + 1}) hoặc tắt chương trình kia.")
    argv = datasette_command(db_path, port, host, no_sql)
    click.echo(f"Datasette: http://{host}:{port}/" + (" (tên đăng nhập: rasoat)" if secret else ""))
    os.execve(argv[0], argv, env)


@cli.group()
def user():
    """Tài khoản người rà soát (đăng nhập để tải văn bản lên và đánh giá phát hiện)."""


@user.command("add")
@click.argument("name")
@_db_option
@click.option("--full-name", default="", help="Họ tên hiện trên đánh giá và phiếu kiểm tra (mặc định: NAME).")
def user_add(name, db_path, full_name):
    """Thêm tài khoản NAME (hoặc đổi mật khẩu). Mật khẩu lấy từ biến môi trường
    RASOAT_PASSWORD, nếu không có thì được hỏi."""
    from rasoat import users

    secret = os.environ.get("RASOAT_PASSWORD") or click.prompt("Mật khẩu", hide_input=True,
                                                               confirmation_prompt=True)
    try:
        path = users.add(db_path, name, secret, full_name)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    click.echo(f"Đã lưu tài khoản {name} vào {path}. Khởi động lại 'rasoat serve' để dùng.")


@user.command("list")
@_db_option
def user_list(db_path):
    """Liệt kê các tài khoản."""
    from rasoat import users

    for name, u in users.load(db_path).items():
        click.echo(f"{name}\t{u.get('full_name') or ''}")


@user.command("remove")
@click.argument("name")
@_db_option
def user_remove(name, db_path):
    """Xóa tài khoản NAME (các đánh giá đã ghi vẫn giữ tên người rà soát)."""
    from rasoat import users

    if not users.remove(db_path, name):
        raise click.UsageError(f"Không có tài khoản {name}.")
    click.echo(f"Đã xóa tài khoản {name}.")


@cli.command()
@_db_option
@click.option("--port", default=8001, show_default=True)
@click.option("--no-serve", is_flag=True, help="Chỉ dựng cơ sở dữ liệu, không mở Datasette.")
def demo(db_path, port, no_serve):
    """Dựng bộ văn bản mẫu thành PDF (trong thư mục build/samples cạnh tệp cơ sở
    dữ liệu), đọc vào cơ sở dữ liệu và mở Datasette."""
    from rasoat.samples import builder

    build_all = builder().build_all
    out = Path(db_path).resolve().parent / "build" / "samples"
    pdfs = build_all(out)
    click.echo(f"Đã dựng {len(pdfs)} văn bản mẫu PDF trong {out}")
    ctx = click.get_current_context()
    try:
        ctx.invoke(ingest, paths=[str(out)], db_path=db_path, force=False, as_json=False)
    except SystemExit as e:
        if e.code not in (0, None):
            click.echo("Có tệp mẫu lỗi (xem trên).", err=True)
    ctx.invoke(check, db_path=db_path, as_json=False)
    if not no_serve:
        ctx.invoke(serve, db_path=db_path, port=port)


@cli.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False), required=True,
              help="Thư mục chứa các tệp được chú giải.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--details", is_flag=True, help="In cả các mục bỏ sót / thừa của từng tệp.")
@click.option("--only", multiple=True, help="Chỉ đánh giá các tệp này (tên tệp).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Thư mục lưu kết quả đọc tệp (ingest) để lần đo sau chỉ chạy lại trích xuất và quy tắc.")
def eval_command(gold, corpus_dir, as_json, details, only, cache_dir):
    """Đo độ chính xác trích xuất so với dữ liệu chuẩn (gold): trường tiêu đề,
    trích dẫn, số liệu, mã TTHC — precision, recall, F1 theo trường và theo tệp."""
    from rasoat.evaluate import evaluate_document, load_gold, read_document, summarise

    items = [g for g in load_gold(gold) if not only or g["file"] in only]
    results = []
    base = Path(gold).parent
    with click.progressbar(
        items, label="Đang đánh giá", file=sys.stderr, item_show_func=lambda g: g["file"] if g else ""
    ) as bar:
        for g in bar:
            path = Path(corpus_dir) / g["file"]
            if not path.exists():
                path = (base / g["file"]).resolve()
            results.append(evaluate_document(g, read_document(path, cache_dir)))
    summary = summarise(results)
    if as_json:
        click.echo(json.dumps(dict(summary=summary, files=[dict(file=r.file, header=r.header, details=r.details,
                   citations_f1=r.citations and r.citations.f1, figures_f1=r.figures and r.figures.f1,
                   misses=[dict(field=m.field, kind=m.kind, item=m.item, label=m.label) for m in r.misses])
                   for r in results]),
                   ensure_ascii=False, indent=2, default=str))
        return
    fmt = lambda s: "—" if s is None else f"{s.f1:.2f}"  # noqa: E731
    click.echo(f"{'tệp':45} {'tiêu đề':>8} {'trích dẫn':>9} {'số liệu':>8} {'TTHC':>6}")
    for r in results:
        hdr = f"{sum(r.header.values())}/{len(r.header)}" if r.header else "—"
        click.echo(f"{r.file[:45]:45} {hdr:>8} {fmt(r.citations):>9} {fmt(r.figures):>8} {fmt(r.tthc):>6}")
        if details and r.details:
            for k, v in r.details.items():
                click.echo(f"    {k}: {v}")
    click.echo("")
    click.echo("Trường tiêu đề (tỷ lệ đúng tuyệt đối):")
    for k, v in summary["header_fields"].items():
        click.echo(f"  {k:15} {v:.2%}")
    if summary["header_exact"] is not None:  # a gold without header fields has no figure for them
        click.echo(f"  {'tất cả':15} {summary['header_exact']:.2%}")
    for k, label in (("citations", "Trích dẫn"), ("figures", "Số liệu"), ("tthc", "Mã TTHC")):
        s = summary[k]
        click.echo(f"{label:10} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
                   f"(tp={s['tp']} fp={s['fp']} fn={s['fn']})")
    if details:
        _echo_miss_classes([m for r in results for m in r.misses])


def _echo_miss_classes(misses) -> None:
    """``eval --details``: the misses of all files by field and failure class, with their count and items."""
    from rasoat.evaluate import group_misses

    labels = {"header": "Trường tiêu đề", "citations": "Trích dẫn", "figures": "Số liệu", "tthc": "Mã TTHC"}
    click.echo("")
    click.echo("Các mục sai theo loại lỗi:")
    for field_name, classes in group_misses(misses).items():
        click.echo(f"{labels.get(field_name, field_name)}:")
        for label, items in classes.items():
            click.echo(f"  {label} ({len(items)})")
            for m in items:
                what = m.field.split(".", 1)[1] + ": " if "." in m.field else ""
                click.echo(f"    {m.file}: {what}{m.item!r}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--workers", "-j", type=click.IntRange(min=1), default=None,
              help="Số tiến trình cho lần đo đầu-cuối (mặc định: số lõi CPU); luôn đo thêm 1 tiến trình.")
@click.option("--big-pages", type=click.IntRange(min=0), default=450, show_default=True,
              help="Số trang của một PDF dài dựng từ các văn bản mẫu để đo bộ nhớ (0: bỏ qua).")
@click.option("--sample-copies", type=click.IntRange(min=0), default=10, show_default=True,
              help="Số bản sao các văn bản mẫu (27 trang) đo cùng các tệp, để chi phí khởi động được chia đều.")
@click.option("--ocr-pages", type=click.IntRange(min=0), default=8, show_default=True,
              help="Số trang của bản scan dựng từ văn bản mẫu để đo OCR với 1 và N tiến trình (0: bỏ qua).")
@click.option("--hog/--no-hog", default=True, show_default=True,
              help="Đo cùng lúc với một tiến trình bận CPU do bench tự chạy (máy đang bận).")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option("--mutations", is_flag=True,
              help="Đo các quy tắc số liệu bằng lỗi cài sẵn vào báo cáo thật (bench/mutate.py): tỷ lệ phát hiện "
                   "theo loại lỗi và phát hiện trên văn bản chưa sửa. Không có PATHS: các báo cáo mặc định.")
def bench(paths, workers, big_pages, as_json, mutations, sample_copies=10, ocr_pages=8, hog=True):
    """Đo tốc độ đọc PDF: từng giai đoạn (đọc, trích xuất, quy tắc, ghi) và
    đầu-cuối, so với pdfplumber thuần trên cùng các tệp; bộ nhớ đỉnh; chạy
    lại trên tệp không đổi. Chỉ đo PDF có lớp chữ (bản scan cần OCR được bỏ
    qua và liệt kê). Xem rasoat/bench.py. Với --mutations: đo độ nhạy của
    các quy tắc số liệu (bench/mutate.py)."""
    if mutations:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "rasoat_bench_mutate", Path(__file__).resolve().parent.parent / "bench" / "mutate.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
        raise SystemExit(module.main([*paths, *(["--json"] if as_json else [])]))
    if not paths:
        raise click.UsageError("Cần ít nhất một tệp hoặc thư mục (hoặc --mutations).")
    from rasoat.bench import format_report, run_bench

    result = run_bench(list(paths), workers=workers, big_pages=big_pages, sample_copies=sample_copies,
                       ocr_pages=ocr_pages, hog=hog, progress=lambda step: click.echo(f"… {step}", err=True))
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if as_json else format_report(result))


@cli.group()
def registry():
    """Sổ văn bản và hiệu lực: dựng lại, nhập, xuất, tra tình trạng hiệu lực."""


@registry.command("build")
@_db_option
def registry_build(db_path):
    """Dựng lại sổ văn bản từ văn bản đã lưu, sổ kèm theo rasoat và dữ liệu đã nhập."""
    from rasoat import registry as reg
    from rasoat import store

    db = store.open_db(db_path)
    filled = reg.resolve_names(db)
    store.resolve_citations(db)
    n = len(reg.rebuild(db))
    click.echo(f"Sổ văn bản: {db['registry'].count} văn bản ({n} có dữ kiện); {filled} trích dẫn theo tên được "
               "điền số ký hiệu")


@registry.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@_db_option
def registry_import(path, db_path):
    """Nhập sổ văn bản của cơ quan (CSV hoặc JSON; cột như 'rasoat registry export')."""
    from rasoat import registry as reg
    from rasoat import store

    db = store.open_db(db_path)
    try:
        n, ignored = reg.import_file(db, path)
    except reg.RegistryFileError as e:
        raise click.ClickException(str(e)) from None
    conflicts = db.execute("select count(*) from registry where conflicts is not null").fetchone()[0]
    click.echo(f"Đã nhập {n} dòng từ {Path(path).name}; {conflicts} văn bản có mâu thuẫn giữa các nguồn"
               + (f"; bỏ qua các cột không thuộc sổ: {', '.join(ignored)}" if ignored else ""))


@registry.command("export")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default=None,
              help="Định dạng (mặc định theo đuôi tệp, hoặc csv).")
def registry_export(path, db_path, fmt):
    """Xuất sổ văn bản (CSV hoặc JSON) ra tệp hoặc màn hình."""
    from rasoat import registry as reg
    from rasoat import store

    db = store.open_db(db_path)
    if not db["registry"].count:
        reg.rebuild(db)
    fmt = fmt or ("json" if path and path.lower().endswith(".json") else "csv")
    text = reg.export_text(db, fmt)
    if path:
        Path(path).write_text(text, encoding="utf-8")
        click.echo(f"Đã xuất {db['registry'].count} văn bản ra {path}", err=True)
    else:
        click.echo(text, nl=False)


@registry.command("status")
@click.argument("number")
@click.option("--on", "on", default=None, help="Ngày (YYYY-MM-DD), mặc định hôm nay.")
@_db_option
def registry_status(number, on, db_path):
    """Tình trạng hiệu lực của một văn bản vào một ngày, với bằng chứng."""
    from rasoat import effect, store
    from rasoat import registry as reg

    known = reg.load(store.open_db(db_path)) if Path(db_path).exists() else None
    st = effect.status(number, on, known)
    click.echo(f"{number} — {st.status} vào ngày {st.on}" + (f" (từ {st.since})" if st.since else ""))
    for label, numbers in (("thay thế bởi", st.replaced_by), ("bãi bỏ bởi", st.repealed_by),
                           ("bãi bỏ một phần bởi", st.partly_repealed_by), ("sửa đổi bởi", st.amended_by)):
        if numbers:
            click.echo(f"  {label}: {', '.join(numbers)}")
    for f in st.evidence:
        click.echo(f"  bằng chứng: {f.clause} ({f.source})")


def main():
    cli()


if __name__ == "__main__":
    main()
