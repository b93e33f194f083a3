"""Registration, login for a pair of tokens, refresh, and logout."""

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from database import SessionDep
from dependencies import AUTHENTICATION_ERRORS, CurrentUser
from known_devices import find_known_device, prune_forgotten_devices, remember_device
from models import (
    RETRY_AFTER_HEADER,
    UNREADABLE_BODY,
    USERNAME_CHARACTERS,
    ErrorMessage,
    LoginTokens,
    Token,
    User,
    UserCreate,
    UserPublic,
)
from passwords import hash_password, verify_password, verify_password_of_unknown_user
from refresh_tokens import (
    issue_refresh_token,
    prune_expired_refresh_tokens,
    revoke_every_family_of,
    revoke_token_family,
    rotate_refresh_token,
)
from throttling import (
    attempt_key,
    forget_failed_logins,
    prune_login_attempts,
    reserve_login_attempt,
)
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
    status.HTTP_429_TOO_MANY_REQUESTS: {
        "model": ErrorMessage,
        "description": "Too many failed logins in a row under this username",
        "headers": {"Retry-After": RETRY_AFTER_HEADER},
    },
}
REFRESH_ERRORS = {
    **UNREADABLE_BODY,
    status.HTTP_401_UNAUTHORIZED: {
        "model": ErrorMessage,
        "description": "Unknown, expired, spent or revoked refresh token",
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


def too_many_failed_logins(retry_after: int) -> HTTPException:
    """The answer while a username is locked, registered or not."""
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        detail="Too many failed logins; try again later",
        headers={"Retry-After": str(retry_after)},
    )


def invalid_refresh_token() -> HTTPException:
    """The one answer to a refresh token that cannot be spent, whatever the cause.

    Unknown, expired, revoked or replayed: the client does the same for each,
    signs the user in again, and an attacker learns nothing.
    """
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        detail="Invalid refresh token",
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


def token_response(response: Response, user_id: int, refresh_token: str) -> Token:
    """A new access token beside the given refresh token, never to be cached."""
    # RFC 6749 section 5.1: a response that carries a token must not be cached.
    response.headers["Cache-Control"] = "no-store"
    return Token(
        access_token=create_access_token(user_id),
        expires_in=int(ACCESS_TOKEN_LIFETIME.total_seconds()),
        refresh_token=refresh_token,
    )


# These endpoints are plain `def`, not `async def`: FastAPI runs them in a thread
# pool, so a bcrypt computation (about 0.3 s at 12 rounds) holds one thread and
# not the event loop that serves every other request. bcrypt releases the GIL,
# so hashes on several threads also use several cores.
@router.post(
    "/register", status_code=status.HTTP_201_CREATED, responses=REGISTER_ERRORS
)
def register(user_in: UserCreate, session: SessionDep) -> UserPublic:
    """Create an account. Usernames are unique whatever their case."""
    # Hash before the first query: no transaction, connection or database lock
    # is held while bcrypt works, and other requests get them meanwhile.
    password_hash = hash_password(user_in.password)

    if find_user(session, user_in.username) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=USERNAME_TAKEN)

    user = User(username=user_in.username, password_hash=password_hash)
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
    device_token: Annotated[str | None, Form()] = None,
) -> LoginTokens:
    """Log in with a username and password, form-encoded, for a pair of tokens.

    This is the wire format of OAuth 2.0's password grant (RFC 6749 section
    4.3), which Swagger UI's Authorize button speaks. A device sends back the
    `device_token` of its last login here, so that others guessing this
    user's password cannot lock it out.
    """
    user = find_user(session, form.username)
    device = find_known_device(session, user, device_token)
    # Counted before any bcrypt work, so a locked username or device costs no
    # hashing; and counted whether the user exists or not, so a 429 tells nothing.
    counted_as = attempt_key(form.username, device)
    retry_after = reserve_login_attempt(session, counted_as)
    if retry_after:
        raise too_many_failed_logins(retry_after)

    # End the transaction before bcrypt, so that no connection or database lock
    # is held during it; the user's fields stay readable.
    session.commit()
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
        logger.info("Upgraded the password hash of user %s", user.id)

    forget_failed_logins(session, counted_as)
    # Each login starts a new family of refresh tokens: one per device.
    refresh_token = issue_refresh_token(session, user.id)
    new_device_token = remember_device(session, user.id, device)
    # Expired rows can do nothing any more; sweep them as logins come.
    prune_expired_refresh_tokens(session)
    prune_login_attempts(session)
    prune_forgotten_devices(session)
    session.commit()

    tokens = token_response(response, user.id, refresh_token)
    return LoginTokens(**tokens.model_dump(), device_token=new_device_token)


# --8<-- [end:token_endpoint]


# --8<-- [start:refresh_endpoint]
@router.post("/token/refresh", responses=REFRESH_ERRORS)
def refresh_access_token(
    refresh_token: Annotated[str, Form()],
    session: SessionDep,
    response: Response,
    grant_type: Annotated[str | None, Form(pattern="^refresh_token$")] = None,
) -> Token:
    """Spend a refresh token for a new access token and a new refresh token.

    Form-encoded, as in RFC 6749 section 6. Each refresh token works once:
    presenting one again signs out the login it came from, on every device
    that shares it.
    """
    rotated = rotate_refresh_token(session, refresh_token)
    if rotated is None:
        raise invalid_refresh_token()

    user_id, successor = rotated
    return token_response(response, user_id, successor)


# --8<-- [end:refresh_endpoint]


# --8<-- [start:logout]
@router.post(
    "/logout", status_code=status.HTTP_204_NO_CONTENT, responses=UNREADABLE_BODY
)
def logout(refresh_token: Annotated[str, Form()], session: SessionDep) -> None:
    """Sign this device out: revoke its refresh token and the family it is of.

    Answers 204 for any token, ours or not (RFC 7009 section 2.2), so the
    answer tells nothing. The access token lives on until it expires.
    """
    revoke_token_family(session, refresh_token)


@router.post(
    "/logout/all",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=AUTHENTICATION_ERRORS,
)
def logout_everywhere(user: CurrentUser, session: SessionDep) -> None:
    """Sign out every device: revoke every refresh token and access token."""
    revoke_every_family_of(session, user.id)
    user.tokens_valid_after = datetime.now(UTC)
    session.add(user)
    session.commit()

    logger.info("Signed user %s out everywhere", user.id)


# --8<-- [end:logout]
