"""``/-/rasoat/upload``: a signed-in reviewer adds documents from the browser.

Off unless ``rasoat serve --allow-upload``.  Each file is checked at once (kind by its first bytes and
extension, size, and a PDF's page count), kept in the upload folder under its SHA-256 (``<sha256>/<name>``,
so the same file uploaded again is a no-op) and read into the database in the background by the same
pipeline as ``rasoat ingest`` (``rasoat.pipeline.ingest_paths``, in a child process) from the plugin's one writer thread
(``rasoat.web.writer``).  The page lists each file's progress (``upload/status.json``) until it is done
(with a link to the document) or has its error.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import secrets
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

from rasoat.limits import MIB, Limits

UPLOAD_MAX_FILE_BYTES = 50 * MIB  # one uploaded file (a scanned 300-page decision is ~30 MB)
UPLOAD_MAX_PAGES = 1_000  # pages of one uploaded PDF (the CLI's own limit, limits.max_pages, is higher)
FORM_OVERHEAD_BYTES = 64 * 1024  # what multipart framing and the other fields add to a request's body
MAX_FILES_PER_REQUEST = 20  # files in one form submission (the page sends one per request)
MAX_JOBS_KEPT = 1_000  # finished uploads remembered for the progress list (oldest forgotten first)
UPLOAD_PATH = "/-/rasoat/upload"
CHILD_SLACK_SECONDS = 60.0  # a reading child's time beyond the per-file limit: starting, writing, indexes

# extension → the kinds ingest.sniff may find in such a file (a .doc saved as .docx, text as .txt…)
KINDS = {".pdf": {"pdf"}, ".docx": {"zip"}, ".doc": {"ole", "zip", "rtf", "html"}, ".txt": {"text"}}
SAFE_NAME = re.compile(r"[^\w.\- ]+")  # characters replaced in a stored file name (keeps Vietnamese letters)


@dataclass
class Job:
    id: str
    name: str
    status: str  # "queued" | "processing" | "done" | "unchanged" | "error"
    message: str = ""
    document_id: str | None = None
    owner: str = ""  # the signed-in reviewer who sent it (only they see its progress)
    path: str = ""  # where it is kept


_jobs: dict[str, Job] = {}
_lock = threading.Lock()

STATUS_TEXT = {"queued": "Đang chờ", "processing": "Đang đọc và kiểm tra", "done": "Xong",
               "unchanged": "Đã có (tệp này đã được tải lên trước)", "error": "Lỗi"}


def limits() -> Limits:
    """The limits of an uploaded file: the named upload limits, lowered further by the environment if set."""
    base = Limits.from_env()
    return Limits.from_env(max_file_bytes=min(base.max_file_bytes, UPLOAD_MAX_FILE_BYTES),
                           max_pages=min(base.max_pages, UPLOAD_MAX_PAGES))


def too_large_message(size: int | None = None) -> str:
    got = f" ({size / MIB:.0f} MB)" if size else ""
    return f"Tệp quá lớn{got}: mỗi tệp tải lên tối đa {limits().max_file_bytes // MIB} MB."


def check_file(name: str, data_head: bytes, size: int, path: Path | None) -> str | None:
    """What is wrong with an uploaded file (Vietnamese), or None."""
    from ingest import sniff

    ext = Path(name).suffix.lower()
    if ext not in KINDS:
        return f"Loại tệp {ext or '(không có phần mở rộng)'} không được nhận: chỉ nhận PDF, DOC, DOCX, TXT."
    if size == 0:
        return "Tệp rỗng."
    if size > limits().max_file_bytes:
        return too_large_message(size)
    if path is not None and sniff(path) not in KINDS[ext]:
        return f"Nội dung tệp không phải {ext[1:].upper()} như phần mở rộng của tên tệp."
    if ext == ".pdf" and path is not None:
        pages = pdf_pages(path)
        if pages is None:
            return "Không mở được tệp PDF (tệp hỏng hoặc có mật khẩu)."
        if pages > limits().max_pages:
            return f"Tệp có {pages:,} trang, vượt giới hạn {limits().max_pages:,} trang một tệp.".replace(",", ".")
    return None


def pdf_pages(path: Path) -> int | None:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(str(path))
    except Exception:
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def stored_name(name: str) -> str:
    base = SAFE_NAME.sub("_", Path(name).name).strip(" .") or "tep"
    return base[-120:]


def accept(upload_dir: Path, name: str, data: bytes, owner: str, known) -> Job:
    """Check one file and keep it; the job says what happens next ("queued", "unchanged" or "error").
    ``known(sha)`` tells whether the database holds that file already."""
    job = Job(secrets.token_hex(8), Path(name).name, "queued", owner=owner)
    ext = Path(name).suffix.lower()
    problem = check_file(name, data[:2048], len(data), None)
    if problem is None:
        sha = hashlib.sha256(data).hexdigest()
        job.document_id = sha
        folder = upload_dir / sha
        existing = [p for p in folder.iterdir() if p.is_file()] if folder.is_dir() else []
        if existing and known(sha):
            job.status, job.message = "unchanged", STATUS_TEXT["unchanged"]
        else:
            folder.mkdir(parents=True, exist_ok=True)
            target = existing[0] if existing else folder / stored_name(name)
            if not existing:
                tmp = folder / (".part-" + job.id + ext)
                tmp.write_bytes(data)
                problem = check_file(name, data[:2048], len(data), tmp)
                if problem:
                    tmp.unlink()
                    folder.rmdir()
                else:
                    tmp.replace(target)
            job.path = str(target)
    if problem:
        job.status, job.message, job.document_id = "error", problem, None
    remember(job)
    return job


def remember(job: Job) -> None:
    with _lock:
        _jobs[job.id] = job
        while len(_jobs) > MAX_JOBS_KEPT:
            _jobs.pop(next(iter(_jobs)))


def jobs(ids: list[str], owner: str) -> list[Job]:
    with _lock:
        return [_jobs[i] for i in ids if i in _jobs and _jobs[i].owner == owner]


def ingest_job(job: Job, db_path: str) -> None:
    """Read the job's file into the database (called in the writer thread, which waits for it): the pipeline
    runs in a child process (``python -m rasoat.web.upload``), so a file that crashes a reader or exhausts
    memory costs that child, never the server, and the per-file time limit applies (it needs a main thread)."""
    job.status = "processing"
    limit = limits()
    argv = [sys.executable, "-m", "rasoat.web.upload", job.path, db_path]
    try:
        done = subprocess.run(argv, capture_output=True, text=True,
                              timeout=limit.seconds_per_file + CHILD_SLACK_SECONDS)
    except subprocess.TimeoutExpired:
        job.status, job.message = "error", f"Quá thời gian đọc tệp ({limit.seconds_per_file:.0f} giây)."
        return
    try:
        result = json.loads(done.stdout.strip().splitlines()[-1])[0]
    except (ValueError, IndexError):
        job.status = "error"
        job.message = f"Không đọc được tệp (tiến trình đọc dừng với mã {done.returncode})."
        return
    if result.get("error"):
        job.status, job.message = "error", f"Lỗi khi đọc tệp: {result['error']}"
    else:
        job.status = "done"
        job.message = f"{result['findings']} phát hiện." if result.get("findings") is not None else ""


def main(argv: list[str]) -> int:
    """The child of ``ingest_job``: ``ingest_paths`` over one file with the upload limits; its results as JSON."""
    from rasoat.pipeline import ingest_paths

    path, db_path = argv
    summary = ingest_paths([path], db_path, workers=1, limits=limits())
    print(json.dumps(summary.to_json(), ensure_ascii=False))
    return 0


def job_json(job: Job, document_url) -> dict:
    out = asdict(job)
    out.pop("owner")
    out.pop("path")
    out["status_text"] = STATUS_TEXT.get(job.status, job.status)
    out["url"] = document_url(job.document_id) if job.document_id and job.status in ("done", "unchanged") else None
    return out


def parse_form(body: bytes, content_type: str) -> tuple[dict[str, str], list[tuple[str, bytes]]]:
    """(fields, [(file name, content)]) of a multipart/form-data body."""
    from python_multipart import parse_form as parse

    fields: dict[str, str] = {}
    files: list[tuple[str, bytes]] = []

    def on_field(field):
        fields[field.field_name.decode("utf-8", "replace")] = (field.value or b"").decode("utf-8", "replace")

    def on_file(f):
        f.file_object.seek(0)
        files.append(((f.file_name or b"").decode("utf-8", "replace"), f.file_object.read()))

    headers = {"Content-Type": content_type.encode("latin-1"), "Content-Length": str(len(body)).encode()}
    parse(headers, io.BytesIO(body), on_field, on_file)
    return fields, files


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
