"""Measure the steps under uvicorn, as learners start them, and print one table.

    make bench        # or: .venv/bin/python -m benchmarks.run

Every figure is a ratio of two measurements taken in the same run, on the same
machine, so that a slow or busy machine does not decide it. The table is also
written into docs/benchmarks.md, with the machine it ran on.
"""

import asyncio
import statistics
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx2

from benchmarks.machine import Machine, bcrypt_verification_seconds, this_machine
from benchmarks.report import Ratio, print_table, write_into_page
from benchmarks.traffic import (
    Send,
    answers_per_second,
    client_for,
    probe_latencies_during,
    seconds_to_send,
)
from tests.servers import ROOT, running_server

STEP = "steps/04_refresh_tokens"
PAGE = ROOT / "docs" / "benchmarks.md"

# What production uses, so that the login figures are the ones users will see.
BCRYPT_ROUNDS = 12

PASSWORD = "correct horse battery staple"  # noqa: S105  (made-up users)

# Logins hashing at once during the burst, and clients of the cheap routes.
CONCURRENCY = 16

# Logins each of those clients sends in a burst, one after another.
LOGINS_EACH = 2

USERNAMES = [f"user_{number}" for number in range(CONCURRENCY)]

# Seconds of each timed measurement.
IDLE_SECONDS = 3.0
ROUTE_SECONDS = 4.0

# Bursts of logins behind each login throughput figure. A shared machine's
# cores change speed from minute to minute, and one burst can land on a slow one.
LOGIN_ROUNDS = 3


@contextmanager
def step_04(*uvicorn_options: str, anti_pattern: bool = False) -> Iterator[str]:
    """Start step 04 on loopback with a fresh database; yield its base URL.

    With anti_pattern, its login is the `async def` of benchmarks/blocking_login.
    """
    with tempfile.TemporaryDirectory() as folder:
        environment = {
            "DATABASE_URL": f"sqlite:///{(Path(folder) / 'app.db').as_posix()}",
            "BCRYPT_ROUNDS": str(BCRYPT_ROUNDS),
            # Signs the benchmark's own tokens, which guard nothing.
            "SECRET_KEY": "benchmark-key-" + "0" * 50,
        }
        arguments = ["main:app", "--app-dir", STEP]
        if anti_pattern:
            environment["PYTHONPATH"] = str(ROOT / STEP)
            arguments = ["blocking_login:app", "--app-dir", "benchmarks"]
        with running_server([*arguments, *uvicorn_options], ROOT, environment) as url:
            yield url


async def register_everyone(client: httpx2.AsyncClient) -> None:
    await asyncio.gather(
        *(
            client.post("/register", json={"username": name, "password": PASSWORD})
            for name in USERNAMES
        )
    )


async def log_in(client: httpx2.AsyncClient, username: str) -> dict:
    """Log a registered user in once; the token response."""
    response = await client.post(
        "/token", data={"username": username, "password": PASSWORD}
    )
    response.raise_for_status()
    return response.json()


def logins(client: httpx2.AsyncClient) -> list[Send]:
    """One client per user, each logging its own user in, one login at a time."""
    # Not one username for all: step 04 throttles logins per username, and
    # refuses logins of one username sent at the same instant (429).

    def logs_in(username: str) -> Send:
        return lambda: client.post(
            "/token", data={"username": username, "password": PASSWORD}
        )

    return [logs_in(name) for name in USERNAMES]


def gets(
    client: httpx2.AsyncClient, path: str, headers: dict | None = None
) -> list[Send]:
    def get():
        return client.get(path, headers=headers)

    return [get] * CONCURRENCY


def refresh_chain(client: httpx2.AsyncClient, refresh_token: str) -> Send:
    """A device that spends each refresh token for the next, one after another."""

    async def refresh() -> httpx2.Response:
        nonlocal refresh_token
        response = await client.post(
            "/token/refresh", data={"refresh_token": refresh_token}
        )
        if response.is_success:
            refresh_token = response.json()["refresh_token"]
        return response

    return refresh


def median_and_p99(latencies: list[float]) -> tuple[float, float]:
    return statistics.median(latencies), statistics.quantiles(latencies, n=100)[98]


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


async def logins_per_second(client: httpx2.AsyncClient) -> float:
    """Logins answered per second while CONCURRENCY of them hash at once."""
    elapsed = await seconds_to_send(logins(client), LOGINS_EACH)
    return CONCURRENCY * LOGINS_EACH / elapsed


def machine_limit(cores: int) -> float:
    """Logins per second if every core verified passwords and did nothing else.

    Measured afresh around each burst: on a shared machine the speed of a core
    drifts within minutes, and the ratio must compare like with like.
    """
    return cores / bcrypt_verification_seconds(BCRYPT_ROUNDS)


async def login_throughput(client: httpx2.AsyncClient, setup: str, cores: int) -> Ratio:
    """Login throughput against the machine's limit: the median of several rounds.

    Each round's limit is measured just before and just after its burst, and
    their mean taken, so that a core slowing down mid-burst counts on both sides.
    """
    rounds = []
    for _ in range(LOGIN_ROUNDS):
        limit_before = machine_limit(cores)
        rate = await logins_per_second(client)
        limit = statistics.mean([limit_before, machine_limit(cores)])
        rounds.append((rate / limit, rate, limit))

    ratio, rate, limit = statistics.median_low(rounds)
    lowest, highest = min(rounds)[0], max(rounds)[0]
    return Ratio(
        "Login throughput / machine's limit",
        setup,
        f"{rate:.2f} logins/s (median of {LOGIN_ROUNDS} rounds, "
        f"ratios {lowest:.2f} to {highest:.2f})",
        f"{limit:.2f} logins/s",
        ratio,
    )


async def event_loop_health(client: httpx2.AsyncClient, setup: str) -> list[Ratio]:
    """GET /health latency idle, then while a burst of logins hashes."""
    idle, _ = await probe_latencies_during(
        client, "/health", asyncio.sleep(IDLE_SECONDS)
    )
    burst, _ = await probe_latencies_during(
        client, "/health", logins_per_second(client)
    )
    idle_median, idle_p99 = median_and_p99(idle)
    burst_median, burst_p99 = median_and_p99(burst)

    during = f"during {CONCURRENCY} concurrent logins"
    return [
        Ratio(
            "GET /health median latency, busy / idle",
            setup,
            f"{milliseconds(burst_median)} {during}",
            f"{milliseconds(idle_median)} idle",
            burst_median / idle_median,
        ),
        Ratio(
            "GET /health p99 latency, busy / idle",
            setup,
            f"{milliseconds(burst_p99)} {during}",
            f"{milliseconds(idle_p99)} idle",
            burst_p99 / idle_p99,
        ),
    ]


async def route_costs(client: httpx2.AsyncClient, setup: str) -> list[Ratio]:
    """Requests per second of a protected route and of refresh, against /health."""
    families = await asyncio.gather(*(log_in(client, name) for name in USERNAMES))
    bearer = {"Authorization": f"Bearer {families[0]['access_token']}"}

    health = await answers_per_second(gets(client, "/health"), ROUTE_SECONDS)
    users_me = await answers_per_second(
        gets(client, "/users/me", bearer), ROUTE_SECONDS
    )
    refreshes = await answers_per_second(
        [refresh_chain(client, tokens["refresh_token"]) for tokens in families],
        ROUTE_SECONDS,
    )

    unauthenticated = f"{health:.0f} req/s GET /health"
    return [
        Ratio(
            "Protected route: GET /users/me / GET /health",
            setup,
            f"{users_me:.0f} req/s",
            unauthenticated,
            users_me / health,
        ),
        Ratio(
            "Refresh with its database write / GET /health",
            setup,
            f"{refreshes:.0f} rotations/s",
            unauthenticated,
            refreshes / health,
        ),
    ]


async def measure(machine: Machine) -> list[Ratio]:
    one_worker = "step 04, --workers 1"
    all_cores = f"step 04, --workers {machine.cores}"
    anti_pattern = "ANTI-PATTERN: async def login, --workers 1"

    with step_04("--workers", "1") as url:
        async with client_for(url) as client:
            await register_everyone(client)
            ratios = [await login_throughput(client, one_worker, machine.cores)]
            ratios += await event_loop_health(client, one_worker)
            ratios += await route_costs(client, one_worker)

    with step_04("--workers", str(machine.cores)) as url:
        async with client_for(url) as client:
            await register_everyone(client)
            ratios.insert(1, await login_throughput(client, all_cores, machine.cores))

    with step_04("--workers", "1", anti_pattern=True) as url:
        async with client_for(url) as client:
            await register_everyone(client)
            ratios.append(await login_throughput(client, anti_pattern, machine.cores))
            ratios += await event_loop_health(client, anti_pattern)

    return ratios


def main() -> None:
    machine = this_machine()
    print(f"Measuring on {machine.describe()}: about two minutes.")

    ratios = asyncio.run(measure(machine))

    print_table(ratios, machine.describe())
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    write_into_page(PAGE, ratios, machine.describe(), when)
    print(f"Written into {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
