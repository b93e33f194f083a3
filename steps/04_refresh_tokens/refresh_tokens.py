"""Refresh tokens: opaque, stored hashed, rotated on use, revoked by family.

RFC 9700 (OAuth 2.0 Security Best Current Practice) section 4.14: a refresh
token that works only once turns a stolen copy into an alarm. Whoever presents
it second, thief or victim, shows that it was copied, and the whole family of
tokens from that login is revoked.
"""

import hashlib
import logging
import secrets
import uuid
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, delete, select, update

from models import RefreshToken
from settings import settings

logger = logging.getLogger(__name__)

# Each token lives this long from its own issue, so a login lasts as long as
# its user keeps coming back: there is no absolute limit. A policy that wants
# the password again every N days would keep the family's first issue time and
# refuse to rotate past it.
REFRESH_TOKEN_LIFETIME = timedelta(days=settings.refresh_token_expire_days)


def hash_refresh_token(token: str) -> str:
    """The SHA-256 of a token, as stored and looked up.

    A fast hash is enough here, unlike for passwords: the token is 256 random
    bits, which no amount of guessing can find.
    """
    return hashlib.sha256(token.encode()).hexdigest()


# --8<-- [start:issue_refresh_token]
def issue_refresh_token(
    session: Session, user_id: int, family_id: str | None = None
) -> str:
    """Store a new refresh token, of a new family unless one is given.

    The caller commits. Returns the token, which exists nowhere else after.
    """
    token = secrets.token_urlsafe(32)
    issued_at = datetime.now(UTC)
    session.add(
        RefreshToken(
            token_hash=hash_refresh_token(token),
            family_id=family_id or uuid.uuid4().hex,
            user_id=user_id,
            issued_at=issued_at,
            expires_at=issued_at + REFRESH_TOKEN_LIFETIME,
        )
    )
    return token


# --8<-- [end:issue_refresh_token]


# --8<-- [start:rotate_refresh_token]
def rotate_refresh_token(session: Session, token: str) -> tuple[int, str] | None:
    """Spend a refresh token for its successor: (user id, new token), or None.

    None for a token that is unknown, expired, revoked or already spent. A
    spent one is a replay, and revokes its whole family. Commits.
    """
    now = datetime.now(UTC)
    token_hash = hash_refresh_token(token)

    # One conditional UPDATE spends the token. Of twenty requests racing with
    # the same token, the database lets exactly one change the row: that
    # request alone sees a row count of 1. A Python lock could not do this
    # across workers or machines.
    spent = session.exec(
        update(RefreshToken)
        .where(
            RefreshToken.token_hash == token_hash,
            RefreshToken.used_at.is_(None),
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at > now,
        )
        .values(used_at=now)
    )
    stored = session.exec(
        select(RefreshToken).where(RefreshToken.token_hash == token_hash)
    ).first()

    if spent.rowcount != 1:
        if stored is not None and stored.used_at is not None:
            revoke_family(session, stored.family_id)
            logger.warning(
                "Refresh token replayed: revoked family %s of user %s",
                stored.family_id,
                stored.user_id,
            )
        session.commit()
        return None

    successor = issue_refresh_token(session, stored.user_id, stored.family_id)
    session.commit()
    return stored.user_id, successor


def revoke_family(session: Session, family_id: str) -> None:
    """Revoke every live token of one login. The caller commits."""
    session.exec(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


# --8<-- [end:rotate_refresh_token]


def revoke_token_family(session: Session, token: str) -> None:
    """Revoke the family of this token, if it is one of ours. Commits."""
    stored = session.exec(
        select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(token))
    ).first()
    if stored is not None:
        revoke_family(session, stored.family_id)
    session.commit()


def revoke_every_family_of(session: Session, user_id: int) -> None:
    """Revoke every refresh token of a user. The caller commits."""
    session.exec(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=datetime.now(UTC))
    )


def prune_expired_refresh_tokens(session: Session) -> int:
    """Delete the rows of expired tokens, which can do nothing any more.

    Spent and revoked tokens stay until they expire: a replay of one must still
    be recognised. Returns how many rows went. The caller commits.
    """
    pruned = session.exec(
        delete(RefreshToken).where(RefreshToken.expires_at <= datetime.now(UTC))
    )
    return pruned.rowcount
