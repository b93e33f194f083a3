"""Input that breaks a rule answers 422 with what was wrong, whatever it held."""

from fastapi import Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


def printable(text: str | bytes) -> str:
    """The text as valid UTF-8, with any byte or half character spelt out."""
    if isinstance(text, bytes):
        return text.decode("utf-8", errors="backslashreplace")
    return text.encode("utf-8", errors="backslashreplace").decode()


def invalid_input(request: Request, error: RequestValidationError) -> JSONResponse:
    """Answer 422 with FastAPI's list of errors, each echoing its input.

    FastAPI's own handler fails with a 500 on two inputs anyone can send: bytes
    that are not UTF-8 (a body sent as text/plain, say), and half of a UTF-16
    surrogate pair in a JSON string, both of which it tries to echo as UTF-8
    (github.com/fastapi/fastapi/issues/13111). Both are spelt out here instead.
    """
    errors = jsonable_encoder(
        error.errors(), custom_encoder={str: printable, bytes: printable}
    )
    return JSONResponse(
        {"detail": errors}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT
    )
