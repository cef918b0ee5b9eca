"""/mle and /samples through AppTest: deep links, controls, messages."""

import pytest

import kl_core
from kl_core import lessons
from kl_ui.numbers import format_value
from kl_ui.presets import MLE_PRESETS, SAMPLES_PRESETS
from kl_ui.widgets.display import MLE_LABEL, PROJECTION_LABEL
from tests.app.conftest import assert_healthy, metrics, open_page


def _draw(spec, n, seed, stream=0):
    from kl_ui.views.mle import draw

    return draw(spec, n, seed, stream)


def test_mle_deep_link_shows_the_mle_of_that_sample():
    spec = "norm(loc=1, scale=2)"
    at = open_page("pages/mle.py", P=spec, family="norm", n="1000", seed="3")
    assert_healthy(at)
    x = _draw(spec, 1000, 3)
    shown = metrics(at)[MLE_LABEL]
    assert shown == f"μ = {x.mean():.3f}, σ = {x.std():.3f}"
    assert metrics(at)[PROJECTION_LABEL] == "μ = 1.000, σ = 2.000"


def test_mle_misspecified_projection_is_moment_matching_and_seed_redraws():
    at = open_page("pages/mle.py")
    p = kl_core.parse_distribution(MLE_PRESETS[1].p)
    mean, sd = lessons.moment_match(p)
    assert metrics(at)[PROJECTION_LABEL] == f"μ = {mean:.3f}, σ = {sd:.3f}"
    before = metrics(at)[MLE_LABEL]
    at.button(key="redraw").click().run()
    assert at.number_input(key="seed").value == 1
    assert metrics(at)[MLE_LABEL] != before


def test_mle_n_and_family_controls():
    at = open_page("pages/mle.py", n="100000")
    assert_healthy(at)
    at.selectbox(key="family").set_value("laplace").run()
    assert_healthy(at)
    at.select_slider(key="n").set_value(10).run()
    assert_healthy(at)
    assert metrics(at)[MLE_LABEL].startswith("μ = ")


def test_mle_heavy_tailed_p_explains_instead_of_failing():
    at = open_page("pages/mle.py", P="cauchy(0,1)")
    assert_healthy(at)
    assert any("tails too heavy" in e.value for e in at.error)


@pytest.mark.parametrize(
    ("key", "value"), [("n", "7"), ("family", "poisson"), ("seed", "-4"), ("P", "oops(")]
)
def test_mle_invalid_parameters_fall_back(key, value):
    at = open_page("pages/mle.py", **{key: value})
    assert_healthy(at)
    assert MLE_LABEL in metrics(at)


def test_samples_deep_link_estimates_near_the_exact_value():
    p, q = SAMPLES_PRESETS[0].p, SAMPLES_PRESETS[0].q
    at = open_page("pages/samples.py", P=p, Q=q, n="100000", seed="1", k="5")
    assert_healthy(at)
    shown = metrics(at)
    exact = kl_core.kl(kl_core.parse_distribution(p), kl_core.parse_distribution(q))
    assert shown["exact D(P‖Q)"] == format_value(exact, "nats")
    for label in ("Monte Carlo estimate", "histogram estimate", "k-NN estimate (k = 5)"):
        value = float(shown[label].split()[0])
        assert value == pytest.approx(exact, abs=0.03), label


def test_samples_cauchy_normal_monte_carlo_never_settles():
    at = open_page("pages/samples.py", P="cauchy(0,1)", Q="norm(0,1)")
    assert_healthy(at)
    assert metrics(at)["exact D(P‖Q)"] == "∞ nats"
    assert any("decay" in c.value for c in at.caption)


def test_samples_far_apart_histogram_is_infinite_and_says_where():
    at = open_page("pages/samples.py", P="norm(0,1)", Q="norm(4,0.5)", n="10000")
    assert metrics(at)["histogram estimate"] == "∞ nats"
    assert any("hold P-samples but no Q-sample" in c.value for c in at.caption)


def test_samples_rounding_creates_duplicates_with_a_clear_message():
    at = open_page("pages/samples.py", round="true")
    assert_healthy(at)
    assert any("duplicate points" in w.value for w in at.warning)


def test_samples_repeats_panel_runs():
    at = open_page("pages/samples.py", n="1000")
    at.toggle(key="repeats").set_value(True).run()
    assert_healthy(at)
    assert any("fresh samples of size 1,000" in c.value for c in at.caption)


def test_samples_p_equals_q_shows_negative_estimates_are_possible():
    at = open_page("pages/samples.py", P="norm(0,1)", Q="norm(0,1)", n="100", seed="2")
    assert_healthy(at)
    assert metrics(at)["exact D(P‖Q)"] == "0.0000 nats"


@pytest.mark.parametrize(
    ("key", "value"), [("n", "0"), ("k", "-1"), ("width", "nan"), ("Q", "__import__('os')")]
)
def test_samples_invalid_parameters_fall_back(key, value):
    at = open_page("pages/samples.py", **{key: value})
    assert_healthy(at)
    assert "exact D(P‖Q)" in metrics(at)


def test_mle_figures_use_kl_core_values():
    from kl_ui import figures

    p = kl_core.parse_distribution(MLE_PRESETS[1].p)
    star = lessons.kl_projection(p, "norm")
    conv = lessons.mle_convergence(p, "norm", [10, 1000], repeats=4, rng=0)
    for values, target, what in (
        (conv.locs, star.loc, "location"),
        (conv.divergences, star.value, "divergence"),
    ):
        fig = figures.convergence_figure(conv.ns, values, target, 1000, what=what, unit="nats")
        (mean,) = [t for t in fig.spec["data"] if t.get("mode") == "lines+markers"]
        assert list(mean["y"]) == pytest.approx(list(values.mean(axis=0)))
        (limit,) = [t for t in fig.spec["data"] if t.get("mode") == "lines"]
        assert limit["y"] == [target, target]
        (chosen,) = fig.spec["layout"]["shapes"]
        assert chosen["x0"] == chosen["x1"] == 1000  # the page's N is marked
