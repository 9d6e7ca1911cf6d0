"""The fold: events in, state out.

`Board.apply` folds one event; `standings()` and `awards()` are computed from
the folded state on demand and cached until the next event. Folding the
whole log at once or event by event gives the same state.
"""

from __future__ import annotations

import weakref

from .award_cache import AwardCache
from .awards import with_lock
from .certainty_bounds import BoundsCache
from .changes import DAY_KINDS, DayState, apply_day_event, playing
from .control import Control, Decision  # noqa: F401 - Decision: where callers have always found it
from .events import SCALE, Event, Rejection, check_record, to_points
from .index import OrderIndex
from .judging import apply_judge_event
from .paper import paper_problem
from .limits import MAX_ID, MAX_ITEM_POINTS, MAX_ITEMS, MAX_TIME_USED, plain_text_problem
from .roster import Contestant
from .rules import Rules
from .stage import STAGE_KINDS, StageState, StageTotals, stage_totals
from .standings import combined_keys
from .view import standings_view

_NUMBER = (int, float)
_MAX_SEQ = 2**63 - 1


class Board:
    def __init__(self, rules: Rules, contestants: list[Contestant]):
        self.rules = rules
        self.contestants: dict[str, Contestant] = {c.exam_no: c for c in contestants}
        self.flags = {c.exam_no: c.flags for c in contestants if c.flags}
        self.order = sorted(self.contestants)  # exam_no order: stable tie order for display
        self.section_index = {s: i for i, s in enumerate(rules.section_ids)}
        self.marks: dict[str, dict[str, int]] = {c: {} for c in self.contestants}
        self.sections: dict[str, list[int]] = {c: [0] * len(rules.sections) for c in self.contestants}
        self.totals: dict[str, int] = dict.fromkeys(self.contestants, 0)
        self.time_used: dict[str, float] = {}
        self.item_max: dict[str, int] = {}
        self.item_section: dict[str, str] = {}
        self.control = Control()
        if rules.rounds:  # an on-stage contest's big screen opens on the stage ("individual" stays the ranking)
            self.control.view = {"view": "stage"}
        self.last_event_id = 0
        self.last_at = 0.0
        self.version = 0
        self.dirty: set[str] = set(self.contestants)  # contestants whose sort key is stale
        self.keys: dict[str, int] = {}
        self._cache: dict[str, object] = {}
        self.frozen = None  # (standings, awards) at the freeze
        self.faults: list[tuple[int, str, str]] = []  # (event id, why, why in Chinese): logged hall events the
        # fold could not apply
        self.day = DayState()  # the changes on the day (scoreboard.changes)
        self.stage = StageState() if rules.rounds else None  # the on-stage contest's entries
        self._stage_totals = None
        # the papers (scoreboard/paper.py): per section, worth -> items; per contestant, the items graded of each
        # worth and the full marks of what is graded, per section (what is left is the paper's total minus that)
        self.paper_caps: list[dict[int, int] | None] = [s.paper.caps if s.paper else None for s in rules.sections]
        self.paper_on = any(c is not None for c in self.paper_caps)
        self.paper_used: dict[str, dict[tuple[int, int], int]] = {}
        self.graded_max: dict[str, tuple[int, ...]] = {}
        self.hall_of: dict[str, str] = {}  # exam_no -> the hall whose records came for them last (progress)
        self.epoch = 0  # events other than marks and hand-ins folded so far (what a reader's cache cannot follow)
        self.award_cache = AwardCache()  # the award walks, given again only where a change reaches them
        self.index: OrderIndex | None = None  # the standings' order, kept up to date (scoreboard/index.py)
        self.bounds_cache = BoundsCache()  # each contestant's best and worst key (scoreboard/certainty_bounds.py)
        # standings views someone may still read (scoreboard/view.py), weakly: plain references without a
        # callback, so that nothing runs when one is dropped (a Ctrl-C there would be lost)
        self._views: list[weakref.ref] = []

    def __getstate__(self) -> dict:
        """A copy (`copy.deepcopy`, as the in-process console source takes) starts without cached reads:
        the views a board hands out read that board, and only it detaches them before it changes."""
        state = dict(self.__dict__)
        state["_cache"], state["_views"] = {}, []
        return state

    # --- checks -------------------------------------------------------------
    def check(self, rec: dict) -> Rejection | None:
        bad = check_record(rec, self.contestants, self.section_index, self.item_max, self.item_section, self.marks)
        if bad is None and self.paper_on and rec.get("type") == "result":
            return paper_problem(self, rec)
        return bad

    def _paper_room(self, who: str, idx: int, worth: int) -> bool:
        """A new item of this worth fits the contestant's paper of section `idx` (True without a paper)."""
        caps = self.paper_caps[idx]
        if caps is None:
            return True
        used = self.paper_used.get(who)
        return (used.get((idx, worth), 0) if used else 0) < caps.get(worth, 0)

    def _paper_take(self, who: str, idx: int, worth: int) -> None:
        used = self.paper_used.get(who)
        if used is None:
            used = self.paper_used[who] = {}
        used[(idx, worth)] = used.get((idx, worth), 0) + 1
        # a new tuple, never one changed in place: the certainty's bounds (scoreboard/certainty_bounds.py) keep the
        # tuples of their moment
        done = self.graded_max.get(who) or (0,) * len(self.paper_caps)
        self.graded_max[who] = done[:idx] + (done[idx] + worth,) + done[idx + 1:]

    def admit(self, rec: dict, ev_id: int, at: float, source: str) -> Event | None:
        """The ingest's fast path: a result that passes every check of `check()` is folded as event
        `ev_id` and returned, in one step. None means "not that simple" (nothing was done): `check()`
        the record, then `apply()` it. tests/test_board_admit.py proves the two paths agree."""
        try:
            if rec["type"] != "result":
                return None
            seq, who, item, section, score, mx = rec["seq"], rec["contestant"], rec["item"], rec["section"], \
                rec["score"], rec["max"]
        except KeyError:
            return None
        if not (seq.__class__ is int and 1 <= seq <= _MAX_SEQ and who.__class__ is str and item.__class__ is str
                and section.__class__ is str and score.__class__ in _NUMBER and mx.__class__ in _NUMBER
                and 0 <= score <= mx <= MAX_ITEM_POINTS and mx > 0 and who in self.contestants
                and section in self.section_index):
            return None  # NaN fails the comparisons, bool and other subclasses the class tests
        marks = self.marks[who]
        new = item not in marks
        if new and (len(marks) >= MAX_ITEMS or (self.paper_on and not self._paper_room(
                who, self.section_index[section], round(mx * SCALE)))):
            return None
        pts = round(score * SCALE)
        known = self.item_max.get(item)
        if known is None:  # a new item: its id is checked once, here
            if not (0 < len(item) <= MAX_ID and (item.isprintable() or plain_text_problem(item, MAX_ID) is None)):
                return None
            self.item_max[item] = round(mx * SCALE)
            self.item_section[item] = section
        elif known != round(mx * SCALE) or self.item_section[item] != section:
            return None
        data = {"contestant": who, "item": item, "section": section, "score": score, "max": mx}
        # the fold of `_fold_result`, written out (its checks done above): this runs once per record of the day
        if self._cache:
            self._cache.clear()
        if self._views:
            self._detach_views()
        delta = pts - marks.get(item, 0)
        marks[item] = pts
        if new and self.paper_on and self.paper_caps[self.section_index[section]] is not None:
            self._paper_take(who, self.section_index[section], round(mx * SCALE))
        self.sections[who][self.section_index[section]] += delta
        self.totals[who] += delta
        self.dirty.add(who)
        self.hall_of[who] = source
        self.last_event_id = ev_id
        if at > self.last_at:
            self.last_at = at
        self.version += 1
        return Event(ev_id, at, "result", source, seq, source, data)

    # --- the fold -----------------------------------------------------------
    def _fold_result(self, ev: Event) -> None:
        """Fold a logged result, if it holds what ingest admits; else leave it out and say why (`faults`)."""
        d = ev.data
        try:
            who, item, section, score, mx = d["contestant"], d["item"], d["section"], d["score"], d["max"]
            marks = self.marks[who]
            fits = (item.__class__ is str and score.__class__ in _NUMBER and mx.__class__ in _NUMBER
                    and 0 <= score <= mx <= MAX_ITEM_POINTS and mx > 0 and section in self.section_index
                    and (item in marks or len(marks) < MAX_ITEMS) and self.item_section.get(item, section) == section
                    and (item in marks or not self.paper_on
                         or self._paper_room(who, self.section_index[section], round(mx * SCALE))))
        except (KeyError, TypeError):  # a field missing, an unhashable item...: named by `_unfit`
            fits = False
        if not fits:  # in the log, but outside what ingest admits (an older version's, or an edit)
            self.faults.append((ev.id, *self._unfit(ev)))
            return
        pts = round(score * SCALE)
        if item not in self.item_max:
            self.item_max[item] = to_points(mx)
            self.item_section[item] = section
        old = marks.get(item)
        if old is None and self.paper_on and self.paper_caps[self.section_index[section]] is not None:
            self._paper_take(who, self.section_index[section], round(mx * SCALE))
        marks[item] = pts
        delta = pts - (old or 0)
        self.sections[who][self.section_index[section]] += delta
        self.totals[who] += delta
        self.dirty.add(who)
        self.hall_of[who] = ev.source

    def _fold_finish(self, ev: Event) -> None:
        d = ev.data
        try:
            who, tu = d["contestant"], d["time_used"]
            fits = who in self.marks and tu.__class__ in _NUMBER and 0 <= tu <= MAX_TIME_USED
        except (KeyError, TypeError):
            fits = False
        if not fits:
            self.faults.append((ev.id, *self._unfit(ev)))
            return
        self.time_used[who] = float(tu)
        self.dirty.add(who)
        self.hall_of[who] = ev.source

    def apply(self, ev: Event) -> None:
        if self._cache:
            self._cache.clear()
        if self._views:
            self._detach_views()
        kind = ev.kind
        if kind != "result" and kind != "finish":
            self.award_cache.invalidate()  # a judge's, a change on the day, the stage: every award again
            self.epoch += 1
        if kind == "result":
            self._fold_result(ev)
        elif kind == "finish":
            self._fold_finish(ev)
        elif kind in DAY_KINDS:
            apply_day_event(self, ev)
        elif kind in STAGE_KINDS and self.stage is not None:
            self.stage.apply(ev)
            if kind != "stage":
                self._refresh_stage()
        else:
            self._apply_judge(ev)
        self.last_event_id = ev.id
        if ev.at > self.last_at:
            self.last_at = ev.at
        self.version += 1
        self._cache.clear()

    def _unfit(self, ev: Event) -> tuple[str, str]:
        """Why a logged hall event cannot be folded, in the words of ingest's own checks: a log written by
        this version always folds; one edited by hand, or accepted by a version without today's bounds,
        leaves the event out and says so instead of failing the day."""
        d = ev.data
        try:
            rec = {**d, "type": ev.kind, "seq": ev.seq if ev.seq.__class__ is int and ev.seq >= 1 else 1}
            bad = check_record(rec, self.contestants, self.section_index, {}, {}, self.marks)
            if bad is None and self.paper_on and ev.kind == "result":
                bad = paper_problem(self, rec)
        except Exception as exc:  # noqa: BLE001 - data of any shape, from a file anyone could edit
            return (f"event {ev.id}: unreadable {ev.kind} ({type(exc).__name__})",
                    f"事件#{ev.id}：无法读取的{ev.kind}记录（{type(exc).__name__}）")
        if bad is None:
            return f"event {ev.id}: inconsistent with the events before it", f"事件#{ev.id}：与之前的事件不一致"
        return f"event {ev.id}: {bad.message}", f"事件#{ev.id}：{bad.text('zh')}"

    def apply_all(self, events) -> None:
        for ev in events:
            self.apply(ev)

    def _refresh_stage(self) -> None:
        """Recompute the on-stage points (a few hundred entries at most) into the contestants' sections."""
        totals = self.stage_totals(refresh=True)
        for exam_no, secs in self.sections.items():
            rounds = totals.contestant_rounds.get(exam_no, {})
            new = [rounds.get(sid, 0) for sid in self.rules.section_ids]
            if new != secs:
                self.sections[exam_no] = new
                self.totals[exam_no] = sum(new)
                self.marks[exam_no] = {rid: v for rid, v in rounds.items()}
                self.dirty.add(exam_no)

    def stage_totals(self, refresh: bool = False) -> StageTotals | None:
        if self.stage is None:
            return None
        if refresh or self._stage_totals is None:
            self._stage_totals = stage_totals({r.id: r for r in self.rules.rounds}, self.stage)
        return self._stage_totals

    def _apply_judge(self, ev: Event) -> None:
        apply_judge_event(self, ev)

    # --- derived state ------------------------------------------------------
    def status(self, exam_no: str) -> str:
        """"" (in the ranking) or why not: disqualified, ineligible, withdrawn (scoreboard.changes)."""
        return self.day.status(exam_no)

    def unassigned_judge_awards(self) -> list:
        """The awards the judges give (优秀组织奖) that no one has yet: a lock asks before leaving them empty."""
        given = {aid for aid, _recipient in self.control.assigned}
        return [a for a in self.rules.awards if a.kind == "judge" and a.id not in given]

    def playing(self, team: str, round_id: str | None = None) -> list[str]:
        """On stage: who plays for `team` from `round_id` on, substitutions made."""
        return playing(self, team, round_id)

    def graded(self, exam_no: str) -> int:
        return len(self.marks[exam_no])

    def remaining(self, exam_no: str) -> list[int] | None:
        """Per section, the points (hundredths) the items not yet graded could still bring; None without a
        paper for every section (scoreboard/paper.py)."""
        if not self.rules.paper_known:
            return None
        done = self.graded_max.get(exam_no)
        return [s.paper.total - (done[i] if done else 0) for i, s in enumerate(self.rules.sections)]

    def sort_keys(self) -> dict[str, int]:
        """Each contestant's combined tie-break key, refreshed for those that changed (and moved in the index)."""
        if self.dirty:
            if self._views:
                self._detach_views()
            self.keys.update(combined_keys(self, self.dirty, self.rules.tiebreak))
            if self.index is not None:
                self.index.update(self, self.dirty)
            self.dirty.clear()
        return self.keys

    def _detach_views(self) -> None:
        """The board is about to change: every standings view still held makes its whole list now."""
        views, self._views = self._views, []
        for ref in views:
            core = ref()
            if core is not None:
                core.detach()

    def standings(self):
        """The standings now: a view of the order index, whose rows are made as they are read
        (scoreboard/view.py); equal to `scoreboard.standings.compute_standings(board)`."""
        st = self._cache.get("standings")
        if st is None:
            self.sort_keys()
            if self.index is None:
                self.index = OrderIndex(self)
            st = self._cache["standings"] = standings_view(self, self.index)
        return st

    def awards(self):
        """The award list: `scoreboard.awards.compute_awards` of the standings, its walks given again only
        where a change since the last call reaches them (scoreboard/award_cache.py)."""
        aw = self._cache.get("awards")
        if aw is None:
            aw = self._cache["awards"] = with_lock(self.award_cache.awards(self), self.control)
        return aw

    def public(self):
        """What the public screen may show: live, or the state at the freeze (封榜)."""
        if self.control.frozen_at is not None and self.frozen is not None:
            return self.frozen
        return self.standings(), self.awards()
