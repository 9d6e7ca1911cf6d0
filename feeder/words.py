"""What the feeder's commands say, in Chinese (the default) and English.

One catalogue for the tokens file's errors, the strength check's reasons,
`tokens new`, the token options' warnings, `serve`, `hall-sim` and `load --via`,
so `serve`, `hall-sim`, `load`, `judge`, `screen` and `tokens new` say the same
thing the same way. The help is in feeder/helptext.py, the log lines `serve`
writes in feeder/logwords.py.
"""

from __future__ import annotations

from scoreboard.codes import code_label

MESSAGES: dict[str, tuple[str, str]] = {
    # the tokens file
    "unknown_section": ("未知的小节 [{section}]（应为 {expected} 之一）",
                        "unknown section [{section}] (expected one of {expected})"),
    "not_a_table": ("[{section}] 必须是“名称 = \"令牌\"”的表", "[{section}] must be a table of name = \"token\""),
    "not_a_string": ("令牌必须是字符串", "the token must be a string"),
    "serving_unverified": ("文件校验失败：{problem}；按 --allow-unverified 照常服务，各裁判台都会显示此问题",
                           "the file fails verification: {problem}; served anyway (--allow-unverified), and every "
                           "judge's console shows it"),
    "unusable_name": ("名称不能用（{why}）：登录时无法使用", "the name cannot be used ({why}): no one could log in with it"),
    "reused": ("这个令牌已被 {other} 使用", "the same token is already used by {other}"),
    "unreadable": ("无法读取令牌文件（{why}）", "cannot read the tokens file ({why})"),
    "not_toml": ("不是有效的 TOML（{why}）", "not valid TOML ({why})"),
    "bare_key": ("第 {line} 行：名称 {name} 须加英文双引号，写作 \"{name}\" = \"令牌\"（TOML 只认不加引号的英文字母、数字、- 和 _）",
                 "line {line}: the name {name} must be in double quotes, as \"{name}\" = \"token\" (TOML reads only "
                 "letters, digits, - and _ unquoted)"),
    # the strength check (feeder/strength.py); each says what is wrong and what is asked
    "same_as_name": ("令牌就是它自己的名称", "the token is its own name"),
    "contains_name": ("令牌包含它自己的名称“{name}”，去掉名称后剩下的部分太弱：{rest}",
                      "the token contains its own name '{name}', and without it the rest is weak: {rest}"),
    "too_short": ("令牌太短（{length} 个字符，至少 {minimum} 个）",
                  "the token is too short ({length} characters, at least {minimum})"),
    "bad_chars": ("令牌含有空格、控制字符或非 ASCII 字符“{char}”（只用字母、数字和标点）",
                  "the token holds a space, a control or a non-ASCII character {char} "
                  "(use letters, digits, punctuation)"),
    "few_distinct": ("令牌只用了 {distinct} 种不同的字符（至少 {minimum} 种）",
                     "the token uses only {distinct} different characters (at least {minimum})"),
    "pattern": ("令牌的 {covered}/{length} 个字符是可猜的片段（最长的是{kind}“{run}”）；这类片段最多占一半",
                "{covered} of the token's {length} characters are guessable runs (the longest: {kind} '{run}'); "
                "at most half may be"),
    "low_entropy": ("令牌太容易猜：估计只有约 {bits} 位随机性（至少 {minimum} 位）",
                    "the token is guessable: an estimated {bits} bits of randomness (at least {minimum})"),
    "kind_word": ("常见单词", "the common word"),
    "kind_keyboard": ("键盘上相邻的键", "the keyboard run"),
    "kind_sequence": ("连续字符", "the sequence"),
    "kind_repeat": ("重复", "the repetition"),
    "kind_piece": ("由标点隔开的单一种类片段", "the one-kind piece"),
    # tokens new
    "bad_name": ("名称{problem}", "the name {problem}"),
    "exists": ("{path} 已存在；如确实要换掉全部令牌，加 --force", "{path} exists; add --force to replace every token in it"),
    "no_names": ("至少给出一个名称：--hall、--judge、--chief 或 --display",
                 "give at least one name: --hall, --judge, --chief or --display"),
    "twice": ("{option} {name} 给了两次", "{option} {name} is given twice"),
    "cannot_write": ("无法写入 {path}（{why}）", "cannot write {path} ({why})"),
    "written": ("已写入 {path}（权限 0600，只有你能读）：", "wrote {path} (mode 0600, readable only by you):"),
    "role_line": ("  {role}：{names}", "  {role}: {names}"),
    "role_hall": ("考场 [hall]", "exam halls [hall]"),
    "role_judge": ("裁判 [judge]", "judges [judge]"),
    "role_chief": ("裁判长 [chief]", "chief judges [chief]"),
    "role_display": ("大屏 [display]", "screens [display]"),
    "hand_out": ("只把每个人自己的那一个令牌交给本人（例如写进他自己的文件，用 --token-file 读取），"
                 "不要转发整个文件；启动：scoreboard serve DB --tokens {path}",
                 "hand each person only their own token (in a file of their own, read with --token-file), "
                 "never the whole file; then: scoreboard serve DB --tokens {path}"),
    # how a client command gets its token
    "token_visible": ("--token 写在命令行上，本机其他用户用 ps 就能看到；请改用 --token-file 文件 或环境变量 "
                      "SCOREBOARD_TOKEN",
                      "--token on the command line is visible to other users of this machine (ps); use "
                      "--token-file FILE or the SCOREBOARD_TOKEN environment variable instead"),
    "token_twice": ("令牌只能用一种方式给出，现在同时给了 {first} 和 {second}",
                    "give the token one way only: both {first} and {second} are given"),
    "token_missing": ("需要令牌：--token-file 文件 或环境变量 SCOREBOARD_TOKEN（令牌文件里你的那一项）",
                      "a token is needed: --token-file FILE or SCOREBOARD_TOKEN (your entry in the tokens file)"),
    "token_file_unreadable": ("无法读取令牌文件 {path}（{why}）", "cannot read the token file {path} ({why})"),
    "token_file_empty": ("令牌文件 {path} 的第一行是空的", "the token file {path} is empty on its first line"),
    "token_file_open": ("{path} 其他用户也能读（权限 {mode}）；请执行 chmod 600 {path}",
                        "{path} is readable by other users (mode {mode}); run chmod 600 {path}"),
    "token_offline": ("{option} 只用于在线地址（ws://…）；数据库文件以只读方式打开，不需要令牌",
                      "{option} is for a live feeder URL (ws://...); a database is opened read-only"),
    # serve
    "warning": ("警告：{message}", "warning: {message}"),
    "cert_and_key": ("--cert 和 --key（PEM 证书及其私钥）要么都给，要么都不给",
                     "give both --cert and --key (a PEM certificate and its private key), or neither"),
    "bad_cert": ("无法使用 {cert} / {key}：{why}", "cannot use {cert} / {key}: {why}"),
    "cannot_listen": ("无法在 {host}:{port} 上监听：{why}", "cannot listen on {host}:{port}: {why}"),
    "port_in_use": ("端口已被占用（另一个数据服务或其他程序正在使用；换一个 --port，或用 --port 0 任选空闲端口）",
                    "the port is in use (by another feeder or program; choose another --port, or --port 0 for any "
                    "free one)"),
    "port_denied": ("没有权限（1024 以下的端口需要管理员权限）", "permission denied (ports below 1024 need root)"),
    "no_address": ("本机没有这个地址", "this machine has no such address"),
    "serving": ("数据服务已启动：{db}，地址 {url}（按 Ctrl-C 停止）", "serving {db} at {url} (Ctrl-C to stop)"),
    "stopped": ("已停止；所有已确认的记录都在数据库里", "stopped; everything acknowledged is in the database"),
    # hall-sim
    "sim_plan": ("{source}：{n} 条记录，约 {seconds} 秒发完", "{source}: {n} records over {seconds} s"),
    "sim_plan_fast": ("{source}：{n} 条记录，尽快发送", "{source}: {n} records, as fast as possible"),
    "sim_progress": ("{source}：已发送 {sent}/{total}，确认至 {acked}，拒收 {rejected}",
                     "{source}: {sent}/{total} sent, acked {acked}, rejected {rejected}"),
    "sim_done": ("{source}：已发送 {records} 条，确认至 {acked}，拒收 {rejected} 条（{detail}），连接 {connects} 次，"
                 "故意断线 {drops} 次，用时 {seconds} 秒",
                 "{source}: {records} records sent, acked up to {acked}, rejected {rejected} ({detail}), "
                 "{connects} connection(s), {drops} deliberate drop(s), {seconds} s"),
    "sim_none": ("无", "none"),
    "sim_no_drop": ("——没有断线：--drop-every {every} 秒还没到，全部记录已在 {seconds} 秒内确认",
                    " — no drop happened: everything was acknowledged in {seconds} s, before --drop-every {every} s "
                    "came round"),
    "refused_by_feeder": ("数据服务拒绝了 {source}：{why}", "the feeder refused {source}: {why}"),
    "sim_timeout": ("连不上 {url}，或没能及时收到全部确认；再运行一次即可从中断处继续",
                    "no connection to {url}, or not every record acknowledged in time; run again to resume"),
    # load --via
    "via_args": ("请给出 DB FILE（或用 --via URL FILE 经正在运行的数据服务导入）",
                 "give DB FILE (or --via URL FILE to load through a running feeder)"),
    "via_offline_option": ("{option} 只用于 --via（经正在运行的数据服务）；离线时文件直接写入数据库",
                           "{option} is for --via (a running feeder); offline the file goes straight in"),
    "via_only_file": ("用 --via 时只给出 FILE：数据库由数据服务掌管", "with --via give only the FILE: the feeder holds "
                      "the database"),
    "via_refused": ("{url}：数据服务拒绝：{why}", "{url}: {why}"),
    "via_no_hall": ("没有指明考场：请加 --source（或在文件里写 hello 行）",
                    "no hall named: give --source (or a hello line in the file)"),
    "via_unreadable": ("{file}：无法读取（{why}）", "{file}: {why}"),
    "via_timeout": ("{url}：没能及时收到全部确认；再运行同一条命令即可从中断处继续",
                    "{url}: not every record was acknowledged in time; run the same command again to resume"),
    "not_sent": ("未发送：{line}", "not sent: {line}"),
    "line_not_json": ("第 {line} 行：不是 JSON", "line {line}: not JSON"),
    "line_not_object": ("第 {line} 行：不是 JSON 对象", "line {line}: not a JSON object"),
    "line_bad_batch": ("第 {line} 行：batch 里没有记录列表", "line {line}: a batch without a list of records"),
    "line_no_seq": ("第 {line} 行：记录没有可用的 seq", "line {line}: a record without a usable seq"),
    "line_gap": ("第 {line} 行：seq {seq} 接不上 {last}；数据服务不接受跳号，所以这条及其后的记录都未发送",
                 "line {line}: seq {seq} does not follow {last}; the feeder takes no gap, so this record and the ones "
                 "after it were not sent"),
    "via_quarantined": ("隔离 seq {seq}：{why}", "quarantined seq {seq}: {why}"),
    "bad_cafile": ("{cafile}：不能用作 CA 证书（{why}）", "{cafile}: {why}"),
    "clear_text": ("{host} 不是本机回环地址，而没有 --cert：令牌和成绩会以明文在网络上传输，同一网络里的人都能看到。"
                   "请按 docs/protocol.md 第 9 节配置 wss（--cert/--key）",
                   "{host} is not a loopback address and there is no --cert: tokens and results cross the network "
                   "in clear text, for anyone on it to read. Set up wss (--cert/--key): docs/protocol.md, section 9"),
}


def say(key: str, lang: str = "en", **params) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)


def refusal(code: str, message: str, lang: str) -> str:
    """A refusal the feeder sent (its code and English message): in Chinese named first, the rest kept."""
    return f"{code_label(code, 'zh')}（{code}: {message}）" if lang == "zh" else f"{code}: {message}"


def counts(codes: dict[str, int], lang: str) -> str:
    """How many of each reason code: 考号不在名单 37、… in Chinese, unknown_contestant 37, … in English."""
    if lang == "zh":
        return "、".join(f"{code_label(code, 'zh')} {n}" for code, n in sorted(codes.items()))
    return ", ".join(f"{code} {n}" for code, n in sorted(codes.items()))
