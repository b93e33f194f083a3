"""`workshop watch`: check the copy again each time a Python file in it changes."""

import threading
from collections.abc import Callable

from watchfiles import PythonFilter, watch

from workshop.layout import Step


def watch_copy(
    step: Step,
    on_change: Callable[[], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Call on_change once now and once per batch of saved changes, until stopped.

    watchfiles waits for a quiet moment before it reports, so that an editor
    saving several files at once triggers one check, not several.
    """
    on_change()
    for _changes in watch(
        step.workspace, watch_filter=PythonFilter(), stop_event=stop_event
    ):
        on_change()
