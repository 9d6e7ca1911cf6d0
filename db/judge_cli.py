"""Judges' commands from the shell: decide a tie, confirm, lock, assign a judge's award, and the changes on
the day (disqualify, reinstate, withdraw, correct, substitute).

Each is a judge's event written through the Writer like a console's command (hash chained, sealed,
replayable); the shell acts with the role each needs (the chief's for decisions, locks and
disqualifications: whoever holds the file holds the day). The same actions are in the judges' console and
go over the feeder as commands. Everything said is Chinese by default (`--lang en`).
"""

from __future__ import annotations

import secrets

import click

from scoreboard.changes import correction_text
from scoreboard.roster import parse_flag

from .cli import UserError, db_argument, fail_cleanly, lang_option
from .store import Store, writer_lock

SAID = {
    "decision": ("已记录对{award}截止线并列的裁定（事件 #{id}）：{outcome}{extra}",
                 "decision on {award}'s cut-off recorded (event #{id}): {outcome}{extra}"),
    "confirm": ("已确认获奖名单 {digest}（事件 #{id}）", "award list {digest} confirmed (event #{id})"),
    "lock": ("已定榜：获奖名单 {digest}（事件 #{id}）", "award list {digest} locked (event #{id})"),
    "assign": ("已将{award}授予{to}（事件 #{id}）", "{award} assigned to {to} (event #{id})"),
    "disqualify": ("已取消 {who} 的成绩（事件 #{id}）", "{who} disqualified (event #{id})"),
    "reinstate": ("已恢复 {who} 的成绩（事件 #{id}）", "{who} reinstated (event #{id})"),
    "withdraw": ("已记录 {who} 缺考/弃权（事件 #{id}）", "{who} recorded as withdrawn (event #{id})"),
    "correct": ("已更正 {who}：{what}（事件 #{id}）", "{who} corrected: {what} (event #{id})"),
    "substitute": ("已记录替补上场：{inn} 替换 {out}，自{round}起（事件 #{id}）",
                   "substitution recorded: {inn} in for {out} from {round} (event #{id})"),
    "status": ("获奖名单现为：{status}（摘要 {digest}）", "the award list is now: {status} (digest {digest})"),
    "out": ("{who} 现不参加个人排名和奖项（{status}）", "{who} is now out of the individual ranking and awards ({status})"),
    "start": ("第一轮", "the first round"),
    "empty": ("以下由裁判授予的奖项尚无获奖者：{awards}。确认如此定榜，请加 --yes",
              "no one has been given these judges' awards yet: {awards}. To lock as it is, add --yes"),
    "seed": ("（抽签种子 {seed}）", " (seed {seed})"),
    "o_order": ("排序 {order}", "order {order}"),
    "o_share": ("并列获奖", "share"),
    "o_lots": ("抽签", "lots"),
    "one_outcome": ("--order、--share、--lots 只能给出其中一个", "give exactly one of --order, --share or --lots"),
    "which_tie": ("{award}有 {n} 处待裁定的并列；请用 --tied 指明是哪一处",
                  "{n} pending ties for {award}; name them with --tied"),
    "refused": ("{text}（{code}）", "{code}: {text}"),
    "unknown_flag": ("--flag {item}：没有这个标记（本场比赛的标记：{known}）",
                     "--flag {item}: unknown flag (this contest's: {known})"),
    "flag_value": ("--flag {item}：请写成 标记=是 或 标记=否（也可写 yes/no、1/0）",
                   "--flag {item}: give FLAG=是 or FLAG=否 (yes/no, 1/0)"),
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


def judge_command(db: str, role: str, actor: str, kind: str, data, reason: str, lang: str = "zh"):
    """One judge event from the shell. `data` may be a function of the folded board (read under the
    writer lock, so the digest a judge confirms is the one on disk); returns (event, data, board). A refusal
    is a UserError in `lang`."""
    from .writer import Writer

    store = Store(db)
    with writer_lock(store.path):
        w = Writer(store)
        if callable(data):
            data = data(w.board)
        result = w.judge(role, actor, kind, data, reason)
        if not hasattr(result, "id"):
            raise UserError(say("refused", lang, code=result.code, text=result.text(lang)))
        w.flush()
    return result, data, w.board


def _label(board, award_id: str, lang: str) -> str:
    spec = board.rules.award(award_id)
    return (spec.label if lang == "zh" else spec.label_en) if spec else award_id


def _status(board, lang: str) -> None:
    aw = board.awards()
    click.echo(say("status", lang, status=STATUS[lang][aw.status], digest=aw.digest))


def _done(kind: str, db: str, data: dict, actor: str, reason: str, lang: str, **said) -> None:
    ev, _data, board = judge_command(db, "chief", actor, kind, data, reason, lang)
    who = data.get("exam_no")
    if who:
        c = board.contestants[who]
        said.setdefault("who", f"{who} {c.name}")
    click.echo(say(kind, lang, id=ev.id, **said))
    if who and board.status(who):
        click.echo(say("out", lang, who=said["who"], status=VOID[lang][board.status(who)]))
    _status(board, lang)


def by_options(fn):
    fn = click.option("--why", "reason", required=True, help="Why: the reason the audit and the lists show.")(fn)
    return click.option("--by", "actor", required=True, help="The judge's name (who decided).")(fn)


def register(cli: click.Group) -> None:
    @cli.command()
    @db_argument
    @click.option("--award", "award_id", required=True, help="The award whose cut-off is tied, e.g. expert.")
    @click.option("--group", help="The award group, for a per-group award.")
    @click.option("--tied", help="The tied exam numbers (or teams), comma-separated; default: the only pending tie.")
    @click.option("--order", help="The decided order, best first, comma-separated.")
    @click.option("--share", is_flag=True, help="Let all the tied share the award (并列).")
    @click.option("--lots", is_flag=True, help="A drawing of lots; the seed is recorded.")
    @click.option("--seed", help="The witnessed draw's seed (default: a fresh random one).")
    @by_options
    @lang_option
    @fail_cleanly
    def decide(db, award_id, group, tied, order, share, lots, seed, actor, reason, lang):
        """Record a judge's decision on a tie at a cut-off."""
        if sum(map(bool, (order, share, lots))) != 1:
            raise UserError(say("one_outcome", lang))

        def make(board) -> dict:
            pending = [x for x in board.awards().ties if x.award_id == award_id and x.group == (group or None)]
            if tied:
                tied_list = [s.strip() for s in tied.split(",") if s.strip()]
            elif len(pending) == 1:
                tied_list = list(pending[0].tied)
            else:
                raise UserError(say("which_tie", lang, n=len(pending), award=_label(board, award_id, lang)))
            data = {"award": award_id, "group": group or None, "tied": tied_list}
            if order:
                data.update(outcome="order", order=[s.strip() for s in order.split(",") if s.strip()])
            elif share:
                data["outcome"] = "share"
            else:
                data.update(outcome="lots", seed=seed or secrets.token_hex(8))
            return data

        ev, data, board = judge_command(db, "chief", actor, "decision", make, reason, lang)
        outcome = say("o_" + data["outcome"], lang, order=" → ".join(data.get("order") or ()))
        extra = say("seed", lang, seed=data["seed"]) if lots else ""
        click.echo(say("decision", lang, award=_label(board, award_id, lang), id=ev.id, outcome=outcome, extra=extra))
        _status(board, lang)

    @cli.command()
    @db_argument
    @click.option("--by", "actor", required=True, help="The judge's name.")
    @click.option("--why", "reason", default="", help="A note.")
    @lang_option
    @fail_cleanly
    def confirm(db, actor, reason, lang):
        """Confirm the current award list (a lock needs a confirmed list)."""
        ev, data, _ = judge_command(db, "judge", actor, "confirm", lambda b: {"digest": b.awards().digest}, reason,
                                    lang)
        click.echo(say("confirm", lang, digest=data["digest"], id=ev.id))

    @cli.command()
    @db_argument
    @click.option("--by", "actor", required=True, help="The chief judge's name.")
    @click.option("--why", "reason", default="定榜", help="A note.")
    @click.option("--yes", "sure", is_flag=True, help="Lock although a judges' award (优秀组织奖) has no one yet.")
    @lang_option
    @fail_cleanly
    def lock(db, actor, reason, sure, lang):
        """Lock the confirmed award list (定榜); chief judge only."""

        def make(board) -> dict:
            empty = board.unassigned_judge_awards()
            if empty and not sure:
                raise UserError(say("empty", lang, awards="、".join(
                    (a.label if lang == "zh" else a.label_en) for a in empty)))
            return {"digest": board.awards().digest}

        ev, data, _ = judge_command(db, "chief", actor, "lock", make, reason, lang)
        click.echo(say("lock", lang, digest=data["digest"], id=ev.id))

    @cli.command()
    @db_argument
    @click.option("--award", "award_id", required=True, help="A judge-assigned award, e.g. organisation.")
    @click.option("--to", "recipient", required=True, help="The team (or contestant) it goes to.")
    @by_options
    @lang_option
    @fail_cleanly
    def assign(db, award_id, recipient, actor, reason, lang):
        """Assign a judge-assigned award such as 优秀组织奖."""
        ev, _, board = judge_command(db, "judge", actor, "assign", {"award": award_id, "recipient": recipient}, reason,
                                     lang)
        click.echo(say("assign", lang, award=_label(board, award_id, lang), to=recipient, id=ev.id))

    _register_changes(cli)


def _register_changes(cli: click.Group) -> None:
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
                known = ("、" if lang == "zh" else ", ").join(
                    f"{f.id}（{f.column}）" if lang == "zh" else f"{f.id} ({f.column})" for f in rules.flags)
                raise UserError(say("unknown_flag", lang, item=item, known=known))
            if on is None:
                raise UserError(say("flag_value", lang, item=item))
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
        _done("substitute", db, data, actor, reason, lang, out=out, inn=inn, round=from_round or say("start", lang))
