"""Step 04: refresh tokens that rotate, and sign a stolen copy out.

Run it from the repository root:

    uvicorn main:app --reload --app-dir steps/04_refresh_tokens
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.exc import OperationalError

import auth
import notes
import users
from database import create_db_and_tables
from invalid_input import invalid_input
from settings import RECOMMENDED_BCRYPT_ROUNDS, settings
from unavailable import DATABASE_ERRORS, database_unavailable

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Uvicorn sets up only its own loggers; show this app's INFO lines too. This
    # does nothing where logging is already configured (by pytest, say).
    logging.basicConfig(
        level=logging.INFO, format="%(levelname)s:  %(name)s %(message)s"
    )

    if settings.bcrypt_rounds < RECOMMENDED_BCRYPT_ROUNDS:
        logger.warning(
            "BCRYPT_ROUNDS is %s: hashes are quick to crack; use %s or more "
            "outside tests",
            settings.bcrypt_rounds,
            RECOMMENDED_BCRYPT_ROUNDS,
        )
    create_db_and_tables()
    yield


app = FastAPI(title="Token auth workshop, step 04: refresh tokens", lifespan=lifespan)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Authorization", "Content-Type"],
)
app.add_exception_handler(RequestValidationError, invalid_input)
app.add_exception_handler(OperationalError, database_unavailable)
app.include_router(auth.router, responses=DATABASE_ERRORS)
app.include_router(users.router, responses=DATABASE_ERRORS)
app.include_router(notes.router, responses=DATABASE_ERRORS)


@app.get("/health")
def health() -> dict[str, str]:
    """Answer at once: a cheap request to see that the server is responsive."""
    return {"status": "ok"}
