"""The replay's own words, in Chinese (default) and English; the console's screens keep theirs."""

from __future__ import annotations

from display.console.catalogue import msg as console_msg
from display.console.catalogue import translate_bindings as console_translate

M: dict[str, tuple[str, str]] = {
    "app_title": ("赛场计分台 · 回放", "Scoreboard · replay"),
    "source_role": ("回放", "replay"),
    "event_no": ("事件#{id}（第{n}/{of}条）", "event #{id} ({n} of {of})"),
    "top_n_is": ("前{n}名", "top {n}"),
    # the status line under the bar (controls.STATUS: its keys are read from the bindings)
    "hint_play": ("播放/暂停", "play/pause"),
    "hint_speed": ("快慢", "speed"),
    "hint_step": ("单步", "step"),
    "hint_minute": ("跳1分钟", "1 min"),
    "hint_goto": ("跳到", "go to"),
    "hint_top": ("前N名变化", "top-N change"),
    "hint_award": ("奖项变化", "award change"),
    "hint_exit": ("跌出前N", "left top N"),
    # help (`?`): the replay's own keys
    "help_title": ("回放：按键", "Replay: keys"),
    "rh_modes": ("{modes}（均为所示时刻）", "{modes} (each as it stood at the moment shown)"),
    "rh_play": ("播放 / 暂停", "play / pause"),
    "rh_speed": ("加快 / 减慢（1× … 3600×）", "faster / slower (1× … 3600×)"),
    "rh_step": ("上一事件 / 下一事件", "one event back / forward"),
    "rh_minute": ("前1分钟 / 后1分钟", "one minute back / forward"),
    "rh_goto": ("跳到输入的时刻：时:分[:秒]、#事件号、start 或 end", "go to a typed moment: HH:MM[:SS], #event, start or end"),
    "rh_top": ("下一次前N名人选或顺序变化的事件", "the next event that changes who is in the top N, or their order"),
    "rh_award": ("下一次奖项名单（或待决并列）变化的事件", "the next event that changes the award list (or its pending ties)"),
    "rh_exit": ("选中的选手何时跌出前N名，及原因", "when the highlighted contestant left the top N, and why"),
    "rh_help": ("本帮助", "this help"),
    "rh_palette": ("命令面板：按名称执行以上操作", "the command palette: all of the above by name"),
    "rh_quit": ("退出", "quit"),
    "rh_text": ("鼠标：点击或拖动时间条，跳到该时刻。个人排名：{search} 搜索准考证号或姓名，回车看选手详情，{back} 返回。\n"
                "回放只读：裁判的操作（裁定并列、确认、定榜、大屏控制、记分台）在回放中不提供。",
                "Mouse: click or drag the bar to go to that moment. Ranking: {search} searches an exam number or name, "
                "Enter opens the contestant, {back} returns.\n"
                "A replay never writes: the judges' actions (ties, confirming, locking, the big screen, the scorer's "
                "desk) are not offered."),
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
    "changes_chart": ("各奖项易主次数随时间累计（{zone}）", "Award changes over the day, cumulative ({zone})"),
    # when each award became certain (certain.py)
    "certain_title": ("何时确定获奖：", "When each award became certain:"),
    "certain_waiting": ("计算中……（奖项易主扫描完成后开始）", "Computing… (once the award changes are in)"),
    "certain_computing": ("计算中……（已看{n}个时刻）", "Computing… ({n} moments looked at)"),
    "certain_unknown": ("无法计算：规则未声明试卷结构（{why}）", "Not computed: the rules declare no paper ({why})"),
    "certain_stage": ("不计算：现场赛按轮次记分，没有试卷", "Not computed: an on-stage contest is scored by rounds, with no paper"),
    "certain_award": ("奖项", "Award"),
    "certain_places": ("名额", "Places"),
    "certain_who": ("此时起确定获得者", "Certain from then on"),
    "certain_place": ("第{k}个（共{of}）", "place {k} of {of}"),
    "certain_place_range": ("第{k}–{last}个（共{of}）", "places {k}–{last} of {of}"),
    "certain_from_start": ("开赛即确定", "from the start"),
    "certain_settled": ("此奖名单确定", "list settled"),
    "certain_settled_note": ("此后成绩已无法改变此奖：{n}个确定", "no mark can change it from then on: {n} certain"),
    "certain_open": ("至日终未确定", "open at the end"),
    "certain_open_note": ("日终时{of}个名额中确定{n}个，尚有{possible}{unit}可能获得",
                          "at the end {n} of {of} places certain, {possible} still possible"),
    "certain_list_settled": ("整份名单自{at}（事件#{event}）起确定", "the whole list is settled since {at} (event #{event})"),
    "certain_list_from_start": ("整份名单开赛即确定", "the whole list is settled from the start"),
    "certain_list_open": ("至日终整份名单仍未全部确定", "the whole list is not settled by the end of the log"),
    "certain_done": ("（{s:.1f}秒算出，看了{looks}个时刻；回车跳到该时刻）", "({s:.1f} s, {looks} moments looked at; "
                     "Enter goes there)"),
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
