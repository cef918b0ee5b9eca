"""Every registered closed form against two independent numerical routes."""

import math

import pytest
from scipy import stats

import kl_core
from kl_core.closed_forms import closed_form
from kl_core.distributions import as_law
from tests.core.reference import quad_kl

# Several parameter pairs per registered family pair, chosen to exercise each formula.
CASES = {
    ("norm", "norm"): [
        (stats.norm(0, 1), stats.norm(1, 2)),
        (stats.norm(-3, 0.2), stats.norm(1, 5)),
    ],
    ("lognorm", "lognorm"): [(stats.lognorm(0.5, scale=2), stats.lognorm(1.2, scale=1))],
    ("laplace", "laplace"): [
        (stats.laplace(0, 1), stats.laplace(1.5, 2)),
        (stats.laplace(2, 0.5), stats.laplace(-1, 1)),
    ],
    ("expon", "expon"): [
        (stats.expon(0, 1), stats.expon(0, 3)),
        (stats.expon(2, 0.5), stats.expon(1, 2)),
    ],
    ("gamma", "gamma"): [
        (stats.gamma(2, scale=1), stats.gamma(3, scale=0.5)),
        (stats.gamma(0.7, scale=2), stats.gamma(1.5, scale=1)),
    ],
    ("expon", "gamma"): [(stats.expon(scale=2), stats.gamma(2.5, scale=1))],
    ("gamma", "expon"): [(stats.gamma(2.5, scale=1), stats.expon(scale=2))],
    ("beta", "beta"): [
        (stats.beta(2, 5), stats.beta(3, 3)),
        (stats.beta(1.5, 0.8), stats.beta(2, 2)),
    ],
    ("uniform", "uniform"): [
        (stats.uniform(0, 1), stats.uniform(-1, 3)),
        (stats.uniform(2, 0.5), stats.uniform(1, 4)),
    ],
    ("cauchy", "cauchy"): [
        (stats.cauchy(0, 1), stats.cauchy(2, 3)),
        (stats.cauchy(-1, 0.5), stats.cauchy(0, 0.5)),
    ],
    ("norm", "laplace"): [
        (stats.norm(0, 1), stats.laplace(0.3, 1.2)),
        (stats.norm(2, 0.5), stats.laplace(-1, 2)),
    ],
    ("laplace", "norm"): [
        (stats.laplace(0, 1), stats.norm(0, 1)),
        (stats.laplace(1, 0.5), stats.norm(-1, 2)),
    ],
    ("uniform", "norm"): [
        (stats.uniform(0, 1), stats.norm(0, 1)),
        (stats.uniform(-2, 1), stats.norm(1, 3)),
    ],
    ("uniform", "laplace"): [
        (stats.uniform(0, 1), stats.laplace(0.4, 1)),
        (stats.uniform(0, 1), stats.laplace(3, 2)),
    ],
    ("uniform", "expon"): [(stats.uniform(1, 2), stats.expon(0.5, 2))],
    ("bernoulli", "bernoulli"): [(stats.bernoulli(0.3), stats.bernoulli(0.6))],
    ("binom", "binom"): [(stats.binom(10, 0.3), stats.binom(10, 0.5))],
    ("poisson", "poisson"): [
        (stats.poisson(3), stats.poisson(5)),
        (stats.poisson(0.2), stats.poisson(7)),
    ],
    ("geom", "geom"): [(stats.geom(0.3), stats.geom(0.6)), (stats.geom(0.9), stats.geom(0.1))],
}


def test_every_registered_pair_has_cases():
    assert set(kl_core.registered_pairs()) == set(CASES)


@pytest.mark.parametrize(
    ("p", "q"),
    [pair for pairs in CASES.values() for pair in pairs],
    ids=[f"{a}-{b}-{i}" for (a, b), pairs in CASES.items() for i in range(len(pairs))],
)
def test_closed_form_matches_quadrature_and_scipy_quad(p, q):
    exact = closed_form(as_law(p), as_law(q))
    assert exact is not None, "the closed form should cover this case"
    numeric = kl_core.kl_numeric(p, q)
    assert exact == pytest.approx(numeric.value, rel=1e-9, abs=1e-12)
    assert exact == pytest.approx(quad_kl(p, q), rel=1e-7, abs=1e-10)
    assert kl_core.kl_details(p, q).method == "closed form"


@pytest.mark.parametrize(
    ("p", "q", "expected"),
    [
        (stats.norm(0, 1), stats.norm(1, 2), 0.4431471806),
        (stats.norm(1, 2), stats.norm(0, 1), 1.3068528194),
        (stats.beta(2, 5), stats.beta(3, 3), 0.7166666667),
        (stats.poisson(3), stats.poisson(5), 0.4675231287),
        (stats.uniform(0, 1), stats.uniform(-1, 3), 1.0986122887),
        (stats.norm(0, 1), stats.cauchy(0, 1), 0.2592445325),
    ],
)
def test_reference_table_of_math_md(p, q, expected):
    assert kl_core.kl(p, q) == pytest.approx(expected, abs=1e-9)


def test_symmetric_special_cases_are_symmetric():
    a, b = stats.norm(0, 1.5), stats.norm(2, 1.5)
    assert kl_core.kl(a, b) == pytest.approx(kl_core.kl(b, a))
    assert kl_core.kl(a, b) == pytest.approx(4 / (2 * 1.5**2))
    c, d = stats.cauchy(0, 1), stats.cauchy(3, 0.2)
    assert kl_core.kl(c, d) == pytest.approx(kl_core.kl(d, c))


def test_formula_outside_its_case_falls_back_to_numeric():
    p, q = stats.gamma(2, loc=1), stats.gamma(2, loc=0)  # different loc: no formula
    res = kl_core.kl_details(p, q)
    assert res.method == "quadrature"
    assert res.value == pytest.approx(quad_kl(p, q), rel=1e-8)


def test_student_t_pair_has_no_closed_form_but_is_computed():
    p, q = stats.t(3), stats.t(10, loc=1)
    res = kl_core.kl_details(p, q)
    assert res.method == "quadrature"
    assert res.value == pytest.approx(quad_kl(p, q), rel=1e-8)


def test_discrete_binomial_different_n_is_summed():
    res = kl_core.kl_details(stats.binom(5, 0.4), stats.binom(8, 0.5))
    assert res.method == "summation"
    assert res.value == pytest.approx(quad_kl(stats.binom(5, 0.4), stats.binom(8, 0.5)))


def test_degenerate_parameters_give_infinity_not_nan():
    assert kl_core.kl(stats.bernoulli(0.5), stats.bernoulli(0.0)) == math.inf
    assert kl_core.kl(stats.bernoulli(0.0), stats.bernoulli(0.5)) == pytest.approx(math.log(2))
    assert kl_core.kl(stats.poisson(2), stats.poisson(0)) == math.inf
