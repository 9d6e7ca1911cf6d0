"""Ceremony mode: the judges step through the reveal sequence (scoreboard.ceremony) from the
console; this view shows the current reveal, what this award has revealed so far, and at the
end the full honours list. Only a locked list is revealed; while the screen is frozen the
list it carries is the one at the freeze, so the ceremony waits for the unfreeze."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widget import Widget
from textual.widgets import Digits, Static

from scoreboard.ceremony import Honour, Recipient, Reveal, reveal_at, revealed_so_far

from .base import Ctx, View
from .state import PublicState, fmt_score, fmt_team_score, tr

CARDS = 12


def score_text(r: Recipient, team: bool) -> str:
    if r.score is None:
        return ""
    return fmt_team_score(r.score) if team else fmt_score(r.score)


def spaced(name: str) -> str:
    """A Chinese name with air between the characters, for the back row (张 三); others as they are."""
    return " ".join(name) if name and all(ord(ch) > 0x2E80 for ch in name) and len(name) <= 4 else name


def holder_places(awards: dict) -> dict[tuple[str, str | None, str], int]:
    """Each holder's place among its award's holders (in its group), in the list's order: (award, group,
    recipient) → 1, 2, …. A holder whose rank is below its place moved up past someone not counted."""
    places: dict[tuple[str, str | None, str], int] = {}
    counts: dict[tuple[str, str | None], int] = {}
    for a in awards.get("awards") or []:
        key = (a["id"], a.get("group"))
        counts[key] = counts.get(key, 0) + 1
        places.setdefault((a["id"], a.get("group"), a["recipient"]), counts[key])
    return places


def moved_up(r: Recipient, team: bool, place: int) -> bool:
    return not team and r.note != "assigned" and 0 < place < r.rank


def rank_line(r: Recipient, team: bool, lang: str, place: int = 0) -> str:
    """Where the holder stands, as the award says it: 厦门组内第2名; for one who moved up past holders not
    counted (依次顺延), the place among the award's holders first: 厦门组第3位获奖者 / 组内第7名，依次顺延."""
    if r.note == "assigned" or not r.rank:
        return ""
    if moved_up(r, team, place):
        if r.group:
            return f"{tr('group_holder', lang, group=r.group, place=place)}\n{tr('moved_in_group', lang, n=r.rank)}"
        return f"{tr('holder', lang, place=place)}\n{tr('moved_overall', lang, n=r.rank)}"
    if r.group and not team:
        return tr("group_place", lang, group=r.group, n=r.rank)
    return tr("team_place" if team else "place", lang, n=r.rank)


class RecipientCard(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(classes="rc-name", markup=False)
        yield Static(classes="rc-sub", markup=False)
        yield Static(classes="rc-rank", markup=False)
        yield Digits(classes="rc-score")

    def show(self, r: Recipient | None, team: bool, lang: str, place: int = 0) -> None:
        """`place`: the recipient's place among the award's holders (in its group), as the list orders them."""
        self.display = r is not None
        if r is None:
            return
        self.query_one(".rc-name", Static).update(spaced(r.name))
        sub = "" if team else " · ".join(x for x in (r.team, r.unit) if x)
        self.query_one(".rc-sub", Static).update(sub)
        self.query_one(".rc-rank", Static).update(rank_line(r, team, lang, place))
        digits = self.query_one(".rc-score", Digits)
        digits.update(score_text(r, team))
        digits.display = r.score is not None


class HonoursBoard(Widget):
    """Every award and its recipients, laid out in as many columns as the list needs."""

    COMPONENT_CLASSES = {"honours--heading", "honours--name", "honours--detail"}

    def __init__(self, **kw):
        super().__init__(**kw)
        self.honours: tuple[Honour, ...] = ()

    def set_honours(self, honours: tuple[Honour, ...]) -> None:
        self.honours = honours
        self.refresh()

    def lines(self) -> list[Text]:
        style = self.get_component_rich_style
        out: list[Text] = []
        for h in self.honours:
            if out:
                out.append(Text(""))
            out.append(Text(h.label, style=style("honours--heading")))
            width = max((Text(r.name).cell_len for r in h.recipients), default=0) + 2
            for r in h.recipients:
                team = r.team == r.name
                t = Text.assemble((r.name, style("honours--name")))
                t.pad_right(width - t.cell_len)
                if not team and r.team:
                    t.append(r.team, style=style("honours--detail"))
                if r.group and not team and r.group != r.team:
                    t.append(f"（{r.group}）", style=style("honours--detail"))
                out.append(t)
        return out

    def render(self) -> RenderableType:
        lines = self.lines()
        height = max(1, self.size.height)
        cols = max(1, -(-len(lines) // height))
        grid = Table.grid(expand=True, padding=(0, 2))
        for _ in range(cols):
            grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        chunks = [lines[i * height:(i + 1) * height] for i in range(cols)]
        cells = [Text("\n").join(c) for c in chunks]
        grid.add_row(*cells)
        return grid


class CeremonyView(View):
    def compose(self) -> ComposeResult:
        yield Static(id="cer-notice", markup=False)
        with Vertical(id="cer-reveal"):
            yield Static(id="cer-award", markup=False)
            yield Static(id="cer-place", markup=False)
            with Grid(id="cer-cards"):
                for _ in range(CARDS):
                    yield RecipientCard(classes="rc")
            yield Static(id="cer-so-far", markup=False)
        with Vertical(id="cer-honours-box"):
            yield Static(id="cer-honours-title", markup=False)
            yield HonoursBoard(id="cer-honours")

    def _mode(self, mode: str) -> None:
        for m in ("notice", "reveal", "honours"):
            self.set_class(m == mode, f"-{m}")

    def update_state(self, state: PublicState, ctx: Ctx) -> None:
        lang = ctx.lang
        seq = state.ceremony()
        notice = self.query_one("#cer-notice", Static)
        if not seq:
            key = "cer_frozen" if state.frozen and state.locked else "cer_not_locked"
            notice.update(Text.assemble((tr("cer_opening", lang), "bold"), "\n\n", tr(key, lang),
                                        justify="center"))
            self._mode("notice")
            return
        cur = reveal_at(seq, state.step)
        if cur is None:
            notice.update(Text.assemble((tr("cer_opening", lang), "bold"), "\n\n", state.title(lang),
                                        justify="center"))
            self._mode("notice")
            return
        if cur.kind == "honours":
            self.query_one("#cer-honours-title", Static).update(
                Text(f"{state.title(lang)}  {tr('cer_honours', lang)}", justify="center"))
            self.query_one(HonoursBoard).set_honours(cur.honours)
            self._mode("honours")
            return
        self._show_reveal(cur, seq, state, lang)
        self._mode("reveal")

    def _show_reveal(self, cur: Reveal, seq: list[Reveal], state: PublicState, lang: str) -> None:
        team = bool(cur.recipients) and all(r.team == r.name for r in cur.recipients)
        places = holder_places(state.awards)
        self.query_one("#cer-award", Static).update(Text(cur.label, justify="center"))
        if cur.group:
            place = cur.group
        elif len(cur.recipients) == 1 and cur.recipients[0].rank and cur.recipients[0].note != "assigned":
            r = cur.recipients[0]
            held = places.get((cur.award, r.group, r.recipient), 0)
            if moved_up(r, team, held):
                place = tr("holder", lang, place=held)
            else:
                place = tr("team_place" if team else "place", lang, n=r.rank)
        else:
            place = ""
        progress = tr("cer_of", lang, place=cur.place, of=cur.of) if cur.of > 1 else ""
        self.query_one("#cer-place", Static).update(
            Text.assemble((place, "bold"), "    " if place and progress else "", progress, justify="center"))
        grid = self.query_one("#cer-cards", Grid)
        n = len(cur.recipients)
        grid.styles.grid_size_columns = 1 if n == 1 else (n if n <= 4 else 4)
        grid.set_class(n == 1, "-single")
        for i, card in enumerate(self.query(RecipientCard)):
            r = cur.recipients[i] if i < n else None
            card.show(r, team, lang, places.get((cur.award, r.group, r.recipient), 0) if r else 0)
        earlier = [r for r in revealed_so_far(seq, cur.index) if r.index != cur.index]
        names = "、".join(x.name for r in earlier for x in r.recipients) if lang == "zh" else ", ".join(
            x.name for r in earlier for x in r.recipients)
        self.query_one("#cer-so-far", Static).update(f"{tr('cer_so_far', lang)}：{names}" if names else "")
