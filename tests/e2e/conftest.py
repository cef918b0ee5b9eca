"""A real server and a real Chromium (Debian's), started by the tests themselves."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(base: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.read().decode() == "ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not become healthy in {timeout} s")


def _serve(command: list[str], port: int, env: dict | None = None):
    proc = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="session")
def server():
    """The tuned server exactly as `make run` starts it (serve.py), on a free port."""
    port = free_port()
    yield from _serve([sys.executable, "serve.py"], port, {"PORT": str(port), "HOST": "127.0.0.1"})


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
