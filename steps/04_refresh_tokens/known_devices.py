"""Device tokens: a device that has signed in is known at its next login.

Throttling by username alone lets anyone keep a user out: fail a login in
their name each time the lock passes, and the user never gets back in. So each
successful login hands the device a token, which it sends with its next login
(OWASP calls these device cookies). A login that brings a valid one is counted
apart from its username: the guesses of others, which lock the username, do not
lock out the devices its owner has used.

A device token is not a credential: a login that brings one still needs the
password. A stolen copy only buys a thief guesses of their own, throttled just
like the username's, and the device's next login replaces it.
"""

import secrets
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, delete, select

from models import KnownDevice, User

# Stored as refresh tokens are, by their SHA-256: both are 256 random bits,
# which no guessing can find, so a fast hash is enough and bcrypt would only
# slow every login down.
from refresh_tokens import hash_refresh_token as hash_device_token

# A device that has not signed in for this long is a stranger again. A client
# that never sends its token back (curl, Swagger UI) leaves a row per login,
# until this long has passed: no more rows than logins, which bcrypt paces.
KNOWN_DEVICE_LIFETIME = timedelta(days=90)


def find_known_device(
    session: Session, user: User | None, device_token: str | None
) -> KnownDevice | None:
    """The device this token names, if it signed in as this user before.

    None for no user or no token, a made-up or replaced token, another user's,
    or one that has lain unused past KNOWN_DEVICE_LIFETIME.
    """
    if user is None or device_token is None:
        return None

    statement = select(KnownDevice).where(
        KnownDevice.token_hash == hash_device_token(device_token),
        KnownDevice.user_id == user.id,
        KnownDevice.last_login_at > datetime.now(UTC) - KNOWN_DEVICE_LIFETIME,
    )
    return session.exec(statement).first()


def remember_device(session: Session, user_id: int, device: KnownDevice | None) -> str:
    """Give the device that just signed in a new token. The caller commits.

    A device seen for the first time is added; a known one gets a new token in
    place of the old, so that an old copy stops working. Returns the token,
    which exists nowhere else after.
    """
    token = secrets.token_urlsafe(32)
    if device is None:
        device = KnownDevice(user_id=user_id)

    device.token_hash = hash_device_token(token)
    device.last_login_at = datetime.now(UTC)
    session.add(device)
    return token


def prune_forgotten_devices(session: Session) -> None:
    """Delete devices that have not signed in for too long. The caller commits."""
    session.exec(
        delete(KnownDevice).where(
            KnownDevice.last_login_at <= datetime.now(UTC) - KNOWN_DEVICE_LIFETIME
        )
    )
