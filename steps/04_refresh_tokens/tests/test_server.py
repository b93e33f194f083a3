"""How the server behaves as a whole: startup, and hashing off the event loop."""

import threading
from functools import partial

import anyio
import httpx2
import pytest
from fastapi.testclient import TestClient

import passwords
from main import app

PASSWORD = "correct horse battery staple"


def test_health_answers_ok(client):
    response = client.get("/health")

    assert response.status_code == 200, response.text
    assert response.json() == {"status": "ok"}


def test_startup_warns_when_bcrypt_rounds_are_below_12(caplog):
    # The suite runs with BCRYPT_ROUNDS=5.
    with TestClient(app):
        pass

    assert "BCRYPT_ROUNDS is 5" in caplog.text


@pytest.mark.anyio
async def test_a_login_that_is_hashing_leaves_other_requests_served(
    client, monkeypatch
):
    client.post("/register", json={"username": "terry", "password": PASSWORD})
    hashing_started = threading.Event()
    health_answered = threading.Event()
    waited_in_vain = []
    real_verify = passwords.password_context.verify_and_update

    def verify_until_health_answered(*args, **kwargs):
        # Hold this login inside its hash until /health has answered. Were the
        # login hashing on the event loop, /health could not answer meanwhile.
        hashing_started.set()
        waited_in_vain.append(not health_answered.wait(timeout=5))
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(
        passwords.password_context, "verify_and_update", verify_until_health_answered
    )
    transport = httpx2.ASGITransport(app=app)
    login_form = {"username": "terry", "password": PASSWORD}

    async with (
        httpx2.AsyncClient(transport=transport, base_url="http://app") as http,
        anyio.create_task_group() as requests,
    ):
        requests.start_soon(partial(http.post, "/token", data=login_form))
        await anyio.to_thread.run_sync(hashing_started.wait, 5)
        health = await http.get("/health")
        health_answered.set()

    assert health.status_code == 200, health.text
    assert waited_in_vain == [False]


def test_cors_allows_a_configured_origin(client):
    response = client.options(
        "/register",
        headers={
            "Origin": "http://localhost:8081",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )

    assert response.status_code == 200, response.text
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:8081"


def test_cors_refuses_any_other_origin(client):
    response = client.options(
        "/register",
        headers={
            "Origin": "http://evil.test",
            "Access-Control-Request-Method": "POST",
        },
    )

    assert "Access-Control-Allow-Origin" not in response.headers
