"""GraphiQL, served by the API itself with every asset local (no CDN), so it opens offline.

`api/graphiql` bundles GraphiQL from npm at build time (`make graphiql`: `npm ci && npm run
build` → api/graphiql/dist). A browser's `GET /graphql` gets dist/index.html (through
api/view.py); its scripts, styles, fonts and Monaco's workers are served from /graphiql/.
Both carry the dashboard's strict security headers (self only, no inline script or style).
Without a build, `GET /graphql` answers 503 with a page saying how to build it; POST /graphql
works regardless. Off, with everything else GraphiQL needs, when `Settings.api_graphiql` is
false (production mode).
"""

from __future__ import annotations

from pathlib import Path

from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from api import dashboard_site
from api.dashboard_site import SecurityHeaders

DIST = Path(__file__).resolve().parent / "graphiql" / "dist"
# The dashboard's policy with two relaxations, both for styles: inline styles (Monaco,
# GraphiQL 5's editor, writes its layout and theme into <style> elements and style=""
# attributes at run time) and `data:` fonts (GraphiQL's stylesheet embeds its fonts).
# Scripts stay self-only (no inline script, no eval, no other host); connections go to this
# origin only.
CSP = (dashboard_site.CSP.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';")
       .replace("font-src 'self';", "font-src 'self' data:;"))
HEADERS = {**dashboard_site.HEADERS, "content-security-policy": CSP}
ASSETS_PATH = "/graphiql"

MISSING = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>GraphiQL not built</title></head><body>
<h1>GraphiQL has not been built</h1>
<p>Its assets are missing from <code>api/graphiql/dist</code>. Build them with
<code>make graphiql</code> (or <code>cd api/graphiql &amp;&amp; npm ci &amp;&amp; npm run build</code>),
then reload. The API itself answers <code>POST /graphql</code> meanwhile.</p></body></html>"""


def graphiql_page(dist: Path = DIST) -> Response:
    """The GraphiQL page (read at each request: a rebuild needs no restart), or the 503 page."""
    index = dist / "index.html"
    if not index.is_file():
        return HTMLResponse(MISSING, status_code=503, headers={**HEADERS, "Retry-After": "60"})
    return HTMLResponse(index.read_text(encoding="utf-8"),
                        headers={**HEADERS, "cache-control": "no-store"})


def graphiql_mount(dist: Path = DIST) -> Mount:
    """/graphiql/… → the built assets (hashed names; they hold no data)."""
    return Mount(ASSETS_PATH, name="graphiql",
                 app=SecurityHeaders(StaticFiles(directory=dist, check_dir=False), HEADERS))
