"""The benchmark's table: in the terminal with rich, and in docs/benchmarks.md."""

import re
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

# The page keeps its prose; only the part between these markers is rewritten.
TABLE_START = "<!-- benchmark table: start -->"
TABLE_END = "<!-- benchmark table: end -->"

COLUMNS = ("Measure", "Setup", "Measured", "Against", "Ratio")


@dataclass(frozen=True)
class Ratio:
    """One figure of the table: what was measured, against what, and the ratio."""

    measure: str
    setup: str
    measured: str
    against: str
    ratio: float

    def cells(self) -> tuple[str, ...]:
        return (
            self.measure,
            self.setup,
            self.measured,
            self.against,
            f"{self.ratio:.2f}",
        )


def print_table(ratios: list[Ratio], machine: str) -> None:
    table = Table(title=f"Benchmark on {machine}")
    for column in COLUMNS:
        table.add_column(column, justify="right" if column == "Ratio" else "left")
    for ratio in ratios:
        table.add_row(*ratio.cells())

    Console().print(table)


def markdown_table(ratios: list[Ratio]) -> str:
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---:" if c == "Ratio" else "---" for c in COLUMNS) + " |",
    ]
    lines += ["| " + " | ".join(ratio.cells()) + " |" for ratio in ratios]
    return "\n".join(lines)


def write_into_page(page: Path, ratios: list[Ratio], machine: str, when: str) -> None:
    """Replace the table between the page's markers with this run's."""
    generated = "\n".join(
        [
            TABLE_START,
            f"Measured on {when} on {machine}.",
            "",
            markdown_table(ratios),
            TABLE_END,
        ]
    )
    text = page.read_text()
    between_markers = re.compile(
        re.escape(TABLE_START) + ".*?" + re.escape(TABLE_END), re.DOTALL
    )
    if not between_markers.search(text):
        raise ValueError(f"{page} has no {TABLE_START} ... {TABLE_END} markers")

    page.write_text(between_markers.sub(lambda _: generated, text))
