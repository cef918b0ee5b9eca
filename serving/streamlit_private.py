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

import functools
import importlib
import logging

import streamlit

#: The Streamlit series this module was written for and measured on.
WRITTEN_FOR = "1.67."

# Streamlit's runtime sleeps this long after each flush of queued messages (5 ms by
# default), so a rerun's first reply always waited for the previous pause to end.
FLUSH_INTERVAL_SECS = 0.001

# The private names the runtime patches and helpers here replace or read. On any other
# Streamlit series, or if any is gone, none of them is used.
PATCHED_SERIES = WRITTEN_FOR
PATCHED_NAMES = (
    ("streamlit.runtime.runtime", "MESSAGE_FLUSH_INTERVAL_SECS"),
    ("streamlit.runtime.app_session", "_populate_theme_msg"),
    ("streamlit.runtime.runtime", "Runtime._enqueued_some_message"),
    ("streamlit.runtime.runtime", "Runtime._get_async_objs"),
    ("streamlit.runtime.pages_manager", "PagesManager.uses_pages_directory"),
    ("streamlit.runtime.app_session", "AppSessionState.APP_IS_RUNNING"),
)


@functools.cache
def patches_apply(version: str) -> str | None:
    """Why the runtime patches must not be applied to Streamlit `version`, or None.

    All or nothing: a different series, or any private name gone, and none is applied.
    Decided once per version (~20 µs of imports and lookups): every page run asks, through
    :func:`leave_pages_directory_mode`, and the warm-up asks every 20 ms.
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
    """Remove fixed per-rerun costs of Streamlit 1.67's runtime (measured ~2-4 ms per
    rerun); True if applied.

    On another Streamlit version (:func:`patches_apply`) nothing is patched and a log
    line says why: the server then runs as Streamlit itself would, never half-patched.

    * The runtime loop pauses ``MESSAGE_FLUSH_INTERVAL_SECS`` (5 ms) after every flush.
      A rerun's first message (its status) is flushed at once, so the rest of the
      rerun's reply waited for that pause to end: 5 ms was the floor of every
      interaction. 1 ms still batches messages under load.
    * ``memoize_theme_sections`` and ``wake_sender_in_loop``: see their docstrings.

    All of them patch module or class attributes, each at most once however often this
    is called; tests/e2e/test_tuning.py and tests/e2e/test_send_wake_up.py fail if a
    Streamlit upgrade renames them, and check that messages stay the same.

    A fourth patch, handing a run's elements to the event loop in batches, was removed:
    bench/serve.py, run with and without it, measured 1.00-1.05x the server CPU per
    rerun and the same round trip, and it once caused a lost-elements race.
    """
    import streamlit
    from streamlit.runtime import app_session, runtime

    refused = patches_apply(streamlit.__version__)
    if refused:
        logging.getLogger("kl_explorer").warning("runtime patches not applied: %s", refused)
        return False
    runtime.MESSAGE_FLUSH_INTERVAL_SECS = FLUSH_INTERVAL_SECS
    memoize_theme_sections(app_session)
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
