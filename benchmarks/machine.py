"""What the benchmark ran on, and what one bcrypt verification costs there."""

import os
import platform
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import bcrypt

CPU_INFO = Path("/proc/cpuinfo")


@dataclass(frozen=True)
class Machine:
    cores: int
    cpu_model: str
    python: str

    def describe(self) -> str:
        return f"{self.cores} cores, {self.cpu_model}, Python {self.python}"


def this_machine() -> Machine:
    return Machine(
        cores=os.cpu_count() or 1,
        cpu_model=cpu_model(),
        python=platform.python_version(),
    )


def cpu_model() -> str:
    # Linux names the model in /proc/cpuinfo; elsewhere platform says what it can.
    if CPU_INFO.is_file():
        for line in CPU_INFO.read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    return platform.processor() or platform.machine() or "unknown CPU"


def bcrypt_verification_seconds(rounds: int, samples: int = 5) -> float:
    """The median time of one bcrypt verification at this cost, on one core."""
    password = b"correct horse battery staple"
    password_hash = bcrypt.hashpw(password, bcrypt.gensalt(rounds))

    timings = []
    for _ in range(samples):
        started = time.perf_counter()
        bcrypt.checkpw(password, password_hash)
        timings.append(time.perf_counter() - started)

    return statistics.median(timings)
