"""Fixtures shared by the workshop-wide tests."""

import os
import secrets
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, make_url, text

from tests.workshop_support import Terminal, private_layout


@pytest.fixture
def layout(tmp_path):
    """A workshop layout of the test's own: its own workspace and progress."""
    return private_layout(tmp_path)


@pytest.fixture
def terminal(monkeypatch):
    return Terminal(monkeypatch)


@pytest.fixture
def environment(tmp_path) -> dict[str, str]:
    """What a step runs with under uvicorn in these tests."""
    return {
        "DATABASE_URL": f"sqlite:///{(tmp_path / 'app.db').as_posix()}",
        "BCRYPT_ROUNDS": "4",
        "SECRET_KEY": "workshop-test-key-" + "0" * 46,
    }


@pytest.fixture
def postgres_database_url() -> Iterator[str]:
    """A new, empty database on the TEST_POSTGRES_URL server, dropped afterwards.

    Each test gets its own, so that the tables of one step never meet another's.
    """
    server_url = os.environ.get("TEST_POSTGRES_URL")
    if not server_url:
        pytest.skip("TEST_POSTGRES_URL is not set: no PostgreSQL server to use")

    name = f"workshop_{secrets.token_hex(6)}"
    server = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(server_url)
            .set(database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with server.connect() as connection:
            # FORCE: a server under test may still hold a pooled connection.
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()
