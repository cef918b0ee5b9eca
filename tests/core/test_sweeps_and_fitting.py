"""Vectorised sweeps and maps against kl_core.kl pointwise; forward and reverse fits."""

import math

import numpy as np
import pytest
from scipy import stats

import kl_core
from kl_core import lessons
from kl_core import parse_distribution as spec

MIX = spec("mixture(norm(-2, 0.6), norm(2, 0.6), weights=[0.4, 0.6])")


def _same(a: float, b: float, rel: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return abs(a - b) <= rel * max(1.0, abs(b))


@pytest.mark.parametrize(
    ("p", "q", "rel"),
    [
        (stats.norm(0, 1), stats.t(3), 1e-8),
        (MIX, stats.norm(0, 1), 1e-8),
        (stats.cauchy(), stats.norm(), 1e-8),
        (stats.gamma(2), stats.norm(), 1e-8),
        (stats.norm(0, 0.3), stats.cauchy(0, 3), 1e-8),
        (stats.norm(), stats.uniform(-3, 6), 1e-8),
        (stats.norm(), stats.laplace(), 1e-4),  # the kink of Laplace moves with θ
    ],
)
@pytest.mark.parametrize("param", ["loc", "scale"])
def test_sweep_matches_kl_pointwise(p, q, rel, param):
    values = np.linspace(-3, 3, 7) if param == "loc" else np.linspace(0.3, 4, 7)
    sweep = lessons.kl_sweep(p, q, param, values)
    for law, forward, reverse in zip(
        lessons.sweep_laws(q, param, values), sweep.forward, sweep.reverse
    ):
        assert _same(forward, kl_core.kl(p, law), rel)
        assert _same(reverse, kl_core.kl(law, p), rel)


def test_sweep_of_a_shape_parameter_and_of_p():
    values = [1.0, 2.5, 10.0]
    sweep = lessons.kl_sweep(stats.norm(), stats.t(3), "df", values, base=2)
    for law, forward in zip(lessons.sweep_laws(stats.t(3), "df", values), sweep.forward):
        assert forward == pytest.approx(kl_core.kl(stats.norm(), law, base=2), rel=1e-9)
    swept_p = lessons.kl_sweep(stats.norm(), stats.t(3), "loc", values, vary="p")
    for law, forward in zip(lessons.sweep_laws(stats.norm(), "loc", values), swept_p.forward):
        assert forward == pytest.approx(kl_core.kl(law, stats.t(3)), rel=1e-8)


def test_map_matches_kl_at_grid_points_and_has_the_right_shape():
    locs, scales = np.linspace(-4, 4, 9), np.linspace(0.5, 3, 6)
    m = lessons.kl_map(MIX, stats.norm(), locs, scales)
    assert m.forward.shape == (6, 9)
    for i, j in [(0, 0), (2, 4), (5, 8)]:
        law = stats.norm(locs[j], scales[i])
        assert m.forward[i, j] == pytest.approx(kl_core.kl(MIX, law), rel=1e-6)
        assert m.reverse[i, j] == pytest.approx(kl_core.kl(law, MIX), rel=1e-6)


def test_equal_variance_normals_and_any_two_cauchys_are_symmetric_on_the_map():
    grid = np.linspace(-3, 3, 7)
    normals = lessons.kl_map(stats.norm(0, 1.5), stats.norm(), grid, [1.5])
    np.testing.assert_allclose(normals.difference, 0.0, atol=1e-9)
    cauchys = lessons.kl_map(stats.cauchy(0, 1), stats.cauchy(), grid, np.linspace(0.2, 4, 5))
    np.testing.assert_allclose(cauchys.difference, 0.0, atol=5e-5)  # level 5: a picture


def test_map_difference_is_never_nan_when_both_sides_are_infinite():
    m = lessons.kl_map(stats.cauchy(), stats.norm(), [0.0], [1.0])
    assert m.forward[0, 0] == math.inf
    assert not np.isnan(m.difference).any()


def test_sweep_validation():
    with pytest.raises(ValueError, match="`param` must be one of"):
        lessons.kl_sweep(stats.norm(), stats.norm(), "df", [1.0])
    with pytest.raises(ValueError, match="`values` of a scale must be > 0"):
        lessons.kl_sweep(stats.norm(), stats.norm(), "scale", [0.0, 1.0])
    with pytest.raises(ValueError, match="`vary`"):
        lessons.kl_sweep(stats.norm(), stats.norm(), "loc", [0.0], vary="x")
    with pytest.raises(ValueError, match="classic continuous"):
        lessons.kl_sweep(stats.norm(), MIX, "loc", [0.0])


# --- fitting -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "p",
    [
        spec("mixture(norm(-3, 1), norm(3, 1))"),
        spec("mixture(norm(-1, 0.5), norm(2, 1.5), weights=[0.7, 0.3])"),
        stats.gamma(3, scale=2),
        stats.laplace(1, 2),
    ],
)
def test_forward_optimum_is_moment_matching(p):
    fit = lessons.fit_normal(p, "forward")
    mean, sd = lessons.moment_match(p)
    assert fit.loc == pytest.approx(mean, abs=1e-6)
    assert fit.scale == pytest.approx(sd, abs=1e-6)
    assert fit.converged
    assert fit.value == pytest.approx(kl_core.kl(p, stats.norm(fit.loc, fit.scale)), rel=1e-7)


# A Laplace log density has a kink at its location: the fast objective alone ended
# 1.5e-3 from this mixture's median; the fit is now polished on kl_core's quadrature.
@pytest.mark.parametrize(
    ("p", "tolerance"),
    [
        (stats.gamma(3, scale=2), 1e-6),
        (stats.logistic(1, 2), 1e-6),
        (spec("mixture(norm(-1, 0.5), norm(2, 1.5))"), 1e-6),
    ],
)
def test_the_forward_laplace_fit_is_the_median_and_mean_absolute_deviation(p, tolerance):
    """argmin D(P‖Laplace(m, b)) = (median, E|X − median|): the same fitter as the normal's,
    checked against values from scipy's own ppf and quad."""
    from scipy import integrate

    median = float(p.ppf(0.5)) if hasattr(p, "ppf") else float(p.icdf(0.5))
    mad = integrate.quad(lambda x: abs(x - median) * p.pdf(x), -np.inf, np.inf, limit=200)[0]
    fit = lessons.fit_normal(p, "forward", family="laplace")
    assert fit.loc == pytest.approx(median, abs=tolerance)
    assert fit.scale == pytest.approx(mad, rel=tolerance)
    projection = lessons.kl_projection(p, "laplace")
    assert (projection.loc, projection.scale) == (fit.loc, fit.scale)  # one fitter


def test_a_family_with_shape_parameters_is_refused():
    with pytest.raises(ValueError, match="`family` must be a location-scale family"):
        lessons.fit_normal(stats.norm(), "forward", family="gamma")


def test_moment_match_agrees_with_scipy_moments():
    p = spec("mixture(norm(-1, 0.5), norm(2, 1.5), weights=[0.7, 0.3])")
    mean, sd = lessons.moment_match(p)
    assert mean == pytest.approx(float(p.mean()), abs=1e-10)
    assert sd**2 == pytest.approx(float(p.variance()), abs=1e-10)


@pytest.mark.parametrize("mode", [-3.0, 3.0])
def test_reverse_fit_started_near_a_mode_stays_at_that_mode(mode):
    p = spec("mixture(norm(-3, 1), norm(3, 1))")
    fit = lessons.fit_normal(p, "reverse", start=(mode + 0.5, 1.5))
    assert fit.loc == pytest.approx(mode, abs=0.05)
    assert fit.scale == pytest.approx(1.0, abs=0.05)
    assert tuple(fit.path[0]) == (mode + 0.5, 1.5)
    np.testing.assert_allclose(fit.path[-1], [fit.loc, fit.scale], atol=1e-6)
    forward = lessons.fit_normal(p, "forward")
    assert fit.scale < forward.scale  # mode-seeking is narrower than mass-covering


def test_several_reverse_optima_and_the_start_decides():
    p = spec("mixture(norm(-3, 1), norm(3, 1))")
    optima = lessons.reverse_optima(p, np.linspace(-6, 6, 8))
    locations = [round(f.loc, 1) for f in optima]
    assert locations[0] < -2.5
    assert locations[-1] > 2.5
    assert len(optima) >= 2


def test_unimodal_target_has_one_reverse_optimum():
    p = spec("mixture(norm(-0.5, 1), norm(0.5, 1))")
    optima = lessons.reverse_optima(p, np.linspace(-4, 4, 6))
    assert len(optima) == 1
    assert optima[0].loc == pytest.approx(0.0, abs=1e-4)


def test_fitting_validation():
    with pytest.raises(ValueError, match="`direction`"):
        lessons.fit_normal(stats.norm(), "sideways")
    with pytest.raises(ValueError, match="`start`"):
        lessons.fit_normal(stats.norm(), "reverse", start=(0.0, -1.0))
    with pytest.raises(ValueError, match="no finite mean"):
        lessons.moment_match(stats.cauchy())
    with pytest.raises(ValueError, match="`starts`"):
        lessons.reverse_optima(stats.norm(), [])
