"""Turn a step's reference code into the learner's exercise.

Each function of a region keeps its decorators, signature and docstring; its body
becomes one `raise NotImplementedError` that names the exercise and says where
to read about it. Everything around the functions stays, so the copy still
imports and starts, and each unfinished exercise fails only the tests that
reach it.
"""

import ast
import json
from pathlib import Path

from workshop.layout import Step
from workshop.regions import Region


def stub_message(step: Step, exercise: str) -> str:
    return (
        f"Exercise {exercise!r} of step {step.name}: write this function. See "
        f"the Exercise section of {step.docs_page}, or run "
        f"`workshop hint {step.number} {exercise}`."
    )


def is_stubbed(source: str, exercise: str) -> bool:
    """Tell whether a copy's source still holds the untouched stub of an exercise."""
    return f"Exercise {exercise!r} of step" in source


def stub_file(source: str, regions: list[Region], step: Step) -> str:
    """The source with every function of the given regions stubbed out."""
    lines = source.splitlines(keepends=True)
    functions = [
        (region.name, function) for region in regions for function in region.functions
    ]

    # From the bottom up, so that the line numbers still to use stay right.
    for exercise, function in sorted(functions, key=lambda pair: -pair[1].lineno):
        keep_through = last_line_to_keep(function, lines)
        indent = " " * function.body[0].col_offset
        stub = stub_body(indent, stub_message(step, exercise))
        lines[keep_through : function.end_lineno] = [stub]
    return "".join(lines)


def last_line_to_keep(
    function: ast.FunctionDef | ast.AsyncFunctionDef, lines: list[str]
) -> int:
    """The 1-based line that ends the signature, or the docstring if there is one."""
    first = function.body[0]
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return first.end_lineno or first.lineno

    # Comments between the signature and the first statement belong to the
    # body, and may tell the answer: the signature ends on the last line before
    # the body that holds code.
    for number in range(first.lineno - 1, function.lineno - 1, -1):
        text = lines[number - 1].strip()
        if text and not text.startswith("#"):
            return number
    raise ValueError(f"{function.name} has its body on the line of its signature")


def stub_body(indent: str, message: str) -> str:
    words = message.split(" ")
    chunks, current = [], ""
    for word in words:
        if current and len(indent) + 4 + len(current) + len(word) + 3 > 84:
            chunks.append(current)
            current = ""
        current += word + " "
    chunks.append(current.rstrip())

    # JSON's string literals are valid Python ones, with any quote escaped.
    quoted = "".join(f"{indent}    {json.dumps(chunk)}\n" for chunk in chunks)
    return f"{indent}raise NotImplementedError(\n{quoted}{indent})\n"


def stubbed_copy(
    step: Step, regions: list[Region], destination: Path, only: set[str] | None = None
) -> None:
    """Write the step's app files into destination, with regions stubbed.

    `only`, when given, names the regions to stub; the others keep their code.
    """
    destination.mkdir(parents=True, exist_ok=True)

    for path in step.app_files():
        text = path.read_text(encoding="utf-8")
        chosen = [
            region
            for region in regions
            if region.file == path and (only is None or region.name in only)
        ]
        if path.suffix == ".py" and chosen:
            text = stub_file(text, chosen, step)
        (destination / path.name).write_text(text, encoding="utf-8")
