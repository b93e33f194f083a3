"""Step 02: logging in returns a signed access token.

Run it from the repository root:

    uvicorn main:app --reload --app-dir steps/02_login_token
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.security import OAuth2PasswordBearer

import auth
from database import create_db_and_tables
from invalid_input import invalid_input
from settings import RECOMMENDED_BCRYPT_ROUNDS, settings

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


app = FastAPI(title="Token auth workshop, step 02: login token", lifespan=lifespan)
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.cors_origins,
    allow_methods=["GET", "POST", "DELETE"],
    allow_headers=["Authorization", "Content-Type"],
)
app.add_exception_handler(RequestValidationError, invalid_input)
app.include_router(auth.router)


@app.get("/health")
def health() -> dict[str, str]:
    """Answer at once: a cheap request to see that the server is responsive."""
    return {"status": "ok"}


def openapi_with_login() -> dict[str, Any]:
    """The OpenAPI schema, with the login scheme that Swagger's Authorize uses.

    FastAPI lists a security scheme once a route depends on it. No route does
    yet (that is step 03), so add the scheme here: Swagger UI can then log in
    through /token and show the token it got.
    """
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
        login_scheme = OAuth2PasswordBearer(tokenUrl="token").model
        schema.setdefault("components", {})["securitySchemes"] = {
            "OAuth2PasswordBearer": login_scheme.model_dump(
                mode="json", by_alias=True, exclude_none=True
            )
        }
        app.openapi_schema = schema
    return app.openapi_schema


app.openapi = openapi_with_login
