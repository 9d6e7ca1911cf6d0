"""A judge logs in with a token alone: a refused token ends the console with a clear message and a
non-zero exit; a feeder that is not there (yet) is tried again, each try shown with its count and error
until it answers; once in, the header says who this console is."""

from __future__ import annotations

import socket

from display.console.app import ConsoleApp
from display.console.live import LiveSource
from feeder.server import Feeder

from .feeder_support import CHIEF, make_db, running, tokens

SIZE = (140, 40)


async def test_a_wrong_token_ends_the_console_with_a_clear_message_and_exit_2(tmp_path):
    async with running(make_db(tmp_path)) as (_feeder, url):
        app = ConsoleApp(LiveSource(url, "not-the-token-of-anyone-at-all-0000"))
        async with app.run_test(size=SIZE) as pilot:
            for _ in range(200):
                if not app.is_running:
                    break
                await pilot.pause(0.05)
        assert app.return_code == 2
        assert app.refused.startswith("登录被拒绝：服务器不认这个令牌") and "--token-file" in app.refused


async def test_a_feeder_not_there_yet_is_tried_again_visibly_and_the_header_then_says_who(tmp_path):
    with socket.socket() as s:  # a port nobody listens on (yet)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = ConsoleApp(LiveSource(f"ws://127.0.0.1:{port}/feed", CHIEF[1]))  # no name, no role: the token says
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            if "已重试2次" in app.sub_title:
                break
            await pilot.pause(0.05)
        assert app.sub_title.startswith("个人排名 · 连接不上：已重试") and "上次错误：" in app.sub_title
        assert "ConnectionRefused" in app.sub_title or "Errno" in app.sub_title
        feeder = Feeder(make_db(tmp_path), tokens(), port=port)
        await feeder.start()
        try:
            for _ in range(400):
                if app.replica is not None:
                    break
                await pilot.pause(0.05)
            assert app.replica is not None and app.sub_title == "个人排名 · 裁判长 李主裁"
            assert app.lost is None
        finally:
            await feeder.stop()


async def test_a_connection_lost_mid_day_shows_each_try_until_the_feeder_is_back(tmp_path):
    db = make_db(tmp_path)
    feeder = Feeder(db, tokens(), port=0)
    port = await feeder.start()
    app = ConsoleApp(LiveSource(f"ws://127.0.0.1:{port}/feed", CHIEF[1]))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(400):
            if app.replica is not None:
                break
            await pilot.pause(0.05)
        assert app.sub_title == "个人排名 · 裁判长 李主裁"
        await feeder.stop()
        for _ in range(400):
            if "已重试" in app.sub_title:
                break
            await pilot.pause(0.05)
        assert "连接不上：已重试" in app.sub_title and "上次错误：" in app.sub_title
        feeder = Feeder(db, tokens(), port=port)
        await feeder.start()
        try:
            for _ in range(400):
                if app.lost is None:
                    break
                await pilot.pause(0.05)
            assert app.sub_title == "个人排名 · 裁判长 李主裁"
        finally:
            await feeder.stop()
