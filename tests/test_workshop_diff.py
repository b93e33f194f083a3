"""`workshop diff`: the copy against the reference, and a step's lesson."""

import pytest

from tests.workshop_support import (
    STEPS,
    Terminal,
    TinyCheckout,
    fill_in_everything,
)
from workshop.copies import start
from workshop.diffs import copy_diff, lesson_diff


def test_diff_of_an_untouched_copy_shows_the_stubs_against_the_answers(layout):
    step = layout.step("01")
    start(layout, step)

    diff = copy_diff(step)

    assert "--- steps/01_passwords/passwords.py" in diff
    assert "+++ workspace/01_passwords/passwords.py" in diff
    assert "-    return password_context.hash(password)" in diff
    assert "+    raise NotImplementedError(" in diff


def test_diff_of_a_finished_copy_is_empty(layout):
    step = layout.step("01")
    start(layout, step)
    fill_in_everything(step)

    assert copy_diff(step) == ""


def test_diff_command_says_when_there_is_no_difference(layout, monkeypatch):
    step = layout.step("01")
    start(layout, step)
    fill_in_everything(step)
    terminal = Terminal(monkeypatch)

    status = terminal.run(layout, "diff", "01")

    assert status == 0
    assert "No difference" in terminal.output


def test_lesson_diff_shows_what_a_step_changes_in_the_previous_one(tmp_path):
    checkout = TinyCheckout(tmp_path)
    checkout.add_step("01_tiny")
    later = checkout.add_step("02_tiny")
    (later.folder / "greeting.py").write_text("def greet(): ...\n")
    (later.folder / "farewell.py").write_text("def bye(): ...\n")

    diff = lesson_diff(checkout.layout, later)

    assert "--- 01_tiny/greeting.py\n+++ 02_tiny/greeting.py" in diff
    assert "--- /dev/null\n+++ 02_tiny/farewell.py" in diff
    assert "main.py" not in diff


@pytest.mark.skipif(len(STEPS) < 2, reason="needs a step after 01")
def test_lesson_diff_of_a_real_step_is_not_empty(layout):
    assert lesson_diff(layout, layout.step(STEPS[1].name))


def test_lesson_diff_of_the_first_step_is_refused_saying_why(layout, monkeypatch):
    terminal = Terminal(monkeypatch)

    status = terminal.run(layout, "diff", "01", "--lesson")

    assert status == 2
    assert "01_passwords is the first step" in terminal.errors
