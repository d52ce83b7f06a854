"""``humaskit studio``: a local web editor over a workspace, for admins who never open a terminal.

The same library, the same files: releases are read and written in ``rilis/`` as the CLI reads
them, captions and images come from the same pipeline, rendering writes the same ``out/``.
Starlette and uvicorn are used here and nowhere else.
"""

from __future__ import annotations

from humaskit.studio.app import create_app
from humaskit.studio.server import DEFAULT_PORT, serve

__all__ = ["DEFAULT_PORT", "create_app", "serve"]
