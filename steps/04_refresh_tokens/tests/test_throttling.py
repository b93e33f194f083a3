"""Failed logins slow guessing down, per username, and lock nobody out for good."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from models import LoginAttempts
from throttling import MAX_LOCK, lock_after

PASSWORD = "correct horse battery staple"
TOO_MANY = {"detail": "Too many failed logins; try again later"}


def log_in(client, username: str, password: str):
    return client.post("/token", data={"username": username, "password": password})


def fail_to_log_in(client, username: str, times: int) -> None:
    for _ in range(times):
        assert log_in(client, username, "wrong " + PASSWORD).status_code == 401


def seconds_from_now(seconds: float) -> datetime:
    return datetime.now(UTC) + timedelta(seconds=seconds)


@pytest.fixture
def terry(client):
    client.post("/register", json={"username": "terry", "password": PASSWORD})


def test_five_failed_logins_in_a_row_are_free(client, terry):
    fail_to_log_in(client, "terry", 4)

    response = log_in(client, "terry", "wrong " + PASSWORD)

    assert response.status_code == 401, response.text


def test_the_attempt_after_five_failures_answers_429_with_retry_after(client, terry):
    fail_to_log_in(client, "terry", 5)

    response = log_in(client, "terry", "wrong " + PASSWORD)

    assert response.status_code == 429, response.text
    assert response.json() == TOO_MANY
    assert response.headers["Retry-After"] == "1"


def test_openapi_documents_the_429_and_its_retry_after(client):
    schema = client.get("/openapi.json").json()

    too_many = schema["paths"]["/token"]["post"]["responses"]["429"]
    assert too_many["headers"]["Retry-After"]["required"] is True


def test_a_locked_username_refuses_even_the_right_password(client, terry):
    fail_to_log_in(client, "terry", 5)

    response = log_in(client, "terry", PASSWORD)

    assert response.status_code == 429, response.text


def test_the_right_password_works_once_the_lock_has_passed(client, terry):
    fail_to_log_in(client, "terry", 5)

    with time_machine.travel(seconds_from_now(2), tick=False):
        response = log_in(client, "terry", PASSWORD)

    assert response.status_code == 200, response.text


def test_a_successful_login_starts_the_count_afresh(client, session, terry):
    fail_to_log_in(client, "terry", 4)

    log_in(client, "terry", PASSWORD)

    assert session.exec(select(LoginAttempts)).all() == []


def test_each_failure_past_five_locks_twice_as_long(client, terry):
    fail_to_log_in(client, "terry", 5)
    with time_machine.travel(seconds_from_now(2), tick=False):
        fail_to_log_in(client, "terry", 1)

        response = log_in(client, "terry", PASSWORD)

    assert response.status_code == 429, response.text
    assert response.headers["Retry-After"] == "2"


@pytest.mark.parametrize(
    ("failures", "lock"),
    [
        (4, timedelta(0)),
        (5, timedelta(seconds=1)),
        (6, timedelta(seconds=2)),
        (14, timedelta(seconds=512)),
        # From the 15th failure on, never more than MAX_LOCK.
        (15, MAX_LOCK),
        (1_000, MAX_LOCK),
    ],
)
def test_locks_double_up_to_15_minutes(failures, lock):
    assert lock_after(failures) == lock


def test_100_consecutive_failures_take_over_20_hours():
    # NIST SP 800-63B: at most 100 consecutive failed attempts per account.
    waiting = sum((lock_after(failures) for failures in range(1, 100)), timedelta())

    assert waiting > timedelta(hours=20)


def test_an_unknown_username_is_throttled_like_a_registered_one(client, terry):
    # Otherwise a 429 would tell which usernames exist.
    fail_to_log_in(client, "nobody", 5)

    response = log_in(client, "nobody", PASSWORD)

    assert response.status_code == 429, response.text
    assert response.json() == TOO_MANY


def test_a_username_that_can_be_nobodys_is_neither_throttled_nor_stored(
    client, session
):
    fail_to_log_in(client, "no spaces allowed", 10)

    assert session.exec(select(LoginAttempts)).all() == []


def test_one_usernames_lock_leaves_other_users_alone(client, terry):
    client.post("/register", json={"username": "ann", "password": PASSWORD})
    fail_to_log_in(client, "terry", 5)

    response = log_in(client, "ann", PASSWORD)

    assert response.status_code == 200, response.text


def test_failures_a_day_old_are_forgotten(client, terry):
    fail_to_log_in(client, "terry", 5)

    with time_machine.travel(seconds_from_now(24 * 3600 + 1), tick=False):
        fail_to_log_in(client, "terry", 4)
        response = log_in(client, "terry", "wrong " + PASSWORD)

    assert response.status_code == 401, response.text


def test_a_login_prunes_usernames_left_alone_for_a_day(client, session, terry):
    fail_to_log_in(client, "nobody", 3)

    with time_machine.travel(seconds_from_now(24 * 3600 + 1), tick=False):
        log_in(client, "terry", PASSWORD)

    assert session.exec(select(LoginAttempts)).all() == []
