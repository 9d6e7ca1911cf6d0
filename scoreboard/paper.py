"""A section's paper (试卷结构): how many items it has and what each is worth.

Declared in the rules, per section, one of two ways:

    [[sections]]                      # every item worth the same
    id = "choice"
    items = 40
    points = 1

    [[sections]]                      # items of different worth
    id = "case"
    paper = [{ items = 2, points = 10 }, { items = 1, points = 15 }]

With every section's paper known, each contestant's remaining points are known (what the items not
yet graded could still bring), which is what certainty (scoreboard/certainty.py) and marking progress
(scoreboard/progress.py) stand on. A record whose `max` is not a worth the section's paper has is
refused (`max_mismatch`); a contestant's item beyond what the paper has of that worth is refused
(`paper_exceeded`). Without a paper everything works as before; certainty is then not computed.
"""

from __future__ import annotations

from dataclasses import dataclass

from .limits import MAX_ITEM_POINTS, MAX_ITEMS

SCALE = 100  # hundredths of a point, as scoreboard.events


@dataclass(frozen=True)
class Paper:
    parts: tuple[tuple[int, int], ...]  # (items, worth of each in hundredths), worths distinct, best first

    @property
    def items(self) -> int:
        return sum(n for n, _ in self.parts)

    @property
    def total(self) -> int:
        """The section's full marks, in hundredths."""
        return sum(n * w for n, w in self.parts)

    @property
    def caps(self) -> dict[int, int]:
        """Worth (hundredths) -> how many items of that worth."""
        return {w: n for n, w in self.parts}

    def describe(self, lang: str = "zh") -> str:
        """共40题，每题1分 / 2 items of 10 points, 1 of 15 (as docs and explanations say it)."""
        parts = [(n, w / SCALE) for n, w in self.parts]
        if lang == "zh":
            return "；".join(f"{n}题×{w:g}分" for n, w in parts) + f"，共{self.total / SCALE:g}分"
        return ", ".join(f"{n} × {w:g} points" for n, w in parts) + f" ({self.total / SCALE:g} in all)"


def parse_paper(s: dict, where: str, error) -> Paper | None:
    """The paper a section's table declares (None: none). `error` is the rules' exception class."""
    has_short = "items" in s or "points" in s
    if has_short and "paper" in s:
        raise error.of("paper_both", where=where)
    if has_short:
        if "items" not in s or "points" not in s:
            raise error.of("paper_pair", where=where)
        raw = [{"items": s["items"], "points": s["points"]}]
        names = [where]
    elif "paper" in s:
        raw = s["paper"]
        if not isinstance(raw, list) or not raw:
            raise error.of("paper_list", where=where)
        names = [f"{where}.paper[{i}]" for i in range(len(raw))]
    else:
        return None
    parts: dict[int, int] = {}
    for part, here in zip(raw, names):
        if not isinstance(part, dict) or set(part) != {"items", "points"}:
            raise error.of("paper_part", where=here)
        n, p = part["items"], part["points"]
        if isinstance(n, bool) or not isinstance(n, int) or n <= 0:
            raise error.of("paper_items", where=here, value=repr(n))
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 < p <= MAX_ITEM_POINTS:
            raise error.of("paper_points", where=here, max=MAX_ITEM_POINTS, value=repr(p))
        worth = round(p * SCALE)
        if abs(worth - p * SCALE) > 1e-6:
            raise error.of("paper_fine", where=here, value=repr(p))
        if worth in parts:
            raise error.of("paper_again", where=here, points=f"{p:g}")
        parts[worth] = n
    paper = Paper(tuple(sorted(((n, w) for w, n in parts.items()), key=lambda x: -x[1])))
    if paper.items > MAX_ITEMS:
        raise error.of("paper_too_many", where=where, items=paper.items, max=MAX_ITEMS)
    return paper


def paper_problem(board, rec: dict):
    """Why a result does not fit the contestant's paper (None: it fits, or its section has no paper). Only
    a new item can overflow: a regrade replaces a mark already counted."""
    from .events import Rejection

    seq, who, item, section, mx = rec["seq"], rec["contestant"], rec["item"], rec["section"], rec["max"]
    idx = board.section_index[section]
    caps = board.paper_caps[idx]
    if caps is None or item in board.marks[who]:
        return None
    sec = board.rules.sections[idx]
    worth = round(mx * SCALE)
    if worth not in caps:
        worths = "、".join(f"{w / SCALE:g}" for w in caps)
        return Rejection("max_mismatch",
                         f"record {seq}: the paper's {section} items are worth {', '.join(f'{w / SCALE:g}' for w in caps)}"
                         f" points; this record says {mx:g}",
                         f"第{seq}条成绩：试卷上{sec.label}每题{worths}分，此条却写满分{mx:g}")
    used = (board.paper_used.get(who) or {}).get((idx, worth), 0)
    if used >= caps[worth]:
        return Rejection("paper_exceeded",
                         f"record {seq}: contestant {who} already has {used} graded {section} items worth {mx:g}, "
                         f"all the paper has ({sec.paper.describe('en')}); item {item} would be one more",
                         f"第{seq}条成绩：{who}的{sec.label}已有{used}道{mx:g}分题评完，试卷只有这么多"
                         f"（{sec.paper.describe('zh')}），题目{item}多出一道")
    return None
