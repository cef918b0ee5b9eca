"""Serve the app tuned for a classroom: `make run` runs this (``python serve.py``).

* Streamlit's own ASGI app (``st.App``) under uvicorn, on a listening socket opened
  here with TCP_NODELAY (accepted sockets inherit it on Linux), so small websocket
  replies are not held back ~40 ms by Nagle's algorithm and delayed ACKs.
* The app's own modules are imported, and then every page is run once through the
  server's own websocket, in the background at start, while the first browser loads
  the frontend (cold start). The page runs give way to real visitors: each waits until
  no session has run a script for a moment. ``WARM_PAGES=0`` turns the page runs off.
* No websocket compression (as Streamlit's own server): it cost CPU on every delta.
* Runtime tunings that Streamlit's config cannot express (``tune_runtime``): replies
  are flushed within 1 ms instead of after a fixed 5 ms pause; the theme part of the
  message that opens every run is built once instead of on every rerun; a run's
  elements reach the event loop in batches instead of one wake-up each; and the loop
  asks itself to send without a system call per message.
* ``guard.Guard`` in front of Streamlit's app: one browser cannot starve the others
  (its reruns are coalesced and paced), foreign-origin websockets are refused without
  an outside lookup, and memory is collected when sessions end; uvicorn refuses any
  websocket message over 1 MiB.
* Everything else comes from ``.streamlit/config.toml``: no per-rerun full garbage
  collection, no usage statistics, redacted errors, viewer toolbar, small size limits.
* Address and port from the environment: ``HOST`` (default 127.0.0.1: only this
  computer) and ``PORT`` (default 8501). For a classroom, ``HOST=0.0.0.0 make run``
  listens on the network; students open http://<this computer's address>:8501.

``streamlit run app.py`` keeps working too, without the socket tuning. An optional
argument serves another script the same way (the benchmarks' one-slider baseline).
"""

from __future__ import annotations

import importlib
import logging
import os
import socket
import sys
import threading
import time
from pathlib import Path

from guard import MAX_MESSAGE_BYTES, Guard
from kl_ui.pages import PAGES

ROOT = Path(__file__).resolve().parent

# What the first page run would import (about 1.5 s, mostly scipy.stats and plotly).
WARM_MODULES = (
    "kl_ui.widgets",
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


def sessions_running() -> int:
    """How many sessions of this server are running a script right now (0 before the
    runtime exists)."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSessionState

    if not Runtime.exists():
        return 0
    sessions = Runtime.instance()._session_mgr.list_active_sessions()
    return sum(info.session._state == AppSessionState.APP_IS_RUNNING for info in sessions)


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


# Streamlit's runtime sleeps this long after each flush of queued messages (5 ms by
# default), so a rerun's first reply always waited for the previous pause to end.
FLUSH_INTERVAL_SECS = 0.001

# A script run's deltas reach the event loop in batches gathered over this long, instead of
# one event-loop wake-up per delta (every other script event is handed over at once).
COALESCE_SECS = 0.005


# The series of Streamlit the runtime patches were written for and measured on, and the
# private names they replace. On any other version none of them is applied.
PATCHED_SERIES = "1.67."
PATCHED_NAMES = (
    ("streamlit.runtime.runtime", "MESSAGE_FLUSH_INTERVAL_SECS"),
    ("streamlit.runtime.app_session", "_populate_theme_msg"),
    ("streamlit.runtime.app_session", "AppSession._on_scriptrunner_event"),
    ("streamlit.runtime.app_session", "AppSession._handle_scriptrunner_event_on_event_loop"),
    ("streamlit.runtime.runtime", "Runtime._enqueued_some_message"),
    ("streamlit.runtime.runtime", "Runtime._get_async_objs"),
)


def patches_apply(version: str) -> str | None:
    """Why the runtime patches must not be applied to Streamlit `version`, or None.

    All or nothing: a different series, or any private name gone, and none is applied.
    """
    if not version.startswith(PATCHED_SERIES):
        return f"they were written for Streamlit {PATCHED_SERIES}x, and this is {version}"
    for module_name, dotted in PATCHED_NAMES:
        owner = importlib.import_module(module_name)
        for part in dotted.split("."):
            if not hasattr(owner, part):
                return f"{module_name}.{dotted} no longer exists"
            owner = getattr(owner, part)
    return None


def tune_runtime() -> bool:
    """Remove fixed per-rerun costs of Streamlit 1.67's runtime (measured ~2-4 ms, and
    10-15% of a busy page's round trip for the last two); True if applied.

    On another Streamlit version (:func:`patches_apply`) nothing is patched and a log
    line says why: the server then runs as Streamlit itself would, never half-patched.

    * The runtime loop pauses ``MESSAGE_FLUSH_INTERVAL_SECS`` (5 ms) after every flush.
      A rerun's first message (its status) is flushed at once, so the rest of the
      rerun's reply waited for that pause to end: 5 ms was the floor of every
      interaction. 1 ms still batches messages under load.
    * ``memoize_theme_sections``, ``coalesce_script_events`` and
      ``wake_sender_in_loop``: see their docstrings.

    All of them patch module or class attributes, each at most once however often this
    is called; tests/e2e/test_tuning.py and tests/e2e/test_event_batching.py fail if a
    Streamlit upgrade renames them, and check that messages and events stay the same.
    """
    import streamlit
    from streamlit.runtime import app_session, runtime

    refused = patches_apply(streamlit.__version__)
    if refused:
        logging.getLogger("kl_explorer").warning("runtime patches not applied: %s", refused)
        return False
    runtime.MESSAGE_FLUSH_INTERVAL_SECS = FLUSH_INTERVAL_SECS
    memoize_theme_sections(app_session)
    coalesce_script_events(app_session.AppSession)
    wake_sender_in_loop(runtime.Runtime)
    return True


def memoize_theme_sections(app_session) -> None:
    """Build each theme section of the ``new_session`` message once, then copy it.

    Every run, fragment runs included, opens with a ``new_session`` message whose theme
    sections are rebuilt from the config on each call (~0.5-0.9 ms, 6 passes over ~370
    options). The config cannot change while this server runs (no file watcher).
    """
    if getattr(app_session._populate_theme_msg, "memoized", False):
        return
    build = app_session._populate_theme_msg
    built: dict[str, bytes] = {}

    def populate_theme_msg(msg, section: str = "theme") -> None:
        if section not in built:
            fresh = type(msg)()
            build(fresh, section)
            built[section] = fresh.SerializeToString()
        if built[section]:  # an unset section stays unset, as Streamlit leaves it
            msg.MergeFromString(built[section])

    populate_theme_msg.memoized = True
    populate_theme_msg.original = build
    app_session._populate_theme_msg = populate_theme_msg


def wake_sender_in_loop(runtime_class) -> None:
    """Ask the runtime to send queued messages without a self-pipe write per message.

    ``Runtime._enqueued_some_message`` runs after every message a session queues; it
    always used ``call_soon_threadsafe``, which writes a byte to the event loop's
    self-pipe (a system call) even when it already runs on that loop, as it does here:
    about 40 needless system calls per rerun. On the loop, a plain ``call_soon`` is
    the same thing without the write; and when a send is already pending, nothing needs
    to be scheduled at all. From any other thread, Streamlit's own path is kept.
    """
    if getattr(runtime_class._enqueued_some_message, "in_loop", False):
        return
    import asyncio

    original = runtime_class._enqueued_some_message

    def enqueued_some_message(self) -> None:
        objs = self._get_async_objs()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not objs.eventloop:
            return original(self)
        if not objs.need_send_data.is_set():
            running.call_soon(objs.need_send_data.set)

    enqueued_some_message.in_loop = True
    enqueued_some_message.original = original
    runtime_class._enqueued_some_message = enqueued_some_message


def coalesce_script_events(session_class) -> None:
    """Hand a script run's deltas to the event loop in batches, not one by one.

    Streamlit's script thread wakes the event loop (a write to its self-pipe, then a
    thread switch) for every single element it draws: 30-40 wake-ups per rerun here,
    about 15% of the script thread's time on a busy page. The runtime only sends what
    is queued when it next flushes anyway, so nothing is gained by waking it sooner.

    Here every event joins one ordered list per session, and the loop is woken once
    per batch of deltas, which it handles ``COALESCE_SECS`` later. Every other event
    (script started, stopped, shutdown) wakes the loop at once, so a finished run is
    sent without delay. Whichever wake-up runs first hands over the whole list in
    order, so the order of events is exactly Streamlit's.

    Every event must take the list: an event handed to the loop directly while the
    list is empty could still run after a stale batch wake-up that drains the next
    run's first deltas. SCRIPT_STARTED then clears them from the browser queue, and
    the browser never sees the top of the rerun (seen under CPU load, 4 of 75 reruns).
    """
    if getattr(session_class._on_scriptrunner_event, "coalesced", False):
        return
    from streamlit.runtime.scriptrunner import ScriptRunnerEvent

    original = session_class._on_scriptrunner_event
    handle = session_class._handle_scriptrunner_event_on_event_loop

    def batch_of(session) -> tuple[list, threading.Lock, object]:
        """The session's list of pending events, its lock, and the call that hands
        them to the loop in order (created on the session's first event)."""
        state = session.__dict__.get("_kl_batch")
        if state is None:
            pending, lock = [], threading.Lock()

            def drain() -> None:
                with lock:
                    calls = pending[:]
                    pending.clear()
                for call in calls:
                    call()

            state = session.__dict__.setdefault("_kl_batch", (pending, lock, drain))
        return state

    def on_scriptrunner_event(self, sender, event, forward_msg=None, **details) -> None:
        pending, lock, drain = batch_of(self)
        loop = self._event_loop
        delta = event == ScriptRunnerEvent.ENQUEUE_FORWARD_MSG
        with lock:
            first = not pending
            pending.append(lambda: handle(self, sender, event, forward_msg, **details))
        if delta and not first:
            return  # a wake-up for this batch is already on its way
        try:
            if delta:
                loop.call_soon_threadsafe(loop.call_later, COALESCE_SECS, drain)
            else:
                loop.call_soon_threadsafe(drain)
        except RuntimeError:  # the loop closed (shutdown): drop, as Streamlit does
            if not loop.is_closed():
                raise

    on_scriptrunner_event.coalesced = True
    on_scriptrunner_event.original = original
    session_class._on_scriptrunner_event = on_scriptrunner_event


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening TCP socket with TCP_NODELAY (inherited by accepted sockets)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def main() -> None:
    import streamlit as st
    import uvicorn

    os.chdir(ROOT)  # .streamlit/config.toml and relative page paths resolve from here
    host = os.environ.get("HOST", "127.0.0.1")
    try:
        port = int(os.environ.get("PORT", "8501"))
    except ValueError:
        sys.exit(f"PORT must be a number (got {os.environ['PORT']!r})")
    script = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "app.py"
    if script == ROOT / "app.py":
        threading.Thread(target=warm_imports, name="warm-imports", daemon=True).start()
        if os.environ.get("WARM_PAGES", "1") != "0":
            warm = threading.Thread(
                target=warm_pages, args=(host, port), name="warm-pages", daemon=True
            )
            warm.start()
    tune_runtime()
    app = Guard(st.App(str(script)))
    sock = listening_socket(host, port)
    print(f"KL divergence explorer: http://{host}:{port}", flush=True)
    # No per-message deflate: Streamlit's own server never compressed its websocket, and
    # compressing every small delta cost 1-10 ms of CPU per rerun (bench/serve.py).
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        ws_per_message_deflate=False,
        ws_max_size=MAX_MESSAGE_BYTES,  # refused while reading, before it takes memory
    )
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
