"""The database engine, table creation, and one session per request."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends
from sqlalchemy import DateTime, TypeDecorator, event, text
from sqlmodel import Session, SQLModel, create_engine

from settings import settings

engine = create_engine(settings.database_url)

# Ids are INTEGER columns: 32 bits in PostgreSQL. A larger number names no row,
# and would make the query itself fail.
MAX_ID = 2**31 - 1

# An arbitrary number that names our lock among PostgreSQL's advisory locks.
CREATE_TABLES_LOCK = 4_201_704

if engine.dialect.name == "sqlite":

    @event.listens_for(engine, "connect")
    def prepare_sqlite(dbapi_connection, connection_record) -> None:
        cursor = dbapi_connection.cursor()
        # Write-ahead log: readers no longer wait for a writer to finish, which
        # matters once several workers share the file.
        cursor.execute("PRAGMA journal_mode=WAL")
        # SQLite ignores foreign keys unless asked; PostgreSQL always checks them.
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def create_db_and_tables() -> None:
    """Create the tables that do not exist yet.

    Workers starting together would each find a table missing, then collide
    creating it. So each takes a lock first, and the later ones find the
    tables made.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": CREATE_TABLES_LOCK}
            )
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        SQLModel.metadata.create_all(connection)


def get_session() -> Iterator[Session]:
    # expire_on_commit=False: objects stay readable after a commit, so a route
    # can end its transaction early (before a slow bcrypt check) and go on.
    with Session(engine, expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


class UTCDateTime(TypeDecorator[datetime]):
    """A column for aware UTC times, in SQLite and PostgreSQL alike.

    SQLite keeps no time zone and gives back naive times; PostgreSQL converts
    through its session's zone. This stores UTC and always gives back UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("Naive datetime: use datetime.now(UTC), not utcnow()")
        return None if value is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
