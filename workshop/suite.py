"""Run a step's own test suite against a copy of the step, and read the results.

The suite runs in a pytest of its own, in a subprocess: each copy's modules are
imported by name (`main`, `models`), which one Python process can hold only once.
`WORKSHOP_APP_DIR` tells the step's conftest.py which copy to import.
"""

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from workshop.errors import WorkshopError
from workshop.layout import Layout, Step
from workshop.pytest_plugin import EXERCISE_PROPERTY

# pytest's exit codes (pytest.ExitCode), without importing pytest here.
ALL_PASSED, SOME_FAILED, NONE_COLLECTED = 0, 1, 5

# A learner's endless loop should end in a message, not a hung terminal.
SUITE_TIMEOUT_SECONDS = 600


@dataclass(frozen=True)
class CaseResult:
    """How one test case went."""

    name: str
    exercises: tuple[str, ...]
    passed: bool
    message: str = ""


@dataclass(frozen=True)
class SuiteResult:
    exit_code: int
    tests: list[CaseResult] = field(default_factory=list)
    output: str = ""

    @property
    def loaded(self) -> bool:
        """False when pytest could not even run the tests: the copy does not import."""
        return self.exit_code in (ALL_PASSED, SOME_FAILED, NONE_COLLECTED)

    @property
    def passed(self) -> bool:
        return self.exit_code == ALL_PASSED and bool(self.tests)

    def tests_of(self, exercise: str) -> list[CaseResult]:
        return [test for test in self.tests if exercise in test.exercises]

    def tests_of_none(self, exercises: list[str]) -> list[CaseResult]:
        """The tests that check none of these exercises."""
        return [test for test in self.tests if not set(test.exercises) & set(exercises)]


def run_suite(
    layout: Layout,
    step: Step,
    app_dir: Path,
    exercise: str | None = None,
    stop_at_first_failure: bool = False,
) -> SuiteResult:
    """Run step's tests against the copy in app_dir; optionally one exercise's only."""
    with tempfile.TemporaryDirectory(prefix="workshop-") as scratch:
        report = Path(scratch) / "report.xml"
        command = [
            sys.executable,
            "-m",
            "pytest",
            str(step.tests),
            "-p",
            "workshop.pytest_plugin",
            # The cache would record a copy's failures as the reference's.
            "-p",
            "no:cacheprovider",
            f"--junitxml={report}",
            "--quiet",
            # Short tracebacks only: long ones through the ASGI stack take
            # seconds each to print, and the report keeps the message anyway.
            "--tb=line",
        ]
        if exercise is not None:
            command.append(f"--workshop-exercise={exercise}")
        if stop_at_first_failure:
            command.append("--exitfirst")

        try:
            finished = subprocess.run(  # noqa: S603  (our interpreter, our arguments)
                command,
                cwd=layout.root,
                env={**os.environ, "WORKSHOP_APP_DIR": str(app_dir.resolve())},
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=SUITE_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise WorkshopError(
                f"The tests of {step.name} ran over {SUITE_TIMEOUT_SECONDS} s and "
                f"were stopped: look for a loop that never ends in {app_dir}."
            ) from None

        tests = read_report(report) if report.exists() else []
        output = finished.stdout + finished.stderr
        return SuiteResult(finished.returncode, tests, output)


def read_report(report: Path) -> list[CaseResult]:
    # The report is one our own pytest just wrote, not untrusted input.
    tree = ElementTree.parse(report)  # noqa: S314
    return [read_test_case(case) for case in tree.iter("testcase")]


def read_test_case(case: ElementTree.Element) -> CaseResult:
    exercises = tuple(
        prop.get("value", "")
        for prop in case.iter("property")
        if prop.get("name") == EXERCISE_PROPERTY
    )
    problem = case.find("failure")
    if problem is None:
        problem = case.find("error")
    message = "" if problem is None else first_line(problem.get("message", ""))
    return CaseResult(case.get("name", "?"), exercises, problem is None, message)


def first_line(message: str, limit: int = 300) -> str:
    line = message.strip().splitlines()[0] if message.strip() else "failed"
    # A fixture's failure comes wrapped: failed on setup with "Error: ...".
    wrapped = re.fullmatch(r'failed on \w+ with "(.*)"', line)
    if wrapped:
        line = wrapped[1]
    # One raised through anyio's task group: Error("...") [single exception...].
    grouped = re.fullmatch(r'(\w+)\("(.*)"\) \[single exception in \w+\]', line)
    if grouped:
        line = f"{grouped[1]}: {grouped[2]}"
    return line if len(line) <= limit else line[: limit - 3] + "..."
