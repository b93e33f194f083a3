"""An MkDocs hook that writes the diff between two steps into a step's page.

A step page holds the line `<!-- diff-from-previous-step -->`; at build time the
hook replaces it with one tab per changed module, each a unified diff computed
from the step folders. The page can never show a diff that the code has
outgrown, because nobody pasted it.
"""

import difflib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
STEPS_DIR = ROOT / "steps"

PLACEHOLDER = "<!-- diff-from-previous-step -->"

# The docs' region markers (`# --8<-- [start:hashing]`) are scaffolding for this
# site, not part of a lesson; pymdownx.snippets would also delete them from a
# page, leaving hunks that no longer add up.
REGION_MARKER = re.compile(r"^\s*# --8<-- \[(start|end):[a-z][-_0-9a-z]*\]\s*$")


def without_region_markers(lines: list[str]) -> list[str]:
    """Drop marker lines, and the blank line a marker kept apart from another."""
    kept: list[str] = []
    skip_blank = False
    for line in lines:
        if REGION_MARKER.match(line):
            skip_blank = bool(kept) and not kept[-1].strip()
            continue
        if skip_blank and not line.strip():
            skip_blank = False
            continue
        skip_blank = False
        kept.append(line)
    return kept


def app_modules(step_dir: Path) -> dict[str, list[str]]:
    """Read a step's modules (its tests are not part of the lesson's diff)."""
    return {
        path.name: without_region_markers(
            path.read_text(encoding="utf-8").splitlines(keepends=True)
        )
        for path in sorted(step_dir.glob("*.py"))
    }


def module_diffs(old_dir: Path, new_dir: Path) -> dict[str, str]:
    """Return a unified diff per module that differs between two steps."""
    old_modules = app_modules(old_dir)
    new_modules = app_modules(new_dir)

    diffs = {}
    for name in sorted(old_modules.keys() | new_modules.keys()):
        old_label = f"{old_dir.name}/{name}" if name in old_modules else "/dev/null"
        new_label = f"{new_dir.name}/{name}" if name in new_modules else "/dev/null"
        lines = difflib.unified_diff(
            old_modules.get(name, []),
            new_modules.get(name, []),
            fromfile=old_label,
            tofile=new_label,
        )
        diff = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
        if diff:
            diffs[name] = diff
    return diffs


def unchanged_modules(old_dir: Path, new_dir: Path) -> list[str]:
    """Name the modules both steps have, byte for byte alike but for markers."""
    in_both = {path.name for path in old_dir.glob("*.py")} & {
        path.name for path in new_dir.glob("*.py")
    }
    return sorted(in_both - module_diffs(old_dir, new_dir).keys())


def diff_as_markdown(old_dir: Path, new_dir: Path) -> str:
    """Render the diffs as Material content tabs, one per changed module."""
    sections = []
    for name, diff in module_diffs(old_dir, new_dir).items():
        # Indented under its tab; fenced with four backticks, so that a docstring
        # holding a three-backtick example cannot end the block early.
        code = "\n".join("    " + line for line in diff.splitlines())
        sections.append(f'=== "{name}"\n\n    ````diff\n{code}\n    ````\n')

    unchanged = unchanged_modules(old_dir, new_dir)
    if unchanged:
        names = ", ".join(f"`{name}`" for name in unchanged)
        sections.append(f"Unchanged since `{old_dir.name}`: {names}.\n")
    return "\n".join(sections)


def previous_step_dir(step: str, steps_dir: Path = STEPS_DIR) -> Path:
    """Find the step folder that comes before `step` in reading order."""
    step_dirs = sorted(path for path in steps_dir.iterdir() if path.is_dir())
    names = [path.name for path in step_dirs]
    if step not in names:
        raise PluginError(f"{PLACEHOLDER} is on a page for {step!r}, not a step")

    position = names.index(step)
    if position == 0:
        raise PluginError(f"{PLACEHOLDER}: {step!r} is the first step")
    return step_dirs[position - 1]


def on_page_markdown(markdown: str, page, config, files) -> str:
    if PLACEHOLDER not in markdown:
        return markdown

    step = Path(page.file.src_uri).stem
    old_dir = previous_step_dir(step)
    return markdown.replace(PLACEHOLDER, diff_as_markdown(old_dir, STEPS_DIR / step))
