"""Streamlit AppTest helpers shared by the page benchmarks and tests/app.

A page is opened the way a browser opens ``/<page>?<query>``: app.py (the frame) runs
first, then the page through ``st.navigation``.
"""

from __future__ import annotations

import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_page(script: str, *, timeout: float = 60, **query: str) -> AppTest:
    """Run the app like a browser opening the page `script` (e.g. ``"pages/mle.py"``)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(str(ROOT / script))
    at.run()
    return at


def timed(at: AppTest, act, before=None) -> float:
    """Seconds for the script run after `act(at)` (``before()`` runs untimed, e.g. a
    cache clear); fails if the page shows an exception."""
    act(at)
    if before is not None:
        before()
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    assert not at.exception, [e.value for e in at.exception]
    return elapsed
