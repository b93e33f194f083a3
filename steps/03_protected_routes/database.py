"""The database engine, table creation, and one session per request."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends
from sqlalchemy import DateTime, TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from settings import settings

engine = create_engine(settings.database_url)

# Ids are INTEGER columns: 32 bits in PostgreSQL. A larger number names no row,
# and would make the query itself fail.
MAX_ID = 2**31 - 1


def create_db_and_tables() -> None:
    SQLModel.metadata.create_all(engine)


def get_session() -> Iterator[Session]:
    with Session(engine) as session:
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
