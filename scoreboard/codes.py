"""The reason codes a refusal carries, named for the people who read them.

A hall's system reads the code itself (PROTOCOL.md); a judge reads its name in
Chinese (or English with the switch) in the quarantine view, the refusal
notices and the exports. Every code the server, the loader or a console can
give is here: `tests/test_codes.py` walks the sources and fails on one that
is not.
"""

from __future__ import annotations

CODE_NAMES: dict[str, tuple[str, str]] = {
    # a hall's records (PROTOCOL.md §6) and the loader's lines
    "bad_record": ("记录格式错误", "malformed record"),
    "bad_json": ("不是JSON", "not JSON"),
    "unknown_contestant": ("考号不在名单", "unknown contestant"),
    "unknown_section": ("未知题型", "unknown section"),
    "score_out_of_range": ("分数超出范围", "score out of range"),
    "max_mismatch": ("满分不一致", "max mismatch"),
    "section_mismatch": ("题型不一致", "section mismatch"),
    "too_many_items": ("题目数超限", "too many items"),
    "paper_exceeded": ("超出试卷题量", "beyond the paper"),
    "seq_conflict": ("序号冲突", "seq conflict"),
    "seq_gap": ("序号跳号", "seq gap"),
    "unprocessable": ("服务器无法处理", "unprocessable"),
    # a hall's frames
    "text_frame": ("文本帧", "text frame"),
    "frame_too_large": ("帧过大", "frame too large"),
    "not_msgpack": ("非MessagePack", "not MessagePack"),
    "not_a_map": ("帧非键值表", "frame not a map"),
    "bad_batch": ("批量帧错误", "bad batch"),
    "unknown_type": ("未知帧类型", "unknown frame type"),
    "bad_hello": ("登录帧错误", "bad hello"),
    "unauthorized": ("令牌错误", "unauthorized"),
    "not_reading": ("客户端不读取", "not reading"),
    "replaced": ("被新连接取代", "replaced"),
    "internal": ("服务器内部错误", "internal error"),
    "bad_url": ("地址有误", "bad address"),
    "acked_behind": ("服务器确认数倒退", "server acknowledged less"),
    "storage": ("存储失败", "storage failure"),
    # judges' commands
    "bad_command": ("命令有误", "bad command"),
    "unknown_command": ("未知命令", "unknown command"),
    "forbidden": ("无权操作", "forbidden"),
    "reason_required": ("须写理由", "reason required"),
    "locked": ("已定榜", "locked"),
    "not_locked": ("未定榜", "not locked"),
    "no_such_tie": ("无此并列", "no such tie"),
    "pending_ties": ("并列待裁定", "ties pending"),
    "stale": ("名单已变化", "list changed"),
    "not_confirmed": ("尚未确认", "not confirmed"),
    "frozen": ("已封榜", "frozen"),
    "not_frozen": ("未封榜", "not frozen"),
    "already_entered": ("已记分", "already entered"),
    # a console's own
    "disconnected": ("未连接", "disconnected"),
    "link": ("连接故障", "link failure"),
    "read_only": ("只读", "read-only"),
}


def code_label(code: str, lang: str = "zh") -> str:
    """A code's name in `lang`; an unknown code (a newer server's) as it is."""
    names = CODE_NAMES.get(code)
    if names is None:
        return code
    return names[0] if lang == "zh" else names[1]
