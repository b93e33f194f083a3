"""Settings: defaults that need no set-up, and values checked at startup."""

import pytest
from pydantic import ValidationError

from settings import STEP_DIR, Settings


@pytest.fixture
def no_environment(monkeypatch):
    """Settings as a learner gets them with nothing configured."""
    for name in ("DATABASE_URL", "BCRYPT_ROUNDS", "CORS_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setitem(Settings.model_config, "env_file", None)


def test_default_database_is_a_sqlite_file_in_the_step_folder(no_environment):
    settings = Settings()

    assert settings.database_url == f"sqlite:///{(STEP_DIR / 'app.db').as_posix()}"


def test_default_bcrypt_rounds_are_12(no_environment):
    assert Settings().bcrypt_rounds == 12


@pytest.mark.parametrize("rounds", ["3", "32", "twelve"])
def test_bcrypt_rounds_outside_what_bcrypt_accepts_are_refused(
    no_environment, monkeypatch, rounds
):
    monkeypatch.setenv("BCRYPT_ROUNDS", rounds)

    with pytest.raises(ValidationError, match="bcrypt_rounds"):
        Settings()


def test_cors_is_closed_by_default(no_environment):
    assert Settings().cors_origins == []


def test_cors_origins_are_read_comma_separated(no_environment, monkeypatch):
    monkeypatch.setenv("CORS_ORIGINS", "http://localhost:8081, http://a.test")

    assert Settings().cors_origins == ["http://localhost:8081", "http://a.test"]
