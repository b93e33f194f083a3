"""Start a step under real uvicorn, on loopback, as a learner would."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import httpx2

ROOT = Path(__file__).resolve().parents[1]
STEP_DIRS = sorted(path for path in (ROOT / "steps").iterdir() if path.is_dir())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_server(
    arguments: list[str], cwd: Path, environment: dict[str, str]
) -> Iterator[str]:
    """Start `python -m uvicorn ARGUMENTS` on loopback; yield its base URL."""
    with running_server_process(arguments, cwd, environment) as (base_url, _):
        yield base_url


@contextmanager
def running_server_process(
    arguments: list[str], cwd: Path, environment: dict[str, str]
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Like running_server, and yield uvicorn's process too, to hurt it."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", *arguments, "--port", str(port)]
    # A file, not a pipe: a pipe nobody reads fills up and stalls the server.
    with tempfile.TemporaryFile() as output:
        server = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
            command,
            cwd=cwd,
            env={**os.environ, **environment},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(base_url, server, output)
            yield base_url, server
        finally:
            server.terminate()
            server.wait(timeout=10)


def wait_until_serving(
    base_url: str, server: subprocess.Popen, output: IO[bytes], timeout: float = 20.0
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output.seek(0)
            printed = output.read().decode(errors="replace")
            raise RuntimeError(f"uvicorn exited with {server.returncode}:\n{printed}")
        try:
            httpx2.get(f"{base_url}/health", timeout=1)
            return
        except httpx2.TransportError:
            time.sleep(0.1)
    raise TimeoutError(f"uvicorn did not answer on {base_url} in {timeout} s")
