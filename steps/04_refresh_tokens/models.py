"""The user table, and the shapes of the JSON the API reads and writes."""

import re
from datetime import UTC, datetime

from fastapi import status
from pydantic import field_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import Index, func
from sqlmodel import Field, SQLModel

from database import UTCDateTime
from passwords import BCRYPT_MAX_BYTES

USERNAME_CHARACTERS = re.compile(r"[A-Za-z0-9_.-]+")

# NIST SP 800-63B-4 asks for at least 15 characters when a password is the only
# factor, and no composition rules ("one digit, one symbol...").
PASSWORD_MIN_LENGTH = 15

NOTE_MAX_LENGTH = 10_000


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=32)
    password_hash: str = Field(max_length=255)
    # Set by "sign out everywhere": access tokens issued before it are refused
    # (OWASP ASVS 5.0, V7.4.1), though their signature and expiry are fine.
    tokens_valid_after: datetime | None = Field(default=None, sa_type=UTCDateTime)


# "Terry" and "terry" are one account. The database enforces it, so two
# registrations racing for the same name cannot both succeed.
Index("uq_user_username_lower", func.lower(User.username), unique=True)


class UserPublic(SQLModel):
    id: int
    username: str


class ErrorMessage(SQLModel):
    """The body of every error but 422, whose detail is a list of field errors."""

    detail: str


# FastAPI answers 400 by itself, before any route runs, to a body it cannot
# decode: JSON that is not UTF-8, a multipart form without its boundary. Every
# route that reads a body declares it.
UNREADABLE_BODY = {
    status.HTTP_400_BAD_REQUEST: {
        "model": ErrorMessage,
        "description": "The body could not be decoded",
    }
}

# On a 429 or a 503: how many seconds to wait before trying again (RFC 9110
# section 10.2.3). Required, so a client can rely on it.
RETRY_AFTER_HEADER = {
    "description": "Seconds to wait before trying again",
    "schema": {"type": "integer"},
    "required": True,
}


class UserCreate(SQLModel):
    username: str = Field(min_length=3, max_length=32)
    password: str = Field(min_length=PASSWORD_MIN_LENGTH)

    @field_validator("username")
    @classmethod
    def username_has_allowed_characters(cls, username: str) -> str:
        # ASCII only: look-alike letters from other scripts cannot impersonate
        # an existing user.
        if not USERNAME_CHARACTERS.fullmatch(username):
            raise PydanticCustomError(
                "username_characters",
                "Username may contain only letters, digits, '_', '.' and '-'",
            )
        return username

    @field_validator("password")
    @classmethod
    def password_fits_bcrypt(cls, password: str) -> str:
        # bcrypt reads 72 bytes and ignores the rest: refuse a longer password
        # rather than store one whose end does not count.
        size = len(password.encode())
        if size > BCRYPT_MAX_BYTES:
            raise PydanticCustomError(
                "password_too_long",
                "Password must be at most {limit} bytes in UTF-8; this one is "
                "{size} bytes",
                {"limit": BCRYPT_MAX_BYTES, "size": size},
            )
        if "\x00" in password:
            raise PydanticCustomError(
                "password_nul", "Password must not contain the NUL character"
            )
        return password


class RefreshToken(SQLModel, table=True):
    """One refresh token, known only by its SHA-256: the token itself is never
    stored, so a copy of the database signs nobody in."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    # Every token rotated from one login shares its family: a replay of any of
    # them revokes them all.
    family_id: str = Field(max_length=32, index=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    issued_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class KnownDevice(SQLModel, table=True):
    """A device that has signed in as a user, known by the SHA-256 of its token.

    Its failed logins are counted apart from its username's (see throttling.py).
    """

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    last_login_at: datetime = Field(sa_type=UTCDateTime, index=True)


class LoginAttempts(SQLModel, table=True):
    """Consecutive failed logins under one username, or from one known device."""

    # A username in lower case, as the unique index on users compares them,
    # registered or not; or "device:<id>" for a known device.
    key: str = Field(primary_key=True, max_length=32)
    failures: int = 0
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_attempt_at: datetime = Field(sa_type=UTCDateTime, index=True)


class Token(SQLModel):
    """A successful login or refresh, in the shape of RFC 6749 section 5.1."""

    access_token: str
    token_type: str = "bearer"  # noqa: S105  (a scheme name, not a secret)
    # Seconds until the access token expires, so a client need not decode it.
    expires_in: int
    # Spend it at POST /token/refresh for the next pair; it works only once.
    refresh_token: str


class LoginTokens(Token):
    """A successful login: the tokens, and this device's token for its next login."""

    # Sent back as the device_token field of the next login from this device,
    # so that the failures of others under this username do not lock it out.
    device_token: str


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="user.id", index=True)
    text: str = Field(max_length=NOTE_MAX_LENGTH)
    created_at: datetime = Field(
        default_factory=lambda: datetime.now(UTC), sa_type=UTCDateTime
    )


class NoteCreate(SQLModel):
    text: str = Field(min_length=1, max_length=NOTE_MAX_LENGTH)

    @field_validator("text")
    @classmethod
    def text_has_no_nul(cls, text: str) -> str:
        # PostgreSQL cannot store NUL in text; refuse it here with a 422 rather
        # than fail in the database with a 500.
        if "\x00" in text:
            raise PydanticCustomError(
                "text_nul", "Text must not contain the NUL character"
            )
        return text


class NotePublic(SQLModel):
    id: int
    text: str
    created_at: datetime
