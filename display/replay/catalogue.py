"""The replay's own words, in Chinese (default) and English; the console's screens keep theirs."""

from __future__ import annotations

from display.console.catalogue import msg as console_msg
from display.console.catalogue import translate_bindings as console_translate

M: dict[str, tuple[str, str]] = {
    "app_title": ("赛场计分台 · 回放", "Scoreboard · replay"),
    "source_role": ("回放", "replay"),
    "event_no": ("事件#{id}（第{n}/{of}条）", "event #{id} ({n} of {of})"),
    "top_n_is": ("前{n}名", "top {n}"),
    "bar_hint": ("空格 播放/暂停 · +/- 快慢 · ,/. 单步 · </> 跳1分钟 · G 跳到 · N 前N名变化 · A 奖项变化 · X 跌出前N",
                 "Space play/pause · +/- speed · ,/. step · </> 1 min · G go to · N top-N change · A award change · "
                 "X left top N"),
    # bindings
    "play": ("播放/暂停", "Play/pause"),
    "faster": ("加快", "Faster"),
    "slower": ("减慢", "Slower"),
    "step_fwd": ("下一事件", "Step"),
    "step_back": ("上一事件", "Step back"),
    "seek_fwd": ("后1分钟", "+1 min"),
    "seek_back": ("前1分钟", "-1 min"),
    "goto": ("跳到时刻", "Go to"),
    "next_top": ("前N名下次变化", "Next top-N change"),
    "next_award": ("奖项下次易主", "Next award change"),
    "exit_top": ("何时跌出前N", "When they left top N"),
    "mode_history": ("历史图表", "History charts"),
    "mode_changes": ("奖项易主", "Award changes"),
    # notices
    "no_top_change": ("此后前{n}名不再变化", "The top {n} does not change again"),
    "no_award_change": ("此后奖项名单不再变化", "The award list does not change again"),
    "top_changed": ("前{n}名变化：{event}", "Top {n} changed: {event}"),
    "award_changed": ("{award}易主：{event}", "{award} changed hands: {event}"),
    "pick_contestant": ("请先在个人排名中选中一位选手", "Highlight a contestant in the ranking first"),
    "never_left": ("{who}全天未曾跌出前{n}名", "{who} never left the top {n}"),
    "left_top": ("{who}第{k}/{count}次跌出前{n}名（第{before}→{after}名）：{event}",
                 "{who} left the top {n} ({k} of {count}: {before} → {after}): {event}"),
    "scanning": ("正在扫描全天记录……", "Scanning the day…"),
    "moved_by": ("此刻的变动由以下事件引起", "What moved them at this moment"),
    # go to
    "goto_title": ("跳到时刻", "Go to a moment"),
    "goto_hint": ("时:分[:秒]、#事件号、start 或 end", "HH:MM[:SS], #event, start or end"),
    "bad_goto": ("无法识别：{text}", "Not understood: {text}"),
    # award changes
    "changes_title": ("奖项易主的时刻（全天）", "When an award changed hands (the whole day)"),
    "changes_progress": ("正在计算全天的奖项变化：{done}/{of}", "Computing the day's award changes: {done}/{of}"),
    "changes_done": ("全天共{n}次奖项变化（{s:.1f}秒算出）；回车跳到该时刻", "{n} award changes in the day "
                     "(computed in {s:.1f} s); Enter goes to the moment"),
    "event": ("事件", "Event"),
    "gained": ("得奖", "Gained"),
    "lost": ("失去", "Lost"),
    "cause": ("引起变化的事件", "The event that caused it"),
    "changes_chart": ("各奖项易主次数随时间累计", "Award changes over the day (cumulative)"),
    # history
    "history_who": ("选手准考证号或代表队名，逗号分隔", "Exam numbers or team names, comma-separated"),
    "rank_over_time": ("名次随时间变化", "Rank over time"),
    "distribution": ("{section}得分分布（此刻）", "{section}: scores now"),
    "history_progress": ("正在计算名次历史……", "Computing rank history…"),
    "count": ("人数", "Contestants"),
    "score": ("得分", "Score"),
}


def msg(key: str, lang: str = "zh", **params) -> str:
    """The replay's own word for `key`, else the console's (the replay shows the console's screens)."""
    if key not in M:
        return console_msg(key, lang, **params)
    zh, en = M[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def translate_bindings(node, lang: str) -> None:
    """Footer labels of the replay's own bindings (the console translates its own)."""
    console_translate(node, lang, M, msg)
