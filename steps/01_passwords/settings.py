"""Configuration from the environment, with defaults that need no set-up."""

from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Everything this step keeps on disk lives beside this file, so the app finds it
# whatever the current directory is when uvicorn starts.
STEP_DIR = Path(__file__).resolve().parent

RECOMMENDED_BCRYPT_ROUNDS = 12


class Settings(BaseSettings):
    """Read once at startup: from environment variables, then from a `.env` file."""

    model_config = SettingsConfigDict(env_file=STEP_DIR / ".env", extra="ignore")

    # Any SQLAlchemy URL works, e.g. postgresql+psycopg://user:pass@localhost/app.
    database_url: str = f"sqlite:///{(STEP_DIR / 'app.db').as_posix()}"

    # Each extra round doubles the cost of a hash, for us and for an attacker who
    # stole the database. bcrypt accepts 4 to 31; tests use a low value for speed.
    bcrypt_rounds: int = Field(default=RECOMMENDED_BCRYPT_ROUNDS, ge=4, le=31)

    # Web pages allowed to call the API from a browser, comma-separated, such as
    # Expo's web build: CORS_ORIGINS=http://localhost:8081. None by default:
    # only browsers enforce CORS, and a native app needs no entry here.
    cors_origins: Annotated[list[str], NoDecode] = []

    @field_validator("cors_origins", mode="before")
    @classmethod
    def split_on_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value


settings = Settings()
