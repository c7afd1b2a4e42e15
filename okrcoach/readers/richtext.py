"""Feishu/Lark OKR rich text (ContentBlock, SemiPlainContent) → plain text, @mentions kept as ``@name``.

The OKR Open API and ``lark-cli okr`` give an objective's, a KR's or a progress record's text in
one of four forms (see ``docs/feishu.md``):

- a plain string (Open API v1 ``content``: "需求@刘三" — names already in the text);
- a ``ContentBlock``: ``{"blocks": [{"type"|"block_element_type": "paragraph", "paragraph":
  {"elements": [{"textRun"|"text_run": {"text": …}}, {"docsLink"|"docs_link": {"title", "url"}},
  {"mention": {"user_id"}} / {"person": {"openId"|"open_id"}}]}}, {… "gallery": {"images": […]}}]}``
  — the v1 progress records use camelCase keys, the v2 / lark-cli ``--style richtext`` form snake_case;
- a ``SemiPlainContent`` (lark-cli ``--style simple``): ``{"text": "任务 @{ou_x} ", "mention": [...],
  "docs": [...], "images": [...]}``;
- either of the last two serialised as a JSON string (lark-cli ``richtext`` gives ``"content": "{...}"``).

Mentions carry user ids only; a ``users`` map (id → name) turns ``ou_x`` into ``@张磊``. Images
have no text: content made only of images becomes :data:`IMAGE_ONLY` so no objective or KR
disappears from the audit.
"""
from __future__ import annotations

import json
import re
from typing import Mapping

IMAGE_ONLY = "[image]"
_SEMI_MENTION = re.compile(r"@\{([^{}\s]{1,200})\}")
_NAME_KEYS = ("name", "user_name", "display_name", "en_name", "cn_name")
_ID_KEYS = ("user_id", "open_id", "openId", "userId", "union_id", "unionId", "id")
MAX_DEPTH = 40


def _pick(d: Mapping, *keys: str):
    for k in keys:
        v = d.get(k)
        if v not in (None, ""):
            return v
    return None


def mention_text(mention: object, users: Mapping[str, str] | None = None) -> str:
    """``@name`` for a mention element (its own name, the ``users`` map, or else its id)."""
    if isinstance(mention, str):
        uid = mention
        name = None
    elif isinstance(mention, dict):
        name = _pick(mention, *_NAME_KEYS)
        uid = _pick(mention, *_ID_KEYS)
    else:
        return ""
    if name is None and uid is not None and users:
        name = users.get(str(uid))
    who = name if name is not None else uid
    return f"@{who}" if who not in (None, "") else ""


def _element_text(el: Mapping, users: Mapping[str, str] | None) -> str:
    run = el.get("text_run") or el.get("textRun")
    if isinstance(run, dict):
        return str(run.get("text") or "")
    docs = el.get("docs_link") or el.get("docsLink")
    if isinstance(docs, dict):
        return str(_pick(docs, "title", "url") or "")
    person = el.get("mention") or el.get("person")
    if person is not None:
        return mention_text(person, users)
    if isinstance(el.get("text"), str):  # a bare {"text": …} element
        return el["text"]
    return ""


def _blocks_text(blocks: list, users: Mapping[str, str] | None, sep: str) -> tuple[str, int]:
    """The paragraphs' text joined by ``sep`` and the number of images seen."""
    paragraphs: list[str] = []
    images = 0
    for block in blocks:
        if not isinstance(block, dict):
            continue
        gallery = block.get("gallery")
        if isinstance(gallery, dict):
            images += len(gallery.get("images") or gallery.get("imageList") or gallery.get("image_list") or []) or 1
        paragraph = block.get("paragraph")
        if isinstance(paragraph, dict):
            text = "".join(_element_text(el, users) for el in paragraph.get("elements") or []
                           if isinstance(el, dict))
            if text.strip():
                paragraphs.append(text.strip())
    return sep.join(paragraphs), images


def flatten(value: object, users: Mapping[str, str] | None = None, sep: str = " ", _depth: int = 0) -> str:
    """Plain text of a Feishu OKR text field in any of its forms.

    >>> flatten({"blocks": [{"block_element_type": "paragraph", "paragraph": {"elements": [
    ...     {"paragraph_element_type": "mention", "mention": {"user_id": "ou_1"}},
    ...     {"paragraph_element_type": "textRun", "text_run": {"text": " 签约 3 家"}}]}}]}, {"ou_1": "张磊"})
    '@张磊 签约 3 家'
    >>> flatten({"text": "复盘 @{ou_2} ", "mention": ["ou_2"]}, {"ou_2": "Priya"})
    '复盘 @Priya'
    >>> flatten({"blocks": [{"type": "gallery", "gallery": {"imageList": [{"src": "x"}]}}]})
    '[image]'
    """
    if value is None or _depth > MAX_DEPTH:
        return ""
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        text = value.strip()
        if text[:1] == "{" and text[-1:] == "}" and ('"blocks"' in text or '"text"' in text):
            try:
                parsed = json.loads(text)
            except (ValueError, RecursionError):
                return value.strip()
            if isinstance(parsed, dict):
                return flatten(parsed, users, sep, _depth + 1)
        return value.strip()
    if isinstance(value, list):
        parts = [flatten(v, users, sep, _depth + 1) for v in value]
        return sep.join(p for p in parts if p)
    if isinstance(value, dict):
        if isinstance(value.get("blocks"), list):
            text, images = _blocks_text(value["blocks"], users, sep)
            return text if text.strip() or not images else IMAGE_ONLY
        if "text" in value:  # SemiPlainContent
            text = str(value.get("text") or "")
            text = _SEMI_MENTION.sub(lambda m: mention_text(m.group(1), users), text)
            text = " ".join(text.split()) if sep == " " else text.strip()
            if not text and value.get("images"):
                return IMAGE_ONLY
            return text
        for key in ("zh_cn", "zh", "en_us", "en"):  # I18nText {"zh_cn": …, "en_us": …}
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key].strip()
    return ""
