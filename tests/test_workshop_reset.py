"""`workshop reset`: an exercise, or a whole step, back to its stubs."""

import pytest

from tests.workshop_support import fill_in_everything
from workshop.copies import start
from workshop.stubs import is_stubbed


@pytest.fixture
def finished_step(layout):
    step = layout.step("01")
    start(layout, step)
    fill_in_everything(step)
    return step


def test_reset_of_one_exercise_puts_its_stubs_back(layout, terminal, finished_step):
    status = terminal.run(layout, "reset", "01", "hashing")

    assert status == 0
    assert is_stubbed((finished_step.workspace / "passwords.py").read_text(), "hashing")


def test_reset_of_one_exercise_keeps_the_other_exercises(
    layout, terminal, finished_step
):
    terminal.run(layout, "reset", "01", "hashing")

    copy = (finished_step.workspace / "passwords.py").read_text()
    assert not is_stubbed(copy, "unknown_user")
    assert "password_context.dummy_verify()" in copy


def test_reset_of_one_exercise_saves_the_file_it_replaces(
    layout, terminal, finished_step
):
    before = (finished_step.workspace / "passwords.py").read_text()

    terminal.run(layout, "reset", "01", "hashing")

    saved = list((layout.workspace / ".backups").glob("*/passwords.py"))
    assert [path.read_text() for path in saved] == [before]


def test_reset_of_a_step_writes_a_fresh_copy_and_saves_the_old(
    layout, terminal, finished_step
):
    (finished_step.workspace / "notes.txt").write_text("my notes")

    status = terminal.run(layout, "reset", "01")

    assert status == 0
    copy = (finished_step.workspace / "passwords.py").read_text()
    assert is_stubbed(copy, "hashing")
    assert is_stubbed(copy, "unknown_user")
    assert not (finished_step.workspace / "notes.txt").exists()
    saved = list((layout.workspace / ".backups").glob("*/01_passwords/notes.txt"))
    assert [path.read_text() for path in saved] == ["my notes"]


def test_reset_of_an_unknown_exercise_lists_the_exercises(
    layout, terminal, finished_step
):
    status = terminal.run(layout, "reset", "01", "hashin")

    assert status == 2
    assert "no exercise 'hashin'" in terminal.errors
    assert "hashing, unknown_user" in terminal.errors


def test_reset_of_an_exercise_whose_markers_were_deleted_says_what_to_do(
    layout, terminal, finished_step
):
    copy_file = finished_step.workspace / "passwords.py"
    without_markers = "".join(
        line
        for line in copy_file.read_text().splitlines(keepends=True)
        if "[end:hashing]" not in line
    )
    copy_file.write_text(without_markers)

    status = terminal.run(layout, "reset", "01", "hashing")

    assert status == 2
    assert "[end:hashing]" in terminal.errors
    assert copy_file.read_text() == without_markers
