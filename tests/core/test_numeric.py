"""Numerical integration against scipy's quad, Monte Carlo against both, and ∞."""

import math

import pytest
from scipy import stats

import kl_core
from kl_core import parse_distribution as spec
from tests.core.reference import quad_kl

NO_CLOSED_FORM = [
    (stats.norm(0, 1), stats.t(3)),
    (stats.lognorm(0.5), stats.gamma(2)),
    (stats.norm(0, 1), stats.cauchy(0, 1)),
    (stats.t(5), stats.norm(0, 1)),
    (stats.cauchy(0, 1), stats.t(2)),
    (stats.gamma(2, loc=1), stats.gamma(2)),
    (stats.beta(2, 3), stats.uniform(0, 1)),
    (stats.logistic(0, 1), stats.norm(0, 1.5)),
    (stats.weibull_min(1.5), stats.expon()),
    (stats.norm(0, 1), stats.laplace(0.3, 1)),
    (spec("mixture(norm(-2, 1), norm(2, 0.5), weights=[0.3, 0.7])"), stats.norm(0, 2)),
    (stats.norm(0, 2), spec("mixture(norm(-2, 1), norm(2, 0.5), weights=[0.3, 0.7])")),
    (stats.nbinom(5, 0.5), stats.poisson(5)),
    (stats.binom(20, 0.3), stats.poisson(6)),
]


@pytest.mark.parametrize(("p", "q"), NO_CLOSED_FORM)
def test_quadrature_matches_scipy_quad_and_bounds_its_error(p, q):
    res = kl_core.kl_numeric(p, q)
    if hasattr(p, "dist"):
        reference = quad_kl(p, q)
    else:  # a mixture: compare against a long Monte Carlo run instead
        mc = kl_core.kl_monte_carlo(p, q, 400_000, rng=1)
        assert abs(res.value - mc.estimate) < 4 * mc.standard_error
        return
    assert res.value == pytest.approx(reference, rel=1e-8, abs=1e-12)
    assert abs(res.value - reference) <= res.error + 1e-10 * abs(reference)


@pytest.mark.parametrize(("p", "q"), NO_CLOSED_FORM)
def test_monte_carlo_agrees_within_four_standard_errors(p, q):
    exact = kl_core.kl(p, q)
    mc = kl_core.kl_monte_carlo(p, q, 200_000, rng=7)
    assert mc.n == 200_000
    assert abs(mc.estimate - exact) < 4 * mc.standard_error + 1e-12


def test_monte_carlo_is_reproducible_with_a_seed_and_uses_the_unit():
    p, q = stats.norm(0, 1), stats.norm(1, 2)
    a = kl_core.kl_monte_carlo(p, q, 1000, rng=3)
    b = kl_core.kl_monte_carlo(p, q, 1000, rng=3)
    bits = kl_core.kl_monte_carlo(p, q, 1000, rng=3, base=2)
    assert a == b
    assert bits.estimate == pytest.approx(a.estimate / math.log(2))


INFINITE = [
    # support
    (stats.uniform(-1, 3), stats.uniform(0, 1), "support"),
    (stats.norm(0, 1), stats.expon(), "support"),
    (stats.norm(0, 1), stats.gamma(2), "support"),
    (stats.norm(0, 1), stats.beta(2, 2), "support"),
    (stats.cauchy(), stats.lognorm(1), "support"),
    (stats.laplace(), stats.uniform(-5, 10), "support"),
    (stats.expon(), stats.expon(loc=1), "support"),
    (stats.gamma(2), stats.beta(2, 2), "support"),
    (stats.poisson(3), stats.binom(5, 0.5), "support"),
    (stats.binom(10, 0.5), stats.binom(5, 0.5), "support"),
    (stats.poisson(3), stats.norm(3, 1), "support"),
    (stats.norm(3, 1), stats.poisson(3), "support"),
    (stats.geom(0.5), stats.poisson(3, loc=2), "support"),
    (stats.uniform(1.2, 0.6), spec("mixture(uniform(0, 1), uniform(2, 1))"), "support"),
    # tails
    (stats.cauchy(0, 1), stats.norm(0, 1), "tails"),
    (stats.t(2), stats.norm(0, 1), "tails"),
    (stats.cauchy(0, 1), stats.laplace(0, 1), "tails"),
    (stats.pareto(1), stats.expon(), "tails"),
    (stats.zipf(2), stats.poisson(3), "tails"),
    (stats.cauchy(), spec("mixture(norm(-1, 1), norm(1, 1))"), "tails"),
    (stats.gamma(0.5), stats.invgamma(2), "tails"),
]


@pytest.mark.parametrize(("p", "q", "kind"), INFINITE)
def test_table_of_infinite_pairs_names_the_reason(p, q, kind):
    res = kl_core.kl_details(p, q)
    assert res.value == math.inf
    assert res.method == kind
    assert res.reason
    assert kl_core.kl(p, q) == math.inf
    assert kl_core.kl_numeric(p, q).value == math.inf


@pytest.mark.parametrize(
    ("p", "q"),
    [
        (stats.t(2.5), stats.norm(0, 1)),  # E x² finite: converges
        (stats.cauchy(), stats.t(2)),
        (stats.lognorm(1.5), stats.norm(0, 1)),
        (stats.gamma(1.5), stats.invgamma(2)),
        (stats.zipf(3), stats.geom(0.5)),
    ],
)
def test_heavy_but_convergent_tails_are_finite(p, q):
    assert math.isfinite(kl_core.kl(p, q))


def test_reverse_of_tail_infinity_is_finite():
    assert kl_core.kl(stats.norm(0, 1), stats.cauchy(0, 1)) == pytest.approx(0.2592445325)


def test_monte_carlo_infinite_by_support():
    res = kl_core.kl_monte_carlo(stats.uniform(-1, 3), stats.uniform(0, 1), 100, rng=0)
    assert res.estimate == math.inf
    assert not math.isnan(res.standard_error)


def test_bits_and_hartleys_through_kl():
    p, q = stats.norm(0, 1), stats.norm(1, 2)
    nats = kl_core.kl(p, q)
    assert kl_core.kl(p, q, base=2) == pytest.approx(nats / math.log(2))
    assert kl_core.kl(p, q, base=10) == pytest.approx(nats / math.log(10))
    assert kl_core.kl(stats.cauchy(), stats.norm(), base=2) == math.inf


def test_identity_of_indiscernibles_for_distributions():
    for d in (stats.norm(1, 2), stats.t(4), stats.poisson(3), spec("mixture(norm(0,1), t(3, 2))")):
        assert kl_core.kl(d, d) == pytest.approx(0.0, abs=1e-10)
