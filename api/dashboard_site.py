"""The dashboard's static page at `/`: the built assets of api/dashboard (`npm run build` →
api/dashboard/dist), with strict security headers; a clear 503 page when they are missing.

Mounted last, after /graphql, /healthz, /readyz and /metrics, so those keep working.
The headers apply to the dashboard only (GraphiQL at /graphql has its own needs).
"""

from __future__ import annotations

from pathlib import Path

from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DIST = Path(__file__).resolve().parent / "dashboard" / "dist"

# Self only. `blob:` workers: the ForceAtlas2 layout worker is built from a same-origin Blob.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}

MISSING = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Dashboard not built</title></head><body>
<h1>The dashboard has not been built</h1>
<p>Its assets are missing from <code>api/dashboard/dist</code>. Build them with
<code>make dashboard</code> (or <code>cd api/dashboard &amp;&amp; npm ci &amp;&amp; npm run build</code>),
then reload. The API is up: <a href="/graphql">/graphql</a>.</p></body></html>"""


class SecurityHeaders:
    """ASGI wrapper adding `headers` (HEADERS by default) to every HTTP response of the app."""

    def __init__(self, app: ASGIApp, headers: dict[str, str] = HEADERS) -> None:
        self.app = app
        self.headers = headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode().lower() not in self.headers]
                headers += [(k.encode(), v.encode()) for k, v in self.headers.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _missing(scope: Scope, receive: Receive, send: Send) -> None:
    response = HTMLResponse(MISSING, status_code=503, headers={"Retry-After": "60"})
    await response(scope, receive, send)


def dashboard_mount(dist: Path = DIST) -> Mount:
    """`/` → the built dashboard, or the 503 page if `dist` has no index.html."""
    if (dist / "index.html").is_file():
        app: ASGIApp = StaticFiles(directory=dist, html=True)
    else:
        app = _missing
    return Mount("/", app=SecurityHeaders(app), name="dashboard")
