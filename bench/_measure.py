"""How the benchmarks time things: every subject and its floor in turn, for several rounds,
wall and CPU time both, and the median of the rounds.

The machine is shared and its speed drifts: a floor measured once, before or after, can fall in
a quiet spell while the subject falls in a busy one. Taking them in turn within each round (the
order reversed every other round) puts both in the same spells, and the median of the rounds
drops the one that caught a burst. CPU time (user + system, every thread) shows what the work
costs when other processes take the cores; wall time is what a user waits.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of every thread (and of a child process's children)
    peak_mb: float | None = None  # resident memory at its peak, for a child process


# runs the command, then prints its wall time, CPU time and peak memory from the kernel's
# accounting of the finished child: nothing of this wrapper's own start is counted
_CHILD = textwrap.dedent("""
    import resource, subprocess, sys, time
    start = time.perf_counter()
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.stderr.write(done.stderr.decode()[-3000:])
        sys.exit(done.returncode)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
""")


def in_child(command: list[str]) -> Sample:
    """`command` in a fresh process, its start and imports included."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *command], capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    wall, cpu, peak_kb = done.stdout.split()
    return Sample(float(wall), float(cpu), int(peak_kb) / 1024)


def in_process(function: Callable[[], object]) -> Sample:
    """`function()` in this process: for work whose set-up (a loaded model) is not the point."""
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return Sample(time.perf_counter() - wall, time.process_time() - cpu)


def in_turn(
    subjects: Mapping[str, Callable[[], Sample]], rounds: int, *, log: bool = True
) -> dict[str, list[Sample]]:
    """Each subject once per round, the order reversed every other round."""
    results: dict[str, list[Sample]] = {name: [] for name in subjects}
    names = list(subjects)
    for number in range(rounds):
        for name in names if number % 2 == 0 else reversed(names):
            sample = subjects[name]()
            results[name].append(sample)
            if log:
                peak = f", {sample.peak_mb:.0f} MB" if sample.peak_mb is not None else ""
                print(
                    f"  round {number + 1}/{rounds} {name}: {sample.wall:.2f} s wall, "
                    f"{sample.cpu:.2f} s CPU{peak}",
                    flush=True,
                )
    return results


def median(samples: list[Sample]) -> Sample:
    """The median of each figure over the rounds."""
    peaks = [s.peak_mb for s in samples if s.peak_mb is not None]
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        statistics.median(peaks) if peaks else None,
    )


def table(results: Mapping[str, list[Sample]], floor_of: Mapping[str, str]) -> str:
    """Medians and their ratios to each subject's floor (`floor_of[name]`; a floor's own row
    reads 1.00). Markdown, so that it can go into bench/README.md as printed."""
    rows = [
        "| run | rounds | wall s | × floor | CPU s | × floor | peak MB | × floor | floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, samples in results.items():
        mine = median(samples)
        floor_name = floor_of.get(name, name)
        floor = median(results[floor_name])
        memory = ratio = ""
        if mine.peak_mb is not None and floor.peak_mb:
            memory, ratio = f"{mine.peak_mb:.0f}", f"{mine.peak_mb / floor.peak_mb:.2f}"
        rows.append(
            f"| {name} | {len(samples)} | {mine.wall:.2f} | {mine.wall / floor.wall:.2f} "
            f"| {mine.cpu:.2f} | {mine.cpu / floor.cpu:.2f} | {memory} | {ratio} | {floor_name} |"
        )
    return "\n".join(rows)


def medians_json(results: Mapping[str, list[Sample]]) -> dict[str, dict[str, float | None]]:
    return {name: vars(median(samples)) for name, samples in results.items()}
