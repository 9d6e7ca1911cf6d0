"""The certificate list: one row per certificate, ready for a mail merge.

A row per award recipient, in the rules' award order (advancement lists are
not certificates). A team award's certificate is made out to the team
("福州代表队"); its unit is left empty. The date is the contest's date from
the rules, written the Chinese way (2024年8月20日) in Chinese.
"""

from __future__ import annotations

from .snapshot import Snapshot


def certificate_rows(snap: Snapshot) -> list[list]:
    by_exam = {r["exam_no"]: r for r in snap.standings["individual"]}
    order = {aid: i for i, (aid, _label, _kind) in enumerate(snap.award_specs)}
    given = sorted(snap.awards["awards"], key=lambda a: order.get(a["id"], len(order)))  # stable
    date = snap.contest_date()
    width = max(3, len(str(len(given))))
    rows = []
    for i, a in enumerate(given, 1):
        cert_no = f"{snap.contest_id}-{i:0{width}d}"
        if a["kind"] == "team":
            rows.append([cert_no, snap.t("team_cat"), snap.t("team_name", team=a["recipient"]), "",
                         a["recipient"], a["label"], snap.title, date, ""])
            continue
        r = by_exam.get(a["recipient"], {})
        rows.append([cert_no, snap.t("individual"), a.get("name", r.get("name", "")),
                     a.get("unit", r.get("unit", "")), a.get("team", r.get("team", "")), a["label"],
                     snap.title, date, a["recipient"]])
    return rows
