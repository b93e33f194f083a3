"""Hints, from a nudge to nearly the answer, one more each time a learner asks.

Each step's hints live in hints/<step>.toml, one array of Markdown strings per
exercise:

    hashing = [
        "First nudge.",
        "Closer.",
    ]

The exercises are listed in the order they should be done, which is also the
order in which `workshop check` shows them. How many hints a learner has seen is
kept in workspace/.hints.json.
"""

import json
import tomllib
from pathlib import Path

from workshop.errors import WorkshopError
from workshop.layout import Layout, Step


def hints_file(layout: Layout, step: Step) -> Path:
    return layout.hints / f"{step.name}.toml"


def load_hints(layout: Layout, step: Step) -> dict[str, list[str]]:
    """Every exercise's hints for a step; an empty dict when it has no hints file."""
    path = hints_file(layout, step)
    if not path.exists():
        return {}

    try:
        hints = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise WorkshopError(f"{path} is not valid TOML: {error}") from None
    for exercise, texts in hints.items():
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise WorkshopError(
                f"{path}: {exercise} must be an array of strings, one per hint."
            )
    return hints


def next_hint(layout: Layout, step: Step, exercise: str) -> tuple[int, list[str]]:
    """Reveal one more hint; return how many are now shown, and all of them."""
    hints = load_hints(layout, step).get(exercise)
    if not hints:
        raise WorkshopError(
            f"There is no hint for {exercise!r} in {step.name}; its docs page, "
            f"{step.docs_page}, explains the exercise."
        )

    seen = read_seen(layout)
    key = f"{step.name}/{exercise}"
    shown = min(seen.get(key, 0) + 1, len(hints))
    seen[key] = shown
    write_seen(layout, seen)
    return shown, hints


def read_seen(layout: Layout) -> dict[str, int]:
    path = layout.workspace / ".hints.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_seen(layout: Layout, seen: dict[str, int]) -> None:
    layout.workspace.mkdir(parents=True, exist_ok=True)
    path = layout.workspace / ".hints.json"
    path.write_text(json.dumps(seen, indent=2, sort_keys=True), encoding="utf-8")
