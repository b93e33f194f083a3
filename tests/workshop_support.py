"""Helpers for the workshop tool's tests: a private workspace, and filled stubs."""

import io
from pathlib import Path

import pytest
from rich.console import Console

from workshop import console
from workshop.cli import main
from workshop.copies import marker_lines
from workshop.layout import Layout, Step
from workshop.regions import find_regions

STEPS = Layout().steps()


def private_layout(tmp_path: Path) -> Layout:
    """The real steps, with learners' copies kept in a temporary workspace."""
    return Layout(workspace=tmp_path / "workspace")


def fill_in(step: Step, exercise: str) -> None:
    """Do an exercise as a learner would: write the reference code over its stubs."""
    for region in find_regions(step.python_files()):
        if region.name != exercise:
            continue
        reference = region.file.read_text().splitlines(keepends=True)
        copy_file = step.workspace / region.file.name
        copy = copy_file.read_text().splitlines(keepends=True)
        start, end = marker_lines(copy, exercise, copy_file)
        answer_start, answer_end = marker_lines(reference, exercise, region.file)

        copy[start : end + 1] = reference[answer_start : answer_end + 1]
        copy_file.write_text("".join(copy))


def fill_in_everything(step: Step) -> None:
    for region in find_regions(step.python_files()):
        fill_in(step, region.name)


class Terminal:
    """What the tool printed, on a console wide enough to keep lines whole."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.stdout = io.StringIO()
        self.stderr = io.StringIO()
        monkeypatch.setattr(console, "out", Console(file=self.stdout, width=300))
        monkeypatch.setattr(console, "err", Console(file=self.stderr, width=300))

    def run(self, layout: Layout, *arguments: str) -> int:
        return main(list(arguments), layout)

    @property
    def output(self) -> str:
        return self.stdout.getvalue()

    @property
    def errors(self) -> str:
        return self.stderr.getvalue()
