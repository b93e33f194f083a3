"""`workshop hint`: one more hint each time, for the exercise still to do."""

import pytest

from tests.workshop_support import STEPS, fill_in
from workshop.copies import start
from workshop.hints import load_hints


def test_the_first_call_shows_only_the_first_hint(layout, terminal):
    status = terminal.run(layout, "hint", "01", "hashing")

    assert status == 0
    assert "hashing: hint 1 of 3" in terminal.output
    assert "hint 2 of 3" not in terminal.output
    assert "Run it again for hint 2" in terminal.output


def test_each_call_shows_one_more_hint(layout, terminal):
    terminal.run(layout, "hint", "01", "hashing")

    terminal.run(layout, "hint", "01", "hashing")

    second_call = terminal.output.split("Run it again for hint 2")[1]
    assert "hint 1 of 3" in second_call
    assert "hint 2 of 3" in second_call
    assert "hint 3 of 3" not in second_call


def test_calls_past_the_last_hint_keep_showing_all_of_them(layout, terminal):
    for _ in range(4):
        terminal.run(layout, "hint", "01", "unknown_user")

    last_call = terminal.output.split("Run it again for hint 3")[-1]
    assert "hint 3 of 3" in last_call
    assert "Run it again" not in last_call


def test_hint_without_an_exercise_picks_the_first_still_stubbed(layout, terminal):
    step = layout.step("01")
    start(layout, step)
    fill_in(step, "hashing")

    terminal.run(layout, "hint", "01")

    assert "unknown_user: hint 1" in terminal.output


def test_hint_for_an_exercise_without_hints_says_where_to_read(layout, terminal):
    status = terminal.run(layout, "hint", "01", "nothing_here")

    assert status == 2
    assert "docs/steps/01_passwords.md" in terminal.errors


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_every_hint_file_holds_several_hints_per_exercise(layout, step):
    hints = load_hints(layout, step)

    assert hints
    assert all(len(texts) >= 2 for texts in hints.values())
