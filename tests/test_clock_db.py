"""Every time the shell commands read and print is on the contest's clock, whatever the machine's zone:
`--at` takes what a screen shows, and every printed time says its zone (verify, standings, exports)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from click.testing import CliRunner

from db.exports.snapshot import take
from db.store import Store
from display.cli import cli
from display.replay.sampledb import T0, build_day
from scoreboard.clock import datetime_text

SHANGHAI = ZoneInfo("Asia/Shanghai")
T_1036 = datetime(2024, 8, 20, 10, 36, tzinfo=SHANGHAI).timestamp()


def run(*args, code=0):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result


@pytest.fixture(scope="module")
def day_db(tmp_path_factory):
    """A locked Fujian day whose first record arrives at 07:36 Beijing time (still the 19th in UTC and in New
    York) and whose last comes at about 11:48: 10:36 is in the middle of it."""
    path = tmp_path_factory.mktemp("clock") / "day.db"
    build_day(path, per_team=3, items=12, freeze_at=None, lock=True, t0=T0 - 9000)
    return str(path)


def event_times(db) -> list[tuple[int, float, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, at, kind FROM events ORDER BY id").fetchall()


def last_event_before(db, at: float) -> int:
    return max((i for i, t, _k in event_times(db) if t <= at), default=0)


def beijing(at: float) -> str:
    return datetime.fromtimestamp(at, SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


# --- --at -------------------------------------------------------------------------------------
def test_standings_at_a_time_read_off_the_big_screen_is_that_beijing_time(day_db, machine_zone):
    events = event_times(day_db)
    expected = last_event_before(day_db, T_1036)
    assert 0 < expected < events[-1][0]  # the middle of the day: neither its start nor its end
    got = json.loads(run("standings", day_db, "--json", "--at", "10:36").output)
    assert got["event_id"] == expected
    assert json.loads(run("standings", day_db, "--json", "--at", "10:36:00").output)["event_id"] == expected


@pytest.mark.parametrize("typed", ["2024-08-20T10:36", "2024-08-20 10:36:00", "2024-08-20T02:36:00+00:00",
                                   "2024-08-19T22:36-04:00", repr(T_1036)])
def test_a_date_time_is_the_contest_clock_unless_it_carries_an_offset(day_db, machine_zone, typed):
    got = json.loads(run("standings", day_db, "--json", "--at", typed).output)
    assert got["event_id"] == last_event_before(day_db, T_1036)


def test_the_printed_standings_say_which_moment_they_are_at_and_its_zone(day_db, machine_zone):
    assert run("standings", day_db, "--at", "10:36", "--limit", "2").output.startswith(
        "截至北京时间 2024-08-20 10:36:00\n")
    assert run("standings", day_db, "--at", "10:36", "--limit", "2", "--lang", "en").output.startswith(
        "As of 2024-08-20 10:36:00 Beijing time\n")
    assert run("awards", day_db, "--at", "10:36").output.startswith("截至北京时间 2024-08-20 10:36:00\n")
    assert run("explain", day_db, "福州", "--at", "9:00").output.startswith("截至北京时间 2024-08-20 09:00:00\n")
    assert "截至" not in run("standings", day_db, "--limit", "2").output  # no --at: the live standings


def test_a_time_that_is_not_one_is_refused_saying_what_is(day_db):
    out = run("standings", day_db, "--at", "25:61", "--lang", "en", code=2).output
    assert "HH:MM[:SS]" in out and "Beijing time" in out
    assert "not a moment" in run("standings", day_db, "--at", "nan", "--lang", "en", code=2).output
    out = run("standings", day_db, "--at", "25:61", code=2).output  # Chinese by default
    assert out.startswith("错误：--at “25:61”不是一个时刻") and "HH:MM[:SS]" in out and "北京时间" in out


def test_another_contest_clock_from_the_rules_is_the_one_typed_and_printed(tmp_path, machine_zone):
    from scoreboard.rules import load_rules, preset_text
    from scoreboard.sample import sample_roster
    from db.writer import Writer

    rules = load_rules('timezone = "Europe/Berlin"\n' + preset_text("fujian-2024-final"))
    people = sample_roster(rules, per_team=1)
    store = Store.create(tmp_path / "berlin.db", rules, people)
    w = Writer(store)
    for seq, hour in enumerate((9, 10, 11), start=1):  # 09:00, 10:00, 11:00 in Berlin (CEST, UTC+2)
        at = datetime(2024, 8, 20, hour, tzinfo=ZoneInfo("Europe/Berlin")).timestamp()
        w.hall("hall-a", {"type": "result", "seq": seq, "contestant": people[seq].exam_no, "item": "choice-01",
                          "section": "choice", "score": 1.0, "max": 2.0}, at=at)
    w.flush()
    store.close()
    db = tmp_path / "berlin.db"
    assert json.loads(run("standings", db, "--json", "--at", "10:30").output)["event_id"] == 2
    assert run("standings", db, "--at", "10:30").output.startswith("截至Europe/Berlin 2024-08-20 10:30:00")


# --- verify -----------------------------------------------------------------------------------
def test_verify_says_a_seal_time_on_the_contest_clock_with_its_zone(day_db, machine_zone):
    with sqlite3.connect(day_db) as conn:
        sid, at = conn.execute("SELECT id, at FROM seals ORDER BY id DESC LIMIT 1").fetchone()
    head = run("verify", day_db, "--lang", "en").output.split("chain head ")[1].split()[0]
    zh = run("verify", day_db, "--head", head).output
    assert f"第 {sid} 号封存（北京时间 {beijing(at)}）" in zh
    en = run("verify", day_db, "--head", head, "--lang", "en").output
    assert f"seal {sid} ({beijing(at)} Beijing time)" in en


# --- exports ----------------------------------------------------------------------------------
def lock_time(db) -> float:
    return next(t for _i, t, k in event_times(db) if k == "lock")


def test_the_lock_time_on_every_csv_row_is_beijing_time_and_says_so(day_db, tmp_path, machine_zone):
    run("export", day_db, "--to", tmp_path / "a.csv", "--what", "awards")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "a.csv").read_text(encoding="utf-8-sig"))))
    assert rows and {r["定榜时间"] for r in rows} == {f"北京时间 {beijing(lock_time(day_db))}"}


def test_the_workbook_says_the_lock_and_export_times_on_the_contest_clock(day_db, tmp_path, machine_zone):
    run("export", day_db, "--to", tmp_path / "o.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "o.xlsx")
    ws = wb["获奖名单"]
    banner = " ".join(str(c.value) for row in ws.iter_rows(max_row=3) for c in row if c.value)
    assert f"已定榜：北京时间 {beijing(lock_time(day_db))}" in banner
    assert "导出时间 北京时间 20" in ws.oddFooter.right.text
    audit = wb["审计记录"]
    assert audit.cell(3, 2).value == "时间（北京时间）"
    judge = [(i, t) for i, t, k in event_times(day_db) if k in ("decision", "assign", "confirm", "lock")]
    assert [(r[0], r[1]) for r in audit.iter_rows(min_row=4, values_only=True)] == \
        [(i, beijing(t)) for i, t in judge]


def test_the_report_says_the_lock_time_in_english_too(day_db, tmp_path, machine_zone):
    run("report", day_db, "--to", tmp_path / "r.html", "--lang", "en")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"Locked: {beijing(lock_time(day_db))} Beijing time" in html
    assert "Exported 20" in html and " Beijing time" in html.split("Exported 20")[1][:40]


def test_a_lock_just_after_midnight_is_that_day_on_the_contest_clock_but_never_a_certificate_date(day_db,
                                                                                                  machine_zone):
    """The lock's time is shown on the contest's clock; a certificate's date is only ever the contest's day as
    the organiser gave it (issue 13: no guessed date), else a line to fill in by hand."""
    snap = take(Store(day_db))
    just_after_midnight = datetime(2024, 8, 21, 0, 30, tzinfo=SHANGHAI).timestamp()  # still the 20th in UTC
    snap = dataclasses.replace(snap, date="", awards={**snap.awards, "locked": {
        **snap.awards["locked"], "at": just_after_midnight}})
    assert datetime_text(just_after_midnight, snap.zone) == "2024-08-21 00:30:00"
    assert snap.locked_at == "北京时间 2024-08-21 00:30:00"
    assert snap.contest_date() == "　　年　　月　　日"


# --- the feeder's log -------------------------------------------------------------------------
def test_the_feeders_log_lines_are_stamped_on_the_contest_clock(day_db, tmp_path, machine_zone):
    import logging

    from feeder.cli import ContestClockLog

    record = logging.LogRecord("feeder", logging.WARNING, __file__, 1, "refused", None, None)
    record.created, record.msecs = T_1036 + 0.25, 250.0
    assert ContestClockLog(day_db, "zh").format(record) == "北京时间 2024-08-20 10:36:00.250 警告 数据服务: refused"
    assert ContestClockLog(day_db, "en").format(record) == \
        "2024-08-20 10:36:00.250 Beijing time WARNING feeder: refused"
    assert ContestClockLog(day_db, "en").formatTime(record) == "2024-08-20 10:36:00.250 Beijing time"
    assert ContestClockLog(str(tmp_path / "none.db"), "en").formatTime(record).endswith("Beijing time")
