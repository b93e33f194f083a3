"""Fixtures for this step's tests, and the loader that lets all steps share a run.

Every step names its modules alike (main, models, ...) so that the diff between
two steps shows only the lesson. To run every step's suite in one pytest process,
this file imports this step's modules afresh and gives its tables a SQLAlchemy
registry of their own. Test modules then import them by name (`from main import
app`), as a learner would.
"""

import importlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import registry
from sqlmodel import Session, SQLModel

STEP_DIR = Path(__file__).resolve().parents[1]

# `workshop check` and instructors set this to run this suite against a copy of
# the step, such as a learner's workspace/01_passwords.
APP_DIR = Path(os.environ.get("WORKSHOP_APP_DIR", STEP_DIR)).resolve()

# Never the learner's own database: tests drop every table. TEST_DATABASE_URL
# runs the suite against another server, PostgreSQL say.
TEST_DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL",
    f"sqlite:///{(Path(tempfile.mkdtemp()) / 'test.db').as_posix()}",
)

TEST_ENVIRONMENT = {
    "DATABASE_URL": TEST_DATABASE_URL,
    # The lowest cost that still differs from bcrypt's minimum of 4, so that a
    # test can plant an older, cheaper hash.
    "BCRYPT_ROUNDS": "5",
    "CORS_ORIGINS": "http://localhost:8081, http://127.0.0.1:8081",
    # Tests sign and check tokens with this key; it guards nothing.
    "SECRET_KEY": "workshop-test-key-" + "0" * 46,
}


def import_step(app_dir: Path) -> registry:
    """Import the app in app_dir as top-level modules; return its table registry."""
    for module_file in app_dir.glob("*.py"):
        sys.modules.pop(module_file.stem, None)

    tables = registry()
    SQLModel._sa_registry = tables
    SQLModel.metadata = tables.metadata

    saved_environment = {name: os.environ.get(name) for name in TEST_ENVIRONMENT}
    os.environ.update(TEST_ENVIRONMENT)
    sys.path.insert(0, str(app_dir))
    try:
        importlib.import_module("main")
    finally:
        sys.path.remove(str(app_dir))
        for name, value in saved_environment.items():
            if value is None:
                del os.environ[name]
            else:
                os.environ[name] = value
    return tables


def load_this_step() -> None:
    """Import this step's modules, unless they are the ones loaded now.

    Given several step folders, pytest imports all their conftests before any
    test module, so this runs again before each of this step's test modules.
    """
    global STEP_TABLES, app, database
    loaded_main = sys.modules.get("main")
    if loaded_main is not None and Path(loaded_main.__file__).parent == APP_DIR:
        return

    STEP_TABLES = import_step(APP_DIR)
    database = sys.modules["database"]
    app = sys.modules["main"].app


load_this_step()


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.Module):
        load_this_step()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "exercise(name): the exercise region of the step this test checks"
    )


@pytest.fixture(autouse=True)
def empty_database(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give each test this step's tables, empty."""
    monkeypatch.setattr(SQLModel, "_sa_registry", STEP_TABLES)
    monkeypatch.setattr(SQLModel, "metadata", STEP_TABLES.metadata)
    SQLModel.metadata.drop_all(database.engine)
    SQLModel.metadata.create_all(database.engine)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def session() -> Iterator[Session]:
    """A database session of the test's own, to look at what the app stored."""
    with Session(database.engine) as session:
        yield session


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


TEST_KEY = TEST_ENVIRONMENT["SECRET_KEY"]
PASSWORD = "correct horse battery staple"


@pytest.fixture
def sign_up_and_in(client):
    """Register a user and log in; give back the headers that authenticate them."""

    def sign_up_and_in(username: str) -> dict[str, str]:
        client.post("/register", json={"username": username, "password": PASSWORD})
        response = client.post(
            "/token", data={"username": username, "password": PASSWORD}
        )
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    return sign_up_and_in


@pytest.fixture
def terry(sign_up_and_in) -> dict[str, str]:
    """Headers that authenticate the user terry."""
    return sign_up_and_in("terry")


@pytest.fixture
def ann(sign_up_and_in) -> dict[str, str]:
    """Headers that authenticate the user ann."""
    return sign_up_and_in("ann")
