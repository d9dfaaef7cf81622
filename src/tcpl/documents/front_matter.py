"""A template's front matter: the document's wording that is not its body.

Between the two `---` lines at the top of a template (templates/*.md.j2), each line is
`key: value`, rendered by Jinja with the document's data; a key may repeat (one line each).
Which keys there are, and what each is for, is said here once:

- `doc_type`: tên loại (BÁO CÁO, THÔNG BÁO...);
- `subject`: trích yếu, one line each;
- `symbol`: the document's letters before the body's (`BC` gives "Số: .../BC-UBND"); none for a
  document without a number;
- `kinh_gui`: the addressees (Kính gửi), one each;
- `recipients`: Nơi nhận, one line each;
- `issuing_body`: the issuing body's lines when no commune.yaml or office.yaml gives them;
- `annex_label`, `annex_title`, `annex_note`: an annex (phụ lục) and the "(Kèm theo ...)" line;
  `{number}`, `{symbol}` and `{date}` in the note are the parent document's, filled when known;
- `group_*`: headings of a list's groups; `{n}` and `{count}` are filled in.

An office changes its wording by copying a template and editing these lines; an unknown key is
an error (a misspelt `recipient:` must not silently fall back to the default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tcpl.errors import ConfigError, display_path

KEYS = frozenset(
    {
        "doc_type",
        "subject",
        "symbol",
        "kinh_gui",
        "recipients",
        "issuing_body",
        "annex_label",
        "annex_title",
        "annex_note",
    }
)
GROUP_PREFIX = "group_"
_PLACEHOLDER = re.compile(r"\{(number|symbol|date|n|count)\}")


@dataclass(frozen=True)
class FrontMatter:
    """The front matter of one rendered template."""

    doc_type: str = ""
    subject: list[str] = field(default_factory=list)
    symbol: str = ""
    kinh_gui: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    issuing_body: list[str] = field(default_factory=list)
    annex_label: str = ""
    annex_title: list[str] = field(default_factory=list)
    annex_note: str = ""
    groups: dict[str, str] = field(default_factory=dict)
    """`group_recognised: ...` as {"recognised": "..."}, in the template's order."""

    @classmethod
    def parse(cls, meta: dict[str, list[str]], shown: str) -> FrontMatter:
        """Check the keys of `meta` (from `split_front_matter`); `shown` names the template."""
        unknown = sorted(k for k in meta if k not in KEYS and not k.startswith(GROUP_PREFIX))
        if unknown:
            raise ConfigError(
                f"{shown}: phần đầu mẫu có khóa không biết: {', '.join(unknown)}. Các khóa dùng được:"
                f" {', '.join(sorted(KEYS))}, {GROUP_PREFIX}..."
            )

        def one(key: str) -> str:
            values = meta.get(key) or []
            return " ".join(values)

        return cls(
            doc_type=one("doc_type"),
            subject=list(meta.get("subject") or []),
            symbol=one("symbol"),
            kinh_gui=list(meta.get("kinh_gui") or []),
            recipients=list(meta.get("recipients") or []),
            issuing_body=list(meta.get("issuing_body") or []),
            annex_label=one("annex_label"),
            annex_title=list(meta.get("annex_title") or []),
            annex_note=one("annex_note"),
            groups={
                k[len(GROUP_PREFIX) :]: " ".join(v) for k, v in meta.items() if k.startswith(GROUP_PREFIX)
            },
        )


def fill(text: str, **values: str | int) -> str:
    """Replace `{number}`, `{symbol}`, `{date}`, `{n}`, `{count}` in a front-matter line.

    Only these names, by plain substitution: a template from a repository never reaches
    Python's format machinery.
    """
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)


def render_document(
    shipped: str, template: str | Path | None, context: dict[str, Any]
) -> tuple[FrontMatter, str]:
    """Render a document's template: its front matter and its Markdown body.

    With an office's own template, a front-matter key it does not set keeps the shipped
    template's value, so a template copied before a key existed still gets a number and Nơi nhận.
    """
    from tcpl.documents.templating import render_template, split_front_matter

    chosen = template or shipped
    meta, body = split_front_matter(render_template(chosen, context))
    shown = display_path(Path(chosen)) if template else f"templates/{chosen}"
    front = FrontMatter.parse(meta, shown)
    if template is None:
        return front, body
    base, _ = split_front_matter(render_template(shipped, context))
    default = FrontMatter.parse(base, f"templates/{shipped}")
    unset = {f.name: getattr(default, f.name) for f in fields(FrontMatter) if not getattr(front, f.name)}
    return replace(front, **unset), body
