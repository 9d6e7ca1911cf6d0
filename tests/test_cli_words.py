"""Every word the `scoreboard` command says, in both languages: each command's help rendered in Chinese and in
English, every catalogue whole (both languages, the same placeholders, no key written twice), every log line the
feeder's terminal shows, and click's own words."""

from __future__ import annotations

import ast
import importlib
import pathlib
import re
import string

import click
import pytest
from click.testing import CliRunner

from db import clickzh
from db.helpformat import HELP_ZH, BilingualCommand, BilingualGroup, option_help_zh, option_key, short_help_zh
from db.widetext import width
from display.cli import cli

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = [p for p in sorted(ROOT.glob("*/**/*.py")) if not {".venv", "tests", "bench"} & set(p.parts)]
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")

# Every (zh, en) catalogue of what a command, a console, a screen or an export says: module, name.
CATALOGUES = [
    ("db.words", "SAID"), ("db.judge_cli", "SAID"), ("db.progress_cli", "SAID"), ("feeder.words", "MESSAGES"),
    ("feeder.logwords", "LOG"), ("feeder.logwords", "LEVEL"), ("feeder.logwords", "SOURCE"),
    ("feeder.logwords", "VALUE"), ("display.words", "SAID"), ("scoreboard.i18n", "MESSAGES"),
    ("scoreboard.codes", "CODE_NAMES"), ("db.exports.labels", "SHEET"),
]
# A Chinese measure word (人, 支代表队) that English does without: the only placeholder one side may lack.
MEASURE = {"unit"}
# Words that are the same in both languages on purpose (a level's name in English is its name).
SAME_IN_BOTH = {("feeder.logwords", "LEVEL"), ("feeder.logwords", "SOURCE"), ("feeder.logwords", "VALUE")}


def commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, prefix + (name,))


EVERY = [(" ".join(path), cmd) for path, cmd in commands(cli)]


def options(cmd: click.Command):
    return [p for p in cmd.params if isinstance(p, click.Option) and not p.hidden]


def help_of(path: str, lang: str) -> str:
    args = [*path.split(), "--help"]
    has_lang = path and any(option_key(p) == "--lang" for p in options(cmd_at(path)))
    if lang == "en" and has_lang:
        result = CliRunner().invoke(cli, [*args, "--lang", "en"], env={"SCOREBOARD_LANG": None})
    else:  # a group has no --lang of its own: the environment says it
        result = CliRunner().invoke(cli, args, env={"SCOREBOARD_LANG": "en" if lang == "en" else None})
    assert result.exit_code == 0, result.output
    return result.output


def cmd_at(path: str) -> click.Command:
    cmd = cli
    for name in path.split():
        cmd = cmd.commands[name]
    return cmd


def option_rows(text: str) -> dict[str, str]:
    """An option's help as rendered (its continuation lines joined), by its long name."""
    rows: dict[str, str] = {}
    section = text.split("选项：" if "选项：" in text else "Options:", 1)[1].split("\n\n")[0]
    current = None
    for line in section.splitlines():
        m = re.match(r"  (-\w, )?(--[\w-]+)(.*)", line)
        if m:
            current = m[2]
            rows[current] = m[3]
        elif current:
            rows[current] += " " + line.strip()
    return rows


def test_every_command_is_a_bilingual_one():
    assert len(EVERY) > 25
    assert [path for path, cmd in EVERY if not isinstance(cmd, (BilingualCommand, BilingualGroup))] == []
    assert isinstance(cli, BilingualGroup)


@pytest.mark.parametrize("path", [""] + [path for path, _ in EVERY])
def test_every_help_is_chinese_by_default_and_english_on_request(path):
    zh, en = help_of(path, "zh"), help_of(path, "en")
    assert zh.startswith("用法：scoreboard") and "选项：" in zh and "Usage:" not in zh and "Options:" not in zh
    assert en.startswith("Usage: scoreboard") and "Options:" in en and not re.search("用法|选项：|命令：", en)
    cmd = cmd_at(path) if path else cli
    description = zh.split("\n\n")[1]
    assert CJK.search(description), f"{path}: the Chinese help has no Chinese: {description!r}"
    assert LATIN.search(en.split("\n\n")[1]), f"{path}: the English help is not English"
    zh_rows, en_rows = option_rows(zh), option_rows(en)
    for option in options(cmd) + [cmd.get_help_option(click.Context(cmd))]:
        name = option_key(option)
        said = option_help_zh(path or "scoreboard", option) or ""
        assert CJK.search(said), f"{path} {name}: no Chinese help"
        assert said[:12].replace(" ", "") in zh_rows[name].replace(" ", ""), f"{path} {name}: {zh_rows[name]!r}"
        english = " ".join(option.help.split())
        assert LATIN.search(CJK.sub("", english)), f"{path} {name}: the English help is not English: {english!r}"
        assert english[:30] in en_rows[name], f"{path} {name}: {en_rows[name]!r} does not show {english!r}"
    if isinstance(cmd, click.Group):
        listed = zh.split("命令：\n", 1)[1]
        for sub in cmd.commands:
            line = next(x for x in listed.splitlines() if x.split()[0] == sub)
            assert CJK.search(line), f"{path} {sub}: the list of commands shows it in English"


def test_the_language_can_be_given_anywhere_on_the_command_line():
    assert CliRunner().invoke(cli, ["--lang", "en", "-h"]).output.startswith("Usage: scoreboard")
    assert CliRunner().invoke(cli, ["init", "-h", "--lang", "en"]).output.startswith("Usage: scoreboard init")
    assert CliRunner().invoke(cli, ["init", "--lang=en", "-h"]).output.startswith("Usage: scoreboard init")
    assert CliRunner().invoke(cli, ["tokens", "new", "-h"], env={"SCOREBOARD_LANG": "en"}).output.startswith(
        "Usage: scoreboard tokens new")
    assert CliRunner().invoke(cli, ["init", "-h", "--lang", "zh"], env={"SCOREBOARD_LANG": "en"}).output.startswith(
        "用法：scoreboard init")


def test_every_chinese_help_is_for_a_command_or_an_option_that_exists():
    keys: set[str] = set()
    shared: dict[str, set[str]] = {}
    for path, cmd in [("scoreboard", cli)] + EVERY:
        keys.add(path)
        for p in options(cmd):
            name = option_key(p)
            if f"{path} {name}" in HELP_ZH:
                keys.add(f"{path} {name}")
            else:
                shared.setdefault(name, set()).add(p.help)
    keys |= set(shared) | {"--help", "--version"}
    assert sorted(set(HELP_ZH) - keys) == [], "Chinese help for nothing"
    assert sorted(k for k in keys if k not in HELP_ZH) == [], "no Chinese help"
    # an option described once for every command that has it says the same thing in English everywhere
    assert {name: helps for name, helps in shared.items() if len(helps) > 1} == {}


def test_each_command_s_line_in_the_list_fits_without_being_cut():
    for path, _cmd in EVERY:
        first = short_help_zh(HELP_ZH[path], 1000)
        assert width(first) <= 56 and first.endswith("。"), f"{path}: {first!r} ({width(first)} columns)"


# --- the catalogues ---------------------------------------------------------------------------
def bare(text: str) -> str:
    """The words of a message, without its placeholders and the options it names."""
    return re.sub(r"\{[^}]*\}|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|--[\w-]+", "", text)


def fields(text: str) -> list[str]:
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None})


def percent_fields(text: str) -> list[str]:
    return re.findall(r"%[-#0 +]*\d*(?:\.\d+)?[sdifr]", text)


@pytest.mark.parametrize("module, name", CATALOGUES)
def test_every_catalogue_has_both_languages_and_the_same_placeholders(module, name):
    catalogue = getattr(importlib.import_module(module), name)
    assert catalogue
    for key, pair in catalogue.items():
        assert isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(t, str) and t for t in pair), key
        zh, en = pair
        if (module, name) not in SAME_IN_BOTH:  # Chinese, or no words at all ("{role}：{names}")
            assert CJK.search(zh) or not LATIN.search(bare(zh)), f"{module}.{name}[{key}]: not Chinese: {zh!r}"
        assert LATIN.search(bare(en)) or not CJK.search(en), f"{module}.{name}[{key}]: not English: {en!r}"
        assert set(fields(zh)) - MEASURE == set(fields(en)) - MEASURE, f"{module}.{name}[{key}]: {zh!r} / {en!r}"
        assert percent_fields(zh) == percent_fields(en), f"{module}.{name}[{key}]"


def test_the_judges_status_and_void_names_exist_in_both_languages():
    from db import judge_cli

    for table in (judge_cli.STATUS, judge_cli.VOID):
        assert set(table["zh"]) == set(table["en"])
        assert all(CJK.search(t) for t in table["zh"].values())


def test_click_s_own_words_keep_their_placeholders():
    for msgid, zh in clickzh.CLICK_ZH.items():
        assert CJK.search(zh), msgid
        assert set(fields(zh)) <= set(fields(msgid)), msgid  # may leave a value out, never invent one
        assert percent_fields(zh) == percent_fields(msgid), msgid


# click's words a scoreboard user never meets: a programmer's mistakes, prompts and an editor (never used),
# types and parameters no command has, words click fixes when a command is built (db/clickzh.py)
CLICK_UNSAID = {
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.", "Choice({choices})",
    "Could not determine name for option with declarations {decls!r}", "Name '{name}' defined twice",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean "
    "to pass '--{name}'?", "Invalid start character for option ({option})", "Unknown color {colour!r}",
    "Unknown standard stream '{name}'", "Windows error: {error}", "d",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}", "deprecated",
    "Do you want to continue?", "Confirm the action without prompting.", "Error: The two entered values do not match.",
    "Error: invalid input", "Press any key to continue...", "Repeat for confirmation", "{editor}: Editing failed",
    "{editor}: Editing failed: {e}", "unknown error",
    "{value!r} is not a valid UUID.", "{value!r} is not a valid boolean. Recognized values: {states}",
    "{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}.",
    "Value must be an iterable.", "Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.",
    "{len_type} values are required, but {len_value} was given.",
    "{len_type} values are required, but {len_value} were given.",
    "Show the version and exit.", "Show this message and exit.", "file", "directory", "path",
}


def click_msgids() -> set[str]:
    found = set()
    for path in pathlib.Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("_", "ngettext"):
                found |= {a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    return found


def test_every_word_of_click_an_operator_can_meet_is_translated():
    said = click_msgids() - CLICK_UNSAID
    assert len(said) > 20
    assert sorted(said - set(clickzh.CLICK_ZH)) == []
    assert not CLICK_UNSAID & set(clickzh.CLICK_ZH)  # fixed once in whichever language came first: never here


def test_no_catalogue_anywhere_writes_a_key_twice():
    """A dict literal that names a key twice keeps only the last: feeder/words.py once lost a message so."""
    twice = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                twice += [f"{path.relative_to(ROOT)}:{node.lineno}: {k!r}" for k in set(keys) if keys.count(k) > 1]
    assert twice == []


# --- the log lines `serve` shows ----------------------------------------------------------------
LEVELS = {"debug", "info", "warning", "error", "exception", "critical"}


def logged(path: pathlib.Path) -> list[str]:
    """The message of every `log.<level>("...", ...)` call, also `(log.info if ... else log.warning)(...)`."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args or not isinstance(node.args[0], ast.Constant):
            continue
        funcs = [node.func.body, node.func.orelse] if isinstance(node.func, ast.IfExp) else [node.func]
        if any(isinstance(f, ast.Attribute) and f.attr in LEVELS and getattr(f.value, "id", "") == "log"
               for f in funcs):
            out.append(node.args[0].value)
    return out


def test_every_line_the_feeder_and_the_database_log_is_said_in_chinese():
    from feeder.logwords import LOG

    english = {en for _zh, en in LOG.values()}
    messages = {m for path in SOURCES if path.parts[-2] in ("feeder", "db") for m in logged(path)}
    assert len(messages) >= 8
    assert sorted(messages - english) == []


def test_a_log_line_is_translated_with_its_values():
    import logging

    from feeder.logwords import translated

    record = logging.LogRecord("feeder", logging.WARNING, __file__, 1, "access %s: %s %s/%s: %s",
                               ("refused", "10.0.0.9:5000", "hall", "hall-a", "unauthorized: wrong token"), None)
    zh = translated(record, "zh")
    assert zh.getMessage() == "登录被拒：10.0.0.9:5000 hall/hall-a：令牌错误（unauthorized: wrong token）"
    assert (zh.levelname, zh.name) == ("警告", "数据服务")
    assert translated(record, "en").getMessage() == \
        "access refused: 10.0.0.9:5000 hall/hall-a: unauthorized: wrong token"
    assert record.levelname == "WARNING"  # the record other handlers get is as logged
