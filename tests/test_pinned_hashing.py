"""The pinned passlib and bcrypt work together, as the README promises.

passlib 1.7.4, the last release of the original project, breaks on today's
bcrypt: with bcrypt 5 every hash raises ValueError, and with bcrypt 4.1 to 4.3
the first hash logs a trapped AttributeError about `bcrypt.__about__`. Each
step imports passlib from libpass, its maintained fork; these tests fail if a
pin ever brings the broken pair back.
"""

import subprocess
import sys

# Run in a fresh interpreter: passlib loads its bcrypt backend once per
# process, and only that first load logs the trapped error.
HASH_AND_VERIFY = """
import logging
logging.basicConfig(level=logging.DEBUG)

from passlib.context import CryptContext

context = CryptContext(schemes=["bcrypt"], bcrypt__rounds=4)
password_hash = context.hash("correct horse battery staple")
print(context.verify("correct horse battery staple", password_hash))
"""


def hash_in_a_fresh_interpreter() -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  (this interpreter, our own script)
        [sys.executable, "-c", HASH_AND_VERIFY],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_passlib_hashes_and_verifies_with_the_pinned_bcrypt():
    run = hash_in_a_fresh_interpreter()

    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"


def test_loading_the_bcrypt_backend_logs_no_trapped_error():
    run = hash_in_a_fresh_interpreter()

    assert "Traceback" not in run.stderr, run.stderr
    assert "__about__" not in run.stderr, run.stderr
