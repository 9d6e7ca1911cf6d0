"""What the big screen says, in the hall's words: an item by its section and number, a star's place as
the award says it, every word Chinese by default, and a lost link with its tries and last error."""

from __future__ import annotations

import re

import pytest
from textual.widgets import Static

from display.screen.app import make_app
from display.screen.ceremony import RecipientCard, holder_places
from display.screen.latest import ticker_items
from display.screen.rehearsal import FIXED_NOW, Rehearsal, finished_day, with_view
from display.screen.sources import LiveSource, SourceError
from display.screen.state import TEXTS, PublicState
from display.screen.status import ERRORS, WORDS, error_text, status_line
from feeder.server import Feeder
from scoreboard.codes import CODE_NAMES

from .feeder_support import DISPLAY, make_db, tokens

SIZE = (160, 45)


def app_for(msg=None, **kw):
    return make_app(msg, animate=False, now=lambda: FIXED_NOW, min_interval=0, **kw)


def text_of(app, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


async def until(pilot, cond, rounds: int = 1500):
    for _ in range(rounds):
        if cond():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never reached the expected state")


# --- items -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def marked():
    day = Rehearsal()
    day.hall_until(0.2)
    who = day.board.standings().rows[0].exam_no
    day.mark(who, "short-04", "short", 3.0, 5.0)
    return day, day.board.contestants[who]


def test_the_ticker_names_an_item_by_its_sections_label_and_number(marked):
    day, who = marked
    state = PublicState.parse(day.public())
    assert ticker_items(state, "zh")[0] == f"{who.name}（{who.team}）简答题第4题 3/5"
    assert ticker_items(state, "en")[0] == f"{who.name} ({who.team}) Short answer Q4 3/5"
    assert not any("short-04" in item for item in ticker_items(state, "zh"))


async def test_the_latest_results_name_the_item_as_the_ticker_does(marked):
    day, who = marked
    app = app_for(with_view(day.public(), "latest"))
    async with app.run_test(size=SIZE):
        assert "简答题第4题" in app.text()
        assert "short-04" not in app.text()


# --- the ceremony ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ceremony():
    day = finished_day()
    day.view("ceremony")
    msg = day.public()
    state = PublicState.parse(msg)
    return msg, state


def star_reveal(state, group):
    return next(r for r in state.ceremony() if r.award == "star" and r.group == group)


async def test_a_star_who_moved_up_is_named_on_the_card_as_the_award_names_them(ceremony):
    msg, state = ceremony
    places = holder_places(state.awards)
    why = {(a["group"], a["recipient"]): a["why"] for a in state.awards["awards"] if a["id"] == "star"}
    moved = next(r for rv in state.ceremony() if rv.award == "star" for r in rv.recipients
                 if places[("star", r.group, r.recipient)] < r.rank)
    reveal = star_reveal(state, moved.group)
    place = places[("star", moved.group, moved.recipient)]
    assert f"{moved.group}组内第{moved.rank}名" in why[(moved.group, moved.recipient)]
    assert f"依次顺延后为该组第{place}位获奖者" in why[(moved.group, moved.recipient)]  # the award's words
    app = app_for(with_view(msg, "ceremony", step=reveal.index))
    async with app.run_test(size=SIZE):
        cards = [str(c.query_one(".rc-rank", Static).render()) for c in app.query(RecipientCard) if c.display]
        card = next(c for c in cards if c.startswith(f"{moved.group}组第{place}位获奖者"))
        assert card == f"{moved.group}组第{place}位获奖者\n组内第{moved.rank}名，依次顺延"
        assert f"{moved.group}组内第{moved.rank}名" not in "\n".join(cards)  # not a 7th place for a top-3 prize


async def test_a_star_who_did_not_move_up_keeps_the_awards_plain_wording(ceremony):
    msg, state = ceremony
    places = holder_places(state.awards)
    plain = next(rv for rv in state.ceremony() if rv.award == "star"
                 and all(places[("star", r.group, r.recipient)] == r.rank for r in rv.recipients))
    app = app_for(with_view(msg, "ceremony", step=plain.index))
    async with app.run_test(size=SIZE):
        cards = [str(c.query_one(".rc-rank", Static).render()) for c in app.query(RecipientCard) if c.display]
        assert cards == [f"{r.group}组内第{r.rank}名" for r in plain.recipients]


# --- Chinese by default ----------------------------------------------------------------------------
FORMATS = {"JSON", "MessagePack"}  # names of data formats, written so in Chinese too (不是JSON)


def latin_words(text: str) -> list[str]:
    """Latin words left in a text once its {placeholders} (and the names of data formats) are taken out."""
    return [w for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\{[^}]*\}", "", text)) if w not in FORMATS]


@pytest.mark.parametrize("catalogue", ["screen", "link", "errors", "codes"])
def test_every_word_the_big_screen_can_show_is_chinese_by_default(catalogue):
    texts = {"screen": [zh for zh, _en in TEXTS.values()], "link": [zh for zh, _en in WORDS.values()],
             "errors": [zh for _p, zh, _en in ERRORS], "codes": [zh for zh, _en in CODE_NAMES.values()]}[catalogue]
    assert [t for t in texts if latin_words(t)] == []


@pytest.mark.parametrize("raw, zh", [
    ("ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 8765)", "连接被拒绝"),
    ("TimeoutError", "连接超时"),
    ("gaierror: [Errno -2] Name or service not known", "找不到服务器地址"),
    ("OSError: [Errno 113] No route to host", "无法到达服务器"),
    ("InvalidStatus: server rejected WebSocket connection: HTTP 404", "握手失败"),
    ("SSLCertVerificationError: certificate verify failed", "证书未通过验证"),
    ("internal: the server failed", "服务器内部错误"),
    ("Weird: something new", "其他错误：Weird: something new"),
])
def test_a_connection_error_is_named_in_chinese(raw, zh):
    assert zh in error_text(raw)
    assert not latin_words(error_text(raw).replace(raw, ""))


def test_the_link_lines_say_the_try_and_the_error_and_speak_english_only_when_asked():
    status = {"connected": False, "state": "reconnecting", "attempt": 3, "retry_in": 2.0,
              "error": "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 8765)"}
    assert status_line(status) == "第3次重连失败：连接被拒绝（计分服务器未运行？）；2秒后重试"
    assert status_line(status, "en") == "Reconnect try 3 failed: connection refused (is the feeder running?); next in 2 s"
    assert status_line({"connected": False, "state": "lost"}) == "与计分服务器的连接中断，正在重连……"
    assert status_line({"connected": True}) == ""


def test_a_refused_token_is_said_in_chinese_on_the_way_out():
    err = SourceError("ws://10.0.0.5:8765/feed", "unauthorized", "unknown token")
    assert err.text() == "大屏无法继续：ws://10.0.0.5:8765/feed：令牌错误"
    assert err.text("en") == "The screen cannot go on: ws://10.0.0.5:8765/feed: unauthorized"


# --- a lost link, live ------------------------------------------------------------------------------
async def test_a_screen_that_lost_the_feeder_says_each_try_and_its_error_in_chinese_until_it_is_back(tmp_path):
    db = make_db(tmp_path)
    feeder = Feeder(db, tokens(), port=0)
    port = await feeder.start()
    url = f"ws://127.0.0.1:{port}/feed"
    app = app_for(source=LiveSource(url, DISPLAY[1], DISPLAY[0], retry=0.05))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.state is not None)
            assert text_of(app, "#badge") == "实时"
            before = text_of(app, "#updated")
            await feeder.stop()
            await until(pilot, lambda: "第2次重连失败" in text_of(app, "#updated"))
            line = text_of(app, "#updated")
            assert line.startswith("第2次重连失败：连接被拒绝")
            assert text_of(app, "#badge") == "连接中断"
            assert not latin_words(line)
            feeder = Feeder(db, tokens(), port=port)
            await feeder.start()
            await until(pilot, lambda: text_of(app, "#badge") == "实时")
            assert text_of(app, "#updated") == before  # the link line is gone with the trouble
    finally:
        await feeder.stop()
