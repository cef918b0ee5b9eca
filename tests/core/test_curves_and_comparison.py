"""Helpers the pages use: text vectors, smoothing, offending outcomes, curves, comparison."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate, stats

import kl_core
from kl_core import lessons


def test_parse_probabilities_reads_decimals_and_fractions():
    np.testing.assert_allclose(lessons.parse_probabilities(" 0.5,0.25 , 1/4"), [0.5, 0.25, 0.25])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "`p` is empty"),
        ("0.5", "has 1 entries"),
        (",".join(["0.01"] * 61), "has 61 entries"),
        ("0.5,abc", r"entry 2 \('abc'\) is not a number"),
        ("0.5,-0.5", "entry 2 is -0.5"),
        ("0.5,nan", "entry 2 is nan"),
        ("0.5,inf", "entry 2 is inf"),
        ("1e308,0", "entry 1 is 1e\\+308; give numbers from 0 to 1e\\+09"),
        ("1/0,1", "is not a number"),
        ("x" * 10_000, "10,000 characters"),
    ],
)
def test_parse_probabilities_rejects_with_a_message(text, message):
    with pytest.raises(ValueError, match=message):
        lessons.parse_probabilities(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_parse_probabilities_fuzz_returns_valid_vector_or_value_error(text):
    try:
        values = lessons.parse_probabilities(text)
    except ValueError:
        return
    assert values.ndim == 1
    assert 2 <= values.size <= 60
    assert np.all((values >= 0) & (values <= 1e9))


def test_parse_labels_checks_count_and_uniqueness():
    assert lessons.parse_labels("a, b", 2) == ["a", "b"]
    with pytest.raises(ValueError, match="3 entries for 2 outcomes"):
        lessons.parse_labels("a,b,c", 2)
    with pytest.raises(ValueError, match="distinct"):
        lessons.parse_labels("a,a", 2)


def test_smoothed_divergence_grows_like_offending_mass_times_log_inverse_epsilon():
    p, q = [0.5, 0.3, 0.2], [0.6, 0.4, 0.0]
    eps = np.array([1e-4, 1e-8])
    values = kl_core.kl_smoothed(p, q, eps)
    slope = (values[1] - values[0]) / math.log(eps[0] / eps[1])
    assert slope == pytest.approx(0.2, rel=1e-3)  # P(offending outcome) = 0.2
    assert kl_core.support_violations(p, q).tolist() == [2]


def test_smoothing_a_finite_case_converges_to_the_plain_value():
    p, q = [0.5, 0.5], [0.9, 0.1]
    assert kl_core.kl_smoothed(p, q, [1e-12])[0] == pytest.approx(kl_core.kl_divergence(p, q))


def test_density_curves_integrand_integrates_to_the_divergence():
    p, q = stats.norm(0, 1), stats.norm(1, 2)
    x = np.linspace(-12, 12, 4001)
    curves = lessons.density_curves(p, q, x, base=2)
    area = integrate.trapezoid(curves.integrand, x)
    assert area == pytest.approx(kl_core.kl(p, q, base=2), rel=1e-6)
    np.testing.assert_allclose(curves.p, p.pdf(x))


def test_density_curves_mark_q_zero_under_p_as_infinite():
    curves = lessons.density_curves(stats.uniform(-1, 3), stats.uniform(0, 1), [-0.5, 0.5, 5])
    assert curves.integrand.tolist()[0] == math.inf
    assert curves.integrand[2] == 0.0


def test_plot_window_covers_both_distributions():
    lo, hi = lessons.plot_window(stats.norm(-5, 1), kl_core.parse_distribution("gamma(2)"))
    assert lo < -7
    assert hi > 5


def test_compare_methods_agrees_for_a_closed_form_and_flags_tails():
    good = kl_core.compare_methods(stats.norm(0, 1), stats.laplace(0, 1), rng=1)
    assert good.agree
    assert good.closed_form is not None
    heavy = kl_core.compare_methods(stats.cauchy(), stats.norm(), rng=1)
    assert heavy.result.method == "tails"
    assert heavy.numeric.value == math.inf
    assert math.isfinite(heavy.monte_carlo.estimate)  # MC shows a finite, unsettled number
