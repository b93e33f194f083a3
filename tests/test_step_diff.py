"""The docs hook that writes each step page's diff from the step folders."""

import pytest
from mkdocs.exceptions import PluginError

from docs.hooks.step_diff import (
    diff_as_markdown,
    module_diffs,
    previous_step_dir,
    unchanged_modules,
    without_region_markers,
)


@pytest.fixture
def steps(tmp_path):
    """Two small steps: one module kept, one changed, one added, one removed."""
    old = tmp_path / "01_old"
    new = tmp_path / "02_new"
    old.mkdir()
    new.mkdir()
    (old / "kept.py").write_text("x = 1\n")
    (new / "kept.py").write_text("x = 1\n")
    (old / "changed.py").write_text("def f():\n    return 1\n")
    (new / "changed.py").write_text("def f():\n    return 2\n")
    (new / "added.py").write_text("y = 2\n")
    (old / "removed.py").write_text("z = 3\n")
    return old, new


def test_diff_covers_changed_added_and_removed_modules_only(steps):
    diffs = module_diffs(*steps)

    assert sorted(diffs) == ["added.py", "changed.py", "removed.py"]


def test_diff_of_a_changed_module_shows_the_lines_that_changed(steps):
    diff = module_diffs(*steps)["changed.py"]

    assert "-    return 1\n" in diff
    assert "+    return 2\n" in diff


def test_diff_of_an_added_module_comes_from_dev_null(steps):
    diff = module_diffs(*steps)["added.py"]

    assert diff.startswith("--- /dev/null\n+++ 02_new/added.py\n")


def test_diff_of_a_removed_module_goes_to_dev_null(steps):
    diff = module_diffs(*steps)["removed.py"]

    assert "+++ /dev/null\n" in diff


def test_diff_ignores_region_markers(steps):
    old, new = steps
    (new / "kept.py").write_text(
        "# --8<-- [start:lesson]\nx = 1\n# --8<-- [end:lesson]\n"
    )

    diffs = module_diffs(old, new)

    assert "kept.py" not in diffs
    assert unchanged_modules(old, new) == ["kept.py"]


def test_diff_ends_every_line_even_when_a_file_does_not(steps):
    old, new = steps
    (new / "changed.py").write_text("def f():\n    return 2")

    diff = module_diffs(old, new)["changed.py"]

    assert diff.endswith("+    return 2\n")


def test_markdown_has_a_tab_per_changed_module_and_names_the_unchanged(steps):
    markdown = diff_as_markdown(*steps)

    assert '=== "changed.py"' in markdown
    assert '=== "kept.py"' not in markdown
    assert "Unchanged since `01_old`: `kept.py`." in markdown


def test_previous_step_is_the_folder_before_in_reading_order(steps, tmp_path):
    assert previous_step_dir("02_new", tmp_path) == steps[0]


def test_the_first_step_has_no_previous_step(steps, tmp_path):
    with pytest.raises(PluginError, match="first step"):
        previous_step_dir("01_old", tmp_path)


def test_a_page_that_is_not_a_step_has_no_previous_step(steps, tmp_path):
    with pytest.raises(PluginError, match="not a step"):
        previous_step_dir("index", tmp_path)


def test_dropping_a_marker_between_blank_lines_leaves_one_gap_not_two():
    lines = ["    return user\n", "\n", "\n", "# --8<-- [end:x]\n", "\n", "User = 1\n"]

    kept = without_region_markers(lines)

    assert kept == ["    return user\n", "\n", "\n", "User = 1\n"]


def test_dropping_a_marker_keeps_the_blank_lines_before_the_code_it_marks():
    lines = ["x = 1\n", "\n", "\n", "# --8<-- [start:x]\n", "def f(): ...\n"]

    kept = without_region_markers(lines)

    assert kept == ["x = 1\n", "\n", "\n", "def f(): ...\n"]
