"""Input of any kind that breaks the rules answers 422, never 500, storing nothing.

FastAPI echoes each invalid input back in its 422. Two inputs used to break
that echo into a 500: bytes that are not UTF-8, and a JSON string holding half
of a UTF-16 surrogate pair.
"""

from sqlalchemy import select

from models import User

JSON = {"Content-Type": "application/json"}

# A lone surrogate, written as JSON allows: "\ud800" on its own.
LONE_SURROGATE_PASSWORD = b'{"username": "terry", "password": "correct \\ud800 staple"}'

# Bytes that are not UTF-8, in a body that does not claim to be JSON.
NOT_UTF8 = b"\xff\xfe\xfd"


def count_users(session) -> int:
    return len(session.exec(select(User)).all())


def test_a_lone_surrogate_in_a_registration_answers_422(client):
    response = client.post("/register", content=LONE_SURROGATE_PASSWORD, headers=JSON)

    assert response.status_code == 422, response.text


def test_the_422_spells_the_lone_surrogate_out(client):
    response = client.post("/register", content=LONE_SURROGATE_PASSWORD, headers=JSON)

    assert response.json()["detail"][0]["input"] == "correct \\ud800 staple"


def test_a_registration_with_a_lone_surrogate_stores_nobody(client, session):
    client.post("/register", content=LONE_SURROGATE_PASSWORD, headers=JSON)

    assert count_users(session) == 0


def test_a_body_of_bytes_that_are_not_utf8_answers_422(client):
    response = client.post(
        "/register", content=NOT_UTF8, headers={"Content-Type": "text/plain"}
    )

    assert response.status_code == 422, response.text


def test_the_422_spells_the_bytes_out(client):
    response = client.post(
        "/register", content=NOT_UTF8, headers={"Content-Type": "text/plain"}
    )

    assert response.json()["detail"][0]["input"] == "\\xff\\xfe\\xfd"
