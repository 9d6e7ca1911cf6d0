"""Plain-data forms (JSON-ready) of standings and awards, for the shell, the
view protocol and the exports."""

from __future__ import annotations

from .events import SCALE
from .rules import Rules
from .stage import answer_points
from .standings import Standings


def points(p: int) -> float:
    return p / SCALE


def row_json(rules: Rules, r) -> dict:
    return {
        "rank": r.rank,
        "exam_no": r.exam_no,
        "name": r.name,
        "team": r.team,
        "unit": r.unit,
        "group": r.group,
        "group_rank": r.group_rank,
        "sections": {sid: points(v) for sid, v in zip(rules.section_ids, r.sections)},
        "total": points(r.total),
        "time_used": r.time_used,
        "graded": r.graded,
        "status": r.status,  # "" (ranked), or disqualified | ineligible | withdrawn: rank and group_rank are 0
    }


def team_json(t) -> dict:
    return {
        "rank": t.rank,
        "team": t.name,
        "score": round(float(t.score) / SCALE, 4),
        "members": list(t.members),
        "present": t.present,
    }


def rows_json(rules: Rules, rows, cache: dict | None = None) -> list[dict]:
    """`row_json` of each row; with a cache (exam_no -> (row's values, its JSON)), an unchanged row's
    JSON is the one built before, and a row that only moved gets a copy with its new ranks (the feeder
    rebuilds the public state several times a second, and one mark moves many ranks)."""
    if cache is None:
        return [row_json(rules, r) for r in rows]
    out = []
    for r in rows:
        sig = (r.total, r.sections, r.time_used, r.graded, r.name, r.team, r.unit, r.group, r.status)
        hit = cache.get(r.exam_no)
        if hit is None or hit[0] != sig:
            hit = cache[r.exam_no] = (sig, row_json(rules, r))
        elif hit[1]["rank"] != r.rank or hit[1]["group_rank"] != r.group_rank:
            hit = cache[r.exam_no] = (sig, {**hit[1], "rank": r.rank, "group_rank": r.group_rank})
        out.append(hit[1])
    return out


def standings_json(rules: Rules, st: Standings, cache: dict | None = None) -> dict:
    return {
        "contest": rules.id,
        "title": rules.title,
        "title_en": rules.title_en,
        "timezone": rules.timezone,  # the contest's clock, for every time a screen shows
        "sections": [{"id": s.id, "label": s.label, "label_en": s.label_en} for s in rules.sections],
        "event_id": st.event_id,
        "at": st.at,
        "individual": rows_json(rules, st.rows, cache),
        "substitutions": st.subs,  # on stage: exam_no -> {"role": in|out, "other", "from_round"}
        "teams": [team_json(t) for t in st.teams],
        "groups": {g: [r.exam_no for r in rows] for g, rows in st.groups.items()},
    }


def award_json(rules: Rules, st: Standings, a, lang: str) -> dict:
    spec = rules.award(a.award_id)
    out = {
        "id": a.award_id,
        "label": spec.label if lang == "zh" else spec.label_en,
        "recipient": a.recipient,
        "kind": a.kind,
        "group": a.group,
        "rank": a.rank,
        "note": a.note,
        "why": a.why(lang),
    }
    row = st.by_exam.get(a.recipient) if a.kind == "individual" else None
    if row:
        out.update(name=row.name, team=row.team, unit=row.unit, total=points(row.total))
    elif a.kind == "team" and a.recipient in st.by_team:
        out["score"] = round(float(st.by_team[a.recipient].score) / SCALE, 4)
    return out


def awards_json(board, lang: str = "zh", public: bool = False, certainty=None) -> dict:
    """The award list as `scoreboard awards --json` prints it; with `certainty` (scoreboard.certainty), also
    who is certain, possible and out of each award."""
    st, aw = board.public() if public else (board.standings(), board.awards())
    rules = board.rules
    locked = aw.locked
    out = {
        "contest": rules.id,
        "provisional": aw.provisional,
        "status": aw.status,
        "digest": aw.digest,
        "confirmed": aw.confirmed,
        "locked": None if not locked else {k: locked.get(k) for k in ("actor", "why", "at", "digest", "event_id",
                                                                       "head")},
        "lock_mismatch": aw.lock_mismatch,  # the digest the lock recorded, if the log now gives another list
        "drift": aw.drift,
        "ties": [list(x.tied) for x in aw.ties],
        "pending": [
            {"award": x.award_id, "group": x.group, "tied": list(x.tied), "room": x.room, "rank": x.rank,
             "why": x.reason(rules).render(lang)}
            for x in aw.ties
        ],
        "awards": [award_json(rules, st, a, lang) for a in aw.awards],
        "advancement": [award_json(rules, st, a, lang) for a in aw.advancement],
        "ceremony": [{"award": c.award, "by_group": c.by_group, "from_last": c.from_last} for c in rules.ceremony],
    }
    if certainty is not None:
        from .certainty_text import certainty_json, not_computed

        out["certainty_known"] = certainty.known
        out["certainty"] = certainty_json(certainty) if certainty.known else {}
        if not certainty.known:
            out["certainty_note"] = not_computed(certainty, lang)
        out["settled"] = certainty.settled
        out["open"] = dict(certainty.open)
    return out


def stage_json(board, public: bool = True) -> dict | None:
    """The on-stage contest for screens and desks: the round and question now played, each team's
    points by round, the panel's marks with the dropped ones named, and the latest entries.

    While the public screen is frozen (封榜) a public form carries only what is on stage now."""
    if board.stage is None:
        return None
    st = board.stage
    rules = board.rules
    current = dict(st.current)
    rnd = next((r for r in rules.rounds if r.id == current.get("round")), None)
    if rnd is not None:
        current.update(label=rnd.label, label_en=rnd.label_en, kind=rnd.kind)
    out = {"current": current,
           "rounds": [{"id": r.id, "label": r.label, "label_en": r.label_en, "kind": r.kind} for r in rules.rounds]}
    if public and board.control.frozen_at is not None:
        return out
    totals = board.stage_totals()
    out["teams"] = [
        {"team": t.name,
         "score": round(float(totals.team_score(t.name)) / SCALE, 4),
         "rounds": {rid: round(float(v) / SCALE, 4) for rid, v in totals.team_rounds.get(t.name, {}).items()},
         "playoff": totals.playoff.get(t.name, 0)}
        for t in rules.teams
    ]
    out["panels"] = [
        {"team": team, "round": rid, "marks": [[j, m] for j, m in res.marks], "dropped": list(res.dropped),
         "score": round(float(res.score) / SCALE, 4)}
        for (team, rid), res in totals.panels.items()
    ]
    entries = []
    for ev in list(st.entries.values())[-12:]:
        d = ev.data
        item = {"id": ev.id, "kind": ev.kind, "round": d["round"], "team": d["team"], "undone": ev.id in st.undone}
        if ev.kind == "answer":
            r = next(r for r in rules.rounds if r.id == d["round"])
            item.update(correct=d["correct"], contestant=d.get("contestant"), question=d.get("question"),
                        points=(answer_points(r, d) / SCALE) if r.kind != "playoff" else (1 if d["correct"] else 0))
        else:
            item.update(judge=d["judge"], mark=d["mark"])
        entries.append(item)
    out["entries"] = entries
    return out
