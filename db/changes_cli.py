"""Changes on the day from the shell: `disqualify`, `reinstate`, `withdraw`, `correct`, `substitute`.

Each is a judge's event (scoreboard.changes), written through the Writer like a console's command (hash
chained, sealed, replayable); the shell acts as the chief judge, who holds the file. The same actions are
in the judges' console and go over the feeder as commands.
"""

from __future__ import annotations

import click

from scoreboard.changes import correction_text
from scoreboard.roster import parse_flag

from .cli import UserError, _judge_command, db_argument, fail_cleanly, lang_option

SAID = {
    "disqualify": ("已取消 {who} 的成绩（事件 #{id}）", "{who} disqualified (event #{id})"),
    "reinstate": ("已恢复 {who} 的成绩（事件 #{id}）", "{who} reinstated (event #{id})"),
    "withdraw": ("已记录 {who} 缺考/弃权（事件 #{id}）", "{who} recorded as withdrawn (event #{id})"),
    "correct": ("已更正 {who}：{what}（事件 #{id}）", "{who} corrected: {what} (event #{id})"),
    "substitute": ("已记录替补上场：{inn} 替换 {out}，自{round}起（事件 #{id}）",
                   "substitution recorded: {inn} in for {out} from {round} (event #{id})"),
    "status": ("获奖名单现为：{status}（摘要 {digest}）", "the award list is now: {status} (digest {digest})"),
    "out": ("{who} 现不参加个人排名和奖项（{status}）", "{who} is now out of the individual ranking and awards ({status})"),
    "start": ("第一轮", "the first round"),
}
STATUS = {"zh": {"open": "待确认", "pending_ties": "有待裁定的并列（临时名单）", "confirmed": "已确认，待定榜",
                 "locked": "已定榜"},
          "en": {"open": "open", "pending_ties": "ties pending (provisional)", "confirmed": "confirmed, not locked",
                 "locked": "locked"}}
VOID = {"zh": {"disqualified": "取消成绩", "ineligible": "不符合参赛资格", "withdrawn": "缺考/弃权"},
        "en": {"disqualified": "disqualified", "ineligible": "not eligible", "withdrawn": "withdrawn"}}


def say(key: str, lang: str, **params) -> str:
    zh, en = SAID[key]
    return (zh if lang == "zh" else en).format(**params)


def by_options(fn):
    fn = click.option("--why", "reason", required=True, help="Why: the reason the audit and the lists show.")(fn)
    return click.option("--by", "actor", required=True, help="The judge's name (who decided).")(fn)


def _done(kind: str, db: str, data: dict, actor: str, reason: str, lang: str, **said) -> None:
    ev, _data, board = _judge_command(db, "chief", actor, kind, data, reason)
    who = data.get("exam_no")
    if who:
        c = board.contestants[who]
        said.setdefault("who", f"{who} {c.name}")
    click.echo(say(kind, lang, id=ev.id, **said))
    if who and board.status(who):
        click.echo(say("out", lang, who=said["who"], status=VOID[lang][board.status(who)]))
    aw = board.awards()
    click.echo(say("status", lang, status=STATUS[lang][aw.status], digest=aw.digest))


def register(cli: click.Group) -> None:
    @cli.command()
    @db_argument
    @click.argument("exam_no")
    @by_options
    @lang_option
    @fail_cleanly
    def disqualify(db, exam_no, actor, reason, lang):
        """取消成绩: the contestant leaves every individual ranking and award (the next in line moves up) and
        counts as absent in the team score. Over the feeder only the chief judge may."""
        _done("disqualify", db, {"exam_no": exam_no}, actor, reason, lang)

    @cli.command()
    @db_argument
    @click.argument("exam_no")
    @by_options
    @lang_option
    @fail_cleanly
    def reinstate(db, exam_no, actor, reason, lang):
        """Undo a disqualification or a withdrawal (chief judge)."""
        _done("reinstate", db, {"exam_no": exam_no}, actor, reason, lang)

    @cli.command()
    @db_argument
    @click.argument("exam_no")
    @by_options
    @lang_option
    @fail_cleanly
    def withdraw(db, exam_no, actor, reason, lang):
        """缺考/弃权: the contestant did not show up or left; out of the ranking, absent for the team."""
        _done("withdraw", db, {"exam_no": exam_no}, actor, reason, lang)

    @cli.command()
    @db_argument
    @click.argument("exam_no")
    @click.option("--name", help="The name as it must be printed.")
    @click.option("--unit", help="The unit as it must be printed.")
    @click.option("--flag", "flags", multiple=True, metavar="FLAG=是|否",
                  help="A history flag (its id or its roster column), e.g. prior_national=是. A flag that makes the "
                       "contestant ineligible has a disqualification's effect.")
    @by_options
    @lang_option
    @fail_cleanly
    def correct(db, exam_no, name, unit, flags, actor, reason, lang):
        """Correct a name or a unit typed wrong, or a history flag found wrong (nothing is re-imported)."""
        from .store import Store

        rules = Store(db).rules()
        data: dict = {"exam_no": exam_no}
        if name is not None:
            data["name"] = name
        if unit is not None:
            data["unit"] = unit
        for item in flags:
            key, sep, value = item.partition("=")
            flag = next((f for f in rules.flags if key.strip() in (f.id, f.column)), None)
            on = parse_flag(value.strip()) if sep else None
            if flag is None:
                raise UserError(f"--flag {item}: unknown flag (this contest's: "
                                f"{', '.join(f'{f.id} ({f.column})' for f in rules.flags)})")
            if on is None:
                raise UserError(f"--flag {item}: give FLAG=是 or FLAG=否 (yes/no, 1/0)")
            data.setdefault("flags", {})[flag.id] = on
        _done("correct", db, data, actor, reason, lang, what=correction_text(rules, data, lang))

    @cli.command()
    @db_argument
    @click.option("--out", "out", required=True, help="The exam number of the member who leaves.")
    @click.option("--in", "inn", required=True, help="The exam number of the team's substitute who plays instead.")
    @click.option("--from-round", "from_round", help="The round from which the substitute plays (default: all).")
    @by_options
    @lang_option
    @fail_cleanly
    def substitute(db, out, inn, from_round, actor, reason, lang):
        """替补上场 (on-stage contests): the team's substitute plays in a member's place from a round on."""
        data = {"out": out, "in": inn, "from_round": from_round}
        _done("substitute", db, data, actor, reason, lang, out=out, inn=inn,
              round=from_round or say("start", lang))
