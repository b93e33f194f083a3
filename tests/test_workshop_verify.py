"""`workshop verify`: every exercise is tested, noticed when undone, and hinted."""

import pytest

from tests.workshop_support import (
    TINY_GREETING,
    TINY_TEST,
    Terminal,
    TinyCheckout,
)
from workshop.regions import find_exercises
from workshop.verify import verify

SHOUT = """
# --8<-- [start:shout]
def shout(text: str) -> str:
    return text.upper()


# --8<-- [end:shout]
"""

SHOUT_HINTS = 'greet = ["Return a greeting."]\nshout = ["Use str.upper."]\n'

SHOUT_TEST_THAT_NEVER_CALLS_IT = """

@pytest.mark.exercise("shout")
def test_shouting_is_loud():
    assert "A".isupper()
"""


@pytest.fixture
def checkout(tmp_path):
    return TinyCheckout(tmp_path)


def problems(checkout) -> dict[str, str]:
    return {
        finding.subject: finding.problem
        for finding in verify(checkout.layout)
        if not finding.ok
    }


def test_verify_passes_a_step_whose_exercise_is_tested_noticed_and_hinted(checkout):
    checkout.add_step("01_tiny")

    findings = verify(checkout.layout)

    assert [finding.problem for finding in findings] == [None] * len(findings)
    assert "region greet: stubbed, its tests fail" in [f.subject for f in findings]


def test_verify_names_an_exercise_that_no_test_notices(checkout):
    checkout.add_step(
        "01_tiny",
        greeting=TINY_GREETING + SHOUT,
        tests=TINY_TEST + SHOUT_TEST_THAT_NEVER_CALLS_IT,
        hints=SHOUT_HINTS,
    )

    found = problems(checkout)

    assert list(found) == ["region shout"]
    assert "'shout' (greeting.py, line 9)" in found["region shout"]
    assert "no test notices" in found["region shout"]


def test_verify_names_an_exercise_that_no_test_is_marked_for(checkout):
    checkout.add_step("01_tiny", greeting=TINY_GREETING + SHOUT, hints=SHOUT_HINTS)

    found = problems(checkout)

    assert list(found) == ["region shout"]
    assert "no test is marked @pytest.mark.exercise('shout')" in found["region shout"]


def test_verify_names_an_exercise_without_hints(checkout):
    checkout.add_step("01_tiny", hints="")

    found = problems(checkout)

    assert list(found) == ["hints for greet"]
    assert "hints/01_tiny.toml" in found["hints for greet"]


def test_verify_names_hints_for_an_exercise_that_does_not_exist(checkout):
    checkout.add_step("01_tiny", hints=SHOUT_HINTS)

    found = problems(checkout)

    assert list(found) == ["hints for shout"]


def test_verify_names_a_marker_that_names_no_region(checkout):
    checkout.add_step("01_tiny", tests=TINY_TEST.replace('"greet"', '"gret"'))

    found = problems(checkout)

    assert "exercise marker 'gret'" in found
    assert "the regions are: greet" in found["exercise marker 'gret'"]


def test_verify_reports_a_reference_that_fails_its_own_tests(checkout):
    checkout.add_step("01_tiny", greeting=TINY_GREETING.replace("Hello", "Bye"))

    found = problems(checkout)

    assert "1 of 1 fail" in found["reference passes its tests"]
    assert "test_greet_says_hello" in found["reference passes its tests"]


def test_verify_reports_an_exercise_whose_stub_stops_the_copy_importing(checkout):
    called_at_import = TINY_GREETING + 'WELCOME = greet("world")\n'
    checkout.add_step("01_tiny", greeting=called_at_import)

    found = problems(checkout)

    assert "does not import" in found["region greet"]
    assert "NotImplementedError" in found["region greet"]


def test_verify_reports_a_region_that_is_not_whole_functions(checkout):
    checkout.add_step("01_tiny", greeting="# --8<-- [start:greet]\nX = 1\n")

    found = problems(checkout)

    assert "no end marker" in found["regions"]


def test_a_region_carried_over_unchanged_is_no_exercise_of_the_later_step(checkout):
    checkout.add_step("01_tiny")
    later = checkout.add_step("02_tiny", greeting=TINY_GREETING + SHOUT)

    exercises = [region.name for region in find_exercises(checkout.layout, later)]

    assert exercises == ["shout"]


def test_a_region_changed_since_the_previous_step_is_an_exercise_again(checkout):
    checkout.add_step("01_tiny")
    later = checkout.add_step(
        "02_tiny", greeting=TINY_GREETING.replace("Hello", "Good morning")
    )

    exercises = [region.name for region in find_exercises(checkout.layout, later)]

    assert exercises == ["greet"]


def test_verify_command_exits_1_and_names_the_problem(checkout, monkeypatch):
    checkout.add_step("01_tiny", hints="")
    terminal = Terminal(monkeypatch)

    status = terminal.run(checkout.layout, "verify")

    assert status == 1
    assert "hints for greet" in terminal.output
    assert "1 problem " in terminal.output
