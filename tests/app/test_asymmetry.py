"""The asymmetry explorer through AppTest: deep links, presets, sweeps, fits, bad input."""

import pytest
from scipy import stats

import kl_core
from harness.apptest import charts_drawn, live_views
from kl_core import lessons
from kl_ui.asymmetry import PRESETS
from kl_ui.numbers import format_value
from tests.app.conftest import assert_healthy, metrics, open_page

PAGE = "pages/asymmetry.py"


def charts(at) -> dict[str, dict]:
    """The page's charts' figures by title."""
    return {spec["layout"]["title"]["text"]: spec for spec in charts_drawn(at)}


def test_deep_link_shows_both_directions_and_all_figures():
    at = open_page(PAGE, P="norm(loc=0,scale=1)", Q="norm(loc=1,scale=2)", units="bits")
    assert_healthy(at)
    shown = metrics(at)
    assert shown["D(P‖Q)"] == format_value(
        kl_core.kl(stats.norm(0, 1), stats.norm(1, 2), base=2), "bits"
    )
    assert shown["D(Q‖P)"] == format_value(
        kl_core.kl(stats.norm(1, 2), stats.norm(0, 1), base=2), "bits"
    )
    specs = charts(at)
    assert len(specs) == 2  # the two fitting figures; the sweep's and the maps are live
    sweep, maps = live_views(at)
    assert [m["layout"]["title"]["text"][:6] for m in maps["maps"]] == [
        "D(P‖Q)",
        "D(Q‖P)",
        "D(P‖Q)",
    ]
    assert maps["model"]["q"] == [1.0, 2.0]  # Q's mark, at its location and scale
    assert sweep["figure"]["layout"]["title"]["text"].startswith("Both directions")
    index = sweep["handles"][0]["value"]
    assert sweep["model"]["values"][index] == 1.0  # the sweep opens at Q's location
    forward_bits = kl_core.kl(stats.norm(0, 1), stats.norm(1, 2), base=2)
    assert sweep["model"]["forward"][index] == pytest.approx(forward_bits, rel=1e-12)


@pytest.mark.parametrize("index", range(len(PRESETS)))
def test_presets_set_p_and_q(index):
    preset = PRESETS[index]
    at = open_page(PAGE)
    at.button(key=f"asym_preset_{index}").click().run()
    assert_healthy(at)
    assert at.text_input(key="P").value == preset.p
    assert at.text_input(key="Q").value == preset.q
    p, q = kl_core.parse_distribution(preset.p), kl_core.parse_distribution(preset.q)
    assert metrics(at)["D(P‖Q)"] == format_value(kl_core.kl(p, q), "nats")
    assert metrics(at)["D(Q‖P)"] == format_value(kl_core.kl(q, p), "nats")


def test_symmetric_presets_show_equal_directions():
    for index in (0, 1):
        at = open_page(PAGE)
        at.button(key=f"asym_preset_{index}").click().run()
        shown = metrics(at)
        assert shown["D(P‖Q)"] == shown["D(Q‖P)"]


def test_dragging_q_moves_values_and_sweeping_p_works():
    at = open_page(PAGE)
    at.slider(key="Q_norm_loc").set_value(-1.5).run()
    assert metrics(at)["D(P‖Q)"] == format_value(
        kl_core.kl(stats.norm(0, 1), stats.norm(-1.5, 2)), "nats"
    )
    at.segmented_control(key="vary").set_value("P").run()
    at.selectbox(key="param").set_value("scale").run()
    assert_healthy(at)
    sweep, maps = live_views(at)
    assert sweep["figure"]["layout"]["xaxis"]["title"]["text"] == "P's scale"
    assert maps["model"]["q"] == [-1.5, 2.0]  # Q's mark where the slider put it
    assert sweep["handles"][0]["name"] == "P_scale"


def test_sweeping_a_shape_parameter():
    at = open_page(PAGE, P="norm(loc=0,scale=1)", Q="t(df=3,loc=0,scale=1)", param="df")
    assert_healthy(at)
    assert at.selectbox(key="param").value == "df"


def test_fitting_controls_move_the_reverse_optimum():
    at = open_page(PAGE, sep="6", start="2")
    right = metrics(at)["argmin D(Q‖P) from your start"]
    assert right.startswith("μ = 2.98")
    at.slider(key="start").set_value(-2.0).run()
    assert metrics(at)["argmin D(Q‖P) from your start"].startswith("μ = -2.98")
    forward = metrics(at)["argmin D(P‖Q)"]
    mean, sd = lessons.moment_match(kl_core.parse_distribution("mixture(norm(-3, 1), norm(3, 1))"))
    assert forward == f"μ = {round(mean, 3) + 0.0:.3f}, σ = {sd:.3f}"


def test_mixture_q_explains_why_there_is_no_map():
    at = open_page(PAGE, Q="mixture(norm(-1,1), norm(1,1))")
    assert_healthy(at)
    assert any("choose a single family for Q" in i.value for i in at.info)


@pytest.mark.parametrize(
    "bad", ["foo(1)", "norm(0,-1)", "__import__('os')", "x" * 5000, "poisson(3)"]
)
def test_invalid_specs_give_a_message_and_the_default(bad):
    at = open_page(PAGE, Q=bad)
    assert_healthy(at)
    assert any("Could not use Q" in e.value for e in at.error)
    assert metrics(at)["D(P‖Q)"] == format_value(
        kl_core.kl(stats.norm(0, 1), stats.norm(1, 2)), "nats"
    )


@pytest.mark.parametrize(
    ("key", "value"), [("vary", "R"), ("param", "nonsense"), ("sep", "-3"), ("start", "abc")]
)
def test_invalid_page_parameters_fall_back(key, value):
    at = open_page(PAGE, **{key: value})
    assert_healthy(at)
    assert "D(P‖Q)" in metrics(at)
