"""A database that is down or locked answers 503, not a 500 with a stack trace."""

import logging

from fastapi import Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError

from models import RETRY_AFTER_HEADER, ErrorMessage

logger = logging.getLogger(__name__)

# Seconds a client should wait before it tries again (RFC 9110 section 10.2.3):
# long enough for a restart or a held lock to pass, short enough to stay usable.
RETRY_AFTER_SECONDS = 5

# Declared on every route that reaches the database, for its OpenAPI schema.
DATABASE_ERRORS = {
    status.HTTP_503_SERVICE_UNAVAILABLE: {
        "model": ErrorMessage,
        "description": "The database is down or locked; nothing was stored",
        "headers": {"Retry-After": RETRY_AFTER_HEADER},
    },
}


def database_unavailable(request: Request, error: OperationalError) -> JSONResponse:
    """Answer 503 with Retry-After when the database cannot be reached or written.

    The session dependency rolls the request's transaction back as the error
    passes through it, so nothing is left half-written.
    """
    # The driver's message only: SQLAlchemy's own text adds the statement and
    # its parameters, which may be password or token hashes.
    reason = str(error.orig).splitlines()[0] if error.orig else type(error).__name__
    logger.error(
        "Database unavailable during %s %s: %s",
        request.method,
        request.url.path,
        reason,
    )

    # A generic answer: how our database failed is nobody else's business.
    return JSONResponse(
        {"detail": "Service temporarily unavailable"},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
