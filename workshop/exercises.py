"""Exercises done or not, read from one run of a step's suite."""

from dataclasses import dataclass

from workshop.suite import CaseResult, SuiteResult

# A test of no exercise still counts: the step is done only when all pass.
OTHER_TESTS = "(other tests)"


@dataclass(frozen=True)
class ExerciseStatus:
    name: str
    tests_passed: int
    tests_total: int
    first_failure: CaseResult | None

    @property
    def done(self) -> bool:
        return self.tests_total > 0 and self.tests_passed == self.tests_total


def exercise_statuses(
    exercises: list[str], result: SuiteResult
) -> list[ExerciseStatus]:
    """One status per exercise, in the order given, then one for the other tests.

    The other tests check what no exercise of this step covers: code outside the
    regions, or a region done in an earlier step.
    """
    statuses = [status_of(name, result.tests_of(name)) for name in exercises]

    others = result.tests_of_none(exercises)
    if others:
        statuses.append(status_of(OTHER_TESTS, others))
    return statuses


def status_of(name: str, tests: list[CaseResult]) -> ExerciseStatus:
    failures = [test for test in tests if not test.passed]
    return ExerciseStatus(
        name,
        tests_passed=len(tests) - len(failures),
        tests_total=len(tests),
        first_failure=failures[0] if failures else None,
    )
