"""Who is calling: the user named by a valid bearer token, for any route to ask."""

from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer

from database import SessionDep
from models import ErrorMessage, User
from tokens import read_access_token

# Reads "Authorization: Bearer <token>". With no such header it answers 401 "Not
# authenticated" itself, without an error code: nothing was presented to be
# wrong (RFC 6750 section 3.1). The URLs tell Swagger UI where to log in and
# where to refresh.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", refreshUrl="token/refresh")


def invalid_token() -> HTTPException:
    """The one answer to a token that fails any check, whichever check failed.

    Saying which (expired? bad signature? unknown user?) would help an attacker
    more than an honest client, which reacts the same way to all of them: it
    refreshes its token or signs the user in again.
    """
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


# For the OpenAPI schema of every route that needs a signed-in user.
AUTHENTICATION_ERRORS = {
    status.HTTP_401_UNAUTHORIZED: {
        "model": ErrorMessage,
        "description": "No access token, or one that is invalid, expired or revoked",
    },
}


# --8<-- [start:current_user]
def get_current_user(
    token: Annotated[str, Depends(oauth2_scheme)], session: SessionDep
) -> User:
    """Authenticate the request: the user its bearer token names, or 401."""
    claims = read_access_token(token)
    if claims is None:
        raise invalid_token()

    # A valid signature is not enough: the account may have been deleted since.
    user = session.get(User, claims.user_id)
    if user is None:
        raise invalid_token()

    # "Sign out everywhere" voids the access tokens issued before it. Token
    # times are whole seconds: one issued in that same second is refused too,
    # the safe side of the doubt.
    if user.tokens_valid_after is not None and claims.iat < user.tokens_valid_after:
        raise invalid_token()

    return user


# --8<-- [end:current_user]

CurrentUser = Annotated[User, Depends(get_current_user)]
