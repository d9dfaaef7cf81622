"""`choice`: distinct valid options against a level; an unknown option is located."""

from __future__ import annotations

from pathlib import Path

from tests.kinds.helpers import problems, reasons, scored

ITEM = """\
- id: '1.1.1'
  name: Hình thức
  kind: choice
  required: 2
  options: [{id: portal, name: Trang thông tin}, {id: radio, name: Đài truyền thanh}]
"""


def test_options_are_counted_once(tmp_path: Path) -> None:
    r = scored(tmp_path, ITEM, "[portal, radio]")
    assert r.met is True and r.value_text == "Trang thông tin; Đài truyền thanh"
    assert scored(tmp_path, ITEM, "{value: [portal, portal]}").met is False


def test_an_unknown_option_is_located(tmp_path: Path) -> None:
    found = problems(tmp_path, ITEM, "[portal, tv]")
    assert len(found) == 1 and ":5:21: lỗi TCPL312:" in found[0] and "lựa chọn 'tv' không có" in found[0]


def test_options_are_required(tmp_path: Path) -> None:
    from tcpl import kinds
    from tcpl.models.ruleset import Item

    assert kinds.REGISTRY["choice"].check_item(
        Item.model_validate({"id": "1", "name": "a", "kind": "choice"})
    )


def test_options_by_their_names_separated_by_semicolons(tmp_path: Path) -> None:
    r = scored(tmp_path, ITEM, '"Trang thông tin; đài truyền thanh."')
    assert r.met is True and r.value == {"value": ["portal", "radio"]}
    assert scored(tmp_path, ITEM, "[Trang thông tin, radio]").met is True


def test_an_unknown_name_lists_the_names(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, ITEM, '"Báo giấy"')
    assert (
        "lựa chọn 'Báo giấy' không có; ghi tên hoặc mã: Trang thông tin (portal); Đài truyền thanh (radio)"
        in found
    )


def test_the_reason_says_how_many_are_needed(tmp_path: Path) -> None:
    assert any(
        "(Hình thức): Trang thông tin, cần từ 2 trở lên" in r for r in reasons(tmp_path, ITEM, "[portal]")
    )


COMMA_ITEM = """\
- id: '1.1.1'
  name: Hình thức
  kind: choice
  required: 2
  options:
    - {id: social_network, name: "Phổ biến pháp luật qua mạng xã hội, nền tảng cộng đồng"}
    - {id: portal, name: Trang thông tin}
    - {id: sms, name: Tin nhắn điện thoại}
"""


def test_a_name_split_at_its_comma_by_a_yaml_list_is_joined_back(tmp_path: Path) -> None:
    r = scored(
        tmp_path, COMMA_ITEM, "[Phổ biến pháp luật qua mạng xã hội, nền tảng cộng đồng, Trang thông tin]"
    )
    assert r.met is True and r.value == {"value": ["social_network", "portal"]}


def test_a_split_name_that_cannot_be_joined_is_located_with_a_hint(tmp_path: Path) -> None:
    found = problems(tmp_path, COMMA_ITEM, "[Phổ biến pháp luật qua mạng xã hội, Thư điện tử]")
    assert len(found) == 2
    first, second = found
    assert ":5:" in first and "'Phổ biến pháp luật qua mạng xã hội' không có (tên có dấu phẩy" in first
    assert "'Thư điện tử' không có;" in second  # no comma hint for a name that is simply unknown
    # each problem at its own entry: the second starts further along the same line
    assert int(first.split(":")[2]) < int(second.split(":")[2])
