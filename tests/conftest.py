"""Fixtures shared by the workshop-wide tests."""

import pytest

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
