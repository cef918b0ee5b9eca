"""A failure inside a page's panel (an st.fragment) shows the app's own message, never
Streamlit's exception box, and the page keeps working."""

from kl_ui.frame import FAILURE_MESSAGE
from kl_ui.views import common
from tests.app.conftest import first_load, metrics

BROKEN_Q = "norm(loc=0, scale=7)"  # a law this test makes the explorer fail on


def test_a_failing_fragment_shows_the_friendly_message_not_a_traceback(monkeypatch):
    working = common.comparison

    def comparison(p_spec, q_spec, base):
        if BROKEN_Q in (p_spec, q_spec):
            raise RuntimeError("a bug the last resort must catch")
        return working(p_spec, q_spec, base)

    monkeypatch.setattr(common, "comparison", comparison)
    at = first_load("pages/continuous.py", Q=BROKEN_Q)
    assert not at.exception, [e.value for e in at.exception]
    assert any(FAILURE_MESSAGE in e.value for e in at.error)
    at.text_input(key="Q").set_value("norm(loc=1, scale=2)").run()
    assert not at.exception
    assert metrics(at)["D(P‖Q)"] == "0.4431 nats"
