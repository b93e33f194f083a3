"""Settings: defaults that need no set-up, and values checked at startup."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from pydantic import ValidationError

import settings as settings_module
from settings import STEP_DIR, Settings

NAMES = (
    "DATABASE_URL",
    "BCRYPT_ROUNDS",
    "CORS_ORIGINS",
    "SECRET_KEY",
    "ACCESS_TOKEN_EXPIRE_MINUTES",
)


@pytest.fixture
def key_file(tmp_path, monkeypatch):
    """Where the generated key goes: a temporary file, not the learner's."""
    path = tmp_path / ".secret_key"
    monkeypatch.setattr(settings_module, "SECRET_KEY_FILE", path)
    return path


@pytest.fixture
def no_environment(monkeypatch, key_file):
    """Settings as a learner gets them with nothing configured."""
    for name in NAMES:
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


def test_access_tokens_last_30_minutes_by_default(no_environment):
    assert Settings().access_token_expire_minutes == 30


def test_an_access_token_lifetime_of_zero_is_refused(no_environment, monkeypatch):
    monkeypatch.setenv("ACCESS_TOKEN_EXPIRE_MINUTES", "0")

    with pytest.raises(ValidationError, match="access_token_expire_minutes"):
        Settings()


def test_unset_secret_key_is_generated_and_kept_in_a_file(no_environment, key_file):
    settings = Settings()

    assert key_file.read_text() == settings.secret_key.get_secret_value()
    assert len(bytes.fromhex(key_file.read_text())) == 32


def test_generated_secret_key_survives_a_restart(no_environment):
    first_start = Settings()

    second_start = Settings()

    assert second_start.secret_key == first_start.secret_key


def test_generated_secret_keys_differ_from_one_laptop_to_the_next(
    no_environment, tmp_path, monkeypatch
):
    mine = Settings().secret_key
    monkeypatch.setattr(settings_module, "SECRET_KEY_FILE", tmp_path / "other")

    theirs = Settings().secret_key

    assert mine != theirs


def test_unset_secret_key_logs_one_warning_without_the_key(no_environment, caplog):
    settings = Settings()

    warnings = [record for record in caplog.records if record.levelname == "WARNING"]
    assert len(warnings) == 1
    assert "SECRET_KEY is not set" in warnings[0].getMessage()
    assert settings.secret_key.get_secret_value() not in caplog.text


def test_a_secret_key_from_the_environment_is_used_as_is(no_environment, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 32)

    assert Settings().secret_key.get_secret_value() == "k" * 32


def test_a_secret_key_of_31_bytes_is_refused_saying_how_to_make_one(
    no_environment, monkeypatch
):
    monkeypatch.setenv("SECRET_KEY", "short-and-guessable-key-1234567")

    with pytest.raises(ValidationError) as refusal:
        Settings()

    message = str(refusal.value)
    assert "SECRET_KEY is 31 bytes; use at least 32" in message
    assert "secrets.token_hex(32)" in message
    assert "short-and-guessable" not in message


def test_a_secret_key_never_shows_in_the_settings_repr(no_environment, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "k" * 32)

    assert "k" * 32 not in repr(Settings())


def test_a_key_file_too_short_to_be_a_key_is_refused(no_environment, key_file):
    key_file.write_text("")

    with pytest.raises(ValidationError, match="holds no usable key; delete it"):
        Settings()


def test_workers_starting_together_all_get_the_same_whole_key(no_environment):
    at_once = threading.Barrier(8)

    def start_a_worker(_: int) -> str:
        at_once.wait()
        return settings_module.load_or_create_secret_key()

    with ThreadPoolExecutor(max_workers=8) as pool:
        keys = set(pool.map(start_a_worker, range(8)))

    assert len(keys) == 1
    assert len(bytes.fromhex(keys.pop())) == 32
