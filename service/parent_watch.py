"""Worker processes end with the process that started them, and yield the cores to it.

A process pool's worker holds both ends of its task queue, so when the server is killed (or
crashes) the worker never sees end-of-file and lives on, an orphan holding its memory and
sometimes a database connection. Each pool's initializer calls `exit_with_parent` first.

The heavy pools (assessments, file parsing) also lower their own scheduling priority: on a
machine with fewer cores than busy processes, the server's reads would otherwise wait behind
them for the CPU, which is the wait the reads' own capacity is meant to remove.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

CHECK_SECONDS = 1.0
BACKGROUND_NICENESS = 19
"""How much lower a heavy worker's priority is than the server's (Unix `nice` steps): the
lowest, since a read waiting for a core is what a client notices (page of organisations p95
under mixed load: 381 ms at the same priority, 268 at nice 10, 241-246 at 19; bench/README)."""


def exit_with_parent(check_seconds: float = CHECK_SECONDS) -> None:
    """Start a daemon thread that ends this process as soon as its parent is gone (the process
    is then re-parented, so its parent id changes). The parent's id is the one the spawning
    process gave, not `os.getppid()` now: a worker still starting when its parent died would
    otherwise take its new parent for the old one and never end."""
    spawner = multiprocessing.parent_process()
    parent = spawner.pid if spawner is not None and spawner.pid else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(check_seconds)
        os._exit(0)  # the parent is gone: nothing is waiting for this worker's results

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def run_in_background() -> None:
    """Lower this process's priority so that the server that started it is scheduled first."""
    if hasattr(os, "nice"):
        os.nice(BACKGROUND_NICENESS)
