"""What a reporter returns: text to write as it is, or things for the screen (Rich)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Output:
    """One command's output in one format.

    `text` is written as it is: machine formats (JSON, XML, SARIF, GitHub annotations) exactly,
    human text and Markdown line by line through the log-safe filter. `screen` holds Rich
    renderables (tables, trees, styled lines) printed on a console.
    """

    text: str | None = None
    screen: tuple[Any, ...] = ()
    machine: bool = False

    @classmethod
    def document(cls, text: str) -> Output:
        """A machine format: written byte for byte (it escapes its own data)."""
        return cls(text=text if text.endswith("\n") else text + "\n", machine=True)

    @classmethod
    def lines(cls, text: str) -> Output:
        """Human text or Markdown."""
        return cls(text=text if text.endswith("\n") else text + "\n")

    @classmethod
    def rich(cls, *renderables: Any) -> Output:
        return cls(screen=tuple(renderables))
