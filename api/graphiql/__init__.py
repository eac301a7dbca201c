"""GraphiQL, served from the package: React, ReactDOM and GraphiQL's own build ship in
`static/` (npm: graphiql 3.8.3, react and react-dom 18.2.0, MIT, see static/LICENSES.txt), so
the page works offline and behind a firewall instead of staying on "Loading...".

Request headers (where an API key goes) are never written to the browser's localStorage:
GraphiQL is told not to persist them, and the storage it is given drops any key about headers
in case a later version stores them anyway. The page opens on an example query with an
`Authorization` header placeholder.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from starlette.requests import Request
from starlette.responses import Response

ASSETS = {
    "react.production.min.js": "text/javascript; charset=utf-8",
    "react-dom.production.min.js": "text/javascript; charset=utf-8",
    "graphiql.min.js": "text/javascript; charset=utf-8",
    "graphiql.min.css": "text/css; charset=utf-8",
    "graphiql-init.js": "text/javascript; charset=utf-8",
}
PREFIX = "/graphiql/"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>socialaudit GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{PREFIX}graphiql.min.css">
<style>body {{ margin: 0; }} #graphiql {{ height: 100vh; }}</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="{PREFIX}react.production.min.js"></script>
<script src="{PREFIX}react-dom.production.min.js"></script>
<script src="{PREFIX}graphiql.min.js"></script>
<script src="{PREFIX}graphiql-init.js"></script>
</body>
</html>
"""
# Scripts only from this origin and none inline; the API is fetched from this origin too.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; "
    "style-src 'self' 'unsafe-inline'; font-src data:; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
}


def graphiql_page() -> str:
    return PAGE


@cache
def _asset(name: str) -> bytes:
    return (files("socialaudit.api.graphiql") / "static" / name).read_bytes()


async def graphiql_asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in ASSETS:
        return Response("not found", status_code=404, media_type="text/plain")
    return Response(
        _asset(name),
        media_type=ASSETS[name],
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )
