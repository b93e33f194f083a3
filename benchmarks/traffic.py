"""Traffic for the benchmark: clients that keep requests in flight, and probes."""

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import httpx2

T = TypeVar("T")

# One client's next request; it may keep state between calls, a refresh token say.
Send = Callable[[], Awaitable[httpx2.Response]]


def client_for(base_url: str) -> httpx2.AsyncClient:
    # No cap on connections: a request queued inside the client would be
    # counted as the server's latency. No timeout short enough to cut a
    # request that the anti-pattern keeps waiting.
    return httpx2.AsyncClient(
        base_url=base_url,
        limits=httpx2.Limits(max_connections=None, max_keepalive_connections=None),
        timeout=120,
    )


@asynccontextmanager
async def sustained(senders: list[Send]) -> AsyncIterator[list[float]]:
    """Run each sender in a loop, one request after another, until the block ends.

    Yields the list of times at which a request was answered with success; it
    fills as the block runs. Raises if any request failed: a benchmark of
    errors measures nothing.
    """
    answered: list[float] = []

    async def keep_sending(send: Send) -> None:
        while True:
            response = await send()
            if not response.is_success:
                raise RuntimeError(
                    f"{response.request.url.path} answered "
                    f"{response.status_code}: {response.text}"
                )
            answered.append(time.monotonic())

    tasks = [asyncio.create_task(keep_sending(send)) for send in senders]
    try:
        yield answered
    finally:
        for task in tasks:
            task.cancel()
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)

    # Cancelled tasks give CancelledError, a BaseException: only real errors remain.
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    if errors:
        raise errors[0]


async def answers_per_second(
    senders: list[Send], seconds: float, warm_up: float = 1.0
) -> float:
    """Successful answers per second while every sender keeps one request going."""
    async with sustained(senders) as answered:
        await asyncio.sleep(warm_up)
        started = time.monotonic()
        await asyncio.sleep(seconds)

    return count_between(answered, started, started + seconds) / seconds


def count_between(times: list[float], start: float, end: float) -> int:
    return sum(start <= moment <= end for moment in times)


async def probe_latencies_during(
    client: httpx2.AsyncClient, path: str, work: Awaitable[T], interval: float = 0.025
) -> tuple[list[float], T]:
    """Send GET path every `interval` seconds until `work` is done.

    Returns each probe's latency, and what the work returned. A probe leaves on
    schedule whether or not the previous one has come back, so a server that
    stalls is measured by every probe it keeps waiting, not by the few that
    got through.
    """

    async def probe() -> float:
        started = time.perf_counter()
        response = await client.get(path)
        response.raise_for_status()
        return time.perf_counter() - started

    working = asyncio.ensure_future(work)
    probes = []
    while not working.done():
        probes.append(asyncio.create_task(probe()))
        await asyncio.sleep(interval)

    return list(await asyncio.gather(*probes)), working.result()


async def seconds_to_send(senders: list[Send], requests_each: int) -> float:
    """The time for every sender to send `requests_each` requests, one by one.

    A fixed amount of work rather than a fixed time: requests that share the
    CPU fairly all finish near the end, and a time window would cut them off.
    """

    async def send_all(send: Send) -> None:
        for _ in range(requests_each):
            response = await send()
            response.raise_for_status()

    started = time.monotonic()
    await asyncio.gather(*(send_all(send) for send in senders))
    return time.monotonic() - started
