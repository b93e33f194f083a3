"""POST /login: the right password lets you in, nothing else tells anything."""

import bcrypt
import pytest
from passlib.context import CryptContext
from sqlalchemy import select

from models import User

PASSWORD = "correct horse battery staple"
INCORRECT = {"detail": "Incorrect username or password"}


@pytest.fixture
def terry(client):
    response = client.post(
        "/register", json={"username": "Terry", "password": PASSWORD}
    )
    return response.json()


@pytest.fixture
def bcrypt_computations(monkeypatch) -> list[bytes]:
    """Record each bcrypt computation: passlib hashes and verifies through hashpw."""
    computed = []
    real_hashpw = bcrypt.hashpw

    def counting_hashpw(password: bytes, salt: bytes) -> bytes:
        computed.append(salt)
        return real_hashpw(password, salt)

    monkeypatch.setattr(bcrypt, "hashpw", counting_hashpw)
    return computed


def login(client, username: str, password: str):
    return client.post("/login", json={"username": username, "password": password})


@pytest.mark.exercise("hashing")
def test_login_with_the_right_password_answers_200_with_the_user(client, terry):
    response = login(client, "Terry", PASSWORD)

    assert response.status_code == 200, response.text
    assert response.json() == terry


def test_login_ignores_the_case_of_the_username(client, terry):
    response = login(client, "tERRY", PASSWORD)

    assert response.status_code == 200, response.text


@pytest.mark.exercise("hashing")
def test_login_with_a_wrong_password_answers_401(client, terry):
    response = login(client, "Terry", PASSWORD + "!")

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT


@pytest.mark.exercise("unknown_user")
def test_login_with_an_unknown_user_answers_401_like_a_wrong_password(client, terry):
    response = login(client, "nobody", PASSWORD)

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT


@pytest.mark.parametrize(
    "username",
    [
        # Characters no registration allows: nobody's name. PostgreSQL cannot
        # even compare text holding NUL, so asking it would fail with a 500.
        "ter\x00ry",
        "terry!",
        "térry",
    ],
)
def test_login_with_a_username_nobody_can_have_answers_401(client, terry, username):
    response = login(client, username, PASSWORD)

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT


@pytest.mark.exercise("unknown_user")
def test_login_with_an_unknown_user_costs_a_bcrypt_verification(
    client, terry, bcrypt_computations
):
    login(client, "nobody", PASSWORD)

    assert len(bcrypt_computations) >= 1


@pytest.mark.exercise("hashing")
@pytest.mark.parametrize(
    "password",
    [
        # Characters that a form-encoded body would garble if not encoded.
        "a&b+c=d%e f g h i j",
        # Spaces, leading and trailing included.
        "  spaces   inside and out  ",
        # Beyond ASCII.
        "pässwörd wïth ümlauts ünd ñ",
        "パスワードはとても長くて安全です",
        "emoji 🔐🔑 are characters too",
    ],
)
def test_login_accepts_the_registered_password_whatever_its_characters(
    client, password
):
    registered = client.post(
        "/register", json={"username": "terry", "password": password}
    )
    assert registered.status_code == 201, registered.text

    response = login(client, "terry", password)

    assert response.status_code == 200, response.text


@pytest.mark.exercise("hashing")
@pytest.mark.parametrize(
    "password",
    [
        # bcrypt would raise on these; no account can have them.
        "a" * 73,
        "a" * 100_000,
        "correct horse\x00battery",
    ],
)
def test_login_with_a_password_bcrypt_refuses_answers_401(client, terry, password):
    response = login(client, "Terry", password)

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT


@pytest.mark.exercise("hashing")
def test_login_refuses_the_72_byte_password_with_more_appended(client):
    # The attack on truncation: were only the first 72 bytes compared, these
    # extra characters would not matter.
    password = "é" * 36
    client.post("/register", json={"username": "terry", "password": password})

    response = login(client, "terry", password + "!")

    assert response.status_code == 401, response.text


def test_login_answers_a_missing_field_with_422(client, terry):
    response = client.post("/login", json={"username": "Terry"})

    assert response.status_code == 422, response.text


@pytest.mark.exercise("hashing")
def test_login_upgrades_a_hash_made_with_fewer_rounds(client, session):
    cheaper_hash = CryptContext(schemes=["bcrypt"], bcrypt__rounds=4).hash(PASSWORD)
    session.add(User(username="terry", password_hash=cheaper_hash))
    session.commit()

    login(client, "terry", PASSWORD)

    session.expire_all()
    user = session.exec(select(User)).scalar_one()
    assert user.password_hash.startswith("$2b$05$")
    assert login(client, "terry", PASSWORD).status_code == 200


@pytest.mark.exercise("hashing")
def test_login_keeps_a_hash_made_with_the_configured_rounds(client, session, terry):
    stored_hash = session.exec(select(User)).scalar_one().password_hash

    login(client, "Terry", PASSWORD)

    session.expire_all()
    assert session.exec(select(User)).scalar_one().password_hash == stored_hash
