"""A failure inside a page's panel (an st.fragment) shows the app's own message, never
Streamlit's exception box, and the page keeps working."""

from kl_ui.frame import FAILURE_MESSAGE
from tests.app.conftest import first_load, metrics


def test_a_failing_fragment_shows_the_friendly_message_not_a_traceback():
    # D(P‖gumbel_r) meets an overflowing log density (issue 16 §1): the explorer fails.
    at = first_load("pages/continuous.py", Q="gumbel_r(loc=0, scale=1)")
    assert not at.exception, [e.value for e in at.exception]
    assert any(FAILURE_MESSAGE in e.value for e in at.error)
    at.text_input(key="Q").set_value("norm(loc=1, scale=2)").run()
    assert not at.exception
    assert metrics(at)["D(P‖Q)"] == "0.4431 nats"
