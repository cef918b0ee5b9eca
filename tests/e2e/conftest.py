"""A real server and a real Chromium (Debian's), started by the tests themselves."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from harness.chromium import ARGS as CHROMIUM_ARGS
from harness.chromium import CHROMIUM as BROWSER_PATH
from harness.server import free_port, start

CHROMIUM = os.environ.get("CHROMIUM", BROWSER_PATH)


def _serve(command: list[str], port: int, env: dict | None = None):
    """Start a server the way the benchmarks do (bench.serve.start waits for health)."""
    proc = start(command, port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def server():
    """The tuned server exactly as `make run` starts it (serve.py), on a free port."""
    port = free_port()
    yield from _serve([sys.executable, "serve.py"], port, {"PORT": str(port), "HOST": "127.0.0.1"})


@pytest.fixture(scope="session")
def classroom():
    """The classroom setup exactly as `make classroom` starts it: 2 replicas behind nginx."""
    if not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx not found; `make test` installs Debian's nginx-light")
    port = free_port()
    env = {"PORT": str(port), "HOST": "127.0.0.1", "REPLICAS": "2"}
    yield from _serve([sys.executable, "classroom.py"], port, env)


@pytest.fixture(scope="session")
def plain_server():
    """The same app under a plain `streamlit run app.py`, which must keep working."""
    port = free_port()
    yield from _serve(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)], port
    )


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    pg = context.new_page()
    pg.requests_seen = []
    pg.on("request", lambda request: pg.requests_seen.append(request.url))
    yield pg
    context.close()


def run_async(coroutine):
    """Run a coroutine to completion in its own thread and event loop.

    Playwright's sync API keeps an event loop running in the test thread once a browser
    fixture exists, so asyncio.run() cannot be called there.
    """
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
