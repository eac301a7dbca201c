"""GraphQL over HTTP, as the graphql-over-http spec and its `graphql-http` audit describe it.

The strawberry schema defines the API; this endpoint runs it on graphql-core directly, because
the request path is where the time goes: a document is parsed and validated once and cached by
its text, the whole execution runs in one worker thread (resolvers touch the database and may
run an assessment, so nothing of it runs on the event loop), and the response is encoded with
orjson. strawberry's own view answers every request `application/json` with status 200, which
the spec allows only for legacy clients; here `application/graphql-response+json` is answered
with 4xx for a request that never executed.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio
import orjson
from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    NoSchemaIntrospectionCustomRule,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    specified_rules,
    validate,
)
from sqlalchemy.exc import DisconnectionError, OperationalError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry import Schema
from strawberry.file_uploads.utils import replace_placeholders_with_files

from socialaudit.api.auth import Caller
from socialaudit.api.capacity import Capacity
from socialaudit.api.gate import Gate, RequestError, database_unavailable
from socialaudit.api.graphiql import HEADERS as GRAPHIQL_HEADERS
from socialaudit.api.graphiql import graphiql_page
from socialaudit.api.limits import limits_rule
from socialaudit.api.middleware import BodyTooLarge, too_large_message
from socialaudit.api.persisted import PersistedQueries, PersistedQueryNotFound
from socialaudit.api.settings import Settings
from socialaudit.engine.text import SUPPORTED_LANGUAGES
from socialaudit.schema.context import EXECUTION_TIMEOUT_MESSAGE, ExecutionTimeout, RequestContext
from socialaudit.service.service import Service

log = logging.getLogger("socialaudit.graphql")

COMMIT_GRACE_SECONDS = 1.0
"""How long past the time limit a worker may take to finish a commit it began in time."""

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
PREFLIGHT_HEADERS = ("graphql-preflight", "apollo-require-preflight", "x-apollo-operation-name")


@dataclass(frozen=True)
class Prepared:
    """A parsed and validated document, or the errors that stop it."""

    document: DocumentNode | None
    errors: list[GraphQLError]


def _weighted(header: str) -> list[str]:
    """The values of a header with `q=` weights (Accept, Accept-Language), best first; a
    value weighted 0 is refused, not offered. Equal weights keep the header's order."""
    ranked = []
    for index, part in enumerate(header.split(",")):
        value, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, index, value.lower()))
    return [value for _, _, value in sorted(ranked)]


def response_media_type(accept: str | None) -> str:
    """graphql-response+json when the client takes it, else JSON; missing Accept means JSON."""
    if not accept:
        return JSON
    offered = _weighted(accept)
    if GRAPHQL_RESPONSE in offered:
        return GRAPHQL_RESPONSE
    if any(m in (JSON, "application/*", "*/*") for m in offered):
        return JSON
    raise RequestError(406, f"can answer {GRAPHQL_RESPONSE} or {JSON} only")


def accepted_language(header: str | None) -> str:
    """The first of nl/en/fr the Accept-Language header names (by weight), else English."""
    languages = [tag.split("-")[0] for tag in _weighted(header or "")]
    return next((lang for lang in languages if lang in SUPPORTED_LANGUAGES), "en")


def _coded(error: GraphQLError, code: str) -> GraphQLError:
    """The error with a stable `extensions.code`, unless it carries one already."""
    if (error.extensions or {}).get("code"):
        return error
    return GraphQLError(
        error.message,
        error.nodes,
        error.source,
        error.positions,
        error.path,
        error.original_error,
        {**(error.extensions or {}), "code": code},
    )


def _database_down(result: ExecutionResult) -> bool:
    return any(
        isinstance(e.original_error, OperationalError | DisconnectionError)
        for e in result.errors or ()
    )


class GraphQLEndpoint:
    def __init__(
        self,
        schema: Schema,
        gate: Gate,
        service_for: Callable[[Caller], Service],
        settings: Settings,
    ) -> None:
        self.schema: GraphQLSchema = schema._schema
        self.executor_class = schema.execution_context_class
        self.gate = gate
        self.service_for = service_for
        self.settings = settings
        rules = [*specified_rules, limits_rule(settings.max_depth, settings.max_aliases)]
        if settings.production:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.rules = rules
        self._cache: OrderedDict[str, Prepared] = OrderedDict()
        self.capacity = Capacity.of(settings.heavy_concurrency, settings.read_concurrency)
        self.persisted = PersistedQueries(max(settings.document_cache_size, 1))
        self.ide_html = None if settings.production else graphiql_page()

    # -- documents -----------------------------------------------------------------------------

    def prepare(self, query: str) -> Prepared:
        """Parse and validate, once per distinct query text (LRU)."""
        cached = self._cache.get(query)
        if cached is not None:
            self._cache.move_to_end(query)
            return cached
        try:
            document = parse(query, max_tokens=self.settings.max_tokens)
        except GraphQLError as error:
            prepared = Prepared(None, [_coded(error, "GRAPHQL_PARSE_FAILED")])
        else:
            errors = validate(self.schema, document, self.rules)
            coded = [_coded(e, "GRAPHQL_VALIDATION_FAILED") for e in errors]
            prepared = Prepared(None if errors else document, coded)
        if self.settings.document_cache_size:
            self._cache[query] = prepared
            if len(self._cache) > self.settings.document_cache_size:
                self._cache.popitem(last=False)
        return prepared

    # -- HTTP ----------------------------------------------------------------------------------

    async def handle(self, request: Request) -> Response:
        if (
            request.method == "GET"
            and "query" not in request.query_params
            and self._wants_ide(request)
        ):
            return HTMLResponse(self.ide_html, headers=GRAPHIQL_HEADERS)
        try:
            media_type = response_media_type(request.headers.get("accept"))
        except RequestError as error:
            return self._error_response(error, JSON)
        try:
            return await self._answer(request, media_type)
        except (OperationalError, DisconnectionError):
            log.warning("the database is not reachable")
            return self._error_response(database_unavailable(), media_type)

    async def _answer(self, request: Request, media_type: str) -> Response:
        try:
            caller = await self.gate.admit(request)
            if request.method == "GET":
                params = self._get_params(request)
            elif request.method == "POST":
                params = await self._post_params(request)
            else:
                raise RequestError(405, "use GET for queries or POST", {"Allow": "GET, POST"})
            return await self._run(request, caller, params, media_type)
        except RequestError as error:
            return self._error_response(error, media_type)
        except BodyTooLarge:
            multipart = request.headers.get("content-type", "").startswith("multipart/")
            limit = self.settings.max_upload_bytes if multipart else self.settings.max_body_bytes
            message = too_large_message(limit, multipart, self.settings.max_upload_bytes)
            return self._error_response(
                RequestError(413, message, code="PAYLOAD_TOO_LARGE"), media_type
            )

    def _wants_ide(self, request: Request) -> bool:
        return self.ide_html is not None and "text/html" in request.headers.get("accept", "")

    @staticmethod
    def _get_params(request: Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query_params)
        for name in ("variables", "extensions"):
            if params.get(name):
                try:
                    params[name] = orjson.loads(params[name])
                except orjson.JSONDecodeError as exc:
                    raise RequestError(400, f"`{name}` is not valid JSON") from exc
            else:
                params.pop(name, None)
        return params

    async def _post_params(self, request: Request) -> dict[str, Any]:
        content_type = request.headers.get("content-type", "")
        media = content_type.split(";")[0].strip().lower()
        if media == JSON:
            body = await request.body()
            if not body:
                raise RequestError(400, "the request body is empty; send a JSON object")
            try:
                params = orjson.loads(body)
            except orjson.JSONDecodeError as exc:
                raise RequestError(400, "the request body is not valid JSON") from exc
            if not isinstance(params, dict):
                raise RequestError(400, "the request body must be a JSON object")
            return params
        if media == "multipart/form-data":
            self._require_preflight(request)
            return await self._multipart_params(request)
        raise RequestError(
            415,
            f"send {JSON} (or multipart/form-data for uploads)",
            {"Accept-Post": f"{JSON}, multipart/form-data"},
        )

    @staticmethod
    def _require_preflight(request: Request) -> None:
        """A browser may post a form across sites without asking; it may not set these headers
        without a CORS preflight, so requiring one stops cross-site request forgery."""
        if not any(request.headers.get(h) for h in PREFLIGHT_HEADERS):
            raise RequestError(
                400,
                "multipart requests need a non-empty GraphQL-Preflight header "
                "(or Apollo-Require-Preflight / X-Apollo-Operation-Name) against CSRF",
            )

    async def _multipart_params(self, request: Request) -> dict[str, Any]:
        try:
            form = await request.form(
                max_files=self.settings.max_upload_files,
                max_fields=self.settings.max_upload_files + 2,
                max_part_size=self.settings.max_body_bytes,
            )
        except MultiPartException as exc:
            raise RequestError(400, f"multipart body refused: {exc.message}") from exc
        except HTTPException as exc:  # starlette's own limits: too many files or fields
            raise RequestError(400, f"multipart body refused: {exc.detail}") from exc
        try:
            operations = orjson.loads(str(form.get("operations", "")))
            files_map = orjson.loads(str(form.get("map", "{}")))
        except orjson.JSONDecodeError as exc:
            raise RequestError(400, "`operations` and `map` must be JSON") from exc
        if not isinstance(operations, dict) or not isinstance(files_map, dict):
            raise RequestError(400, "`operations` must be an object and `map` an object")
        files = {k: v for k, v in form.items() if isinstance(v, UploadFile)}
        try:
            return replace_placeholders_with_files(operations, files_map, files)  # type: ignore[no-any-return]
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise RequestError(400, "`map` names a file or path that is not there") from exc

    # -- execution -----------------------------------------------------------------------------

    async def _run(
        self, request: Request, caller: Caller, params: dict[str, Any], media_type: str
    ) -> Response:
        extensions = params.get("extensions")
        if extensions is not None and not isinstance(extensions, dict):
            raise RequestError(400, "`extensions` must be an object")
        try:
            query = self.persisted.resolve(params.get("query"), extensions)
        except PersistedQueryNotFound as missing:
            not_found = GraphQLError(
                missing.message, extensions={"code": "PERSISTED_QUERY_NOT_FOUND"}
            )
            return self._result_response(ExecutionResult(None, [not_found]), media_type, True)
        if not isinstance(query, str) or not query:
            raise RequestError(400, "`query` must be a non-empty string")
        variables = params.get("variables")
        operation_name = params.get("operationName")
        if variables is not None and not isinstance(variables, dict):
            raise RequestError(400, "`variables` must be an object")
        if operation_name is not None and not isinstance(operation_name, str):
            raise RequestError(400, "`operationName` must be a string")

        prepared = self.prepare(query)
        if prepared.document is None:
            return self._result_response(ExecutionResult(None, prepared.errors), media_type, True)
        operation = get_operation_ast(prepared.document, operation_name)
        if operation is None:
            raise RequestError(400, "no operation with that name, or several and none chosen")
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            raise RequestError(405, "mutations need POST", {"Allow": "POST"})
        if operation.operation == OperationType.MUTATION and not caller.can_write:
            raise RequestError(
                403,
                "this API key is read-only; mutations need a key with the write role "
                "(socialaudit apikey create --role write)",
                code="FORBIDDEN",
            )

        request_id = request.scope.get("state", {}).get("request_id", "")
        context = RequestContext(
            service=self.service_for(caller),
            language=accepted_language(request.headers.get("accept-language")),
            request_id=request_id,
            max_page_size=self.settings.max_page_size,
            deadline=time.monotonic() + self.settings.execution_timeout_seconds,
        )
        try:
            # past the limit the worker stops at its next `check_time` (the last one just before
            # a commit); the grace lets a mutation's commit that began in time finish before the
            # client is told TIMEOUT, so what it is told and what is stored agree
            grace = COMMIT_GRACE_SECONDS if operation.operation == OperationType.MUTATION else 0
            with anyio.fail_after(self.settings.execution_timeout_seconds + grace):
                # the thread cannot be killed: it is abandoned, and stops at its next
                # `check_time`; the client gets its answer at the limit
                result = await anyio.to_thread.run_sync(
                    self._execute,
                    prepared.document,
                    context,
                    variables,
                    operation_name,
                    abandon_on_cancel=True,
                    limiter=self.capacity.for_operation(operation),
                )
        except TimeoutError:
            log.warning("operation ran past its time limit and its grace")
            return self._timed_out(request_id, media_type)
        timed_out = next(
            (e for e in result.errors or () if isinstance(e.original_error, ExecutionTimeout)),
            None,
        )
        if timed_out is not None:
            log.warning("operation ran past its time limit")
            return self._timed_out(request_id, media_type, timed_out)
        if _database_down(result):
            log.warning("the database is not reachable")
            return self._error_response(database_unavailable(), media_type)
        request_error = result.data is None and all(e.path is None for e in result.errors or ())
        if request_error:  # variables that do not coerce: nothing ran
            coded = [_coded(e, "BAD_USER_INPUT") for e in result.errors or ()]
            result = ExecutionResult(None, coded, result.extensions)
        return self._result_response(self._masked(result, request_id), media_type, request_error)

    def _timed_out(
        self, request_id: str, media_type: str, where: GraphQLError | None = None
    ) -> Response:
        """504 TIMEOUT; with the field that stopped (`where`) when a resolver noticed the
        limit: its path and location, and what it said about the stop."""
        general = (
            "the operation ran past its time limit and was stopped; nothing it would have "
            "changed was stored (an import sent again is then imported, or reported as a "
            "duplicate if a commit did finish)"
        )
        extensions = {**((where.extensions or {}) if where else {}), "requestId": request_id}
        extensions["code"] = "TIMEOUT"
        own = where.message if where and where.message != EXECUTION_TIMEOUT_MESSAGE else None
        result = ExecutionResult(
            None,
            [
                GraphQLError(
                    f"{own} ({general})" if own else general,
                    where.nodes if where else None,
                    path=where.path if where else None,
                    extensions=extensions,
                )
            ],
        )
        return self._result_response(result, media_type, False, status=504)

    def _execute(
        self,
        document: DocumentNode,
        context: RequestContext,
        variables: dict[str, Any] | None,
        operation_name: str | None,
    ) -> ExecutionResult:
        result = execute(
            self.schema,
            document,
            context_value=context,
            variable_values=variables,
            operation_name=operation_name,
            executor_class=self.executor_class,
        )
        if not isinstance(result, ExecutionResult):  # an async resolver slipped in
            raise TypeError("resolvers must be synchronous; they run in a worker thread")
        return result

    @staticmethod
    def _masked(result: ExecutionResult, request_id: str) -> ExecutionResult:
        """Errors from our own GraphQLErrors pass; anything else raised is logged and replaced,
        so no exception text or trace reaches a client."""
        if not result.errors:
            return result
        errors = []
        for error in result.errors:
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                errors.append(error)
                continue
            log.error(
                "resolver raised %s at %s",
                type(original).__name__,
                ".".join(str(p) for p in error.path or ()),
                exc_info=(type(original), original, original.__traceback__),
            )
            errors.append(
                GraphQLError(
                    f"internal error; quote request id {request_id} to find it in the log",
                    error.nodes,
                    path=error.path,
                    extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
                )
            )
        return ExecutionResult(result.data, errors, result.extensions)

    # -- responses -----------------------------------------------------------------------------

    @staticmethod
    def _result_response(
        result: ExecutionResult, media_type: str, request_error: bool, status: int | None = None
    ) -> Response:
        payload: dict[str, Any] = {}
        if result.errors:
            payload["errors"] = [e.formatted for e in result.errors]
        if not request_error:
            payload["data"] = result.data
        if status is None:
            status = 400 if request_error and media_type == GRAPHQL_RESPONSE else 200
        return Response(
            orjson.dumps(payload, option=orjson.OPT_NON_STR_KEYS),
            status_code=status,
            media_type=f"{media_type}; charset=utf-8",
        )

    @staticmethod
    def _error_response(error: RequestError, media_type: str) -> Response:
        entry: dict[str, Any] = {"message": error.message}
        if error.code:
            entry["extensions"] = {"code": error.code}
        body = orjson.dumps({"errors": [entry]})
        return Response(
            body,
            status_code=error.status,
            media_type=f"{media_type}; charset=utf-8",
            headers=error.headers,
        )
