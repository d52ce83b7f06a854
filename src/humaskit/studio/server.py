"""``humaskit studio``: serve the studio on 127.0.0.1 and open it in the browser."""

from __future__ import annotations

import contextlib
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn

from humaskit.errors import Location, UsageError
from humaskit.i18n import _
from humaskit.model.workspace import find_workspace
from humaskit.studio.app import create_app

HOST = "127.0.0.1"  # never another interface: the studio writes files and has no login
DEFAULT_PORT = 8765


def studio_workspace(folder: Path) -> Path:
    """The workspace the studio works on: ``folder``'s own (a folder with ``humaskit.toml``).

    Raises:
        UsageError: ``folder`` does not exist or is not a folder.
    """
    if not folder.is_dir():
        raise UsageError(
            _("{folder} is not a folder.").format(folder=folder),
            hint=_("Give the workspace folder (the one with rilis/ and humaskit.toml)."),
            location=Location(folder),
        )
    return find_workspace(folder, cwd=folder)


def check_port(port: int) -> None:
    """Refuse a port outside 1024–65535 or one already in use on 127.0.0.1.

    Raises:
        UsageError: the port cannot be used.
    """
    if not 1024 <= port <= 65535:
        raise UsageError(
            _("The port {port} cannot be used.").format(port=port),
            hint=_("Choose a port from 1024 to 65535, e.g. --port 8765."),
        )
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            raise UsageError(
                _("The port {port} is already in use (another studio?).").format(port=port),
                hint=_("Open http://127.0.0.1:{port}/ or choose another port with --port.").format(
                    port=port
                ),
            ) from None


def serve(
    folder: Path,
    *,
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Run the studio over the workspace of ``folder`` until Ctrl-C.

    Raises:
        UsageError: the folder or the port cannot be used.
    """
    workspace = studio_workspace(folder)
    check_port(port)
    address = f"http://{HOST}:{port}/"
    config = uvicorn.Config(
        create_app(workspace), host=HOST, port=port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)

    def announce() -> None:
        while not server.started and not server.should_exit:
            threading.Event().wait(0.05)
        if server.started:
            if on_ready:
                on_ready(address)
            if open_browser:
                webbrowser.open(address)

    threading.Thread(target=announce, name="humaskit-studio-ready", daemon=True).start()
    # uvicorn shuts down cleanly on Ctrl-C (SIGINT) and SIGTERM, then raises the signal again;
    # stopping is what Ctrl-C asked for, so that is no error.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
