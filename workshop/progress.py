"""`workshop progress`: how far a learner is, for them and as JSON for an instructor.

The JSON document is described by ProgressDocument below; `workshop class`
reads many of them back, so a change to its shape needs a new FORMAT.
"""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel
from rich.markup import escape
from rich.table import Table

from workshop.errors import WorkshopError
from workshop.exercises import OTHER_TESTS, exercise_statuses
from workshop.layout import Layout, Step
from workshop.regions import find_exercises
from workshop.suite import run_suite

FORMAT = "workshop-progress/1"


class ExerciseProgress(BaseModel):
    name: str
    done: bool
    tests_passed: int
    tests_total: int


class StepProgress(BaseModel):
    step: str
    started: bool
    # False when the copy does not import, so that no test could run.
    loaded: bool
    exercises_done: int
    exercises_total: int
    tests_passed: int
    tests_total: int
    exercises: list[ExerciseProgress]

    @property
    def done(self) -> bool:
        return self.started and self.loaded and self.tests_passed == self.tests_total

    def first_open_exercise(self) -> str | None:
        return next((e.name for e in self.exercises if not e.done), None)


class ProgressDocument(BaseModel):
    format: Literal["workshop-progress/1"] = FORMAT
    learner: str
    generated_at: datetime
    steps: list[StepProgress]


def progress(layout: Layout, learner: str) -> ProgressDocument:
    """Check every started step (two at a time: each is a pytest of its own)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        steps = list(pool.map(lambda step: step_progress(layout, step), layout.steps()))
    return ProgressDocument(
        learner=learner, generated_at=datetime.now(UTC), steps=steps
    )


def step_progress(layout: Layout, step: Step) -> StepProgress:
    exercises = [region.name for region in find_exercises(layout, step)]
    if not step.workspace.exists():
        return StepProgress(
            step=step.name,
            started=False,
            loaded=False,
            exercises_done=0,
            exercises_total=len(exercises),
            tests_passed=0,
            tests_total=count_tests(layout, step),
            exercises=[
                ExerciseProgress(name=name, done=False, tests_passed=0, tests_total=0)
                for name in exercises
            ],
        )

    result = run_suite(layout, step, step.workspace)
    statuses = [
        status
        for status in exercise_statuses(exercises, result)
        if status.name != OTHER_TESTS
    ]
    return StepProgress(
        step=step.name,
        started=True,
        loaded=result.loaded,
        exercises_done=sum(status.done for status in statuses),
        exercises_total=len(statuses),
        tests_passed=sum(test.passed for test in result.tests),
        tests_total=len(result.tests) or count_tests(layout, step),
        exercises=[
            ExerciseProgress(
                name=status.name,
                done=status.done,
                tests_passed=status.tests_passed,
                tests_total=status.tests_total,
            )
            for status in statuses
        ],
    )


def count_tests(layout: Layout, step: Step) -> int:
    """How many tests the step has, by collecting them from the reference."""
    listing = subprocess.run(  # noqa: S603  (our interpreter, our arguments)
        [sys.executable, "-m", "pytest", str(step.tests), "--collect-only", "-q"],
        cwd=layout.root,
        capture_output=True,
        text=True,
        check=False,
    )
    return sum("::" in line for line in listing.stdout.splitlines())


def learner_name(given: str | None) -> str:
    """The name given, else git's user.name."""
    if given:
        return given

    try:
        configured = subprocess.run(
            ["git", "config", "user.name"],  # noqa: S607  (git from the PATH)
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except FileNotFoundError:
        configured = ""
    if not configured:
        raise WorkshopError(
            "Who are you? Give your name: `workshop progress --json --name 'Ada "
            "Lovelace'` (or set git's: `git config --global user.name 'Ada'`)."
        )
    return configured


def progress_table(document: ProgressDocument) -> Table:
    table = Table(title="Your progress")
    table.add_column("Step")
    table.add_column("Exercises done", justify="right")
    table.add_column("Tests passed", justify="right")
    table.add_column("Next")
    for step in document.steps:
        table.add_row(
            step.step,
            f"{step.exercises_done}/{step.exercises_total}",
            f"{step.tests_passed}/{step.tests_total}",
            next_action(step),
        )
    return table


def next_action(step: StepProgress) -> str:
    number = step.step.split("_", 1)[0]
    if not step.started:
        return f"[dim]not started: workshop start {number}[/]"
    if not step.loaded:
        return f"[red]does not import: workshop check {number}[/]"
    if step.done:
        return "[green]done[/]"
    return f"[yellow]{escape(step.first_open_exercise() or 'other tests')}[/]"
