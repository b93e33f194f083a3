"""Step 04 under real uvicorn: racing refreshes, racing workers, restarts."""

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import httpx2
from sqlmodel import SQLModel

import database

PASSWORD = "correct horse battery staple"


def sign_up(base_url: str, username: str = "terry") -> dict:
    """Register and log in over HTTP; the token response."""
    httpx2.post(
        f"{base_url}/register", json={"username": username, "password": PASSWORD}
    )
    response = httpx2.post(
        f"{base_url}/token", data={"username": username, "password": PASSWORD}
    )
    return response.json()


def all_at_once(
    count: int, send: Callable[[int], httpx2.Response]
) -> list[httpx2.Response]:
    """Call send(0) to send(count - 1) from as many threads, released together."""
    barrier = threading.Barrier(count)

    def send_when_all_are_ready(number: int) -> httpx2.Response:
        barrier.wait()
        return send(number)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(send_when_all_are_ready, range(count)))


def refresh(base_url: str, refresh_token: str) -> httpx2.Response:
    return httpx2.post(
        f"{base_url}/token/refresh", data={"refresh_token": refresh_token}, timeout=60
    )


def test_of_20_simultaneous_refreshes_with_one_token_exactly_one_wins(start_server):
    base_url = start_server(workers=2)
    refresh_token = sign_up(base_url)["refresh_token"]

    responses = all_at_once(20, lambda _: refresh(base_url, refresh_token))

    codes = sorted(response.status_code for response in responses)
    assert codes == [200] + [401] * 19


def test_the_winner_of_a_refresh_race_is_revoked_with_its_family(start_server):
    # Strict rotation: the losers were replays, so the whole family goes.
    base_url = start_server(workers=2)
    refresh_token = sign_up(base_url)["refresh_token"]
    responses = all_at_once(5, lambda _: refresh(base_url, refresh_token))
    [winner] = [response for response in responses if response.status_code == 200]

    assert refresh(base_url, winner.json()["refresh_token"]).status_code == 401


# Each process checks which tables exist, then creates the missing ones. The
# check is made slow, as on a loaded machine, so that unsynchronised workers
# would all find the tables missing and collide creating them.
CREATE_TABLES_SLOWLY = """
import time

import database
import main  # noqa: F401  (defines the tables)

real_has_table = database.engine.dialect.has_table

def has_table_slowly(*args, **kwargs):
    found = real_has_table(*args, **kwargs)
    time.sleep(0.2)
    return found

database.engine.dialect.has_table = has_table_slowly
time.sleep(max(0, START_AT - time.time()))
database.create_db_and_tables()
"""


def test_four_processes_creating_the_tables_at_once_all_succeed(app_environment):
    SQLModel.metadata.drop_all(database.engine)
    program = CREATE_TABLES_SLOWLY.replace("START_AT", str(time.time() + 3))
    app_dir = os.path.dirname(database.__file__)

    processes = [
        subprocess.Popen(  # noqa: S603  (our interpreter, our program)
            [sys.executable, "-c", program],
            cwd=app_dir,
            env=app_environment,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    errors = [process.communicate(timeout=60)[1].decode() for process in processes]

    assert [process.returncode for process in processes] == [0] * 4, errors


def test_tokens_survive_a_restart_of_the_server(start_server):
    tokens = sign_up(start_server())

    restarted = start_server()
    me = httpx2.get(
        f"{restarted}/users/me",
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
    )

    assert me.status_code == 200, me.text
    assert refresh(restarted, tokens["refresh_token"]).status_code == 200


def test_40_simultaneous_writes_on_two_workers_all_succeed(start_server):
    base_url = start_server(workers=2)
    headers = [
        {"Authorization": f"Bearer {sign_up(base_url, name)['access_token']}"}
        for name in ("terry", "ann", "sam", "kim")
    ]

    def add_note(number: int) -> httpx2.Response:
        return httpx2.post(
            f"{base_url}/notes",
            json={"text": f"note {number}"},
            headers=headers[number % 4],
            timeout=60,
        )

    responses = all_at_once(40, add_note)

    assert [response.status_code for response in responses] == [201] * 40


def test_of_20_simultaneous_guesses_at_most_5_are_checked(start_server):
    # The attempts are counted before the password is checked, so a burst
    # cannot slip past the count, even across two workers.
    base_url = start_server(workers=2)
    sign_up(base_url)

    def guess(number: int) -> httpx2.Response:
        return httpx2.post(
            f"{base_url}/token",
            data={"username": "terry", "password": f"guess number {number}"},
            timeout=60,
        )

    responses = all_at_once(20, guess)

    codes = [response.status_code for response in responses]
    assert set(codes) <= {401, 429}
    assert codes.count(401) <= 5
