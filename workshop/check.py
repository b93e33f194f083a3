"""`workshop check`: run a step's tests against the learner's copy, per exercise."""

from rich.markup import escape
from rich.table import Table

from workshop import console
from workshop.errors import WorkshopError
from workshop.exercises import ExerciseStatus, exercise_statuses
from workshop.layout import Layout, Step
from workshop.regions import find_exercises
from workshop.suite import SuiteResult, run_suite

# The tail of pytest's output to show when a copy does not even import.
OUTPUT_LINES_SHOWN = 30


def check(layout: Layout, step: Step) -> tuple[SuiteResult, list[ExerciseStatus]]:
    if not step.workspace.exists():
        raise WorkshopError(
            f"You have not started {step.name}: run `workshop start {step.number}`."
        )

    exercises = [region.name for region in find_exercises(layout, step)]
    result = run_suite(layout, step, step.workspace)
    return result, exercise_statuses(exercises, result)


def show_check(step: Step, result: SuiteResult, statuses: list[ExerciseStatus]) -> None:
    if not result.loaded:
        show_broken_copy(step, result)
        return

    table = Table(title=f"{step.name}: your copy in workspace/{step.name}")
    table.add_column("Exercise")
    table.add_column("Status")
    table.add_column("Tests", justify="right")
    table.add_column("First failing test", overflow="fold")
    for status in statuses:
        table.add_row(*status_row(status))
    console.out.print(table)

    console.out.print(summary(step, result, statuses))


def status_row(status: ExerciseStatus) -> tuple[str, str, str, str]:
    state = "[green]done[/]" if status.done else "[red]not done[/]"
    failure = status.first_failure
    where = (
        f"[bold]{escape(failure.name)}[/]\n{escape(failure.message)}" if failure else ""
    )
    return (
        escape(status.name),
        state,
        f"{status.tests_passed}/{status.tests_total}",
        where,
    )


def summary(step: Step, result: SuiteResult, statuses: list[ExerciseStatus]) -> str:
    passed = sum(test.passed for test in result.tests)
    total = len(result.tests)
    if result.passed:
        return f"[green]All {total} tests pass: {step.name} is done.[/]"

    first_open = next((status for status in statuses if not status.done), None)
    if first_open is None:
        return f"[red]No test of {step.name} ran.[/]"
    name = escape(first_open.name)
    return (
        f"{passed} of {total} tests pass. Start with [bold]{name}[/]; stuck? "
        f"`workshop hint {step.number}`"
    )


def show_broken_copy(step: Step, result: SuiteResult) -> None:
    tail = "\n".join(result.output.splitlines()[-OUTPUT_LINES_SHOWN:])
    console.out.print(escape(tail))
    console.out.print(
        f"[red]The tests could not run: your copy of {step.name} does not import.[/]"
        " The error is above, usually with the file and line to fix."
    )
