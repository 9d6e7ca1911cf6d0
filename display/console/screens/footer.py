"""The console's footer: the keys that fit, `? 帮助` and `q 退出` always among them.

Textual's Footer lays out every shown binding in a row and cuts what passes the edge, and the app's
keys (the panes, help, quit) come last, so at 80 columns help and quit were the first to go. This
footer measures its keys: when they do not all fit it turns compact (less space around each key) and
leaves out the least important ones (`KEEP`, by action; 0 is never left out) until the rest fit,
in their usual order. Every key left out still works, and is in the help (`?`) and the command
palette (`Ctrl+P`).
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# How long a key stays in the footer as it narrows: 0 always; the highest goes first.
KEEP = {
    "help": 0, "quit": 0, "app.pop_screen": 0,
    "app.disqualify": 1, "app.withdraw": 1, "app.correct": 1,  # ranking, detail
    "app.decide": 1, "app.confirm": 1, "app.lock": 1,  # awards
    "app.freeze": 1,  # big screen
    "search": 2, "app.substitute": 2, "app.unlock": 2, "app.assign": 2, "app.revoke": 2,
    "app.unfreeze": 2, "app.ceremony": 2, "cycle_certainty": 2, "app.mark_certain": 2,
    "cycle_view": 3, "app.screen_view": 3,
    "step": 4, "mode": 4,  # the panes: 1–7 are in the help
    "answer": 1, "mark": 1, "undo": 1,  # the scorer's desk: what is entered at the question
    "question": 2, "contestant": 2, "stake": 2,
    "round": 3, "announce": 3,
}
OTHER = 5  # a key not in KEEP: the replay's own controls, after the panes


def keep(action: str) -> int:
    return KEEP.get(action.split("(", 1)[0], OTHER)


def key_width(key: str, description: str, compact: bool) -> int:
    """Cells a FooterKey takes (Textual's footer CSS: a padded key and description; compact: a space
    between them and one after)."""
    if not description:
        return cell_len(key) + (1 if compact else 0)
    return cell_len(key) + cell_len(description) + (2 if compact else 3)


def choose(keys: list[tuple[str, int]], room: int) -> list[int]:
    """Of the keys (action, width) in their order, the indices of those shown in `room` cells: every
    keep-0 key, then the others by importance (and order) while they fit. Keys of one action with
    different arguments (`[` and `]`, `1`–`3`, the big screen's views) come and go together."""
    groups: dict[str, list[int]] = {}
    for i, (action, _w) in enumerate(keys):
        groups.setdefault(action.split("(", 1)[0], []).append(i)
    chosen = [i for name, members in groups.items() if keep(name) == 0 for i in members]
    used = sum(keys[i][1] for i in chosen)
    for name, members in sorted(groups.items(), key=lambda g: (keep(g[0]), g[1][0])):
        width = sum(keys[i][1] for i in members)
        if keep(name) > 0 and used + width <= room:
            chosen += members
            used += width
    return sorted(chosen)


class ConsoleFooter(Footer):
    def _plan(self):
        """(the bindings to show, compact or not, the palette's binding or None) for the width now."""
        active = self.screen.active_bindings
        seen, shown = set(), []
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:  # one key per action, as Textual's footer
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        width = self.size.width or self.app.size.width
        app = self.app
        for compact in (False, True):
            room = width
            if palette is not None:
                room -= key_width(app.get_key_display(palette.binding), palette.binding.description, compact) + \
                    (1 if compact else 2)  # its border, and its padding or margin
            sizes = [(b.action, key_width(app.get_key_display(b), b.description, compact))
                     for b, _e, _t in shown]
            if sum(w for _k, w in sizes) <= room:
                return shown, compact, palette
        return [shown[i] for i in choose(sizes, room)], True, palette

    def compose(self):
        if not self._bindings_ready:
            return
        shown, compact, palette = self._plan()
        self._planned = ([b.action for b, _e, _t in shown], compact)
        self.compact = compact
        app = self.app
        for binding, enabled, tooltip in shown:
            yield FooterKey(binding.key, app.get_key_display(binding), binding.description, binding.action,
                            disabled=not enabled, tooltip=tooltip).data_bind(compact=Footer.compact)
        if palette is not None:
            yield FooterKey(palette.binding.key, app.get_key_display(palette.binding), palette.binding.description,
                            palette.binding.action, classes="-command-palette", disabled=not palette.enabled,
                            tooltip=palette.binding.tooltip or palette.binding.description)

    def on_resize(self) -> None:
        if not self._bindings_ready:
            return
        shown, compact, _palette = self._plan()
        if ([b.action for b, _e, _t in shown], compact) != getattr(self, "_planned", None):
            self.call_after_refresh(self.recompose)
