"""Eight clients mixing reads, catalogue queries, imports and assessments against one served
process: do reads stay fast while assessments run, do errors stay away, does memory stay flat?

It starts ``socialaudit serve --dev`` on loopback (a temporary SQLite database unless
``--database-url`` names another), loads ``--organisations`` organisations through the API,
each with ``--posts`` posts and a comment per post, then measures two phases:

- *floor*: one client sending reads alone for ``--floor-seconds``, the same machine and run;
- *mixed*: eight clients for ``--seconds`` (at most 120): two run assessments back to back, one
  imports a new file again and again, three read (a page of organisations with their channels
  and latest score; one organisation by id) and two ask the catalogue (rules, KPIs,
  benchmarks).

It prints p50/p95/p99 per operation, the error rate, the mixed p95 of reads as a ratio to the
floor's, and the server's resident memory at the start and the end of the mixed phase.

    python bench/mixed_load.py                     # about 2.5 minutes
    python bench/mixed_load.py --seconds 30 --organisations 10
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
MAX_SECONDS = 120

CREATE = """mutation($input: OrganizationInput!) { createOrganization(input: $input) {
  organization { id channels { id } } userErrors { message } } }"""
IMPORT = """mutation($input: ImportChannelDataInput!) { importChannelData(input: $input) {
  channelImport { id } userErrors { message } } }"""
RUN = """mutation($id: ID!) { runAssessment(organizationId: $id) {
  assessment { id overallScore } userErrors { message } } }"""
PAGE = """{ organizations(first: 20) { totalCount edges { node { id name
  channels { key postCount } latestAssessment { overallScore } } } } }"""
ONE = """query($id: ID!) { organization(id: $id) { name sector
  channels { key handle followers } latestAssessment { overallScore maturityStage } } }"""
CATALOGUE = "{ rules { code severity } kpis { id unit } benchmarks { id value } }"

POST_HEADER = "id,created_at,text,media_type,impressions,reach,reactions,comments,shares,clicks\n"
COMMENT_HEADER = "id,post_id,created_at,author,text,reply_created_at\n"
WORDS = [
    "bestel",
    "nu",
    "taart",
    "vraag",
    "open",
    "zondag",
    "nieuw",
    "korting",
    "dank",
    "proef",
    "smaak",
    "winkel",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _descendants(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            child = int(stat.parent.name)
            children += [child, *_descendants(child)]
    return children


def resident_mb(pid: int) -> float:
    """Resident memory of the server and its worker processes, from /proc (Linux)."""
    total = 0
    for process in (pid, *_descendants(pid)):
        try:
            lines = Path(f"/proc/{process}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(x.split()[1]) for x in lines if x.startswith("VmRSS:")), 0)
    return total / 1024


def posts_csv(prefix: str, count: int, rng: random.Random) -> tuple[str, str]:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    posts, comments = [POST_HEADER], [COMMENT_HEADER]
    for i in range(count):
        moment = start + timedelta(hours=7 * i)
        text = " ".join(rng.choices(WORDS, k=12))
        posts.append(
            f"{prefix}{i},{moment.isoformat()},{text},image,,,{rng.randint(0, 90)},"
            f"{rng.randint(0, 9)},{rng.randint(0, 5)},\n"
        )
        comment_time = (moment + timedelta(minutes=30)).isoformat()
        comments.append(f"{prefix}{i}_c,{prefix}{i},{comment_time},Fan {i % 50},Open op zondag?,\n")
    return "".join(posts), "".join(comments)


async def gql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None
) -> Any:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}})
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"{response.status_code}: {str(body)[:300]}")
    return body["data"]


async def load(client: httpx.AsyncClient, organisations: int, posts: int) -> list[dict[str, Any]]:
    rng = random.Random(7)
    made = []
    for n in range(organisations):
        profile = {
            "name": f"Bakkerij {n}",
            "market": "B2C",
            "sector": "FOOD_AND_HOSPITALITY",
            "country": "BE",
            "channels": [{"platform": "facebook", "handle": f"bakkerij{n}", "followers": 2400}],
        }
        created = (await gql(client, CREATE, {"input": profile}))["createOrganization"]
        organisation = created["organization"]
        channel = organisation["channels"][0]["id"]
        post_text, comment_text = posts_csv(f"o{n}p", posts, rng)
        for name, content in (("posts.csv", post_text), ("interactions.csv", comment_text)):
            await gql(
                client,
                IMPORT,
                {"input": {"channelId": channel, "content": content, "filename": name}},
            )
        await gql(client, RUN, {"id": organisation["id"]})
        made.append({"id": organisation["id"], "channel": channel})
    return made


class Recorder:
    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.samples: list[str] = []

    async def timed(self, name: str, call: Any) -> None:
        started = time.perf_counter()
        try:
            await call
        except Exception as exc:  # every failure counts, and a few are shown
            self.errors[name] += 1
            if len(self.samples) < 5:
                self.samples.append(f"{name}: {exc}")
        self.latencies[name].append(time.perf_counter() - started)


async def client_loop(
    role: str, base: str, organisations: list[dict[str, Any]], until: float, rec: Recorder, n: int
) -> None:
    rng = random.Random(n)
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        imported = 0
        while time.monotonic() < until:
            organisation = rng.choice(organisations)
            if role == "assess":
                await rec.timed("runAssessment", gql(client, RUN, {"id": organisation["id"]}))
            elif role == "import":
                imported += 1
                content, _ = posts_csv(f"c{n}i{imported}p", 200, rng)
                variables = {
                    "input": {
                        "channelId": organisation["channel"],
                        "content": content,
                        "filename": f"extra{imported}.csv",
                    }
                }
                await rec.timed("importChannelData", gql(client, IMPORT, variables))
            elif role == "read":
                if rng.random() < 0.5:
                    await rec.timed("organizations page", gql(client, PAGE))
                else:
                    await rec.timed("organization", gql(client, ONE, {"id": organisation["id"]}))
            else:
                await rec.timed("catalogue", gql(client, CATALOGUE))


def quantiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        value = values[0] if values else float("nan")
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94], cuts[98]


def print_table(title: str, rec: Recorder, seconds: float) -> None:
    print(f"\n{title}")
    print(
        f"{'operation':<20} {'count':>6} {'per s':>6} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>7}"
    )
    for name in sorted(rec.latencies):
        values = rec.latencies[name]
        p50, p95, p99 = quantiles(values)
        print(
            f"{name:<20} {len(values):>6} {len(values) / seconds:>6.1f} {p50 * 1000:>8.1f} "
            f"{p95 * 1000:>8.1f} {p99 * 1000:>8.1f} {rec.errors[name]:>7}"
        )
    total = sum(len(v) for v in rec.latencies.values())
    errors = sum(rec.errors.values())
    print(f"error rate: {errors}/{total} = {100 * errors / max(total, 1):.2f} %")
    for sample in rec.samples:
        print(f"  e.g. {sample}")


async def run(args: argparse.Namespace, base: str, pid: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        organisations = await load(client, args.organisations, args.posts)
    floor = Recorder()
    until = time.monotonic() + args.floor_seconds
    await client_loop("read", base, organisations, until, floor, 99)
    print_table(
        f"floor: one client reading alone, {args.floor_seconds:.0f} s", floor, args.floor_seconds
    )

    roles = ["assess", "assess", "import", "read", "read", "read", "catalogue", "catalogue"]
    mixed = Recorder()
    memory_start = resident_mb(pid)
    until = time.monotonic() + args.seconds
    await asyncio.gather(
        *(client_loop(role, base, organisations, until, mixed, n) for n, role in enumerate(roles))
    )
    memory_end = resident_mb(pid)
    print_table(f"mixed: 8 clients ({', '.join(roles)}), {args.seconds:.0f} s", mixed, args.seconds)
    reads = mixed.latencies["organizations page"] + mixed.latencies["organization"]
    floor_reads = floor.latencies["organizations page"] + floor.latencies["organization"]
    if reads and floor_reads:
        print(
            f"reads p95 under load / alone: {quantiles(reads)[1] / quantiles(floor_reads)[1]:.1f}x"
        )
    print(
        f"server memory (with its worker processes): {memory_start:.0f} MB at the start, "
        f"{memory_end:.0f} MB at the end"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=MAX_SECONDS)
    parser.add_argument("--floor-seconds", type=float, default=10)
    parser.add_argument("--organisations", type=int, default=20)
    parser.add_argument("--posts", type=int, default=1500)
    parser.add_argument("--database-url", help="default: a temporary SQLite file")
    parser.add_argument(
        "--classifier",
        default="builtin",
        help="the content classifier the assessments use (plugins.toml `[classifier] use`); "
        "default the cue classifier, as in every figure in bench/README.md",
    )
    args = parser.parse_args()
    args.seconds = min(args.seconds, MAX_SECONDS)
    with tempfile.TemporaryDirectory(prefix="socialaudit-mixed-") as folder:
        port = free_port()
        url = args.database_url or f"sqlite:///{Path(folder) / 'mixed.sqlite3'}"
        plugins_toml = Path(folder) / "plugins.toml"
        plugins_toml.write_text(f'[classifier]\nuse = "{args.classifier}"\n', encoding="utf-8")
        env = {
            **os.environ,
            "SOCIALAUDIT_DATABASE_URL": url,
            "SOCIALAUDIT_PLUGINS_TOML": str(plugins_toml),
        }
        log = (Path(folder) / "server.log").open("wb")
        socialaudit = str(Path(sys.executable).parent / "socialaudit")
        command = [socialaudit, "serve", "--dev", "--port", str(port)]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log_text = (Path(folder) / "server.log").read_text()[-3000:]
                        raise SystemExit(log_text) from None
                    time.sleep(0.1)
            asyncio.run(run(args, f"http://127.0.0.1:{port}", server.pid))
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


if __name__ == "__main__":
    main()
