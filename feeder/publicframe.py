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

from dataclasses import replace
from itertools import chain, islice

from scoreboard.events import SCALE
from scoreboard.serialize import award_json, awards_json, stage_json, team_json

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
        self.idx = None  # the board's order index whose changes `log` follows
        self.log = None
        self.key = None  # (epoch, lang, frozen standings): what every kept piece was packed for
        self.rows: dict[str, tuple[int, int, bytes]] = {}  # exam_no -> (rank, group rank, packed row)
        self.groups: dict[str, bytes] = {}
        self.teams: dict[str, tuple[tuple, bytes]] = {}
        self.award_bytes: dict[int, tuple] = {}  # id(award) -> (the award, its recipient's row or score, packed)
        self.frozen: tuple | None = None  # (the standings kept at the freeze, packed)
        # the rows as last packed, in order: their bytes, exam numbers, keys, and each one's position
        self.row_list: list[bytes] | None = None
        self.exam_list: list[str] = []
        self.key_list: list[int] = []
        self.pos_of: dict[str, int] = {}

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
        if self.board is not board or self.log is None or self.idx is not idx:  # (a board may drop its index)
            self.board, self.idx, self.log = board, idx, idx.log()
        changed, everything = self.log.take()
        key = (board.epoch, lang)
        if everything or key != self.key:
            self.rows, self.groups, self.teams, self.award_bytes = {}, {}, {}, {}
            self.row_list = None
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
        rows = self._rows(board, changed)
        groups = list(st.groups)
        dirty_groups = None if changed is None else {idx.group_of[e] for e in changed}
        for g in groups:
            if dirty_groups is None or g in dirty_groups or g not in self.groups:
                self.groups[g] = pack([idx.exam(ik) for ik in chain(idx.granked.get(g, ()), idx.gvoided.get(g, ()))])
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

    # --- the rows -------------------------------------------------------------------------------------------
    def _rows(self, board, changed) -> list[bytes]:
        """The packed rows in order: every position when anything may have changed, else only the positions
        from where the changed contestants were to where they are, widened to the classes of equal keys
        there (a rank counts those strictly ahead, so a tie formed or broken moves ranks on both sides)."""
        if changed is None or self.row_list is None:
            return self._rows_all(board, changed)
        if not changed:
            return self.row_list
        span = self._span(board.index, changed)
        if span is None:
            return self._rows_all(board, changed)
        lo, hi = span
        idx = board.index
        n, ranked = idx.n, len(idx.ranked)
        prev, rank = None, 0
        out = []
        voided = islice(idx.voided, max(0, lo - ranked), max(0, hi + 1 - ranked))
        for pos, ik in enumerate(chain(islice(idx.ranked, lo, hi + 1), voided), start=lo):
            e, k = idx.order[ik % n], ik // n
            if pos < ranked:
                if k != prev:
                    rank, prev = (pos + 1 if prev is not None else idx.rank_of(ik)), k
                out.append(self._one(board, e, rank, idx.group_rank_of(idx.group_of[e], ik), changed))
            else:
                out.append(self._one(board, e, 0, 0, changed))
            self.exam_list[pos], self.key_list[pos], self.pos_of[e] = e, k, pos
        self.row_list[lo:hi + 1] = out
        return self.row_list

    def _span(self, idx, changed) -> tuple[int, int] | None:
        n, ranked = idx.n, idx.ranked
        places = []
        for e in changed:
            was, now = self.pos_of[e], idx.position_of(e)
            places += [was, now]
            if not idx.void[e]:
                for k in (self.key_list[was], idx.ikey[e] // n):
                    a, b = ranked.bisect_left(k * n), ranked.bisect_left((k + 1) * n)
                    if b > a:
                        places += [a, b - 1]
        lo, hi = min(places), max(places)
        return None if (hi - lo) * 4 > len(self.exam_list) and hi - lo > 64 else (lo, hi)

    def _rows_all(self, board, changed) -> list[bytes]:
        idx = board.index
        n, order, group_of = idx.n, idx.order, idx.group_of
        ranked = len(idx.ranked)
        rows, exams, keys = [], [], []
        group_prev: dict[str, tuple[int, int]] = {}
        group_len: dict[str, int] = {}
        prev, rank = None, 0
        for pos, ik in enumerate(chain(idx.ranked, idx.voided)):
            e, k = order[ik % n], ik // n
            g = group_of[e]
            glen = group_len.get(g, 0)
            group_len[g] = glen + 1
            if pos < ranked:
                if k != prev:
                    rank, prev = pos + 1, k
                last = group_prev.get(g)
                grank = last[1] if last is not None and last[0] == k else glen + 1
                group_prev[g] = (k, grank)
                rows.append(self._one(board, e, rank, grank, changed))
            else:
                rows.append(self._one(board, e, 0, 0, changed))
            exams.append(e)
            keys.append(k)
        self.row_list, self.exam_list, self.key_list = rows, exams, keys
        self.pos_of = {e: i for i, e in enumerate(exams)}
        return rows

    def _one(self, board, e: str, rank: int, grank: int, changed) -> bytes:
        hit = self.rows.get(e)
        if hit is None or hit[0] != rank or hit[1] != grank or changed is None or e in changed:
            hit = self.rows[e] = (rank, grank, pack(_row(board, board.rules, e, rank, grank)))
        return hit[2]

    # --- the awards -----------------------------------------------------------------------------------------
    def _awards(self, board, st, aw, lang: str) -> bytes:
        """`awards_json(board, lang, public=True)`: its lists joined from each award's packed entry, kept
        while the award object (the award cache keeps the walks it did not give again) and its recipient's
        row or team score are the same."""
        rules, kept, now = board.rules, self.award_bytes, {}

        def one(a) -> bytes:
            if a.kind == "individual":
                sig = (board.contestants.get(a.recipient), board.totals.get(a.recipient))
            else:
                t = st.by_team.get(a.recipient)
                sig = t.score if t else None
            hit = kept.get(id(a))
            if hit is None or hit[0] is not a or hit[1] != sig:
                hit = (a, sig, pack(award_json(rules, st, a, lang)))
            now[id(a)] = hit
            return hit[2]

        lists = {k: array_header(len(items)) + b"".join(one(a) for a in items)
                 for k, items in (("awards", aw.awards), ("advancement", aw.advancement))}
        self.award_bytes = now
        rest = awards_json(_Only(rules, st, replace(aw, awards=[], advancement=[])), lang, public=True)
        return packed_map((k, lists.get(k, v)) for k, v in rest.items())


class _Only:
    """A board as `awards_json` reads it, holding only the given standings and award list."""

    def __init__(self, rules, st, aw):
        self.rules, self._public = rules, (st, aw)

    def public(self):
        return self._public


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
