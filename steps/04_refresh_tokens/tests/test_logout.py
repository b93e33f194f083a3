"""POST /logout signs one device out; POST /logout/all signs out every device."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from models import RefreshToken


def refresh(client, refresh_token: str):
    return client.post("/token/refresh", data={"refresh_token": refresh_token})


def logout(client, refresh_token: str):
    return client.post("/logout", data={"refresh_token": refresh_token})


def bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def one_second_later() -> datetime:
    return datetime.now(UTC) + timedelta(seconds=1)


@pytest.mark.exercise("logout")
def test_logout_answers_204_and_the_refresh_token_stops_working(client, terry_tokens):
    response = logout(client, terry_tokens["refresh_token"])

    assert response.status_code == 204, response.text
    assert refresh(client, terry_tokens["refresh_token"]).status_code == 401


@pytest.mark.exercise("logout")
def test_logout_with_a_rotated_token_revokes_its_successor(client, terry_tokens):
    successor = refresh(client, terry_tokens["refresh_token"]).json()

    logout(client, terry_tokens["refresh_token"])

    assert refresh(client, successor["refresh_token"]).status_code == 401


@pytest.mark.exercise("logout")
def test_logout_leaves_the_users_other_logins_signed_in(
    client, terry_tokens, tokens_for
):
    other_device = tokens_for("terry")

    logout(client, terry_tokens["refresh_token"])

    assert refresh(client, other_device["refresh_token"]).status_code == 200


def test_logout_with_an_unknown_token_answers_204_and_changes_nothing(
    client, session, terry_tokens
):
    response = logout(client, "never-issued-" + "x" * 40)

    assert response.status_code == 204, response.text
    assert set(session.exec(select(RefreshToken.revoked_at)).scalars()) == {None}


def test_logout_leaves_the_access_token_valid_until_it_expires(client, terry_tokens):
    logout(client, terry_tokens["refresh_token"])

    response = client.get("/users/me", headers=bearer(terry_tokens))

    assert response.status_code == 200, response.text


def test_logout_without_a_refresh_token_field_answers_422(client):
    response = client.post("/logout", data={})

    assert response.status_code == 422, response.text


@pytest.mark.exercise("logout")
def test_logout_all_answers_204_and_revokes_every_refresh_token_of_the_user(
    client, terry_tokens, tokens_for
):
    other_device = tokens_for("terry")

    response = client.post("/logout/all", headers=bearer(terry_tokens))

    assert response.status_code == 204, response.text
    assert refresh(client, terry_tokens["refresh_token"]).status_code == 401
    assert refresh(client, other_device["refresh_token"]).status_code == 401


@pytest.mark.exercise("logout")
def test_logout_all_voids_access_tokens_issued_before_it(
    client, terry_tokens, tokens_for
):
    other_device = tokens_for("terry")

    client.post("/logout/all", headers=bearer(terry_tokens))

    response = client.get("/users/me", headers=bearer(other_device))
    assert response.status_code == 401, response.text
    assert response.json() == {"detail": "Could not validate credentials"}


@pytest.mark.exercise("current_user")
def test_a_login_after_logout_all_works(client, terry_tokens, tokens_for):
    client.post("/logout/all", headers=bearer(terry_tokens))

    with time_machine.travel(one_second_later(), tick=False):
        fresh = tokens_for("terry")
        response = client.get("/users/me", headers=bearer(fresh))

    assert response.status_code == 200, response.text


@pytest.mark.exercise("logout")
def test_logout_all_leaves_other_users_signed_in(client, terry_tokens, sign_up_and_in):
    ann = sign_up_and_in("ann")

    client.post("/logout/all", headers=bearer(terry_tokens))

    assert client.get("/users/me", headers=ann).status_code == 200


def test_logout_all_without_a_token_answers_401(client):
    response = client.post("/logout/all")

    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"] == "Bearer"
