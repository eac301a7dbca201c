"""The GraphQL service over HTTP, next to a bare endpoint serving the same JSON, in the same run.

The API's cost is in the request path (parsing, validating, resolving field by field, encoding),
not in the database: a query for an organisation's name and score reads two small rows. So the
floor is a bare Starlette endpoint that reads the same rows through the same storage layer and
returns byte for byte the same JSON; the figures are ratios to it, measured on the same machine
in the same run, so they mean the same on any machine.

It starts the real service (``socialaudit serve``) on a temporary SQLite database, loads one
example organisation through the API's own mutations (createOrganization, addChannel,
importChannelData with inline content, runAssessment), stops it, then serves that database
from three fresh uvicorn processes on loopback, one worker each:

- ``service``: the real application (``socialaudit serve``), middleware and logging included;
- ``graphql-core``: the same strawberry schema executed by graphql-core directly, the document
  parsed and validated once, no limits, no GraphQL-over-HTTP handling, orjson;
- ``bare``: no GraphQL at all; reads the rows with ``api.storage.repository`` and builds the
  answer's ``data`` by hand, orjson.

All three get the same request bytes (a POST with the query and its variables), do their
database work in one worker thread off the event loop, and must answer the same bytes; the
script checks that first and stops if they differ. The load comes from this process over raw
keep-alive sockets (cheaper than any HTTP client library, so the client limits the bare
endpoint as little as Python can): one client sending requests one after another, then
``--clients`` clients at once. Runs are bounded: ``--warmup`` seconds per server and query
unmeasured, then ``--rounds`` rounds of ``--seconds`` per server, query and client count, the
servers in turn, the rounds pooled.

    python bench/http_bench.py                       # about 2.5 minutes
    python bench/http_bench.py --seconds 10 --clients 8 --example examples/noorderlicht-it
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXAMPLE = ROOT / "examples" / "agency-retail-chain"

SMALL = "query Small($id: ID!) { organization(id: $id) { name latestAssessment { overallScore } } }"
LARGE = """query Large($id: ID!) {
  assessment(id: $id) {
    id
    organisation
    asOf
    overallScore
    maturityStage
    findings {
      code name title severity category channel message evidence remediation source ruleVersion
    }
    kpis {
      id name channel value unit higherIsBetter detail
      benchmark { id value source year population difference }
    }
  }
}"""

SERVERS = ("bare", "graphql-core", "service")
AGENCY = "bench"
# the service needs an API key, made once per run (the others ignore the header)
API_KEY = [""]
SMALL_GOAL = 0.5  # × the bare endpoint's requests per second
LARGE_GOAL = 0.3  # × the bare endpoint's requests per second, at one client
LARGE_P99_GOAL_MS = 50.0  # at one client


# -- the two servers this script defines --------------------------------------------------------


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def bare_app(database_url: str) -> Any:
    """No GraphQL: the same rows, the same JSON, built by hand."""
    import anyio
    import orjson
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from socialaudit.engine.definitions.rule import Dimension, Severity
    from socialaudit.engine.measures import Unit
    from socialaudit.engine.model.assessment import MaturityStage
    from socialaudit.schema.ids import local_id, to_global_id
    from socialaudit.service.storage.database import create_database_engine
    from socialaudit.service.storage.tenancy import Tenancy

    engine = create_database_engine(database_url)
    tenancy = Tenancy(engine, bench_agency_id(engine))
    names = {
        kind: {member.value: member.name for member in enum}
        for kind, enum in (
            ("severity", Severity),
            ("category", Dimension),
            ("unit", Unit),
            ("stage", MaturityStage),
        )
    }

    def small(variables: dict[str, Any]) -> dict[str, Any]:
        organisation_id = local_id(variables["id"], "Organization")
        if organisation_id is None:
            return {"organization": None}
        with tenancy.transaction() as repo:
            record = repo.get_organisation(organisation_id)
            if record is None:
                return {"organization": None}
            latest = repo.latest_assessments([organisation_id]).get(organisation_id)
        return {
            "organization": {
                "name": record.name,
                "latestAssessment": None
                if latest is None
                else {"overallScore": float(latest.overall_score)},
            }
        }

    results: dict[tuple[str, Any], dict[str, Any] | None] = {}

    def large(variables: dict[str, Any]) -> dict[str, Any]:
        assessment_id = local_id(variables["id"], "Assessment")
        if assessment_id is None:
            return {"assessment": None}
        with tenancy.transaction() as repo:
            record = repo.get_assessment(assessment_id)
            if record is None:
                return {"assessment": None}
            # the stored JSON decoded once per process, as the service parses it once
            key = (record.id, record.created_at)
            if key not in results:
                results[key] = repo.assessment_result(record.id)
        result = results[key]
        if result is None:
            return {"assessment": None}
        return {
            "assessment": {
                "id": to_global_id("Assessment", record.id),
                "organisation": result["organisation"],
                "asOf": record.as_of.isoformat(),
                "overallScore": float(record.overall_score),
                "maturityStage": names["stage"][record.maturity_stage],
                "findings": [
                    {
                        "code": f["code"],
                        "name": f["name"],
                        "title": f["title"],
                        "severity": names["severity"][f["severity"]],
                        "category": names["category"][f["category"]],
                        "channel": f["channel"],
                        "message": f["message"],
                        "evidence": f["evidence"],
                        "remediation": f["remediation"],
                        "source": f["source"],
                        "ruleVersion": f["ruleVersion"],
                    }
                    for f in result["findings"]
                ],
                "kpis": [
                    {
                        "id": k["id"],
                        "name": k["name"],
                        "channel": k["channel"],
                        "value": _float(k["value"]),
                        "unit": names["unit"][k["unit"]],
                        "higherIsBetter": k.get("higherIsBetter"),
                        "detail": k.get("detail") or {},
                        "benchmark": None
                        if k.get("benchmark") is None
                        else {
                            "id": k["benchmark"]["id"],
                            "value": float(k["benchmark"]["value"]),
                            "source": k["benchmark"]["source"],
                            "year": k["benchmark"]["year"],
                            "population": k["benchmark"]["population"],
                            "difference": _float(k["benchmark"].get("difference")),
                        },
                    }
                    for k in result["kpis"]
                ],
            }
        }

    handlers: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {SMALL: small, LARGE: large}

    async def graphql(request: Request) -> Response:
        params = orjson.loads(await request.body())
        data = await anyio.to_thread.run_sync(handlers[params["query"]], params["variables"])
        return Response(orjson.dumps({"data": data}), media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


def core_app(database_url: str) -> Any:
    """The service's strawberry schema on graphql-core, with none of the endpoint around it."""
    import anyio
    import orjson
    from graphql import DocumentNode, ExecutionResult, execute, parse, validate
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from socialaudit.engine.config import find_config, load_settings
    from socialaudit.engine.registry import build_registry
    from socialaudit.schema import build_schema
    from socialaudit.schema.context import RequestContext
    from socialaudit.service.service import Service
    from socialaudit.service.storage.database import create_database_engine
    from socialaudit.service.storage.tenancy import Tenancy

    strawberry_schema = build_schema()
    schema = strawberry_schema._schema
    executor_class = strawberry_schema.execution_context_class
    engine = create_database_engine(database_url)
    service = Service(
        Tenancy(engine, bench_agency_id(engine)), build_registry(load_settings(find_config()))
    )
    documents: dict[str, DocumentNode] = {}

    def run(query: str, variables: dict[str, Any]) -> ExecutionResult:
        document = documents.get(query)
        if document is None:
            document = parse(query)
            errors = validate(schema, document)
            if errors:
                return ExecutionResult(None, errors)
            documents[query] = document
        context = RequestContext(
            service=service,
            language="en",
            request_id="",
            max_page_size=100,
            deadline=time.monotonic() + 30,
        )
        result = execute(
            schema,
            document,
            context_value=context,
            variable_values=variables,
            executor_class=executor_class,
        )
        assert isinstance(result, ExecutionResult)
        return result

    async def graphql(request: Request) -> Response:
        params = orjson.loads(await request.body())
        result = await anyio.to_thread.run_sync(run, params["query"], params.get("variables"))
        payload: dict[str, Any] = {}
        if result.errors:
            payload["errors"] = [e.formatted for e in result.errors]
        payload["data"] = result.data
        return Response(orjson.dumps(payload), media_type="application/json")

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


def bench_agency_id(engine: Any) -> str:
    """The agency the loaded example belongs to; the bare and graphql-core servers read its
    rows as the service does for the key's agency."""
    from socialaudit.service.storage.agencies import find_agency

    agency = find_agency(engine, AGENCY)
    if agency is None:
        raise SystemExit(f"no agency '{AGENCY}' in the database")
    return agency.id


def create_key(env: dict[str, str]) -> str:
    """An agency and a write key, by the CLI as an operator makes them."""
    socialaudit = shutil.which("socialaudit") or "socialaudit"
    subprocess.run([socialaudit, "agency", "create", AGENCY], env=env, check=True, cwd=ROOT)
    created = subprocess.run(
        [socialaudit, "apikey", "create", "--agency", AGENCY, "--name", "bench"],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return created.stdout.strip().splitlines()[-1]


def bare_factory() -> Any:
    return bare_app(os.environ["HTTP_BENCH_DATABASE_URL"])


def core_factory() -> Any:
    return core_app(os.environ["HTTP_BENCH_DATABASE_URL"])


def serve(kind: str, port: int, database_url: str, workers: int) -> None:
    from socialaudit.api import serving

    # as `socialaudit serve` runs the service; the workers import this file by name
    os.environ["HTTP_BENCH_DATABASE_URL"] = database_url
    sys.path.insert(0, str(Path(__file__).parent))
    serving.run(
        f"http_bench:{'bare' if kind == 'bare' else 'core'}_factory",
        factory=True,
        workers=workers,
        host="127.0.0.1",
        port=port,
        log_config=None,
        access_log=False,
        server_header=False,
    )


# -- starting servers and loading the example -----------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(command: list[str], env: dict[str, str], log: Path, port: int) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
    handle.close()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{' '.join(command)} exited:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"{' '.join(command)} did not listen on {port}:\n{log.read_text()[-3000:]}")


def post(port: int, query: str, variables: dict[str, Any]) -> bytes:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Bearer {API_KEY[0]}",
        },
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        return response.read()  # type: ignore[no-any-return]


def mutate(port: int, query: str, variables: dict[str, Any], field: str) -> dict[str, Any]:
    answer = json.loads(post(port, query, variables))
    payload = (answer.get("data") or {}).get(field)
    if answer.get("errors") or not payload or payload.get("userErrors"):
        raise SystemExit(f"{field} failed: {json.dumps(answer)[:3000]}")
    return payload  # type: ignore[no-any-return]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _input(value: Any, enums: dict[str, dict[str, str]], key: str = "") -> Any:
    """organisation.toml keys to GraphQL input: camelCase names, enum values by their names."""
    if isinstance(value, dict):
        return {_camel(k): _input(v, enums, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_input(v, enums, key) for v in value]
    if key in enums and isinstance(value, str):
        return enums[key][value]
    return value


def load_example(port: int, folder: Path) -> tuple[str, str, int, int]:
    """Through the API: organisation, channels, files, one assessment. Returns the global ids of
    the organisation and the assessment, and how many findings and KPI values it has."""
    from socialaudit.engine.model.profile import Market, Objective, Owner, Sector

    enums = {
        key: {member.value: member.name for member in enum}
        for key, enum in (("sector", Sector), ("market", Market), ("owner", Owner))
    }
    objectives = {member.value: member.name for member in Objective}
    profile = tomllib.loads((folder / "organisation.toml").read_text(encoding="utf-8"))
    # the channels go in with the profile: its goals name them
    data = [channel.pop("data", []) for channel in profile.get("channels", [])]
    created = mutate(
        port,
        "mutation($input: OrganizationInput!) { createOrganization(input: $input) {"
        " organization { id channels { id } } userErrors { field message } } }",
        # a channel's goals are objectives by name, as an organisation goal's objective is
        {"input": _input(profile, {**enums, "objective": objectives, "goals": objectives})},
        "createOrganization",
    )["organization"]
    organisation = created["id"]
    for channel, patterns in zip(created["channels"], data, strict=True):
        channel_id = channel["id"]
        for pattern in patterns:
            for path in sorted(glob.glob(str(folder / pattern))):
                mutate(
                    port,
                    "mutation($input: ImportChannelDataInput!) { importChannelData(input: $input)"
                    " { channelImport { posts interactions } userErrors { field message } } }",
                    {
                        "input": {
                            "channelId": channel_id,
                            "content": Path(path).read_text(encoding="utf-8"),
                            "filename": Path(path).name,
                        }
                    },
                    "importChannelData",
                )
    assessment = mutate(
        port,
        "mutation($org: ID!) { runAssessment(organizationId: $org, language: EN) {"
        " assessment { id findings { code } kpis { id } } userErrors { field message } } }",
        {"org": organisation},
        "runAssessment",
    )["assessment"]
    return organisation, assessment["id"], len(assessment["findings"]), len(assessment["kpis"])


# -- the load -------------------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection sending one prepared request again and again."""

    def __init__(self, port: int, body: bytes) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.request = (
            f"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/json\r\nAccept: application/json\r\n"
            f"Authorization: Bearer {API_KEY[0]}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode() + body
        self.buffer = b""

    def send(self) -> bytes:
        self.sock.sendall(self.request)
        buffer = self.buffer
        while (end := buffer.find(b"\r\n\r\n")) < 0:
            buffer += self._recv()
        head, buffer = buffer[:end], buffer[end + 4 :]
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"answer: {head[:200]!r}")
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise RuntimeError("answer without Content-Length")
        while len(buffer) < length:
            buffer += self._recv()
        self.buffer = buffer[length:]
        return buffer[:length]

    def _recv(self) -> bytes:
        chunk = self.sock.recv(262_144)
        if not chunk:
            raise RuntimeError("the server closed the connection")
        return chunk

    def close(self) -> None:
        self.sock.close()


def load(port: int, body: bytes, clients: int, warmup: float, seconds: float) -> dict[str, Any]:
    """`clients` connections, each sending as soon as its answer arrives; then requests/second
    and latency percentiles over the measured part."""
    connections = [Connection(port, body) for _ in range(clients)]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[BaseException] = []
    start = time.perf_counter()
    measure_from = start + warmup
    stop = measure_from + seconds

    def client(index: int) -> None:
        connection, mine = connections[index], latencies[index]
        try:
            while True:
                sent = time.perf_counter()
                if sent >= stop:
                    return
                connection.send()
                if sent >= measure_from:
                    mine.append(time.perf_counter() - sent)
        except BaseException as exc:  # reported by the caller
            failures.append(exc)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for connection in connections:
        connection.close()
    if failures:
        raise failures[0]
    every = [x for mine in latencies for x in mine]
    if seconds and not every:
        raise RuntimeError("no request finished in the measured time")
    return summary(every, seconds)


def summary(latencies: list[float], seconds: float) -> dict[str, Any]:
    """Requests per second and latency percentiles (ms) of the requests measured."""
    ordered = sorted(latencies)

    def percentile(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0

    return {
        "rps": len(ordered) / seconds if seconds else 0.0,
        "p50": percentile(0.50),
        "p99": percentile(0.99),
        "requests": len(ordered),
        "seconds": seconds,
        "latencies": ordered,
    }


def pooled(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The rounds of one server, query and client count taken together."""
    return summary([x for run in runs for x in run["latencies"]], sum(r["seconds"] for r in runs))


# -- the run --------------------------------------------------------------------------------------


def stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", type=Path, default=DEFAULT_EXAMPLE)
    parser.add_argument("--seconds", type=float, default=3.0, help="measured time per run")
    parser.add_argument("--rounds", type=int, default=3, help="runs per server, in turn")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured, per server")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients, 2nd run")
    parser.add_argument(
        "--workers", default="1,2", help="worker processes per server, each count in turn"
    )
    parser.add_argument("--serve", choices=["bare", "graphql-core"], help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.port, args.database_url, int(args.workers))
        return

    tmp = Path(tempfile.mkdtemp(prefix="http-bench-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
        # the rate limiter is counted, as in production, but set high enough never to refuse
        env = {
            **os.environ,
            "SOCIALAUDIT_DATABASE_URL": database_url,
            "SOCIALAUDIT_RATE_LIMIT": "1000000/second",
        }
        API_KEY[0] = create_key(env)
        ports = {name: free_port() for name in SERVERS}
        socialaudit = shutil.which("socialaudit") or "socialaudit"
        serve_service = [socialaudit, "serve", "--port", str(ports["service"])]
        # loading is not measured: its assessment may take its time on a busy machine
        loader_env = {**env, "SOCIALAUDIT_EXECUTION_TIMEOUT_SECONDS": "600"}
        loader = start(serve_service, loader_env, tmp / "loader.log", ports["service"])
        processes.append(loader)
        started = time.perf_counter()
        organisation, assessment, findings, kpis = load_example(ports["service"], args.example)
        print(
            f"loaded {args.example.name} through the API and assessed it in "
            f"{time.perf_counter() - started:.1f} s: {findings} findings, {kpis} KPI values",
            flush=True,
        )
        queries = {
            "small": json.dumps({"query": SMALL, "variables": {"id": organisation}}).encode(),
            "large": json.dumps({"query": LARGE, "variables": {"id": assessment}}).encode(),
        }
        stop_all([loader])
        runs: dict[tuple[str, int, str, int], list[dict[str, Any]]] = {}
        worker_counts = [int(w) for w in args.workers.split(",")]
        for workers in worker_counts:
            # fresh servers, so that none carries what the assessment loaded
            servers = start_servers(ports, workers, database_url, env, tmp)
            processes += servers
            check_alike(ports, queries)
            measure(ports, queries, workers, args, runs)
            stop_all(servers)
        results = {key: pooled(value) for key, value in runs.items()}
        report(results, args.clients, worker_counts)
        figures = {
            " ".join(map(str, key)): {k: v for k, v in value.items() if k != "latencies"}
            for key, value in results.items()
        }
        print(json.dumps(figures))
    finally:
        stop_all(processes)
        shutil.rmtree(tmp, ignore_errors=True)


def start_servers(
    ports: dict[str, int], workers: int, database_url: str, env: dict[str, str], tmp: Path
) -> list[subprocess.Popen[bytes]]:
    socialaudit = shutil.which("socialaudit") or "socialaudit"
    command = [socialaudit, "serve", "--port", str(ports["service"]), "--workers", str(workers)]
    servers = [start(command, env, tmp / f"service-{workers}.log", ports["service"])]
    for name in ("bare", "graphql-core"):
        command = [sys.executable, __file__, "--serve", name, "--port", str(ports[name])]
        command += ["--database-url", database_url, "--workers", str(workers)]
        servers.append(start(command, env, tmp / f"{name}-{workers}.log", ports[name]))
    return servers


def check_alike(ports: dict[str, int], queries: dict[str, bytes]) -> None:
    for query, body in queries.items():
        answers = {}
        for name in SERVERS:
            connection = Connection(ports[name], body)
            answers[name] = connection.send()
            connection.close()
        if json.loads(answers["service"]).get("errors") or len(set(answers.values())) != 1:
            for name, answer in answers.items():
                print(f"--- {name} ({len(answer)} bytes)\n{answer[:2000].decode()}")
            raise SystemExit(f"the servers do not answer the {query} query alike")
        print(f"{query} query: all three answer the same {len(answers['bare']):,} bytes")


def measure(
    ports: dict[str, int],
    queries: dict[str, bytes],
    workers: int,
    args: argparse.Namespace,
    runs: dict[tuple[str, int, str, int], list[dict[str, Any]]],
) -> None:
    """Warm-up, then rounds with the servers in turn within each, so that a slower spell of
    a shared machine falls on all three and not on one."""
    for body in queries.values():
        for name in SERVERS:
            load(ports[name], body, 1, args.warmup, 0.0)
    for round_number in range(1, args.rounds + 1):
        print(f"{workers} worker(s), round {round_number} of {args.rounds}", flush=True)
        for query, body in queries.items():
            for clients in (1, args.clients):
                for name in SERVERS:
                    figures = load(ports[name], body, clients, 0.2, args.seconds)
                    runs.setdefault((query, clients, name, workers), []).append(figures)
                    print(
                        f"  {query:<6}{clients:>3} client(s) {name:<13}"
                        f"{figures['rps']:>9.0f} req/s  p50 {figures['p50']:7.2f} ms"
                        f"  p99 {figures['p99']:7.2f} ms",
                        flush=True,
                    )


def report(
    results: dict[tuple[str, int, str, int], dict[str, Any]], many: int, worker_counts: list[int]
) -> None:
    print(
        "\n| query | workers | clients | server | req/s | × bare | p50 ms | p99 ms |\n"
        "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
    )
    for query in ("small", "large"):
        for workers in worker_counts:
            for clients in (1, many):
                bare = results[(query, clients, "bare", workers)]
                for name in SERVERS:
                    figures = results[(query, clients, name, workers)]
                    print(
                        f"| {query} | {workers} | {clients} | {name} | {figures['rps']:.0f} "
                        f"| {figures['rps'] / bare['rps']:.2f} | {figures['p50']:.2f} "
                        f"| {figures['p99']:.1f} |"
                    )
    print()
    for workers in worker_counts:

        def ratio(query: str, clients: int, workers: int = workers) -> float:
            service = results[(query, clients, "service", workers)]["rps"]
            return service / results[(query, clients, "bare", workers)]["rps"]

        small = min(ratio("small", 1), ratio("small", many))
        large = ratio("large", 1)
        large_p99 = results[("large", 1, "service", workers)]["p99"]
        print(
            f"{workers} worker(s): small query {small:.2f}x bare (goal {SMALL_GOAL}) "
            f"-> {'met' if small >= SMALL_GOAL else 'NOT met'}; large query {large:.2f}x bare "
            f"at 1 client (goal {LARGE_GOAL}) -> {'met' if large >= LARGE_GOAL else 'NOT met'}; "
            f"large p99 {large_p99:.1f} ms (goal under {LARGE_P99_GOAL_MS:.0f}) -> "
            f"{'met' if large_p99 < LARGE_P99_GOAL_MS else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
