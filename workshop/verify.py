"""`workshop verify`: the authoring check that keeps exercises and answers in step.

For every step: its reference passes its own suite; every `exercise` marker
names a region; every exercise (a region new or changed in the step) has hints;
and for every exercise, a copy with only that exercise stubbed fails at least
one of the exercise's own tests. An exercise no test notices would show a
learner "done" for work they never did.
"""

import os
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from workshop.errors import WorkshopError
from workshop.hints import hints_file, load_hints
from workshop.layout import Layout, Step
from workshop.regions import Region, find_exercises, find_regions
from workshop.stubs import stubbed_copy
from workshop.suite import (
    ALL_PASSED,
    NONE_COLLECTED,
    SOME_FAILED,
    SuiteResult,
    run_suite,
)

OUTPUT_LINES_SHOWN = 15


@dataclass(frozen=True)
class Finding:
    step: str
    subject: str
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify(layout: Layout) -> list[Finding]:
    """Every check of every step, passed or not."""
    steps = layout.steps()
    if not steps:
        return [Finding("-", "steps", f"no step folder in {layout.root / 'steps'}")]

    # Each suite is a pytest of its own: run as many at once as there are cores,
    # all steps' suites queued up front.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = [start_runs(layout, step, pool) for step in steps]
        return [finding for run in runs for finding in run.findings(layout)]


@dataclass
class StepRuns:
    """The suites started for one step, or why none could start."""

    step: Step
    regions: list[Region] = field(default_factory=list)
    exercises: list[Region] = field(default_factory=list)
    reference: Future[SuiteResult] | None = None
    stubbed: dict[str, Future[SuiteResult]] = field(default_factory=dict)
    error: str = ""

    def findings(self, layout: Layout) -> list[Finding]:
        step = self.step
        if self.reference is None:
            return [Finding(step.name, "regions", self.error)]

        reference = self.reference.result()
        findings = hint_findings(layout, step, self.exercises)
        findings.append(reference_finding(step, reference))
        findings += marker_findings(step, self.regions, reference)
        for exercise in self.exercises:
            result = self.stubbed[exercise.name].result()
            findings.append(region_finding(step, exercise, result))
        return findings


def start_runs(layout: Layout, step: Step, pool: ThreadPoolExecutor) -> StepRuns:
    try:
        regions = find_regions(step.python_files())
        exercises = find_exercises(layout, step)
    except WorkshopError as error:
        return StepRuns(step, error=str(error))

    return StepRuns(
        step,
        regions,
        exercises,
        reference=pool.submit(run_suite, layout, step, step.folder),
        stubbed={
            exercise.name: pool.submit(run_with_one_stub, layout, step, exercise)
            for exercise in exercises
        },
    )


def run_with_one_stub(layout: Layout, step: Step, exercise: Region) -> SuiteResult:
    """Run the exercise's tests on a copy where only that exercise is stubbed."""
    with tempfile.TemporaryDirectory(prefix=f"workshop-{exercise.name}-") as scratch:
        copy = Path(scratch) / step.name
        stubbed_copy(step, [exercise], copy)
        return run_suite(
            layout, step, copy, exercise=exercise.name, stop_at_first_failure=True
        )


def hint_findings(layout: Layout, step: Step, exercises: list[Region]) -> list[Finding]:
    try:
        hints = load_hints(layout, step)
    except WorkshopError as error:
        return [Finding(step.name, "hints", str(error))]

    names = [exercise.name for exercise in exercises]
    missing = [name for name in names if not hints.get(name)]
    unknown = sorted(set(hints) - set(names))
    findings = [
        Finding(
            step.name,
            f"hints for {name}",
            f"no hint in {shown(hints_file(layout, step), layout)}",
        )
        for name in missing
    ]
    findings += [
        Finding(step.name, f"hints for {name}", "no exercise of this name in the step")
        for name in unknown
    ]
    if not findings:
        findings.append(Finding(step.name, f"hints for {', '.join(names)}"))
    return findings


def reference_finding(step: Step, result: SuiteResult) -> Finding:
    subject = "reference passes its tests"
    if not result.loaded:
        return Finding(step.name, subject, "the suite did not run:\n" + tail(result))
    failures = [test for test in result.tests if not test.passed]
    if failures or not result.passed:
        first = failures[0] if failures else None
        detail = f"first: {first.name}: {first.message}" if first else tail(result)
        return Finding(
            step.name, subject, f"{len(failures)} of {len(result.tests)} fail; {detail}"
        )
    return Finding(step.name, f"reference passes its {len(result.tests)} tests")


def marker_findings(
    step: Step, regions: list[Region], reference: SuiteResult
) -> list[Finding]:
    names = {region.name for region in regions}
    marked = {exercise for test in reference.tests for exercise in test.exercises}
    return [
        Finding(
            step.name,
            f"exercise marker {name!r}",
            f"names no region; the regions are: {', '.join(sorted(names))}",
        )
        for name in sorted(marked - names)
    ]


def region_finding(step: Step, region: Region, result: SuiteResult) -> Finding:
    subject = f"region {region.name}"
    if result.exit_code == SOME_FAILED:
        return Finding(step.name, f"{subject}: stubbed, its tests fail")
    if result.exit_code == ALL_PASSED:
        problem = (
            f"with {region.label} stubbed, all {len(result.tests)} of its tests "
            "still pass: no test notices the exercise"
        )
    elif result.exit_code == NONE_COLLECTED:
        problem = (
            f"no test is marked @pytest.mark.exercise({region.name!r}), so no test "
            f"checks {region.label}"
        )
    else:
        problem = f"with it stubbed, the copy does not import:\n{tail(result)}"
    return Finding(step.name, subject, problem)


def tail(result: SuiteResult) -> str:
    return "\n".join(result.output.strip().splitlines()[-OUTPUT_LINES_SHOWN:])


def shown(path: Path, layout: Layout) -> str:
    """A path inside the checkout, relative to it."""
    try:
        return path.relative_to(layout.root).as_posix()
    except ValueError:
        return str(path)


def findings_table(findings: list[Finding]) -> Table:
    table = Table(title="workshop verify")
    table.add_column("Step")
    table.add_column("Check")
    table.add_column("Result", overflow="fold")
    for finding in findings:
        verdict = "[green]ok[/]" if finding.ok else f"[red]{escape(finding.problem)}[/]"
        table.add_row(finding.step, escape(finding.subject), verdict)
    return table
