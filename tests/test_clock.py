"""The contest's clock (scoreboard/clock.py) and the rules key that names it, whatever the machine's zone."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta, timezone

import pytest

from scoreboard import clock
from scoreboard.clock import (BEIJING, ZoneError, clock_text, contest_zone, datetime_text, labelled, parse_moment,
                              stamp, time_of_day, zone_label, zone_named)
from scoreboard.rules import RulesError, load_preset, load_rules, preset_text

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
FIRST = datetime(2024, 8, 20, 7, 36, tzinfo=SHANGHAI).timestamp()  # 23:36 UTC, 19:36 in New York: the day before
AT_1036 = datetime(2024, 8, 20, 10, 36, tzinfo=SHANGHAI).timestamp()


def rules_with(zone_line: str):
    return load_rules(zone_line + "\n" + preset_text("fujian-2024-final"))


@pytest.fixture
def no_tz_database(monkeypatch):
    """A machine without a tz database (a Windows PC without the tzdata package)."""

    def missing(key):
        raise zoneinfo.ZoneInfoNotFoundError(f"No time zone found with key {key}")

    monkeypatch.setattr(clock, "ZoneInfo", missing)


# --- the rules key --------------------------------------------------------------------------
def test_the_contest_clock_is_beijing_time_when_the_rules_do_not_name_one():
    rules = load_preset("fujian-2024-final")
    assert rules.timezone == "Asia/Shanghai"
    assert contest_zone(rules).utcoffset(datetime(2024, 8, 20)) == timedelta(hours=8)


def test_the_rules_may_name_another_iana_zone():
    rules = rules_with('timezone = "America/New_York"')
    assert rules.timezone == "America/New_York"
    assert contest_zone(rules).utcoffset(datetime(2024, 8, 20)) == timedelta(hours=-4)  # EDT in August


@pytest.mark.parametrize("line", ['timezone = "Mars/Olympus"', 'timezone = "../etc/passwd"', 'timezone = ""',
                                  'timezone = "/etc/localtime"', "timezone = 8"])
def test_a_zone_that_is_not_an_iana_name_is_a_rules_error_naming_the_key(line):
    with pytest.raises(RulesError, match=r"rules\.timezone"):
        rules_with(line)


def test_without_a_tz_database_beijing_time_is_a_fixed_utc_plus_8(no_tz_database):
    rules = load_preset("fujian-2024-final")
    zone = contest_zone(rules)
    assert zone is BEIJING and zone_label(zone) == "北京时间"
    assert clock_text(AT_1036, zone) == "10:36:00"


def test_without_a_tz_database_any_other_zone_is_a_clear_rules_error(no_tz_database):
    with pytest.raises(RulesError, match=r"rules\.timezone: 'Europe/Paris'.*tz database"):
        rules_with('timezone = "Europe/Paris"')


# --- saying a time and its zone -------------------------------------------------------------
@pytest.mark.parametrize("zone, zh, en", [
    (SHANGHAI, "北京时间", "Beijing time"),
    (BEIJING, "北京时间", "Beijing time"),
    (timezone(timedelta(hours=8)), "北京时间", "Beijing time"),
    (zoneinfo.ZoneInfo("Etc/GMT-8"), "北京时间", "Beijing time"),
    (zoneinfo.ZoneInfo("UTC"), "UTC", "UTC"),
    (timezone.utc, "UTC", "UTC"),
    (zoneinfo.ZoneInfo("America/New_York"), "America/New_York", "America/New_York"),
    (timezone(timedelta(hours=5, minutes=30)), "UTC+05:30", "UTC+05:30"),
    (timezone(timedelta(hours=-3)), "UTC-03:00", "UTC-03:00"),
])
def test_every_zone_has_a_label(zone, zh, en):
    assert (zone_label(zone, "zh"), zone_label(zone, "en")) == (zh, en)


def test_times_are_on_the_contest_clock_and_say_their_zone(machine_zone):
    assert clock_text(AT_1036, SHANGHAI) == "10:36:00"
    assert datetime_text(AT_1036, SHANGHAI) == "2024-08-20 10:36:00"
    assert stamp(AT_1036, SHANGHAI, "zh") == "北京时间 2024-08-20 10:36:00"
    assert stamp(AT_1036, SHANGHAI, "en", day=False) == "10:36:00 Beijing time"
    ny = zoneinfo.ZoneInfo("America/New_York")
    assert stamp(AT_1036, ny, "en") == "2024-08-19 22:36:00 America/New_York"
    assert labelled("—", SHANGHAI) == "—" and clock_text(None, SHANGHAI) == "—"


# --- reading a typed time -------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [("10:36", (10, 36, 0)), ("9:05:07", (9, 5, 7)), ("23:59", (23, 59, 0)),
                                            ("24:00", None), ("10:60", None), ("10", None), ("10:3", None),
                                            ("2024-08-20 10:36", None)])
def test_a_time_of_day_is_hh_mm_or_hh_mm_ss(text, expected):
    got = time_of_day(text)
    assert (None if got is None else (got.hour, got.minute, got.second)) == expected


def test_a_typed_time_of_day_is_on_the_contest_clock_on_the_contest_day(machine_zone):
    # the first event, 07:36 Beijing time, is still the 19th in UTC and in New York: the day is the contest's
    assert parse_moment("10:36", SHANGHAI, FIRST) == AT_1036
    assert parse_moment("10:36:00", BEIJING, FIRST) == AT_1036


def test_a_date_time_without_an_offset_is_on_the_contest_clock_and_one_with_an_offset_is_honoured(machine_zone):
    assert parse_moment("2024-08-20T10:36", SHANGHAI, FIRST) == AT_1036
    assert parse_moment("2024-08-20 10:36:00", SHANGHAI, None) == AT_1036
    assert parse_moment("2024-08-20T02:36:00+00:00", SHANGHAI, FIRST) == AT_1036
    assert parse_moment("2024-08-19T22:36-04:00", SHANGHAI, FIRST) == AT_1036
    assert parse_moment(repr(AT_1036), SHANGHAI, FIRST) == AT_1036  # epoch seconds stay


def test_another_contest_clock_reads_typed_times_on_it(machine_zone):
    ny = zoneinfo.ZoneInfo("America/New_York")
    assert parse_moment("22:36", ny, FIRST) == AT_1036  # the first event is on the 19th in New York


@pytest.mark.parametrize("text, words", [("nan", "not a moment"), ("inf", "not a moment"), ("soon", "HH:MM"),
                                         ("25:00", "HH:MM")])
def test_what_is_not_a_moment_is_refused_saying_what_is(text, words):
    with pytest.raises(ValueError, match=words):
        parse_moment(text, SHANGHAI, FIRST)


def test_a_time_of_day_needs_a_contest_day():
    with pytest.raises(ValueError, match="log is empty"):
        parse_moment("10:36", SHANGHAI, None)


def test_a_zone_named_by_the_rules_is_checked_once_and_reused():
    assert zone_named("Asia/Shanghai") is zone_named("Asia/Shanghai")
    with pytest.raises(ZoneError):
        zone_named("Nowhere/Special")
