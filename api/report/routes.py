"""`GET /reports/{assessment id}` for a key of the agency that owns the assessment, and
`GET /reports/shared/{token}` for a client holding a share link: the report page, or with
`?format=pdf|csv|xlsx` the PDF or the figures; `?lang=` picks the language (default: the
Accept-Language header).

Anyone else gets 404 `NOT_FOUND`, whether the assessment is another agency's, does not exist,
or the link is forged, tampered with, signed with another secret, expired or revoked: the
answer never tells which. Wrong share tokens
count against the client's address like wrong API keys.
"""

from __future__ import annotations

from collections.abc import Callable

import anyio
import orjson
from starlette.requests import Request
from starlette.responses import Response

from socialaudit.api.auth import Caller, Role
from socialaudit.api.gate import Gate, RequestError
from socialaudit.api.graphql_http import accepted_language
from socialaudit.api.report.facts import ReportInput
from socialaudit.api.report.output import render
from socialaudit.api.report.pdf import PdfUnavailable
from socialaudit.engine.text import SUPPORTED_LANGUAGES
from socialaudit.schema.ids import local_id
from socialaudit.service.link_signing import LinkSigner
from socialaudit.service.reports import shared_link
from socialaudit.service.service import Service

MEDIA_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The page is self-contained: it may load nothing, run nothing, and send no referrer (a share
# link's token must not reach a post's platform when the client follows a permalink).
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "private, no-store",
}
DOWNLOADS = ("csv", "xlsx")


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Response:
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    return Response(
        orjson.dumps(body), status_code=status, media_type="application/json", headers=headers
    )


NOT_FOUND_MESSAGE = "no report here: the assessment is not yours, or the link is not valid"


class ReportRoutes:
    def __init__(
        self, gate: Gate, service_for: Callable[[Caller], Service], signer: LinkSigner
    ) -> None:
        self.gate = gate
        self.service_for = service_for
        self.signer = signer

    async def own(self, request: Request) -> Response:
        try:
            caller = await self.gate.admit(request)
        except RequestError as exc:
            return _error(exc.status, exc.code or "BAD_REQUEST", exc.message, exc.headers)
        assessment_id = local_id(request.path_params["assessment_id"], "Assessment")
        if assessment_id is None:
            return _error(404, "NOT_FOUND", NOT_FOUND_MESSAGE)
        return await self._answer(request, self.service_for(caller), assessment_id)

    async def shared(self, request: Request) -> Response:
        address = request.client.host if request.client else "unknown"
        wait = self.gate.failures.refused(address)
        if wait is not None:
            seconds = f"{wait:.0f}"
            return _error(
                429,
                "RATE_LIMITED",
                f"too many wrong report links from this address; retry after {seconds} s",
                {"Retry-After": seconds},
            )
        token = request.path_params["token"]
        link = await anyio.to_thread.run_sync(shared_link, self.gate.engine, self.signer, token)
        if link is None:
            self.gate.failures.hit(address)
            return _error(404, "NOT_FOUND", NOT_FOUND_MESSAGE)
        reader = Caller(link.agency_id, "", Role.READ, None)
        return await self._answer(request, self.service_for(reader), link.assessment_id)

    async def _answer(self, request: Request, service: Service, assessment_id: str) -> Response:
        output_format = request.query_params.get("format", "html")
        if output_format not in MEDIA_TYPES:
            return _error(400, "BAD_REQUEST", f"format must be one of {', '.join(MEDIA_TYPES)}")
        language = request.query_params.get("lang") or accepted_language(
            request.headers.get("accept-language")
        )
        if language not in SUPPORTED_LANGUAGES:
            return _error(
                400, "BAD_REQUEST", f"lang must be one of {', '.join(SUPPORTED_LANGUAGES)}"
            )

        def build() -> bytes | None:
            material = service.report_material(assessment_id, language)
            if material is None:
                return None
            inp = ReportInput(
                assessment=material.assessment,
                data=material.data,
                previous=material.previous,
                history=material.history,
                window_days=material.window_days,
                sources=material.sources,
            )
            downloads = {f: f"?format={f}&lang={language}" for f in DOWNLOADS}
            return render(inp, output_format, language, service.brand(), downloads)

        try:
            content = await anyio.to_thread.run_sync(build)
        except PdfUnavailable as exc:
            return _error(501, "PDF_UNAVAILABLE", str(exc))
        if content is None:
            return _error(404, "NOT_FOUND", NOT_FOUND_MESSAGE)
        headers = dict(HEADERS)
        if output_format != "html":
            headers["Content-Disposition"] = f'attachment; filename="report.{output_format}"'
        return Response(content, media_type=MEDIA_TYPES[output_format], headers=headers)
