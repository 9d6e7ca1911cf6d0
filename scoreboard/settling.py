"""When the award list became settled: the first moment from which, through the end of the log, no
award the marks decide has anyone left possible (scoreboard/certainty.py).

Between two events that can unsettle a list (a regrade, a change on the day, a judges' decision, an
unlock), marks only narrow each contestant's range, so certain stays certain and out stays out: inside
such a stretch being settled is monotone and a bisection finds its first moment. Across the stretches
the search goes back from the end while the list was already settled before the event that opened the
stretch. Each probe folds the log to that position (a national day folds in about a tenth of a second).
"""

from __future__ import annotations

from .certainty import compute_certainty
from .timeline import Timeline

UNSETTLING = {"disqualify", "reinstate", "withdraw", "correct", "substitute", "decision", "unlock", "answer",
              "panel", "undo"}


def barriers(events) -> list[int]:
    """Positions (events applied) just after each event that can unsettle the list, in order."""
    seen: set[tuple[str, str]] = set()
    out = []
    for i, ev in enumerate(events):
        if ev.kind == "result":
            key = (ev.data.get("contestant"), ev.data.get("item"))
            if key in seen:
                out.append(i + 1)
            seen.add(key)
        elif ev.kind in UNSETTLING:
            out.append(i + 1)
    return out


def settled_position(timeline: Timeline) -> int | None:
    """The position from which the list is settled through the end (None: not settled at the end, or no
    paper to tell)."""
    if not timeline.rules.paper_known:
        return None
    n = len(timeline)

    def settled(p: int) -> bool:
        timeline.seek_index(p)
        return compute_certainty(timeline.board).settled

    if not settled(n):
        return None
    starts = [0] + barriers(timeline.events)
    end = n  # settled at `end`; find the first settled position of the stretch that holds it
    for start in reversed(starts):
        if start > end:
            continue
        lo, hi = start, end
        while lo < hi:
            mid = (lo + hi) // 2
            if settled(mid):
                hi = mid
            else:
                lo = mid + 1
        if lo > start or start == 0 or not settled(start - 1):
            return lo
        end = start - 1
    return 0
