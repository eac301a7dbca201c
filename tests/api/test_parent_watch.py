"""A pool worker ends when the process that started it is killed: before, every killed server
left its assessment, import and expression workers behind as orphans."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

PARENT = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from socialaudit.service.parent_watch import exit_with_parent

def start():
    exit_with_parent(check_seconds=0.1)

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start)
    print(pool.submit(os.getpid).result(timeout=60), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie has ended; only its entry waits for a reaper
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_a_pool_worker_exits_when_its_parent_is_killed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert _alive(worker)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 30
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker), "the worker outlived its killed parent"
    finally:
        parent.kill()


SLOW_STARTER = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from socialaudit.service.parent_watch import exit_with_parent

def start(marker):
    with open(marker, "w") as out:
        out.write(str(os.getpid()))
    time.sleep(3)  # the parent is killed meanwhile, as a server can be while workers start
    exit_with_parent(check_seconds=0.1)

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start, initargs=(sys.argv[1],))
    pool.submit(os.getpid)
    time.sleep(600)
"""


def test_a_worker_still_starting_when_its_parent_dies_exits_too(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script, marker = tmp_path / "parent.py", tmp_path / "worker.pid"
    script.write_text(SLOW_STARTER, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not (marker.exists() and marker.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        worker = int(marker.read_text())
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 30
        while _alive(worker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(worker), "a worker that started after its parent died lived on"
    finally:
        parent.kill()


def _niceness_after_background() -> tuple[int, int]:
    from socialaudit.service.parent_watch import run_in_background

    before = os.nice(0)
    run_in_background()
    return before, os.nice(0)


def test_heavy_workers_yield_the_cores_to_the_server() -> None:
    """Assessment and parse workers lower their priority, so reads are scheduled first."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from socialaudit.service.parent_watch import BACKGROUND_NICENESS

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        before, after = pool.submit(_niceness_after_background).result(timeout=60)
    assert after == min(before + BACKGROUND_NICENESS, 19)
    assert os.nice(0) == before  # the server's own priority is untouched
