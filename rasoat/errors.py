"""What a user reads when one file fails, at any stage: a Vietnamese ``error`` that says what to do, the
``error_stage`` (read, extract, rules, store) and the technical ``error_detail`` (exception type and the
tail of its traceback) for whoever reports the bug.

Standard library only; below the stages (``ingest`` reads ``os_error_message``)."""

from __future__ import annotations

import errno
import os
import sqlite3
import traceback
from pathlib import Path

STAGES = ("read", "extract", "rules", "store")
STAGE_LABELS = {"read": "đọc tệp", "extract": "trích xuất", "rules": "kiểm tra theo quy tắc",
                "store": "ghi cơ sở dữ liệu"}
DETAIL_FRAMES = 6  # frames of the traceback kept in error_detail (the innermost ones)
DETAIL_MAX_CHARS = 4000  # error_detail is cut to this many characters (its end kept)

DISK_FULL = "Ổ đĩa đầy: hãy giải phóng dung lượng rồi chạy lại lệnh (các tệp đã ghi vẫn được giữ)."
OUT_OF_MEMORY = ("Không đủ bộ nhớ để xử lý tệp này (vượt giới hạn bộ nhớ của tiến trình): có thể nâng bằng "
                 "--limit worker_memory_bytes=… nếu tệp là văn bản thật.")
TIMED_OUT = ("Quá thời gian xử lý một tệp ({seconds:g} giây): tệp bị bỏ qua. Có thể nâng bằng "
             "--limit seconds_per_file=… nếu tệp là văn bản thật.")
WORKER_DIED = ("Tiến trình xử lý tệp bị dừng đột ngột ({how}): tệp bị bỏ qua, các tệp khác vẫn được xử lý. "
               "Nếu tệp là văn bản thật, hãy báo lỗi kèm tệp này.")
PDFIUM_FAILED = ("Tệp PDF bị hỏng: không tải được trang (cấu trúc cây trang lỗi hoặc lặp vòng). "
                 "Hãy lấy lại bản gốc hoặc in lại ra PDF.")

# errno → what happened and what to do (the strerror text stays in error_detail)
OS_MESSAGES = {
    errno.ENOENT: "Tệp không còn (đã bị xóa, đổi tên hoặc di chuyển trong khi chạy): hãy kiểm tra lại đường dẫn.",
    errno.EACCES: "Không có quyền đọc tệp: hãy cấp quyền đọc cho tệp rồi chạy lại.",
    errno.EPERM: "Không được phép đọc tệp: hãy cấp quyền đọc cho tệp rồi chạy lại.",
    errno.EISDIR: "Đường dẫn là một thư mục, không phải tệp.",
    errno.ENOTDIR: "Một phần của đường dẫn không phải thư mục: hãy kiểm tra lại đường dẫn.",
    errno.ELOOP: ("Liên kết tượng trưng (symlink) lặp vòng (trỏ về chính nó, hoặc các liên kết trỏ lẫn nhau): "
                  "hãy sửa hoặc xóa liên kết."),
    errno.ENAMETOOLONG: "Tên hoặc đường dẫn tệp quá dài: hãy đổi tên ngắn hơn.",
    errno.ENOSPC: DISK_FULL,
    errno.EIO: "Lỗi vào/ra khi đọc tệp (ổ đĩa hoặc ổ mạng có vấn đề): hãy sao chép tệp sang ổ khác rồi chạy lại.",
    errno.EMFILE: "Quá nhiều tệp đang mở cùng lúc: hãy chạy lại với ít tiến trình hơn (--workers).",
    errno.ENOMEM: OUT_OF_MEMORY,
    errno.ENXIO: "Không phải tệp thông thường (thiết bị hoặc ống dẫn): tệp bị bỏ qua.",
}


class FileTimeout(Exception):
    """One file took longer than ``Limits.seconds_per_file``."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(TIMED_OUT.format(seconds=seconds))


class NotRegularFile(OSError):
    """A FIFO, a socket or a device: reading it could block the run."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(errno.ENXIO, "not a regular file", os.fsdecode(path))


def os_error_message(e: OSError, path: str | Path | None = None) -> str:
    """The Vietnamese message for an ``OSError`` met reading ``path``."""
    if e.errno == errno.ENOENT and path is not None and os.path.islink(path):
        return "Liên kết tượng trưng (symlink) trỏ tới tệp không tồn tại: hãy sửa hoặc xóa liên kết."
    message = OS_MESSAGES.get(e.errno)
    return message or f"Không mở được tệp (lỗi hệ điều hành số {e.errno}): hãy kiểm tra tệp và quyền đọc."


def is_disk_full(e: BaseException) -> bool:
    return (isinstance(e, OSError) and e.errno == errno.ENOSPC) or (
        isinstance(e, sqlite3.Error) and "full" in str(e).lower())


def describe(e: BaseException, stage: str, path: str | Path | None = None) -> tuple[str, str]:
    """``(error, error_detail)`` for an exception raised at ``stage`` while processing ``path``."""
    from rasoat.limits import LimitExceeded

    if isinstance(e, FileTimeout | LimitExceeded):
        message = str(e)
    elif isinstance(e, MemoryError):
        message = OUT_OF_MEMORY
    elif is_disk_full(e):
        message = DISK_FULL
    elif isinstance(e, OSError):
        message = os_error_message(e, path)
    elif type(e).__name__ == "PdfiumError":
        message = PDFIUM_FAILED
    elif isinstance(e, RecursionError):
        message = (f"Tệp lồng nhau quá sâu, không {STAGE_LABELS.get(stage, stage)} được: tệp có thể bị hỏng "
                   "hoặc được tạo để gây lỗi.")
    else:
        message = (f"Lỗi chương trình khi {STAGE_LABELS.get(stage, stage)} tệp này: tệp được ghi lại với lỗi, "
                   "các tệp khác vẫn được xử lý. Hãy báo lỗi kèm nội dung cột error_detail.")
    return message, detail(e)


def detail(e: BaseException) -> str:
    """Exception type and message, then the innermost frames of its traceback."""
    head = f"{type(e).__module__}.{type(e).__qualname__}: {e}".removeprefix("builtins.")
    frames = traceback.extract_tb(e.__traceback__)[-DETAIL_FRAMES:]
    text = head + ("\n" + "".join(traceback.format_list(frames)).rstrip() if frames else "")
    return text[-DETAIL_MAX_CHARS:]
