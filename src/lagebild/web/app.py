"""The local web UI: `create_app(db_url)` builds the FastAPI app, `serve()` runs it.

Server-rendered pages (Jinja2, autoescaped: articles are untrusted) and a JSON API
behind them, documented at /openapi.json. Read-only; binds 127.0.0.1 by default. Every
error answers with one shape: {"error": {"status": 404, "message": "..."}}.
Static files are read from the package once; no path from a URL reaches the file system.
"""
from __future__ import annotations

import errno
import json
import logging
import os
import socket
from collections.abc import Iterable
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from lagebild import __version__
from lagebild.errors import LagebildError, UsageError
from lagebild.present import UI_LANGUAGES
from lagebild.web import api, pages
from lagebild.web.state import WebState

log = logging.getLogger("lagebild.web")

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        kind = err.get("loc", ("parameter",))[0]
        name = f"{kind} parameter {'.'.join(where)!r}" if where else "request"
        parts.append(f"{name}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def _install_error_handlers(app: FastAPI) -> None:
    async def http_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        response = error_response(exc.status_code, str(exc.detail))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    async def validation_error(_: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(422, _validation_message(exc))

    async def lagebild_error(_: Request, exc: Exception) -> Response:
        log.warning("store error: %s", exc)
        return error_response(503, str(exc))

    async def server_error(_: Request, exc: Exception) -> Response:
        log.exception("unexpected error", exc_info=exc)
        return error_response(500, "internal error; see the server log")

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(LagebildError, lagebild_error)
    app.add_exception_handler(Exception, server_error)


def _static_files() -> dict[str, tuple[bytes, str]]:
    """name -> (content, media type) of every file in the package's static folder."""
    folder = resources.files("lagebild.web") / "static"
    out = {}
    for item in folder.iterdir():
        suffix = "." + item.name.rsplit(".", 1)[-1]
        if item.is_file() and suffix in STATIC_TYPES:
            out[item.name] = (item.read_bytes(), STATIC_TYPES[suffix])
    return out


def _install_static(app: FastAPI) -> None:
    files = _static_files()

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in files:
            raise StarletteHTTPException(404, f"no static file {name!r}")
        content, media_type = files[name]
        return Response(content, media_type=media_type, headers={"Cache-Control": "public, max-age=3600"})


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets: "[::1]:8765" -> "::1"."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _install_host_check(app: FastAPI, allowed: frozenset[str]) -> None:
    """Answer only requests for a name we serve: a web page on another site could otherwise
    point its own name at 127.0.0.1 (DNS rebinding) and read the corpus."""

    @app.middleware("http")
    async def check_host(request: Request, call_next: Any) -> Response:
        name = host_name(request.headers.get("host", ""))
        if name not in allowed:
            return error_response(400, f"requests for host {name!r} are not served; lagebild serve answers "
                                       f"{', '.join(sorted(allowed))} (add a name with --allow-host {name or 'NAME'})")
        response: Response = await call_next(request)
        return response


def create_app(db_url: str, allowed_hosts: Iterable[str] = (), ui_language: str = "de") -> FastAPI:
    """The web app over the analyzed database `db_url` (read-only while serving). It answers
    requests whose Host is a localhost name or one of `allowed_hosts`; its pages speak
    `ui_language` (de or en)."""
    if ui_language not in UI_LANGUAGES:
        raise UsageError(f"unknown UI language {ui_language!r}; use one of {', '.join(UI_LANGUAGES)}")
    app = FastAPI(title="lagebild", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Browse and search an analyzed corpus: documents, claims, conflicts, entities, "
                              "timeline. Errors: {\"error\": {\"status\": 404, \"message\": \"...\"}}.")
    app.state.lb = WebState(db_url)
    app.state.ui_language = ui_language
    _install_host_check(app, frozenset({*LOCAL_HOSTS, *(host_name(h) for h in allowed_hosts)}))

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    _install_error_handlers(app)
    _install_static(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


_ENV_DB, _ENV_HOSTS, _ENV_UI = "LAGEBILD_SERVE_DB", "LAGEBILD_SERVE_HOSTS", "LAGEBILD_SERVE_UI"


def app_from_environment() -> FastAPI:
    """The app of one of several server processes (`serve(workers=N)`), its database and
    allowed hosts handed down in the environment; it warms its caches in the background."""
    app = create_app(os.environ[_ENV_DB], json.loads(os.environ.get(_ENV_HOSTS, "[]")),
                     os.environ.get(_ENV_UI, "de"))
    app.state.lb.warm_up_in_background()
    return app


def free_to_listen(host: str, port: int) -> int:
    """The port to listen on: `port` itself when nothing listens there (a UsageError that
    says so when something does), or a free port for `port` 0."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use (another lagebild serve?); choose "
                                 "another with --port N, or --port 0 for a free one") from exc
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; check --host") from exc
        return int(probe.getsockname()[1])


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8765, allowed_hosts: Iterable[str] = (),
          workers: int = 1, ui_language: str = "de") -> None:
    """Serve the web UI until interrupted. Binds 127.0.0.1 unless told otherwise; answers
    requests for localhost names, the address it binds and `allowed_hosts`.

    What the pages cache (claim groups, near-duplicates, entity table, timeline) is
    computed in the background from the start; pages that need it wait for it. With
    `workers` > 1 that many processes share the port (many users at once: each answers
    on its own core; each keeps its own caches, so memory grows with their number).
    """
    import uvicorn

    if host not in ("127.0.0.1", "localhost", "::1"):
        log.warning("serving on %s: anyone who can reach this address can read the corpus", host)
    hosts = [*([] if host in ("0.0.0.0", "::", "") else [host]), *allowed_hosts]
    if workers > 1:
        os.environ[_ENV_DB], os.environ[_ENV_HOSTS], os.environ[_ENV_UI] = db_url, json.dumps(hosts), ui_language
        uvicorn.run("lagebild.web.app:app_from_environment", factory=True, host=host, port=port,
                    workers=workers, log_level="info")
        return
    app = create_app(db_url, hosts, ui_language)
    app.state.lb.warm_up_in_background()
    uvicorn.run(app, host=host, port=port, log_level="info")
