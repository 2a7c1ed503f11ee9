"""What one file may cost before it is cut off and recorded as an error.

Every limit is a named default here, overridable per run (``rasoat ingest --limit NAME=VALUE``) and by the
environment (``RASOAT_LIMIT_<NAME>``, e.g. ``RASOAT_LIMIT_MAX_PAGES=5000``).  A file over a limit becomes
a row of ``documents`` with a Vietnamese ``error`` that names the limit; the run goes on.

This module sits below the stages: ``ingest``, ``extract``, ``rules`` and the pipeline all read it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

MIB = 1024 * 1024

DEFAULT_MAX_FILE_BYTES = 200 * MIB  # bytes on disk
DEFAULT_MAX_PAGES = 3_000  # pages of one PDF (the largest real appendix seen has a few hundred)
DEFAULT_MAX_PAGE_CHARS = 200_000  # characters of a PDF page; a longer text or Word file is cut into pages this long
# characters of one document: 14 times the largest real one seen (a 453-page appendix, 0.7 M); what a worker
# holds for a document this size stays near half a gigabyte, so two workers and the writer fit in 1.5 GB
DEFAULT_MAX_DOCUMENT_CHARS = 10_000_000
DEFAULT_MAX_OCR_PIXELS = 60_000_000  # pixels of one page image rendered for OCR (A0 at 200 dpi is ~ 52 M)
DEFAULT_MAX_INFLATED_BYTES = 512 * MIB  # bytes of one decompressed PDF stream
DEFAULT_MAX_DOCX_UNPACKED_BYTES = 256 * MIB  # bytes of all entries of a .docx once unpacked
DEFAULT_MAX_DOCX_ENTRIES = 20_000  # entries in a .docx zip
DEFAULT_SECONDS_PER_FILE = 900.0  # wall time for one file, all stages (a 450-page scan at ~2 s/page fits)
DEFAULT_WORKER_MEMORY_BYTES = 3 * 1024 * MIB  # RLIMIT_AS of a worker process


@dataclass(frozen=True)
class Limits:
    """The limits of one run.  ``Limits()`` is the defaults; ``Limits.from_env()`` adds the environment."""

    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS
    max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS
    max_ocr_pixels: int = DEFAULT_MAX_OCR_PIXELS
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES
    max_docx_unpacked_bytes: int = DEFAULT_MAX_DOCX_UNPACKED_BYTES
    max_docx_entries: int = DEFAULT_MAX_DOCX_ENTRIES
    seconds_per_file: float = DEFAULT_SECONDS_PER_FILE
    worker_memory_bytes: int = DEFAULT_WORKER_MEMORY_BYTES

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides) -> Limits:
        """Defaults, then ``RASOAT_LIMIT_*`` variables, then ``overrides`` (e.g. from the command line)."""
        env = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = env.get(f"RASOAT_LIMIT_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _parse(f.name, raw)
        return replace(cls(**values), **overrides)

    def with_text(self, assignment: str) -> Limits:
        """``"max_pages=100"`` applied to these limits (the form of ``--limit``)."""
        name, _, raw = assignment.partition("=")
        name = name.strip().replace("-", "_")
        if name not in {f.name for f in fields(self)} or not raw:
            raise LimitError(f"Giới hạn không hợp lệ: «{assignment}». Các giới hạn: {', '.join(limit_names())}.")
        return replace(self, **{name: _parse(name, raw)})


def limit_names() -> list[str]:
    return [f.name for f in fields(Limits)]


def _parse(name: str, raw: str) -> int | float:
    try:
        value = float(raw) if name == "seconds_per_file" else int(raw.replace("_", ""))
    except ValueError:
        raise LimitError(f"Giá trị giới hạn {name} phải là số, nhận được «{raw}».") from None
    if value <= 0:
        raise LimitError(f"Giá trị giới hạn {name} phải lớn hơn 0, nhận được «{raw}».")
    return value


class LimitError(ValueError):
    """A limit given on the command line or in the environment is not valid."""


class LimitExceeded(Exception):
    """A file goes over one of the limits; ``str()`` is the Vietnamese message stored as the file's error."""

    def __init__(self, name: str, value, limit, where: str = "") -> None:
        self.name, self.value, self.limit, self.where = name, value, limit, where
        place = f", {where}" if where else ""
        super().__init__(
            f"Tệp vượt giới hạn {LABELS.get(name, name)} ({_number(value)} > {_number(limit)}{place}); "
            f"tệp không được đọc. Có thể nâng giới hạn bằng --limit {name}=… nếu tệp này là văn bản thật."
        )


def _number(x) -> str:
    """A number the Vietnamese way: "1.048.576", "900,5"."""
    text = f"{x:,}" if isinstance(x, int) else f"{x:,.1f}"
    return text.replace(",", "␣").replace(".", ",").replace("␣", ".")


LABELS = {
    "max_file_bytes": "dung lượng tệp (byte)",
    "max_pages": "số trang",
    "max_page_chars": "số ký tự một trang",
    "max_document_chars": "số ký tự của văn bản",
    "max_ocr_pixels": "số điểm ảnh một trang khi nhận dạng OCR",
    "max_inflated_bytes": "dung lượng một luồng dữ liệu PDF sau giải nén (byte)",
    "max_docx_unpacked_bytes": "dung lượng tệp .docx sau giải nén (byte)",
    "max_docx_entries": "số mục trong tệp .docx",
    "seconds_per_file": "thời gian xử lý một tệp (giây)",
    "worker_memory_bytes": "bộ nhớ của một tiến trình xử lý (byte)",
}
