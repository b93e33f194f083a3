"""POST /token/refresh: rotation, replay detection, expiry, and storage."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select
from sqlmodel import SQLModel

from models import RefreshToken

INVALID_REFRESH = {"detail": "Invalid refresh token"}


def refresh(client, refresh_token: str):
    return client.post("/token/refresh", data={"refresh_token": refresh_token})


def bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def days_from_now(days: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


@pytest.mark.exercise("issue_refresh_token")
def test_login_returns_an_opaque_refresh_token(terry_tokens):
    refresh_token = terry_tokens["refresh_token"]

    # 32 random bytes in URL-safe base64; not a JWT, so never an access token.
    assert len(refresh_token) >= 43
    assert "." not in refresh_token


@pytest.mark.exercise("refresh_endpoint")
def test_refresh_answers_200_with_a_new_pair_of_tokens(client, terry_tokens):
    response = refresh(client, terry_tokens["refresh_token"])

    assert response.status_code == 200, response.text
    assert response.json()["token_type"] == "bearer"
    assert response.json()["expires_in"] == 15 * 60
    assert response.json()["refresh_token"] != terry_tokens["refresh_token"]


@pytest.mark.exercise("refresh_endpoint")
def test_refresh_response_must_not_be_cached(client, terry_tokens):
    response = refresh(client, terry_tokens["refresh_token"])

    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.exercise("refresh_endpoint")
def test_a_refreshed_access_token_opens_protected_routes(client, terry_tokens):
    refreshed = refresh(client, terry_tokens["refresh_token"]).json()

    response = client.get("/users/me", headers=bearer(refreshed))

    assert response.status_code == 200, response.text


def test_refresh_accepts_grant_type_refresh_token(client, terry_tokens):
    form = {
        "grant_type": "refresh_token",
        "refresh_token": terry_tokens["refresh_token"],
    }

    response = client.post("/token/refresh", data=form)

    assert response.status_code == 200, response.text


def test_refresh_refuses_another_grant_type_with_422(client, terry_tokens):
    form = {"grant_type": "password", "refresh_token": terry_tokens["refresh_token"]}

    response = client.post("/token/refresh", data=form)

    assert response.status_code == 422, response.text


@pytest.mark.exercise("rotate_refresh_token")
def test_a_refresh_token_works_only_once(client, terry_tokens):
    refresh(client, terry_tokens["refresh_token"])

    response = refresh(client, terry_tokens["refresh_token"])

    assert response.status_code == 401, response.text
    assert response.json() == INVALID_REFRESH
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.exercise("rotate_refresh_token")
def test_a_replayed_refresh_token_revokes_its_successor_too(client, terry_tokens):
    successor = refresh(client, terry_tokens["refresh_token"]).json()
    # The thief, or the victim, presents the spent token again.
    refresh(client, terry_tokens["refresh_token"])

    response = refresh(client, successor["refresh_token"])

    assert response.status_code == 401, response.text


@pytest.mark.exercise("rotate_refresh_token")
def test_a_replay_revokes_every_descendant_of_that_login(client, terry_tokens):
    first = terry_tokens["refresh_token"]
    second = refresh(client, first).json()["refresh_token"]
    third = refresh(client, second).json()["refresh_token"]

    refresh(client, first)

    assert refresh(client, third).status_code == 401


@pytest.mark.exercise("rotate_refresh_token")
def test_a_replay_leaves_the_users_other_logins_signed_in(
    client, terry_tokens, tokens_for
):
    other_device = tokens_for("terry")
    refresh(client, terry_tokens["refresh_token"])
    refresh(client, terry_tokens["refresh_token"])

    response = refresh(client, other_device["refresh_token"])

    assert response.status_code == 200, response.text


@pytest.mark.exercise("rotate_refresh_token")
def test_a_replay_is_logged_without_the_token(client, terry_tokens, caplog):
    refresh(client, terry_tokens["refresh_token"])

    refresh(client, terry_tokens["refresh_token"])

    assert "Refresh token replayed: revoked family" in caplog.text
    assert terry_tokens["refresh_token"] not in caplog.text


@pytest.mark.parametrize(
    "refresh_token",
    [
        # Never issued.
        "never-issued-" + "x" * 40,
        # Absurdly long.
        "x" * 100_000,
    ],
)
def test_an_unknown_refresh_token_answers_401(client, terry_tokens, refresh_token):
    response = refresh(client, refresh_token)

    assert response.status_code == 401, response.text
    assert response.json() == INVALID_REFRESH


def test_an_access_token_is_not_a_refresh_token(client, terry_tokens):
    response = refresh(client, terry_tokens["access_token"])

    assert response.status_code == 401, response.text


def test_a_refresh_token_is_not_an_access_token(client, terry_tokens):
    headers = {"Authorization": f"Bearer {terry_tokens['refresh_token']}"}

    response = client.get("/users/me", headers=headers)

    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # No refresh_token field.
        ("grant_type=refresh_token", "application/x-www-form-urlencoded"),
        ("", "application/x-www-form-urlencoded"),
        # JSON instead of a form.
        ('{"refresh_token": "abc"}', "application/json"),
    ],
)
def test_refresh_without_a_refresh_token_field_answers_422(client, body, content_type):
    response = client.post(
        "/token/refresh", content=body, headers={"Content-Type": content_type}
    )

    assert response.status_code == 422, response.text


@pytest.mark.exercise("rotate_refresh_token")
def test_a_refresh_token_still_works_29_days_after_its_issue(client, terry_tokens):
    with time_machine.travel(days_from_now(29), tick=False):
        response = refresh(client, terry_tokens["refresh_token"])

    assert response.status_code == 200, response.text


@pytest.mark.exercise("rotate_refresh_token")
def test_a_refresh_token_expires_30_days_after_its_issue(client, terry_tokens):
    with time_machine.travel(days_from_now(30) + timedelta(seconds=1), tick=False):
        response = refresh(client, terry_tokens["refresh_token"])

    assert response.status_code == 401, response.text


@pytest.mark.exercise("issue_refresh_token")
def test_a_user_active_within_30_days_stays_signed_in(client, terry_tokens):
    with time_machine.travel(days_from_now(20), tick=False):
        refreshed = refresh(client, terry_tokens["refresh_token"]).json()

    with time_machine.travel(days_from_now(45), tick=False):
        response = refresh(client, refreshed["refresh_token"])

    assert response.status_code == 200, response.text


@pytest.mark.exercise("issue_refresh_token")
def test_the_database_holds_no_refresh_token_only_its_sha256(
    client, session, terry_tokens
):
    refreshed = refresh(client, terry_tokens["refresh_token"]).json()
    issued = [terry_tokens["refresh_token"], refreshed["refresh_token"]]

    stored = []
    for table in SQLModel.metadata.sorted_tables:
        stored += [
            repr(tuple(row)) for row in session.connection().execute(table.select())
        ]
    for token in issued:
        assert not any(token in row for row in stored)
    hashes = set(session.exec(select(RefreshToken.token_hash)).scalars())
    assert {hashlib.sha256(token.encode()).hexdigest() for token in issued} <= hashes


def test_login_prunes_refresh_tokens_that_have_expired(
    client, session, terry_tokens, tokens_for
):
    with time_machine.travel(days_from_now(31), tick=False):
        tokens_for("terry")

    rows = session.exec(select(RefreshToken)).scalars().all()
    assert len(rows) == 1


def test_login_keeps_spent_tokens_until_they_expire(
    client, session, terry_tokens, tokens_for
):
    spent = terry_tokens["refresh_token"]
    refresh(client, spent)

    tokens_for("terry")

    spent_hash = hashlib.sha256(spent.encode()).hexdigest()
    row = session.exec(
        select(RefreshToken).where(RefreshToken.token_hash == spent_hash)
    ).scalar_one()
    assert row.used_at is not None


def test_swagger_knows_where_to_refresh(client):
    schema = client.get("/openapi.json").json()

    flow = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]
    assert flow["password"]["refreshUrl"] == "token/refresh"
