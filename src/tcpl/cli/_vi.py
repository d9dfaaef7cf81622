"""Vietnamese for the parts of Typer/Click that tcpl does not write itself.

Typer's help panels and Click's usage line and error messages are English; the people who
use tcpl read Vietnamese. The panel titles are module constants; the help option and the
usage prefix are patched where Typer creates them; usage errors are translated from the
exception's type and attributes (see `usage_error_message`).
"""

from __future__ import annotations

import re
from typing import Any

HELP_OPTION_TEXT = "Hiện hướng dẫn này rồi thoát."


def install() -> None:
    from typer import rich_utils
    from typer._click import decorators, formatting

    rich_utils.ARGUMENTS_PANEL_TITLE = "Tham số"
    rich_utils.OPTIONS_PANEL_TITLE = "Tùy chọn"
    rich_utils.COMMANDS_PANEL_TITLE = "Lệnh"
    rich_utils.ERRORS_PANEL_TITLE = "Lỗi"
    rich_utils.ABORTED_TEXT = "Đã dừng."
    rich_utils.DEFAULT_STRING = "[mặc định: {}]"
    rich_utils.REQUIRED_LONG_STRING = "[bắt buộc]"
    rich_utils.ENVVAR_STRING = "[biến môi trường: {}]"
    rich_utils.DEPRECATED_STRING = "(không dùng nữa) "
    rich_utils.RICH_HELP = "Xem '{command_path} {help_option}' để biết cách dùng."

    if not getattr(decorators.help_option, "_tcpl", False):
        original = decorators.help_option

        def help_option(param_decls: list[str]) -> Any:
            decorate = original(param_decls)

            def apply(command: Any) -> Any:
                command = decorate(command)
                command.params[-1].help = HELP_OPTION_TEXT
                return command

            return apply

        help_option._tcpl = True  # type: ignore[attr-defined]
        decorators.help_option = help_option

    from typer import core

    if not getattr(core._TyperParameter.display_type, "_tcpl", False):
        display_type = core._TyperParameter.display_type

        def vi_display_type(self: Any, ctx: Any) -> str:
            label = display_type(self, ctx)
            inner = label[1:-1] if label.startswith("<") and label.endswith(">") else label
            word = _TYPE_WORDS.get(inner, inner)
            return f"<{word}>" if word else ""

        vi_display_type._tcpl = True  # type: ignore[attr-defined]
        core._TyperParameter.display_type = vi_display_type  # type: ignore[method-assign]

    _completion_in_vietnamese()

    if not getattr(formatting.HelpFormatter.write_usage, "_tcpl", False):
        write_usage = formatting.HelpFormatter.write_usage

        def vi_write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            write_usage(self, prog, args, "Cách dùng: " if prefix is None else prefix)

        vi_write_usage._tcpl = True  # type: ignore[attr-defined]
        formatting.HelpFormatter.write_usage = vi_write_usage  # type: ignore[method-assign]


COMPLETION_HELP = {
    "--install-completion": "Cài gợi ý lệnh (phím Tab) cho trình shell đang dùng (bash, zsh, fish, PowerShell).",
    "--show-completion": "In đoạn mã gợi ý lệnh của trình shell đang dùng, để chép hoặc tự cài.",
}


def _completion_in_vietnamese() -> None:
    """Typer's --install-completion and --show-completion, with Vietnamese help and messages."""
    from typer import completion

    infos = [
        info
        for function in (
            completion._install_completion_placeholder_function,
            completion._install_completion_no_auto_placeholder_function,
        )
        for info in function.__defaults__ or ()
    ]
    for info, name in zip(infos, [*COMPLETION_HELP, *COMPLETION_HELP], strict=True):
        info.help = COMPLETION_HELP[name]
        if name == "--install-completion" and not getattr(info.callback, "_tcpl", False):
            info.callback = _install_callback


def _install_callback(ctx: Any, param: Any, value: Any) -> Any:
    import sys

    from typer._completion_shared import install

    if not value or ctx.resilient_parsing:
        return value
    shell, path = install(shell=value) if isinstance(value, str) else install()
    sys.stdout.write(
        f"Đã cài gợi ý lệnh cho {shell} vào {path}. Mở lại cửa sổ dòng lệnh để bắt đầu dùng phím Tab.\n"
    )
    sys.exit(0)


_install_callback._tcpl = True  # type: ignore[attr-defined]


_TYPE_WORDS = {
    "bool": "",  # a flag: its name says it all
    "str": "chữ",
    "int": "số nguyên",
    "float": "số",
    "path": "đường dẫn",
    "file": "tệp",
    "directory": "thư mục",
    "list[Path]": "đường dẫn...",
    "list[str]": "chữ...",
}

_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^No such command '(.+?)'\.(?: Did you mean (.+)\?)?$"), "không có lệnh '{0}'"),
    (re.compile(r"^Missing command\.$"), "thiếu tên lệnh"),
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$"), "thừa tham số: {0}"),
    (re.compile(r"^Input should be a valid integer.*$"), "phải là số nguyên"),
    (re.compile(r"^Input should be a valid number.*$"), "phải là số"),
    (re.compile(r"^Input should be a valid date.*$"), "phải là ngày dạng NĂM-THÁNG-NGÀY"),
    (re.compile(r"^Input should be .*$"), "giá trị không hợp lệ"),
    (re.compile(r"^'(.+?)' is not one of (.+)\.$"), "'{0}' không phải một trong: {1}"),
    (re.compile(r"^'(.+?)' is not a valid (.+)\.$"), "'{0}' không hợp lệ"),
    (re.compile(r"^Value '?(.+?)'? is not a valid (.+)\.$"), "'{0}' không hợp lệ"),
    (re.compile(r"^(.+?) option requires an argument\.$"), "tùy chọn {0} cần một giá trị"),
    (re.compile(r"^Option '(.+?)' requires an argument\.$"), "tùy chọn {0} cần một giá trị"),
    (re.compile(r"^Option '(.+?)' does not take a value\.$"), "tùy chọn {0} không nhận giá trị"),
    (re.compile(r"^(.+) is not a valid integer(?: range)?\.?$"), "{0} không phải số nguyên"),
]


def usage_error_message(exc: Any) -> str:
    """A Vietnamese sentence for a Click usage error."""
    from typer._click import exceptions as ce

    if isinstance(exc, ce.NoSuchOption):
        text = f"không có tùy chọn {exc.option_name}"
        if exc.possibilities:
            text += f" (có phải ý bạn là {', '.join(sorted(exc.possibilities))}?)"
        return text
    if isinstance(exc, ce.MissingParameter):
        param = exc.param
        name = param.get_error_hint() if param is not None else ""
        kind = "tham số" if getattr(param, "param_type_name", "") == "argument" else "tùy chọn"
        return f"thiếu {kind} {name}".strip()
    message = str(getattr(exc, "message", exc))
    translated = message
    for pattern, template in _MESSAGES:
        m = pattern.match(message)
        if m:
            translated = template.format(*[g or "" for g in m.groups()])
            if "Did you mean" in message and m.lastindex and m.lastindex > 1 and m.group(2):
                translated += f"; có phải ý bạn là {m.group(2)}?"
            break
    if isinstance(exc, ce.BadParameter):
        param = exc.param
        hint = param.get_error_hint() if param is not None else None
        if hint:
            return f"giá trị không hợp lệ cho {hint}: {translated}"
    return translated
