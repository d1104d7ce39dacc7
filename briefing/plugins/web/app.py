"""The read-only web application: Starlette routes over the stored briefings.

What it may serve is what the routes name: pages rendered from the state, and the few static
files of this package listed in `STATIC` (read once from package data). No route turns any part
of a request into a file path, so ``/../state.db`` or ``/static/..%2f..%2fstate.db`` can only be
a 404. Every value a page shows is escaped (autoescaping templates); every response carries a
Content-Security-Policy that allows scripts and styles from this origin only, so nothing inline
runs even if a feed smuggled markup into an article. Only GET and HEAD are answered.

Handlers are plain functions, which Starlette runs on its worker threads; SQLite connections
belong to the thread that opened them, so each thread reads through its own `Service` fork.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from datetime import date
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from briefing import Briefing, Service
from briefing.plugins.web.reading import (
    Library,
    evidence_lines,
    highlight_parts,
    latest_of_each_day,
    query_words,
)

STATIC = {"app.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8",
          "icon.svg": "image/svg+xml"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
           (b"cross-origin-opener-policy", b"same-origin")]
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
GET = ["GET", "HEAD"]
log = logging.getLogger("briefing.web")
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]


class SecurityHeaders:
    """Adds `HEADERS` to every response, error pages included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class Pages:
    """The routes' handlers, over one configuration's state."""

    def __init__(self, service: Service) -> None:
        self._root = service
        self._local = threading.local()
        self.library = Library(self.service)
        self.static = {name: resources.files("briefing.plugins.web").joinpath("static", name).read_bytes()
                       for name in STATIC}

    def service(self) -> Service:
        found: Service | None = getattr(self._local, "service", None)
        if found is None:
            found = self._local.service = self._root.fork()
        return found

    def page(self, request: Request, template: str, briefing: Briefing | None = None,
             status: int = 200, **values: Any) -> HTMLResponse:
        """A page from ``web/<template>`` (a user's templates folder first). Templates get
        ``root`` (the prefix of every link, behind a proxy's path), ``query`` (the search box)
        and, with a briefing, ``evidence(item)`` besides what every template gets."""
        values.setdefault("query", "")
        text = self.service().render(
            f"web/{template}", briefing, autoescape=True, root=request.scope.get("root_path", ""),
            evidence=lambda item: evidence_lines(briefing, item) if briefing else [], **values)
        return HTMLResponse(text, status_code=status)

    # Routes.

    def index(self, request: Request) -> Response:
        service = self.service()
        days = self.library.days()
        names = list(dict.fromkeys([*service.names(), *(run.name for run in days)]))
        by_name = {name: [run for run in days if run.name == name] for name in names}
        titles = {name: service.spec(name).title for name in service.names()}
        return self.page(request, "index.html.j2", by_name=by_name, titles=titles)

    def latest(self, request: Request) -> Response:
        name = request.path_params["name"]
        day = request.query_params.get("day")
        if day:  # the day picker's form
            return RedirectResponse(request.url_for("day", name=name, day=_day(day)), status_code=303)
        runs = latest_of_each_day(self.service().history(name))
        if not runs:
            raise HTTPException(404, f"No briefing called {name} is stored yet.")
        return self.day_page(request, name, runs[0].day, runs)

    def day(self, request: Request) -> Response:
        name, day = request.path_params["name"], _day(request.path_params["day"])
        return self.day_page(request, name, day, latest_of_each_day(self.service().history(name)))

    def day_page(self, request: Request, name: str, day: str, runs: Sequence[Any]) -> Response:
        briefing = self.service().stored(name, day)
        if briefing is None:
            raise HTTPException(404, f"No {name} briefing is stored for {day}.")
        days = [run.day for run in runs]
        at = days.index(day) if day in days else -1
        newer = days[at - 1] if at > 0 else None
        older = days[at + 1] if 0 <= at < len(days) - 1 else None
        run = runs[at] if at >= 0 else None
        zone = self.service().zone(name) if name in self.service().names() else None
        made = briefing.generated_at.astimezone(zone) if zone else briefing.generated_at
        return self.page(request, "briefing.html.j2", briefing, day=day, days=days, newer=newer,
                         older=older, run=run, made=made.strftime("%H:%M %Z"))

    def who(self, request: Request) -> Response:
        name = request.query_params.get("name", "").strip()[:200]
        if not name:
            raise HTTPException(404, "Which stakeholder? The link needs ?name=.")
        appearances = self.library.stakeholder(name)
        if not appearances:
            raise HTTPException(404, f"No stored briefing mentions a stakeholder called {name}.")
        return self.page(request, "stakeholder.html.j2", name=appearances[0].name,
                         appearances=appearances)

    def search(self, request: Request) -> Response:
        query = request.query_params.get("q", "").strip()[:200]
        results, more = self.library.search(query) if query else ([], False)
        words = query_words(query)
        return self.page(request, "search.html.j2", query=query, results=results, more=more,
                         highlight=lambda text: highlight_parts(text, words))

    def static_file(self, request: Request) -> Response:
        name = request.path_params["file"]
        if name not in self.static:  # the whole list of what /static/ may answer
            raise HTTPException(404, "Not here.")
        return Response(self.static[name], media_type=STATIC[name],
                        headers={"cache-control": "public, max-age=3600"})

    def health(self, request: Request) -> Response:
        return JSONResponse({"ok": True, "briefings": len(self.service().names())})

    def not_found(self, request: Request, error: Exception) -> Response:
        status = getattr(error, "status_code", 500)
        detail = getattr(error, "detail", "") if status < 500 else "Something went wrong."
        try:
            return self.page(request, "error.html.j2", status=status, code=status, message=detail)
        except Exception:  # a broken override of the error page must not hide the error
            log.exception("the error page could not be rendered")
            return Response(str(detail), status_code=status, media_type="text/plain; charset=utf-8")


def _day(value: str) -> str:
    if not _DAY.match(value):
        raise HTTPException(404, "A day is written YYYY-MM-DD.")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise HTTPException(404, f"{value} is not a day of the calendar.") from None
    return value


def make_app(service: Service, *, allowed_hosts: Sequence[str] = ("*",),
             lifespan: Callable[[Any], Any] | None = None) -> ASGIApp:
    """The application over ``service``'s configuration and state."""
    pages = Pages(service)
    routes = [
        Route("/", pages.index, methods=GET, name="index"),
        Route("/search", pages.search, methods=GET, name="search"),
        Route("/who", pages.who, methods=GET, name="who"),
        Route("/health", pages.health, methods=GET, name="health"),
        Route("/static/{file}", pages.static_file, methods=GET, name="static"),
        Route("/b/{name}", pages.latest, methods=GET, name="latest"),
        Route("/b/{name}/{day}", pages.day, methods=GET, name="day"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan,
                    middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))],
                    exception_handlers={HTTPException: pages.not_found, Exception: pages.not_found})
    return SecurityHeaders(app)  # outermost: a 500 page carries the headers too
