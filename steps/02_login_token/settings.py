"""Configuration from the environment, with defaults that need no set-up."""

import logging
import os
import secrets
import tempfile
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

logger = logging.getLogger(__name__)

# Everything this step keeps on disk lives beside this file, so the app finds it
# whatever the current directory is when uvicorn starts.
STEP_DIR = Path(__file__).resolve().parent

RECOMMENDED_BCRYPT_ROUNDS = 12

# Where the app keeps the key it makes when SECRET_KEY is unset (git-ignored).
SECRET_KEY_FILE = STEP_DIR / ".secret_key"

# RFC 7518 section 3.2: an HS256 key must be at least as long as the hash, 256 bits.
MIN_SECRET_KEY_BYTES = 32
MAKE_A_KEY = 'python -c "import secrets; print(secrets.token_hex(32))"'


class Settings(BaseSettings):
    """Read once at startup: from environment variables, then from a `.env` file."""

    # A rejected SECRET_KEY must not end up in the error message, or in a log.
    model_config = SettingsConfigDict(
        env_file=STEP_DIR / ".env", extra="ignore", hide_input_in_errors=True
    )

    # Any SQLAlchemy URL works, e.g. postgresql+psycopg://user:pass@localhost/app.
    database_url: str = f"sqlite:///{(STEP_DIR / 'app.db').as_posix()}"

    # Each extra round doubles the cost of a hash, for us and for an attacker who
    # stole the database. bcrypt accepts 4 to 31; tests use a low value for speed.
    bcrypt_rounds: int = Field(default=RECOMMENDED_BCRYPT_ROUNDS, ge=4, le=31)

    # Web pages allowed to call the API from a browser, comma-separated, such as
    # Expo's web build: CORS_ORIGINS=http://localhost:8081. None by default:
    # only browsers enforce CORS, and a native app needs no entry here.
    cors_origins: Annotated[list[str], NoDecode] = []

    # Signs every token: whoever knows it can sign in as anyone. SecretStr keeps
    # it out of repr() and so out of tracebacks and logs.
    secret_key: SecretStr | None = None

    # A leaked access token works until it expires: keep this short.
    access_token_expire_minutes: int = Field(default=30, gt=0)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_on_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("secret_key")
    @classmethod
    def secret_key_is_long_enough(cls, key: SecretStr | None) -> SecretStr | None:
        if key is not None:
            size = len(key.get_secret_value().encode())
            if size < MIN_SECRET_KEY_BYTES:
                raise ValueError(
                    f"SECRET_KEY is {size} bytes; use at least "
                    f"{MIN_SECRET_KEY_BYTES}, e.g. {MAKE_A_KEY}"
                )
        return key

    @model_validator(mode="after")
    def secret_key_from_file_when_unset(self) -> "Settings":
        if self.secret_key is None:
            self.secret_key = SecretStr(load_or_create_secret_key())
        return self


def load_or_create_secret_key() -> str:
    """Read this laptop's key from SECRET_KEY_FILE, making it on first use.

    A key made afresh at each start would sign everyone out at every reload.
    """
    if not SECRET_KEY_FILE.exists():
        create_secret_key_file()
    key = SECRET_KEY_FILE.read_text().strip()
    if len(key.encode()) < MIN_SECRET_KEY_BYTES:
        raise ValueError(
            f"{SECRET_KEY_FILE} holds no usable key; delete it, and the next "
            "start makes a new one"
        )

    logger.warning(
        "SECRET_KEY is not set: signing tokens with the key kept in %s. Fine on a "
        "laptop; in production set SECRET_KEY, e.g. from %s",
        SECRET_KEY_FILE,
        MAKE_A_KEY,
    )
    return key


def create_secret_key_file() -> None:
    """Write a new random key to SECRET_KEY_FILE, unless another process does.

    The key is written whole under a name of its own, then linked into place:
    of workers starting together, exactly one link succeeds, and none can read
    a half-written file.
    """
    # mkstemp makes a file only this user may read (on POSIX systems).
    descriptor, draft = tempfile.mkstemp(
        dir=SECRET_KEY_FILE.parent, prefix=f"{SECRET_KEY_FILE.name}."
    )
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(secrets.token_hex(MIN_SECRET_KEY_BYTES))
    try:
        os.link(draft, SECRET_KEY_FILE)
    except FileExistsError:
        pass  # Another worker's key is in place: everyone uses that one.
    finally:
        os.unlink(draft)


settings = Settings()
