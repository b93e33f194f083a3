"""A pytest plugin the tool loads into each suite it runs (`-p workshop.pytest_plugin`).

It records which exercise each test checks in the JUnit XML report, where the
tool reads it back, and can keep only the tests of one exercise.
"""

import pytest

EXERCISE_PROPERTY = "exercise"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--workshop-exercise",
        metavar="NAME",
        help="run only the tests marked @pytest.mark.exercise(NAME)",
    )


def exercises_of(item: pytest.Item) -> list[str]:
    return [str(mark.args[0]) for mark in item.iter_markers("exercise") if mark.args]


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    for item in items:
        for exercise in exercises_of(item):
            item.user_properties.append((EXERCISE_PROPERTY, exercise))

    wanted = config.getoption("--workshop-exercise")
    if wanted is None:
        return
    kept = [item for item in items if wanted in exercises_of(item)]
    config.hook.pytest_deselected(
        items=[item for item in items if wanted not in exercises_of(item)]
    )
    items[:] = kept
