"""The export commands' surface, and the contest databases the export tests share.

`contest(dir, locked=...)` builds a real database from generated sample data with
the real shell commands (init, load, confirm, assign, lock), as an organiser would.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from display.cli import cli  # the whole `scoreboard` command, as a user runs it
PRESET = "fujian-2024-final"


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def contest(where: Path, locked: bool, per_team: int | None = None) -> Path:
    """A Fujian final after a generated exam day; locked (定榜) or left open."""
    where.mkdir(parents=True, exist_ok=True)
    db, roster, day = where / "c.db", where / "r.csv", where / "d.jsonl"
    extra = ["--per-team", str(per_team)] if per_team else []
    run("sample-roster", "--preset", PRESET, "--out", roster, *extra)
    run("init", db, "--preset", PRESET, "--roster", roster, "--date", "2024-08-20")  # the organiser gives the day
    run("sample-day", "--preset", PRESET, "--roster", roster, "--out", day)
    run("load", db, day)
    if locked:
        run("assign", db, "--award", "organisation", "--to", "福州", "--by", "张三", "--why", "线上练兵组织好")
        run("confirm", db, "--by", "张三")
        run("lock", db, "--by", "李主任")
    return db


def awards_of(db: Path, lang: str = "zh") -> dict:
    """What `scoreboard awards --json` says: the reference every export is checked against."""
    return json.loads(run("awards", db, "--json", "--lang", lang).output)


def standings_of(db: Path) -> dict:
    return json.loads(run("standings", db, "--json").output)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    return contest(tmp_path_factory.mktemp("small"), locked=True, per_team=4)


def test_every_export_command_has_help_text():
    for name in ("export", "report"):
        out = run(name, "--help").output
        assert "--to" in out and "--lang" in out
        assert len(cli.commands[name].help) > 40


def test_export_refuses_a_file_that_is_neither_xlsx_nor_csv(small_db, tmp_path):
    result = run("export", small_db, "--to", tmp_path / "x.ods", ok=False)
    assert result.exit_code == 2
    assert ".xlsx" in result.output and not (tmp_path / "x.ods").exists()


def test_report_refuses_a_file_that_is_neither_html_nor_pdf(small_db, tmp_path):
    result = run("report", small_db, "--to", tmp_path / "x.docx", ok=False)
    assert result.exit_code == 2 and ".html" in result.output


def test_a_missing_database_is_a_clean_error(tmp_path):
    result = run("export", tmp_path / "none.db", "--to", tmp_path / "x.xlsx", "--lang", "en", ok=False)
    assert result.exit_code == 2 and "no such contest database" in result.output
    result = run("export", tmp_path / "none.db", "--to", tmp_path / "x.xlsx", ok=False)
    assert result.exit_code == 2 and "没有这个比赛数据库" in result.output and "scoreboard init" in result.output


def test_a_broken_judges_chain_stops_the_export(tmp_path):
    db = contest(tmp_path / "c", locked=True, per_team=2)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE events SET reason = '改过' WHERE id = (SELECT min(id) FROM events WHERE hash IS NOT NULL)")
    conn.commit()
    conn.close()
    result = run("export", db, "--to", tmp_path / "x.xlsx", ok=False)
    assert result.exit_code == 2
    assert "文件校验失败，未导出任何内容" in result.output and "（assign · " in result.output  # names the edited one
    assert not (tmp_path / "x.xlsx").exists()
