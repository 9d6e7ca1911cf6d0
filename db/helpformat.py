"""Every command's help in the command's language: Chinese by default, English with `--lang en` anywhere
on the command line or SCOREBOARD_LANG=en.

Help is printed while the command line is still being read, before `--lang` has a value, so the language
is read from the command line itself (`current_lang`). The English help stays where it is written (the
docstrings and `help=`); the Chinese is looked up in the parts' help catalogues (db/helptext.py,
feeder/helptext.py, display/helptext.py), which each part adds with `add_help`:

- a command by its path: "init", "tokens new"; the root group as "scoreboard";
- an option by the command's path and its long name: "init --preset"; an option every command that has it
  describes alike by its name alone: "--lang", "--help".

Every command of the `scoreboard` group is a `BilingualCommand` (or `BilingualGroup`); click's own words
(Usage:, Options:, Error:, Missing option ...) are in db/clickzh.py. tests/test_cli_words.py renders every
command's help in both languages and fails on a missing or stale entry.
"""

from __future__ import annotations

import copy
import os

import click

from . import clickzh
from .widetext import clip, width, wrap

LANGS = ("zh", "en")
LANG_ENV = "SCOREBOARD_LANG"

HELP_ZH: dict[str, str] = {}  # every part's help catalogue, merged


class _State:
    said: str | None = None  # `--lang` as written on the command line being run, if it is


_state = _State()


def env_lang() -> str:
    return "en" if os.environ.get(LANG_ENV, "zh") == "en" else "zh"


def current_lang() -> str:
    """The language of what a command says: `--lang` on its command line, else SCOREBOARD_LANG, else zh."""
    return _state.said if _state.said in LANGS else env_lang()


clickzh.install(current_lang)


def lang_on(args) -> str | None:
    """The value of `--lang` among raw command-line arguments (`--lang en` or `--lang=en`), if given."""
    args = list(args)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return None


def add_help(catalogue: dict[str, str], replace: bool = False) -> None:
    """Add a part's Chinese help; the same key given twice must say the same, unless the part `replace`s a
    lower part's command (feeder's `load` replaces the database's)."""
    for key, text in catalogue.items():
        if not replace and HELP_ZH.get(key, text) != text:
            raise ValueError(f"two different Chinese helps for {key!r}")
        HELP_ZH[key] = text


def command_key(ctx: click.Context) -> str:
    """A command's path below the root ("tokens new"); the root group (or a command run alone) by its name."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.command.name)
        ctx = ctx.parent
    return " ".join(reversed(names)) or ctx.command.name or ""


def option_key(param: click.Parameter) -> str:
    """An option's long name (--verbose for -v/--verbose)."""
    return next((o for o in param.opts if o.startswith("--")), param.opts[0] if param.opts else param.name or "")


def option_help_zh(command: str, param: click.Parameter) -> str | None:
    name = option_key(param)
    return HELP_ZH.get(f"{command} {name}") or HELP_ZH.get(name)


def short_help_zh(text: str, columns: int) -> str:
    """The listing's line for a command: its Chinese help's first sentence, cut to fit."""
    first = text.strip().split("\n\n")[0].replace("\n", "")
    end = first.find("。")
    return clip(first[: end + 1] if end >= 0 else first, columns)


USAGE_ZH = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}


class WideFormatter(click.HelpFormatter):
    """click's formatter; in Chinese it measures in terminal columns (db/widetext.py) and says 用法：."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if current_lang() != "zh":
            return super().write_usage(prog, args, prefix)
        head = f"{'':>{self.current_indent}}用法：{prog} "
        self.write(wrap(args, self.width - self.current_indent, head, " " * width(head)) if args
                   else head.rstrip())
        self.write("\n")

    def write_heading(self, heading: str) -> None:
        if current_lang() != "zh":
            return super().write_heading(heading)
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        if current_lang() != "zh":
            return super().write_text(text)
        pad = " " * self.current_indent
        self.write(wrap(text, self.width, pad, pad, preserve_paragraphs=True))
        self.write("\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        if current_lang() != "zh":
            return super().write_dl(rows, col_max, col_spacing)
        rows = list(rows)
        if not rows:
            return
        first_col = min(max(width(first) for first, _ in rows), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, max(self.width - first_col - 2, 10), preserve_paragraphs=True).splitlines()
            self.write(f"{lines[0]}\n" if lines else "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class BilingualContext(click.Context):
    formatter_class = WideFormatter


class _Bilingual:
    """What a `BilingualCommand` and a `BilingualGroup` share (a mixin before click's class)."""

    context_class = BilingualContext

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the whole command line: read `--lang` before anything is printed
            _state.said = lang_on(args)
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        if current_lang() == "zh":
            pieces = [USAGE_ZH.get(p, p) for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces))

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = HELP_ZH.get(command_key(ctx)) if current_lang() == "zh" else None
        if text is None:
            return super().format_help_text(ctx, formatter)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text.strip())

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        zh = current_lang() == "zh"
        key = command_key(ctx)
        rows = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                continue
            if zh:
                text = option_help_zh(key, param)
                if text is not None:
                    param = copy.copy(param)
                    param.help = text
            record = param.get_help_record(ctx)
            if record is not None:
                rows.append(record)
        if rows:
            with formatter.section(clickzh.gettext("Options")):
                formatter.write_dl(rows)


class BilingualCommand(_Bilingual, click.Command):
    """A command whose help speaks the command's language."""


class BilingualGroup(_Bilingual, click.Group):
    """A group whose help, and whose list of commands, speak the command's language."""

    command_class = BilingualCommand
    group_class = type  # subgroups are BilingualGroups too

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _Bilingual.format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if current_lang() != "zh":
            return super().format_commands(ctx, formatter)
        names = [n for n in self.list_commands(ctx) if (c := self.get_command(ctx, n)) is not None and not c.hidden]
        if not names:
            return
        limit = formatter.width - 6 - max(len(n) for n in names)
        prefix = command_key(ctx) + " " if ctx.parent is not None else ""
        rows = []
        for name in names:
            text = HELP_ZH.get(prefix + name)
            short = short_help_zh(text, limit) if text else self.get_command(ctx, name).get_short_help_str(limit)
            rows.append((name, short))
        with formatter.section(clickzh.gettext("Commands")):
            formatter.write_dl(rows)
