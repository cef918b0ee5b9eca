"""Every use of Streamlit's private API in this project, in one place, checked at start.

Written for Streamlit 1.67 (:data:`WRITTEN_FOR`) and measured there. On any other
version nothing here patches anything: :func:`tune_runtime` logs why and the server runs
as Streamlit itself would, :func:`leave_pages_directory_mode` does nothing, and
:func:`sessions_running` reports 0 (the warm-up then never waits for quiet).

* :func:`tune_runtime`: per-rerun costs Streamlit's config cannot remove (serving/
  server.py applies it at start; bench/serve.py measures it against ``streamlit run``).
* :func:`leave_pages_directory_mode`: Streamlit decides once per process whether the app
  uses the old ``pages/`` folder mode, and a deep link opened first after a start would
  run a page without app.py's frame (kl_ui/frame.py calls this).
* :func:`sessions_running`: the warm-up's "is anybody using the server" (serving/warmup.py).

Streamlit's wire protocol (``streamlit.proto``, the messages the pinned frontend sends)
is read outside this module, by serving/guard.py and serving/warmup.py: it is not an
internal that a patch replaces, and the end-to-end tests speak it to the real server.
"""

from __future__ import annotations

import importlib
import logging
import threading

import streamlit

#: The Streamlit series this module was written for and measured on.
WRITTEN_FOR = "1.67."

# Streamlit's runtime sleeps this long after each flush of queued messages (5 ms by
# default), so a rerun's first reply always waited for the previous pause to end.
FLUSH_INTERVAL_SECS = 0.001

# A script run's deltas reach the event loop in batches gathered over this long, instead of
# one event-loop wake-up per delta (every other script event is handed over at once).
COALESCE_SECS = 0.005


# The private names the runtime patches and helpers here replace or read. On any other
# Streamlit series, or if any is gone, none of them is used.
PATCHED_SERIES = WRITTEN_FOR
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


def leave_pages_directory_mode() -> bool:
    """Switch this process from the ``pages/`` folder mode to ``st.navigation`` mode if a
    page was run without app.py; True if it was (the caller then reruns)."""
    if patches_apply(streamlit.__version__):
        return False
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        return True
    return False


def sessions_running() -> int:
    """How many sessions of this server are running a script right now (0 before the
    runtime exists)."""
    if patches_apply(streamlit.__version__):
        return 0
    from streamlit.runtime import Runtime
    from streamlit.runtime.app_session import AppSessionState

    if not Runtime.exists():
        return 0
    sessions = Runtime.instance()._session_mgr.list_active_sessions()
    return sum(info.session._state == AppSessionState.APP_IS_RUNNING for info in sessions)
