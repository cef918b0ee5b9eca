"""The asymmetry page's figures, checked by their data."""

import base64
import json
import math

import numpy as np
import pytest
from scipy import stats

import kl_core
from kl_core import lessons
from kl_ui import asymmetry, figures, texts, theme
from kl_ui.views import asymmetry as asymmetry_view


def decode(array_spec) -> np.ndarray:
    """Undo plotly's typed-array encoding (what the browser receives)."""
    if isinstance(array_spec, dict):
        raw = np.frombuffer(base64.b64decode(array_spec["bdata"]), dtype=array_spec["dtype"])
        return raw.reshape(array_spec.get("shape", raw.shape))
    return np.asarray(array_spec, dtype=float)


def _view(p, q, param="loc"):
    """The sweep of Q's `param` as the page builds it (P fixed)."""
    return asymmetry_view.sweep_view(
        kl_core.format_distribution(p), kl_core.format_distribution(q), "Q", param, None
    )


def _densities(view, start=0, vary="Q"):
    keep = ("window", "fixed_x", "fixed", "xs", "moving")
    return figures.sweep_densities(**{k: getattr(view, k) for k in keep}, start=start, vary=vary)


def test_sweep_densities_carry_each_points_density():
    p, q = stats.norm(0, 1), stats.norm(1, 2)
    view = _view(p, q)
    fig, frames = _densities(view, start=5)
    assert len(frames) == len(view.values)
    for k in (0, 5, 40):
        np.testing.assert_allclose(frames[k][1], view.moving[k], rtol=1e-6)
        np.testing.assert_allclose(frames[k][0], view.xs[k], rtol=1e-6)
    spec = fig.to_dict()
    np.testing.assert_allclose(decode(spec["data"][1]["y"]), view.moving[5], rtol=1e-6)
    assert spec["data"][1]["name"] == "Q density"


def test_the_sweeps_densities_are_compact():
    view = _view(stats.norm(0, 1), stats.t(3))
    _, frames = _densities(view)
    sent = [{"x": theme.typed_array(x), "y": theme.typed_array(y)} for x, y in frames]
    size = len(json.dumps(sent))
    assert "bdata" in json.dumps(sent[0])
    assert size < 100_000  # 41 points of about 120 values, x and y


def test_with_current_inserts_the_exact_current_frame():
    p = stats.norm(0, 1)
    q = stats.norm(1.23, 2)
    template = kl_core.parse_distribution(asymmetry.template_spec(q, "loc"))
    view = _view(p, template)
    merged, index = asymmetry.with_current(view, q, p, "loc", kl_core.kl(p, q), kl_core.kl(q, p))
    assert merged.values[index] == 1.23
    assert len(merged.values) == len(view.values) + 1
    assert np.all(np.diff(merged.values) > 0)
    np.testing.assert_allclose(merged.moving[index], q.pdf(merged.xs[index]))
    assert merged.forward[index] == kl_core.kl(p, q)


@pytest.mark.parametrize("preset", asymmetry.PRESETS, ids=lambda p: p.name)
@pytest.mark.parametrize("param", ["loc", "scale"])
def test_every_frame_draws_its_peak_within_one_percent_inside_the_axes(preset, param):
    p, q = kl_core.parse_distribution(preset.p), kl_core.parse_distribution(preset.q)
    view = _view(p, q, param)
    fig, _ = _densities(view)
    top = fig.spec["layout"]["yaxis"]["range"][1]
    assert max(view.fixed) <= top
    assert np.max(view.fixed) >= 0.99 * p.pdf(p.median())  # P's own peak at its mode
    for law, _x, y in zip(lessons.sweep_laws(q, param, view.values), view.xs, view.moving):
        mode = law.median()  # every preset family is symmetric and unimodal
        if view.window[0] <= mode <= view.window[1]:
            assert np.max(y) >= 0.99 * law.pdf(mode), (law.kwds, np.max(y), law.pdf(mode))
        assert np.max(y) <= top


def test_sweep_curves_data_and_marker():
    values = np.linspace(-2, 2, 5)
    fwd, rev = np.array([1.0, 0.5, 0.0, 0.5, 1.0]), np.full(5, np.inf)
    fig = figures.sweep_curves(values, fwd, rev, 0.0, "Q's loc", "nats")
    spec = fig.spec
    np.testing.assert_allclose(spec["data"][0]["y"], fwd)
    assert np.isnan(spec["data"][1]["y"]).all()
    assert spec["layout"]["shapes"][0]["x0"] == 0.0
    assert any("∞ over the whole range" in a["text"] for a in spec["layout"]["annotations"])


def test_maps_show_the_grid_values_and_the_zero_contour():
    grid = lessons.kl_map(stats.norm(0, 1), stats.norm(), [-1.0, 0.0, 1.0], [0.5, 1.0, 2.0])
    forward, reverse, difference = figures.divergence_maps(grid, "nats")
    np.testing.assert_allclose(forward.spec["data"][0]["z"], grid.forward, rtol=1e-6)
    np.testing.assert_allclose(reverse.spec["data"][0]["z"], grid.reverse, rtol=1e-6)
    contour = difference.spec["data"][0]
    assert contour["type"] == "contour"
    assert (contour["contours"]["start"], contour["contours"]["end"]) == (0, 0)
    np.testing.assert_allclose(contour["z"], grid.difference, atol=1e-6)
    for fig in (forward, reverse, difference):
        (heat,) = fig.spec["data"]  # Q's mark is the live view's (kl_ui.live.maps)
        assert heat.get("showscale", True)  # every map has its own colour scale
        assert "colorbar" in heat


def test_infinite_cells_are_left_blank_on_the_map():
    grid = lessons.kl_map(stats.cauchy(), stats.norm(), [0.0, 1.0], [1.0])
    forward, reverse, _ = figures.divergence_maps(grid, "nats")
    assert np.isnan(forward.spec["data"][0]["z"]).all()
    assert np.isfinite(reverse.spec["data"][0]["z"]).all()


def test_fit_path_draws_the_optimiser_path_and_the_optima():
    p = kl_core.parse_distribution("mixture(norm(-3, 1), norm(3, 1))")
    grid = lessons.kl_map(
        p, stats.norm(), np.linspace(-5, 5, 11), np.linspace(0.5, 3, 6), which="reverse"
    )
    fit = lessons.fit_normal(p, "reverse", start=(1.0, 1.0))
    optima = lessons.reverse_optima(p, [-4.0, 4.0])
    spec = figures.fit_path(grid, fit.path, optima, "nats").spec
    np.testing.assert_allclose(spec["data"][1]["x"], fit.path[:, 0])
    assert [round(v, 3) for v in spec["data"][2]["x"]] == [round(o.loc, 3) for o in optima]
    assert all(math.isnan(v) for v in np.asarray(grid.forward).ravel())


def test_fit_densities_plot_p_and_both_fits():
    x = np.linspace(-6, 6, 50)
    fig = figures.fit_densities(
        x, np.ones(50), np.zeros(50), [("reverse", np.full(50, 2.0))], "nats"
    )
    names = [d["name"] for d in fig.spec["data"]]
    assert names[0].startswith("P")
    assert "mass-covering" in names[1]
    assert names[2] == "reverse"


@pytest.mark.parametrize("separation", [0.0, 3.5, 8.0])
def test_fit_target_is_a_symmetric_two_hump_mixture(separation):
    p = kl_core.parse_distribution(asymmetry.fit_target_spec(separation))
    assert float(p.mean()) == pytest.approx(0.0, abs=1e-12)
    assert float(p.variance()) == pytest.approx(1 + separation**2 / 4)


def test_the_difference_maps_colours_are_the_ones_its_explanation_names():
    grid = lessons.kl_map(stats.norm(0, 1), stats.norm(), [-1.0, 0.0, 1.0], [0.5, 1.0, 2.0])
    contour = figures.divergence_maps(grid, "nats")[2].spec["data"][0]
    low, high = contour["colorscale"][0][1], contour["colorscale"][-1][1]
    red, blue = (int(low[1:3], 16), int(low[5:7], 16)), (int(high[1:3], 16), int(high[5:7], 16))
    assert red[0] > red[1]  # low (D(Q‖P) larger): red
    assert blue[1] > blue[0]  # high (D(P‖Q) larger): blue
    assert "blue where D(P‖Q) is\nlarger, red where D(Q‖P) is" in texts.MAP_EXPLAINED


@pytest.mark.parametrize("preset", asymmetry.PRESETS, ids=lambda p: p.name)
def test_the_sweeps_handle_label_writes_every_point_exactly_with_one_width(preset):
    """The live sweep's handle shows its point with kl_ui.numbers.shared_decimals
    decimals: each point written exactly, every label the same number of decimals."""
    from kl_ui.numbers import shared_decimals

    moving = kl_core.parse_distribution(preset.q)
    for param in asymmetry.sweepable_params(moving):
        values = asymmetry.sweep_values(moving, param)
        decimals = shared_decimals(values)
        shown = [f"{v:.{decimals}f}" for v in values]
        assert [float(text) for text in shown] == pytest.approx(list(values), abs=1e-9)
        assert decimals == 0 or any(not text.endswith("0") for text in shown)
