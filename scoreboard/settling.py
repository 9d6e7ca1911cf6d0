"""When the award list became settled: the first moment from which, through the end of the log, no
award the marks decide has anyone left possible (scoreboard/certainty.py).

Between two events that can unsettle a list (a regrade, a change on the day, a judges' decision, an
unlock), marks only narrow each contestant's range, so certain stays certain and out stays out: inside
such a stretch being settled is monotone and a bisection finds its first moment. Across the stretches
the search goes back from the end while the list was already settled before the event that opened the
stretch. Each probe folds the log to that position (a national day folds in about a tenth of a second).
"""

from __future__ import annotations

from .certainty import is_settled
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
    paper to tell). One forward pass looks at both ends of every stretch between unsettling events (inside a
    stretch being settled only grows); the first settled position after the last unsettled look is then
    found by bisection inside its stretch."""
    if not timeline.rules.paper_known:
        return None
    n = len(timeline)
    looks = {0, n}
    for b in barriers(timeline.events):
        looks.update((b - 1, b))
    looks = sorted(looks)
    settled = {}
    for p in looks:  # forward only: no refold
        timeline.seek_index(p)
        settled[p] = is_settled(timeline.board)
    if not settled[n]:
        return None
    unsettled = [p for p in looks if not settled[p]]
    if not unsettled:
        return 0
    lo = unsettled[-1] + 1
    hi = next(p for p in looks if p >= lo)  # settled; no unsettling event between lo and hi
    while lo < hi:
        mid = (lo + hi) // 2
        timeline.seek_index(mid)
        if is_settled(timeline.board):
            hi = mid
        else:
            lo = mid + 1
    return lo
