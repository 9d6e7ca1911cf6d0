"""Names, units, teams, reasons and judges' names are shown exactly as typed.

Rich and Textual read a `str` handed to a table cell, a `Static`, a `Label`, a `Select` option or a
notification as markup: a contestant named "[bold red]红[/bold red]" would show as a bold red 红, and
one named "[/]" would stop the console with a MarkupError. The display layer uses no markup of its
own, so: every `Static` and `Label` is built with `markup=False`, notifications are plain
(`ConsoleApp.notify`), a DataTable's cells go through `cell` (display/console/tablesync.py) and any
other table cell, column title or `Select` option through `plain` or `options`.
"""

from __future__ import annotations

from rich.text import Text


def plain(value):
    """A `str` as a `rich.text.Text`, which nothing parses; anything else (a styled Text, a number) as it is."""
    return Text(value) if isinstance(value, str) else value


def cell(value):
    """A DataTable cell: a `str` as the one-line Text DataTable itself would make of it, without reading
    markup (textual.widgets._data_table.default_cell_formatter); anything else as it is."""
    return Text(value, no_wrap=True, end="") if isinstance(value, str) else value


def options(pairs):
    """`Select` options with plain prompts: [(prompt, value), ...]."""
    return [(plain(prompt), value) for prompt, value in pairs]
