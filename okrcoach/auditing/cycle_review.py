"""End-of-cycle review: scores per owner and cycle, with traffic lights, from an audit of a table
that has a ``score`` column (and, for several cycles, a ``cycle`` column).

The objective's score is the mean of its scored KRs (:func:`okrcoach.cycle.scoring.mean_score`); an
owner's cycle score is the mean of their objectives' scores, so an objective with many KRs does
not outweigh the others. Sandbagging and repeated objectives are findings (SCORE504/505) in the
audit itself; this table is what a review meeting looks at. :func:`rhythm_findings` adds the rhythm
of the cycle from weekly updates: stale KRs, flat scores, no mid-cycle review (CHECKIN605–607).
"""
from __future__ import annotations

import pandas as pd

from ..cycle.scoring import COMMITTED_STATUSES, LIGHTS, traffic_light

REVIEW_COLUMNS = ["owner", "cycle", "objectives", "scored_krs", "score", "light", "red", "yellow", "green",
                  "unscored_krs", "met", "missed"]  # met/missed: committed KRs (承诺型), which have no traffic light


def score_table(result) -> pd.DataFrame:
    """One row per owner (else team) and cycle: objective-averaged score, its light, KR lights counted."""
    frame = result.frame
    if "kr_score" not in frame.columns:
        return pd.DataFrame(columns=REVIEW_COLUMNS)
    rows = result.table.rows
    data = pd.DataFrame({
        "owner": [r.owner or r.team or r.department or "(all)" for r in rows],
        "cycle": [r.cycle for r in rows],
        "objective": [r.objective for r in rows],
        "is_kr": [bool(r.key_result) for r in rows],
        "kr_score": frame["kr_score"].to_numpy(),
        "kr_light": frame["kr_light"].to_numpy(),
        "objective_score": frame["objective_score"].to_numpy(),
    })
    krs = data[data["is_kr"]]
    out = []
    for (owner, cycle), g in krs.groupby(["owner", "cycle"], sort=False):
        per_objective = g.groupby("objective", sort=False)["objective_score"].first().dropna()
        score = round(float(per_objective.mean()), 3) if len(per_objective) else None
        counts = g["kr_light"].value_counts()
        out.append({"owner": owner, "cycle": cycle, "objectives": int(g["objective"].nunique()),
                    "scored_krs": int(g["kr_score"].notna().sum()), "score": score, "light": traffic_light(score),
                    **{light: int(counts.get(light, 0)) for light in LIGHTS},
                    "unscored_krs": int(g["kr_score"].isna().sum()),
                    **{status: int(counts.get(status, 0)) for status in COMMITTED_STATUSES}})
    table = pd.DataFrame(out, columns=REVIEW_COLUMNS)
    return table.sort_values(["owner", "cycle"], kind="stable").reset_index(drop=True)


def score_chart(table: pd.DataFrame, fmt: str = "png") -> bytes:
    """Mean score per owner and cycle, bars coloured by traffic light (rendered offline with matplotlib)."""
    from ..reports.charts import _plt, _render

    plt = _plt()
    colours = {"red": "#d9534f", "yellow": "#f0ad4e", "green": "#5cb85c", "": "#bbbbbb"}
    cycles = sorted(table["cycle"].unique())
    owners = list(dict.fromkeys(table["owner"]))
    width = 0.8 / max(1, len(cycles))
    fig, ax = plt.subplots(figsize=(max(6.4, 0.9 * len(owners) * max(1, len(cycles)) / 1.5), 3.6))
    scores = {(r.owner, r.cycle): (r.score, r.light) for r in table.itertuples()}
    for c_idx, cycle in enumerate(cycles):
        xs = [i + c_idx * width for i in range(len(owners))]
        got = [scores.get((o, cycle), (None, "")) for o in owners]
        ys = [float(s) if s is not None and s == s else 0.0 for s, _ in got]
        ax.bar(xs, ys, width=width * 0.95, color=[colours[light] for _, light in got], edgecolor="#333333",
               linewidth=0.4)
        for x, y, (s, _) in zip(xs, ys, got):
            ax.text(x, y + 0.02, f"{y:.2f}" if s is not None and s == s else "–", ha="center", va="bottom", fontsize=7)
    ax.set_xticks([i + width * (len(cycles) - 1) / 2 for i in range(len(owners))], labels=owners, fontsize=8)
    ax.set_ylim(0, 1.12)
    for y, colour in ((0.7, "#5cb85c"), (0.4, "#d9534f")):
        ax.axhline(y, color=colour, linestyle="--", linewidth=0.8)
    ax.set_ylabel("score 得分")
    ax.set_title(f"OKR scores per owner · 各负责人得分 ({', '.join(cycles)})", fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    return _render(fig, fmt)


RHYTHM_CODES = ("CHECKIN605", "CHECKIN606", "CHECKIN607")
RHYTHM_FINDING_COLUMNS = ["owner", "key_result", "week", "code", "name", "message"]


def rhythm_findings(checked, lang: str | None = None) -> pd.DataFrame:
    """The rhythm of the cycle for the review meeting: one row per stale KR (CHECKIN605), flat score
    (CHECKIN606) and owner without a mid-cycle review (CHECKIN607), from a
    :class:`~okrcoach.auditing.checkins.CheckinResult` of several weeks; messages in ``lang`` (default: each row's own)."""
    frame = checked.frame
    owner_col, kr_col, week_col = (checked.column(c) for c in ("owner", "key_result", "week"))
    out = []
    for rec, found, row_lang in zip(frame.to_dict("records"), checked.findings, checked.langs):
        for f in found:
            if f.code in RHYTHM_CODES:
                out.append({"owner": rec.get(owner_col, "") if owner_col else "",
                            "key_result": rec.get(kr_col, "") if kr_col else "",
                            "week": rec.get(week_col, "") if week_col else "", "code": f.code, "name": f.name,
                            "message": f.message(lang or row_lang)})
    return pd.DataFrame(out, columns=RHYTHM_FINDING_COLUMNS)
