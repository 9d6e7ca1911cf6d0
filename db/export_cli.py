"""Commands of this part, added to the `scoreboard` group by `register`:
`export` (the workbook or one list as CSV) and `report` (HTML or PDF)."""

from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path

import click

from .cli import UserError, db_argument, fail_cleanly, lang_option
from .exports import LISTS, ON_REQUEST, ExportError, build, take
from .exports.labels import SHEET
from .helpformat import BilingualCommand
from .store import Store
from .words import say

WHAT_HELP = ("Which list: results (个人成绩), teams (团体成绩), awards (获奖名单), advancement (推荐名单), "
             "audit (审计记录), certificates (证书名单), certain (确定获奖名单: those certain of each award while "
             "marking goes on, for early certificates; only when named, and only with a declared paper). A "
             "workbook holds all but certain unless one is named; a CSV file holds one (default: results).")
AWARD_HELP = "With --what certain: only this award (its id in the rules, e.g. expert); default: every award."


# Why a file cannot be written, in the command's language (zh, en).
NO_FOLDER = ("无法写入 {out}：文件夹 {folder} 不存在", "cannot write {out}: the folder {folder} does not exist")
NOT_FOLDER = ("无法写入 {out}：{folder} 不是文件夹", "cannot write {out}: {folder} is not a folder")
WRITE_FAILED = ("无法写入 {out}：{why}", "cannot write {out}: {why}")
WHY = {  # errno -> (zh, en); anything else says the system's own words
    errno.EACCES: ("没有写入权限", "permission denied"),
    errno.EPERM: ("没有写入权限", "permission denied"),
    errno.EROFS: ("只读文件系统", "read-only file system"),
    errno.ENOSPC: ("磁盘已满", "no space left on the disk"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
    errno.ENOENT: ("文件夹不存在", "the folder does not exist"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder"),
    errno.EISDIR: ("这是一个文件夹", "it is a folder"),
}


def _say(text: tuple[str, str], lang: str, **params) -> str:
    return (text[1] if lang == "en" else text[0]).format(**params)


def _check_target(out: str, lang: str) -> None:
    """Refuse at once, before any work, a file whose folder is missing or is not a folder."""
    folder = Path(out).parent
    if not folder.exists():
        raise UserError(_say(NO_FOLDER, lang, out=out, folder=folder))
    if not folder.is_dir():
        raise UserError(_say(NOT_FOLDER, lang, out=out, folder=folder))


@contextmanager
def _writing(out: str, lang: str):
    """A write that fails (no permission, a full disk...) is one line of error, not a traceback."""
    try:
        yield
    except OSError as exc:
        zh_en = WHY.get(exc.errno)
        why = _say(zh_en, lang) if zh_en else (exc.strerror or str(exc))
        raise UserError(_say(WRITE_FAILED, lang, out=out, why=why)) from None


def _snapshot(db: str, lang: str, certainty: bool = False):
    store = Store(db)
    try:
        return take(store, lang, certainty)
    except ExportError as exc:
        raise UserError(str(exc)) from None
    finally:
        store.close()


def _status(snap, lang: str) -> str:
    if snap.provisional:
        return snap.status_short()
    return snap.status_short() + ("，" if lang == "zh" else ", ") + say("chain", lang, head=snap.chain_head[:16])


@click.command(cls=BilingualCommand)
@db_argument
@click.option("--to", "out", required=True, type=click.Path(dir_okay=False),
              help="The file to write: FILE.xlsx (the workbook) or FILE.csv (one list).")
@click.option("--what", type=click.Choice(LISTS + ON_REQUEST), help=WHAT_HELP)
@click.option("--award", metavar="ID", help=AWARD_HELP)
@lang_option
@fail_cleanly
def export(db, out, what, award, lang):
    """Export the official lists: an A4-ready workbook, or one list as CSV.

    An export from a list that is not locked says PROVISIONAL (临时/未定榜) on
    every sheet and page; one from a locked list carries the lock's time, who
    locked it and the hash of the judges' chain.
    """
    suffix = Path(out).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(say("export_suffix", lang, out=out))
    if award is not None and what != "certain":
        raise UserError(say("award_needs_certain", lang))
    _check_target(out, lang)
    if what == "certain":
        _check_certain(db, award, lang)
    snap = _snapshot(db, lang, certainty=what == "certain")
    if suffix == ".csv":
        from .exports.csvout import write_csv

        with _writing(out, lang):
            n = write_csv(snap, build(snap, what or "results", award), out)
        which = what or "results"
        click.echo(say("exported_csv", lang, out=out, n=n, what=which if lang == "en" else SHEET[which][0],
                       status=_status(snap, lang)))
        return
    from .exports.workbook import write_workbook

    keys = [what] if what else list(LISTS)
    tables = [build(snap, k, award) for k in keys]
    with _writing(out, lang):
        write_workbook(snap, tables, out)
    click.echo(say("exported_book", lang, out=out, n=len(keys), status=_status(snap, lang)))


def _check_certain(db: str, award: str | None, lang: str) -> None:
    """Before any work: the rules declare a paper (else nobody can be called certain), and `award` is one the
    marks decide."""
    from scoreboard.board import Board
    from scoreboard.certainty import compute_certainty

    store = Store(db)
    try:
        rules = store.rules()
    finally:
        store.close()
    if not rules.paper_known:
        cert = compute_certainty(Board(rules, []))
        raise UserError(say("certain_stage", lang) if cert.stage else
                        say("certain_no_paper", lang, why=cert.why if lang == "en" else cert.why_zh))
    if award is None:
        return
    specs = rules.awards + rules.advancement
    known = ("、" if lang == "zh" else ", ").join(a.id for a in specs if a.kind != "judge")
    spec = next((a for a in specs if a.id == award), None)
    if spec is None:
        raise UserError(say("no_such_award", lang, award=award, known=known))
    if spec.kind == "judge":
        raise UserError(say("award_by_judges", lang, award=spec.label if lang == "zh" else spec.label_en or spec.label,
                            known=known))


@click.command(cls=BilingualCommand)
@db_argument
@click.option("--to", "out", required=True, type=click.Path(dir_okay=False),
              help="FILE.html (print it from a browser) or FILE.pdf (needs WeasyPrint and a Chinese font).")
@lang_option
@fail_cleanly
def report(db, out, lang):
    """Write the printable results report (A4): every award, the advancement lists,
    team and individual results and the judges' log."""
    from .exports.report import pdf_unavailable, render_html, render_pdf

    suffix = Path(out).suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise UserError(say("report_suffix", lang, out=out))
    _check_target(out, lang)
    if suffix == ".pdf":
        why = pdf_unavailable()
        if why:
            raise UserError(say("no_pdf", lang, why=why))
    snap = _snapshot(db, lang)
    data = render_pdf(snap) if suffix == ".pdf" else render_html(snap).encode("utf-8")
    with _writing(out, lang):
        Path(out).write_bytes(data)
    click.echo(say("reported", lang, out=out, status=_status(snap, lang)))


def register(cli: click.Group) -> None:
    """Add this part's commands to the root group."""
    cli.add_command(export)
    cli.add_command(report)
