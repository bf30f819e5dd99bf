"""Loading rubric files: the shipped default, an office's own copy, and broken files."""

import shutil
from pathlib import Path

import pytest

from services.scoring.domain import DEFAULT_RUBRIC_PATH, ItemText, load_rubric, score_item

RUBRIC_DIR = DEFAULT_RUBRIC_PATH.parent


def _copy_rubric(tmp_path: Path) -> Path:
    target = tmp_path / "rubric"
    shutil.copytree(RUBRIC_DIR, target)
    return target / "rubric.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_default_rubric_has_a_version() -> None:
    assert load_rubric().version == "2026.11-3"


def test_default_rubric_loads_from_an_explicit_path() -> None:
    assert load_rubric(str(DEFAULT_RUBRIC_PATH)).version == load_rubric().version


def test_weights_cover_all_seven_criteria() -> None:
    assert set(load_rubric().weights) == {
        "topic",
        "substance",
        "structure",
        "logic",
        "theme",
        "duplicate",
        "timeliness",
    }


def test_missing_file_is_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        load_rubric(tmp_path / "nope.yaml")


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    _edit(path, "weights:\n", "weights: [\n")
    with pytest.raises(ValueError, match=r"line \d+"):
        load_rubric(path)


def test_invalid_rubric_names_the_key(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    _edit(path, "  topic: 0.20", "  topic: heavy")
    with pytest.raises(ValueError, match=r"weights\.topic"):
        load_rubric(path)


def test_unknown_criterion_weight_is_named(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    _edit(path, "  topic: 0.20", "  topic: 0.20\n  style: 0.1")
    with pytest.raises(ValueError, match="style"):
        load_rubric(path)


def test_missing_section_is_named(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    _edit(path, "duplicate:\n", "duplicates:\n")
    with pytest.raises(ValueError, match="duplicate"):
        load_rubric(path)


def test_band_cut_offs_must_descend(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    _edit(path, "  fair: 55", "  fair: 95")
    with pytest.raises(ValueError, match="bands"):
        load_rubric(path)


def test_missing_phrase_list_names_its_key(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    (path.parent / "phrases" / "officialese.en.txt").unlink()
    with pytest.raises(ValueError, match=r"languages\.en\.phrases\.officialese"):
        load_rubric(path)


def test_an_office_can_add_stock_phrases_without_code(tmp_path: Path) -> None:
    path = _copy_rubric(tmp_path)
    with (path.parent / "phrases" / "officialese.zh.txt").open("a", encoding="utf-8") as file:
        file.write("\n亮点纷呈\n")
    item = ItemText(title="我区文化活动亮点纷呈", body="我区文化活动亮点纷呈。各项活动亮点纷呈。")
    substance = {c.criterion: c for c in score_item(item, load_rubric(path)).criteria}["substance"]
    assert any("亮点纷呈" in line for line in substance.evidence)


def test_unknown_category_uses_the_default_profile() -> None:
    rubric = load_rubric()
    assert rubric.profile_of("随便写写") == "default"
    assert rubric.profile_of("突发事件") == "emergency"
    assert rubric.profile_of("Emergency") == "emergency"
