"""Figure builders tested by their data and meaning, in plain pytest."""

import math

import numpy as np
import plotly.io
import pytest
from scipy import integrate, stats

import kl_core
from kl_core import lessons
from kl_ui import figures
from kl_ui.families import BY_NAME, FAMILIES, slider_values
from kl_ui.numbers import format_number, format_value
from kl_ui.presets import PRESETS
from kl_ui.theme import INFINITY_COLOR, P_COLOR, Q_COLOR


def test_shaded_integrand_integrates_to_the_displayed_value():
    p, q = stats.norm(0, 1), stats.laplace(0.5, 1.5)
    x = np.linspace(*lessons.plot_window(p, q, coverage=0.9999), 4001)
    fig = figures.density_figure(lessons.density_curves(p, q, x, base=2), "bits")
    shaded = next(t for t in fig.spec["data"] if t.get("fill") == "tozeroy")
    area = integrate.trapezoid(np.asarray(shaded["y"]), np.asarray(shaded["x"]))
    assert area == pytest.approx(kl_core.kl(p, q, base=2), rel=1e-4)
    assert "[bits]" in shaded["name"]


def test_density_panel_draws_p_and_q_in_their_colours():
    p, q = stats.norm(0, 1), stats.norm(1, 2)
    x = np.linspace(-5, 5, 101)
    fig = figures.density_figure(lessons.density_curves(p, q, x), "nats")
    by_name = {t["name"]: t for t in fig.spec["data"]}
    np.testing.assert_allclose(by_name["p(x)"]["y"], p.pdf(x))
    np.testing.assert_allclose(by_name["q(x)"]["y"], q.pdf(x))
    assert by_name["p(x)"]["line"]["color"] == P_COLOR
    assert by_name["q(x)"]["line"]["color"] == Q_COLOR


def test_support_gap_is_marked_instead_of_drawn_as_a_number():
    p, q = stats.uniform(-1, 3), stats.uniform(0, 1)
    x = np.linspace(-1.5, 2.5, 41)
    fig = figures.density_figure(lessons.density_curves(p, q, x), "nats")
    marks = next(t for t in fig.spec["data"] if "∞" in t["name"])
    assert min(marks["x"]) < 0
    assert max(marks["x"]) > 1
    shaded = next(t for t in fig.spec["data"] if t.get("fill") == "tozeroy")
    assert all(math.isfinite(v) for v in np.asarray(shaded["y"], dtype=float) if v == v)


def test_term_bars_show_each_term_and_flag_infinity():
    labels, p, q = ["a", "b", "c"], [0.5, 0.3, 0.2], [0.6, 0.4, 0.0]
    terms = kl_core.kl_terms(p, q)
    fig = figures.term_bars(labels, terms, "nats")
    bar = fig.spec["data"][0]
    np.testing.assert_allclose(bar["y"][:2], terms[:2])
    assert bar["text"][2] == "∞"
    assert bar["marker"]["color"][2] == INFINITY_COLOR
    assert bar["y"][2] > max(abs(t) for t in terms[:2])
    assert bar["marker"]["color"][0] != bar["marker"]["color"][2]


def test_finite_terms_sum_to_the_divergence_in_the_figure():
    p, q = [0.2, 0.5, 0.3], [0.3, 0.3, 0.4]
    fig = figures.term_bars(["x", "y", "z"], kl_core.kl_terms(p, q, base=2), "bits")
    assert sum(fig.spec["data"][0]["y"]) == pytest.approx(kl_core.kl_divergence(p, q, base=2))


def test_pmf_bars_carry_p_and_q():
    fig = figures.pmf_bars(["H", "T"], np.array([0.5, 0.5]), np.array([0.9, 0.1]))
    assert list(fig.spec["data"][0]["y"]) == [0.5, 0.5]
    assert list(fig.spec["data"][1]["y"]) == [0.9, 0.1]
    assert [t["marker"]["color"] for t in fig.spec["data"]] == [P_COLOR, Q_COLOR]


def test_decomposition_bars_add_up():
    p, q = [0.5, 0.5], [0.9, 0.1]
    h, d, hx = kl_core.entropy(p), kl_core.kl_divergence(p, q), kl_core.cross_entropy(p, q)
    fig = figures.decomposition_bar(h, d, hx, "nats")
    widths = {t["name"].split(" =")[0]: t["x"][0] for t in fig.spec["data"]}
    assert widths["H(P)"] + widths["D(P‖Q)"] == pytest.approx(widths["H(P,Q)"])


def test_decomposition_with_infinite_divergence_says_so():
    fig = figures.decomposition_bar(1.0, math.inf, math.inf, "bits")
    assert len(fig.spec["data"]) == 1
    assert "∞" in fig.spec["layout"]["annotations"][0]["text"]


def test_smoothing_curve_plots_the_smoothed_values():
    eps = np.logspace(-1, -8, 8)
    values = kl_core.kl_smoothed([0.5, 0.5], [1.0, 0.0], eps)
    fig = figures.smoothing_curve(eps, values, 0.5, 1.0, "nats")
    np.testing.assert_allclose(fig.spec["data"][0]["y"], values)
    assert fig.spec["layout"]["xaxis"]["type"] == "log"


def test_window_growth_figure_carries_the_window_integrals():
    widths = np.array([10.0, 100.0, 1000.0])
    values = lessons.kl_windows(stats.cauchy(), stats.norm(), widths)
    fig = figures.window_growth(widths, values, "nats")
    np.testing.assert_allclose(fig.spec["data"][0]["y"], [1.54, 29.8, 316], rtol=0.01)


def test_coin_curve_leaves_gaps_at_infinity():
    qs = np.linspace(0, 1, 5)
    grid = np.column_stack([qs, 1 - qs])
    fwd = kl_core.kl_divergence([0.5, 0.5], grid)
    fig = figures.coin_divergence_curve(qs, fwd, fwd, 0.5, "nats")
    y = np.asarray(fig.spec["data"][0]["y"], dtype=float)
    assert np.isnan(y[0])
    assert np.isnan(y[-1])
    assert y[2] == 0.0


def test_figures_stay_small():
    p, q = stats.norm(0, 1), stats.t(3)
    x = np.linspace(-5, 5, 600)
    fig = figures.density_figure(lessons.density_curves(p, q, x), "nats")
    assert len(plotly.io.to_json(fig.to_dict(), validate=False)) < 30_000


# --- numbers, families, presets ------------------------------------------------------


def test_numbers_always_carry_units_and_never_nan():
    assert format_value(math.inf, "hartleys") == "∞ hartleys"
    assert format_number(0.0) == "0.0000"
    with pytest.raises(ValueError, match="NaN"):
        format_number(math.nan)


@pytest.mark.parametrize("family", FAMILIES, ids=[f.name for f in FAMILIES])
def test_every_slider_family_default_round_trips(family):
    dist = kl_core.parse_distribution(family.default_spec)
    name, values = slider_values(dist)
    assert name == family.name
    assert family.spec(values) == family.default_spec
    assert math.isfinite(kl_core.kl(dist, dist))


def test_mixture_weights_at_the_ends_of_the_slider_are_valid():
    spec = BY_NAME["mixture"].spec({"w": 0.0})
    assert kl_core.kl(kl_core.parse_distribution(spec), stats.norm()) > 0


def test_presets_are_probability_vectors():
    for preset in PRESETS:
        texts = preset.texts()
        p = lessons.parse_probabilities(texts["p"])
        assert p.sum() == pytest.approx(1.0, abs=1e-9)
        assert len(lessons.parse_labels(texts["labels"], p.size)) == p.size


@pytest.mark.parametrize(
    "values",
    [
        np.array([1, -2, 300], dtype=np.int64),
        np.array([70_000, 0], dtype=np.int64),
        np.array([[1, 2, 3], [4, 5, 6]], dtype=np.uint64),
        np.arange(12, dtype=np.int32).reshape(3, 4),
        np.array([0.5, -1.25, 3e38], dtype=np.float32),
        np.linspace(0, 1, 7, dtype=np.float32)[::2],  # not contiguous
    ],
    ids=["int64-small", "int64-wide", "uint64-2d", "int32-2d", "float32", "strided"],
)
def test_typed_arrays_match_plotlys_own_encoding(values):
    from _plotly_utils.utils import to_typed_array_spec

    from kl_ui.theme import typed_array

    assert typed_array(values) == to_typed_array_spec(values)


def test_typed_arrays_send_float64_as_float32_and_decode_back():
    import base64

    from kl_ui.theme import typed_array

    values = np.array([[np.pi, -1e-300], [1e30, 2.5]])
    spec = typed_array(values)
    decoded = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.float32).reshape(2, 2)
    assert spec["dtype"] == "f4"
    assert spec["shape"] == "2, 2"
    np.testing.assert_allclose(decoded, values, rtol=1e-7, atol=1e-38)


def test_spec_figures_survive_streamlits_plotly_path_and_pickling():
    import pickle

    import plotly.tools

    qs = np.linspace(0.01, 0.99, 99)
    forward = kl_core.kl_divergence([0.5, 0.5], np.column_stack([qs, 1 - qs]))
    reverse = kl_core.kl_divergence(np.column_stack([qs, 1 - qs]), [0.5, 0.5])
    fig = figures.coin_divergence_curve(qs, forward, reverse, 0.3, "nats")
    sent = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    assert sent is fig.to_dict()
    text = plotly.io.to_json(sent, validate=False)
    assert '"bdata"' in text
    assert "NaN" not in text
    again = pickle.loads(pickle.dumps(fig))
    assert again.to_dict() == fig.to_dict()


def test_typed_arrays_keep_integers_wider_than_32_bits_exact():
    from _plotly_utils.utils import to_typed_array_spec

    from kl_ui.theme import typed_array

    values = np.array([2**40, -(2**35)], dtype=np.int64)
    assert typed_array(values) == [2**40, -(2**35)]
    assert np.array_equal(to_typed_array_spec(values), values)
