"""The trust-breakers of issue 15: each message a student reads must be true.

Each test here failed on the code before the fix it names.
"""

import pytest

from harness.apptest import live_views
from kl_ui.presets import PRESETS, SAMPLES_PRESETS
from tests.app.conftest import assert_healthy, first_load, metrics

LINK_NOTICE = "not valid here"


def _notices(at) -> list[str]:
    return [w.value for w in (*at.warning, *at.sidebar.warning)]


# --- a preset click is not a bad link --------------------------------------------------

PRESET_PAGES = [
    ("pages/discrete.py", {"p": "0.5,0.5", "q": "0.9,0.1"}, "preset_0", "preset_1"),
    ("pages/asymmetry.py", {"P": "norm(loc=0, scale=1)"}, "asym_preset_2", "asym_preset_4"),
    ("pages/mle.py", {"P": "norm(loc=1, scale=2)"}, "asym_preset_1", "asym_preset_2"),
    ("pages/samples.py", {"P": "norm(loc=0, scale=1)"}, "asym_preset_1", "asym_preset_3"),
]


@pytest.mark.parametrize(
    ("script", "query", "first", "second"), PRESET_PAGES, ids=[p[0][6:-3] for p in PRESET_PAGES]
)
def test_presets_clicked_after_a_link_raise_no_link_notice(script, query, first, second):
    at = first_load(script, **query)
    assert not any(LINK_NOTICE in n for n in _notices(at))
    at.button(key=first).click().run()
    assert not any(LINK_NOTICE in n for n in _notices(at)), _notices(at)
    at.button(key=second).click().run()
    assert_healthy(at)
    assert not any(LINK_NOTICE in n for n in _notices(at)), _notices(at)


def test_a_bad_link_value_is_still_reported_on_the_run_that_opened_it():
    at = first_load("pages/samples.py", n="7")  # not one of the sample sizes
    assert any(LINK_NOTICE in n and "n = “7”" in n for n in _notices(at))
    at.button(key="asym_preset_1").click().run()
    assert not any(LINK_NOTICE in n for n in _notices(at))


# --- every ∞ reason is phrased for its own direction ----------------------------------


def _reason_under(at, label: str) -> str:
    """The reason that stands under the number `label`: a metric's caption, or a live
    view's reading."""
    for view in live_views(at):
        for reading in view["readout"]:
            if reading["label"] == label and reading["reason"]:
                return f"∞ because {reading['reason']}."
    captions = [c.value for c in at.caption if c.value.startswith("∞ because")]
    names = [m.label for m in at.metric if m.value.startswith("∞")]
    return dict(zip(names, captions))[label]


def test_reverse_support_reason_names_q_first_and_every_interval():
    at = first_load("pages/continuous.py", P="uniform(loc=0,scale=2)", Q="norm(loc=1,scale=2)")
    assert_healthy(at)
    shown = metrics(at)
    assert shown["D(Q‖P)"] == "∞ nats"
    assert shown["D(P‖Q)"] != "∞ nats"
    reason = _reason_under(at, "D(Q‖P)")
    assert "Q has probability on (−∞, 0) and on (2, ∞) where P has none" in reason
    assert "inf" not in reason
    assert any("Why D(Q‖P) is infinite" in h.value for h in at.subheader)


def test_reverse_tail_reason_says_which_tail_is_lighter():
    at = first_load("pages/continuous.py", P="norm(loc=0,scale=1)", Q="cauchy(loc=0,scale=1)")
    reason = _reason_under(at, "D(Q‖P)")
    assert "P's tail is so much lighter than Q's" in reason
    assert "q·log(q/p)" in reason
    assert "as x → −∞ and as x → +∞" in reason
    explanation = " ".join(m.value for m in at.markdown)
    assert "Here P is normal with σ = 1" in explanation


def test_forward_tail_explanation_follows_q_scale():
    at = first_load("pages/continuous.py", P="cauchy(loc=0,scale=1)", Q="norm(loc=0,scale=3)")
    explanation = " ".join(m.value for m in at.markdown)
    assert "σ = 3" in explanation
    assert "x²/18" in explanation
    assert "Q's tail is so much lighter than P's" in _reason_under(at, "D(P‖Q)")


# --- presets never open on an error ---------------------------------------------------


@pytest.mark.parametrize("index", range(len(SAMPLES_PRESETS)))
def test_samples_presets_open_without_error_or_warning(index):
    at = first_load("pages/samples.py")
    at.button(key=f"asym_preset_{index}").click().run()
    at.toggle(key="repeats").set_value(True).run()
    assert_healthy(at)
    assert not at.error, [e.value for e in at.error]
    assert not any("bins" in w.value for w in at.warning), [w.value for w in at.warning]


def test_repeats_panel_says_when_every_repeat_is_infinite():
    at = first_load("pages/samples.py", P="cauchy(loc=0, scale=1)", Q="norm(loc=0, scale=1)")
    at.toggle(key="repeats").set_value(True).run()
    text = " ".join(c.value for c in (*at.caption, *at.markdown, *at.info))
    assert "all 30 repeats were ∞" in text


# --- one bad field keeps the other ----------------------------------------------------


def test_an_invalid_q_keeps_p_and_the_labels():
    die = PRESETS[0].texts()
    at = first_load("pages/discrete.py", p=die["p"], q="0.5,abc", labels=die["labels"])
    assert_healthy(at)
    messages = " ".join(e.value for e in at.error)
    assert "Q" in messages
    assert "abc" in messages
    assert "uniform" in messages.lower()  # says what Q is used instead
    shown = metrics(at)
    assert "D(P‖Q)" in shown
    assert shown["H(P), entropy of P"] == "1.7918 nats"  # log 6: the die, not the coin
