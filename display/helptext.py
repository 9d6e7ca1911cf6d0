"""The Chinese help of the display's commands (display/console/cli.py, display/screen/cli.py,
display/replay/cli.py).

As db/helptext.py: the English is written beside each command; keys are a command's path, "path --option",
or "--option" alone for an option described alike wherever it appears.
"""

from __future__ import annotations

HELP: dict[str, str] = {
    "--theme": "配色主题（也可在命令面板中输入 theme 切换）。",
    # judge
    "judge": """裁判台：在线连接数据服务，或离线打开比赛数据库。

TARGET 是数据服务的地址（ws://host:port/feed）或比赛数据库。

\b
在线：scoreboard judge ws://127.0.0.1:8765/feed --token-file my.token   （令牌说明你是谁）
      （或把令牌放在 SCOREBOARD_TOKEN 里；wss:// 用 --cafile 信任主办方的 CA）
离线：scoreboard judge contest.db   （只读；跟随正在运行的数据服务的文件）
按键：1-7 切换模块，Ctrl+P 列出全部操作，? 帮助。见 docs/console.md。""",
    "judge --name": "你在令牌文件中的名称（不必给出：令牌说明你是谁）。",
    "judge --role": "judge 或 chief（不必给出：令牌说明是哪一种；chief 还可以定榜）。",
    "judge --poll": "离线时：每隔多少秒查看一次数据库有无新事件。",
    # demo
    "demo": """一条命令演示完整的比赛日（即 make demo 所运行的）。

一场临时比赛（福建预设，260 名生成的选手），本进程内在空闲端口上运行的数据服务，两个以彩排速度运行的模拟
考场，以及以裁判长身份打开的裁判台，所以每项操作你都可以试。按 Q 退出；除非加 --keep，临时比赛会被删除。""",
    "demo --speed": "考试日比实际快多少倍（90：大约三分钟）。",
    "demo --seed": "生成这一天所用的随机种子。",
    "demo --keep": "保留临时比赛的文件夹（会打印其路径）。",
    "demo --screen": "改为打开大屏，而不是裁判台。",
    "demo --replay": "改为打开一场已结束比赛日的回放。",
    "demo --stage": "改为现场团体赛（regional-2021-west）：播放记分员的录入，裁判台打开在记分员的工作台上"
                    "（docs/stage.md）。",
    # screen
    "screen": """大厅投影用的大屏。

TARGET 是数据服务的地址（ws://HOST:PORT/feed，大屏的令牌来自 --token-file 或 SCOREBOARD_TOKEN），或比赛
数据库文件，每秒读取一次（用于数据服务所在机器上的大屏，或回放）。
大屏跟随裁判：由裁判台选择显示的画面、封榜，并逐步推进颁奖仪式。只显示数据服务标为公开的内容。

\b
示例：
  scoreboard screen ws://10.0.0.5:8765/feed --token-file screen.token
  scoreboard screen wss://10.0.0.5:8765/feed --cafile ca.pem --token-file screen.token
  scoreboard screen contest.db
  scoreboard screen contest.db --web 8080 --host 0.0.0.0 --public-url http://10.0.0.7:8080
  scoreboard screen --rehearsal""",
    "screen --name": "大屏在令牌文件中的名称（不必给出：令牌会说明）。",
    "screen --lang": "大屏自身文字的语言（奖项名称来自数据服务）。",
    "screen --web": "在这个端口上把大屏提供给浏览器（textual-serve），而不是画在本终端里。",
    "screen --host": "配合 --web：监听的地址（0.0.0.0：所有网卡）。",
    "screen --public-url": "配合 --web：浏览器访问所用的地址，当它不是 http://HOST:PORT 时（例如监听 0.0.0.0 时）。",
    "screen --font-size": "配合 --web：页面的字号，单位像素（26 适合 1080p 投影仪；浏览器仍可在地址里加 ?fontsize=N "
                          "另行指定）。",
    "screen --exam-start": "考试开始时间，按比赛时钟（规则中的时区，默认北京时间）：时钟倒计时至结束。",
    "screen --exam-minutes": "考试时长，单位分钟（默认 120）。",
    "screen --exam-date": "考试日期（默认今天，按比赛时钟）。",
    "screen --rehearsal": "无需考场：用 TARGET 所指预设（默认 fujian-2024-final）生成的一天，依次走过每个画面、"
                          "封榜和颁奖仪式。",
    # replay
    "replay": """回放一个比赛日：当天任一时刻的裁判台或大屏。

从比赛数据库读取，回到当天任一时刻的裁判台（加 --screen 则为大屏），计算与现场完全相同。

\b
按键：空格 播放/暂停，+/- 调速，, 和 . 前后一条事件，< 和 > 前后一分钟，
G 跳到某一时间或 #事件，N 前 N 名的下一次变化，A 下一次奖项变化，
X 选中选手何时跌出前 N 名（及原因），点击或拖动进度条。
裁判台模式：1 排名，2 团体，3 奖项，4 历史曲线，5 奖项变化，6 审计。
示例：scoreboard replay yesterday.db --from 10:30 --top 20
见 docs/replay.md。""",
    "replay --speed": "每秒播放比赛日的多少秒（播放时按 +/- 调整）。",
    "replay --from": "从这一时刻打开：HH:MM[:SS]（比赛时钟，与大屏显示的一致，日期为日志那一天）、#事件号（该事件"
                     "之后）、ISO 日期时间、纪元秒数、start（默认）或 end。",
    "replay --top": "“前 N 名的下一次变化”和“何时跌出前 N 名”中的 N（默认：第一个前 N 名奖项的名额，福建为 20）。",
    "replay --screen": "回放大屏的画面（大厅里看到的），而不是裁判台。",
    "replay --play": "立即开始播放（默认暂停；按空格播放）。",
}
