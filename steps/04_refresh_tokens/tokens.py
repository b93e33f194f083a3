"""Access tokens: JSON Web Tokens (RFC 7519) signed with HMAC-SHA256."""

from datetime import UTC, datetime, timedelta
from typing import Annotated

from jose import JWTError, jwt
from pydantic import BaseModel, Field, ValidationError

from database import MAX_ID
from settings import settings

# One algorithm, named here and nowhere else: read_access_token accepts exactly
# this one, so a token cannot choose how it is checked (RFC 8725 section 3.1).
ALGORITHM = "HS256"

ACCESS_TOKEN_LIFETIME = timedelta(minutes=settings.access_token_expire_minutes)


# --8<-- [start:access_token]
def create_access_token(user_id: int) -> str:
    """Sign a token that names the user and expires after ACCESS_TOKEN_LIFETIME."""
    # An aware time in UTC. datetime.utcnow() returns a naive time, which some
    # code reads as local time, and Python 3.12 deprecates it.
    issued_at = datetime.now(UTC)
    claims = {
        # The id, not the username: it stays the same if the user is renamed.
        # RFC 7519 wants a string here.
        "sub": str(user_id),
        "iat": issued_at,
        "exp": issued_at + ACCESS_TOKEN_LIFETIME,
    }
    return jwt.encode(claims, settings.secret_key.get_secret_value(), ALGORITHM)


# --8<-- [end:access_token]


class AccessTokenClaims(BaseModel):
    """The claims of an access token whose signature checked out."""

    # The user's id, which we sign as a string of digits, read back as a number
    # within the database's ids.
    sub: Annotated[int, Field(ge=1, le=MAX_ID)]
    iat: datetime
    exp: datetime

    @property
    def user_id(self) -> int:
        return self.sub


# --8<-- [start:read_access_token]
def read_access_token(token: str) -> AccessTokenClaims | None:
    """Check an access token's signature and claims; None if any check fails."""
    try:
        claims = jwt.decode(
            token,
            settings.secret_key.get_secret_value(),
            # Only the algorithm we sign with. A token must not pick how it is
            # checked: "none" would skip the signature (RFC 8725 section 2.1).
            algorithms=[ALGORITHM],
            # A token without an expiry would be valid forever.
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
        return AccessTokenClaims.model_validate(claims)
    except (JWTError, ValidationError):
        return None


# --8<-- [end:read_access_token]
