"""A database that is down or locked: 503, nothing half-written, and recovery."""

import logging
import sqlite3
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlmodel import create_engine, select

import database
from models import RefreshToken
from refresh_tokens import hash_refresh_token

PASSWORD = "correct horse battery staple"


@pytest.fixture
def database_down(monkeypatch):
    """Point the app at a database file that cannot be opened, as if it were down."""
    missing_folder = Path(tempfile.gettempdir()) / "no-such-folder-for-the-workshop"
    unreachable = create_engine(f"sqlite:///{(missing_folder / 'app.db').as_posix()}")
    monkeypatch.setattr(database, "engine", unreachable)


@pytest.fixture
def failing_inserts_of_refresh_tokens():
    """Fail the statement that stores a new refresh token, mid-transaction.

    Gives back a function that ends the failure, as a database that recovers.
    """

    def fail_on_insert(connection, cursor, statement, parameters, context, many):
        if statement.startswith("INSERT INTO refreshtoken"):
            raise OperationalError(statement, parameters, Exception("disk I/O error"))

    def recover() -> None:
        if event.contains(database.engine, "before_cursor_execute", fail_on_insert):
            event.remove(database.engine, "before_cursor_execute", fail_on_insert)

    event.listen(database.engine, "before_cursor_execute", fail_on_insert)
    yield recover
    recover()


def test_a_request_while_the_database_is_down_answers_503(client, database_down):
    response = client.post(
        "/register", json={"username": "terry", "password": PASSWORD}
    )

    assert response.status_code == 503, response.text
    assert response.json() == {"detail": "Service temporarily unavailable"}


def test_a_503_tells_the_client_when_to_try_again(client, terry, database_down):
    response = client.get("/users/me", headers=terry)

    assert response.headers["Retry-After"] == "5"


def test_openapi_documents_the_503_on_every_route_but_health(client):
    schema = client.get("/openapi.json").json()

    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if path != "/health" and "503" not in operation["responses"]
    ]
    assert undocumented == []


def test_requests_succeed_again_once_the_database_is_back(client, monkeypatch):
    reachable = database.engine
    monkeypatch.setattr(database, "engine", create_engine("sqlite:////no/such.db"))
    client.post("/register", json={"username": "terry", "password": PASSWORD})
    monkeypatch.setattr(database, "engine", reachable)

    response = client.post(
        "/register", json={"username": "terry", "password": PASSWORD}
    )

    assert response.status_code == 201, response.text


def test_a_rotation_that_fails_half_way_leaves_the_old_token_unspent(
    client, terry_tokens, failing_inserts_of_refresh_tokens, session
):
    refresh_token = terry_tokens["refresh_token"]

    response = client.post("/token/refresh", data={"refresh_token": refresh_token})

    assert response.status_code == 503, response.text
    stored = session.exec(
        select(RefreshToken).where(
            RefreshToken.token_hash == hash_refresh_token(refresh_token)
        )
    ).one()
    assert stored.used_at is None


def test_a_token_whose_rotation_failed_can_be_spent_once_the_database_recovers(
    client, terry_tokens, failing_inserts_of_refresh_tokens
):
    refresh_token = terry_tokens["refresh_token"]
    client.post("/token/refresh", data={"refresh_token": refresh_token})
    failing_inserts_of_refresh_tokens()

    response = client.post("/token/refresh", data={"refresh_token": refresh_token})

    assert response.status_code == 200, response.text


def test_the_failure_is_logged_without_the_statement_or_its_parameters(
    client, terry_tokens, failing_inserts_of_refresh_tokens, caplog
):
    caplog.set_level(logging.ERROR)

    client.post("/token/refresh", data={"refresh_token": terry_tokens["refresh_token"]})

    assert [record.getMessage() for record in caplog.records] == [
        "Database unavailable during POST /token/refresh: disk I/O error"
    ]


@pytest.mark.skipif(
    database.engine.dialect.name != "sqlite", reason="locks a SQLite file"
)
def test_a_write_while_another_process_holds_the_lock_answers_503(client):
    database_file = database.engine.url.database
    other_process = sqlite3.connect(database_file, timeout=0)
    other_process.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post(
            "/register", json={"username": "terry", "password": PASSWORD}
        )
    finally:
        other_process.rollback()
        other_process.close()

    assert response.status_code == 503, response.text
