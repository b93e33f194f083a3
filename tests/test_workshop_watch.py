"""`workshop watch`: a check when it starts, and again after each save."""

import threading

from tests.workshop_support import private_layout
from workshop.copies import start
from workshop.watch import watch_copy


def test_watch_checks_at_once_and_again_when_a_python_file_is_saved(tmp_path):
    layout = private_layout(tmp_path)
    step = layout.step("01")
    start(layout, step)
    stop = threading.Event()
    checks = []
    checked = threading.Condition()

    def record_check():
        with checked:
            checks.append(len(checks))
            checked.notify_all()

    watcher = threading.Thread(target=watch_copy, args=(step, record_check, stop))
    watcher.start()
    try:
        with checked:
            checked.wait_for(lambda: len(checks) == 1, timeout=10)
            # Save until the watcher reacts: the first saves may come before
            # watchfiles has begun to watch.
            for attempt in range(30):
                (step.workspace / "passwords.py").write_text(f"# save {attempt}\n")
                if checked.wait_for(lambda: len(checks) >= 2, timeout=0.5):
                    break
    finally:
        stop.set()
        watcher.join(timeout=10)

    assert len(checks) >= 2
    assert not watcher.is_alive()
