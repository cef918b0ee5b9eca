"""Every page opened with every URL parameter set to hostile values (AppTest, in-process).

Each case must: raise nothing (no exception element, no last-resort error), tell the
user something (an error or warning naming what was refused) unless the value happens to
be acceptable, and keep responding to the page's main control afterwards.
"""

import pytest

from harness.apptest import live_views, release
from kl_ui.pages import PAGES
from kl_ui.widgets.links import _matches
from tests.app.conftest import assert_healthy, first_load

HOSTILE = {
    "negative": "-1",
    "nan": "NaN",
    "inf": "inf",
    "huge": "1e308",
    "empty": "",
    "long": "x" * 10_000,
    "unicode": "ü∆漢字🙂",
    "html": "<script>alert(1)</script><b>x</b>",
    "python": "__import__('os').system('id')",
    "spec bomb": "mixture(" * 300 + "norm()" + ")" * 300,
    "nested mixture": "mixture(mixture(norm(), norm(1)), norm(2))",
    "many commas": "0.1," * 3000,
}

# Every URL parameter of every page (the global unit on all of them), but the proof's
# P and Q, which only its continuous mode reads (a discrete proof ignores them).
_CONTINUOUS_ONLY = {("pages/proof.py", "P"), ("pages/proof.py", "Q")}
PARAMETERS = {
    spec.script: ["units", *(k for k in spec.params if (spec.script, k) not in _CONTINUOUS_ONLY)]
    for spec in PAGES
}

# The page's main control and a value to set afterwards (it must still respond).
MAIN_CONTROL = {
    spec.script: (spec.control.widget, spec.control.key, spec.control.last_value) for spec in PAGES
}


def test_the_matrix_covers_every_page():
    assert set(PARAMETERS) == {spec.script for spec in PAGES}


CASES = [(page, key, name) for page, keys in PARAMETERS.items() for key in keys for name in HOSTILE]


@pytest.mark.parametrize(
    ("page", "key", "name"), CASES, ids=[f"{p[6:-3]}-{k}-{n}" for p, k, n in CASES]
)
def test_hostile_link_value(page, key, name):
    at = first_load(page, **{key: HOSTILE[name]})
    assert_healthy(at)
    messages = [m.value for m in (*at.error, *at.warning, *at.sidebar.warning, *at.info)]
    if not messages:  # only acceptable when the value was valid and is now in use
        assert _matches(HOSTILE[name], at.session_state[key])
    assert not any("Traceback" in m for m in messages)
    kind, control, value = MAIN_CONTROL[page]
    if kind == "live":  # a live view's release: its handles' values, stored, then a rerun
        if not set(value) <= set(PARAMETERS[page]):
            # A release that AppTest cannot imitate (it rewrites spec texts): sent over
            # the real protocol by tests/e2e/test_hostile_server.py and test_live.py.
            assert live_views(at)
            return
        release(at, value)
        assert_healthy(at)
        view = next(v for v in live_views(at) if all(h["name"] in value for h in v["handles"]))
        assert {h["name"]: h["value"] for h in view["handles"]} == value
        return
    widget = getattr(at, kind)(key=control)
    widget.set_value(value).run()
    assert_healthy(at)
    assert getattr(at, kind)(key=control).value == value
