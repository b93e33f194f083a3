"""Hashing and verifying passwords with bcrypt, through passlib's CryptContext."""

from passlib.context import CryptContext

from settings import settings

# bcrypt reads at most this many bytes of a password.
BCRYPT_MAX_BYTES = 72

# deprecated="auto" marks every scheme but the first as outdated, and a hash
# whose cost differs from bcrypt_rounds as due for renewal: verify_and_update
# then hands back a fresh hash to store.
password_context = CryptContext(
    schemes=["bcrypt"],
    deprecated="auto",
    bcrypt__rounds=settings.bcrypt_rounds,
)


def bcrypt_accepts(password: str) -> bool:
    """Tell whether bcrypt can hash this password: at most 72 bytes, no NUL."""
    return len(password.encode()) <= BCRYPT_MAX_BYTES and "\x00" not in password


# --8<-- [start:hashing]
def hash_password(password: str) -> str:
    """Hash a new password, which bcrypt_accepts must have allowed."""
    return password_context.hash(password)


def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """Check a password against its stored hash.

    Return whether it matches, and a new hash to store when the stored one was
    made with other settings (None otherwise).
    """
    if not bcrypt_accepts(password):
        # Such a password was never registered, so it cannot match. Spend a
        # verification anyway, to answer in the same time as for any other.
        password_context.dummy_verify()
        return False, None

    return password_context.verify_and_update(password, password_hash)


# --8<-- [end:hashing]


# --8<-- [start:unknown_user]
def verify_password_of_unknown_user() -> None:
    """Spend the time of one verification, for a username that does not exist.

    Answering an unknown username at once, and a wrong password only after a
    bcrypt verification, would let anyone time which usernames exist.
    """
    password_context.dummy_verify()


# --8<-- [end:unknown_user]
