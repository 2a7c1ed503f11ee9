"""The ``rasoat`` command line (click)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from rasoat import __version__


@click.group()
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
    from rasoat.limits import LimitError, Limits
    from rasoat.pipeline import ingest_paths

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
    else:
        click.echo(f"Đã đọc {summary.count('ok')} tệp, bỏ qua {summary.count('unchanged')} tệp không đổi, "
                   f"{failed} tệp lỗi → {db_path}")
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
    with click.progressbar(docs, label="Đang kiểm tra", file=sys.stderr) as bar:
        for d in bar:
            findings = run_rules(d, corpus)
            store.save_findings(db, d.id, findings)
            for f in findings:
                counts[f.rule_id] = counts.get(f.rule_id, 0) + 1
    store.enable_search(db)
    if as_json:
        click.echo(json.dumps(dict(documents=len(docs), findings=counts), ensure_ascii=False, indent=2))
    else:
        click.echo(f"Đã kiểm tra {len(docs)} văn bản: {sum(counts.values())} phát hiện")
        for rid, n in sorted(counts.items()):
            click.echo(f"  {rid}: {n}")


def datasette_command(db_path: str, port: int, host: str = "127.0.0.1", no_sql: bool = False) -> list[str]:
    """``datasette serve`` with our metadata, templates and settings (see rasoat/web/serve.py)."""
    from rasoat.web.serve import command

    return command(db_path, port, host, no_sql)


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
def serve(db_path, port, host, password, no_sql):
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
        env = environment(secret)
    except ValueError as e:
        raise click.UsageError(str(e))
    argv = datasette_command(db_path, port, host, no_sql)
    click.echo(f"Datasette: http://{host}:{port}/" + (" (tên đăng nhập: rasoat)" if secret else ""))
    os.execve(argv[0], argv, env)


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
    with click.progressbar(items, label="Đang đánh giá", file=sys.stderr, item_show_func=lambda g: g["file"] if g else "") as bar:
        for g in bar:
            path = Path(corpus_dir) / g["file"]
            if not path.exists():
                path = (base / g["file"]).resolve()
            results.append(evaluate_document(g, read_document(path, cache_dir)))
    summary = summarise(results)
    if as_json:
        click.echo(json.dumps(dict(summary=summary, files=[dict(file=r.file, header=r.header, details=r.details,
                   citations_f1=r.citations and r.citations.f1, figures_f1=r.figures and r.figures.f1) for r in results]),
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
    click.echo(f"  {'tất cả':15} {summary['header_exact']:.2%}")
    for k, label in (("citations", "Trích dẫn"), ("figures", "Số liệu"), ("tthc", "Mã TTHC")):
        s = summary[k]
        click.echo(f"{label:10} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} (tp={s['tp']} fp={s['fp']} fn={s['fn']})")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
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
def bench(paths, workers, big_pages, as_json, sample_copies=10, ocr_pages=8, hog=True):
    """Đo tốc độ đọc PDF: từng giai đoạn (đọc, trích xuất, quy tắc, ghi) và
    đầu-cuối, so với pdfplumber thuần trên cùng các tệp; bộ nhớ đỉnh; chạy
    lại trên tệp không đổi. Chỉ đo PDF có lớp chữ (bản scan cần OCR được bỏ
    qua và liệt kê). Xem rasoat/bench.py."""
    from rasoat.bench import format_report, run_bench

    result = run_bench(list(paths), workers=workers, big_pages=big_pages, sample_copies=sample_copies,
                       ocr_pages=ocr_pages, hog=hog, progress=lambda step: click.echo(f"… {step}", err=True))
    click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) if as_json else format_report(result))


def main():
    cli()


if __name__ == "__main__":
    main()
