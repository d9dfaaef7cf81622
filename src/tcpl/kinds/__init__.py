"""The item kinds (loại nội dung): one module each, found through this registry.

A new kind is a module with a `Kind` subclass and its tests, and one line here.
"""

from __future__ import annotations

from tcpl.kinds import boolean, choice, count, deadline, points, ratio
from tcpl.kinds.base import Kind
from tcpl.models.ruleset import Item

REGISTRY: dict[str, Kind] = {
    module.KIND.name: module.KIND for module in (boolean, ratio, count, choice, deadline, points)
}


def of(item: Item) -> Kind:
    """The kind of an item (the loader has refused items of an unknown kind)."""
    return REGISTRY[item.kind]


def names() -> list[str]:
    return list(REGISTRY)
