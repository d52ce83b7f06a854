"""The studio's web application: Starlette routes over the studio's workspace functions.

Each route reads the request, calls the library (through :mod:`humaskit.studio.workspace`,
:mod:`humaskit.studio.editor` and :mod:`humaskit.studio.live`) in a worker thread, and answers
with a page or an htmx fragment from :mod:`humaskit.studio.views`. Every answer carries a
Content-Security-Policy that allows nothing but this server: no CDN, no network. Requests that
change something must come from the studio's own page (htmx's ``HX-Request`` header, which a
form on another web site cannot send) and name this server as their host, so a web page open
in the same browser cannot write into the workspace.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from humaskit.errors import HumaskitError, Location, PathError, UsageError
from humaskit.i18n import _
from humaskit.model.kinds import kind_names
from humaskit.studio import actions
from humaskit.studio.live import ImageCache
from humaskit.studio.views import page, ui
from humaskit.studio.workspace import ConflictError, inside

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
MAX_UPLOAD = 50 * 1024 * 1024
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def _error_html(error: HumaskitError) -> str:
    return page("message.html.j2", {"error": error.to_dict(), "t": ui()})


def _html(text: str, status: int = 200, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=headers)


class Guard(BaseHTTPMiddleware):
    """The CSP on every answer; a foreign host or a write not from the studio page refused."""

    async def dispatch(
        self, request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]")
        refused = None
        if host not in LOCAL_HOSTS:
            refused = _("This address is not the studio's.")
        elif request.method not in ("GET", "HEAD") and request.headers.get("hx-request") != "true":
            refused = _("Changes are only accepted from the studio's own page.")
        if refused is not None:
            error = UsageError(refused, hint=_("Open the studio at the address it printed."))
            response: Response = _html(_error_html(error), 403)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response


def create_app(workspace: Path) -> Starlette:
    """The studio application over ``workspace`` (a folder with ``rilis/`` and ``foto/``)."""
    root = workspace.resolve()
    cache = ImageCache()

    async def call(fn: Callable[..., str], *args: Any) -> Response:
        try:
            return _html(await run_in_threadpool(fn, *args))
        except HumaskitError as exc:
            return _html(_error_html(exc), 409 if isinstance(exc, UsageError) else 400)

    async def form(request: Request) -> FormData:
        return await request.form(max_files=4, max_fields=1000, max_part_size=MAX_UPLOAD)

    def fields(data: FormData) -> dict[str, str]:
        return {k: v for k, v in data.items() if isinstance(v, str)}

    async def upload(data: FormData, name: str) -> tuple[str, bytes]:
        item = data.get(name)
        if not isinstance(item, UploadFile) or not item.filename:
            raise UsageError(_("No file was uploaded."), hint=_("Choose a file first."))
        return Path(item.filename).name, await item.read(MAX_UPLOAD + 1)

    async def index(request: Request) -> Response:
        return await call(actions.list_page, root)

    async def edit(request: Request) -> Response:
        relative = request.query_params.get("path", "")
        query = request.query_params
        return await call(
            actions.editor_page,
            root,
            relative,
            query.get("kind", ""),
            query.get("imported", ""),
            query.get("fill", ""),
        )

    async def preview(request: Request) -> Response:
        return await call(actions.preview_fragment, root, fields(await form(request)))

    async def kind_fields(request: Request) -> Response:
        values = fields(await form(request))
        response = await call(actions.fields_fragment, root, values)
        kind = values.get("f:kind", "")
        if response.status_code == 200 and not values.get("path") and kind in kind_names():
            # a reload of a new release opens the kind chosen, not the one it was started as
            response.headers["HX-Replace-Url"] = "/edit?" + urlencode({"kind": kind})
        return response

    async def images(request: Request) -> Response:
        return await call(actions.images_fragment, root, fields(await form(request)), cache)

    async def units(request: Request) -> Response:
        return await call(actions.units_fragment, root, request.query_params.get("q", ""))

    async def save(request: Request) -> Response:
        values = fields(await form(request))
        try:
            text, target = await run_in_threadpool(actions.save, root, values)
        except ConflictError as exc:
            context = {"error": exc.to_dict(), "new": not values.get("path")}
            return _html(page("conflict.html.j2", context), 409)
        except HumaskitError as exc:
            return _html(_error_html(exc), 409)
        headers = {"HX-Redirect": target} if target else None
        return _html(text, headers=headers)

    async def render(request: Request) -> Response:
        return await call(actions.render_fragment, root, fields(await form(request)))

    async def photo(request: Request) -> Response:
        data = await form(request)
        field = request.query_params.get("field", "image")
        try:
            name, content = await upload(data, "upload" if field == "image" else f"upload:{field}")
        except HumaskitError as exc:
            return _html(_error_html(exc), 409)
        return await call(actions.photo_fragment, root, fields(data), name, content, field)

    async def import_docx(request: Request) -> Response:
        data = await form(request)
        try:
            name, content = await upload(data, "document")
            target = await run_in_threadpool(actions.import_upload, root, name, content)
        except HumaskitError as exc:
            return _html(_error_html(exc), 409)
        return _html("", headers={"HX-Redirect": target})

    async def download(request: Request) -> Response:
        relative = request.query_params.get("path", "")
        platform = request.query_params.get("platform", "")
        try:
            name, data = await run_in_threadpool(actions.download, root, relative, platform)
        except HumaskitError as exc:
            return _html(_error_html(exc), 404)
        disposition = f'attachment; filename="{name}"'
        return Response(
            data, media_type="application/zip", headers={"Content-Disposition": disposition}
        )

    async def workspace_file(request: Request) -> Response:
        relative = str(request.path_params["path"])
        try:
            path = inside(root, relative)
            if not path.is_file():
                raise UsageError(
                    _("The file {path} does not exist.").format(path=relative),
                    hint=_("Check the path."),
                    location=Location(relative),
                )
        except HumaskitError as exc:
            return _html(_error_html(exc), 403 if isinstance(exc, PathError) else 404)
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if not media.startswith("image/"):
            media = "text/plain; charset=utf-8"
        return Response(await run_in_threadpool(path.read_bytes), media_type=media)

    async def drawn(request: Request) -> Response:
        found = cache.get(str(request.path_params["key"]))
        if found is None:
            return Response(b"", status_code=404)
        data, suffix = found
        return Response(data, media_type=mimetypes.guess_type("x" + suffix)[0] or "image/png")

    routes = [
        Route("/", index),
        Route("/edit", edit),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/images", images, methods=["POST"]),
        Route("/api/fields", kind_fields, methods=["POST"]),
        Route("/api/units", units),
        Route("/api/save", save, methods=["POST"]),
        Route("/api/render", render, methods=["POST"]),
        Route("/api/photo", photo, methods=["POST"]),
        Route("/api/import", import_docx, methods=["POST"]),
        Route("/download", download),
        Route("/file/{path:path}", workspace_file),
        Route("/drawn/{key}", drawn),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(Guard)])
    app.state.workspace = root
    return app
