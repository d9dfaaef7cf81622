"""Writing item values into an assessment file's text, keeping everything else as it was.

`tcpl form import` changes only the `items:` of assessment.yaml: each item's value is replaced on
its own line (or added at the end of `items:`), so the comments of a scaffold, the other sections
and their comments stay exactly as the officer left them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from tcpl.kinds.base import entry_json
from tcpl.models.assessment import ItemEntry

_ORDER = ("value", "due", "done", "total", "points", "evidence", "note", "officer")
_KEY = re.compile(
    r"""^(?P<indent>[ ]+)(?P<q>["']?)(?P<id>[0-9A-Za-z][0-9A-Za-z._-]*)(?P=q)\s*:(?P<rest>.*)$"""
)
_TOP = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, str):
        try:  # an ISO date written the Vietnamese way
            day = dt.date.fromisoformat(value)
            return f"{day.day:02d}/{day.month:02d}/{day.year}"
        except ValueError:
            return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def entry_yaml(entry: ItemEntry) -> str:
    """One item's value as a one-line YAML flow value: `có`, `{done: 4, total: 4}`..."""
    data = entry_json(entry)
    if set(data) == {"value"}:
        value = data["value"]
        if isinstance(value, list):
            return (
                "["
                + ", ".join(str(v) if re.fullmatch(r"[a-z0-9_-]+", str(v)) else _scalar(v) for v in value)
                + "]"
            )
        return _scalar(value)
    parts = []
    for key in _ORDER:
        if key in data:
            value = data[key]
            if key == "value" and isinstance(value, list):
                shown = "[" + ", ".join(str(v) for v in value) + "]"
            else:
                shown = _scalar(value)
            parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def set_items(text: str, values: dict[str, str]) -> str:
    """`text` with each item's value replaced by (or added as) `values[id]` under `items:`."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(r"^items\s*:", line)), None)
    if start is None:
        block = ["items:", *(f'  "{i}": {v}' for i, v in values.items())]
        body = lines[:]
        while body and not body[-1].strip():
            body.pop()
        return "\n".join([*body, *block]) + "\n"
    head = lines[start]
    if head.split(":", 1)[1].strip() not in ("", "{}"):
        if not head.split(":", 1)[1].strip().startswith("#"):
            raise ValueError("items: viết trên một dòng ({...}); hãy viết mỗi nội dung một dòng")
    if head.split(":", 1)[1].strip() == "{}":
        lines[start] = "items:"
    end = start + 1
    while end < len(lines) and not _TOP.match(lines[end]):
        end += 1
    block = lines[start + 1 : end]
    spans = _spans(block)
    pending = dict(values)
    for item_id, (first, last, indent, quote) in spans.items():
        if item_id in pending:
            block[first : last + 1] = [f"{indent}{quote}{item_id}{quote}: {pending.pop(item_id)}"] + [""] * (
                last - first
            )
    block = [line for n, line in enumerate(block) if line != "" or not _emptied(n, spans)]
    # New items go after the last item line (before trailing comments or blank lines of the block).
    tail = len(block)
    while tail > 0 and (not block[tail - 1].strip() or block[tail - 1].lstrip().startswith("#")):
        tail -= 1
    added = [f'  "{i}": {v}' for i, v in pending.items()]
    block[tail:tail] = added
    return "\n".join([*lines[: start + 1], *block, *lines[end:]]) + "\n"


def _emptied(n: int, spans: dict[str, tuple[int, int, str, str]]) -> bool:
    return any(first < n <= last for first, last, _, _ in spans.values())


def _spans(block: list[str]) -> dict[str, tuple[int, int, str, str]]:
    """Each item's lines in the `items:` block: (first, last, indent, quote)."""
    out: dict[str, tuple[int, int, str, str]] = {}
    keys = [(n, m) for n, line in enumerate(block) if (m := _KEY.match(line))]
    indent = min((len(m.group("indent")) for _, m in keys), default=2)
    keys = [(n, m) for n, m in keys if len(m.group("indent")) == indent]
    for k, (n, m) in enumerate(keys):
        limit = keys[k + 1][0] if k + 1 < len(keys) else len(block)
        last = n
        for j in range(n + 1, limit):
            line = block[j]
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            if len(line) - len(line.lstrip(" ")) > indent:
                last = j  # a line of this item's value (block style); comments before it go too
            else:
                break
        out[m.group("id")] = (n, last, m.group("indent"), m.group("q"))
    return out
