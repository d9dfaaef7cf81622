"""Model rules that the YAML files rely on."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tcpl.models.assessment import ItemEntry
from tcpl.models.plan import LineRole, TaskLine, role_for_label
from tcpl.models.ruleset import Item


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("Ngành thực hiện", LineRole.LEAD),
        ("Ngành chủ trì", LineRole.LEAD),
        ("Cơ quan chủ trì", LineRole.LEAD),
        ("Ngành phối hợp", LineRole.PARTNER),
        ("Cơ quan phối hợp thực hiện", LineRole.PARTNER),
        ("Thời gian thực hiện", LineRole.TIME),
        ("Thời hạn", LineRole.TIME),
        ("Kết quả, sản phẩm", LineRole.OUTPUT),
        ("Sản phẩm", LineRole.OUTPUT),
        ("Ghi chú", LineRole.TEXT),
    ],
)
def test_line_roles_from_labels(label: str, role: LineRole) -> None:
    assert role_for_label(label) is role


def test_task_line_short_forms() -> None:
    assert TaskLine.model_validate("Một dòng tự do") == TaskLine(text="Một dòng tự do")
    line = TaskLine.model_validate({"Thời gian thực hiện": "Quý I/2026"})
    assert (line.label, line.text, line.role, line.dash) == (
        "Thời gian thực hiện",
        "Quý I/2026",
        LineRole.TIME,
        True,
    )
    full = TaskLine.model_validate({"label": "Ngành chủ trì", "text": "Công chức Tư pháp", "dash": False})
    assert full.role is LineRole.LEAD and full.dash is False


def test_item_entry_short_forms_and_ratio_rule() -> None:
    assert ItemEntry.model_validate(True).value is True
    assert ItemEntry.model_validate(["portal"]).value == ["portal"]
    with pytest.raises(ValidationError, match="lớn hơn tổng số"):
        ItemEntry.model_validate({"done": 3, "total": 2})
    with pytest.raises(ValidationError):
        ItemEntry.model_validate({"done": True, "total": 2})  # a boolean is not a count


def test_required_null_means_unknown_and_absent_means_default() -> None:
    unknown = Item.model_validate({"id": "1", "name": "a", "kind": "ratio", "required": None})
    default = Item.model_validate({"id": "1", "name": "a", "kind": "ratio"})
    assert not unknown.required_known and default.required_known
