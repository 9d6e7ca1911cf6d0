"""The contest's clock: Beijing time (UTC+8, no daylight saving), whatever the machine's zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8), "Asia/Shanghai")


def moment(at: float) -> datetime:
    return datetime.fromtimestamp(at, BEIJING)


def clock_text(at: float | None) -> str:
    """HH:MM:SS on the contest's clock ("—" for no time)."""
    return moment(at).strftime("%H:%M:%S") if at else "—"


def datetime_text(at: float | None) -> str:
    """YYYY-MM-DD HH:MM:SS on the contest's clock."""
    return moment(at).strftime("%Y-%m-%d %H:%M:%S") if at else "—"
