"""`workshop progress`: every step, done or not, for the learner and as JSON."""

import contextlib
import io
import json
from datetime import datetime

import pytest

from tests.workshop_support import STEPS, fill_in, private_layout, rendered, row_of
from workshop.cli import main
from workshop.copies import start
from workshop.errors import WorkshopError
from workshop.progress import ProgressDocument, learner_name, progress_table

DOCUMENT_KEYS = {"format", "learner", "generated_at", "steps"}
STEP_KEYS = {
    "step",
    "started",
    "loaded",
    "exercises_done",
    "exercises_total",
    "tests_passed",
    "tests_total",
    "exercises",
}
EXERCISE_KEYS = {"name", "done", "tests_passed", "tests_total"}


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    """Progress as JSON, with step 01 started and its hashing exercise done."""
    layout = private_layout(tmp_path_factory.mktemp("progress"))
    step = layout.step("01")
    start(layout, step)
    fill_in(step, "hashing")
    printed = io.StringIO()

    with contextlib.redirect_stdout(printed):
        status = main(["progress", "--json", "--name", "Ada"], layout)

    assert status == 0
    return json.loads(printed.getvalue())


def test_progress_json_names_its_format_the_learner_and_the_time(document):
    assert set(document) == DOCUMENT_KEYS
    assert document["format"] == "workshop-progress/1"
    assert document["learner"] == "Ada"
    assert datetime.fromisoformat(document["generated_at"]).tzinfo is not None


def test_progress_json_lists_every_step_with_the_same_fields(document):
    assert [step["step"] for step in document["steps"]] == [s.name for s in STEPS]
    for step in document["steps"]:
        assert set(step) == STEP_KEYS
        assert all(set(exercise) == EXERCISE_KEYS for exercise in step["exercises"])


def test_progress_counts_the_exercises_and_tests_of_a_started_step(document):
    step = document["steps"][0]

    assert step["started"] is True
    assert step["loaded"] is True
    assert (step["exercises_done"], step["exercises_total"]) == (1, 2)
    assert 0 < step["tests_passed"] < step["tests_total"]
    assert [(e["name"], e["done"]) for e in step["exercises"]] == [
        ("hashing", True),
        ("unknown_user", False),
    ]


@pytest.mark.skipif(len(STEPS) < 2, reason="needs a step after 01")
def test_progress_counts_the_tests_of_a_step_not_started(document):
    step = document["steps"][1]

    assert step["started"] is False
    assert step["exercises_done"] == 0
    assert step["exercises_total"] == len(step["exercises"]) > 0
    assert step["tests_passed"] == 0
    assert step["tests_total"] > 0


def test_progress_table_says_what_to_do_next_in_each_step(document):
    lines = rendered(progress_table(ProgressDocument.model_validate(document)))

    assert "1/2" in row_of(lines, "01_passwords")
    assert "unknown_user" in row_of(lines, "01_passwords")
    for step in STEPS[1:]:
        assert f"workshop start {step.number}" in row_of(lines, step.name)


@pytest.fixture
def git_config(tmp_path, monkeypatch):
    """A git that reads only the given global config, outside any repository."""
    config = tmp_path / "gitconfig"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    return config


def test_the_learner_name_comes_from_git_when_not_given(git_config):
    git_config.write_text("[user]\n\tname = Grace Hopper\n")

    assert learner_name(None) == "Grace Hopper"


def test_a_learner_name_given_wins_over_git(git_config):
    git_config.write_text("[user]\n\tname = Grace Hopper\n")

    assert learner_name("Ada") == "Ada"


def test_progress_json_without_any_name_asks_for_one(git_config):
    git_config.write_text("")

    with pytest.raises(WorkshopError, match="--name"):
        learner_name(None)
