"""Registration, and login in exchange for an access token."""

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from database import SessionDep
from models import (
    UNREADABLE_BODY,
    USERNAME_CHARACTERS,
    ErrorMessage,
    Token,
    User,
    UserCreate,
    UserPublic,
)
from passwords import hash_password, verify_password, verify_password_of_unknown_user
from tokens import ACCESS_TOKEN_LIFETIME, create_access_token

logger = logging.getLogger(__name__)

router = APIRouter()

USERNAME_TAKEN = "Username already taken"

# Every failure a route may answer with, for its OpenAPI schema: Swagger UI lists
# them, and so does any client generated from the schema, not only 2xx and 422.
REGISTER_ERRORS = {
    **UNREADABLE_BODY,
    status.HTTP_409_CONFLICT: {"model": ErrorMessage, "description": USERNAME_TAKEN},
}
LOGIN_ERRORS = {
    **UNREADABLE_BODY,
    status.HTTP_401_UNAUTHORIZED: {
        "model": ErrorMessage,
        "description": "Unknown username or wrong password: one answer for both",
    },
}


def incorrect_username_or_password() -> HTTPException:
    """The one answer to every failed login, whatever failed.

    The same words for an unknown user and a wrong password, so that a failed
    login does not tell anyone which usernames exist. A 401 names the scheme
    that would work, in WWW-Authenticate (RFC 9110 section 15.5.2).
    """
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Incorrect username or password",
        headers={"WWW-Authenticate": "Bearer"},
    )


def find_user(session: Session, username: str) -> User | None:
    """Look a user up by name, ignoring case as the unique index does."""
    # Registration allows only these characters, so a name with others is
    # nobody's. Asking would even fail on PostgreSQL for a name with NUL, which
    # it cannot hold in text.
    if not USERNAME_CHARACTERS.fullmatch(username):
        return None

    statement = select(User).where(func.lower(User.username) == func.lower(username))
    return session.exec(statement).first()


# These endpoints are plain `def`, not `async def`: FastAPI runs them in a thread
# pool, so a bcrypt computation (about 0.3 s at 12 rounds) holds one thread and
# not the event loop that serves every other request. bcrypt releases the GIL,
# so hashes on several threads also use several cores.
@router.post(
    "/register", status_code=status.HTTP_201_CREATED, responses=REGISTER_ERRORS
)
def register(user_in: UserCreate, session: SessionDep) -> UserPublic:
    """Create an account. Usernames are unique whatever their case."""
    if find_user(session, user_in.username) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=USERNAME_TAKEN)

    user = User(
        username=user_in.username, password_hash=hash_password(user_in.password)
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        # Another registration took the name between our check and our insert.
        raise HTTPException(status.HTTP_409_CONFLICT, detail=USERNAME_TAKEN) from None
    session.refresh(user)

    logger.info("Registered user %s", user.id)
    return UserPublic.model_validate(user)


# --8<-- [start:token_endpoint]
@router.post("/token", responses=LOGIN_ERRORS)
def login_for_access_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    response: Response,
) -> Token:
    """Log in with a username and password, form-encoded, for an access token.

    This is the wire format of OAuth 2.0's password grant (RFC 6749 section
    4.3), which Swagger UI's Authorize button speaks.
    """
    user = find_user(session, form.username)
    if user is None:
        verify_password_of_unknown_user()
        raise incorrect_username_or_password()

    matches, new_hash = verify_password(form.password, user.password_hash)
    if not matches:
        raise incorrect_username_or_password()

    if new_hash is not None:
        # The stored hash was made with fewer rounds (or an older scheme): now that
        # we hold the password, store a hash made with today's settings.
        user.password_hash = new_hash
        session.add(user)
        session.commit()
        logger.info("Upgraded the password hash of user %s", user.id)

    # RFC 6749 section 5.1: a response that carries a token must not be cached.
    response.headers["Cache-Control"] = "no-store"
    return Token(
        access_token=create_access_token(user.id),
        expires_in=int(ACCESS_TOKEN_LIFETIME.total_seconds()),
    )


# --8<-- [end:token_endpoint]
