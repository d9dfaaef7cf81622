"""Where a data file's references may lead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tcpl.loading.references import ReferenceRefused, resolve_reference, trust_root


def test_the_trust_root_is_the_git_tree_else_the_folder_of_the_communes(tmp_path: Path) -> None:
    year = tmp_path / "tinh" / "xa" / "2026"
    year.mkdir(parents=True)
    (year.parent / "commune.yaml").write_text("id: xa\n", encoding="utf-8")
    assert trust_root(year / "assessment.yaml") == tmp_path / "tinh"
    assert trust_root(year.parent / "commune.yaml") == tmp_path / "tinh"
    (tmp_path / "office.yaml").write_text("kind: office\n", encoding="utf-8")
    assert trust_root(year / "assessment.yaml") == tmp_path
    (tmp_path / "tinh" / ".git").mkdir()
    assert trust_root(year / "assessment.yaml") == tmp_path / "tinh"


def test_a_reference_resolves_inside_the_root_to_a_regular_file(tmp_path: Path) -> None:
    year = tmp_path / "xa" / "2026"
    year.mkdir(parents=True)
    (tmp_path / "hue.yaml").write_text("id: hue\n", encoding="utf-8")
    referrer = year / "assessment.yaml"
    assert resolve_reference(referrer, "../../hue.yaml") == (tmp_path / "hue.yaml").resolve()
    for ref, words in (
        ("/etc/passwd", "tuyệt đối"),
        ("C:\\\\Windows\\\\win.ini", "tuyệt đối"),
        ("../../../x.yaml", "ngoài kho"),
        ("./none.yaml", "không tìm thấy"),
        ("../../xa", "không phải tệp thường"),
    ):
        with pytest.raises(ReferenceRefused, match=words):
            resolve_reference(referrer, ref)
    (year / "link.yaml").symlink_to("/etc/hostname")
    with pytest.raises(ReferenceRefused, match="ngoài kho"):
        resolve_reference(referrer, "./link.yaml")
