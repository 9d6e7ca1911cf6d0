"""Human output of the shell commands (tables in the terminal, Chinese by default).

Names, teams, reasons and judges' names are printed exactly as typed: the console reads no
markup, so a contestant named "[bold red]红[/bold red]" is shown with its brackets.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scoreboard.changes import status_label
from scoreboard.events import fmt_duration, fmt_points
from scoreboard.rules import Rules
from scoreboard.serialize import awards_json, standings_json  # noqa: F401  (the JSON forms)
from scoreboard.standings import Standings

HEAD = {
    "zh": {"rank": "名次", "exam_no": "准考证号", "name": "姓名", "team": "代表队", "total": "总分", "time": "用时",
           "graded": "已评", "score": "团体成绩", "members": "人数", "award": "奖项", "recipient": "获奖者",
           "why": "依据", "teams": "团体排名", "individual": "个人排名", "group": "组别"},
    "en": {"rank": "Rank", "exam_no": "Exam no.", "name": "Name", "team": "Team", "total": "Total", "time": "Time",
           "graded": "Graded", "score": "Team score", "members": "Members", "award": "Award",
           "recipient": "Recipient", "why": "Why", "teams": "Team ranking", "individual": "Individual ranking",
           "group": "Group"},
}
STATUS = {
    "zh": {"open": "待确认", "pending_ties": "有待裁定的并列（临时名单）", "confirmed": "已确认，待定榜",
           "locked": "已定榜"},
    "en": {"open": "open", "pending_ties": "ties pending (provisional)", "confirmed": "confirmed, not locked",
           "locked": "locked"},
}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=False, width=200, markup=False)  # every string is plain text


def print_standings(rules: Rules, st: Standings, lang: str, team=None, group=None, limit=0) -> None:
    h = HEAD[lang]
    console = _console()
    rows = st.rows
    if team:
        rows = [r for r in rows if r.team == team]
    if group:
        rows = st.groups.get(group, [])
    if limit:
        rows = rows[:limit]
    table = Table(title=h["individual"], show_lines=False)
    for col in ("rank", "exam_no", "name", "team"):
        table.add_column(h[col])
    for s in rules.sections:
        table.add_column(s.label if lang == "zh" else s.label_en, justify="right")
    for col in ("total", "time", "graded"):
        table.add_column(h[col], justify="right")
    for r in rows:
        rank = status_label(r.status, lang) if r.status else str(r.group_rank if group else r.rank)
        time = fmt_duration(r.time_used)
        table.add_row(rank, r.exam_no, r.name, r.team, *(fmt_points(v) for v in r.sections),
                      fmt_points(r.total), time, str(r.graded))
    console.print(table)
    if team or group:
        return
    tt = Table(title=h["teams"])
    for col in ("rank", "team", "score", "members"):
        tt.add_column(h[col])
    for t in st.teams:
        tt.add_row(str(t.rank), t.name, f"{float(t.score) / 100:.2f}", f"{t.present}/{len(t.members)}")
    console.print(tt)


def print_awards(board, lang: str) -> None:
    h = HEAD[lang]
    data = awards_json(board, lang)
    console = _console()
    console.print(f"{board.rules.title if lang == 'zh' else board.rules.title_en} — "
                  f"{STATUS[lang][data['status']]} [{data['digest']}]")
    if data["drift"]:
        console.print(Text("⚠ " + ("注意：定榜后成绩有变，现时计算的名单与定榜名单不同（以定榜名单为准）" if lang == "zh" else
                                   "marks changed after the lock: the live list differs from the locked one "
                                   "(the locked list stands)"), style="bold yellow"))
    if data.get("lock_mismatch"):
        console.print(Text("⚠ " + (
            f"严重：定榜时记录的名单（摘要 {data['lock_mismatch']}）与现在由数据文件算出的名单（{data['digest']}）不同；"
            "请运行 scoreboard verify 查明原因" if lang == "zh" else
            f"SERIOUS: the lock recorded award list {data['lock_mismatch']}, but the file now gives "
            f"{data['digest']}; run scoreboard verify"), style="bold red"))
    for p in data["pending"]:
        console.print(f"⚠ {p['why']}")
    for section in ("awards", "advancement"):
        items = data[section]
        if not items:
            continue
        table = Table(show_lines=False)
        for col in ("award", "recipient", "name", "team", "why"):
            table.add_column(h[col], overflow="fold")
        for a in items:
            table.add_row(a["label"], a["recipient"], a.get("name", ""), a.get("team", a["recipient"]), a["why"])
        console.print(table)
