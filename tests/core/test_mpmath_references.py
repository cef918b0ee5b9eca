"""kl_core against references computed with mpmath (50 digits) from densities written
out by hand here, sharing no code with scipy or kl_core (issue 17: categories 5, 6, 8).

Closed forms must match to 1e-10 relative; numerical results must match to 1e-11
relative, and their reported error must bound the true error (never optimistic)."""

import math

import mpmath as mp
import pytest
from scipy import stats

import kl_core

mp.mp.dps = 50


def close(value: float, reference, rel: float) -> bool:
    return abs(value - float(reference)) <= rel * abs(float(reference))


def numeric_is_right_and_honest(p, q, reference) -> None:
    result = kl_core.kl_numeric(p, q)
    true_error = abs(result.value - float(reference))
    assert close(result.value, reference, 1e-11), (result, float(reference))
    assert true_error <= result.error + 1e-15 * abs(float(reference)), (result, true_error)


# --- 6. cancellation in discrete closed forms ----------------------------------------


def poisson_reference(m1, m2):
    m1, m2 = mp.mpf(m1), mp.mpf(m2)
    return m1 * mp.log(m1 / m2) - m1 + m2


def bernoulli_reference(p1, p2):
    p1, p2 = mp.mpf(p1), mp.mpf(p2)
    return p1 * mp.log(p1 / p2) + (1 - p1) * mp.log((1 - p1) / (1 - p2))


@pytest.mark.parametrize(
    ("m1", "m2"),
    [(1e6, 1e6 + 1), (1e9, 1e9 * (1 + 1e-9)), (3.0, 3.0000001), (1e-3, 2e-3), (5.0, 50.0)],
)
def test_poisson_pairs_keep_their_digits_when_nearly_equal(m1, m2):
    value = kl_core.kl(stats.poisson(m1), stats.poisson(m2))
    assert close(value, poisson_reference(m1, m2), 1e-10)


@pytest.mark.parametrize(
    ("n", "p1", "p2"),
    [(10**9, 0.3, 0.3 + 1e-7), (100, 0.5, 0.5 + 1e-9), (10**6, 1e-6, 2e-6), (10, 0.2, 0.7)],
)
def test_binomial_pairs_keep_their_digits_when_nearly_equal(n, p1, p2):
    value = kl_core.kl(stats.binom(n, p1), stats.binom(n, p2))
    assert close(value, n * bernoulli_reference(p1, p2), 1e-10)


def test_a_huge_binomial_is_summed_where_its_mass_is():
    """binom(1e9, 0.3) against poisson(3e8): its mass is near 3e8, not near 0."""
    n, p, mu = 10**9, 0.3, 3e8
    result = kl_core.kl_numeric(stats.binom(n, p), stats.poisson(mu))
    mean = n * p  # the exact expectation of log(binom pmf / poisson pmf) is not closed;
    sd = math.sqrt(n * p * (1 - p))  # its leading terms are (−log(1−p) − p)/2
    approx = 0.5 * (-math.log1p(-p) - p)
    assert abs(result.value - approx) < 1e-3
    assert result.error < 1e-6
    assert sd < 2e6
    assert mean > 2e6


# --- 5. kinks are split points -------------------------------------------------------


def norm_pdf(x, mu=0, sigma=1):
    return mp.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * mp.sqrt(2 * mp.pi))


def kl_quad(p, q, points):
    def f(x):
        px = p(x)
        return px * (mp.log(px) - mp.log(q(x))) if px > 0 else mp.mpf(0)

    return mp.quad(f, points)


@pytest.mark.parametrize("c", [0.3, 0.5, 0.9])
def test_a_triangle_is_split_at_its_apex(c):
    c_ = mp.mpf(c)

    def triangle(x):
        return 2 * x / c_ if x < c_ else 2 * (1 - x) / (1 - c_)

    reference = kl_quad(triangle, lambda x: norm_pdf(x, 0.5, 1), [0, c_, 1])
    numeric_is_right_and_honest(stats.triang(c), stats.norm(0.5, 1), reference)
    assert close(kl_core.kl(stats.triang(c), stats.uniform(0, 1)), mp.log(2) - mp.mpf(1) / 2, 1e-11)


def test_a_trapezoid_is_split_at_both_corners():
    c, d = mp.mpf("0.2"), mp.mpf("0.7")
    height = 2 / (1 + d - c)

    def trapezoid(x):
        if x < c:
            return height * x / c
        if x <= d:
            return height
        return height * (1 - x) / (1 - d)

    reference = kl_quad(trapezoid, lambda x: norm_pdf(x, 0, 2), [0, c, d, 1])
    numeric_is_right_and_honest(stats.trapezoid(0.2, 0.7), stats.norm(0, 2), reference)


def test_a_uniform_component_s_ends_are_split_points_of_a_mixture():
    def mix(x):
        return (mp.mpf(1) if 0 <= x <= 1 else 0) / 2 + norm_pdf(x) / 2

    reference = kl_quad(mix, lambda x: norm_pdf(x, 0, 2), [-mp.inf, 0, 1, mp.inf])
    p = kl_core.mixture([stats.uniform(0, 1), stats.norm(0, 1)], [0.5, 0.5])
    numeric_is_right_and_honest(p, stats.norm(0, 2), reference)


# --- 8. circular distributions -------------------------------------------------------


def test_the_periodic_vonmises_is_refused_with_the_way_out():
    with pytest.raises(ValueError, match="vonmises_line"):
        kl_core.kl(stats.vonmises(2.0), stats.vonmises(1.0))


def test_vonmises_line_is_right_on_its_period():
    def von_mises(kappa):
        kappa = mp.mpf(kappa)
        return lambda x: mp.exp(kappa * mp.cos(x)) / (2 * mp.pi * mp.besseli(0, kappa))

    reference = kl_quad(von_mises(2), von_mises(1), [-mp.pi, 0, mp.pi])
    numeric_is_right_and_honest(stats.vonmises_line(2.0), stats.vonmises_line(1.0), reference)


# --- 1 and 2. heavy power-law tails: the remainder beyond the last node or term --------
# References from exact entropies and moments (mpmath's own quad truncates these tails).


def t_normal_reference(nu):
    nu = mp.mpf(nu)
    entropy = (nu + 1) / 2 * (mp.digamma((nu + 1) / 2) - mp.digamma(nu / 2)) + mp.log(
        mp.sqrt(nu) * mp.beta(nu / 2, mp.mpf(1) / 2)
    )
    return -entropy + mp.log(2 * mp.pi) / 2 + nu / (nu - 2) / 2  # E[X²] = ν/(ν−2)


def pareto_expon_reference(b):
    b = mp.mpf(b)
    return -(mp.log(1 / b) + 1 / b + 1) + b / (b - 1)  # −h + E[X]


def zipf_reference(a1, a2):
    a1, a2 = mp.mpf(a1), mp.mpf(a2)
    mean_log = -mp.zeta(a1, 1, 1) / mp.zeta(a1)  # E_P[log k] = −ζ'(a1)/ζ(a1)
    return mp.log(mp.zeta(a2) / mp.zeta(a1)) + (a2 - a1) * mean_log


def honest(result, reference, rel: float) -> None:
    true_error = abs(result.value - float(reference))
    assert true_error <= result.error, (result, float(reference), true_error)
    assert close(result.value, reference, rel), (result, float(reference))


@pytest.mark.parametrize(("nu", "rel"), [(2.05, 5e-4), (2.1, 5e-5), (2.5, 1e-12), (4.0, 1e-12)])
def test_a_student_t_just_past_df_2_against_a_normal_keeps_its_tail(nu, rel):
    honest(kl_core.kl_numeric(stats.t(nu), stats.norm()), t_normal_reference(nu), rel)


@pytest.mark.parametrize(("b", "rel"), [(1.05, 5e-4), (1.2, 1e-7), (2.0, 1e-12)])
def test_a_pareto_just_past_b_1_against_an_exponential_keeps_its_tail(b, rel):
    honest(kl_core.kl_numeric(stats.pareto(b), stats.expon()), pareto_expon_reference(b), rel)


@pytest.mark.parametrize(
    ("a1", "a2", "rel"),
    [(2.0, 3.0, 5e-7), (2.0, 2.5, 5e-7), (2.5, 2.0, 1e-9), (3.0, 2.0, 1e-12), (2.0, 2.0001, 1e-2)],
)
def test_a_zipf_sum_adds_what_lies_beyond_its_last_term(a1, a2, rel):
    honest(kl_core.kl_numeric(stats.zipf(a1), stats.zipf(a2)), zipf_reference(a1, a2), rel)


# --- 3. borderline ∞: decided from the tail exponents, on both sides of the border -----


@pytest.mark.parametrize(("nu", "finite"), [(2.001, True), (2.0, False), (1.999, False)])
def test_t_against_a_normal_is_finite_exactly_when_df_exceeds_2(nu, finite):
    result = kl_core.kl_details(stats.t(nu), stats.norm())
    assert math.isfinite(result.value) is finite
    if finite:
        honest(result, t_normal_reference(nu), 2e-2)
    else:
        assert "x → +∞" in result.reason


@pytest.mark.parametrize(("b", "finite"), [(1.001, True), (1.0, False), (0.999, False)])
def test_pareto_against_an_exponential_is_finite_exactly_when_b_exceeds_1(b, finite):
    result = kl_core.kl_details(stats.pareto(b), stats.expon())
    assert math.isfinite(result.value) is finite
    if finite:
        honest(result, pareto_expon_reference(b), 2e-2)


def test_a_gamma_with_a_small_shape_against_a_lognormal_is_finite():
    # Near 0, −log q ~ (log x)²/2 grows slower than any power: ∫ x^(a−1)(log x)² < ∞.
    result = kl_core.kl_details(stats.gamma(0.1), stats.lognorm(1.0))
    assert math.isfinite(result.value)
    assert result.error < 1e-2


# --- 4. singular ends: each finite end is integrated at 0 (a right end, mirrored) -------


def beta_uniform_reference(a, b):
    a, b = mp.mpf(a), mp.mpf(b)
    entropy = (
        mp.log(mp.beta(a, b))
        - (a - 1) * mp.digamma(a)
        - (b - 1) * mp.digamma(b)
        + (a + b - 2) * mp.digamma(a + b)
    )
    return -entropy


@pytest.mark.parametrize(
    ("a", "b", "rel"),
    [(0.1, 0.1, 1e-5), (2, 0.1, 1e-5), (0.1, 2, 1e-5), (0.2, 0.2, 1e-10), (0.5, 0.5, 1e-12)],
)
@pytest.mark.parametrize("loc", [0.0, 1000.0])
def test_a_beta_singular_at_either_end_is_right_wherever_it_sits(a, b, rel, loc):
    result = kl_core.kl_numeric(stats.beta(a, b, loc=loc), stats.uniform(loc, 1))
    honest(result, beta_uniform_reference(a, b), rel)


# --- the reported error is never optimistic ------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def gamma_normal_reference(a):
    a = mp.mpf(a)
    entropy = a + mp.loggamma(a) + (1 - a) * mp.digamma(a)
    return -entropy + mp.log(2 * mp.pi) / 2 + a * (a + 1) / 2  # E[X²] = a(a+1)


CASES = {
    "t(ν)‖N(0,1)": (
        st.floats(2.05, 12.0),
        lambda v: (stats.t(v), stats.norm()),
        t_normal_reference,
    ),
    "pareto(b)‖expon": (
        st.floats(1.05, 6.0),
        lambda v: (stats.pareto(v), stats.expon()),
        pareto_expon_reference,
    ),
    "beta(v, 1.5 − v/2)‖U(0,1)": (
        st.floats(0.1, 2.5),
        lambda v: (stats.beta(v, 1.5 - v / 2), stats.uniform()),
        lambda v: beta_uniform_reference(v, 1.5 - v / 2),
    ),
    "gamma(a)‖N(0,1)": (
        st.floats(0.1, 20.0),
        lambda v: (stats.gamma(v), stats.norm()),
        gamma_normal_reference,
    ),
    "zipf(v)‖zipf(v + 0.7)": (
        st.floats(2.0, 6.0),
        lambda v: (stats.zipf(v), stats.zipf(v + 0.7)),
        lambda v: zipf_reference(v, v + 0.7),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_reported_error_bounds_the_true_error(case):
    values, laws, reference = CASES[case]

    @settings(max_examples=12, deadline=None, derandomize=True)
    @given(values)
    def check(v):
        result = kl_core.kl_numeric(*laws(v))
        truth = float(reference(v))
        assert abs(result.value - truth) <= result.error + 1e-15 * abs(truth), (v, result, truth)

    check()


def test_kl_details_says_which_end_tail_and_kink_treatments_were_used():
    tails = kl_core.kl_details(stats.t(2.05), stats.norm()).treatments
    assert any("power-law remainder" in t for t in tails)
    assert any("tail exponents" in t for t in tails)
    ends = kl_core.kl_details(stats.beta(0.2, 0.2, loc=5), stats.uniform(5, 1)).treatments
    assert "left end x = 5 moved to 0" in ends
    assert "right end x = 6 mirrored and integrated at 0" in ends
    kinks = kl_core.kl_details(stats.triang(0.3), stats.norm(0.5, 1)).treatments
    assert "split at x = 0.3" in kinks
    assert kl_core.kl_details(stats.norm(), stats.norm(1, 2)).treatments == ()  # closed form


# --- 7. a Gumbel Q far in P's tail: log q = −x − e^(−x) overflows in doubles ----------


def normal_gumbel_reference(mu, sigma):
    """D(N(μ, σ)‖gumbel_r(0, 1)) = −h(N) + E[X] + E[e^(−X)], E[e^(−X)] = e^(−μ + σ²/2)."""
    mu, sigma = mp.mpf(mu), mp.mpf(sigma)
    return -mp.log(sigma * mp.sqrt(2 * mp.pi * mp.e)) + mu + mp.exp(-mu + sigma**2 / 2)


@pytest.mark.parametrize(("mu", "sigma"), [(0, 1), (3, 1), (-2, 1.5), (0, 4)])
def test_a_gumbel_q_whose_log_density_overflows_in_p_s_tail(mu, sigma):
    result = kl_core.kl_details(stats.norm(mu, sigma), stats.gumbel_r())
    honest(result, normal_gumbel_reference(mu, sigma), 1e-10)


def test_where_log_q_leaves_double_precision_under_p_the_answer_says_so():
    # N(0, 30): E[e^(−X)] = e^450 is finite but beyond what a double holds.
    result = kl_core.kl_details(stats.norm(0, 30), stats.gumbel_r())
    assert math.isinf(result.value)
    assert "beyond double precision" in result.reason
