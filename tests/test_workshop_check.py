"""`workshop check`: a step's own tests on the learner's copy, per exercise."""

import pytest

from tests.workshop_support import (
    STEPS,
    fill_in,
    fill_in_everything,
)
from workshop.check import check
from workshop.copies import start
from workshop.regions import find_exercises
from workshop.suite import first_line

# A whole suite per step and case: steps 01 and 02 take seconds, the later ones,
# with their live servers, a minute or more. `workshop verify`, in `make test`,
# runs every step's suite on a copy with each exercise stubbed in turn.
SUITE_STEPS = STEPS[:2]


def exercises_of(layout, step) -> list[str]:
    return [region.name for region in find_exercises(layout, step)]


@pytest.mark.parametrize("step", SUITE_STEPS, ids=lambda step: step.name)
def test_check_of_an_untouched_copy_finds_every_exercise_not_done(layout, step):
    step = layout.step(step.name)
    start(layout, step)

    result, statuses = check(layout, step)

    assert not result.passed
    done = {status.name: status.done for status in statuses}
    assert [done[name] for name in exercises_of(layout, step)] == [False] * len(
        exercises_of(layout, step)
    )


@pytest.mark.parametrize("step", SUITE_STEPS, ids=lambda step: step.name)
def test_check_passes_once_every_stub_is_filled_in_with_the_reference_code(
    layout, step, terminal
):
    step = layout.step(step.name)
    start(layout, step)
    fill_in_everything(step)

    status = terminal.run(layout, "check", step.number)

    assert status == 0, terminal.output
    assert "tests pass" in terminal.output


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.name)
def test_filling_in_every_stub_gives_back_the_reference_which_passes(layout, step):
    step = layout.step(step.name)
    start(layout, step)

    fill_in_everything(step)

    # The reference passing its suite is what `workshop verify` checks.
    for path in step.app_files():
        assert (step.workspace / path.name).read_bytes() == path.read_bytes()


def test_check_counts_an_exercise_done_while_the_others_are_not(layout):
    step = layout.step("01")
    start(layout, step)
    fill_in(step, "hashing")

    _, statuses = check(layout, step)

    done = {status.name: status.done for status in statuses}
    assert done["hashing"] is True
    assert done["unknown_user"] is False


def test_check_shows_the_first_failing_test_and_its_message(layout, terminal):
    step = layout.step("01")
    start(layout, step)
    fill_in(step, "hashing")

    status = terminal.run(layout, "check", "01")

    assert status == 1
    assert "test_login_with_an_unknown_user" in terminal.output
    assert "NotImplementedError: Exercise 'unknown_user'" in terminal.output
    assert "not done" in terminal.output


def test_check_of_a_copy_that_does_not_import_shows_the_error(layout, terminal):
    step = layout.step("01")
    start(layout, step)
    (step.workspace / "passwords.py").write_text("def hash_password(:\n")

    status = terminal.run(layout, "check", "01")

    assert status == 1
    assert "SyntaxError" in terminal.output
    assert "does not import" in terminal.output


def test_check_before_start_says_to_start(layout, terminal):
    status = terminal.run(layout, "check", "01")

    assert status == 2
    assert "workshop start 01" in terminal.errors


@pytest.mark.parametrize(
    "message",
    [
        # A failure in a test's own code.
        "NotImplementedError: Exercise 'x'\nmore lines",
        # A failure in a fixture the test uses.
        "failed on setup with \"NotImplementedError: Exercise 'x'\"",
        # An exception that reached the test through anyio's task group.
        "NotImplementedError(\"Exercise 'x'\") [single exception in ExceptionGroup]",
    ],
)
def test_a_failure_message_is_shown_as_its_first_line_unwrapped(message):
    assert first_line(message) == "NotImplementedError: Exercise 'x'"
