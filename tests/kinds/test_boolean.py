"""`boolean`: done or not; its words; an unknown level."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.kinds.helpers import problems, reasons, scored

ITEM = "- {id: '1.1.1', name: Có làm, kind: boolean, yes_label: bảo đảm, no_label: chưa bảo đảm}"


def test_true_and_false(tmp_path: Path) -> None:
    yes, no = scored(tmp_path, ITEM, "true"), scored(tmp_path, ITEM, "{value: false}")
    assert (yes.met, yes.value_text, no.met, no.value_text) == (True, "bảo đảm", False, "chưa bảo đảm")
    assert yes.rule == "đạt khi bảo đảm"


def test_an_unknown_level_leaves_yes_undetermined(tmp_path: Path) -> None:
    item = "- {id: '1.1.1', name: Chưa rõ, kind: boolean, required: null}"
    assert scored(tmp_path, item, "true").met is None
    assert scored(tmp_path, item, "false").met is False


def test_a_number_is_not_yes(tmp_path: Path) -> None:
    assert "ghi 'có' hoặc 'không' (true/false)" in problems(tmp_path, ITEM, "1")[0]


@pytest.mark.parametrize("word", ["có", "Có", "CÓ", "không", "Không", "KHÔNG", "true", "false"])
def test_yes_and_no_the_vietnamese_way(tmp_path: Path, word: str) -> None:
    assert problems(tmp_path, ITEM, word) == []


def test_another_word_says_what_to_write(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, ITEM, "chắc chắn")
    assert "ghi 'có' hoặc 'không' (không phải 'chắc chắn')" in found


def test_a_no_has_no_level_in_its_reason(tmp_path: Path) -> None:
    (reason,) = [r for r in reasons(tmp_path, ITEM, "false") if "1.1.1" in r]
    assert "chưa bảo đảm" in reason and "trở lên" not in reason
