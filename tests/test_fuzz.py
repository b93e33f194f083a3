"""Hostile input: every step survives requests generated from its own schema.

Schemathesis reads a step's OpenAPI schema and sends what it allows and what it
forbids: wrong types, huge numbers, odd Unicode, broken bodies. A 500 means the
app met an input it did not expect; a response unlike the schema means Swagger
UI, and every client generated from it, would be told something false.
"""

import os
import re
import shutil
import subprocess
import sysconfig
from pathlib import Path

import httpx2
import pytest

from tests.servers import ROOT, STEP_DIRS, running_server

SCHEMATHESIS = shutil.which("st", path=sysconfig.get_path("scripts"))

PASSWORD = "correct horse battery staple"

# No 500, and every response's status code, content type, headers and body as
# the schema documents them: each route declares the errors it answers with.
CHECKS = [
    "not_a_server_error",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "status_code_conformance",
]

# Bounded, to keep the test command short: examples per operation, and seconds
# for each run as a whole. FUZZ_EXAMPLES and FUZZ_SECONDS raise them for a
# longer hunt (docs/benchmarks.md shows how).
MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
MAX_SECONDS = int(os.environ.get("FUZZ_SECONDS", "5"))

# It voids the access token that the other operations are fuzzed with, so it is
# fuzzed on its own, last.
SIGN_OUT_EVERYWHERE = "/logout/all"


def bearer_token(base_url: str) -> str | None:
    """Register and sign in a user; their access token, or None before step 02."""
    httpx2.post(
        f"{base_url}/register", json={"username": "fuzzer", "password": PASSWORD}
    )
    response = httpx2.post(
        f"{base_url}/token", data={"username": "fuzzer", "password": PASSWORD}
    )
    if response.status_code == 404:
        return None

    assert response.status_code == 200, response.text
    return response.json()["access_token"]


def fuzz(base_url: str, token: str | None, folder: Path, *operation_filter: str) -> int:
    """Run Schemathesis against the server; fail the test on what it finds.

    Returns how many requests it generated, as its report counts them.
    """
    command = [SCHEMATHESIS, "run", f"{base_url}/openapi.json"]
    command += ["--checks", ",".join(CHECKS), "--max-examples", str(MAX_EXAMPLES)]
    command += ["--max-time", str(MAX_SECONDS), "--generation-database", "none"]
    command += ["--no-color", *operation_filter]
    if token is not None:
        command += ["--header", f"Authorization: Bearer {token}"]

    run = subprocess.run(  # noqa: S603  (our own tool and arguments)
        # In a folder of the test's own: Schemathesis keeps state in its cwd.
        command,
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=MAX_SECONDS + 180,
    )

    assert run.returncode == 0, run.stdout + run.stderr
    generated = re.search(r"(\d+) generated", run.stdout)
    return int(generated.group(1)) if generated else 0


@pytest.fixture(params=["sqlite", "postgresql"])
def server_environment(request, environment) -> dict[str, str]:
    """The step's environment, on SQLite and, where there is one, PostgreSQL.

    PostgreSQL refuses some input that SQLite takes (NUL in text, integers past
    2**31), so a route can answer one database well and fail on the other.
    """
    if request.param == "postgresql":
        database_url = request.getfixturevalue("postgres_database_url")
        return {**environment, "DATABASE_URL": database_url}
    return environment


@pytest.mark.parametrize("step_dir", STEP_DIRS, ids=lambda path: path.name)
def test_step_answers_generated_requests_without_error_and_as_documented(
    step_dir, server_environment, tmp_path
):
    arguments = ["main:app", "--app-dir", str(step_dir.relative_to(ROOT))]

    with running_server(arguments, ROOT, server_environment) as base_url:
        token = bearer_token(base_url)
        generated = fuzz(
            base_url, token, tmp_path, "--exclude-path", SIGN_OUT_EVERYWHERE
        )

    assert generated > 0


@pytest.mark.parametrize(
    "step_dir",
    [path for path in STEP_DIRS if path.name >= "04"],
    ids=lambda path: path.name,
)
def test_sign_out_everywhere_answers_generated_requests_as_documented(
    step_dir, server_environment, tmp_path
):
    arguments = ["main:app", "--app-dir", str(step_dir.relative_to(ROOT))]

    with running_server(arguments, ROOT, server_environment) as base_url:
        token = bearer_token(base_url)
        generated = fuzz(
            base_url, token, tmp_path, "--include-path", SIGN_OUT_EVERYWHERE
        )

    assert generated > 0
