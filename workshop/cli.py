"""The `workshop` command: parse the arguments and hand over to one module."""

import argparse
import json
import time
from pathlib import Path

from rich.markdown import Markdown
from rich.markup import escape
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table

from workshop import classroom, console, copies, diffs, hints, progress, verify
from workshop.check import check, show_check
from workshop.errors import WorkshopError
from workshop.layout import Layout, Step
from workshop.regions import find_exercises
from workshop.stubs import is_stubbed
from workshop.watch import watch_copy

SUCCESS, FAILURE, USAGE_ERROR = 0, 1, 2


def main(arguments: list[str] | None = None, layout: Layout | None = None) -> int:
    """Run one command; return its exit status. Tests pass their own layout."""
    options = parser().parse_args(arguments)
    layout = layout or Layout.of_checkout(options.root.resolve())

    try:
        return options.command(layout, options)
    except WorkshopError as error:
        console.err.print(f"[red]error:[/] {escape(str(error))}")
        return USAGE_ERROR
    except KeyboardInterrupt:
        return FAILURE


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="workshop",
        description="Do the workshop's steps as exercises, and follow a class's "
        "progress.",
    )
    main_parser.add_argument(
        "--root",
        type=Path,
        default=Layout().root,
        help="the workshop's checkout (default: the one this tool runs from)",
    )
    commands = main_parser.add_subparsers(required=True, metavar="COMMAND")

    def command(name: str, run, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(command=run)
        return sub

    step_help = "a step: its number (2, 02) or its folder name (02_login_token)"

    start = command("start", run_start, "write your exercise copy of a step")
    start.add_argument("step", help=step_help)
    start.add_argument(
        "--force", action="store_true", help="start over; your copy is saved first"
    )

    check_parser = command("check", run_check, "run a step's tests on your copy")
    check_parser.add_argument("step", help=step_help)

    hint = command("hint", run_hint, "show one more hint for an exercise")
    hint.add_argument("step", help=step_help)
    hint.add_argument("exercise", nargs="?", help="default: the first not begun")

    reset = command("reset", run_reset, "put an exercise, or a whole step, back")
    reset.add_argument("step", help=step_help)
    reset.add_argument("exercise", nargs="?", help="default: the whole step")

    watch = command("watch", run_watch, "check again each time you save")
    watch.add_argument("step", help=step_help)

    diff = command("diff", run_diff, "compare your copy with the reference")
    diff.add_argument("step", help=step_help)
    diff.add_argument(
        "--lesson",
        action="store_true",
        help="compare the step with the previous one instead: what it teaches",
    )

    progress_parser = command("progress", run_progress, "show how far you are")
    progress_parser.add_argument(
        "--json", action="store_true", help="print it as JSON for your instructor"
    )
    progress_parser.add_argument(
        "--name", help="your name in the JSON (default: git's user.name)"
    )

    class_parser = command("class", run_class, "one table of many learners' progress")
    class_parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="`progress --json` output"
    )

    command("verify", run_verify, "check every step's exercises (for authors)")
    return main_parser


def shown(path: Path) -> str:
    """A path relative to here when it is below here, for commands to copy."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def run_start(layout: Layout, options: argparse.Namespace) -> int:
    step = layout.step(options.step)

    backup = copies.start(layout, step, force=options.force)

    exercises = [region.name for region in find_exercises(layout, step)]
    if backup is not None:
        console.out.print(f"Your previous copy is saved in {escape(shown(backup))}")
    console.out.print(
        f"Your copy of {step.name} is in [bold]{escape(shown(step.workspace))}[/]."
        f" Its exercises, in order: {escape(', '.join(exercises))}. Read about"
        f" them in {step.docs_page}, section Exercise.\n"
    )
    console.out.print(commands_table(step))
    return SUCCESS


def commands_table(step: Step) -> Table:
    table = Table(show_header=False, box=None)
    table.add_row(
        "Run it:",
        f"python -m uvicorn main:app --reload --app-dir {shown(step.workspace)}",
    )
    table.add_row("Check it:", f"workshop check {step.number}")
    table.add_row("Check on every save:", f"workshop watch {step.number}")
    table.add_row("Stuck?", f"workshop hint {step.number}")
    return table


def run_check(layout: Layout, options: argparse.Namespace) -> int:
    step = layout.step(options.step)

    with console.err.status(f"Running the tests of {step.name} on your copy..."):
        result, statuses = check(layout, step)

    show_check(step, result, statuses)
    return SUCCESS if result.passed else FAILURE


def run_hint(layout: Layout, options: argparse.Namespace) -> int:
    step = layout.step(options.step)
    exercise = options.exercise or first_exercise_to_do(layout, step)

    revealed, all_hints = hints.next_hint(layout, step, exercise)

    for number, text in enumerate(all_hints[:revealed], start=1):
        console.out.print(Rule(f"{exercise}: hint {number} of {len(all_hints)}"))
        console.out.print(Markdown(text))
    if revealed < len(all_hints):
        console.out.print(f"\nRun it again for hint {revealed + 1}.")
    return SUCCESS


def first_exercise_to_do(layout: Layout, step: Step) -> str:
    """The first exercise whose stub is still in the copy (or the first of all)."""
    exercises = find_exercises(layout, step)
    if not step.workspace.exists():
        return exercises[0].name

    for exercise in exercises:
        copy_file = step.workspace / exercise.file.name
        if copy_file.exists() and is_stubbed(
            copy_file.read_text("utf-8"), exercise.name
        ):
            return exercise.name
    names = ", ".join(exercise.name for exercise in exercises)
    raise WorkshopError(
        f"Which exercise? Name one: `workshop hint {step.number} EXERCISE`, with "
        f"one of: {names}"
    )


def run_reset(layout: Layout, options: argparse.Namespace) -> int:
    step = layout.step(options.step)

    if options.exercise is None:
        backup = copies.start(layout, step, force=True)
        what = f"{step.name} is"
    else:
        backup = copies.reset_exercise(layout, step, options.exercise)
        what = f"Exercise {options.exercise} of {step.name} is"

    console.out.print(
        f"{escape(what)} back to its stubs in {escape(shown(step.workspace))}."
    )
    if backup is not None:
        console.out.print(f"What you had is saved in {escape(shown(backup))}")
    return SUCCESS


def run_watch(layout: Layout, options: argparse.Namespace) -> int:
    step = layout.step(options.step)

    def check_again() -> None:
        console.out.clear()
        console.out.print(
            f"[dim]{time.strftime('%H:%M:%S')} checking {step.name}...[/]"
        )
        try:
            show_check(step, *check(layout, step))
        except WorkshopError as error:
            console.err.print(f"[red]error:[/] {escape(str(error))}")
        console.out.print("[dim]Watching for changes; Ctrl+C to stop.[/]")

    if not step.workspace.exists():
        raise WorkshopError(
            f"You have not started {step.name}: run `workshop start {step.number}`."
        )
    watch_copy(step, check_again)
    return SUCCESS


def run_diff(layout: Layout, options: argparse.Namespace) -> int:
    step = layout.step(options.step)

    diff = diffs.lesson_diff(layout, step) if options.lesson else diffs.copy_diff(step)

    if not diff:
        console.out.print("No difference.")
        return SUCCESS
    console.out.print(Syntax(diff, "diff", theme="ansi_dark", word_wrap=True))
    return SUCCESS


def run_progress(layout: Layout, options: argparse.Namespace) -> int:
    name = progress.learner_name(options.name) if options.json else "you"

    with console.err.status("Running the tests of every step you started..."):
        document = progress.progress(layout, name)

    if options.json:
        # Plain print: JSON for a file or a pipe, never wrapped or coloured.
        print(json.dumps(document.model_dump(mode="json"), indent=2))
    else:
        console.out.print(progress.progress_table(document))
    return SUCCESS


def run_class(layout: Layout, options: argparse.Namespace) -> int:
    documents = classroom.read_documents(options.files)

    console.out.print(classroom.class_table(documents))
    console.out.print(classroom.stuck_table(documents))
    return SUCCESS


def run_verify(layout: Layout, options: argparse.Namespace) -> int:
    started = time.monotonic()
    with console.err.status(
        "Running every step's suite, then once per exercise stubbed..."
    ):
        findings = verify.verify(layout)
    elapsed = time.monotonic() - started

    console.out.print(verify.findings_table(findings))

    problems = [finding for finding in findings if not finding.ok]
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        console.out.print(f"[red]{count}[/] ({elapsed:.0f} s)")
        return FAILURE
    console.out.print(f"[green]All {len(findings)} checks pass[/] ({elapsed:.0f} s)")
    return SUCCESS
