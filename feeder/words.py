"""What the feeder's commands say about tokens, in Chinese (the default) and English.

One catalogue for the tokens file's errors, the strength check's reasons,
`tokens new`, the token options' warnings and `serve`'s clear-text warning, so
`serve`, `hall-sim`, `judge`, `screen` and `tokens new` say the same thing the
same way.
"""

from __future__ import annotations

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
    "clear_text": ("{host} 不是本机回环地址，而没有 --cert：令牌和成绩会以明文在网络上传输，同一网络里的人都能看到。"
                   "请按 docs/protocol.md 第 9 节配置 wss（--cert/--key）",
                   "{host} is not a loopback address and there is no --cert: tokens and results cross the network "
                   "in clear text, for anyone on it to read. Set up wss (--cert/--key): docs/protocol.md, section 9"),
}


def say(key: str, lang: str = "en", **params) -> str:
    zh, en = MESSAGES[key]
    return (en if lang == "en" else zh).format(**params)
