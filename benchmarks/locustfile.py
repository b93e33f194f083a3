"""Load and soak: users who sign up, keep notes, refresh and sign out, in a loop.

Run against step 04 on loopback, headless, for a bounded time:

    .venv/bin/locust -f benchmarks/locustfile.py --headless \\
        --host http://127.0.0.1:8000 --users 50 --spawn-rate 5 --run-time 30m \\
        --stop-timeout 10

Every answer a user does not expect counts as a failure, and Locust then exits
with 1: a 5xx, a 401 on a token the user has every reason to think valid, and,
when the run stops, a last refresh that no longer works.
"""

import uuid

from locust import HttpUser, between, task
from locust.clients import ResponseContextManager

PASSWORD = "correct horse battery staple"  # noqa: S105  (made-up users)


class WorkshopUser(HttpUser):
    """One person on one device, signed in with a pair of tokens."""

    wait_time = between(0.05, 0.2)

    def on_start(self) -> None:
        # Random names: users of every run share nothing, even a database.
        self.username = f"load_{uuid.uuid4().hex[:20]}"
        with self.client.post(
            "/register",
            json={"username": self.username, "password": PASSWORD},
            catch_response=True,
        ) as response:
            expect(response, 201)
        self.sign_in()

    def on_stop(self) -> None:
        # However the run ended, the device's last refresh token still works.
        self.refresh(name="/token/refresh (last)")

    def sign_in(self) -> None:
        with self.client.post(
            "/token",
            data={"username": self.username, "password": PASSWORD},
            catch_response=True,
        ) as response:
            if expect(response, 200):
                self.keep(response.json())

    def refresh(self, name: str = "/token/refresh") -> None:
        with self.client.post(
            "/token/refresh",
            data={"refresh_token": self.refresh_token},
            name=name,
            catch_response=True,
        ) as response:
            if expect(response, 200):
                self.keep(response.json())

    def keep(self, tokens: dict) -> None:
        self.refresh_token = tokens["refresh_token"]
        self.headers = {"Authorization": f"Bearer {tokens['access_token']}"}

    @task(4)
    def use_notes(self) -> None:
        with self.client.post(
            "/notes",
            json={"text": "buy milk"},
            headers=self.headers,
            catch_response=True,
        ) as response:
            if not expect(response, 201):
                return
            note_id = response.json()["id"]

        for method, status in (("GET", 200), ("DELETE", 204)):
            with self.client.request(
                method,
                f"/notes/{note_id}",
                headers=self.headers,
                name="/notes/{id}",
                catch_response=True,
            ) as response:
                expect(response, status)

        with self.client.get(
            "/notes", headers=self.headers, catch_response=True
        ) as response:
            expect(response, 200)

    @task(2)
    def read_own_account(self) -> None:
        with self.client.get(
            "/users/me", headers=self.headers, catch_response=True
        ) as response:
            expect(response, 200)

    @task(2)
    def refresh_tokens(self) -> None:
        self.refresh()

    @task(1)
    def sign_out_and_in_again(self) -> None:
        with self.client.post(
            "/logout", data={"refresh_token": self.refresh_token}, catch_response=True
        ) as response:
            expect(response, 204)
        self.sign_in()


def expect(response: ResponseContextManager, status: int) -> bool:
    """Mark the response a failure unless it has the status expected."""
    if response.status_code == status:
        response.success()
        return True

    response.failure(f"expected {status}, got {response.status_code}")
    return False
