"""Notes: authenticated with the token, authorized by ownership."""

from datetime import datetime

import pytest
from sqlalchemy import select

from models import Note

NOT_FOUND = {"detail": "Note not found"}


def add_note(client, headers, text: str = "buy milk"):
    return client.post("/notes", json={"text": text}, headers=headers)


def count_notes(session) -> int:
    return len(session.exec(select(Note)).all())


@pytest.mark.exercise("protected_routes")
def test_adding_a_note_answers_201_with_it(client, terry):
    response = add_note(client, terry, "buy milk")

    assert response.status_code == 201, response.text
    assert response.json()["id"] == 1
    assert response.json()["text"] == "buy milk"


@pytest.mark.exercise("protected_routes")
def test_a_note_tells_when_it_was_made_in_utc(client, terry):
    response = add_note(client, terry)

    created_at = datetime.fromisoformat(response.json()["created_at"])
    assert created_at.utcoffset().total_seconds() == 0


@pytest.mark.exercise("protected_routes")
def test_listing_notes_shows_your_own_oldest_first(client, terry):
    add_note(client, terry, "first")
    add_note(client, terry, "second")

    response = client.get("/notes", headers=terry)

    assert response.status_code == 200, response.text
    assert [note["text"] for note in response.json()] == ["first", "second"]


@pytest.mark.exercise("protected_routes")
def test_listing_notes_never_shows_another_users(client, terry, ann):
    add_note(client, terry, "terry's secret")

    response = client.get("/notes", headers=ann)

    assert response.json() == []


@pytest.mark.exercise("protected_routes")
def test_reading_your_note_answers_200(client, terry):
    note = add_note(client, terry).json()

    response = client.get(f"/notes/{note['id']}", headers=terry)

    assert response.status_code == 200, response.text
    assert response.json() == note


@pytest.mark.exercise("protected_routes")
def test_reading_another_users_note_answers_404_as_if_it_did_not_exist(
    client, terry, ann
):
    note = add_note(client, terry).json()

    response = client.get(f"/notes/{note['id']}", headers=ann)

    assert response.status_code == 404, response.text
    assert response.json() == NOT_FOUND


@pytest.mark.exercise("protected_routes")
def test_deleting_your_note_answers_204_and_removes_it(client, session, terry):
    note = add_note(client, terry).json()

    response = client.delete(f"/notes/{note['id']}", headers=terry)

    assert response.status_code == 204, response.text
    assert count_notes(session) == 0


@pytest.mark.exercise("protected_routes")
def test_deleting_another_users_note_answers_404_and_keeps_it(
    client, session, terry, ann
):
    note = add_note(client, terry).json()

    response = client.delete(f"/notes/{note['id']}", headers=ann)

    assert response.status_code == 404, response.text
    assert count_notes(session) == 1


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("note_id", ["404", "2147483647"])
def test_a_note_id_that_names_no_note_answers_404(client, terry, method, note_id):
    response = client.request(method, f"/notes/{note_id}", headers=terry)

    assert response.status_code == 404, response.text


@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize(
    "note_id",
    [
        # Not integers.
        "abc",
        "1.5",
        "1e3",
        # Integers no note can have.
        "0",
        "-1",
        "2147483648",
        "9223372036854775808",
        "9" * 100,
    ],
)
def test_a_note_id_that_cannot_be_an_id_answers_422(client, terry, method, note_id):
    response = client.request(method, f"/notes/{note_id}", headers=terry)

    assert response.status_code == 422, response.text


def test_a_note_of_10000_characters_is_accepted(client, terry):
    response = add_note(client, terry, "a" * 10_000)

    assert response.status_code == 201, response.text


@pytest.mark.parametrize(
    "body",
    [
        # Empty, too long, and a character the database cannot store.
        {"text": ""},
        {"text": "a" * 10_001},
        {"text": "before\x00after"},
        # Missing, or of the wrong type.
        {},
        {"text": None},
        {"text": 42},
        {"text": ["buy milk"]},
    ],
)
def test_a_bad_note_answers_422_and_stores_nothing(client, session, terry, body):
    response = client.post("/notes", json=body, headers=terry)

    assert response.status_code == 422, response.text
    assert count_notes(session) == 0


def test_a_note_body_that_is_not_json_answers_422(client, session, terry):
    response = client.post(
        "/notes",
        content=b'{"text": "unfinished',
        headers={**terry, "Content-Type": "application/json"},
    )

    assert response.status_code == 422, response.text
    assert count_notes(session) == 0


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/notes"),
        ("post", "/notes"),
        ("get", "/notes/1"),
        ("delete", "/notes/1"),
    ],
)
def test_every_notes_route_answers_401_without_a_token(client, method, path):
    response = client.request(method, path, json={"text": "hello"})

    assert response.status_code == 401, response.text
    assert response.headers["WWW-Authenticate"] == "Bearer"
