"""What the display's commands (judge, demo, screen, replay) say in the terminal, in Chinese (the default) and
English. What their apps show on screen is in each app's own catalogue; the help is in display/helptext.py.
"""

from __future__ import annotations

SAID: dict[str, tuple[str, str]] = {
    "no_db_or_url": ("{target}：没有这个比赛数据库（或请给出 ws:// 地址）",
                     "{target}: no such contest database (or give a ws:// URL)"),
    "no_db": ("{db}：没有这个比赛数据库", "{db}: no such contest database"),
    "need_target": ("请给出 ws:// 地址或比赛数据库文件（或加 --rehearsal）",
                    "give a ws:// URL or a contest database file (or --rehearsal)"),
    "bad_exam_start": ("“{start}”{on}：应为 HH:MM（日期用 --exam-date YYYY-MM-DD）",
                       "'{start}'{on}: expected HH:MM (and --exam-date YYYY-MM-DD)"),
    "on_day": ("（{day}）", " on {day}"),
    "part_missing": ("本版本还没有{part}（缺少 display/{module}/app.py）；运行 scoreboard demo 可打开裁判台",
                     "the {part} is not yet available in this build (display/{module}/app.py is missing); run "
                     "'scoreboard demo' for the judges' console"),
    "part_screen": ("大屏", "big screen"),
    "part_replay": ("回放", "replay"),
    "empty_log": ("{db}：日志是空的，没有可回放的内容", "{db}: the log is empty: nothing to replay"),
    "bad_from": ("--from “{text}”：{why}", "--from {text!r}: {why}"),
    "from_forms": ("请用 HH:MM[:SS]（比赛时钟，{zone}）、#事件号、ISO 日期时间、纪元秒数、start 或 end",
                   "use HH:MM[:SS] (on the contest's clock, {zone}), #EVENT, an ISO date-time, epoch seconds, start "
                   "or end"),
}


def say(key: str, lang: str = "zh", **params) -> str:
    zh, en = SAID[key]
    return (en if lang == "en" else zh).format(**params)
