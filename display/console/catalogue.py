"""Every string the judges' console shows, in Chinese (default) and English.

One place for the UI's words: screens ask `msg(key, lang, **params)`. Reasons
and explanations from the core are rendered by the core's own i18n.
"""

from __future__ import annotations

from .catalogue_marking import WORDS as MARKING

M: dict[str, tuple[str, str]] = {
    "app_title": ("赛场计分台 · 裁判席", "Scoreboard · judges' console"),
    # modes
    "mode_ranking": ("个人排名", "Individual"),
    "mode_teams": ("团体排名", "Teams"),
    "mode_awards": ("奖项", "Awards"),
    "mode_quarantine": ("隔离区", "Quarantine"),
    "mode_health": ("数据源", "Feed health"),
    "mode_audit": ("审计", "Audit"),
    "mode_control": ("大屏控制", "Big screen"),
    "mode_desk": ("记分台", "Scorer's desk"),
    "detail": ("选手详情", "Contestant"),
    "help": ("帮助", "Help"),
    "palette": ("命令", "palette"),
    # the command palette: Textual's own entries, and what each of ours does
    "sys_theme": ("配色主题", "Theme"),
    "sys_theme_help": ("更换界面配色", "Change the colour theme"),
    "sys_keys": ("按键一览", "Keys"),
    "sys_keys_show": ("显示当前可用的按键", "Show the keys available here"),
    "sys_keys_hide": ("隐藏按键一览", "Hide the keys panel"),
    "sys_screenshot": ("截图", "Screenshot"),
    "sys_screenshot_help": ("把当前画面保存为 SVG 图片", "Save the screen as an SVG picture"),
    "sys_quit": ("退出", "Quit"),
    "sys_quit_help": ("退出本程序", "Quit the program"),
    "p_mode": ("切换到此画面（按 {k}）", "switch to this screen (key {k})"),
    "palette_search": ("搜索命令……", "Search for commands…"),
    "p_key": ("按 {k}", "key {k}"),
    "p_decide": ("对截止线上的并列作出裁定：排定先后、并列或抽签", "settle a tie at a cut-off: order, share or lots"),
    "p_confirm": ("确认当前获奖名单（定榜前须确认）", "confirm the current award list (needed before the lock)"),
    "p_lock": ("定榜：锁定已确认的获奖名单（总裁判长）", "lock the confirmed award list (chief judge)"),
    "p_unlock": ("撤销定榜，须写明理由（总裁判长）", "unlock the list, with a reason (chief judge)"),
    "p_assign": ("授予由裁判指定的奖项（如优秀组织奖）", "give an award the judges assign (such as the organisation prize)"),
    "p_revoke": ("撤销已授予的裁判指定奖项", "take back an award the judges assigned"),
    "p_freeze": ("封榜：大屏停在此刻的排名，裁判仍看实时", "freeze the big screen at this moment; judges stay live"),
    "p_unfreeze": ("解除封榜", "unfreeze the big screen"),
    "p_view": ("大屏切换到此画面", "the big screen shows this"),
    "p_ceremony_next": ("颁奖典礼揭晓下一项（须已定榜）", "reveal the next award of the ceremony (list locked)"),
    "p_ceremony_prev": ("颁奖典礼退回上一项", "step the ceremony back"),
    "p_help": ("本画面的按键与用法", "this screen's keys and how to use them"),
    "quit": ("退出", "Quit"),
    # ranking
    "rank": ("名次", "Rank"),
    "group_rank": ("组内", "In grp"),
    "move": ("变化", "Move"),
    "exam_no": ("准考证号", "Exam no."),
    "name": ("姓名", "Name"),
    "team": ("代表队", "Team"),
    "group": ("组别", "Group"),
    "total": ("总分", "Total"),
    "graded": ("已评", "Graded"),
    "time_used": ("用时", "Time"),
    "score": ("团体成绩", "Score"),
    "present": ("到考/人数", "Present"),
    "members": ("成员", "Members"),
    "view_all": ("全部", "All"),
    "view_team": ("按代表队", "By team"),
    "view_group": ("按组别", "By group"),
    "search": ("搜索准考证号或姓名", "Search exam no. or name"),
    "shown": ("显示{n}/{of}人 · 事件#{ev} · {at}", "{n} of {of} shown · event #{ev} · {at}"),
    "shown_teams": ("共{n}支代表队 · 事件#{ev} · {at}", "{n} teams · event #{ev} · {at}"),
    "waiting": ("正在连接数据源……", "Connecting to the source…"),
    "cycle_view": ("切换视图", "Cycle view"),
    "next_filter": ("下一个", "Next"),
    "prev_filter": ("上一个", "Previous"),
    "focus_search": ("搜索", "Search"),
    "open_detail": ("详情", "Details"),
    # detail
    "item": ("题目", "Item"),
    "section": ("题型", "Section"),
    "mark": ("得分", "Mark"),
    "max": ("满分", "Max"),
    "history": ("评分记录", "History"),
    "regraded": ("（改分{n}次）", " (regraded {n}×)"),
    "rank_over_time": ("名次变化", "Rank over time"),
    "explanation": ("名次与奖项说明", "Why this rank and award"),
    "back": ("返回", "Back"),
    "no_marks": ("尚无评分", "No marks yet"),
    # awards
    "award": ("奖项", "Award"),
    "recipient": ("获奖者", "Recipient"),
    "why": ("依据", "Why"),
    "note": ("备注", "Note"),
    "pending_ties": ("截止线并列（待裁定）", "Ties at a cut-off (awaiting the judges)"),
    "no_ties": ("无待裁定的并列", "No pending ties"),
    "tied": ("并列者", "Tied"),
    "room": ("剩余名额", "Places"),
    "status_open": ("待确认", "open: awaiting confirmation"),
    "status_pending_ties": ("临时名单：有待裁定的并列", "provisional: ties pending"),
    "status_confirmed": ("已确认，待总裁判长定榜", "confirmed: awaiting the chief's lock"),
    "status_locked": ("已定榜", "locked"),
    "awards_status": ("名单状态：{status} · 指纹 {digest}", "List: {status} · digest {digest}"),
    "locked_by": ("{actor}于{at}定榜：{why}", "locked by {actor} at {at}: {why}"),
    "lock_mismatch": ("严重：定榜时记录的名单（摘要 {recorded}）与现在由数据文件算出的名单（{computed}）不同，"
                      "请运行 scoreboard verify 查明原因",
                      "SERIOUS: the lock recorded award list {recorded}, but the file now gives {computed}; "
                      "run scoreboard verify"),
    "drift": ("注意：定榜后成绩有变，现时计算的名单与定榜名单不同", "Warning: marks changed after the lock; the live list differs from the locked one"),
    "decide": ("裁定并列", "Settle tie"),
    "confirm": ("确认名单", "Confirm list"),
    "lock": ("定榜", "Lock list"),
    "unlock": ("解除定榜", "Unlock"),
    "assign": ("授予优秀组织奖", "Assign prize"),
    "revoke": ("撤销授予", "Revoke"),
    # dialogs
    "tie_title": ("裁定并列：{award}{group}", "Settle the tie: {award}{group}"),
    "tie_room": ("剩余{room}个名额，以下选手全部排序键相同：", "{room} place(s) left; these are equal on every key:"),
    "outcome": ("裁定方式", "Outcome"),
    "outcome_order": ("排定先后（如加赛结果）", "Order them (e.g. a play-off)"),
    "outcome_share": ("并列获奖", "Let them share"),
    "outcome_lots": ("抽签", "Draw lots"),
    "order_hint": ("先后顺序，准考证号以逗号分隔，优者在前", "Order, exam numbers comma-separated, best first"),
    "seed": ("抽签种子（当众公布）", "Seed of the draw (announced)"),
    "reason": ("理由（必填）", "Reason (required)"),
    "reason_opt": ("备注（可选）", "Note (optional)"),
    "ok": ("确定", "OK"),
    "cancel": ("取消", "Cancel"),
    "need_reason": ("请填写理由", "A reason is required"),
    "bad_order": ("顺序须恰好列出每位并列者一次", "The order must list every tied entry exactly once"),
    "confirm_title": ("确认奖项名单", "Confirm the award list"),
    "confirm_body": ("确认当前名单（指纹 {digest}，{n}项奖励）？确认后总裁判长方可定榜。",
                     "Confirm the current list (digest {digest}, {n} awards)? The chief may lock it after."),
    "lock_title": ("定榜", "Lock the award list"),
    "lock_body": ("定榜后名单冻结，颁奖仪式以此为准。确定对名单 {digest} 定榜？",
                  "After the lock the list is frozen and the ceremony uses it. Lock list {digest}?"),
    "unlock_title": ("解除定榜", "Unlock the award list"),
    "unlock_body": ("解除定榜将终止颁奖流程，须填写理由。", "Unlocking stops the ceremony; a reason is required."),
    "assign_title": ("授予{award}", "Assign {award}"),
    "assign_to": ("授予对象", "Recipient"),
    "revoke_title": ("撤销{award}：{recipient}", "Revoke {award} from {recipient}"),
    "freeze_title": ("封榜", "Freeze the big screen"),
    "freeze_body": ("大屏将停留在此刻的排名，裁判席仍见实时数据。", "The big screen keeps this moment's standings; consoles stay live."),
    "nothing_to_decide": ("没有待裁定的并列", "No tie to settle"),
    "nothing_to_revoke": ("没有可撤销的授予", "Nothing assigned to revoke"),
    "no_judge_award": ("本规则没有由裁判授予的奖项", "These rules have no judge-assigned award"),
    # results
    "sent": ("已记录：{kind}（事件#{id}）", "Recorded: {kind} (event #{id})"),
    "refused": ("未执行：{message}", "Refused: {message}"),
    "read_only": ("只读模式（离线数据库）：请通过数据服务连接后操作", "Read-only (offline database): connect through the feeder to act"),
    "chief_only": ("仅总裁判长可执行", "Chief judge only"),
    # quarantine
    "q_all": ("全部考场", "All halls"),
    "hall": ("考场", "Hall"),
    "seq": ("序号", "Seq"),
    "code": ("原因", "Reason"),
    "message": ("说明", "Message"),
    "at": ("时间", "Time"),
    "at_zone": ("时间（{zone}）", "Time ({zone})"),
    "q_summary": ("共隔离{n}条：{detail}", "{n} quarantined: {detail}"),
    "q_none": ("隔离区为空", "Nothing quarantined"),
    # health
    "connected": ("连接", "Connected"),
    "peer": ("地址", "Peer"),
    "acked": ("已确认序号", "Acked seq"),
    "last_at": ("最后记录", "Last record"),
    "since": ("距今", "Since"),
    "per_minute": ("条/分", "Rec/min"),
    "lag": ("未显示", "Lag"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "unknown": ("—", "—"),
    "health_source": ("数据源：{source} · 身份：{role} {name} · 健康信息更新于{at}",
                      "Source: {source} · role: {role} {name} · health as of {at}"),
    "no_halls": ("尚无考场接入", "No hall has connected yet"),
    "disconnected": ("与数据源断开：{why}；正在重连……", "Lost the source: {why}; reconnecting…"),
    "sub_connecting": ("正在连接 {url}……", "Connecting to {url}…"),
    "sub_retrying": ("连接不上：已重试{n}次，{retry:.0f}秒后再试；上次错误：{error}",
                     "Cannot connect: {n} tries, next in {retry:.0f} s; last error: {error}"),
    "sub_lost": ("连接中断：{why}；正在重连……", "Connection lost: {why}; reconnecting…"),
    "refused_unauthorized": ("登录被拒绝：服务器不认这个令牌（{message}）。请核对 --token-file 或 SCOREBOARD_TOKEN "
                             "中的令牌与组织方发的是否一致。",
                             "Login refused: the feeder does not know this token ({message}). Check the token in "
                             "--token-file or SCOREBOARD_TOKEN against the one the organisers gave you."),
    "refused_other": ("登录被拒绝（{code}）：{message}", "Login refused ({code}): {message}"),
    "role_judge": ("裁判", "judge"),
    "role_chief": ("裁判长", "chief judge"),
    "role_display": ("大屏", "screen"),
    # audit
    "kind": ("操作", "Action"),
    "actor": ("裁判", "Judge"),
    "what": ("内容", "What"),
    "chain_ok": ("文件校验通过：全部成绩与{n}条裁判记录均已封存", "The file verifies: every mark and {n} judge events sealed"),
    "chain_bad": ("文件校验失败：{message}", "The file FAILS verification: {message}"),
    "chain_remote": ("经数据服务连接：链由服务端校验；{n}条裁判记录（本地无哈希，可运行 scoreboard verify）",
                     "Through the feeder: the server keeps the chain; {n} judge events (run scoreboard verify on the database)"),
    # control
    "screen_state": ("大屏：视图 {view} · {frozen} · {marks} · 颁奖步骤 {step} · {locked}",
                     "Big screen: view {view} · {frozen} · {marks} · ceremony step {step} · {locked}"),
    "frozen": ("已封榜", "frozen"),
    "live": ("实时", "live"),
    "locked_yes": ("已定榜", "locked"),
    "locked_no": ("未定榜", "not locked"),
    "view_individual": ("个人排名", "individual"),
    "view_teamv": ("团体排名", "team"),
    "view_groupv": ("组别排名", "group"),
    "view_awards": ("奖项", "awards"),
    "view_latest": ("最新成绩", "latest"),
    "view_ceremony": ("颁奖仪式", "ceremony"),
    "view_stage": ("现场赛", "on stage"),
    "freeze": ("封榜", "Freeze"),
    "unfreeze": ("解除封榜", "Unfreeze"),
    "ceremony_next": ("颁奖下一步", "Ceremony next"),
    "ceremony_prev": ("颁奖上一步", "Ceremony back"),
    "ceremony_needs_lock": ("颁奖仪式需要已定榜的名单", "The ceremony needs a locked list"),
    "show_view": ("大屏显示：{view}", "Screen shows: {view}"),
    "group_for_screen": ("大屏组别", "Group for the screen"),
    # kinds for the audit and notices
    "k_decision": ("裁定并列", "tie decision"),
    "k_confirm": ("确认名单", "confirm"),
    "k_lock": ("定榜", "lock"),
    "k_unlock": ("解除定榜", "unlock"),
    "k_assign": ("授奖", "assign"),
    "k_revoke": ("撤销", "revoke"),
    "k_freeze": ("封榜", "freeze"),
    "k_unfreeze": ("解除封榜", "unfreeze"),
    "k_view": ("大屏视图", "screen view"),
    "k_ceremony": ("颁奖步骤", "ceremony step"),
    "k_answer": ("答题记分", "answer"),
    "k_panel": ("评委打分", "panel mark"),
    "k_undo": ("撤销记录", "undo"),
    "k_stage": ("台上题目", "on stage"),
    "k_disqualify": ("取消成绩", "disqualify"),
    "k_reinstate": ("恢复成绩", "reinstate"),
    "k_withdraw": ("缺考/弃权", "withdraw"),
    "k_correct": ("更正", "correct"),
    "k_substitute": ("替补上场", "substitute"),
    # changes on the day (dayactions.py, screens/daydialogs.py)
    "disqualify": ("取消成绩", "Disqualify"),
    "reinstate": ("恢复成绩", "Reinstate"),
    "withdraw": ("缺考/弃权", "Withdrawn"),
    "correct": ("更正", "Correct"),
    "substitute": ("替补上场", "Substitute"),
    "key_disqualify": ("取消成绩", "DQ"),  # the footer's words: short in English, where the footer is full
    "key_reinstate": ("恢复成绩", "Reinstate"),
    "key_withdraw": ("缺考/弃权", "Absent"),
    "key_correct": ("更正", "Correct"),
    "key_substitute": ("替补上场", "Sub"),
    "p_disqualify": ("所选选手违纪：退出个人排名和奖项，依次顺延（总裁判长）",
                     "The selected contestant broke the rules: out of the ranking and awards (chief)"),
    "p_reinstate": ("撤销所选选手的取消成绩或缺考/弃权（总裁判长）",
                    "Undo the selected contestant's disqualification or withdrawal (chief)"),
    "p_withdraw": ("所选选手缺考或中途弃权：退出个人排名和奖项", "The selected contestant did not show up or left"),
    "p_correct": ("更正所选选手的姓名、单位或资格信息", "Correct the selected contestant's name, unit or history"),
    "p_substitute": ("现场赛：替补队员自某轮次起替换上场", "On stage: the team's substitute plays from a round on"),
    "disqualify_title": ("取消成绩", "Disqualify"),
    "disqualify_body": ("选手退出个人排名和全部个人奖项，其后选手依次顺延；团体成绩按缺考计。仅总裁判长可执行。",
                        "The contestant leaves the ranking and every individual award (the next move up) and "
                        "counts as absent for the team. Chief judge only."),
    "reinstate_title": ("恢复成绩", "Reinstate"),
    "reinstate_body": ("撤销取消成绩或缺考/弃权，选手回到排名。仅总裁判长可执行。",
                       "Undo a disqualification or a withdrawal: the contestant is ranked again. Chief judge only."),
    "withdraw_title": ("缺考/弃权", "Withdrawn"),
    "withdraw_body": ("选手缺考或中途弃权：退出个人排名和奖项，团体成绩按缺考计。",
                      "The contestant did not show up or left: out of the ranking and awards, absent for the team."),
    "correct_title": ("更正选手信息", "Correct a contestant"),
    "correct_body": ("更正将印在证书上的姓名、单位，或查实有误的资格信息（不重新导入名单）。",
                     "Correct the name or unit printed on certificates, or a history flag found wrong "
                     "(nothing is re-imported)."),
    "substitute_title": ("替补上场", "Substitution"),
    "substitute_body": ("替补队员自所选轮次起替换该队员上场。", "The team's substitute plays in the member's place "
                                                    "from the round chosen on."),
    "unit": ("单位", "Unit"),
    "day_flags": ("资格信息（勾选为“是”）", "History (checked: yes)"),
    "day_flag_forbid": ("；⚠ 为“是”即不符合参赛资格，仅总裁判长可设", "; ⚠ yes: not eligible, chief judge only"),
    "day_unknown": ("无此准考证号：{exam_no}", "No such exam number: {exam_no}"),
    "day_rank": ("第{rank}名，{total}分", "rank {rank}, {total} points"),
    "day_pick": ("请填写选手的准考证号", "Give the contestant's exam number"),
    "day_nothing": ("没有更改：请修改姓名、单位或资格信息", "Nothing changed: edit the name, unit or a flag"),
    "day_no_rounds": ("替补上场只用于现场赛", "Substitutions are for on-stage contests"),
    "sub_round": ("自该轮次起", "From round"),
    "sub_out": ("下场队员", "Member who leaves"),
    "sub_in": ("替补队员", "Substitute who plays"),
    "sub_pick": ("请选择下场队员和替补队员", "Choose the member who leaves and the substitute"),
    "sub_what": ("{inn} 替 {out} 上场，自{round}起", "{inn} in for {out} from {round}"),
    "sub_start": ("首轮", "the start"),
    # the scorer's desk (on-stage contests)
    "round_individual": ("个人必答", "individual"),
    "round_buzzer": ("抢答", "buzzer"),
    "round_risk": ("风险题", "risk"),
    "round_panel": ("评委打分", "panel"),
    "round_playoff": ("加赛", "sudden death"),
    "desk_round": ("换轮次", "Round"),
    "desk_round_prev": ("上一轮次", "Previous round"),
    "desk_next_q": ("下一题", "Next question"),
    "desk_prev_q": ("上一题", "Previous question"),
    "desk_team": ("选队", "Team"),
    "desk_contestant": ("换选手", "Contestant"),
    "desk_stake": ("分值", "Stake"),
    "desk_right": ("答对", "Right"),
    "desk_wrong": ("答错", "Wrong"),
    "desk_mark": ("评分", "Mark"),
    "desk_announce": ("公布题目", "Announce"),
    "desk_undo": ("撤销上一条", "Undo last"),
    "desk_state": ("轮次：{round}（{kind}） · 第{q}题 · 大屏当前：{now}", "Round: {round} ({kind}) · question {q} · on stage: {now}"),
    "desk_nothing_on_stage": ("未公布", "nothing yet"),
    "desk_q": ("第{q}题", "Q{q}"),
    "desk_contestant_line": ("选手 {exam_no} {name}", "contestant {exam_no} {name}"),
    "desk_sub": ("（替补）", " (substitute)"),
    "desk_stake_line": ("风险分值 {stake}", "stake {stake}"),
    "desk_judge": ("评委", "Judge"),
    "desk_mark_label": ("分数", "Mark"),
    "desk_key": ("键", "Key"),
    "desk_playoff": ("加赛", "Playoff"),
    "desk_total": ("总分", "Total"),
    "desk_this_q": ("本题", "This Q"),
    "desk_marks": ("{round}评分（删除线：去掉的最高分和最低分）", "{round} marks (struck through: the dropped highest and lowest)"),
    "desk_undo_title": ("撤销上一条记录", "Undo the last entry"),
    "desk_undo_default": ("记分更正", "scoring correction"),
    "desk_nothing_to_undo": ("没有可撤销的记录", "Nothing to undo"),
    "desk_no_rounds": ("本比赛没有现场赛轮次", "This contest has no on-stage rounds"),
    "desk_bad_mark": ("请填写评委姓名和0–{max}之间的分数", "Give the judge's name and a mark from 0 to {max}"),
    # the desk's own line and help (keys read from its bindings: screens/desk.py), and its corrections
    "dl_question": ("题号", "question"),
    "dl_leave": ("离开", "leave"),
    "desk_mark_keys": ("{m} 输入分数，回车提交，{esc} 返回", "{m} enter a mark, Enter sends, {esc} leaves"),
    "dh_title": ("记分台：按键", "The scorer's desk: keys"),
    "dh_round": ("下一轮次 / 上一轮次（从该轮最后录入的题之后继续）", "next / previous round (resumes after the last question entered in it)"),
    "dh_question": ("下一题 / 上一题", "next / previous question"),
    "dh_team": ("选代表队（表中“键”列）", "the team (the table's key column)"),
    "dh_contestant": ("个人必答：换答题选手（默认为本题轮到的选手，替补最后）",
                      "individual rounds: the next contestant (by default the team's player for this question)"),
    "dh_stake": ("风险题：换分值", "risk rounds: the next stake"),
    "dh_answer": ("答对 / 答错：录入本题；本题已为该队记分时，先问是否更正",
                  "right / wrong: enters the answer; a question already scored for the team asks whether this is a "
                  "correction"),
    "dh_mark": ("评委打分：打开分数框，输入分数后回车提交，评委名自动递增（Tab 可改评委）；该评委已为该队打分时，先问是否更正",
                "panel rounds: the mark field; type the mark, Enter sends, the judge's name advances by itself (Tab to "
                "change it); a judge who already marked the team is asked whether this is a correction"),
    "dh_announce": ("在大屏公布当前轮次和题号", "announce the round and question on the big screen"),
    "dh_undo": ("撤销最后一条有效记录（须填理由），并回到该题", "undo the last live entry (with a reason) and go back to it"),
    "dh_leave": ("离开分数框；不在分数框时回到个人排名", "leave the mark field; outside it, back to the ranking"),
    "dh_help": ("本帮助", "this help"),
    "dh_palette": ("命令面板：按名称执行操作", "the command palette: every action by name"),
    "dh_quit": ("退出", "quit"),
    "dh_text": ("每条录入都是一条裁判事件：记入审计，并同步到其他裁判席和大屏。\n"
                "同一代表队的同一题、同一评委对同一代表队的打分只计一次：再次录入时先询问是否更正；"
                "确认更正须填写理由，新记录取代原记录（原记录划去，不再计分）。撤销（{undo}）之后可直接重新录入。",
                "Every entry is a judge event: it shows in the audit and on the other consoles and the big screen.\n"
                "A team's answer to a question, and a judge's mark of a team, count once: entering it again asks "
                "whether this is a correction; a correction needs a reason and replaces the earlier entry (struck "
                "through, no longer counted). After an undo ({undo}) the question is entered again as usual."),
    "desk_correct_title": ("本题已为该队记分：是否更正？", "Already scored for this team: is this a correction?"),
    "desk_correct_title_panel": ("该评委已为该队打分：是否更正？", "This judge has marked this team: is this a correction?"),
    "desk_correct_body": ("已记录：{old}\n本次录入：{new}\n"
                          "更正将取代原记录（划去，不再计分），理由记入审计；若不是更正，请取消。",
                          "Recorded: {old}\nNow: {new}\n"
                          "A correction replaces the recorded entry (struck through, no longer counted); its reason "
                          "shows in the audit. If this is not a correction, cancel."),
    "desk_correct_ok": ("更正", "Correct it"),
    "desk_corrects": ("（更正#{id}）", " (corrects #{id})"),
    "desk_entries_struck": ("最近记录（删除线：已撤销或已被更正）", "Latest entries (struck through: undone or corrected)"),
    "o_order": ("排定先后", "ordered"),
    "o_share": ("并列", "shared"),
    "o_lots": ("抽签", "lots"),
    "help_text": (
        "【按键】1 个人排名 2 团体 3 奖项 4 隔离区 5 数据源 6 审计 7 大屏控制 8 阅卷进度；"
        "Ctrl+P 命令面板（所有操作）；? 帮助；q 退出。\n"
        "个人排名：/ 搜索，v 切换全部/按代表队/按组别，[ ] 换队或组，f 按获奖把握筛选（全部/确定/可能/无望），回车 看详情。\n"
        "个人排名、选手详情：x 取消成绩、Shift+X 恢复成绩（总裁判长），w 缺考/弃权，e 更正姓名、单位或资格，"
        "t 替补上场（现场赛）；各项须填理由，记入审计。\n"
        "奖项：d 裁定并列（排序、并列或抽签，须填理由），c 确认名单，l 定榜（总裁判长，须先确认），"
        "u 解除定榜，o 授予优秀组织奖，r 撤销授予，f 按获奖把握筛选。\n"
        "大屏控制：i/t/g/a/n/e 选择大屏视图，f 封榜，Shift+F 解除封榜，m 开/关“确定获奖”标注（封榜期间不可开启），"
        "→/← 颁奖下一步/上一步（须已定榜）。\n"
        "获奖把握（须规则声明试卷）：确定＝其余题目无论怎样评都获奖，可能＝尚未确定，无望＝无论怎样评都得不到。\n"
        "一天的流程：看排名 → 查看选手 → 裁定截止线并列 → 确认 → 定榜 → 颁奖；每项决定都记入审计。",
        "Keys: 1 individual 2 teams 3 awards 4 quarantine 5 feed health 6 audit 7 big screen 8 marking progress; "
        "Ctrl+P command palette (every action); ? help; q quit.\n"
        "Individual ranking: / search, v cycle all/by team/by group, [ ] previous/next team or group, f filter by "
        "prize certainty (all/certain/possible/out), Enter details.\n"
        "Individual ranking, contestant: x disqualify, Shift+X reinstate (chief), w withdrawn, e correct the name, "
        "unit or history, t substitute (on stage); each needs a reason and shows in the audit.\n"
        "Awards: d settle a tie (order, share or lots; reason required), c confirm the list, l lock it (chief, "
        "after a confirmation), u unlock, o assign the organisation prize, r revoke, f filter by certainty.\n"
        "Big screen: i/t/g/a/n/e choose its view, f freeze, Shift+F unfreeze, m certain-prize marks on/off (not "
        "turned on while frozen), Right/Left ceremony next/back (needs a locked list).\n"
        "Certainty (needs the paper in the rules): certain = a prize however the rest is marked, possible = not yet "
        "known, out = no prize however the rest is marked.\n"
        "The day: watch the ranking → inspect a contestant → settle boundary ties → confirm → lock → ceremony; "
        "every decision shows in the audit.",
    ),
}


assert not MARKING.keys() & M.keys(), "a word of catalogue_marking.py is also in M"
M.update(MARKING)


def msg(key: str, lang: str = "zh", **params) -> str:
    zh, en = M[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text


def translate_bindings(node, lang: str, catalogue: dict | None = None, lookup=None) -> None:
    """Footer labels in the console's language: binding descriptions are catalogue keys.

    Another part (the replay) passes its own `catalogue` and `lookup` for its own bindings."""
    import dataclasses

    catalogue = M if catalogue is None else catalogue
    lookup = msg if lookup is None else lookup
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [dataclasses.replace(b, description=lookup(b.description, lang))
                      if b.description in catalogue else b for b in bindings]
