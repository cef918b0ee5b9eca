"""The frame every page runs in: app.py's navigation and unit control, and the last
resort for failures (:func:`report_failure`, and :func:`fragment` for a page's panels).

Streamlit 1.67 decides once per process whether the app uses the old ``pages/`` folder
mode: if a ``pages/`` folder exists, it assumes so until some run of app.py calls
``st.navigation``. A teacher's deep link opened first after a server start would then run
the page script alone, without the frame. Each page calls :func:`require_frame` first: in
that situation it switches the process to ``st.navigation`` mode and reruns, so app.py
runs and shows the same page.
"""

from __future__ import annotations

import functools
import logging

import streamlit as st

from serving.streamlit_private import leave_pages_directory_mode

FAILURE_MESSAGE = (
    "Something went wrong while drawing this page. Your inputs are kept in the address "
    "bar; change one of them or reload the page."
)


def report_failure(where: str) -> None:
    """The last resort for an unexpected exception: log it, and tell the user in words
    (never a traceback). Call it from an ``except`` block."""
    logging.getLogger("kl_explorer").exception("%s failed", where)
    st.error(FAILURE_MESSAGE, icon=":material/error:")


def fragment(func):
    """``st.fragment`` with the same last resort as a full run of the page.

    Streamlit catches a fragment's exception itself and shows its exception box, in a
    full run as in the fragment's own reruns, so app.py's handler never sees it. Its
    control flow (``st.stop``, ``st.rerun``) derives from BaseException and passes.
    """

    @functools.wraps(func)
    def guarded(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except Exception:
            report_failure(func.__qualname__)

    return st.fragment(guarded)


def require_frame() -> None:
    """Rerun through app.py if this page was started without it."""
    if leave_pages_directory_mode():
        st.rerun()
