"""Lesson regions: read from their markers, refused when they are not sound."""

from pathlib import Path

import pytest

from tests.workshop_support import TINY_GREETING, TinyCheckout
from workshop.errors import WorkshopError
from workshop.regions import find_exercises, find_regions, regions_in

HERE = Path("lesson.py")


def test_a_region_holds_the_functions_between_its_markers():
    source = (
        "X = 1\n"
        "# --8<-- [start:lesson]\n"
        "@decorated\n"
        "def first(): ...\n"
        "async def second(): ...\n"
        "# --8<-- [end:lesson]\n"
    )

    (region,) = regions_in(HERE, source)

    assert region.name == "lesson"
    assert [function.name for function in region.functions] == ["first", "second"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        # A class is not a function.
        (
            "# --8<-- [start:lesson]\nclass A: ...\n# --8<-- [end:lesson]\n",
            "holds a ClassDef",
        ),
        # No end marker.
        ("# --8<-- [start:lesson]\ndef f(): ...\n", "has no end marker"),
        # An end without a start.
        ("def f(): ...\n# --8<-- [end:lesson]\n", "never started"),
        # Regions do not nest.
        (
            "# --8<-- [start:a]\n# --8<-- [start:b]\n",
            "starts inside region 'a'",
        ),
        # A marker inside a function cuts it in two.
        (
            "def f():\n    # --8<-- [start:lesson]\n    return 1\n"
            "# --8<-- [end:lesson]\n",
            "cuts this statement in two",
        ),
        # Nothing to write.
        ("# --8<-- [start:lesson]\n# --8<-- [end:lesson]\n", "holds no function"),
    ],
)
def test_an_unsound_region_is_refused_saying_why(source, message):
    with pytest.raises(WorkshopError, match=message):
        regions_in(HERE, source)


def test_two_regions_of_one_name_in_a_step_are_refused(tmp_path):
    region = "# --8<-- [start:lesson]\ndef f(): ...\n# --8<-- [end:lesson]\n"
    files = [tmp_path / "a.py", tmp_path / "b.py"]
    for path in files:
        path.write_text(region)

    with pytest.raises(WorkshopError, match="marked twice"):
        find_regions(files)


def test_exercises_come_in_the_order_of_the_hints_file(tmp_path):
    checkout = TinyCheckout(tmp_path)
    shout = "# --8<-- [start:shout]\ndef shout(): ...\n# --8<-- [end:shout]\n"
    step = checkout.add_step(
        "01_tiny",
        greeting=TINY_GREETING + shout,
        hints='shout = ["Louder."]\ngreet = ["Say hello."]\n',
    )

    exercises = find_exercises(checkout.layout, step)

    assert [exercise.name for exercise in exercises] == ["shout", "greet"]
