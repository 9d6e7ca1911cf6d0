"""The console's words for marking progress and certainty (阅卷进度, 确定/可能/无望, the big screen's
确定获奖 marks), in Chinese and English. Part of the console's catalogue (catalogue.py adds them to `M`);
kept apart only so that neither file grows past a screenful of screens."""

from __future__ import annotations

WORDS: dict[str, tuple[str, str]] = {
    "mode_progress": ("阅卷进度", "Marking progress"),
    # verdicts and the filter over them (ranking, awards)
    "cert_col": ("获奖", "Prize"),
    "cert_col_award": ("把握", "Certainty"),
    "cert_filter": ("筛选", "Filter"),
    "cert_which": ("获奖把握：{which}", "certainty: {which}"),
    "cert_f_all": ("全部", "all"),
    "cert_f_certain": ("确定", "certain"),
    "cert_f_possible": ("可能", "possible"),
    "cert_f_out": ("无望", "out"),
    "shown_cert": ("显示{n}/{of}人（{which}） · 事件#{ev} · {at}", "{n} of {of} {which} · event #{ev} · {at}"),
    "cert_unknown": ("无法判定：规则未声明试卷", "cannot tell: no paper"),
    "cert_settled": ("获奖已全部确定", "prizes settled"),
    "cert_settled_since": ("获奖已全部确定（自{at}起）", "prizes settled since {at}"),
    "cert_settled_start": ("获奖已全部确定（自开始起）", "prizes settled from the start"),
    "cert_open": ("{n}个奖项尚未确定", "{n} awards still open"),
    "cert_nobody": ("（无）", "(none)"),
    # the marking progress screen
    "pg_day": ("全场：已评{graded}/{expected}题（{share}），缺{missing}题；{people}人参赛，{done}人已全部评完，{nf}人未交卷",
               "Day: {graded}/{expected} items graded ({share}), {missing} missing; {people} contestants, {done} "
               "fully marked, {nf} not handed in"),
    "pg_day_unknown": ("全场：已评{graded}题；{people}人参赛，{nf}人未交卷",
                       "Day: {graded} items graded; {people} contestants, {nf} not handed in"),
    "pg_sections": ("按题型", "By section"),
    "pg_halls": ("按考场", "By hall"),
    "pg_awards": ("奖项确定情况", "Awards"),
    "pg_expected": ("应评", "Due"),
    "pg_graded": ("已评", "Graded"),
    "pg_missing": ("缺评", "Left"),
    "pg_share": ("进度", "Done"),
    "pg_people": ("人数", "N"),
    "pg_nf": ("未交卷", "Not in"),
    "pg_no_hall": ("尚无成绩", "none yet"),
    "pg_not_finished": ("未交卷（{n}人）：{who}", "Not handed in ({n}): {who}"),
    "pg_all_finished": ("全部选手均已交卷", "Everyone has handed in"),
    "pg_more": ("等", ", …"),
    "pg_places": ("名额", "Places"),
    "pg_certain": ("已确定", "Certain"),
    "pg_possible": ("尚可能", "Possible"),
    "pg_state": ("状态", "State"),
    "pg_award_settled": ("已全部确定", "settled"),
    "pg_award_open": ("尚未确定", "open"),
    "pg_award_judges": ("由裁判指定", "by judges"),
    "pg_list_settled": ("名单已全部确定：自{at}（事件#{event}）起，评分已无法改变任何奖项",
                        "The list is settled: since {at} (event #{event}) no mark can change any award"),
    "pg_list_settled_start": ("名单已全部确定：自开始起", "The list is settled from the start"),
    "pg_list_settled_searching": ("名单已全部确定（正在查找自何时起……）", "The list is settled (finding since when…)"),
    "pg_list_locked": ("名单已定榜", "The list is locked"),
    "pg_list_open": ("名单尚未确定", "The list is not yet settled"),
    "pg_no_paper": ("无法判定：规则未声明试卷（各题型的题数与分值），只能统计已评题数。在规则的每个 [[sections]] 写上 "
                    "items 与 points（见 docs/rules.md）。",
                    "Cannot tell: the rules declare no paper (items and points per section); only graded items are "
                    "counted. Give items and points in each [[sections]] of the rules (docs/rules.md)."),
    "pg_stage": ("现场赛没有试卷：本画面只统计笔试阅卷", "An on-stage contest has no paper: this screen is for written "
                 "papers"),
    # the big screen's 确定获奖 marks
    "mark_certain": ("大屏标注确定获奖", "Screen marks certain prizes"),
    "mark_certain_off": ("停止标注确定获奖", "Stop certain marks"),
    "key_mark_certain": ("标注确定", "Marks"),
    "p_mark_certain": ("大屏在已确定获奖者旁标注“确定获奖”（封榜期间不可开启）",
                       "the big screen marks who is certain of a prize (not while frozen)"),
    "p_mark_certain_off": ("大屏不再标注“确定获奖”", "the big screen stops marking certain prizes"),
    "mark_title": ("大屏标注确定获奖", "Mark certain prizes on the big screen"),
    "mark_body": ("大屏将在成绩已确定获奖的选手和代表队旁标注“确定获奖”，即使还有题目未评；封榜期间不显示。",
                  "The big screen will mark the contestants and teams certain of a prize, even while items are still "
                  "ungraded; never while frozen."),
    "mark_frozen": ("封榜期间不能开启“确定获奖”标注：请先解除封榜（Shift+F）",
                    "Not while the big screen is frozen: unfreeze it first (Shift+F)"),
    "marks_on": ("标注确定获奖", "marking certain prizes"),
    "marks_off": ("不标注确定获奖", "no certain marks"),
    "k_mark_certain": ("确定获奖标注", "certain marks"),
}
