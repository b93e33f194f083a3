"""Slowing down password guessing, one username at a time.

After FREE_FAILURES failed logins in a row, each further failure locks the
username for twice as long as the last, up to MAX_LOCK. An attacker then gets
about four guesses an hour; the owner waits at most MAX_LOCK, and the devices
already signed in keep refreshing their tokens meanwhile. NIST SP 800-63B
asks for no more than 100 consecutive failures; at this pace, 100 take over
20 hours.

The counts live in the database, so that every worker sees the same ones, and
they are kept for any username, registered or not: otherwise a 429 would tell
which usernames exist.
"""

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete, update

from models import USERNAME_CHARACTERS, LoginAttempts

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


def username_key(username: str) -> str | None:
    """The key a username is counted under; None if it can be nobody's."""
    if 3 <= len(username) <= 32 and USERNAME_CHARACTERS.fullmatch(username):
        return username.lower()
    return None


def reserve_login_attempt(session: Session, username: str) -> int:
    """Count an attempt as failed before the password is checked. Commits.

    Returns 0 when the attempt may go ahead, else the seconds to wait. The
    count goes up in one compare-and-swap UPDATE: of many guesses sent at
    once, only as many go ahead as the count allows, however many workers
    serve them.
    """
    key = username_key(username)
    if key is None:
        return 0

    now = datetime.now(UTC)
    attempts = session.get(LoginAttempts, key)
    if attempts is None:
        session.add(LoginAttempts(username_key=key, failures=1, last_attempt_at=now))
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
            LoginAttempts.username_key == key,
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


def forget_failed_logins(session: Session, username: str) -> None:
    """A login succeeded: the count starts again from zero. The caller commits."""
    session.exec(
        delete(LoginAttempts).where(
            LoginAttempts.username_key == username_key(username)
        )
    )


def prune_login_attempts(session: Session) -> None:
    """Forget usernames left alone for a day. The caller commits."""
    session.exec(
        delete(LoginAttempts).where(
            LoginAttempts.last_attempt_at < datetime.now(UTC) - FORGET_AFTER
        )
    )
