"""What the big screen says about its link to the feeder (or its database file), in Chinese by default.

Sources (sources.py) yield `{"type": "status", "connected": bool, "state": …}` with the facts: `lost`
(the link dropped), `reconnecting` (a try failed: `attempt`, `error`, `retry_in`), `closed`, `db_error`
(`error`). The screen shows `status_line(status, lang)` under the title until the link is back.

An error arrives as the client library words it, `ExceptionName: detail` or `code: message` (a
code of the feeder's, scoreboard/codes.py); `error_text` names the usual ones for the hall
(连接被拒绝, 连接超时, 找不到服务器…) and keeps anything else as it came, after 其他错误.
"""

from __future__ import annotations

import re

from scoreboard.codes import CODE_NAMES

WORDS: dict[str, tuple[str, str]] = {
    "lost": ("与计分服务器的连接中断，正在重连……", "Connection to the feeder lost; reconnecting…"),
    "closed": ("与计分服务器的连接已关闭，正在重连……", "The feeder closed the connection; reconnecting…"),
    "reconnecting": ("第{attempt}次重连失败：{error}；{retry}秒后重试",
                     "Reconnect try {attempt} failed: {error}; next in {retry} s"),
    "db_error": ("读取比赛数据库出错（{error}），稍后重试", "Cannot read the contest database ({error}); trying again"),
    "source_error": ("大屏无法继续：{error}", "The screen cannot go on: {error}"),
}

# (pattern on "Name: detail", Chinese, English): the first that matches names the error
ERRORS: list[tuple[str, str, str]] = [
    (r"ConnectionRefused|Errno 111\b|Connect call failed", "连接被拒绝（计分服务器未运行？）",
     "connection refused (is the feeder running?)"),
    (r"gaierror|Name or service not known|Errno -[235]\b|nodename nor servname",
     "找不到服务器地址", "unknown host"),
    (r"Errno 113\b|No route to host", "无法到达服务器（网络不通）", "no route to the host"),
    (r"Errno 101\b|Network is unreachable", "网络不可达", "network unreachable"),
    (r"Timeout|timed out", "连接超时", "timed out"),
    (r"SSLCertVerification|CERTIFICATE_VERIFY_FAILED|CertificateError", "服务器证书未通过验证",
     "the server's certificate was not trusted"),
    (r"SSL", "加密连接失败", "the encrypted connection failed"),
    (r"InvalidStatus|InvalidHandshake|InvalidMessage|InvalidHeader|InvalidUpgrade",
     "握手失败：该地址不是计分服务器", "handshake failed: that address is not a feeder"),
    (r"ConnectionClosed|ConnectionReset|Errno 104\b|EOFError", "连接被对方关闭", "the connection was closed"),
]


def say(key: str, lang: str = "zh", **kw) -> str:
    zh, en = WORDS[key]
    return (en if lang == "en" else zh).format(**kw)


def error_text(raw: str, lang: str = "zh") -> str:
    """A connection error as the hall reads it: `ConnectionRefusedError: …` → 连接被拒绝…"""
    raw = (raw or "").strip()
    code = raw.split(":", 1)[0].strip()
    if code in CODE_NAMES:  # the feeder's own refusal
        return CODE_NAMES[code][1 if lang == "en" else 0]
    for pattern, zh, en in ERRORS:
        if re.search(pattern, raw):
            return en if lang == "en" else zh
    if not raw:
        return "unknown error" if lang == "en" else "未知错误"
    return raw if lang == "en" else f"其他错误：{raw}"


def seconds(value) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "?"
    return f"{v:.1f}".rstrip("0").rstrip(".") or "0"


def status_line(status: dict | None, lang: str = "zh") -> str:
    """The line the screen shows while the link is down; "" while it is up."""
    if not status or status.get("connected"):
        return ""
    state = status.get("state") or "lost"
    if state == "reconnecting":
        return say("reconnecting", lang, attempt=status.get("attempt", 1),
                   error=error_text(status.get("error", ""), lang), retry=seconds(status.get("retry_in")))
    if state == "db_error":
        return say("db_error", lang, error=error_text(status.get("error", ""), lang))
    return say(state if state in WORDS else "lost", lang)
