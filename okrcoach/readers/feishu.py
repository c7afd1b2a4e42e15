"""Feishu/Lark OKR exports (JSON) → the audit's table and the check-ins' weekly updates.

Teams that keep OKRs in Feishu/Lark OKR get them out as JSON, from the Open API or ``lark-cli``;
this reader takes that JSON as it comes, so ``okrcoach audit okrs.json`` needs no spreadsheet
in between. Accepted shapes (field names from the public API references, see ``docs/feishu.md``):

- Open API v1 ``GET /open-apis/okr/v1/users/:user_id/okrs`` and ``GET /open-apis/okr/v1/okrs/batch_get``:
  ``{"code": 0, "data": {"okr_list": [{"name": <period>, "objective_list": [{"content", "score",
  "weight", "progress_rate": {"percent", "status"}, "deadline", "kr_list": [{"content", "score",
  "kr_weight", …}], "aligning_objective_list", "aligned_objective_list", "progress_record_list"}]}]}}``
  — raw, or only its ``data`` part. v1 scores and weights are 0–100 and become 0–1 here;
- ``lark-cli okr +cycle-detail`` (Open API v2): ``{"cycle_id", "objectives": [{"owner": {"user_id"},
  "content", "score", "weight", "deadline", "key_results": [...]}]}`` with ``content`` as plain
  text, SemiPlainContent or ContentBlock (:mod:`okrcoach.readers.richtext`);
- progress records: ``lark-cli okr +progress-list`` (``{"progress_list": [...]}``), ``+progress-get``
  (``{"progress": {...}}``) and the v1 ``GET /open-apis/okr/v1/progress_records/:id`` data, each record
  ``{"progress_id", "modify_time", "content", "progress_rate"}``;
- several of these in one file: a JSON array, JSON Lines, or documents written one after another
  (``for u in …; do lark-cli …; done > okrs.json``).

Feishu's JSON does not carry names for users, nor which KR a ``+progress-list`` page belongs
to. A wrapper object may add them (okrcoach's convention, documented in the README): ``users``
(id → name, for owners and @mentions), ``user_name``/``user_id`` (the owner of a v1 response),
``cycle_name`` (a v2 cycle's name) and ``target_id`` (the KR or objective a page of progress
records is about). v1 exports link records by the ids in ``progress_record_list`` on their own.
Unknown fields are ignored.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Mapping

import pandas as pd

from ..core.errors import OKRInputError
from .encoding import decode_bytes
from .richtext import IMAGE_ONLY, flatten

JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
OKR_COLUMNS = ["owner", "cycle", "id", "objective", "key_result", "score", "weight", "progress_percent", "status",
               "status_light", "deadline", "parent", "superior_objective", "parent_id", "objective_id", "objective_weight",
               "objective_feishu_score", "objective_progress_percent", "objective_status"]
UPDATE_COLUMNS = ["week", "owner", "cycle", "objective", "key_result", "score", "progress", "risks", "next",
                  "progress_percent", "status", "status_light", "progress_id"]
# progress_rate.status: v1 "-1" none / "0" normal / "1" risk / "2" delayed (延期); lark-cli gives
# normal / overdue / done; indicator_status uses the same -1/0/1/2.
STATUS = {"-1": "", "0": "normal", "1": "risk", "2": "delayed", "normal": "normal", "on_track": "normal",
          "risk": "risk", "at_risk": "risk", "delayed": "delayed", "extended": "delayed", "overdue": "delayed",
          "done": "done", "completed": "done"}
STATUS_LIGHTS = {"normal": "green", "done": "green", "risk": "yellow", "delayed": "red"}
CHINA = timezone(timedelta(hours=8))  # Feishu timestamps are epoch ms; tenants read them in China time
EXPECTED = ("expected a Feishu/Lark OKR export: data.okr_list[].objective_list[] (Open API v1 users/:user_id/okrs "
            "or okrs/batch_get), objectives[] (lark-cli okr +cycle-detail) or progress_list[] (okr +progress-list)")
# progress record paragraphs that start like the weekly template's fields
_SECTION = re.compile(r"^\s*(?:[-*•·]\s*)?(进展|本周进展|关键进展|progress|风险与支持|风险和支持|风险|需要的支持|需要支持|"
                      r"risks?\s*(?:&|and)\s*support|risks?|support needed|下周计划|下周|下周待办|next\s*week|next)"
                      r"\s*(?:/\s*[A-Za-z& ]+?\s*)?[:：]\s*(.*)$", re.IGNORECASE)
_SECTION_KEY = {"进展": "progress", "本周进展": "progress", "关键进展": "progress", "progress": "progress",
                "下周计划": "next", "下周": "next", "下周待办": "next", "nextweek": "next", "next": "next"}


@dataclass
class FeishuExport:
    """What one JSON file held: KR rows for the audit, progress records for the check-ins."""

    okr_records: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""


# ------------------------------------------------------------------------------------ values
def _number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) if value == value else None
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+(?:\.\d+)?\s*", value):
        return float(value)
    return None


def _fmt(x: float) -> str:
    return f"{round(x, 4):g}"


def score_text(value: object, hundred: bool) -> str:
    """A Feishu score as 0–1 text: v1 gives integers 0–100, v2 / lark-cli 0–1 with one decimal.

    >>> score_text(70, True), score_text(0.7, False), score_text(None, True), score_text("", False)
    ('0.7', '0.7', '', '')
    """
    x = _number(value)
    if x is None:
        return "" if value in (None, "") else str(value)  # text stays text: the audit reports it
    if hundred and (x > 1 or float(x).is_integer()):
        x = x / 100
    return _fmt(x)


def weight_text(value: object, hundred: bool) -> str:
    x = _number(value)
    if x is None:
        return ""
    return _fmt(x / 100 if hundred else x)


def date_text(value: object) -> str:
    """Epoch milliseconds (as number or text) or "2025-06-30 23:59:59" → "2025-06-30"; 0 → ""."""
    x = _number(value)
    if x is not None:
        if x <= 0:
            return ""
        try:
            return datetime.fromtimestamp(x / 1000 if x > 1e11 else x, tz=CHINA).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return str(value)
    text = str(value or "").strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    return m.group(1) if m else text


def status_name(rate: object) -> str:
    """``progress_rate.status`` (or a bare status) → normal / risk / delayed / done / ""."""
    raw = rate.get("status") if isinstance(rate, dict) else rate
    if raw is None:
        return ""
    key = str(raw).strip().lower().replace(" ", "_")
    return STATUS.get(key, key)


def _percent(rate: object) -> str:
    x = _number(rate.get("percent")) if isinstance(rate, dict) else None
    return _fmt(x) if x is not None else ""


def _id(value: object) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


# ------------------------------------------------------------------------------------ reading
def json_documents(data: bytes, path: str) -> list:
    """Every JSON value in the file: one document, a JSON array, JSON Lines or documents back to back."""
    text, _ = decode_bytes(data, path)
    text = text.lstrip("\ufeff")
    decoder = json.JSONDecoder()
    docs: list = []
    i, end = 0, len(text)
    while True:
        while i < end and text[i] in " \t\r\n":
            i += 1
        if i >= end:
            break
        try:
            doc, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            cut = exc.pos >= len(text.rstrip()) - 1 or "Unterminated" in exc.msg
            raise OKRInputError(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
                                + ("; the file ends in the middle of a value — was the export cut off?" if cut else ""),
                                path=path) from None
        except RecursionError:
            raise OKRInputError("is JSON nested too deeply to be an OKR export", path=path) from None
        docs.append(doc)
    if not docs:
        raise OKRInputError("is empty (no JSON in it)", path=path)
    return docs


def looks_like_json(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[")


def _users(doc: object, into: dict[str, str], depth: int = 0) -> None:
    """Collect ``users`` maps (``{id: name}`` or ``[{"open_id"/"user_id", "name"}]``) from wrappers."""
    if depth > 3:
        return
    if isinstance(doc, list):
        for item in doc:
            _users(item, into, depth + 1)
        return
    if not isinstance(doc, dict):
        return
    users = doc.get("users") or doc.get("user_map")
    if isinstance(users, dict):
        into.update({str(k): str(v) for k, v in users.items() if isinstance(v, (str, int))})
    elif isinstance(users, list):
        for u in users:
            if isinstance(u, dict):
                name = u.get("name") or u.get("en_name")
                for key in ("open_id", "user_id", "union_id", "id"):
                    if u.get(key) and name:
                        into[str(u[key])] = str(name)
    for key in ("data",):
        if isinstance(doc.get(key), (dict, list)):
            _users(doc[key], into, depth + 1)


class _Collector:
    def __init__(self, path: str, users: dict[str, str]):
        self.path, self.users = path, users
        self.objectives: list[dict] = []
        self.progress: list[dict] = []
        self.unknown: list[str] = []
        self.errors: list[str] = []
        self.empty_lists = 0
        self.kinds: set[str] = set()

    # names ---------------------------------------------------------------------------------
    def person(self, who: object) -> str:
        if isinstance(who, dict):
            name = who.get("name") or who.get("user_name")
            if name:
                return str(name)
            uid = who.get("user_id") or who.get("open_id") or who.get("union_id") or who.get("id")
            return self.users.get(str(uid), str(uid)) if uid else ""
        if who in (None, ""):
            return ""
        return self.users.get(str(who), str(who))

    def text(self, value: object, sep: str = " ") -> str:
        return flatten(value, self.users, sep)

    # walking -------------------------------------------------------------------------------
    def walk(self, doc: object, ctx: dict, depth: int = 0) -> None:
        if depth > 6:
            self.unknown.append("JSON nested deeper than an OKR export")
            return
        if isinstance(doc, list):
            if not doc:
                self.unknown.append("an empty list")
            for item in doc:
                self.walk(item, ctx, depth + 1)
            return
        if not isinstance(doc, dict):
            self.unknown.append(type(doc).__name__)
            return
        if doc and set(doc) <= {"users", "user_map"}:  # a names-only document (see _users)
            return
        ctx = dict(ctx)
        for key in ("user_name", "owner_name"):
            if doc.get(key):
                ctx["owner"] = str(doc[key])
        if "owner" not in ctx or not ctx["owner"]:
            for key in ("user_id", "open_id"):
                if isinstance(doc.get(key), (str, int)) and doc.get(key):
                    ctx["owner"] = self.person(doc[key])
        if isinstance(doc.get("owner"), (str, dict)) and "objectives" not in doc and "okr_list" not in doc:
            ctx["owner"] = self.person(doc["owner"]) or ctx.get("owner", "")
        if doc.get("cycle_name") or doc.get("period_name"):
            ctx["cycle"] = self.text(doc.get("cycle_name") or doc.get("period_name"))
        if doc.get("target_id") not in (None, ""):
            ctx["target"] = _id(doc["target_id"])
        code = doc.get("code")
        if code not in (None, 0, "0") and ("msg" in doc or "message" in doc or "data" not in doc):
            msg = " ".join(str(doc.get("msg") or doc.get("message") or "no message").split())[:200]
            self.errors.append(f"is a Feishu API error response (code {code}: {msg}), not OKR data; "
                               "fix the request (token, scopes, user id) and export again")
            return
        if isinstance(doc.get("data"), (dict, list)):
            self.walk(doc["data"], ctx, depth + 1)
            return
        found = False
        if "okr_list" in doc:
            found = True
            self.kinds.add("v1")
            okrs = doc.get("okr_list") or []
            if not okrs:
                self.empty_lists += 1
            for okr in okrs if isinstance(okrs, list) else []:
                self.v1_okr(okr, ctx)
        if "objective_list" in doc and "okr_list" not in doc:  # one okr_list item on its own
            found = True
            self.kinds.add("v1")
            self.v1_okr(doc, ctx)
        if isinstance(doc.get("objectives"), list):
            found = True
            self.kinds.add("v2")
            cycle = ctx.get("cycle") or self.text(doc.get("cycle_name") or doc.get("name")) or _id(doc.get("cycle_id"))
            if not doc["objectives"]:
                self.empty_lists += 1
            for obj in doc["objectives"]:
                self.v2_objective(obj, dict(ctx, cycle=cycle))
        if isinstance(doc.get("progress_list"), list):
            found = True
            self.kinds.add("progress")
            for rec in doc["progress_list"]:
                self.progress_record(rec, ctx)
        if isinstance(doc.get("progress"), dict):
            found = True
            self.kinds.add("progress")
            self.progress_record(doc["progress"], ctx)
        if "progress_id" in doc and not found:
            found = True
            self.kinds.add("progress")
            self.progress_record(doc, ctx)
        if not found:
            self.unknown.append(", ".join(list(map(str, doc.keys()))[:8]) or "an empty object")

    # v1 ------------------------------------------------------------------------------------
    def v1_okr(self, okr: object, ctx: dict) -> None:
        if not isinstance(okr, dict):
            return
        cycle = self.text(okr.get("name")) or ctx.get("cycle") or _id(okr.get("period_id"))
        objectives = okr.get("objective_list") or []
        for obj in objectives if isinstance(objectives, list) else []:
            if not isinstance(obj, dict):
                continue
            scored = _scored(obj)
            o = {"id": _id(obj.get("id")), "text": self.text(obj.get("content")), "owner": ctx.get("owner", ""),
                 "cycle": cycle, "score": score_text(obj.get("score"), True) if scored else "",
                 "weight": weight_text(obj.get("weight"), True), "percent": _percent(obj.get("progress_rate")),
                 "status": status_name(obj.get("progress_rate")), "deadline": date_text(obj.get("deadline")),
                 "parents": [_id(a.get("id")) for a in obj.get("aligning_objective_list") or [] if isinstance(a, dict)],
                 "children": [_id(a.get("id")) for a in obj.get("aligned_objective_list") or [] if isinstance(a, dict)],
                 "progress_ids": _record_ids(obj), "krs": []}
            for kr in obj.get("kr_list") or []:
                if not isinstance(kr, dict):
                    continue
                weight = kr.get("kr_weight") if kr.get("kr_weight") is not None else kr.get("weight")
                o["krs"].append({"id": _id(kr.get("id")), "text": self.text(kr.get("content")),
                                 "score": score_text(kr.get("score"), True) if _scored(kr) else "",
                                 "weight": weight_text(weight, True), "percent": _percent(kr.get("progress_rate")),
                                 "status": status_name(kr.get("progress_rate")),
                                 "deadline": date_text(kr.get("deadline")), "progress_ids": _record_ids(kr)})
            self.objectives.append(o)

    # v2 / lark-cli -------------------------------------------------------------------------
    def v2_objective(self, obj: object, ctx: dict) -> None:
        if not isinstance(obj, dict):
            return
        owner = self.person(obj.get("owner")) or ctx.get("owner", "")
        o = {"id": _id(obj.get("id")), "text": self.text(obj.get("content")), "owner": owner,
             "cycle": ctx.get("cycle", ""), "score": score_text(obj.get("score"), False),
             "weight": weight_text(obj.get("weight"), False), "percent": _percent(obj.get("progress_rate")),
             "status": status_name(obj.get("progress_rate") or obj.get("indicator_status")),
             "deadline": date_text(obj.get("deadline")),
             "parents": [_id(a.get("id") if isinstance(a, dict) else a) for a in obj.get("aligning_objective_list") or []],
             "children": [_id(a.get("id") if isinstance(a, dict) else a) for a in obj.get("aligned_objective_list") or []],
             "progress_ids": _record_ids(obj), "krs": []}
        for kr in obj.get("key_results") or obj.get("kr_list") or []:
            if not isinstance(kr, dict):
                continue
            o["krs"].append({"id": _id(kr.get("id")), "text": self.text(kr.get("content")),
                             "score": score_text(kr.get("score"), False), "weight": weight_text(kr.get("weight"), False),
                             "percent": _percent(kr.get("progress_rate")),
                             "status": status_name(kr.get("progress_rate") or kr.get("indicator_status")),
                             "deadline": date_text(kr.get("deadline")), "progress_ids": _record_ids(kr)})
        self.objectives.append(o)

    # progress records ----------------------------------------------------------------------
    def progress_record(self, rec: object, ctx: dict) -> None:
        if not isinstance(rec, dict):
            return
        self.progress.append({"id": _id(rec.get("progress_id") or rec.get("id")),
                              "text": self.text(rec.get("content"), sep="\n"),
                              "week": date_text(rec.get("modify_time")), "percent": _percent(rec.get("progress_rate")),
                              "status": status_name(rec.get("progress_rate")),
                              "target": _id(rec.get("target_id")) or ctx.get("target", ""),
                              "owner": ctx.get("owner", "")})


def _scored(item: Mapping) -> bool:
    """v1 returns ``score: 0`` for KRs nobody scored; ``score_last_updated_time: "0"`` tells them apart."""
    t = item.get("score_last_updated_time")
    return t is None or str(t).strip() not in ("0", "")


def _record_ids(item: Mapping) -> list[str]:
    return [_id(r.get("id") if isinstance(r, dict) else r) for r in item.get("progress_record_list") or []]


def split_sections(text: str) -> dict[str, str]:
    """A progress record written like the weekly template ("进展：… / 风险与支持：… / 下周计划：…")
    → its parts; text before any label is progress.

    >>> split_sections("进展：签约 2 家\\n风险与支持：法务排期紧\\n下周计划：@张磊 约客户")
    {'progress': '签约 2 家', 'risks': '法务排期紧', 'next': '@张磊 约客户'}
    """
    parts = {"progress": [], "risks": [], "next": []}
    current = "progress"
    for line in text.splitlines():
        m = _SECTION.match(line)
        if m:
            label = re.sub(r"\s+", "", m.group(1).lower())
            current = _SECTION_KEY.get(label, "risks")
            line = m.group(2)
        if line.strip():
            parts[current].append(line.strip())
    return {k: ("；".join(v) if k == "next" else " ".join(v)) for k, v in parts.items()}


# ------------------------------------------------------------------------------------ building
def parse_export(data: bytes, path: str) -> FeishuExport:
    """Read a Feishu/Lark OKR JSON file's bytes (see the module docs for the shapes)."""
    docs = json_documents(data, path)
    users: dict[str, str] = {}
    _users(docs, users)
    col = _Collector(path, users)
    for doc in docs:
        col.walk(doc, {})
    if col.errors and not col.objectives and not col.progress:
        raise OKRInputError(col.errors[0], path=path)
    if not col.kinds:
        seen = "; ".join(dict.fromkeys(col.unknown)) or "nothing"
        raise OKRInputError(f"is JSON but not a Feishu/Lark OKR export (found: {seen}); {EXPECTED}", path=path)
    out = FeishuExport(source=path)
    out.notes.extend(col.errors)
    kinds = {"v1": "Open API v1 okr_list", "v2": "lark-cli / Open API v2 objectives", "progress": "progress records"}
    out.notes.append("read as a Feishu/Lark OKR export (" + ", ".join(kinds[k] for k in sorted(col.kinds)) + ")")
    by_id = {o["id"]: o for o in col.objectives if o["id"]}
    parent_of: dict[str, str] = {}
    for o in col.objectives:
        for pid in o["parents"]:
            if pid:
                parent_of.setdefault(o["id"], pid)
    for o in col.objectives:
        for cid in o["children"]:
            if cid:
                parent_of.setdefault(cid, o["id"])
    images = 0
    for o in col.objectives:
        pid = parent_of.get(o["id"], "")
        superior = by_id.get(pid)
        parent = superior["text"] if superior else ""
        base = {"owner": o["owner"], "cycle": o["cycle"], "objective": o["text"], "parent": parent,
                "superior_objective": parent, "parent_id": pid,
                "objective_id": o["id"], "objective_weight": o["weight"], "objective_feishu_score": o["score"],
                "objective_progress_percent": o["percent"], "objective_status": o["status"]}
        images += o["text"] == IMAGE_ONLY
        if not o["krs"]:
            out.okr_records.append({**base, "id": o["id"], "key_result": "", "score": "", "weight": "",
                                    "progress_percent": o["percent"], "status": o["status"],
                                    "status_light": STATUS_LIGHTS.get(o["status"], ""), "deadline": o["deadline"]})
        for kr in o["krs"]:
            images += kr["text"] == IMAGE_ONLY
            out.okr_records.append({**base, "parent": _nearest(kr["text"], superior), "id": kr["id"],
                                    "key_result": kr["text"], "score": kr["score"],
                                    "weight": kr["weight"], "progress_percent": kr["percent"], "status": kr["status"],
                                    "status_light": STATUS_LIGHTS.get(kr["status"], ""),
                                    "deadline": kr["deadline"] or o["deadline"]})
    if images:
        out.notes.append(f"{images} objectives/KRs have only images in Feishu; they show as {IMAGE_ONLY}")
    if col.objectives and not any(o["owner"] for o in col.objectives) and len(col.objectives) > 1:
        out.notes.append("no owner in the export; add user_name (or user_id with a users map) beside each response")
    _link_progress(col, out)
    if col.empty_lists and not col.objectives and not col.progress:
        raise OKRInputError("has no OKRs (okr_list / objectives is empty); check the user id and period, then "
                            "export again", path=path)
    return out


def _nearest(text: str, superior: dict | None) -> str:
    """A KR's superior line: Feishu aligns objectives, not KRs, so the KR is set against the superior
    objective's KR it is most like (the one ALIGN401 would call copied), or the objective itself."""
    if superior is None:
        return ""
    from ..analysis.similarity import similarity

    best, best_sim = superior["text"], 0.0
    for line in [kr["text"] for kr in superior["krs"]] + [superior["text"]]:
        sim = similarity(text, line) if text and line else 0.0
        if sim > best_sim:
            best, best_sim = line, sim
    return best


def _link_progress(col: _Collector, out: FeishuExport) -> None:
    target: dict[str, tuple[dict, dict | None]] = {}
    for o in col.objectives:
        target[o["id"]] = (o, None)
        for kr in o["krs"]:
            target[kr["id"]] = (o, kr)
    by_record: dict[str, tuple[dict, dict | None]] = {}
    for o in col.objectives:
        for rid in o["progress_ids"]:
            by_record.setdefault(rid, (o, None))
        for kr in o["krs"]:
            for rid in kr["progress_ids"]:
                by_record[rid] = (o, kr)
    unlinked = 0
    for rec in col.progress:
        o, kr = by_record.get(rec["id"]) or target.get(rec["target"]) or (None, None)
        unlinked += o is None
        parts = split_sections(rec["text"])
        out.updates.append({"week": rec["week"], "owner": (o or {}).get("owner") or rec["owner"],
                            "cycle": (o or {}).get("cycle", ""), "objective": (o or {}).get("text", ""),
                            "key_result": (kr or {}).get("text", ""), "score": (kr or {}).get("score", ""),
                            "progress": parts["progress"], "risks": parts["risks"], "next": parts["next"],
                            "progress_percent": rec["percent"], "status": rec["status"],
                            "status_light": STATUS_LIGHTS.get(rec["status"], ""), "progress_id": rec["id"]})
    if unlinked:
        out.notes.append(f"{unlinked} progress records are not linked to a KR in this file (put the OKR export in "
                         "the same file, or target_id beside each +progress-list page)")


def okr_frame(export: FeishuExport) -> pd.DataFrame:
    """The audit's input table: one row per KR (objectives without KRs: one row), in export order.

    The ``score`` column is left out when nothing is scored yet, as a CSV without scores would be.
    """
    if not export.okr_records:
        what = "only progress records; audit the OKR export (okr +cycle-detail or users/:user_id/okrs), or check "\
               "these with 'okrcoach checkin'" if export.updates else "no objectives"
        raise OKRInputError(f"has {what}", path=export.source)
    frame = pd.DataFrame(export.okr_records, columns=OKR_COLUMNS, dtype=object).fillna("")
    if not frame["score"].astype(str).str.strip().any():
        frame = frame.drop(columns=["score"])
    return frame


def updates_frame(export: FeishuExport) -> pd.DataFrame:
    """The check-ins' input table: one row per progress record, in export order."""
    if not export.updates:
        raise OKRInputError("has no progress records (expected progress_list[] from lark-cli okr +progress-list, "
                            "or progress_records data from the Open API)", path=export.source)
    frame = pd.DataFrame(export.updates, columns=UPDATE_COLUMNS, dtype=object).fillna("")
    if not frame["score"].astype(str).str.strip().any():
        frame = frame.drop(columns=["score"])
    return frame


def read_export(source: "str | Path", data: bytes | None = None) -> FeishuExport:
    """Parse a Feishu/Lark OKR JSON file (or its bytes, e.g. from standard input)."""
    path = str(source)
    if data is None:
        data = Path(source).read_bytes()
    if not data.strip():
        raise OKRInputError("is empty (0 bytes of text)", path=path)
    return parse_export(data, path)
