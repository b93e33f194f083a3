"""Faults: step 04 keeps its promises when a worker dies or the database locks."""

import signal
import sqlite3
import threading
import time
from pathlib import Path

import httpx2
import psutil
import pytest

from tests.servers import ROOT, running_server, running_server_process

STEP = "steps/04_refresh_tokens"
PASSWORD = "correct horse battery staple"

USERS = 6
LOGINS_PER_USER = 2
STORM_SECONDS = 4.0


def environment_for(database: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": f"sqlite:///{database.as_posix()}",
        "BCRYPT_ROUNDS": "4",
        "SECRET_KEY": "workshop-test-key-" + "0" * 46,
    }


def register(base_url: str, username: str) -> httpx2.Response:
    # Longer than the 5 s that SQLite waits for a lock before it gives up.
    return httpx2.post(
        f"{base_url}/register",
        json={"username": username, "password": PASSWORD},
        timeout=15,
    )


def sign_in(base_url: str, username: str) -> httpx2.Response:
    return httpx2.post(
        f"{base_url}/token", data={"username": username, "password": PASSWORD}
    )


def keep_refreshing(base_url: str, refresh_token: str, until: float) -> None:
    """Spend each refresh token for the next, as fast as the server answers.

    A request cut off by the kill leaves the client without the successor,
    as a phone losing its connection would; that family then ends here.
    """
    with httpx2.Client(base_url=base_url, timeout=10) as client:
        while time.monotonic() < until:
            try:
                response = client.post(
                    "/token/refresh", data={"refresh_token": refresh_token}
                )
            except httpx2.TransportError:
                return
            if response.status_code != 200:
                return
            refresh_token = response.json()["refresh_token"]


def families_with_several_live_tokens(database: Path) -> list[tuple[str, int]]:
    # Every token in this test is seconds old, so none has expired: live means
    # neither spent nor revoked.
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT family_id, COUNT(*) FROM refreshtoken"
            " WHERE used_at IS NULL AND revoked_at IS NULL"
            " GROUP BY family_id HAVING COUNT(*) > 1"
        ).fetchall()


def kill_a_worker(server_pid: int) -> None:
    """SIGKILL one of uvicorn's workers: no clean-up, no finished requests."""
    # Uvicorn's children are its workers and multiprocessing's resource tracker.
    workers = [
        child
        for child in psutil.Process(server_pid).children()
        if "spawn_main" in " ".join(child.cmdline())
    ]
    workers[0].send_signal(signal.SIGKILL)


@pytest.fixture(scope="module")
def after_a_worker_was_killed(tmp_path_factory) -> tuple[str, Path, list[str]]:
    """Kill a worker with SIGKILL during a storm of refreshes.

    Gives the server's base URL (still running), its database and the users.
    """
    database = tmp_path_factory.mktemp("faults") / "app.db"
    arguments = ["main:app", "--app-dir", STEP, "--workers", "2"]
    usernames = [f"storm_user_{number}" for number in range(USERS)]

    with running_server_process(arguments, ROOT, environment_for(database)) as (
        base_url,
        server,
    ):
        refresh_tokens = []
        for username in usernames:
            register(base_url, username)
            for _ in range(LOGINS_PER_USER):
                refresh_tokens.append(
                    sign_in(base_url, username).json()["refresh_token"]
                )
        until = time.monotonic() + STORM_SECONDS
        storm = [
            threading.Thread(target=keep_refreshing, args=(base_url, token, until))
            for token in refresh_tokens
        ]
        for thread in storm:
            thread.start()

        time.sleep(STORM_SECONDS / 3)
        kill_a_worker(server.pid)

        for thread in storm:
            thread.join()
        yield base_url, database, usernames


def test_no_family_has_two_live_refresh_tokens_after_a_worker_is_killed(
    after_a_worker_was_killed,
):
    _, database, _ = after_a_worker_was_killed

    assert families_with_several_live_tokens(database) == []


def test_every_user_can_sign_in_after_a_worker_is_killed(after_a_worker_was_killed):
    base_url, _, usernames = after_a_worker_was_killed

    statuses = {
        username: sign_in(base_url, username).status_code for username in usernames
    }

    assert set(statuses.values()) == {200}, statuses


@pytest.fixture
def locked_database(tmp_path) -> tuple[str, sqlite3.Connection]:
    """Step 04 on one worker, and a second process's connection to its SQLite file."""
    database = tmp_path / "app.db"
    arguments = ["main:app", "--app-dir", STEP]

    with running_server(arguments, ROOT, environment_for(database)) as base_url:
        other_process = sqlite3.connect(database, timeout=0)
        yield base_url, other_process
        other_process.close()


def test_a_write_to_a_locked_database_answers_503_with_retry_after(locked_database):
    base_url, other_process = locked_database
    other_process.execute("BEGIN EXCLUSIVE")

    response = register(base_url, "terry")

    assert response.status_code == 503, response.text
    assert response.headers["Retry-After"] == "5"


def test_the_same_write_succeeds_once_the_lock_is_released(locked_database):
    base_url, other_process = locked_database
    other_process.execute("BEGIN EXCLUSIVE")
    register(base_url, "terry")
    other_process.rollback()

    response = register(base_url, "terry")

    # 201, not 409: the registration refused under the lock left nothing behind.
    assert response.status_code == 201, response.text
