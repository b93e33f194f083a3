"""The anti-pattern, measured and never taught: step 04 with its login `async def`.

An `async def` route runs on the event loop itself. This one calls step 04's
login, bcrypt included, right there: while it hashes, the loop serves nobody,
not even GET /health. Everything else is step 04 unchanged.

Start it with step 04 on the import path, as the benchmark does:

    PYTHONPATH=steps/04_refresh_tokens uvicorn blocking_login:app --app-dir benchmarks
"""

from typing import Annotated

from fastapi import Depends, Response
from fastapi.security import OAuth2PasswordRequestForm

import auth
from database import SessionDep
from models import Token

# Take step 04's login off its router, and put the `async def` one in its place,
# before main.py includes the router in the app.
auth.router.routes = [
    route for route in auth.router.routes if getattr(route, "path", None) != "/token"
]


@auth.router.post("/token")
async def login_on_the_event_loop(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    response: Response,
) -> Token:
    return auth.login_for_access_token(form, session, response)


from main import app  # noqa: E402  (after the router is changed)

__all__ = ["app"]
