"""POST /register: who may register, and what is stored."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlmodel import Session, SQLModel

from models import User

PASSWORD = "correct horse battery staple"


def register(client: TestClient, username: str, password: str = PASSWORD):
    return client.post("/register", json={"username": username, "password": password})


def count_users(session: Session) -> int:
    return len(session.exec(select(User)).all())


def test_register_answers_201_with_the_new_user(client):
    response = register(client, "terry")

    assert response.status_code == 201, response.text
    assert response.json() == {"id": 1, "username": "terry"}


def test_register_keeps_the_username_as_typed(client):
    response = register(client, "Terry.Pratchett-1")

    assert response.json()["username"] == "Terry.Pratchett-1"


@pytest.mark.exercise("hashing")
def test_register_stores_a_bcrypt_hash_made_with_the_configured_rounds(client, session):
    register(client, "terry")

    user = session.exec(select(User)).scalar_one()
    assert user.password_hash.startswith("$2b$05$")


@pytest.mark.exercise("hashing")
def test_register_stores_the_password_nowhere(client, session):
    register(client, "terry")

    for table in SQLModel.metadata.sorted_tables:
        for row in session.connection().execute(table.select()):
            assert PASSWORD not in repr(tuple(row))


def test_register_logs_no_password(client, caplog):
    caplog.set_level("DEBUG")

    register(client, "terry")

    assert "Registered user 1" in caplog.text
    assert PASSWORD not in caplog.text


def test_register_refuses_a_taken_username_with_409(client):
    register(client, "terry")

    response = register(client, "terry")

    assert response.status_code == 409, response.text
    assert response.json() == {"detail": "Username already taken"}


def test_register_treats_usernames_differing_in_case_as_one(client, session):
    register(client, "Terry")

    response = register(client, "tERRY")

    assert response.status_code == 409, response.text
    assert count_users(session) == 1


@pytest.mark.parametrize(
    ("username", "message"),
    [
        # Too short and too long.
        ("ab", "at least 3 characters"),
        ("a" * 33, "at most 32 characters"),
        # Characters outside letters, digits, '_', '.' and '-'.
        ("terry pratchett", "only letters, digits"),
        ("terry@example.com", "only letters, digits"),
        # A Cyrillic letter that looks like a Latin "e".
        ("t\u0435rry", "only letters, digits"),
        ("terry\x00", "only letters, digits"),
    ],
)
def test_register_refuses_a_bad_username_with_422_saying_why(
    client, session, username, message
):
    response = register(client, username)

    assert response.status_code == 422, response.text
    assert message in response.json()["detail"][0]["msg"]
    assert count_users(session) == 0


def test_register_accepts_a_password_of_15_characters(client):
    response = register(client, "terry", "a" * 15)

    assert response.status_code == 201, response.text


def test_register_refuses_a_password_of_14_characters(client, session):
    response = register(client, "terry", "a" * 14)

    assert response.status_code == 422, response.text
    assert "at least 15 characters" in response.json()["detail"][0]["msg"]
    assert count_users(session) == 0


def test_register_accepts_a_password_of_exactly_72_bytes_in_multibyte_characters(
    client,
):
    password = "é" * 36  # 2 bytes each in UTF-8

    response = register(client, "terry", password)

    assert response.status_code == 201, response.text


def test_register_refuses_a_password_over_72_bytes_rather_than_truncate_it(
    client, session
):
    password = "é" * 36 + "a"  # 37 characters, 73 bytes

    response = register(client, "terry", password)

    assert response.status_code == 422, response.text
    assert "at most 72 bytes" in response.json()["detail"][0]["msg"]
    assert count_users(session) == 0


def test_register_refuses_a_password_with_a_nul_character(client, session):
    response = register(client, "terry", "correct horse\x00battery")

    assert response.status_code == 422, response.text
    assert "NUL" in response.json()["detail"][0]["msg"]
    assert count_users(session) == 0


@pytest.mark.parametrize(
    "body",
    [
        # Missing fields.
        b"{}",
        b'{"username": "terry"}',
        b'{"password": "correct horse battery staple"}',
        # Wrong types.
        b'{"username": 42, "password": "correct horse battery staple"}',
        b'{"username": "terry", "password": null}',
        b'{"username": ["terry"], "password": "correct horse battery staple"}',
        # Not a JSON object, or not JSON at all.
        b'["terry", "correct horse battery staple"]',
        b'{"username": "terry", "password": ',
        b"username=terry&password=correct+horse+battery+staple",
        b"",
        # 100 kB strings.
        b'{"username": "' + b"a" * 100_000 + b'", "password": "' + b"b" * 20 + b'"}',
        b'{"username": "terry", "password": "' + b"b" * 100_000 + b'"}',
    ],
)
def test_register_answers_bad_input_with_422_and_stores_nothing(client, session, body):
    response = client.post(
        "/register", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422, response.text
    assert count_users(session) == 0
