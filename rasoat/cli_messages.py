"""click's own messages in Vietnamese ("Usage:", "Show this message and
exit.", "Error: Invalid value for 'PATHS...'", "No such option"…), in one
place.  click marks every message for gettext (``from gettext import gettext
as _`` in each of its modules); ``install`` puts our lookup in place of those
module-level ``_`` and ``ngettext``, so no message catalogue is needed; the
usage line's "[OPTIONS]" and "COMMAND [ARGS]..." come from ``Group`` and
``Command``.  A message not listed here stays as click wrote it."""

from __future__ import annotations

import importlib

import click

# click's message (its gettext msgid) → Vietnamese, with the same {placeholders}
MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Show this message and exit.": "Xem hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Xem phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Missing argument": "Thiếu đối số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải ý bạn là một trong: {possibilities}?)",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Got unexpected extra argument ({args})": "Thừa đối số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các đối số ({args})",
    "Aborted!": "Đã dừng.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận mà không hỏi lại.",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục…",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "(dynamic)": "(tùy lúc chạy)",
    "deprecated": "không còn dùng",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được {name} {filename!r}.",
    "{name} {filename!r} is not executable.": "Không chạy được {name} {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "{value} is not in the range {range}.": "{value} không nằm trong khoảng {range}.",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải giá trị đúng/sai hợp lệ. Các giá trị nhận: {states}",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "unknown error": "lỗi không rõ",
}
# click's singular/plural pairs: Vietnamese has one form
PLURALS = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): "Thừa đối số ({args})",
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        "Tùy chọn {name!r} cần {nargs} giá trị.",
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): None,  # each form its own
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): None,
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        "Cần {nargs} giá trị nhưng có {len}.",
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."): "Cần {len_type} giá trị, nhưng có {len_value}.",
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): None,
}
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


# words click puts into its messages without gettext: a parameter's kind, a number type's name
WORDS = {"argument": "đối số", "option": "tùy chọn", "parameter": "tham số", "integer": "số nguyên",
         "float": "số thực", "integer range": "số nguyên trong khoảng", "float range": "số thực trong khoảng",
         "boolean": "giá trị đúng/sai", "text": "chữ", "choice": "lựa chọn"}


class Message(str):
    """A translated message whose ``format`` also translates the WORDS passed into it, and whose ``title`` (click
    writes ``_("path").title()``) capitalises the first letter only, as Vietnamese does."""

    def format(self, *args, **kwargs) -> str:
        return str.format(self, *args, **{k: WORDS.get(v, v) if isinstance(v, str) else v for k, v in kwargs.items()})

    def title(self) -> str:
        return self[:1].upper() + self[1:]


class Command(click.Command):
    """A command whose usage line reads "[TÙY CHỌN]" for click's "[OPTIONS]"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class Group(click.Group):
    """The command group: Vietnamese usage line ("LỆNH [ĐỐI SỐ]..."), its commands made as ``Command``."""

    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)


OPTIONS_METAVAR = "[TÙY CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [ĐỐI SỐ]..."


def gettext(message: str) -> str:
    return Message(MESSAGES.get(message, message))


def ngettext(singular: str, plural: str, n: int) -> str:
    joined = PLURALS.get((singular, plural))
    if joined:
        return Message(joined)
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Replace click's gettext lookups by ours (module globals ``_`` and ``ngettext`` of click's modules)."""
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
