"""Make sure every page runs inside app.py's frame (navigation and the unit control).

Streamlit 1.67 decides once per process whether the app uses the old ``pages/`` folder
mode: if a ``pages/`` folder exists, it assumes so until some run of app.py calls
``st.navigation``. A teacher's deep link opened first after a server start would then run
the page script alone, without the frame. Each page calls :func:`require_frame` first: in
that situation it switches the process to ``st.navigation`` mode and reruns, so app.py
runs and shows the same page.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def require_frame() -> None:
    """Rerun through app.py if this page was started without it."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
