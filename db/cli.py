"""The shell commands that need only the database and the core.

`cli` is the root command group; the feeder and the display layers add their
own commands to it (serve, hall-sim, judge, screen, demo, ...). The database
path comes first on every command that takes one.
"""

from __future__ import annotations

import datetime
import functools
import json
import sys
from collections import Counter
from pathlib import Path

import click

from scoreboard.certainty import compute_certainty
from scoreboard.clock import contest_zone, stamp
from scoreboard.explain import explain_contestant, explain_team
from scoreboard.roster import RosterError
from scoreboard.rules import RulesError, load_preset, load_rules, preset_names, preset_text

from .helpformat import LANGS, BilingualGroup, add_help, current_lang
from .helptext import HELP
from .loading import load_jsonl
from .rosters import load_roster
from .store import Store, StoreError, writer_lock
from .timeparse import as_of, parse_at
from .views import awards_json, print_awards, print_standings, standings_json
from .words import say

add_help(HELP)


class UserError(Exception):
    """A problem the user can fix; printed as one line per problem, exit 2."""


def fail_cleanly(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except (StoreError, RulesError, UserError) as exc:
            lang = kwargs.get("lang") or current_lang()
            text = exc.text(lang) if isinstance(exc, (StoreError, RulesError)) else str(exc)
            for line in text.splitlines():
                click.echo(say("error", lang, line=line), err=True)
            sys.exit(2)
        except RosterError as exc:
            lang = kwargs.get("lang") or current_lang()
            for p in exc.problems:
                click.echo(say("error", lang, line=p.text(lang)), err=True)
            click.echo(say("error", lang, line=say("roster_refused", lang, n=len(exc.problems))), err=True)
            sys.exit(2)

    return wrapper


def lang_option(fn):
    """`--lang zh|en`; without it, SCOREBOARD_LANG, else zh (db/helpformat.py reads it for the help too)."""
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=current_lang,
        help="Language of the output: zh (中文, default) or en.",
    )(fn)


db_argument = click.argument("db", type=click.Path(dir_okay=False))


@click.group(name="scoreboard", cls=BilingualGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option("0.1.0", prog_name="scoreboard")
@click.option("--lang", type=click.Choice(LANGS), expose_value=False,
              help="Language of the help and of every command: zh (中文, default) or en.")
def cli():
    """赛场计分台: the competition-day scoring board.

    Every command that takes a contest database takes its path first.
    """


@cli.command()
@db_argument
@click.option("--preset", type=click.Choice(preset_names()), help="A shipped rules preset.")
@click.option("--rules", "rules_file", type=click.Path(exists=True, dir_okay=False), help="A rules TOML file.")
@click.option("--roster", required=True, type=click.Path(dir_okay=False), help="Roster file, CSV or XLSX.")
@click.option("--date", help="The contest's day, YYYY-MM-DD (printed on certificates; default: the rules' date, if any).")
@lang_option
@fail_cleanly
def init(db, preset, rules_file, roster, date, lang):
    """Create a contest database from rules and a checked roster."""
    if bool(preset) == bool(rules_file):
        raise UserError(say("one_rules", lang))
    if date:
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            raise UserError(say("bad_date", lang, date=date)) from None
    if preset:
        rules = load_preset(preset)
    else:
        try:
            rules = load_rules(Path(rules_file).read_text(encoding="utf-8"))
        except RulesError as exc:
            raise exc.within(rules_file) from None
    contestants = load_roster(rules, roster)
    store = Store.create(db, rules, contestants, preset or "", date or "")
    store.close()
    teams = Counter(c.team for c in contestants)
    click.echo(say("created", lang, db=db, title=rules.title or rules.id, n=len(contestants), teams=len(teams)))


@cli.command()
@db_argument
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--source", default="offline", show_default=True, help="Source name when the file has no hello line.")
@lang_option
@fail_cleanly
def load(db, file, source, lang):
    """Load a JSON Lines file of hall records (the offline path when the network fails)."""
    store = Store(db)
    with writer_lock(store.path, "instead_via"):
        summary = load_jsonl(store, file, source)
    click.echo(summary.text(lang))


@cli.command()
@db_argument
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--at", "at", help="Standings at this moment: HH:MM[:SS] on the contest's clock (as the screens show "
              "it), an ISO date-time (without an offset: the contest's clock) or epoch seconds.")
@click.option("--team", help="Only this team's members.")
@click.option("--group", help="Only this award group.")
@click.option("--limit", type=int, default=0, help="Show at most this many rows (0: all).")
@lang_option
@fail_cleanly
def standings(db, as_json, at, team, group, limit, lang):
    """Individual, team and group standings."""
    store = Store(db)
    moment = parse_at(at, store)
    board = store.fold(moment)
    st = board.standings()
    if as_json:
        click.echo(json.dumps(standings_json(board.rules, st), ensure_ascii=False, indent=1))
    else:
        if moment is not None:
            click.echo(as_of(moment, store, lang))
        print_standings(board.rules, st, lang, team=team, group=group, limit=limit)


@cli.command()
@db_argument
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--at", "at", help="Awards at this moment (as for standings: HH:MM[:SS] on the contest's clock, "
              "an ISO date-time or epoch seconds).")
@lang_option
@fail_cleanly
def awards(db, as_json, at, lang):
    """The award list with its reasons, pending ties and lock state."""
    store = Store(db)
    moment = parse_at(at, store)
    board = store.fold(moment)
    if as_json:
        click.echo(json.dumps(awards_json(board, lang, certainty=compute_certainty(board)), ensure_ascii=False,
                              indent=1))
    else:
        if moment is not None:
            click.echo(as_of(moment, store, lang))
        print_awards(board, lang)


@cli.command()
@db_argument
@click.argument("who")
@click.option("--at", "at", help="As of this moment (HH:MM[:SS] on the contest's clock, as for standings).")
@lang_option
@fail_cleanly
def explain(db, who, at, lang):
    """Why a contestant (exam number) or a team (its name) stands where it stands."""
    store = Store(db)
    moment = parse_at(at, store)
    board = store.fold(moment)
    st, aw = board.standings(), board.awards()
    if who in st.by_exam:
        zone = contest_zone(board.rules)
        lines = explain_contestant(board.rules, st, aw, who, lang, board=board,
                                   when=lambda at: stamp(at, zone, lang), certainty=compute_certainty(board))
    elif who in st.by_team:
        lines = explain_team(board.rules, st, aw, who, lang, certainty=compute_certainty(board))
    else:
        raise UserError(say("not_who", lang, who=who))
    if moment is not None:
        lines.insert(0, as_of(moment, store, lang))
    click.echo("\n".join(lines))


@cli.command()
@db_argument
@click.option("--head", help="A chain head printed on a signed list (16+ hex characters): check the file holds it.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@lang_option
@fail_cleanly
def verify(db, head, as_json, lang):
    """Check the whole file against its seals: the rules, the roster, every event, every quarantine row,
    every acknowledgement, the judges' chain and every lock. Names the first thing that does not match;
    exit status 1 if anything does."""
    from .verify import verify as verify_file

    store = Store(db)
    report = verify_file(store, head=head)
    if as_json:
        click.echo(json.dumps(report.as_dict(lang), ensure_ascii=False, indent=1))
    else:
        for line in verify_lines(report, lang):
            click.echo(line, err=not report.ok)
    if not report.ok:
        sys.exit(1)


def verify_lines(report, lang: str) -> list[str]:
    """What `verify` prints: the verdict, the first problem and the others, the notes."""
    if report.ok:
        lines = [say("verified", lang, events=report.events, judges=report.judge_events, seals=report.seals,
                     head=report.head)]
    else:
        lines = [say("verify_failed", lang, n=len(report.problems) + report.more, first=report.first(lang))]
        lines += [f"  - {p.text(lang)}" for p in report.problems[1:]]
        if report.more:
            lines.append(say("verify_more", lang, n=report.more))
    lines += [say("note", lang, text=n.text(lang)) for n in report.notes]
    return lines


@cli.command()
@click.argument("name", required=False)
@lang_option
@fail_cleanly
def presets(name, lang):
    """List the rules presets, or print one (to copy and edit)."""
    if name:
        if name not in preset_names():
            raise UserError(say("unknown_preset", lang, name=name, known=", ".join(preset_names())))
        click.echo(preset_text(name))
    else:
        for n in preset_names():
            click.echo(f"{n}\t{load_preset(n).title}")


@cli.command("sample-roster")
@click.option("--preset", type=click.Choice(preset_names()), required=True, help="The rules preset.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="CSV file to write.")
@click.option("--seed", type=int, default=2024, show_default=True, help="Random seed (same seed, same roster).")
@click.option("--per-team", type=int, help="Contestants per team (default: the quota).")
@lang_option
@fail_cleanly
def sample_roster_cmd(preset, out, seed, per_team, lang):
    """Write a generated roster with realistic names and units (for rehearsals)."""
    from scoreboard.sample import sample_roster

    from .rosters import write_roster_csv

    people = sample_roster(load_preset(preset), seed, per_team)
    write_roster_csv(load_preset(preset), people, out)
    click.echo(say("roster_written", lang, out=out, n=len(people)))


@cli.command("sample-day")
@click.option("--preset", type=click.Choice(preset_names()), required=True, help="The rules preset.")
@click.option("--roster", required=True, type=click.Path(exists=True, dir_okay=False), help="The roster file.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="JSON Lines file to write.")
@click.option("--source", default="hall-a", show_default=True, help="The hall's source name.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed (same seed, same day).")
@click.option("--bad-rate", type=float, default=0.0, help="Share of bad records to mix in.")
@lang_option
@fail_cleanly
def sample_day_cmd(preset, roster, out, source, seed, bad_rate, lang):
    """Write a generated exam day as hall records in JSON Lines."""
    from scoreboard.sample import exam_day

    rules = load_preset(preset)
    people = load_roster(rules, roster)
    records = exam_day(rules, people, seed=seed, bad_rate=bad_rate)
    with open(out, "w", encoding="utf-8") as f:
        f.write(json.dumps({"type": "hello", "protocol": 1, "role": "hall", "source": source}) + "\n")
        for _t_off, rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    click.echo(say("day_written", lang, out=out, n=len(records)))


__all__ = ["cli", "fail_cleanly", "lang_option", "db_argument", "UserError"]
