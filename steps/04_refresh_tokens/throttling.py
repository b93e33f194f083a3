"""Slowing down password guessing, one username or one known device at a time.

After FREE_FAILURES failed logins in a row, each further failure locks the
username for twice as long as the last, up to MAX_LOCK. An attacker then gets
about four guesses an hour: NIST SP 800-63B asks for no more than 100
consecutive failures, and at this pace 100 take over 20 hours.

A guesser who keeps that up keeps the username locked, so a login from a
device that has signed in as this user before is counted apart, under the
device (see known_devices.py): its owner still gets in, and the devices
already signed in keep refreshing their tokens meanwhile.

The counts live in the database, so that every worker sees the same ones, and
they are kept for any username, registered or not: otherwise a 429 would tell
which usernames exist.
"""

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, update

from models import USERNAME_CHARACTERS, KnownDevice, LoginAttempts

FREE_FAILURES = 5
MAX_LOCK = timedelta(minutes=15)

# A day without attempts, and a username starts afresh.
FORGET_AFTER = timedelta(days=1)


def lock_after(failures: int) -> timedelta:
    """How long the failures-th failure in a row locks the username."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    # Ten doublings already pass MAX_LOCK; stop there, before 2**n overflows.
    doublings = min(failures - FREE_FAILURES, 10)
    return min(timedelta(seconds=2**doublings), MAX_LOCK)


def attempt_key(username: str, device: KnownDevice | None) -> str | None:
    """The key a login is counted under: its known device's, else its username's.

    None for a username that can be nobody's, which needs no counting.
    """
    if device is not None:
        # ":" is in no username, so a device's key never meets a username's.
        return f"device:{device.id}"
    if 3 <= len(username) <= 32 and USERNAME_CHARACTERS.fullmatch(username):
        return username.lower()
    return None


def reserve_login_attempt(session: Session, key: str | None) -> int:
    """Count an attempt as failed before the password is checked. Commits.

    Returns 0 when the attempt may go ahead, else the seconds to wait. The
    count goes up in one compare-and-swap UPDATE: of many guesses sent at
    once, only as many go ahead as the count allows, however many workers
    serve them.
    """
    if key is None:
        return 0

    now = datetime.now(UTC)
    attempts = session.get(LoginAttempts, key)
    if attempts is None:
        session.add(LoginAttempts(key=key, failures=1, last_attempt_at=now))
        try:
            session.commit()
        except IntegrityError:
            # Another attempt under this name got there first: wait for it.
            session.rollback()
            return 1
        return 0

    if attempts.locked_until is not None and attempts.locked_until > now:
        return math.ceil((attempts.locked_until - now).total_seconds())

    stale = now - attempts.last_attempt_at > FORGET_AFTER
    failures = (0 if stale else attempts.failures) + 1
    reserved = session.exec(
        update(LoginAttempts)
        .where(
            LoginAttempts.key == key,
            LoginAttempts.failures == attempts.failures,
        )
        .values(
            failures=failures,
            locked_until=now + lock_after(failures),
            last_attempt_at=now,
        )
    )
    session.commit()
    return 0 if reserved.rowcount == 1 else 1


def forget_failed_logins(session: Session, key: str) -> None:
    """A login succeeded: its count starts again from zero. The caller commits."""
    session.exec(delete(LoginAttempts).where(LoginAttempts.key == key))


def prune_login_attempts(session: Session) -> None:
    """Forget usernames left alone for a day. The caller commits."""
    session.exec(
        delete(LoginAttempts).where(
            LoginAttempts.last_attempt_at < datetime.now(UTC) - FORGET_AFTER
        )
    )
