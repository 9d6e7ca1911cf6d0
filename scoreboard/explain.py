"""Why a contestant or a team stands where it stands, and why it has (or has
not) an award: the keys compared with the neighbours, the cut-offs, the skips."""

from __future__ import annotations

from .awards import AwardsResult
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


def explain_contestant(rules: Rules, st: Standings, aw: AwardsResult, exam_no: str, lang: str = "zh") -> list[str]:
    row = st.by_exam[exam_no]
    lines = [f"{row.exam_no} {row.name}  {row.team} · {row.unit}"]
    lines.append(t("rank", lang, rank=row.rank, of=len(st.rows)))
    lines.append(t("chain", lang, chain=chain_text(rules, lang)))
    equal = [r.exam_no for r in st.rows if r.key == row.key and r.exam_no != exam_no]
    if equal:
        lines.append(t("rank_equal", lang, others=("、" if lang == "zh" else ", ").join(equal), rank=row.rank))
    if row.position > 0:
        above = st.rows[row.position - 1]
        diff = _first_difference(rules, row, above, lang)
        if diff:
            lines.append(t("below_by", lang, other=above.exam_no, key=diff[0], mine=diff[1], theirs=diff[2]))
    if row.position + 1 < len(st.rows):
        below = st.rows[row.position + 1]
        diff = _first_difference(rules, row, below, lang)
        if diff:
            lines.append(t("above_by", lang, other=below.exam_no, key=diff[0], mine=diff[1], theirs=diff[2]))
    lines.append(t("group_rank", lang, group=row.group, rank=row.group_rank))
    for a in aw.of(exam_no):
        spec = rules.award(a.award_id)
        label = spec.label if lang == "zh" else spec.label_en
        lines.append(f"★ {label}: {a.why(lang)}")
    for s in aw.skips:
        if s.exam_no == exam_no:
            spec, held = rules.award(s.award_id), rules.award(s.because)
            label = spec.label if lang == "zh" else spec.label_en
            because = Reason("skipped_has", {"award": held.label if lang == "zh" else held.label_en}).render(lang)
            lines.append(f"↷ {label}: {because}" + (" (依次顺延)" if lang == "zh" else " (the next in line moves up)"))
    for tie in aw.ties:
        if exam_no in tie.tied:
            lines.append("⚠ " + tie.reason(rules).render(lang))
    return lines


def explain_team(rules: Rules, st: Standings, aw: AwardsResult, team: str, lang: str = "zh") -> list[str]:
    tr = st.by_team[team]
    ts = rules.team_score
    formula = Reason(f"formula_{ts.formula}", {"k": ts.k}).render(lang)
    absent = Reason(f"absent_{ts.absent}").render(lang)
    score = f"{float(tr.score) / 100:.2f}"
    lines = [f"{team}: {score} ({formula}, {absent}), {t('rank', lang, rank=tr.rank, of=len(st.teams))}"]
    for a in aw.of(team):
        spec = rules.award(a.award_id)
        lines.append(f"★ {spec.label if lang == 'zh' else spec.label_en}: {a.why(lang)}")
    return lines
