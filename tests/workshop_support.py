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


def rendered(table) -> list[str]:
    """The lines of a rich table, printed wide enough to keep each row whole."""
    buffer = io.StringIO()
    Console(file=buffer, width=200).print(table)
    return buffer.getvalue().splitlines()


def row_of(lines: list[str], first_cell: str) -> str:
    return next(line for line in lines if f" {first_cell} " in line)


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


TINY_CONFTEST = """\
import os
import sys
from pathlib import Path

APP_DIR = Path(os.environ.get("WORKSHOP_APP_DIR", Path(__file__).parents[1]))
sys.path.insert(0, str(APP_DIR))


def pytest_configure(config):
    config.addinivalue_line("markers", "exercise(name): the region a test checks")
"""

TINY_GREETING = '''\
# --8<-- [start:greet]
def greet(name: str) -> str:
    """Say hello."""
    return f"Hello, {name}!"


# --8<-- [end:greet]
'''

TINY_TEST = """\
import pytest

from greeting import greet


@pytest.mark.exercise("greet")
def test_greet_says_hello():
    assert greet("Ada") == "Hello, Ada!"
"""


class TinyCheckout:
    """A made-up checkout with one-file steps, quick to verify, easy to break."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.layout = Layout(
            root=root, hints=root / "hints", workspace=root / "workspace"
        )
        (root / "hints").mkdir(parents=True)
        (root / "pyproject.toml").write_text(
            "[tool.pytest.ini_options]\n"
            'addopts = ["--import-mode=importlib", "--strict-markers"]\n'
        )

    def add_step(
        self,
        name: str,
        greeting: str = TINY_GREETING,
        tests: str = TINY_TEST,
        hints: str = 'greet = ["Return a greeting."]\n',
    ) -> Step:
        folder = self.root / "steps" / name
        (folder / "tests").mkdir(parents=True)
        (folder / "main.py").write_text("import greeting\n")
        (folder / "greeting.py").write_text(greeting)
        (folder / "tests" / "conftest.py").write_text(TINY_CONFTEST)
        (folder / "tests" / "test_greeting.py").write_text(tests)
        (self.root / "hints" / f"{name}.toml").write_text(hints)
        return self.layout.step(name)
