"""`workshop diff`: a learner's copy against the reference, or one step's lesson."""

import difflib
from pathlib import Path

from workshop.errors import WorkshopError
from workshop.layout import Layout, Step


def copy_diff(step: Step) -> str:
    """Unified diff from the reference to the learner's copy, every Python file."""
    if not step.workspace.exists():
        raise WorkshopError(
            f"You have not started {step.name}: run `workshop start {step.number}`."
        )

    return folder_diff(
        step.folder, step.workspace, f"steps/{step.name}", f"workspace/{step.name}"
    )


def lesson_diff(layout: Layout, step: Step) -> str:
    """Unified diff from the previous step to this one: what this step teaches."""
    previous = layout.previous(step)
    if previous is None:
        raise WorkshopError(
            f"{step.name} is the first step: there is no earlier one to compare it "
            "with. Its README says what it builds."
        )

    return folder_diff(previous.folder, step.folder, previous.name, step.name)


def folder_diff(old: Path, new: Path, old_label: str, new_label: str) -> str:
    names = sorted({path.name for path in [*old.glob("*.py"), *new.glob("*.py")]})
    return "".join(
        file_diff(old / name, new / name, f"{old_label}/{name}", f"{new_label}/{name}")
        for name in names
    )


def file_diff(old: Path, new: Path, old_label: str, new_label: str) -> str:
    old_lines = lines_of(old)
    new_lines = lines_of(new)
    # A file only one side has is compared with nothing, as `diff -N` does.
    return "".join(
        difflib.unified_diff(
            old_lines,
            new_lines,
            old_label if old.exists() else "/dev/null",
            new_label if new.exists() else "/dev/null",
        )
    )


def lines_of(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines
