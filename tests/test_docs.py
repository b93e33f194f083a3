"""The docs site shows the code the steps hold, and cites tests that exist.

`make test` also builds the site with `mkdocs build --strict`, which fails on a
snippet file or region that cannot be found and on a link that does not resolve.
These tests cover what the build cannot see: a region nobody included, a step
page out of order, a pitfall naming a test that was renamed.
"""

import inspect
import re
from pathlib import Path

import fastapi.routing
import fastapi.security.oauth2
import pytest
import starlette.formparsers

from docs.hooks.step_diff import PLACEHOLDER
from tests.servers import ROOT

DOCS_DIR = ROOT / "docs"
STEP_PAGES = sorted((DOCS_DIR / "steps").glob("*.md"))

# `# --8<-- [start:hashing]` in a step's module.
REGION_START = re.compile(r"^\s*# --8<-- \[start:([a-z][-_0-9a-z]*)\]", re.MULTILINE)

# `--8<-- "steps/01_passwords/passwords.py:hashing"` in a page. A page that shows
# the marker as text escapes it as `;--8<--`, which this does not match.
INCLUDE = re.compile(r'^\s*--8<-- "([^":]+)(?::([a-z][-_0-9a-z]*))?"', re.MULTILINE)

# A test cited by its pytest node id, `path/to/test_file.py::test_name`.
CITED_TEST = re.compile(r"((?:steps/[\w.]+/)?tests/test_\w+\.py)::(test_\w+)")

# The sections of a step page, in the order every step page keeps.
STEP_PAGE_SECTIONS = [
    "What you will learn",
    "The flow",
    "The code",
    "What changed",
    "Try it",
    "Exercise",
    "In the React Native app",
    "Pitfalls",
    "Check your work",
]


def marked_regions(step_dir: Path) -> set[tuple[str, str]]:
    """Return (module path, region) for every region marked in a step's modules."""
    return {
        (path.relative_to(ROOT).as_posix(), region)
        for path in step_dir.glob("*.py")
        for region in REGION_START.findall(path.read_text(encoding="utf-8"))
    }


def included_regions(page: Path) -> set[tuple[str, str]]:
    """Return (file path, region) for every region a page includes by name."""
    return {
        (path, region)
        for path, region in INCLUDE.findall(page.read_text(encoding="utf-8"))
        if region
    }


def section_headings(page: Path) -> list[str]:
    return re.findall(r"^## (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE)


def step_dir_of(page: Path) -> Path:
    return ROOT / "steps" / page.stem


def test_step_pages_are_found_starting_with_the_first_step():
    assert [page.stem for page in STEP_PAGES][:1] == ["01_passwords"]


@pytest.mark.parametrize("page", STEP_PAGES, ids=lambda page: page.stem)
def test_step_page_is_named_after_a_step_folder(page):
    assert step_dir_of(page).is_dir()


@pytest.mark.parametrize("page", STEP_PAGES, ids=lambda page: page.stem)
def test_step_page_includes_every_region_marked_in_its_step(page):
    marked = marked_regions(step_dir_of(page))

    missing = marked - included_regions(page)

    assert marked, f"{page.stem} marks no regions"
    assert not missing, f"{page.name} leaves out {sorted(missing)}"


@pytest.mark.parametrize("page", STEP_PAGES, ids=lambda page: page.stem)
def test_every_region_a_step_page_includes_is_marked_in_the_code(page):
    marked = {
        region
        for step_dir in sorted((ROOT / "steps").iterdir())
        if step_dir.is_dir()
        for region in marked_regions(step_dir)
    }

    unknown = included_regions(page) - marked

    assert not unknown, f"{page.name} includes regions no step marks: {unknown}"


@pytest.mark.parametrize("page", STEP_PAGES[1:], ids=lambda page: page.stem)
def test_step_page_shows_a_diff_made_from_the_steps_rather_than_pasted(page):
    assert PLACEHOLDER in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", STEP_PAGES, ids=lambda page: page.stem)
def test_step_page_keeps_the_sections_in_the_common_order(page):
    headings = section_headings(page)

    assert headings == [name for name in STEP_PAGE_SECTIONS if name in headings]


@pytest.mark.parametrize("page", STEP_PAGES, ids=lambda page: page.stem)
def test_step_page_has_every_section_but_the_client_one(page):
    # The React Native section is checked on its own, below.
    required = [
        name for name in STEP_PAGE_SECTIONS if name != "In the React Native app"
    ]

    missing = [name for name in required if name not in section_headings(page)]

    assert not missing, f"{page.name} lacks {missing}"


@pytest.mark.parametrize("page", STEP_PAGES, ids=lambda page: page.stem)
def test_step_page_includes_the_client_snippet_of_its_step_when_there_is_one(page):
    snippet = ROOT / "client_rn" / "src" / "snippets" / f"{page.stem}.ts"
    if not snippet.is_file():
        pytest.skip(f"the client has no {snippet.relative_to(ROOT)} yet")

    included = {path for path, _ in INCLUDE.findall(page.read_text(encoding="utf-8"))}

    assert snippet.relative_to(ROOT).as_posix() in included


def cited_tests() -> list[tuple[str, str]]:
    return sorted(
        {
            citation
            for page in DOCS_DIR.rglob("*.md")
            for citation in CITED_TEST.findall(page.read_text(encoding="utf-8"))
        }
    )


@pytest.mark.parametrize(
    ("test_file", "test_name"), cited_tests(), ids=lambda value: value
)
def test_a_test_the_docs_cite_exists(test_file, test_name):
    path = ROOT / test_file

    source = path.read_text(encoding="utf-8") if path.is_file() else ""

    assert re.search(rf"^(async )?def {test_name}\(", source, re.MULTILINE), (
        f"the docs cite {test_file}::{test_name}, which does not exist"
    )


def error_messages_the_steps_send() -> set[str]:
    """Every `detail` the steps answer with, as a keyword or a JSON key."""
    messages = set()
    for module in (ROOT / "steps").glob("*/*.py"):
        source = module.read_text(encoding="utf-8")
        constants = dict(re.findall(r'^([A-Z_]+) = "([^"]+)"$', source, re.MULTILINE))
        sent = re.findall(r'(?:detail=|"detail": )(?:"([^"]+)"|([A-Z_]+))', source)
        for literal, constant in sent:
            messages.add(literal or constants[constant])
    return messages


def error_messages_in_the_status_code_table() -> set[str]:
    """The quoted message in the body column of each 4xx or 5xx row."""
    table = (DOCS_DIR / "status-codes.md").read_text(encoding="utf-8")
    messages = set()
    for row in re.findall(r"^\| [45]\d\d \|.*$", table, re.MULTILINE):
        body = row.split(" | ")[3]
        messages.update(re.findall(r'^`"([^"]+)"`$', body))
    return messages


def test_the_status_code_table_lists_every_error_message_the_steps_send():
    missing = (
        error_messages_the_steps_send() - error_messages_in_the_status_code_table()
    )

    assert not missing, f"status-codes.md lacks {sorted(missing)}"


def test_every_error_message_in_the_status_code_table_is_sent_by_the_api():
    # Some the framework sends itself: OAuth2PasswordBearer's "Not authenticated",
    # and the 400s for a body that cannot be decoded.
    framework_source = "".join(
        inspect.getsource(module)
        for module in (fastapi.security.oauth2, fastapi.routing, starlette.formparsers)
    )

    unknown = {
        message
        for message in error_messages_in_the_status_code_table()
        - error_messages_the_steps_send()
        if f'"{message}"' not in framework_source
    }

    assert not unknown, f"status-codes.md names messages no step sends: {unknown}"
