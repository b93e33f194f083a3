"""GET /users/me, and every way a bearer token is refused."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from jose import jwt
from sqlalchemy import select

from models import User

TEST_KEY = "workshop-test-key-" + "0" * 46
NOT_AUTHENTICATED = {"detail": "Not authenticated"}
INVALID = {"detail": "Could not validate credentials"}


def valid_claims(user_id: int = 1) -> dict:
    now = datetime.now(UTC)
    return {"sub": str(user_id), "iat": now, "exp": now + timedelta(minutes=5)}


def sign(claims: dict, key: str = TEST_KEY, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, key, algorithm=algorithm)


def without(claim: str) -> dict:
    claims = valid_claims()
    del claims[claim]
    return claims


def unsigned(claims: dict) -> str:
    """A token whose header says alg "none", and which carries no signature."""

    def encode(part: dict) -> str:
        raw = json.dumps(part, default=lambda time: int(time.timestamp())).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    return f"{encode({'alg': 'none', 'typ': 'JWT'})}.{encode(claims)}."


def with_payload_of(token: str, other_token: str) -> str:
    """token's header and signature around other_token's claims."""
    header, _, signature = token.split(".")
    return f"{header}.{other_token.split('.')[1]}.{signature}"


def me(client, headers: dict[str, str]):
    return client.get("/users/me", headers=headers)


@pytest.mark.exercise("current_user")
def test_me_answers_the_user_the_token_names(client, terry):
    response = me(client, terry)

    assert response.status_code == 200, response.text
    assert response.json() == {"id": 1, "username": "terry"}


@pytest.mark.exercise("read_access_token")
def test_me_accepts_a_token_signed_with_the_key_and_hs256(client, terry):
    response = me(client, {"Authorization": f"Bearer {sign(valid_claims())}"})

    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "headers",
    [
        # No Authorization header at all.
        {},
        # Another scheme.
        {"Authorization": "Basic dGVycnk6Y29ycmVjdCBob3JzZQ=="},
        # A bare token without its scheme.
        {"Authorization": "eyJhbGciOiJIUzI1NiJ9.e30.x"},
    ],
    ids=["no header", "basic scheme", "no scheme"],
)
def test_me_without_bearer_credentials_answers_401_not_authenticated(
    client, terry, headers
):
    response = me(client, headers)

    assert response.status_code == 401, response.text
    assert response.json() == NOT_AUTHENTICATED
    assert response.headers["WWW-Authenticate"] == "Bearer"


BAD_TOKENS = {
    "empty": lambda: "",
    "not a jwt": lambda: "not-a-jwt",
    "three dots of garbage": lambda: "a.b.c",
    "signed with another key": lambda: sign(valid_claims(), key="k" * 64),
    "alg none, unsigned": lambda: unsigned(valid_claims()),
    "alg HS512, with the right key": lambda: sign(valid_claims(), algorithm="HS512"),
    "alg HS384, with the right key": lambda: sign(valid_claims(), algorithm="HS384"),
    "claims swapped under a valid signature": lambda: with_payload_of(
        sign(valid_claims(1)), sign(valid_claims(2), key="k" * 64)
    ),
    "no sub": lambda: sign(without("sub")),
    "no exp": lambda: sign(without("exp")),
    "no iat": lambda: sign(without("iat")),
    "sub not a number": lambda: sign({**valid_claims(), "sub": "terry"}),
    "sub past the largest id": lambda: sign({**valid_claims(), "sub": "2147483648"}),
    "sub a number of 30 digits": lambda: sign({**valid_claims(), "sub": "9" * 30}),
    "sub zero": lambda: sign({**valid_claims(), "sub": "0"}),
    "sub of nobody": lambda: sign(valid_claims(user_id=404)),
    "iat not a time": lambda: sign({**valid_claims(), "iat": "yesterday"}),
}


@pytest.mark.exercise("read_access_token")
@pytest.mark.parametrize("make_token", BAD_TOKENS.values(), ids=BAD_TOKENS.keys())
def test_me_refuses_a_bad_token_with_one_invalid_token_answer(
    client, terry, make_token
):
    response = me(client, {"Authorization": f"Bearer {make_token()}"})

    assert response.status_code == 401, response.text
    assert response.json() == INVALID
    assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.exercise("read_access_token")
def test_me_refuses_a_token_once_it_has_expired(client, terry):
    later = datetime.now(UTC) + timedelta(minutes=31)

    with time_machine.travel(later, tick=False):
        response = me(client, terry)

    assert response.status_code == 401, response.text
    assert response.json() == INVALID


@pytest.mark.exercise("read_access_token")
def test_me_accepts_a_token_until_it_expires(client, terry):
    later = datetime.now(UTC) + timedelta(minutes=29)

    with time_machine.travel(later, tick=False):
        response = me(client, terry)

    assert response.status_code == 200, response.text


@pytest.mark.exercise("current_user")
def test_me_refuses_the_token_of_a_deleted_user(client, session, terry):
    session.delete(session.exec(select(User)).scalar_one())
    session.commit()

    response = me(client, terry)

    assert response.status_code == 401, response.text
    assert response.json() == INVALID


PROTECTED_ROUTES = [
    ("get", "/users/me"),
    ("get", "/notes"),
    ("post", "/notes"),
    ("get", "/notes/{note_id}"),
    ("delete", "/notes/{note_id}"),
]


@pytest.mark.parametrize(("method", "path"), PROTECTED_ROUTES)
def test_openapi_shows_that_the_route_needs_the_bearer_token(client, method, path):
    schema = client.get("/openapi.json").json()

    assert schema["paths"][path][method]["security"] == [{"OAuth2PasswordBearer": []}]


@pytest.mark.parametrize(
    ("method", "path"), [("post", "/register"), ("post", "/token")]
)
def test_openapi_shows_that_the_route_is_open(client, method, path):
    schema = client.get("/openapi.json").json()

    assert "security" not in schema["paths"][path][method]
