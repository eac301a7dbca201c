"""Worker processes end with the process that started them.

A process pool's worker holds both ends of its task queue, so when the server is killed (or
crashes) the worker never sees end-of-file and lives on, an orphan holding its memory and
sometimes a database connection. Each pool's initializer calls `exit_with_parent` first.
"""

from __future__ import annotations

import os
import threading
import time

CHECK_SECONDS = 1.0


def exit_with_parent(check_seconds: float = CHECK_SECONDS) -> None:
    """Start a daemon thread that ends this process as soon as its parent is gone (the process
    is then re-parented, so its parent id changes)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(check_seconds)
        os._exit(0)  # the parent is gone: nothing is waiting for this worker's results

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
