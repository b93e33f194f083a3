"""Registration and login."""

import logging

from fastapi import APIRouter, HTTPException, status
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func, select

from database import SessionDep
from models import (
    UNREADABLE_BODY,
    USERNAME_CHARACTERS,
    ErrorMessage,
    LoginRequest,
    User,
    UserCreate,
    UserPublic,
)
from passwords import hash_password, verify_password, verify_password_of_unknown_user

logger = logging.getLogger(__name__)

router = APIRouter()

# One answer for an unknown user and for a wrong password, so that a failed login
# does not tell anyone which usernames exist.
INCORRECT_CREDENTIALS = "Incorrect username or password"
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


@router.post("/login", responses=LOGIN_ERRORS)
def login(credentials: LoginRequest, session: SessionDep) -> UserPublic:
    """Check a username and password. This step answers with the user, no token."""
    user = find_user(session, credentials.username)
    if user is None:
        verify_password_of_unknown_user()
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=INCORRECT_CREDENTIALS)

    matches, new_hash = verify_password(credentials.password, user.password_hash)
    if not matches:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail=INCORRECT_CREDENTIALS)

    if new_hash is not None:
        # The stored hash was made with fewer rounds (or an older scheme): now that
        # we hold the password, store a hash made with today's settings.
        user.password_hash = new_hash
        session.add(user)
        session.commit()
        logger.info("Upgraded the password hash of user %s", user.id)

    return UserPublic.model_validate(user)
