"""The lesson regions a step marks in its code, and the functions they hold.

A region is written with the section markers of pymdownx.snippets, which the
docs also use to quote it:

    # --8<-- [start:hashing]
    def hash_password(password: str) -> str: ...
    # --8<-- [end:hashing]

It holds only whole top-level functions, so that an exercise is always "write
these functions" and never half of one.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from workshop.errors import WorkshopError
from workshop.hints import load_hints
from workshop.layout import Layout, Step

MARKER = re.compile(r"^\s*#\s*-+8<-+\s*\[(?P<kind>start|end):(?P<name>[\w-]+)\]\s*$")


@dataclass(frozen=True)
class Region:
    name: str
    file: Path
    # 1-based line numbers of the two marker lines.
    start: int
    end: int
    functions: tuple[ast.FunctionDef | ast.AsyncFunctionDef, ...]

    @property
    def label(self) -> str:
        return f"{self.name!r} ({self.file.name}, line {self.start})"


def find_regions(python_files: list[Path]) -> list[Region]:
    """Read the regions of a step's files, in file order, checking each is sound."""
    regions = [
        region for path in python_files for region in regions_in(path, path.read_text())
    ]

    seen: dict[str, Region] = {}
    for region in regions:
        if region.name in seen:
            raise WorkshopError(
                f"Region {region.name!r} is marked twice: in {region.label} and "
                f"{seen[region.name].label}. Give each region its own name."
            )
        seen[region.name] = region
    return regions


def regions_in(path: Path, source: str) -> list[Region]:
    """The regions marked in one file's source."""
    tree = ast.parse(source, filename=str(path))
    regions = []
    open_marker: tuple[str, int] | None = None

    for number, line in enumerate(source.splitlines(), start=1):
        marker = MARKER.match(line)
        if marker is None:
            continue
        kind, name = marker["kind"], marker["name"]
        if kind == "start":
            if open_marker is not None:
                raise WorkshopError(
                    f"{path.name}, line {number}: region {name!r} starts inside "
                    f"region {open_marker[0]!r}, which has no end marker yet."
                )
            open_marker = (name, number)
        else:
            if open_marker is None or open_marker[0] != name:
                raise WorkshopError(
                    f"{path.name}, line {number}: end of region {name!r}, which "
                    "was never started."
                )
            functions = functions_between(path, tree, *open_marker, number)
            regions.append(Region(name, path, open_marker[1], number, functions))
            open_marker = None

    if open_marker is not None:
        raise WorkshopError(
            f"{path.name}, line {open_marker[1]}: region {open_marker[0]!r} has no "
            f"end marker: add `# --8<-- [end:{open_marker[0]}]`."
        )
    return regions


def functions_between(
    path: Path, tree: ast.Module, name: str, start: int, end: int
) -> tuple[ast.FunctionDef | ast.AsyncFunctionDef, ...]:
    """The top-level functions between two marker lines, refusing anything else."""
    overlapping = [
        node
        for node in tree.body
        if first_line(node) < end and (node.end_lineno or node.lineno) > start
    ]

    for node in overlapping:
        if not start < first_line(node) <= (node.end_lineno or node.lineno) < end:
            raise WorkshopError(
                f"{path.name}, line {node.lineno}: a marker of region {name!r} "
                "cuts this statement in two; a region must hold whole functions."
            )
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            raise WorkshopError(
                f"{path.name}, line {node.lineno}: region {name!r} holds a "
                f"{type(node).__name__}; a region may hold only whole top-level "
                "functions."
            )

    if not overlapping:
        raise WorkshopError(
            f"{path.name}, line {start}: region {name!r} holds no function."
        )
    return tuple(overlapping)


def first_line(node: ast.stmt) -> int:
    """The line a statement starts on, counting its decorators."""
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(decorator.lineno for decorator in decorators)])


def find_exercises(layout: Layout, step: Step) -> list[Region]:
    """The regions a learner writes in this step: those new or changed in it.

    A step repeats the files of the previous one, markers and all; a region it
    carries over unchanged was an exercise of an earlier step, and stays written.
    """
    regions = in_teaching_order(find_regions(step.python_files()), layout, step)
    previous = layout.previous(step)
    if previous is None:
        return regions

    earlier = {region.name: region for region in find_regions(previous.python_files())}
    return [
        region
        for region in regions
        if region.name not in earlier or not same_code(region, earlier[region.name])
    ]


def in_teaching_order(
    regions: list[Region], layout: Layout, step: Step
) -> list[Region]:
    """The order of the step's hints file, which its author writes in that order.

    Files sort by name, and a step may well teach tokens.py before auth.py.
    Regions without hints come last, in file order.
    """
    order = list(load_hints(layout, step))
    return sorted(
        regions,
        key=lambda region: (
            order.index(region.name) if region.name in order else len(order)
        ),
    )


def same_code(region: Region, other: Region) -> bool:
    """Compare the functions' code, so that a reworded comment changes nothing."""
    return [ast.dump(function) for function in region.functions] == [
        ast.dump(function) for function in other.functions
    ]
