"""Device tokens: guessing in a user's name cannot lock out the devices they use."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlmodel import select

from known_devices import KNOWN_DEVICE_LIFETIME, hash_device_token
from models import KnownDevice

PASSWORD = "correct horse battery staple"
WRONG = "wrong " + PASSWORD


def log_in(client, username: str, password: str, device_token: str | None = None):
    fields = {"username": username, "password": password}
    if device_token is not None:
        fields["device_token"] = device_token
    return client.post("/token", data=fields)


def lock_out(client, username: str, device_token: str | None = None) -> None:
    """Fail five logins in a row, from a stranger unless a device token is given."""
    for _ in range(5):
        assert log_in(client, username, WRONG, device_token).status_code == 401


def travel(**elapsed: float) -> time_machine.travel:
    return time_machine.travel(datetime.now(UTC) + timedelta(**elapsed), tick=False)


def register(client, username: str) -> None:
    client.post("/register", json={"username": username, "password": PASSWORD})


@pytest.fixture
def terrys_phone(client) -> str:
    """Register terry and sign in once on a phone; give back its device token."""
    register(client, "terry")
    return log_in(client, "terry", PASSWORD).json()["device_token"]


def test_a_known_device_signs_in_while_its_username_is_locked(client, terrys_phone):
    lock_out(client, "terry")

    response = log_in(client, "terry", PASSWORD, terrys_phone)

    assert response.status_code == 200, response.text


def test_a_day_of_guessing_in_a_users_name_still_lets_their_device_in(
    client, terrys_phone
):
    # The attacker guesses again the moment each lock passes, for a whole day,
    # and stops on a guess that was checked, which locks the username anew.
    with time_machine.travel(datetime.now(UTC), tick=False) as clock:
        started = datetime.now(UTC)
        for _ in range(1_000):
            guess = log_in(client, "terry", WRONG)
            if guess.status_code == 429:
                clock.shift(int(guess.headers["Retry-After"]))
            elif datetime.now(UTC) - started > timedelta(days=1):
                break
        else:
            pytest.fail("No guess was ever held back, so no time went by")

        stranger = log_in(client, "terry", PASSWORD)
        phone = log_in(client, "terry", PASSWORD, terrys_phone)

    # The username stays locked, right password or not: the attack is real.
    assert stranger.status_code == 429, stranger.text
    assert phone.status_code == 200, phone.text


def test_failures_from_a_known_device_lock_that_device(client, terrys_phone):
    lock_out(client, "terry", terrys_phone)

    response = log_in(client, "terry", PASSWORD, terrys_phone)

    assert response.status_code == 429, response.text


def test_failures_from_a_known_device_leave_the_username_open(client, terrys_phone):
    lock_out(client, "terry", terrys_phone)

    response = log_in(client, "terry", PASSWORD)

    assert response.status_code == 200, response.text


def test_each_login_replaces_the_device_token(client, terrys_phone):
    log_in(client, "terry", PASSWORD, terrys_phone)
    lock_out(client, "terry")

    # The old token now names no device, and counts as none.
    response = log_in(client, "terry", PASSWORD, terrys_phone)

    assert response.status_code == 429, response.text


def test_a_device_keeps_one_row_however_often_it_signs_in(
    client, session, terrys_phone
):
    device_token = terrys_phone
    for _ in range(3):
        device_token = log_in(client, "terry", PASSWORD, device_token).json()[
            "device_token"
        ]

    assert len(session.exec(select(KnownDevice)).all()) == 1


def test_another_users_device_token_counts_as_none(client, terrys_phone):
    register(client, "ann")
    anns_phone = log_in(client, "ann", PASSWORD).json()["device_token"]
    lock_out(client, "terry")

    response = log_in(client, "terry", PASSWORD, anns_phone)

    assert response.status_code == 429, response.text


def test_a_made_up_device_token_counts_as_none(client, terrys_phone):
    lock_out(client, "terry")

    response = log_in(client, "terry", PASSWORD, "made-up-" + terrys_phone)

    assert response.status_code == 429, response.text


def test_a_device_token_is_stored_only_as_its_sha256(client, session, terrys_phone):
    stored = session.exec(select(KnownDevice.token_hash)).all()

    assert stored == [hash_device_token(terrys_phone)]


def test_a_device_unused_for_90_days_counts_as_none(client, terrys_phone):
    with travel(days=KNOWN_DEVICE_LIFETIME.days, seconds=1):
        lock_out(client, "terry")

        response = log_in(client, "terry", PASSWORD, terrys_phone)

    assert response.status_code == 429, response.text


def test_a_login_prunes_devices_unused_for_90_days(client, session, terrys_phone):
    register(client, "ann")

    with travel(days=KNOWN_DEVICE_LIFETIME.days, seconds=1):
        log_in(client, "ann", PASSWORD)

    owners = session.exec(select(KnownDevice.user_id)).all()
    assert owners == [2]


def test_signing_out_everywhere_keeps_the_device_known(client, terrys_phone):
    # Signing out everywhere is what a user under attack does: it must not
    # hand the attacker the lock on every device they own.
    access_token = log_in(client, "terry", PASSWORD).json()["access_token"]
    client.post("/logout/all", headers={"Authorization": f"Bearer {access_token}"})
    lock_out(client, "terry")

    response = log_in(client, "terry", PASSWORD, terrys_phone)

    assert response.status_code == 200, response.text
