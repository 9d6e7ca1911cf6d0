"""The log lines an operator watches in the `serve` terminal, in Chinese (the default) and English.

The feeder, the database and websockets log in English (`log.warning("storage is back: ...")`), which is what
a library's user and the tests see. `serve` prints them through `ContestClockLog` (feeder/cli.py), which asks
`translated` for the line in the command's language: LOG holds each message as it is logged (the English
side, exactly, with its %-placeholders) and its Chinese; LEVEL and SOURCE name the level and the logger;
the values a message carries that are words of their own (ok/refused, login) are in VALUE. A message not
here stays English; tests/test_cli_words.py fails on any the feeder or the database logs that is not.
"""

from __future__ import annotations

import copy
import logging

from scoreboard.codes import CODE_NAMES

LOG: dict[str, tuple[str, str]] = {
    # feeder/server.py
    "feeder_on": ("数据服务在 %s:%s 上运行，数据库 %s", "feeder on %s:%s, %s"),
    "unverified": ("比赛文件校验失败：%s", "the contest file fails verification: %s"),
    "access": ("登录%s：%s %s/%s：%s", "access %s: %s %s/%s: %s"),
    "access_more": ("过去一分钟内又有 %d 次登录被拒，来自 %s（未逐条记录）",
                    "access: %d more refused logins from %s in the last minute (not logged one by one)"),
    "not_reading": ("断开 %s（%s）：它不读取发给它的回复（%s）", "closing %s (%s): it does not read its replies (%s)"),
    "storage_back": ("存储已恢复：提交重新成功", "storage is back: commits succeed again"),
    "staging_failed": ("暂存失败（%s seq %s）：%s", "staging failed (%s seq %s): %s"),
    "commit_failed": ("提交失败，暂存的记录均未确认；各考场须重发：%s",
                      "COMMIT FAILED, nothing staged was acknowledged; halls must resend: %s"),
    # feeder/client.py (hall-sim, load --via)
    "server_error": ("%s：数据服务出错 %s：%s", "%s: server error %s: %s"),
    # db/store.py
    "checkpoint_failed": ("检查点失败：%s", "checkpoint failed: %s"),
    # websockets, with -v
    "ws_listening": ("开始监听 %s", "server listening on %s"),
    "ws_open": ("连接已建立", "connection open"),
    "ws_closed": ("连接已关闭", "connection closed"),
    "ws_closing": ("服务正在关闭", "server closing"),
    "ws_server_closed": ("服务已关闭", "server closed"),
    "ws_rejected": ("连接被拒绝（%d %s）", "connection rejected (%d %s)"),
    "ws_http": ("已发送 HTTP 回复（%d %s）", "HTTP response sent (%d %s)"),
    "ws_handshake": ("握手失败", "opening handshake failed"),
    "ws_handler": ("连接处理出错", "connection handler failed"),
    "ws_keepalive": ("心跳检测失败", "keepalive ping failed"),
    "ws_internal": ("意外的内部错误", "unexpected internal error"),
    "ws_parser": ("解析失败", "parser failed"),
}

LEVEL: dict[str, tuple[str, str]] = {
    "DEBUG": ("调试", "DEBUG"),
    "INFO": ("信息", "INFO"),
    "WARNING": ("警告", "WARNING"),
    "ERROR": ("错误", "ERROR"),
    "CRITICAL": ("严重", "CRITICAL"),
}

SOURCE: dict[str, tuple[str, str]] = {
    "feeder": ("数据服务", "feeder"),
    "feeder.client": ("客户端", "feeder.client"),
    "db": ("数据库", "db"),
    "websockets.server": ("网络连接", "websockets.server"),
}

VALUE: dict[str, tuple[str, str]] = {
    "ok": ("成功", "ok"),
    "refused": ("被拒", "refused"),
    "login": ("登录", "login"),
    "no hello in time": ("未及时发送 hello", "no hello in time"),
}

_ZH = {en: zh for zh, en in LOG.values()}


def _value(value, lang: str):
    """A value a message carries, in `lang` when it is one of VALUE's words or a reason code ("code: ...")."""
    if lang != "zh" or not isinstance(value, str):
        return value
    if value in VALUE:
        return VALUE[value][0]
    code, sep, rest = value.partition(": ")
    if sep and code in CODE_NAMES:
        return f"{CODE_NAMES[code][0]}（{code}: {rest}）"
    return value


class TranslatedLog(logging.Formatter):
    """A formatter that prints each record in `lang`."""

    def __init__(self, lang: str, fmt: str = "%(message)s"):
        super().__init__(fmt)
        self.lang = lang

    def format(self, record: logging.LogRecord) -> str:
        return super().format(translated(record, self.lang))


def translated(record: logging.LogRecord, lang: str) -> logging.LogRecord:
    """The record as the operator reads it in `lang` (a copy: other handlers see it as logged)."""
    if lang != "zh":
        return record
    out = copy.copy(record)
    template = _ZH.get(record.msg) if isinstance(record.msg, str) else None
    if template is not None:
        args = record.args if isinstance(record.args, tuple) else ()
        out.msg, out.args = template, tuple(_value(a, lang) for a in args)
    out.levelname = LEVEL.get(record.levelname, (record.levelname,))[0]
    out.name = SOURCE.get(record.name, (record.name,))[0]
    return out

