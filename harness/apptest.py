"""Streamlit AppTest helpers shared by the page benchmarks and tests/app.

A page is opened the way a browser opens ``/<page>?<query>``: app.py (the frame) runs
first, then the page through ``st.navigation``.
"""

from __future__ import annotations

import json
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


def component_views(at: AppTest) -> list[dict]:
    """The data each view of the live explorer's component (kl_ui.live) was sent on the
    last run, in page order: the live views, and the views without handles (formulas,
    the home page's map of pages)."""
    return [json.loads(e.proto.json) for e in at.get("bidi_component")]


def charts_drawn(at: AppTest) -> list[dict]:
    """The figures the last run sent to be drawn as charts (kl_ui.live.charts), as the
    browser gets them (numeric arrays in plotly.js's typed-array form)."""
    return [view["figure"] for view in component_views(at) if view["view"] == "chart"]


def live_views(at: AppTest) -> list[dict]:
    """The data each live view (kl_ui.live.show: handles and a readout) was sent on the
    last run."""
    return [view for view in component_views(at) if "readout" in view]


def numbers_shown(at: AppTest) -> dict[str, str]:
    """Every labelled number the last run showed, by label: the metrics and the readouts
    of the live views (e.g. ``{"D(P‖Q)": "0.5108 nats"}``)."""
    shown = {m.label: m.value for m in at.metric}
    for view in live_views(at):
        shown.update({r["label"]: r["text"] for r in view["readout"]})
    return shown


def reasons_shown(at: AppTest) -> list[str]:
    """The ∞ reasons of the live views' readouts."""
    return [r["reason"] for view in live_views(at) for r in view["readout"] if r["reason"]]


def release(at: AppTest, values: dict[str, float], *, run: bool = True) -> AppTest:
    """What a live view's release leaves behind (kl_ui.live.show stores the values in
    session state and the URL), then the rerun unless `run` is false; AppTest cannot send
    the trigger itself."""
    for name, value in values.items():
        at.session_state[name] = value
        at.query_params[name] = str(value)
    return at.run() if run else at
