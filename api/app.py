"""The Starlette application: `/graphql`, `/healthz`, and the middleware around them.

`create_app` builds everything from `Settings`: it migrates the database to the shipped
revision, loads the plugins once and serves them to every request.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import anyio
from sqlalchemy import Engine, text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from socialaudit.api.auth import Caller, development_caller
from socialaudit.api.gate import Gate, KeyCache
from socialaudit.api.graphiql import graphiql_asset
from socialaudit.api.graphql_http import GraphQLEndpoint
from socialaudit.api.logs import configure_logging
from socialaudit.api.middleware import BodyLimitMiddleware, RequestIdMiddleware
from socialaudit.api.ratelimit import RateLimiter
from socialaudit.api.report.routes import ReportRoutes
from socialaudit.api.settings import Settings
from socialaudit.engine.config import find_config, load_settings
from socialaudit.engine.registry import Registry, build_registry
from socialaudit.schema import build_schema
from socialaudit.service.assessment_pool import AssessmentPool
from socialaudit.service.import_parsing import ImportParsers
from socialaudit.service.jobs import JobQueue
from socialaudit.service.link_signing import link_signer
from socialaudit.service.service import Service
from socialaudit.service.storage.classification_cache import (
    PRUNE_INTERVAL_SECONDS,
    prune_in_upkeep,
)
from socialaudit.service.storage.database import create_database_engine, grant_to_role, migrate
from socialaudit.service.storage.tenancy import Tenancy, check_database_role

log = logging.getLogger("socialaudit.app")


def classification_cache_upkeep(
    engine: Engine, keep_days: int, interval: float = PRUNE_INTERVAL_SECONDS
) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    """The server's lifespan: it removes cached classifications unused for `keep_days` when it
    starts and then every `interval` seconds, in a thread, so the table stays bounded without
    a scheduler (several servers on one database each do it: the same rows, removed once).
    A failure is logged and tried again next time; it never stops the server."""

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async def every_interval() -> None:
            while True:
                await anyio.to_thread.run_sync(prune_in_upkeep, engine, keep_days)
                await anyio.sleep(interval)

        async with anyio.create_task_group() as tasks:
            tasks.start_soon(every_interval)
            yield
            tasks.cancel_scope.cancel()

    return lifespan


def job_queue(url: str) -> JobQueue:
    """The job system named by `SOCIALAUDIT_QUEUE_URL`, imported only when one is."""
    from socialaudit.service.job_queue import ProcrastinateQueue

    queue = ProcrastinateQueue(url)
    queue.ensure_schema()
    return queue


def create_app(
    settings: Settings | None = None,
    registry: Registry | None = None,
    parsers: ImportParsers | None = None,
) -> Starlette:
    """`registry` lets an embedding application (or a test) share one loaded set of plugins,
    `parsers` give it worker processes that read imported files with its own adapters."""
    settings = settings or Settings()
    engine = create_database_engine(settings.database_url)
    migrate(engine)
    if settings.database_role:
        grant_to_role(engine, settings.database_role)
    problem = check_database_role(engine, settings.database_role)
    if problem and settings.production:
        raise RuntimeError(problem)
    if problem:
        log.warning(problem)
    shared = registry or build_registry(load_settings(find_config(settings.plugins_toml)))
    for plugin in shared.failures:
        log.warning("plugin failed to load", extra={"plugin": plugin.name, "errors": plugin.errors})
    development = development_caller(engine) if settings.development else None
    if development is not None:
        log.warning(
            "DEVELOPMENT MODE: no API keys are checked; every request acts for the agency "
            "'development' with write access. Never expose this server."
        )
    gate = Gate(
        engine,
        RateLimiter(settings.rate_limit, settings.rate_limit_storage),
        RateLimiter(settings.failed_key_limit, settings.rate_limit_storage, "failed-key"),
        development,
        KeyCache(settings.api_key_cache_seconds),
    )

    # the workers build their registry from plugins.toml: only when this one came from it too
    # (the same for the workers that read imported files, unless they are given)
    assessor = (
        AssessmentPool(
            settings.assessment_processes,
            settings.plugins_toml,
            settings.database_url,
            settings.database_role,
        )
        if settings.assessment_processes and registry is None
        else None
    )
    if parsers is None and settings.import_processes and registry is None:
        parsers = ImportParsers(settings.import_processes, settings.plugins_toml)
    if parsers is not None:
        parsers.start()
    queue = job_queue(settings.queue_url) if settings.queue_url else None
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    signer = link_signer(engine, secret)

    def service_for(caller: Caller) -> Service:
        tenancy = Tenancy(engine, caller.agency_id, settings.database_role)
        service = Service(tenancy, shared, assessor, parsers)
        service.queue = queue
        service.link_signer = signer
        return service

    graphql = GraphQLEndpoint(build_schema(), gate, service_for, settings)
    reports = ReportRoutes(gate, service_for, signer)

    async def healthz(_: Request) -> JSONResponse:
        def ping() -> None:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))

        try:
            with anyio.fail_after(5):
                await anyio.to_thread.run_sync(ping)
        except Exception:  # any failure to reach the database is "unhealthy", and logged
            log.exception("health check failed")
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    # no origins allowed, no CORS headers to add: then the middleware is only a cost per request
    cors = (
        [
            Middleware(
                CORSMiddleware,
                allow_origins=settings.cors_origins,
                allow_methods=["GET", "POST"],
                allow_headers=[
                    "Authorization",
                    "Content-Type",
                    "GraphQL-Preflight",
                    "X-Request-ID",
                ],
                expose_headers=["X-Request-ID", "Retry-After"],
                max_age=600,
            )
        ]
        if settings.cors_origins
        else []
    )
    app = Starlette(
        lifespan=classification_cache_upkeep(engine, settings.classification_cache_days),
        routes=[
            # every method reaches the endpoint, so a wrong one gets a GraphQL error body too
            Route("/graphql", graphql.handle, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/graphiql/{name}", graphiql_asset, methods=["GET"]),
            Route("/reports/shared/{token}", reports.shared, methods=["GET"]),
            Route("/reports/{assessment_id}", reports.own, methods=["GET"]),
        ],
        middleware=[
            Middleware(RequestIdMiddleware),
            *cors,
            Middleware(
                BodyLimitMiddleware,
                max_bytes=settings.max_body_bytes,
                max_upload_bytes=settings.max_upload_bytes,
            ),
        ],
    )
    app.state.service_for = service_for
    app.state.registry = shared
    app.state.settings = settings
    app.state.engine = engine
    app.state.gate = gate
    app.state.assessor = assessor
    app.state.parsers = parsers
    return app


READ_SWITCH_INTERVAL = 0.001
"""Seconds a thread may hold the interpreter lock before another gets a turn (Python's default
is 0.005): an assessment computing in one thread then delays a read in another by a fifth as
much, which is most of what a read waits for under load."""


def create_app_from_environment() -> Starlette:
    """Factory for uvicorn workers: settings from `SOCIALAUDIT_*`, JSON logs, and the short
    switch interval a server mixing reads with CPU-bound work needs."""
    configure_logging()
    sys.setswitchinterval(READ_SWITCH_INTERVAL)
    return create_app(Settings())
