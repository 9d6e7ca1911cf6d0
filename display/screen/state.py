"""The screen's reading of a `public` message, and the screen's own words in both languages.

The screen renders only what the message carries. While frozen it also drops any ticker
result newer than the frozen standings (a second guard: the feeder should not send them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo

from rich.text import Text

from scoreboard import clock
from scoreboard.ceremony import Reveal, sequence
from scoreboard.changes import status_label

TEXTS: dict[str, tuple[str, str]] = {
    "individual": ("个人排名", "Individual ranking"),
    "team": ("团体排名", "Team ranking"),
    "group": ("{group} 组内排名", "Group ranking: {group}"),
    "awards": ("获奖名单", "Award list"),
    "latest": ("最新成绩", "Latest results"),
    "ceremony": ("颁奖典礼", "Award ceremony"),
    "stage": ("现场赛", "On stage"),
    "stage_question": ("第{q}题", "Question {q}"),
    "stage_waiting": ("比赛即将开始", "The contest is about to begin"),
    "stage_playoff": ("加赛", "Playoff"),
    "stage_change": ("变化", "Change"),
    "stage_panel": ("{round} · 评委打分（去掉一个最高分、一个最低分）", "{round} · the panel (highest and lowest dropped)"),
    "stage_average": ("得分", "Score"),
    "stage_latest": ("最近记分", "Latest"),
    "live": ("实时", "LIVE"),
    "frozen": ("封榜", "FROZEN"),
    "offline": ("连接中断", "OFFLINE"),
    "updated": ("更新于 {at}", "updated {at}"),
    "waiting": ("等待成绩……", "Waiting for results…"),
    "rank": ("名次", "Rank"),
    "group_rank": ("组内", "In group"),
    "overall": ("总排名", "Overall"),
    "name": ("姓名", "Name"),
    "team_col": ("代表队", "Team"),
    "unit": ("单位", "Unit"),
    "total": ("总分", "Total"),
    "score": ("成绩", "Score"),
    "members": ("参赛", "Present"),
    "award": ("奖项", "Award"),
    "time": ("时间", "Time"),
    "item": ("题目", "Item"),
    "mark": ("得分", "Mark"),
    "page": ("第 {page}/{pages} 页", "page {page}/{pages}"),
    "place": ("第{n}名", "No. {n}"),
    "team_place": ("团体第{n}名", "Team No. {n}"),
    # a holder's place, said as the award engine says it (scoreboard/i18n.py: group_top, top_moved, …)
    "group_place": ("{group}组内第{n}名", "rank {n} in group {group}"),
    "group_holder": ("{group}组第{place}位获奖者", "{group}: holder {place}"),
    "holder": ("第{place}位获奖者", "holder {place}"),
    "moved_in_group": ("组内第{n}名，依次顺延", "rank {n} in the group, moved up"),
    "moved_overall": ("总排名第{n}名，依次顺延", "overall rank {n}, moved up"),
    "ticker": ("最新成绩", "LATEST"),
    "remaining": ("距考试结束", "Exam ends in"),
    "elapsed": ("考试已进行", "Exam time"),
    "before": ("距考试开始", "Exam starts in"),
    "over": ("考试结束", "Exam over"),
    "status_locked": ("名单已锁定（定榜）", "Final list (locked)"),
    "status_provisional": ("暂定名单，待裁判决定并列", "Provisional: ties await the judges"),
    "lock_mismatch": ("名单与定榜记录不符，请裁判核查", "The list differs from the locked record: judges are checking"),
    "status_open": ("暂定名单，未定榜", "Provisional: not yet locked"),
    "frozen_note": ("封榜中：显示封榜时的成绩", "Frozen: standings at the freeze"),
    "cer_opening": ("颁奖典礼", "Award ceremony"),
    "cer_not_locked": ("获奖名单尚未锁定，暂不揭晓", "The award list is not locked yet: nothing to reveal"),
    "cer_frozen": ("请先解除封榜，再开始颁奖", "Unfreeze the screen to start the ceremony"),
    "cer_honours": ("光荣榜", "Roll of honour"),
    "cer_so_far": ("已揭晓", "Revealed"),
    "cer_of": ("{place} / {of}", "{place} of {of}"),
    "points": ("{score}分", "{score}"),
    "handed_in": ("交卷", "handed in"),
    "sub_in": ("（替补）", " (substitute)"),
    # the judges' mark_certain: beside whoever is certain of an award (docs/certainty.md)
    "certain_col": ("确定获奖", "Certain"),
    "certain_mark": ("✔", "✔"),
    "certain_team": ("✔确定获奖", "✔ certain"),
}
CERTAIN_STYLE = "bold #ffd700"


def tr(key: str, lang: str = "zh", **kw) -> str:
    zh, en = TEXTS[key]
    return (en if lang == "en" else zh).format(**kw)


def fmt_score(v) -> str:
    if v is None:
        return ""
    v = float(v)
    if abs(v - round(v)) < 1e-9:
        return f"{int(round(v))}"
    return f"{v:.2f}".rstrip("0").rstrip(".")


def fmt_team_score(v) -> str:
    return "" if v is None else f"{float(v):.2f}"


# Times are shown on the contest's clock (the rules' `timezone`, carried in the standings; Beijing time by
# default), whatever the projector PC's own zone, so every screen in the hall agrees.
def clock_text(at: float | None, zone: tzinfo) -> str:
    return clock.clock_text(at, zone) if at else ""


SECTION_FALLBACK = {"choice": ("选择题", "Choice"), "fill": ("填空题", "Fill-in"),
                    "short": ("简答题", "Short answer"), "case": ("案例题", "Case")}


def shown(row: dict) -> bool:
    """A row the rankings show: a contestant with a graded item, or one voided on the day (取消, 缺考: listed
    at the bottom, whether or not they had marks)."""
    return row.get("graded", 1) > 0 or bool(row.get("status"))


def rank_text(row: dict, lang: str, key: str = "rank"):
    """A row's rank, or in its place why it has none (取消, 缺考) in red."""
    if row.get("status"):
        return Text(status_label(row["status"], lang), style="bold #ff5555")
    return str(row[key])


@dataclass
class PublicState:
    standings: dict
    awards: dict
    control: dict
    latest: list[dict]
    view: str = "individual"
    group: str | None = None
    frozen: bool = False
    step: int = -1
    locked: bool = False
    rows: list[dict] = field(default_factory=list)  # contestants with a graded item, in rank order
    by_exam: dict[str, dict] = field(default_factory=dict)
    teams: list[dict] = field(default_factory=list)
    stage: dict | None = None  # the on-stage contest (scoreboard.serialize.stage_json); None when written
    marking: bool = False  # the judges asked for 确定获奖 marks (never while frozen)
    certain: dict[str, list[str]] = field(default_factory=dict)  # award id -> exam numbers (team names)
    certain_of_prize: set[str] = field(default_factory=set)  # recipients certain of a prize (`is_certain`)
    _seq: list[Reveal] | None = None

    @classmethod
    def parse(cls, msg: dict) -> "PublicState":
        st = msg.get("standings") or {}
        aw = msg.get("awards") or {}
        ctl = msg.get("control") or {}
        view = ctl.get("view") or {}
        if isinstance(view, str):
            view = {"view": view}
        rows = [r for r in st.get("individual", []) if shown(r)]
        frozen = bool(ctl.get("frozen"))
        latest = [r for r in (msg.get("latest") or []) if isinstance(r, dict)]
        cut = st.get("event_id")
        if frozen and cut is not None:
            latest = [r for r in latest if r.get("id") is None or r["id"] <= cut]
        latest.sort(key=lambda r: (r.get("id") or 0, r.get("at") or 0), reverse=True)  # newest first
        state = cls(st, aw, ctl, latest, view=view.get("view") or "individual", group=view.get("group"),
                    frozen=frozen, step=int(ctl.get("ceremony", -1) if ctl.get("ceremony") is not None else -1),
                    locked=bool(ctl.get("locked")), rows=rows,
                    by_exam={r["exam_no"]: r for r in st.get("individual", [])},
                    teams=list(st.get("teams", [])), stage=msg.get("stage"))
        # the feeder sends no marks while frozen; the screen does not show any either (a second guard)
        state.marking = bool(ctl.get("mark_certain")) and not frozen
        certain = msg.get("certain") if state.marking else None
        if isinstance(certain, dict):
            state.certain = {str(a): [str(x) for x in who] for a, who in certain.items() if isinstance(who, list)}
            prizes = {a.get("id") for a in aw.get("awards") or [] if isinstance(a, dict)}
            state.certain_of_prize = {x for a, who in state.certain.items() if a in prizes for x in who}
        if state.view == "group" and not state.group:
            groups = list((st.get("groups") or {}).keys())
            state.group = groups[0] if groups else None
        return state

    @property
    def zone(self) -> tzinfo:
        """The contest's clock, as the feeder's rules name it (UTC, so labelled, if this machine lacks it)."""
        return clock.zone_or_utc(self.standings.get("timezone"))

    def title(self, lang: str) -> str:
        st = self.standings
        if lang == "en":
            return st.get("title_en") or st.get("title") or st.get("contest", "")
        return st.get("title") or st.get("contest", "")

    def sections(self, lang: str) -> list[tuple[str, str]]:
        """(id, label) of each section, in the rules' order."""
        listed = self.standings.get("sections")
        if listed:
            return [(s["id"], s["label_en"] if lang == "en" else s["label"]) for s in listed]
        ids = list(self.rows[0]["sections"]) if self.rows else []
        return [(i, SECTION_FALLBACK.get(i, (i, i))[1 if lang == "en" else 0]) for i in ids]

    def group_rows(self, group: str | None) -> list[dict]:
        ids = (self.standings.get("groups") or {}).get(group or "", [])
        return [self.by_exam[i] for i in ids if i in self.by_exam and shown(self.by_exam[i])]

    def came_in(self, exam_no: str) -> bool:
        """On stage: whether the contestant plays as the team's substitute (替补上场)."""
        return ((self.standings.get("substitutions") or {}).get(exam_no) or {}).get("role") == "in"

    def is_certain(self, recipient: str, award_id: str | None = None) -> bool:
        """Whether the judges' 确定获奖 marks name this contestant (team) for `award_id`, or for any prize. The
        advancement lists (推荐名单, finalists) are not prizes: certain of one alone is not 确定获奖. Whoever is
        certain of a prize holds it now, so the prizes are the ids of the award list the message carries."""
        if award_id is not None:
            return recipient in self.certain.get(award_id, ())
        return recipient in self.certain_of_prize

    def certain_cell(self, recipient: str, lang: str, award_id: str | None = None):
        """The 确定获奖 column's cell: the mark in gold, or nothing."""
        return Text(tr("certain_mark", lang), style=CERTAIN_STYLE) if self.is_certain(recipient, award_id) else ""

    def ceremony(self) -> list[Reveal]:
        """The reveal sequence; empty unless the award list carried here is locked."""
        if self._seq is None:
            self._seq = sequence(None, self.awards) if self.locked else []
        return self._seq


def moved_up(old: PublicState | None, new: PublicState) -> set[tuple[str, str]]:
    """Rows whose rank improved since the previous state: ("i", exam_no), ("g", exam_no), ("t", team)."""
    if old is None:
        return set()
    out = set()
    for r in new.rows:
        before = old.by_exam.get(r["exam_no"])
        if not before or before.get("graded", 1) == 0 or r.get("status") or before.get("status"):
            continue  # new, voided, or back from a void: no place it moved up from
        if r["rank"] < before["rank"]:
            out.add(("i", r["exam_no"]))
        if r.get("group_rank") and before.get("group_rank") and r["group_rank"] < before["group_rank"]:
            out.add(("g", r["exam_no"]))
    old_stage = {t["team"]: t["score"] for t in (old.stage or {}).get("teams", [])}
    for t in (new.stage or {}).get("teams", []):
        if t["team"] in old_stage and t["score"] != old_stage[t["team"]]:
            out.add(("s", t["team"]))  # an on-stage score changed
    old_teams = {t["team"]: t["rank"] for t in old.teams}
    for t in new.teams:
        if t["team"] in old_teams and t["rank"] < old_teams[t["team"]]:
            out.add(("t", t["team"]))
    return out
