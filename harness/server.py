"""Starting the real server for tests and benchmarks, and each page's main control.

:data:`PAGES` maps each page's URL path to its :class:`kl_ui.pages.Control` (the query it
opens with, the widget key, values that give different numbers), read from the app's
one page list.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from kl_ui.pages import PAGES as PAGE_SPECS
from serving.server import free_port, wait_healthy

__all__ = ["PAGES", "free_port", "start"]

ROOT = Path(__file__).resolve().parents[1]

# page URL path -> its main control (kl_ui.pages.Control: query, widget key, values)
PAGES = {spec.url_path: spec.control for spec in PAGE_SPECS}


def start(command: list[str], port: int, env: dict | None = None) -> subprocess.Popen:
    """Run `command` (a server listening on `port`) from the checkout, with `env` added to
    this environment, and return it once /_stcore/health answers; kill it if it never does."""
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_healthy(f"127.0.0.1:{port}", timeout=60, poll=0.1)
    except RuntimeError:
        proc.kill()
        raise
    return proc
