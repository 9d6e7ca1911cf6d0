"""The Chinese help of the database's commands (db/cli.py, db/judge_cli.py, db/export_cli.py).

The English is written beside each command (its docstring, each option's `help=`); db/helpformat.py shows
this text instead when the command speaks Chinese. Keys: a command's path ("init"), an option as
"init --preset", an option described alike wherever it appears by its name alone ("--lang"). A command's
first sentence (up to 。) is its line in `scoreboard -h`. `\\b` keeps a block as written, as in click.
"""

from __future__ import annotations

HELP: dict[str, str] = {
    # every command
    "--help": "显示本帮助后退出。",
    "--version": "显示版本号后退出。",
    "--lang": "输出所用的语言：zh（中文，默认）或 en（英文）。",
    "--json": "输出机器可读的 JSON。",
    # the root group
    "scoreboard": """赛场计分台：比赛当天的计分系统。

凡是用到比赛数据库的命令，第一个参数都是数据库文件的路径。界面默认说中文；--lang en（或环境变量
SCOREBOARD_LANG=en）改为英文。每个命令都有自己的 -h。""",
    "scoreboard --lang": "帮助和各命令所用的语言：zh（中文，默认）或 en（英文）。",
    # init and the samples
    "init": "用规则和核对过的名单创建比赛数据库。",
    "init --preset": "内置的规则预设。",
    "init --rules": "规则文件（TOML）。",
    "init --roster": "名单文件，CSV 或 XLSX。",
    "init --date": "比赛日期，格式 YYYY-MM-DD（印在证书上；默认取规则里的日期，如有）。",
    "load": "导入考场记录的 JSON Lines 文件（网络中断时的离线办法）。",
    "load --source": "文件里没有 hello 行时所用的来源名称。",
    "presets": "列出规则预设，或打印其中一个（可复制后修改）。",
    "sample-roster": "生成一份名单，姓名和单位逼真（用于彩排）。",
    "sample-roster --preset": "规则预设。",
    "sample-roster --out": "要写入的 CSV 文件。",
    "sample-roster --seed": "随机种子（种子相同，名单相同）。",
    "sample-roster --per-team": "每支代表队的人数（默认按名额）。",
    "sample-day": "生成一天的考场记录，写成 JSON Lines 文件。",
    "sample-day --preset": "规则预设。",
    "sample-day --roster": "名单文件。",
    "sample-day --out": "要写入的 JSON Lines 文件。",
    "sample-day --source": "考场的来源名称。",
    "sample-day --seed": "随机种子（种子相同，这一天相同）。",
    "sample-day --bad-rate": "混入的错误记录所占比例。",
    # what the day stands at
    "progress": """阅卷进度和各奖项的确定情况。

各题型、各考场应评、已评和缺评的题数，谁还没交卷，每个奖项已确定了多少个名额，以及名单自何时起已全部确定。""",
    "standings": "个人、团体和分组排名。",
    "standings --at": "查看某一时刻的排名：比赛时钟的 HH:MM[:SS]（与大屏显示的一致）、ISO 日期时间（不带时区时按"
                      "比赛时钟）或纪元秒数。",
    "standings --team": "只看这支代表队的成员。",
    "standings --group": "只看这个奖项分组。",
    "standings --limit": "最多显示的行数（0：全部）。",
    "awards": "获奖名单，附每个奖项的依据、待裁定的并列和定榜状态。",
    "awards --at": "查看某一时刻的获奖名单（与 standings 相同：比赛时钟的 HH:MM[:SS]、ISO 日期时间或纪元秒数）。",
    "explain": "说明选手（准考证号）或代表队（队名）为什么排在这个位置。",
    "explain --at": "截至这一时刻（比赛时钟的 HH:MM[:SS]，与 standings 相同）。",
    "verify": """对照封存逐项核对整个文件。

核对规则、名单、每条事件、每条隔离记录、每次确认、裁判记录链和每次定榜。指出第一处不符；有任何不符时退出
状态为 1。""",
    "verify --head": "签字名单上印的链头（至少 16 位十六进制字符）：核对文件中确有此链头。",
    # the judges' commands
    "--by": "裁判的姓名（作出决定的人）。",
    "--why": "理由：审计记录和各名单上显示的原因。",
    "decide": "记录裁判对截止线处并列的裁定。",
    "decide --award": "截止线处出现并列的奖项，例如 expert。",
    "decide --group": "奖项分组（按组评定的奖项）。",
    "decide --tied": "并列者的准考证号（或代表队），用英文逗号分隔；默认为唯一一处待裁定的并列。",
    "decide --order": "裁定的名次顺序，从高到低，用英文逗号分隔。",
    "decide --share": "并列者共同获奖（并列）。",
    "decide --lots": "抽签决定；抽签种子会被记录。",
    "decide --seed": "现场见证的抽签种子（默认：新生成的随机种子）。",
    "confirm": "确认当前的获奖名单（定榜前须先确认）。",
    "confirm --by": "裁判的姓名。",
    "confirm --why": "备注。",
    "lock": "定榜：锁定已确认的获奖名单；仅限裁判长。",
    "lock --by": "裁判长的姓名。",
    "lock --why": "备注。",
    "lock --yes": "即使某个由裁判授予的奖项（如优秀组织奖）尚无获奖者，也照样定榜。",
    "assign": "授予由裁判评定的奖项，如优秀组织奖。",
    "assign --award": "由裁判评定的奖项，例如 organisation。",
    "assign --to": "获奖的代表队（或选手）。",
    "disqualify": """取消成绩：选手退出所有个人排名和奖项。

后面的人依次递补；团体成绩中按缺考计。经数据服务操作时只有裁判长可以这样做。""",
    "reinstate": "撤销取消成绩或缺考/弃权（裁判长）。",
    "withdraw": """缺考/弃权：选手未到场或中途离开。

不参加排名；团体成绩中按缺考计。""",
    "correct": """更正录错的姓名、单位，或核实有误的往届经历。

不重新导入名单。""",
    "correct --name": "应印出的正确姓名。",
    "correct --unit": "应印出的正确单位。",
    "correct --flag": "往届经历标记（其代号或名单中的列名），例如 prior_national=是。使选手不符合参赛资格的标记，"
                      "效果等同取消成绩。",
    "substitute": "替补上场（现场赛）：替补队员从某一轮起替换一名队员。",
    "substitute --out": "下场队员的准考证号。",
    "substitute --in": "上场替补队员的准考证号。",
    "substitute --from-round": "替补队员开始上场的那一轮（默认：全部各轮）。",
    # the official lists
    "export": """导出正式名单：可直接 A4 打印的工作簿，或一个名单的 CSV。

未定榜时导出的每张表、每一页都标明“临时/未定榜”（PROVISIONAL）；定榜后导出的带有定榜时间、定榜人和
裁判记录链的哈希值。""",
    "export --to": "要写入的文件：FILE.xlsx（工作簿）或 FILE.csv（一个名单）。",
    "export --what": "哪个名单：results（个人成绩）、teams（团体成绩）、awards（获奖名单）、advancement（推荐名单）、"
                     "audit（审计记录）、certificates（证书名单）、certain（确定获奖名单：阅卷期间已确定获得各奖项者，"
                     "供提前制作证书；只在指名时导出，且须规则声明了试卷结构）。不指定时工作簿包含 certain 以外的全部"
                     "名单；CSV 文件只含一个（默认 results）。",
    "export --award": "与 --what certain 一起用：只导出这一个奖项（规则中的代号，例如 expert）；默认全部奖项。",
    "report": """生成可打印的 A4 成绩报告。

包括全部奖项、推荐名单、团体和个人成绩以及裁判记录。""",
    "report --to": "FILE.html（用浏览器打印）或 FILE.pdf（需要 WeasyPrint 和中文字体）。",
}
