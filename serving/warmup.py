"""A warm start: import the app's modules and run every page once, in idle moments.

The first run of a page does one-off work beyond imports; doing it when the server starts
makes the first student's page as quick as the next one's (serving/server.py starts
:func:`warm_imports` and :func:`warm_pages` in background threads). ``WARM_PAGES=0`` in
the environment turns the page runs off.
"""

from __future__ import annotations

import importlib
import time

from kl_ui.pages import PAGES
from serving.streamlit_private import sessions_running

# What the first page run would import (about 1.5 s, mostly scipy.stats and plotly).
WARM_MODULES = (
    "kl_ui.widgets.controls",
    "kl_ui.widgets.discrete_inputs",
    "kl_ui.widgets.display",
    "kl_ui.widgets.links",
    "kl_ui.widgets.pickers",
    "kl_ui.live",
    "kl_ui.live.densities",
    "kl_ui.figures",
    "kl_ui.asymmetry",
    "kl_ui.proof",
    "plotly.io",
    "plotly.tools",
    "streamlit.emojis",
    "streamlit.material_icon_names",
)


# Pages run once at start, home first (what a teacher opens), then the others.
WARM_PAGES = tuple(spec.url_path for spec in PAGES)


def warm_imports() -> None:
    """Import the app's modules while the first browser is still loading the frontend.

    A browser spends its first second or so fetching and parsing Streamlit's
    JavaScript; importing in the meantime (another process, so truly in parallel)
    means the first page run finds everything already imported.
    """
    for name in WARM_MODULES:
        importlib.import_module(name)


def run_page_once(address: str, page: str, timeout: float = 60) -> str:
    """Open `page` once over ``ws://address`` as a browser would; returns how the run
    finished (e.g. ``"FINISHED_SUCCESSFULLY"``). Raises on a connection problem."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    with connect(
        f"ws://{address}/_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
    ) as ws:
        request = BackMsg()
        request.rerun_script.SetInParent()
        request.rerun_script.page_name = page
        ws.send(request.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(ws.recv(timeout=timeout))
            if reply.HasField("script_finished"):
                status = reply.script_finished
                if status != reply.FINISHED_EARLY_FOR_RERUN:  # the frame guard's rerun follows
                    return ForwardMsg.ScriptFinishedStatus.Name(status)


def wait_healthy(address: str, timeout: float = 60, poll: float = 0.05) -> None:
    """Wait until the server at `address` (``host:port``) answers ``/_stcore/health``
    with ``ok``; RuntimeError after `timeout` seconds."""
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{address}/_stcore/health", timeout=1) as r:
                if r.read() == b"ok":
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"the server at {address} did not become healthy in {timeout:g} s")


def wait_until_quiet(
    quiet: float = 0.25, timeout: float = 30, poll: float = 0.02, running=sessions_running
) -> bool:
    """Wait until no session has run a script for `quiet` seconds in a row.

    Returns False if the server was never quiet that long within `timeout` seconds
    (a busy classroom: then warming is pointless, the students' own runs warm it).
    """
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        if running():
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return True
        time.sleep(poll)
    return False


def warm_pages(host: str, port: int, wait=wait_until_quiet) -> None:
    """Run every page once through this server's own websocket, as a browser would.

    The first run of a page does one-off work beyond imports: Streamlit's own lazy
    imports, the page's default computations (then cached) and plotly's first
    serialisations. Doing it at start makes the first student's page as quick as
    the next one's. Failures are ignored: this only warms caches.

    Then, the same way, it builds the class a mixture needs for each continuous family
    (kl_core.distributions.prepare_mixture_family: ~8 CPU-s in all, in idle moments).

    It yields to real visitors: before each page it waits until no session has run a
    script for a moment. A warm run competes with a real one for the interpreter lock;
    on a fresh server that added ~0.8 s to the first browser's wait for the home page.
    (``list_active_sessions`` copies the session table in one step under that lock, so
    reading it from this thread is safe.)
    """
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        wait_healthy(address)
    except RuntimeError:
        return
    for page in WARM_PAGES:
        if not wait():
            return
        try:
            run_page_once(address, page)
        except Exception:  # best effort: a real browser would do the same work itself
            continue
    from kl_core.distributions import CONTINUOUS_FAMILIES, prepare_mixture_family

    for family in CONTINUOUS_FAMILIES:  # what a first mixture of rare families would pay
        if not wait():
            return
        prepare_mixture_family(family)
