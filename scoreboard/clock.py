"""The contest's clock: every time shown, typed, printed or exported is on it, whatever the machine's zone.

The rules name it (`timezone`, an IANA name; absent: Asia/Shanghai, Beijing time). Beijing time needs no tz
database: China has had no daylight saving since 1991, so a machine without one (a Windows projector PC
without the `tzdata` package) gets a fixed UTC+8 for Asia/Shanghai; any other zone needs the database.

Everything here takes the zone as an argument: nothing reads the machine's own zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from math import isfinite
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Shanghai"
BEIJING = timezone(timedelta(hours=8), DEFAULT_ZONE)  # the fallback without a tz database
# Names that are Beijing time: Asia/Shanghai and the tz database's links to it, and the fixed UTC+8.
BEIJING_NAMES = frozenset({"Asia/Shanghai", "PRC", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin",
                           "Etc/GMT-8"})
LABELS = {"beijing": ("北京时间", "Beijing time")}


class ZoneError(ValueError):
    """A zone name that is not an IANA time zone this machine knows."""


def zone_named(name: str) -> tzinfo:
    """The zone for an IANA name (Asia/Shanghai even without a tz database); raises ZoneError."""
    if not isinstance(name, str) or not name.strip():
        raise ZoneError("expected an IANA time zone name such as Asia/Shanghai")
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError:
        if name == DEFAULT_ZONE:
            return BEIJING
        raise ZoneError(f"'{name}' is not a time zone this machine knows (an IANA name such as Asia/Shanghai; "
                        "if it is one, this machine lacks the tz database: pip install tzdata)") from None
    except (ValueError, OSError):  # a path-like or malformed key, or a file that is no zone
        raise ZoneError(f"'{name}' is not an IANA time zone name such as Asia/Shanghai") from None


def contest_zone(rules) -> tzinfo:
    """The contest's clock for these rules (already checked when they were loaded)."""
    return zone_named(getattr(rules, "timezone", "") or DEFAULT_ZONE)


def zone_or_utc(name: str | None) -> tzinfo:
    """A zone named by someone else (a feeder's message): this machine may not know it; then UTC, which is
    labelled as such, rather than a wrong zone labelled as the contest's."""
    try:
        return zone_named(name or DEFAULT_ZONE)
    except ZoneError:
        return timezone.utc


def is_beijing(zone: tzinfo) -> bool:
    key = getattr(zone, "key", None)
    if key is not None:
        return key in BEIJING_NAMES
    return isinstance(zone, timezone) and zone.utcoffset(None) == timedelta(hours=8)


def _offset_name(offset: timedelta) -> str:
    if not offset:
        return "UTC"
    sign = "+" if offset > timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def zone_label(zone: tzinfo, lang: str = "zh") -> str:
    """How a time says its zone: 北京时间 / Beijing time, else the zone's IANA name or UTC offset."""
    if is_beijing(zone):
        zh, en = LABELS["beijing"]
        return en if lang == "en" else zh
    key = getattr(zone, "key", None)
    if key:
        return key
    if isinstance(zone, timezone):
        return _offset_name(zone.utcoffset(None))
    return zone.tzname(None) or "?"


# --- showing a moment --------------------------------------------------------------------
def moment(at: float, zone: tzinfo) -> datetime:
    return datetime.fromtimestamp(at, zone)


def clock_text(at: float | None, zone: tzinfo) -> str:
    """HH:MM:SS on the contest's clock ("—" for no time)."""
    return moment(at, zone).strftime("%H:%M:%S") if at else "—"


def datetime_text(at: float | None, zone: tzinfo) -> str:
    """YYYY-MM-DD HH:MM:SS on the contest's clock ("—" for no time)."""
    return moment(at, zone).strftime("%Y-%m-%d %H:%M:%S") if at else "—"


def date_text(at: float, zone: tzinfo) -> str:
    """YYYY-MM-DD: the day `at` falls on, on the contest's clock."""
    return moment(at, zone).strftime("%Y-%m-%d")


def labelled(text: str, zone: tzinfo, lang: str = "zh") -> str:
    """A time that says its zone: 北京时间 10:36:00 / 10:36:00 Beijing time ("—" and "" stay as they are)."""
    if text in ("", "—"):
        return text
    label = zone_label(zone, lang)
    return f"{text} {label}" if lang == "en" else f"{label} {text}"


def stamp(at: float | None, zone: tzinfo, lang: str = "zh", day: bool = True) -> str:
    """A moment with its date (or only its time, `day=False`) and its zone, for a single time on its own."""
    return labelled((datetime_text if day else clock_text)(at, zone), zone, lang)


# --- reading a typed moment -------------------------------------------------------------
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")


def time_of_day(text: str) -> time | None:
    """HH:MM or HH:MM:SS (a leading zero may be left out: 9:30), or None."""
    m = _CLOCK.fullmatch(text.strip())
    if not m:
        return None
    h, mi, s = int(m[1]), int(m[2]), int(m[3] or 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return time(h, mi, s)


def on_contest_day(clock: time, zone: tzinfo, first_at: float) -> float:
    """The moment `clock` on the contest's clock, on the day the log's first event falls on (on that clock)."""
    day: date = moment(first_at, zone).date()
    return datetime.combine(day, clock, tzinfo=zone).timestamp()


def parse_moment(text: str, zone: tzinfo, first_at: float | None) -> float:
    """What `--at` takes: HH:MM[:SS] on the contest's clock on the contest day (the day of the log's first
    event, `first_at`); an ISO date-time (without an offset: on the contest's clock; with one: as it says);
    or epoch seconds. Raises ValueError saying what it takes."""
    text = text.strip()
    try:
        at = float(text)
    except ValueError:
        pass
    else:
        if not isfinite(at):
            raise ValueError(f"'{text}' is not a moment: use HH:MM[:SS], an ISO date-time or epoch seconds")
        return at
    clock = time_of_day(text)
    if clock is not None:
        if first_at is None:
            raise ValueError(f"'{text}': the log is empty, so there is no contest day to place it on")
        return on_contest_day(clock, zone, first_at)
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}': use HH:MM[:SS] (on the contest's clock, {zone_label(zone, 'en')}), "
                         "an ISO date-time or epoch seconds") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone)
    return when.timestamp()
