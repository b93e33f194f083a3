"""`workshop class`: many learners' progress documents in one table.

Steps are columns; the last column says what each learner is working on, and a
second table groups learners by it, so that the room's sticking point shows.
"""

from collections import defaultdict
from pathlib import Path

from pydantic import ValidationError
from rich.markup import escape
from rich.table import Table

from workshop.errors import WorkshopError
from workshop.progress import ProgressDocument, StepProgress

ALL_DONE = "all done"
NOT_STARTED = "not started"


def read_documents(paths: list[Path]) -> list[ProgressDocument]:
    documents = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise WorkshopError(f"Cannot read {path}: {error.strerror}") from None
        try:
            documents.append(ProgressDocument.model_validate_json(text))
        except ValidationError as error:
            raise WorkshopError(
                f"{path} is not a progress document from `workshop progress "
                f"--json`:\n{error}"
            ) from None
    return documents


def working_on(document: ProgressDocument) -> str:
    """Where a learner is: the first open exercise of the last step they started."""
    started = [step for step in document.steps if step.started]
    if not started:
        return NOT_STARTED

    current = started[-1]
    if not current.loaded:
        return f"{current.step}: does not import"
    if current.done:
        return ALL_DONE if current is document.steps[-1] else f"{current.step}: done"
    return f"{current.step}: {current.first_open_exercise() or 'other tests'}"


def class_table(documents: list[ProgressDocument]) -> Table:
    steps = sorted({step.step for document in documents for step in document.steps})
    learners = "1 learner" if len(documents) == 1 else f"{len(documents)} learners"
    table = Table(title=f"The class: {learners}")
    table.add_column("Learner")
    for step in steps:
        table.add_column(step, justify="center")
    table.add_column("Working on")
    table.add_column("Reported at")

    for document in sorted(documents, key=lambda document: document.learner.lower()):
        by_name = {step.step: step for step in document.steps}
        table.add_row(
            escape(document.learner),
            *(cell(by_name.get(step)) for step in steps),
            escape(working_on(document)),
            document.generated_at.strftime("%H:%M UTC"),
        )
    return table


def cell(step: StepProgress | None) -> str:
    if step is None or not step.started:
        return "[dim]-[/]"
    if not step.loaded:
        return "[red]broken[/]"
    if step.done:
        return "[green]done[/]"
    return f"[yellow]{step.exercises_done}/{step.exercises_total}[/]"


def stuck_table(documents: list[ProgressDocument]) -> Table:
    """Learners grouped by what they work on, the biggest group first."""
    groups: dict[str, list[str]] = defaultdict(list)
    for document in documents:
        groups[working_on(document)].append(document.learner)

    table = Table(title="Who is where")
    table.add_column("Working on")
    table.add_column("Learners", justify="right")
    table.add_column("Who")
    for place, learners in sorted(groups.items(), key=lambda group: -len(group[1])):
        table.add_row(
            escape(place), str(len(learners)), escape(", ".join(sorted(learners)))
        )
    return table
