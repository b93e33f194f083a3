"""Load: step 04 on two workers serves many signed-in users at once, correctly.

A short run of benchmarks/locustfile.py; docs/benchmarks.md shows the long one.
"""

import json
import subprocess
import sys

import pytest

from tests.servers import ROOT, running_server

STEP = "steps/04_refresh_tokens"
LOCUSTFILE = ROOT / "benchmarks" / "locustfile.py"

USERS = 20
RUN_TIME = "20s"


@pytest.fixture(scope="module")
def load_test_stats(tmp_path_factory) -> dict[str, dict]:
    """Run Locust headless against the step once; its stats by request name."""
    database = tmp_path_factory.mktemp("load") / "app.db"
    environment = {
        "DATABASE_URL": f"sqlite:///{database.as_posix()}",
        # The load is on tokens and the database, not on password hashing.
        "BCRYPT_ROUNDS": "4",
        "SECRET_KEY": "workshop-test-key-" + "0" * 46,
    }
    arguments = ["main:app", "--app-dir", STEP, "--workers", "2"]
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    command += ["--users", str(USERS), "--spawn-rate", "10", "--run-time", RUN_TIME]
    # Let each user finish the task it is in when time is up. Cut off halfway,
    # a refresh would be spent on the server with its successor never read,
    # and the last refresh would fail for the test's sake, not the server's.
    command += ["--stop-timeout", "10", "--json", "--skip-log"]

    with running_server(arguments, ROOT, environment) as base_url:
        run = subprocess.run(  # noqa: S603  (our interpreter, our arguments)
            [*command, "--host", base_url],
            capture_output=True,
            text=True,
            timeout=120,
        )

    assert run.returncode in (0, 1), run.stderr
    return {entry["name"]: entry for entry in json.loads(run.stdout)}


def test_every_request_under_load_gets_the_answer_its_user_expects(load_test_stats):
    # A failure is any 5xx, and any 401 on a token the user had just been given.
    failures = {
        name: stats["num_failures"]
        for name, stats in load_test_stats.items()
        if stats["num_failures"]
    }

    assert failures == {}


def test_every_users_last_refresh_token_still_works_when_the_load_stops(
    load_test_stats,
):
    last_refreshes = load_test_stats["/token/refresh (last)"]

    assert last_refreshes["num_requests"] == USERS
    assert last_refreshes["num_failures"] == 0


@pytest.mark.parametrize(
    "name", ["/register", "/token", "/token/refresh", "/logout", "/notes"]
)
def test_the_load_exercised_each_kind_of_request(load_test_stats, name):
    assert load_test_stats[name]["num_requests"] > 0
