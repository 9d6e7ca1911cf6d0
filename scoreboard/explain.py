"""Why a contestant or a team stands where it stands, and why it has (or has
not) an award: the keys compared with the neighbours, the cut-offs, the skips."""

from __future__ import annotations

from .awards import AwardsResult
from .certainty_text import certainty_lines
from .changes import correction_text, round_name
from .events import fmt_points
from .i18n import Reason, t
from .rules import Rules, TieKey
from .standings import Row, Standings


def key_label(rules: Rules, k: TieKey, lang: str) -> str:
    if k.section:
        sec = next(s for s in rules.sections if s.id == k.section)
        return t("key_section", lang, label=sec.label if lang == "zh" else sec.label_en)
    return t(f"key_{k.key}", lang)


def key_value(row: Row, rules: Rules, k: TieKey) -> str:
    if k.key == "total":
        return fmt_points(row.total)
    if k.key == "graded":
        return str(row.graded)
    if k.key == "time_used":
        return "—" if row.time_used is None else f"{row.time_used:.1f}s"
    return fmt_points(row.sections[rules.section_ids.index(k.section)])


def _first_difference(rules: Rules, a: Row, b: Row, lang: str) -> tuple[str, str, str] | None:
    for k in rules.tiebreak:
        va, vb = key_value(a, rules, k), key_value(b, rules, k)
        if va != vb:
            return key_label(rules, k, lang), va, vb
    return None


def chain_text(rules: Rules, lang: str) -> str:
    sep = " → "
    return sep.join(f"{key_label(rules, k, lang)}（{t('desc' if k.descending else 'asc', lang)}）"
                    if lang == "zh" else f"{key_label(rules, k, lang)} ({t('desc' if k.descending else 'asc', lang)})"
                    for k in rules.tiebreak)


def explain_contestant(rules: Rules, st: Standings, aw: AwardsResult, exam_no: str, lang: str = "zh",
                       board=None, when=None, certainty=None) -> list[str]:
    """Why a contestant stands where they stand and has (or has not) an award. With `board`, also every
    change on the day about them (what, when, by whom, why) and the judges' decisions on ties they were in;
    `when(at)` formats a time (the contest's clock)."""
    zh = lang == "zh"
    colon = "：" if zh else ": "
    row = st.by_exam[exam_no]
    lines = [f"{row.exam_no} {row.name}  {row.team} · {row.unit}"]
    if row.status:
        lines.append("✗\u00a0" + t(f"out_{row.status}", lang))
    else:
        lines.append(t("rank", lang, rank=row.rank, of=sum(1 for r in st.rows if not r.status)))
    lines.append(t("chain", lang, chain=chain_text(rules, lang)))
    equal = [r.exam_no for r in st.rows if r.key == row.key and r.exam_no != exam_no and not r.status]
    if equal and not row.status:
        lines.append(t("rank_equal", lang, others=("、" if zh else ", ").join(equal), rank=row.rank))
    if not row.status:
        _neighbours(rules, st, row, lang, lines)
        lines.append(t("group_rank", lang, group=row.group, rank=row.group_rank))
    for a in aw.of(exam_no):
        spec = rules.award(a.award_id)
        lines.append(f"★\u00a0{spec.label if zh else spec.label_en}{colon}{a.why(lang)}")
    for s in aw.skips:
        if s.exam_no == exam_no and s.why is not None:
            spec = rules.award(s.award_id)
            lines.append(f"↷\u00a0{spec.label if zh else spec.label_en}{colon}{t('skipped_self', lang, why=s.why.render(lang))}")
    for tie in aw.ties:
        if exam_no in tie.tied:
            lines.append("⚠\u00a0" + tie.reason(rules).render(lang))
    if board is not None:
        lines += _decisions(rules, board, aw, exam_no, lang)
        lines += _changes(board, exam_no, lang, when)
    if certainty is not None and not row.status:
        lines += certainty_lines(rules, certainty, exam_no, lang)
    return lines


def _neighbours(rules: Rules, st: Standings, row: Row, lang: str, lines: list[str]) -> None:
    ranked = [r for r in st.rows if not r.status]
    if row.position > 0:
        above = ranked[row.position - 1]
        diff = _first_difference(rules, row, above, lang)
        if diff:
            lines.append(t("below_by", lang, other=above.exam_no, key=diff[0], mine=diff[1], theirs=diff[2]))
    if row.position + 1 < len(ranked):
        below = ranked[row.position + 1]
        diff = _first_difference(rules, row, below, lang)
        if diff:
            lines.append(t("above_by", lang, other=below.exam_no, key=diff[0], mine=diff[1], theirs=diff[2]))


def _decisions(rules: Rules, board, aw: AwardsResult, exam_no: str, lang: str) -> list[str]:
    """The judges' decisions on ties this contestant was in, that did not give them the award."""
    out = []
    for dec in board.control.decisions:
        if exam_no not in dec.tied or any(a.award_id == dec.award for a in aw.of(exam_no)):
            continue
        spec = rules.award(dec.award)
        others = ("、" if lang == "zh" else ", ").join(sorted(dec.tied - {exam_no}))
        how = Reason(f"o_{dec.outcome}").render(lang)
        detail = {"order": " → ".join(dec.order), "lots": f"seed {dec.seed}", "share": ""}.get(dec.outcome, "")
        out.append("✓\u00a0" + t("decision_lost", lang, award=spec.label if lang == "zh" else spec.label_en,
                            others=others, actor=dec.actor, how=how, detail=detail, why=dec.why))
    return out


def _changes(board, exam_no: str, lang: str, when) -> list[str]:
    out = []
    for ch in board.day.history.get(exam_no, []):
        at = when(ch.at) if when else f"{ch.at:.0f}"
        what = t(f"change_{ch.kind}", lang)
        if ch.kind == "correct":
            what += ("：" if lang == "zh" else ": ") + correction_text(board.rules, ch.data, lang)
        if ch.kind == "substitute":
            what += " " + t("sub_detail", lang, out=ch.data["out"], inn=ch.data["in"],
                            round=round_name(board.rules, ch.data.get("from_round"), lang))
        out.append("•\u00a0" + t("change", lang, at=at, what=what, actor=ch.actor, why=ch.why))
    return out


def explain_team(rules: Rules, st: Standings, aw: AwardsResult, team: str, lang: str = "zh",
                 certainty=None) -> list[str]:
    tr = st.by_team[team]
    ts = rules.team_score
    formula = Reason(f"formula_{ts.formula}", {"k": ts.k}).render(lang)
    absent = Reason(f"absent_{ts.absent}").render(lang)
    score = f"{float(tr.score) / 100:.2f}"
    if lang == "zh":
        lines = [f"{team}：{score}（{formula}，{absent}），{t('team_rank', lang, rank=tr.rank, of=len(st.teams))}"]
    else:
        lines = [f"{team}: {score} ({formula}, {absent}), {t('team_rank', lang, rank=tr.rank, of=len(st.teams))}"]
    colon = "：" if lang == "zh" else ": "
    for a in aw.of(team):
        spec = rules.award(a.award_id)
        lines.append(f"★\u00a0{spec.label if lang == 'zh' else spec.label_en}{colon}{a.why(lang)}")
    for s in aw.skips:
        if s.exam_no == team and s.why is not None:
            spec = rules.award(s.award_id)
            lines.append(f"↷\u00a0{spec.label if lang == 'zh' else spec.label_en}{colon}"
                         f"{t('skipped_self', lang, why=s.why.render(lang))}")
    if certainty is not None:
        lines += certainty_lines(rules, certainty, team, lang, team=True)
    return lines
