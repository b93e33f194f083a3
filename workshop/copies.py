"""The learner's copy of a step: write it, and put exercises back to their stubs.

Nothing a learner wrote is ever deleted: whatever `start --force` or `reset`
replaces is first moved to workspace/.backups/.
"""

import shutil
from datetime import UTC, datetime
from pathlib import Path

from workshop.errors import WorkshopError
from workshop.layout import Layout, Step
from workshop.regions import MARKER, Region, find_exercises
from workshop.stubs import stub_file, stubbed_copy


def start(layout: Layout, step: Step, force: bool = False) -> Path | None:
    """Write the learner's copy; return where the old copy was saved, if any."""
    if step.workspace.exists() and not force:
        raise WorkshopError(
            f"{step.workspace} already holds your work on {step.name}. To start "
            f"over, run `workshop start {step.number} --force` (your copy is saved "
            f"first), or reset one exercise with `workshop reset {step.number} "
            "EXERCISE`."
        )

    exercises = find_exercises(layout, step)
    backup = back_up(layout, step, step.workspace) if step.workspace.exists() else None
    stubbed_copy(step, exercises, step.workspace)
    return backup


def reset_exercise(layout: Layout, step: Step, exercise: str) -> Path:
    """Put one exercise's stubs back in the copy; return where its file was saved."""
    region = find_exercise(layout, step, exercise)
    copy_file = step.workspace / region.file.name
    if not copy_file.exists():
        raise WorkshopError(
            f"There is no {copy_file} to reset: run `workshop start {step.number}`."
        )

    reference = region.file.read_text(encoding="utf-8")
    stubbed = stub_file(reference, [region], step).splitlines(keepends=True)
    yours = copy_file.read_text(encoding="utf-8").splitlines(keepends=True)
    start_line, end_line = marker_lines(yours, exercise, copy_file)
    stub_start, stub_end = marker_lines(stubbed, exercise, region.file)

    backup = back_up(layout, step, copy_file)
    yours[start_line : end_line + 1] = stubbed[stub_start : stub_end + 1]
    copy_file.write_text("".join(yours), encoding="utf-8")
    return backup


def find_exercise(layout: Layout, step: Step, exercise: str) -> Region:
    regions = find_exercises(layout, step)
    for region in regions:
        if region.name == exercise:
            return region

    names = ", ".join(region.name for region in regions)
    raise WorkshopError(
        f"Step {step.name} has no exercise {exercise!r}; its exercises are: {names}"
    )


def marker_lines(lines: list[str], exercise: str, path: Path) -> tuple[int, int]:
    """The 0-based indexes of a region's start and end marker lines."""
    found = {}
    for index, line in enumerate(lines):
        marker = MARKER.match(line)
        if marker and marker["name"] == exercise:
            found.setdefault(marker["kind"], index)

    if "start" not in found or "end" not in found or found["end"] < found["start"]:
        raise WorkshopError(
            f"{path} has lost the `# --8<-- [start:{exercise}]` or `[end:{exercise}]` "
            "line, so the exercise cannot be found in it. Put them back, or reset "
            "the whole step."
        )
    return found["start"], found["end"]


def back_up(layout: Layout, step: Step, path: Path) -> Path:
    """Move a copy, or copy one of its files, to workspace/.backups/; return where."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    destination = layout.workspace / ".backups" / f"{step.name}-{stamp}"
    destination.mkdir(parents=True)

    if path.is_dir():
        target = destination / path.name
        shutil.move(path, target)
        return target
    return Path(shutil.copy2(path, destination / path.name))
