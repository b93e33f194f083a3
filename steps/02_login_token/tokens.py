"""Access tokens: JSON Web Tokens (RFC 7519) signed with HMAC-SHA256."""

from datetime import UTC, datetime, timedelta

from jose import jwt

from settings import settings

# One algorithm, named here and nowhere else: step 03 decodes with exactly this
# one, so a token cannot choose how it is checked (RFC 8725 section 3.1).
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
