"""`workshop class`: many learners' progress documents in one view."""

import json

import pytest

from tests.workshop_support import Terminal, private_layout, rendered, row_of
from workshop.classroom import class_table, read_documents, stuck_table


def step_progress(name, exercises, started=True, loaded=True):
    """One step of a progress document; exercises maps each name to done or not."""
    done = sum(exercises.values())
    return {
        "step": name,
        "started": started,
        "loaded": loaded,
        "exercises_done": done,
        "exercises_total": len(exercises),
        "tests_passed": done * 5,
        "tests_total": len(exercises) * 5,
        "exercises": [
            {
                "name": exercise,
                "done": is_done,
                "tests_passed": 5 * is_done,
                "tests_total": 5,
            }
            for exercise, is_done in exercises.items()
        ],
    }


def document(learner, first, second):
    return {
        "format": "workshop-progress/1",
        "learner": learner,
        "generated_at": "2026-12-03T17:30:00Z",
        "steps": [
            step_progress("01_passwords", *first),
            step_progress("02_login_token", *second),
        ],
    }


NOT_STARTED = ({"access_token": False, "token_endpoint": False}, False, False)

SAMPLES = {
    # Finished step 01, halfway through 02.
    "ada": document(
        "Ada",
        ({"hashing": True, "unknown_user": True},),
        ({"access_token": True, "token_endpoint": False},),
    ),
    # Still on step 01's second exercise.
    "bob": document("Bob", ({"hashing": True, "unknown_user": False},), NOT_STARTED),
    # Also halfway through 02.
    "cy": document(
        "Cy",
        ({"hashing": True, "unknown_user": True},),
        ({"access_token": True, "token_endpoint": False},),
    ),
    # Started 02, whose copy no longer imports.
    "dee": document(
        "Dee",
        ({"hashing": True, "unknown_user": True},),
        ({"access_token": False, "token_endpoint": False}, True, False),
    ),
    # Everything done.
    "eve": document(
        "Eve",
        ({"hashing": True, "unknown_user": True},),
        ({"access_token": True, "token_endpoint": True},),
    ),
}


@pytest.fixture
def sample_files(tmp_path):
    paths = []
    for name, sample in SAMPLES.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(sample))
        paths.append(path)
    return paths


def test_class_table_has_a_column_per_step(sample_files):
    lines = rendered(class_table(read_documents(sample_files)))

    header = next(line for line in lines if "Learner" in line)
    assert header.index("01_passwords") < header.index("02_login_token")


def test_class_table_shows_each_learner_per_step(sample_files):
    lines = rendered(class_table(read_documents(sample_files)))

    assert "done" in row_of(lines, "Ada")
    assert "1/2" in row_of(lines, "Ada")
    assert "broken" in row_of(lines, "Dee")
    assert row_of(lines, "Bob").split("│")[3].strip() == "-"


def test_class_table_says_what_each_learner_works_on(sample_files):
    lines = rendered(class_table(read_documents(sample_files)))

    assert "02_login_token: token_endpoint" in row_of(lines, "Ada")
    assert "01_passwords: unknown_user" in row_of(lines, "Bob")
    assert "02_login_token: does not import" in row_of(lines, "Dee")
    assert "all done" in row_of(lines, "Eve")


def test_who_is_where_puts_the_largest_group_first(sample_files):
    lines = rendered(stuck_table(read_documents(sample_files)))

    rows = [line for line in lines if ":" in line or "all done" in line]
    assert "02_login_token: token_endpoint" in rows[0]
    assert "Ada, Cy" in rows[0]


def test_class_command_prints_both_tables(sample_files, tmp_path, monkeypatch):
    terminal = Terminal(monkeypatch)

    status = terminal.run(private_layout(tmp_path), "class", *map(str, sample_files))

    assert status == 0
    assert "The class: 5 learners" in terminal.output
    assert "Who is where" in terminal.output


def test_class_refuses_a_file_that_is_not_a_progress_document(tmp_path, monkeypatch):
    stray = tmp_path / "notes.json"
    stray.write_text('{"learner": "Ada"}')
    terminal = Terminal(monkeypatch)

    status = terminal.run(private_layout(tmp_path), "class", str(stray))

    assert status == 2
    assert "notes.json is not a progress document" in terminal.errors
