"""`scoreboard progress DB`: marking progress (阅卷进度) and how settled the award list is.

Items expected (from the paper), graded and missing for the day, per section and per hall; who has not
handed in; for each award how many of its places are certain and how many contestants are still open;
the ungraded items that could still change something; and, once it is, since when the list is settled.
Chinese by default (`--lang en`); `--json` for machines.
"""

from __future__ import annotations

import json

import click

from scoreboard.certainty import compute_certainty
from scoreboard.clock import contest_zone, stamp
from scoreboard.progress import compute_progress, stage_progress
from scoreboard.settling import settled_position
from scoreboard.timeline import Timeline

from .cli import db_argument, fail_cleanly, lang_option
from .store import Store

SAID: dict[str, tuple[str, str]] = {
    "head": ("阅卷进度（截至{at}，事件#{event}）", "Marking progress (as of {at}, event #{event})"),
    "no_paper": ("未声明试卷结构（各题型的题数与分值）：只能统计已评题数，无法统计缺评题数，也无法判断谁已确定获奖。"
                 "在规则的每个 [[sections]] 写上 items 与 points（见 docs/rules.md）。",
                 "No paper declared (items and points per section): only graded items are counted, nothing is called "
                 "missing and certainty is not computed. Give items and points in each [[sections]] of the rules "
                 "(docs/rules.md)."),
    "day": ("全场：已评{graded}/{expected}题（{share}），缺{missing}题；{people}人参赛，{done}人已全部评完，{nf}人未交卷",
            "Day: {graded}/{expected} items graded ({share}), {missing} missing; {people} contestants, {done} fully "
            "marked, {nf} not handed in"),
    "day_unknown": ("全场：已评{graded}题；{people}人参赛，{nf}人未交卷", "Day: {graded} items graded; {people} "
                    "contestants, {nf} not handed in"),
    "section": ("  {label}：已评{graded}/{expected}题，缺{missing}题", "  {label}: {graded}/{expected} graded, {missing} "
                "missing"),
    "section_unknown": ("  {label}：已评{graded}题", "  {label}: {graded} graded"),
    "halls": ("按考场：", "By hall:"),
    "hall": ("  {hall}：{people}人，已评{graded}题，缺{missing}题，{nf}人未交卷",
             "  {hall}: {people} contestants, {graded} graded, {missing} missing, {nf} not handed in"),
    "no_hall": ("（尚无成绩）", "(no marks yet)"),
    "not_finished": ("未交卷（{n}人）：{who}", "Not handed in ({n}): {who}"),
    "awards": ("奖项确定情况：", "Awards:"),
    "award": ("  {award}：{places}个名额中已确定{certain}个，尚有{possible}{unit}可能获得",
              "  {award}: {certain} of {places} places certain, {possible} still possible"),
    "judges": ("  {award}：由裁判指定（已指定{certain}个）", "  {award}: given by the judges ({certain} so far)"),
    "settled": ("名单已全部确定：自{at}（事件#{event}）起，评分已无法改变任何奖项",
                "The list is settled: since {at} (event #{event}) no mark can change any award"),
    "settled_locked": ("名单已定榜", "The list is locked"),
    "open": ("仍可能改变结果的未评题目（{n}人）：{who}", "Ungraded items that could still change a result ({n}): {who}"),
    "more": ("等", ", …"),
    "stage_head": ("比赛进度（截至{at}，事件#{event}）", "Contest progress (as of {at}, event #{event})"),
    "stage_note": ("现场赛按轮次记分，没有试卷、交卷和阅卷；确定获奖只对笔试计算。",
                   "An on-stage contest is scored round by round, with no paper, hand-in or marking; certainty is "
                   "computed for written exams only."),
    "stage_now": ("台上：{round} 第{question}题", "On stage: {round}, question {question}"),
    "stage_now_round": ("台上：{round}", "On stage: {round}"),
    "stage_not_begun": ("台上：尚未开始", "On stage: not begun"),
    "stage_round": ("  {label}：已记{entries}条，{teams}支代表队有分", "  {label}: {entries} entries, {teams} teams scored"),
    "stage_hall": ("另有考场系统送来的成绩{graded}题（按题型计入同名的轮次）",
                   "Also {graded} items graded by a hall's system (counted in the round of their section)"),
}
SHOWN = 12  # contestants named in a line before "等"


def say(key: str, lang: str, **params) -> str:
    zh, en = SAID[key]
    return (en if lang == "en" else zh).format(**params)


def register(cli: click.Group) -> None:
    @cli.command()
    @db_argument
    @click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
    @lang_option
    @fail_cleanly
    def progress(db, as_json, lang):
        """Marking progress: items expected, graded and missing per section and hall, who has not handed in,
        how settled each award is, and since when the list is settled."""
        store = Store(db)
        events = list(store.events())
        timeline = Timeline(store.rules(), store.contestants(), events)
        timeline.seek_index(len(events))
        board = timeline.board
        if board.rules.rounds:
            stage = stage_progress(board)
            click.echo(json.dumps(stage_json(board, stage), ensure_ascii=False, indent=1) if as_json
                       else "\n".join(stage_lines(board, stage, lang)))
            return
        prog, cert = compute_progress(board), compute_certainty(board)
        position = settled_position(timeline) if cert.settled else None
        settled_ev = events[position - 1] if position else None
        timeline.seek_index(len(events))
        if as_json:
            click.echo(json.dumps(progress_json(board, prog, cert, settled_ev), ensure_ascii=False, indent=1))
        else:
            click.echo("\n".join(progress_lines(board, prog, cert, settled_ev, lang)))


def _tally(t) -> dict:
    return {"contestants": t.contestants, "expected": t.expected if t.expected else None, "graded": t.graded,
            "missing": t.missing if t.expected else None, "not_finished": t.not_finished, "done": t.done}


def progress_json(board, prog, cert, settled_ev) -> dict:
    return {
        "format": "written",
        "paper_known": prog.known,
        "event_id": board.last_event_id,
        "day": _tally(prog.day),
        "sections": {sid: _tally(t) for (sid, _l, _e), t in zip(prog.sections, prog.by_section)},
        "halls": {hall: _tally(t) for hall, t in prog.by_hall.items()},
        "not_finished": prog.not_finished,
        "contestants": [{"exam_no": c.exam_no, "hall": c.hall, "status": c.status, "finished": c.finished,
                         "graded": c.graded, "expected": c.expected, "missing": c.missing,
                         "points_left": None if c.points_left is None else c.points_left / 100}
                        for c in prog.contestants],
        "awards": {aid: {"places": ac.places, "certain": len(ac.certain), "possible": len(ac.possible),
                         "judges": ac.judges} for aid, ac in cert.awards.items()},
        "settled": cert.settled,
        "settled_at": None if settled_ev is None else {"event_id": settled_ev.id, "at": settled_ev.at},
        "open": dict(cert.open),
    }


def _names(board, ids, lang) -> str:
    shown = [f"{e} {board.contestants[e].name}" for e in ids[:SHOWN]]
    text = ("、" if lang == "zh" else ", ").join(shown)
    return text + (say("more", lang) if len(ids) > SHOWN else "")


def progress_lines(board, prog, cert, settled_ev, lang: str) -> list[str]:
    zone = contest_zone(board.rules)
    rules = board.rules
    lines = [say("head", lang, at=stamp(board.last_at, zone, lang) if board.last_at else "—",
                 event=board.last_event_id)]
    d = prog.day
    if prog.known:
        share = f"{d.share:.1%}" if d.share is not None else "—"
        lines.append(say("day", lang, graded=d.graded, expected=d.expected, share=share, missing=d.missing,
                         people=d.contestants, done=d.done, nf=d.not_finished))
    else:
        lines += [say("no_paper", lang), say("day_unknown", lang, graded=d.graded, people=d.contestants,
                                             nf=d.not_finished)]
    for (_sid, label, label_en), t in zip(prog.sections, prog.by_section):
        name = label if lang == "zh" else label_en
        lines.append(say("section", lang, label=name, graded=t.graded, expected=t.expected, missing=t.missing)
                     if prog.known else say("section_unknown", lang, label=name, graded=t.graded))
    lines.append(say("halls", lang))
    for hall, t in prog.by_hall.items():
        lines.append(say("hall", lang, hall=hall or say("no_hall", lang), people=t.contestants, graded=t.graded,
                         missing=t.missing, nf=t.not_finished))
    if prog.not_finished:
        lines.append(say("not_finished", lang, n=len(prog.not_finished), who=_names(board, prog.not_finished, lang)))
    if not cert.known:
        return lines
    lines.append(say("awards", lang))
    for aid, ac in cert.awards.items():
        spec = rules.award(aid)
        award = spec.label if lang == "zh" else (spec.label_en or spec.label)
        unit = ("支代表队" if ac.scope == "team" else "人") if lang == "zh" else ""
        if ac.judges:
            lines.append(say("judges", lang, award=award, certain=len(ac.certain)))
        else:
            lines.append(say("award", lang, award=award, places=ac.places, certain=len(ac.certain),
                             possible=len(ac.possible), unit=unit))
    if board.control.locked:
        lines.append(say("settled_locked", lang))
    elif settled_ev is not None:
        lines.append(say("settled", lang, at=stamp(settled_ev.at, zone, lang), event=settled_ev.id))
    if cert.open:
        labels = {sec.id: sec.label if lang == "zh" else sec.label_en for sec in rules.sections}
        ids = sorted(cert.open)
        what = [f"{e} {board.contestants[e].name}" + (
            f"（{'、'.join(labels[x] for x in cert.open[e])}）" if lang == "zh"
            else f" ({', '.join(labels[x] for x in cert.open[e])})") for e in ids[:SHOWN]]
        text = ("、" if lang == "zh" else ", ").join(what) + (say("more", lang) if len(ids) > SHOWN else "")
        lines.append(say("open", lang, n=len(ids), who=text))
    return lines


def stage_json(board, stage) -> dict:
    """An on-stage contest: where it stands, round by round (no paper, no marking, no certainty)."""
    return {
        "format": "stage",
        "paper_known": False,
        "event_id": board.last_event_id,
        "current": stage.current or None,
        "rounds": {rid: {"entries": n, "teams": t} for rid, _l, _le, n, t in stage.rounds},
        "hall_graded": compute_progress(board).day.graded,
    }


def stage_lines(board, stage, lang: str) -> list[str]:
    zone = contest_zone(board.rules)
    lines = [say("stage_head", lang, at=stamp(board.last_at, zone, lang) if board.last_at else "—",
                 event=board.last_event_id), say("stage_note", lang)]
    labels = {rid: (label if lang == "zh" else label_en) for rid, label, label_en, _n, _t in stage.rounds}
    now = stage.current
    if not now:
        lines.append(say("stage_not_begun", lang))
    else:
        rnd = labels.get(now.get("round"), str(now.get("round")))
        lines.append(say("stage_now", lang, round=rnd, question=now["question"]) if now.get("question")
                     else say("stage_now_round", lang, round=rnd))
    for rid, _l, _le, entries, teams in stage.rounds:
        lines.append(say("stage_round", lang, label=labels[rid], entries=entries, teams=teams))
    graded = compute_progress(board).day.graded
    if graded:
        lines.append(say("stage_hall", lang, graded=graded))
    return lines
