"""kl_core.lessons.windows: window integrals of p·log(p/q) against scipy's quad."""

import math

import pytest
from scipy import integrate, stats

from kl_core import lessons


def quad_window(p, q, lower, upper):
    """∫ p·log(p/q) over [lower, upper] by scipy.integrate.quad, in nats."""
    value, _ = integrate.quad(
        lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), lower, upper, epsabs=1e-13
    )
    return value


@pytest.mark.parametrize(
    ("p", "q", "lower", "upper"),
    [
        (stats.gamma(2), stats.expon(scale=2), 0.5, 4.0),
        (stats.norm(0, 1), stats.t(3), -2.0, 5.0),
        (stats.norm(0, 1), stats.norm(0, 0.5), -0.1, 0.1),  # p < q here: negative
    ],
)
def test_a_window_integral_agrees_with_quad(p, q, lower, upper):
    expected = quad_window(p, q, lower, upper)
    result = lessons.kl_window(p, q, lower, upper)
    assert result.value == pytest.approx(expected, rel=1e-9, abs=1e-12)
    in_bits = lessons.kl_window(p, q, lower, upper, base=2).value
    assert in_bits == pytest.approx(expected / math.log(2), rel=1e-9, abs=1e-12)


def test_a_narrow_window_can_be_negative():
    assert lessons.kl_window(stats.norm(0, 1), stats.norm(0, 0.5), -0.1, 0.1).value < 0


def test_a_window_outside_ps_support_is_zero():
    assert lessons.kl_window(stats.expon(), stats.norm(), -3, -1).value == 0.0


@pytest.mark.parametrize(("width", "expected"), [(10, 1.54), (100, 29.8), (1000, 316)])
def test_truncated_cauchy_normal_integral_grows_with_the_window(width, expected):
    res = lessons.kl_window(stats.cauchy(), stats.norm(), -width, width)
    assert res.value == pytest.approx(expected, rel=0.01)


def test_windows_around_the_median_converge_to_d_when_it_is_finite():
    p, q = stats.norm(1, 1), stats.norm(0, 2)
    values = lessons.kl_windows(p, q, [1, 5, 40])
    expected = math.log(2) + (1 + 1) / (2 * 4) - 0.5  # closed form for two normals
    assert values[-1] == pytest.approx(expected, rel=1e-9)
    assert abs(values[0] - expected) > abs(values[1] - expected) > 0
