"""The Jensen proof's quantities: the exact split, the signs, equality, and ∞."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import stats

import kl_core


def test_worked_example_of_math_md():
    proof = kl_core.jensen_proof([0.5, 0.3, 0.2, 0.0], [0.2, 0.2, 0.3, 0.3])
    assert proof.divergence == pytest.approx(0.498692, abs=1e-6)
    assert proof.jensen_gap == pytest.approx(0.142017, abs=1e-6)
    assert proof.support_gap == pytest.approx(-math.log(0.7), abs=1e-12)
    assert proof.mean_ratio == pytest.approx(0.7)
    np.testing.assert_allclose(proof.ratios, [0.4, 2 / 3, 1.5])
    np.testing.assert_allclose(proof.weights, [0.5, 0.3, 0.2])
    assert proof.mean_log_ratio == pytest.approx(-proof.divergence)


@st.composite
def pmf_pairs(draw):
    n = draw(st.integers(1, 10))
    raw_p = draw(arrays(float, n, elements=st.floats(0, 1)).filter(lambda a: a.sum() > 1e-3))
    raw_q = draw(arrays(float, n, elements=st.floats(1e-4, 1)))
    return kl_core.normalize(raw_p), kl_core.normalize(raw_q)


@settings(max_examples=300, deadline=None)
@given(pmf_pairs(), st.sampled_from([None, 2.0, 10.0]))
def test_divergence_is_jensen_gap_plus_support_gap(pair, base):
    p, q = pair
    proof = kl_core.jensen_proof(p, q, base=base)
    assert proof.divergence == pytest.approx(proof.jensen_gap + proof.support_gap, abs=1e-12)
    assert proof.divergence == pytest.approx(kl_core.kl_divergence(p, q, base=base), abs=1e-12)
    assert proof.jensen_gap >= 0
    assert proof.support_gap >= 0
    assert proof.mean_ratio <= 1 + 1e-12


@settings(max_examples=100, deadline=None)
@given(pmf_pairs())
def test_both_gaps_vanish_when_q_equals_p(pair):
    p, _ = pair
    proof = kl_core.jensen_proof(p, p)
    assert proof.jensen_gap == pytest.approx(0.0, abs=1e-12)
    assert proof.support_gap == pytest.approx(0.0, abs=1e-12)
    np.testing.assert_allclose(proof.ratios, 1.0)


def test_gaps_are_zero_only_when_p_equals_q():
    # Same support, different shape: the Jensen gap is positive.
    assert kl_core.jensen_proof([0.5, 0.5], [0.6, 0.4]).jensen_gap > 0
    # Proportional on P's support but Q has mass elsewhere: only the support gap.
    proof = kl_core.jensen_proof([0.5, 0.5, 0.0], [0.4, 0.4, 0.2])
    assert proof.jensen_gap == pytest.approx(0.0, abs=1e-15)
    assert proof.support_gap == pytest.approx(-math.log(0.8))


def test_q_zero_where_p_is_not_gives_infinity_without_nan():
    proof = kl_core.jensen_proof([0.5, 0.5], [1.0, 0.0])
    assert proof.divergence == math.inf
    assert proof.mean_log_ratio == -math.inf
    assert proof.jensen_gap == math.inf
    assert proof.support_gap == 0.0
    assert proof.ratios.tolist() == [2.0, 0.0]


def test_continuous_proof_matches_kl_and_the_support_probability():
    p, q = stats.uniform(0, 1), stats.norm(0, 1)
    proof = kl_core.jensen_proof(p, q)
    assert proof.divergence == pytest.approx(kl_core.kl(p, q))
    assert proof.mean_ratio == pytest.approx(stats.norm.cdf(1) - 0.5)
    assert proof.support_gap == pytest.approx(-math.log(stats.norm.cdf(1) - 0.5))
    assert proof.divergence == pytest.approx(proof.jensen_gap + proof.support_gap, abs=1e-12)
    assert proof.ratios.size == 24


@pytest.mark.parametrize("loc", [2.0, 4.685, 9.0, 30.0])
def test_a_support_far_in_either_tail_has_the_same_finite_gaps(loc):
    """Q(S) of an interval far in Q's upper tail is a difference of two cdfs near 1;
    computed so it came out 0 (the support gap ∞ beside a finite D). The proof is the
    mirror image of the one in the lower tail, and D is still the sum of the gaps."""
    q = stats.norm(0.5, 0.5)
    upper = kl_core.jensen_proof(stats.uniform(loc, 1), q)
    lower = kl_core.jensen_proof(stats.uniform(1 - loc - 1, 1), q)  # mirrored about 0.5
    for proof in (upper, lower):
        assert math.isfinite(proof.support_gap)
        assert proof.jensen_gap >= 0
        assert proof.divergence == pytest.approx(proof.jensen_gap + proof.support_gap, rel=1e-12)
    assert upper.support_gap == pytest.approx(lower.support_gap, rel=1e-9)
    z = (loc - 0.5) / 0.5  # −log Q(S) ≈ −log Q(X > loc) = z²/2 + log(z√(2π)) far out
    if z > 10:
        assert upper.support_gap == pytest.approx(
            z**2 / 2 + math.log(z * math.sqrt(2 * math.pi)), rel=1e-3
        )


def test_continuous_proof_for_full_support_has_no_support_gap():
    proof = kl_core.jensen_proof(stats.norm(0, 1), stats.norm(1, 2), base=2)
    assert proof.support_gap == 0.0
    assert proof.jensen_gap == pytest.approx(kl_core.kl(stats.norm(0, 1), stats.norm(1, 2), base=2))


def test_continuous_tail_infinity():
    proof = kl_core.jensen_proof(stats.cauchy(), stats.norm())
    assert proof.divergence == math.inf
    assert proof.support_gap == 0.0


def test_validation():
    with pytest.raises(ValueError, match="`q` must sum to 1"):
        kl_core.jensen_proof([0.5, 0.5], [0.5, 0.6])
    with pytest.raises(ValueError, match="both be continuous"):
        kl_core.jensen_proof(stats.poisson(3), stats.poisson(4))
    with pytest.raises(ValueError, match="1-D"):
        kl_core.jensen_proof([[0.5, 0.5]], [[0.5, 0.5]])
