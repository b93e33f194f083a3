"""POST /token: a username and password, form-encoded, for a signed access token."""

from datetime import UTC, datetime
from urllib.parse import urlencode

import bcrypt
import pytest
import time_machine
from jose import jwt
from passlib.context import CryptContext
from sqlalchemy import select

from models import User

PASSWORD = "correct horse battery staple"
TEST_KEY = "workshop-test-key-" + "0" * 46
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


def log_in(client, username: str, password: str):
    return client.post("/token", data={"username": username, "password": password})


def claims_of(response) -> dict:
    return jwt.decode(response.json()["access_token"], TEST_KEY, algorithms=["HS256"])


@pytest.mark.exercise("token_endpoint")
def test_token_with_the_right_password_answers_200_with_a_bearer_token(client, terry):
    response = log_in(client, "Terry", PASSWORD)

    assert response.status_code == 200, response.text
    assert response.json().keys() == {
        "access_token",
        "token_type",
        "expires_in",
        "refresh_token",
        "device_token",
    }
    assert response.json()["token_type"] == "bearer"


@pytest.mark.exercise("token_endpoint")
def test_token_response_must_not_be_cached(client, terry):
    response = log_in(client, "Terry", PASSWORD)

    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.exercise("token_endpoint")
def test_token_expires_in_the_configured_15_minutes(client, terry):
    response = log_in(client, "Terry", PASSWORD)

    assert response.json()["expires_in"] == 15 * 60


@pytest.mark.exercise("access_token")
def test_access_token_is_signed_with_hs256_and_the_secret_key(client, terry):
    response = log_in(client, "Terry", PASSWORD)

    token = response.json()["access_token"]
    assert jwt.get_unverified_header(token)["alg"] == "HS256"
    assert jwt.decode(token, TEST_KEY, algorithms=["HS256"])


@pytest.mark.exercise("access_token")
def test_access_token_names_the_user_by_id_as_a_string(client, terry):
    response = log_in(client, "Terry", PASSWORD)

    assert claims_of(response)["sub"] == str(terry["id"])


@pytest.mark.exercise("access_token")
def test_access_token_was_issued_now_in_utc(client, terry):
    now = datetime(2031, 5, 17, 9, 30, tzinfo=UTC)

    with time_machine.travel(now, tick=False):
        response = log_in(client, "Terry", PASSWORD)

    assert claims_of(response)["iat"] == int(now.timestamp())


@pytest.mark.exercise("access_token")
def test_access_token_expires_expires_in_seconds_after_it_was_issued(client, terry):
    response = log_in(client, "Terry", PASSWORD)

    claims = claims_of(response)
    assert claims["exp"] - claims["iat"] == response.json()["expires_in"]


def test_token_ignores_the_case_of_the_username(client, terry):
    response = log_in(client, "tERRY", PASSWORD)

    assert response.status_code == 200, response.text


def test_token_accepts_grant_type_password(client, terry):
    form = {"grant_type": "password", "username": "Terry", "password": PASSWORD}

    response = client.post("/token", data=form)

    assert response.status_code == 200, response.text


def test_token_refuses_another_grant_type_with_422(client, terry):
    form = {
        "grant_type": "client_credentials",
        "username": "Terry",
        "password": PASSWORD,
    }

    response = client.post("/token", data=form)

    assert response.status_code == 422, response.text


@pytest.mark.exercise("token_endpoint")
def test_token_with_a_wrong_password_answers_401_naming_the_bearer_scheme(
    client, terry
):
    response = log_in(client, "Terry", PASSWORD + "!")

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.exercise("token_endpoint")
def test_token_with_an_unknown_user_answers_exactly_like_a_wrong_password(
    client, terry
):
    wrong_password = log_in(client, "Terry", PASSWORD + "!")

    unknown_user = log_in(client, "nobody", PASSWORD)

    assert unknown_user.status_code == wrong_password.status_code == 401
    assert unknown_user.json() == wrong_password.json()
    assert unknown_user.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.exercise("token_endpoint")
def test_token_with_an_unknown_user_costs_a_bcrypt_verification(
    client, terry, bcrypt_computations
):
    log_in(client, "nobody", PASSWORD)

    assert len(bcrypt_computations) >= 1


def test_token_refuses_the_72_byte_password_with_more_appended(client):
    # The attack on truncation: were only the first 72 bytes compared, these
    # extra characters would not matter.
    password = "é" * 36
    client.post("/register", json={"username": "terry", "password": password})

    response = log_in(client, "terry", password + "!")

    assert response.status_code == 401, response.text


def test_token_refuses_a_json_body_with_422(client, terry):
    response = client.post("/token", json={"username": "Terry", "password": PASSWORD})

    assert response.status_code == 422, response.text


def test_token_answers_a_missing_field_with_422(client, terry):
    response = client.post("/token", data={"username": "Terry"})

    assert response.status_code == 422, response.text


def test_login_of_step_01_is_gone(client, terry):
    response = client.post("/login", json={"username": "Terry", "password": PASSWORD})

    assert response.status_code == 404, response.text


@pytest.mark.exercise("token_endpoint")
@pytest.mark.parametrize(
    "password",
    [
        # Characters that mean something in a form-encoded body.
        "a&b+c=d%e f g h i j",
        "%26%2B%3D%25 already looks encoded",
        # Spaces, leading and trailing included.
        "  spaces   inside and out  ",
        # Beyond ASCII.
        "pässwörd wïth ümlauts ünd ñ",
        "パスワードはとても長くて安全です",
        "emoji 🔐🔑 are characters too",
    ],
)
def test_token_accepts_the_registered_password_once_form_encoded(client, password):
    registered = client.post(
        "/register", json={"username": "terry", "password": password}
    )
    assert registered.status_code == 201, registered.text
    body = urlencode({"username": "terry", "password": password})

    response = client.post(
        "/token",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 200, response.text


def test_a_form_body_pasted_together_without_encoding_loses_the_password(client):
    password = "a&b+c=d%e f g h i j"
    client.post("/register", json={"username": "terry", "password": password})
    # The pitfall: "&" ends the field early, "+" turns into a space.
    body = f"username=terry&password={password}"

    response = client.post(
        "/token",
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )

    assert response.status_code == 401, response.text


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
def test_token_with_a_username_nobody_can_have_answers_401(client, terry, username):
    response = log_in(client, username, PASSWORD)

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT


@pytest.mark.parametrize(
    "password",
    [
        # bcrypt would raise on these; no account can have them.
        "a" * 73,
        "a" * 100_000,
        "correct horse\x00battery",
    ],
)
def test_token_with_a_password_bcrypt_refuses_answers_401(client, terry, password):
    response = log_in(client, "Terry", password)

    assert response.status_code == 401, response.text
    assert response.json() == INCORRECT


@pytest.mark.exercise("token_endpoint")
def test_token_upgrades_a_hash_made_with_fewer_rounds(client, session):
    cheaper_hash = CryptContext(schemes=["bcrypt"], bcrypt__rounds=4).hash(PASSWORD)
    session.add(User(username="terry", password_hash=cheaper_hash))
    session.commit()

    log_in(client, "terry", PASSWORD)

    assert log_in(client, "terry", PASSWORD).status_code == 200
    user = session.exec(select(User)).scalar_one()
    assert user.password_hash.startswith("$2b$05$")


def test_swagger_authorize_logs_in_through_token(client):
    schema = client.get("/openapi.json").json()

    scheme = schema["components"]["securitySchemes"]["OAuth2PasswordBearer"]
    assert scheme["flows"]["password"]["tokenUrl"] == "token"
