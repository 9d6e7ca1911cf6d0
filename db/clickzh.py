"""click's own words (Usage:, Error:, Missing option '--by'. ...) in Chinese.

click passes everything it says through gettext; `install` answers those calls from CLICK_ZH while the
command's language is Chinese (db/helpformat.py's `current_lang`) and leaves them as they are in English.
The keys are click's own message ids, exactly as in its source (8.1 to 8.5; an id a newer click changed
simply stays English, and tests/test_cli_words.py names it). Words click fixes once, when a command is
built (the help option's text, a path's kind), are not here: they would stay in whichever language the
first command ran; the help option's text is in the help catalogue instead.
"""

from __future__ import annotations

import gettext as _gettext
import importlib
from collections.abc import Callable

CLICK_ZH: dict[str, str] = {
    # help
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    # errors
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Invalid value: {message}": "取值无效：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such command '{name}'.": "没有命令 '{name}'。",
    "Did you mean {possibility}?": "是不是 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是其中之一：{possibilities}？）",
    "(Possible options: {possibilities})": "（可能的选项：{possibilities}）",
    "Got unexpected extra argument ({args})": "多了一个参数（{args}）",
    "Got unexpected extra arguments ({args})": "多了几个参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不带值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不在可选值 {choices} 之中。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的数值。",
    "{value!r} is not a valid integer.": "{value!r} 不是有效的整数。",
    "{value!r} is not a valid float.": "{value!r} 不是有效的数值。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 之内。",
    "{name} {filename!r} does not exist.": "{filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{filename!r} 是文件，这里要的是文件夹。",
    "{name} {filename!r} is a directory.": "{filename!r} 是文件夹，这里要的是文件。",
    "{name} {filename!r} is not readable.": "{filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{filename!r} 不可执行。",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Aborted!": "已中止！",
}

MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")

_lang: Callable[[], str] = lambda: "en"  # noqa: E731 - set by `install`


def gettext(message: str) -> str:
    return CLICK_ZH.get(message, message) if _lang() == "zh" else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install(lang: Callable[[], str]) -> None:
    """Answer click's gettext calls in the language `lang()` names at the time of the call."""
    global _lang
    _lang = lang
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) in (_gettext.gettext, gettext):
            module._ = gettext
        if getattr(module, "ngettext", None) in (_gettext.ngettext, ngettext):
            module.ngettext = ngettext
