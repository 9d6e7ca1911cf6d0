"""The public state's frame, packed from what changed.

`pack(views.public_state(board, ...))` makes and packs every row of the standings, every team and every
award again on each build: about 8 ms at national scale (1,550 contestants), most of it for rows that did
not change. `PublicFrame.frame` gives the same bytes (tests/test_feeder_publicframe.py) from pieces
packed once and kept: a row's packed map until its contestant changes (the board's order index logs who,
scoreboard/index.py) or its rank or group rank moves; a group's list and a team's entry until one of its
members changes (or, for a team, its rank, score or present count); the award list until the board gives
another one (or a recipient's total or team score moves). A MessagePack map or array is its header followed
by its packed elements, so the frame is joined, not packed.

Anything else folded (a judge's event, a change on the day, the stage) and a frozen screen (封榜: the
standings are those kept at the freeze) pack everything again, as does a change of language.
"""

from __future__ import annotations

from itertools import chain

from scoreboard.events import SCALE
from scoreboard.serialize import awards_json, stage_json, team_json

from .protocol import pack
from .views import array_header, certain_marks, public_state


def map_header(n: int) -> bytes:
    return bytes([0x80 | n]) if n < 16 else b"\xde" + n.to_bytes(2, "big")


def packed_map(pairs) -> bytes:
    """A map whose values are given packed (bytes) or as values to pack, in order."""
    pairs = list(pairs)
    return map_header(len(pairs)) + b"".join(pack(k) + (v if isinstance(v, bytes) else pack(v)) for k, v in pairs)


class PublicFrame:
    def __init__(self):
        self.board = None
        self.log = None
        self.key = None  # (epoch, lang, frozen standings): what every kept piece was packed for
        self.rows: dict[str, tuple[int, int, bytes]] = {}  # exam_no -> (rank, group rank, packed row)
        self.groups: dict[str, bytes] = {}
        self.teams: dict[str, tuple[tuple, bytes]] = {}
        self.awards: tuple | None = None  # (award list object, its recipients' totals and scores, packed)
        self.frozen: tuple | None = None  # (the standings kept at the freeze, packed)

    def frame(self, board, latest: list[dict], lang: str = "zh") -> bytes:
        """`pack(feeder.views.public_state(board, latest, lang))`, from the pieces that changed."""
        st, aw = board.public()
        c = board.control
        frozen = c.frozen_at is not None
        st_key = st if frozen and board.frozen is not None else None
        if board.index is None:
            board.standings()
        idx = board.index
        if idx is None:  # a board that reads otherwise (a stand-in): the frame packed whole
            return pack(public_state(board, latest, lang))
        if self.board is not board or self.log is None:
            self.board, self.log = board, idx.log()
        changed, everything = self.log.take()
        key = (board.epoch, lang)
        if everything or key != self.key:
            self.rows, self.groups, self.teams, self.awards = {}, {}, {}, None
            changed, self.key = None, key
        if st_key is None:
            standings = self._standings(board, st, changed)
        else:  # frozen: the standings kept at the freeze, packed once
            if self.frozen is None or self.frozen[0] is not st:
                self.frozen = (st, pack(_standings_json(board, st)))
            standings = self.frozen[1]
        pairs = [
            ("type", "public"),
            ("standings", standings),
            ("awards", self._awards(board, st, aw, lang)),
            ("control", {"view": dict(c.view), "frozen": frozen, "ceremony": c.ceremony, "locked": c.locked is not None,
                         "mark_certain": c.mark_certain and not frozen}),
            ("latest", [] if frozen else list(latest)),
            ("stage", stage_json(board, public=True)),
            ("certain", certain_marks(board) if c.mark_certain and not frozen else {}),
        ]
        return packed_map(pairs)

    # --- the standings --------------------------------------------------------------------------------------
    def _standings(self, board, st, changed) -> bytes:
        rules, idx = board.rules, board.index
        n, order, group_of = idx.n, idx.order, idx.group_of
        ranked = len(idx.ranked)
        rows, cache = [], self.rows
        members: dict[str, list[str]] = {}
        group_prev: dict[str, tuple[int, int]] = {}
        prev, rank = None, 0
        dirty_groups = set(idx.granked) if changed is None else {group_of[e] for e in changed}
        for pos, ik in enumerate(chain(idx.ranked, idx.voided)):
            e = order[ik % n]
            g = group_of[e]
            glist = members.get(g)
            if glist is None:
                glist = members[g] = []
            if pos < ranked:
                k = ik // n
                if k != prev:
                    rank, prev = pos + 1, k
                last = group_prev.get(g)
                grank = last[1] if last is not None and last[0] == k else len(glist) + 1
                group_prev[g] = (k, grank)
                r, gr = rank, grank
            else:
                r = gr = 0
            glist.append(e)
            hit = cache.get(e)
            if hit is None or hit[0] != r or hit[1] != gr or (changed is not None and e in changed):
                hit = cache[e] = (r, gr, pack(_row(board, rules, e, r, gr)))
            rows.append(hit[2])
        groups = {g: None for g in rules.groups}
        groups.update((g, None) for g in members if g not in groups)
        for g in groups:
            if g in dirty_groups or g not in self.groups:
                self.groups[g] = pack(members.get(g, []))
        team_changed = set(idx.size) if changed is None else {idx.team_of[e] for e in changed}
        teams = []
        for t in st.teams:
            sig = (t.rank, t.score, t.present)
            hit = self.teams.get(t.name)
            if hit is None or hit[0] != sig or t.name in team_changed:
                hit = self.teams[t.name] = (sig, pack(team_json(t)))
            teams.append(hit[1])
        return packed_map([
            ("contest", rules.id), ("title", rules.title), ("title_en", rules.title_en), ("timezone", rules.timezone),
            ("sections", [{"id": s.id, "label": s.label, "label_en": s.label_en} for s in rules.sections]),
            ("event_id", st.event_id), ("at", st.at),
            ("individual", array_header(len(rows)) + b"".join(rows)),
            ("substitutions", st.subs),
            ("teams", array_header(len(teams)) + b"".join(teams)),
            ("groups", map_header(len(groups)) + b"".join(pack(g) + self.groups[g] for g in groups)),
        ])

    # --- the awards -----------------------------------------------------------------------------------------
    def _awards(self, board, st, aw, lang: str) -> bytes:
        given = aw.awards + aw.advancement
        totals = tuple(board.totals.get(a.recipient) for a in given if a.kind == "individual")
        scores = tuple(st.by_team[a.recipient].score if a.recipient in st.by_team else None
                       for a in given if a.kind == "team")
        sig = (aw.awards, aw.advancement, aw.ties, aw.digest, aw.confirmed, aw.drift, id(aw.locked), totals, scores)
        kept = self.awards
        if kept is None or any(a is not b for a, b in zip(kept[0][:3], sig[:3])) or kept[0][3:] != sig[3:]:
            self.awards = kept = (sig, aw, pack(awards_json(board, lang, public=True)))
        return kept[2]


def _row(board, rules, e: str, rank: int, grank: int) -> dict:
    """`serialize.row_json` of a row, from the board's own state."""
    c = board.contestants[e]
    return {
        "rank": rank, "exam_no": e, "name": c.name, "team": c.team, "unit": c.unit, "group": c.group,
        "group_rank": grank,
        "sections": {sid: v / SCALE for sid, v in zip(rules.section_ids, board.sections[e])},
        "total": board.totals[e] / SCALE, "time_used": board.time_used.get(e), "graded": len(board.marks[e]),
        "status": board.day.status(e) if rank == 0 else "",
    }


def _standings_json(board, st) -> dict:
    from scoreboard.serialize import standings_json

    return standings_json(board.rules, st)
