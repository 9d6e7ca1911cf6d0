"""The Chinese help of the feeder's commands (feeder/cli.py, feeder/load_cli.py, feeder/clientopts.py).

As db/helptext.py: the English is written beside each command; keys are a command's path, "path --option",
or "--option" alone for an option described alike wherever it appears.
"""

from __future__ import annotations

HELP: dict[str, str] = {
    # every command that connects to the feeder (feeder/clientopts.py)
    "--token": "你的令牌。本机其他用户能看到（ps）：请优先用 --token-file 或 SCOREBOARD_TOKEN。",
    "--token-file": "第一行是你的令牌的文件（也可设 SCOREBOARD_TOKEN）。请妥善保管：chmod 600。",
    "--cafile": "wss:// 地址所信任的 CA 证书（PEM 文件，主办方自己的 CA；见 docs/protocol.md 第 9 节）。",
    # serve
    "serve": """运行数据服务：考场、裁判台和大屏都连接到它。

地址为 ws://HOST:PORT/feed。""",
    "serve --host": "监听的地址（0.0.0.0：所有网卡）。供其他机器连接时，请用 wss://（--cert、--key）。",
    "serve --port": "TCP 端口（0：任选一个空闲端口）。",
    "serve --tokens": "TOML 令牌文件：[hall] 来源 = 令牌，[judge]/[chief]/[display] 名称 = 令牌。",
    "serve --cert": "PEM 证书：以 wss:// 代替 ws:// 提供服务。",
    "serve --key": "--cert 证书的 PEM 私钥。",
    "serve --commit-ms": "成组提交的间隔，单位毫秒（每次提交后发出确认）。",
    "serve --verbose": "记录每次登录和连接。",
    "serve --allow-unverified": "文件未通过 scoreboard verify 时也照常服务（各裁判台会显示校验失败）。",
    # tokens
    "tokens": "数据服务的令牌文件：谁可以连接，以什么身份。",
    "tokens new": """写出令牌文件：每个名称一个高强度的随机令牌。

FILE 只有你能读（权限 0600）。

\b
示例：
  scoreboard tokens new tokens.toml --hall hall-a --hall hall-b --judge 张裁判 --chief 李总 --display screen
然后：scoreboard serve contest.db --tokens tokens.toml。见 docs/protocol.md 第 8 节。""",
    "tokens new --hall": "考场系统的来源名称（每个考场写一次）。",
    "tokens new --judge": "裁判的姓名（每人写一次）。",
    "tokens new --chief": "裁判长的姓名：可以定榜。",
    "tokens new --display": "大屏的名称：只读。",
    "tokens new --force": "FILE 已存在时替换它（原有令牌全部失效）。",
    # hall-sim
    "hall-sim": """以考场系统的身份向数据服务播放模拟的一天考试。

用于彩排和演示。令牌：--token-file 文件（读取其第一行）或 SCOREBOARD_TOKEN；--token 也可用，但会在 ps 中显示。""",
    "hall-sim --source": "考场的来源名称（与令牌文件 [hall] 中的一致）。",
    "hall-sim --roster": "创建比赛数据库时所用的名单文件。",
    "hall-sim --preset": "比赛的规则预设（题型和名额）。",
    "hall-sim --speed": "时间压缩：60 表示以 60 倍速播放这一天；0 表示尽快发送。",
    "hall-sim --seed": "生成这一天所用的随机种子。",
    "hall-sim --bad-rate": "混入的错误记录所占比例（数据服务会将其隔离）。",
    "hall-sim --drop-every": "每隔这么多秒拔一次网线（演练断线续传）。",
}

# `load` as the feeder part has it (offline, or through a running feeder): replaces the database's own.
LOAD_HELP: dict[str, str] = {
    "load": """导入考场记录的 JSON Lines 文件：网络中断时的离线办法。

\b
没有运行数据服务：scoreboard load contest.db hall-a.jsonl
数据服务正在运行：scoreboard load --via ws://127.0.0.1:8765/feed hall-a.jsonl --source hall-a \\
                      --token-file hall-a.token""",
    "load --via": "正在运行的数据服务的地址（ws://HOST:PORT/feed）：以 --source 考场的身份、用该考场的令牌经它发送"
                  "文件，从数据服务已有的记录之后接着发。",
    "load --source": "考场的来源名称（默认：文件里 hello 行的名称；离线时为 offline）。",
}
