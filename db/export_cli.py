"""Commands of this part, added to the `scoreboard` group by `register`:
`export` (the workbook or one list as CSV) and `report` (HTML or PDF)."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import UserError, db_argument, fail_cleanly, lang_option
from .exports import LISTS, ExportError, build, take
from .store import Store

WHAT_HELP = ("Which list: results (个人成绩), teams (团体成绩), awards (获奖名单), advancement (推荐名单), "
             "audit (审计记录), certificates (证书名单). A workbook holds all of them unless one is named; "
             "a CSV file holds one (default: results).")


def _snapshot(db: str, lang: str):
    store = Store(db)
    try:
        return take(store, lang)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()


def _status(snap) -> str:
    return snap.status_short() + ("" if snap.provisional else f", chain {snap.chain_head[:16]}")


@click.command()
@db_argument
@click.option("--to", "out", required=True, type=click.Path(dir_okay=False),
              help="The file to write: FILE.xlsx (the workbook) or FILE.csv (one list).")
@click.option("--what", type=click.Choice(LISTS), help=WHAT_HELP)
@lang_option
@fail_cleanly
def export(db, out, what, lang):
    """Export the official lists: an A4-ready workbook, or one list as CSV.

    An export from a list that is not locked says PROVISIONAL (临时/未定榜) on
    every sheet and page; one from a locked list carries the lock's time, who
    locked it and the hash of the judges' chain.
    """
    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(f"{out}: the file must end in .xlsx (workbook) or .csv (one list)")
    snap = _snapshot(db, lang)
    if suffix == ".csv":
        from .exports.csvout import write_csv

        n = write_csv(snap, build(snap, what or "results"), out)
        click.echo(f"{out}: {n} rows of {what or 'results'} [{_status(snap)}]")
        return
    from .exports.workbook import write_workbook

    keys = [what] if what else list(LISTS)
    write_workbook(snap, [build(snap, k) for k in keys], out)
    click.echo(f"{out}: {len(keys)} sheet(s) [{_status(snap)}]")


@click.command()
@db_argument
@click.option("--to", "out", required=True, type=click.Path(dir_okay=False),
              help="FILE.html (print it from a browser) or FILE.pdf (needs WeasyPrint and a Chinese font).")
@lang_option
@fail_cleanly
def report(db, out, lang):
    """Write the printable results report (A4): every award, the advancement lists,
    team and individual results and the judges' log."""
    from .exports.report import pdf_unavailable, render_html, write_pdf

    suffix = Path(out).suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise UserError(f"{out}: the file must end in .html or .pdf")
    if suffix == ".pdf":
        why = pdf_unavailable()
        if why:
            raise UserError(f"cannot make a PDF here: {why}. Write FILE.html and print it from a browser instead")
    snap = _snapshot(db, lang)
    if suffix == ".pdf":
        write_pdf(snap, out)
    else:
        Path(out).write_text(render_html(snap), encoding="utf-8")
    click.echo(f"{out}: report [{_status(snap)}]")


def register(cli: click.Group) -> None:
    """Add this part's commands to the root group."""
    cli.add_command(export)
    cli.add_command(report)
