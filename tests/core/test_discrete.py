"""Discrete divergences: known values, identities, properties and validation."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.special import rel_entr
from scipy.stats import entropy as scipy_entropy

from kl_core import cross_entropy, entropy, kl_divergence, kl_terms, normalize


def test_reference_value_from_math_md_in_nats_and_bits():
    assert kl_divergence([0.5, 0.5], [0.9, 0.1]) == pytest.approx(0.5108256238, abs=1e-10)
    assert kl_divergence([0.5, 0.5], [0.9, 0.1], base=2) == pytest.approx(0.7369655942, abs=1e-10)


def test_matches_an_independent_sum_written_out_by_hand():
    p, q = [0.1, 0.2, 0.7], [0.3, 0.3, 0.4]
    by_hand = sum(pi * math.log(pi / qi) for pi, qi in zip(p, q))
    assert kl_divergence(p, q) == pytest.approx(by_hand, rel=1e-14)


def test_hartleys_and_arbitrary_base_convert_from_nats():
    p, q = [0.2, 0.8], [0.6, 0.4]
    nats = kl_divergence(p, q)
    assert kl_divergence(p, q, base=10) == pytest.approx(nats / math.log(10))
    assert kl_divergence(p, q, base=3) == pytest.approx(nats / math.log(3))


def test_zero_probability_in_p_contributes_nothing_whatever_q():
    assert kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2))
    assert kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0


def test_q_zero_where_p_positive_is_infinite_not_nan():
    value = kl_divergence([0.5, 0.5], [1.0, 0.0])
    assert value == math.inf


def test_two_dimensional_input_is_row_wise():
    p = np.array([[0.5, 0.5], [0.9, 0.1], [1.0, 0.0]])
    q = np.array([0.5, 0.5])
    rows = kl_divergence(p, q)
    assert rows.shape == (3,)
    for row, value in zip(p, rows):
        assert value == pytest.approx(kl_divergence(row, q))


def test_kl_terms_sum_to_divergence_and_can_be_negative():
    p, q = [0.5, 0.5], [0.9, 0.1]
    terms = kl_terms(p, q)
    assert terms[0] < 0 < terms[1]
    assert terms.sum() == pytest.approx(kl_divergence(p, q))
    assert kl_terms([0.0, 1.0], [1.0, 0.0]).tolist() == [0.0, math.inf]


def test_entropy_matches_scipy_and_fair_coin_is_one_bit():
    p = [0.1, 0.2, 0.3, 0.4]
    assert entropy(p) == pytest.approx(scipy_entropy(p))
    assert entropy([0.5, 0.5], base=2) == pytest.approx(1.0)
    assert entropy([1.0, 0.0]) == 0.0


def test_cross_entropy_infinite_when_q_misses_support():
    assert cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0


def test_normalize_rescales_rows():
    out = normalize([[1, 3], [2, 2]])
    np.testing.assert_allclose(out, [[0.25, 0.75], [0.5, 0.5]])


# --- properties over random pmfs -----------------------------------------------------


@st.composite
def pmf_pairs(draw, allow_zeros=True):
    n = draw(st.integers(1, 12))
    elements = st.floats(0.0 if allow_zeros else 1e-6, 1.0)
    raw_p = draw(arrays(float, n, elements=elements).filter(lambda a: a.sum() > 1e-3))
    raw_q = draw(arrays(float, n, elements=elements).filter(lambda a: a.sum() > 1e-3))
    return normalize(raw_p), normalize(raw_q)


@settings(max_examples=200, deadline=None)
@given(pmf_pairs())
def test_gibbs_inequality_and_never_nan(pair):
    p, q = pair
    value = kl_divergence(p, q)
    assert not math.isnan(value)
    assert value >= 0


@settings(max_examples=200, deadline=None)
@given(pmf_pairs())
def test_divergence_of_a_pmf_with_itself_is_zero(pair):
    p, _ = pair
    assert kl_divergence(p, p) == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(pmf_pairs(allow_zeros=False))
def test_cross_entropy_decomposes(pair):
    p, q = pair
    assert cross_entropy(p, q) == pytest.approx(entropy(p) + kl_divergence(p, q), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(pmf_pairs())
def test_agrees_with_scipy_rel_entr_and_bits_are_nats_over_ln2(pair):
    p, q = pair
    reference = float(rel_entr(p, q).sum())
    assert kl_divergence(p, q) == pytest.approx(reference, rel=1e-12, abs=1e-12)
    if math.isfinite(reference):
        assert kl_divergence(p, q, base=2) == pytest.approx(reference / math.log(2), abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(pmf_pairs())
def test_terms_add_up_to_the_divergence(pair):
    p, q = pair
    assert float(kl_terms(p, q).sum()) == pytest.approx(kl_divergence(p, q), abs=1e-12)


# --- one test per validation message -------------------------------------------------


@pytest.mark.parametrize(
    ("p", "q", "message"),
    [
        ([], [], "`p` is empty"),
        ([0.5, 0.5], [0.3, 0.3, 0.4], "`p` and `q` must have the same number of outcomes"),
        ([-0.5, 1.5], [0.5, 0.5], "`p` has a negative entry"),
        ([0.5, 0.5], [-0.5, 1.5], "`q` has a negative entry"),
        ([math.nan, 1.0], [0.5, 0.5], "`p` contains NaN"),
        ([0.5, 0.5], [math.inf, 0.0], "`q` contains an infinite entry"),
        ([0.5, 0.6], [0.5, 0.5], r"`p` must sum to 1 \(got 1.1\); rescale it explicitly"),
        ([0.5, 0.5], [0.2, 0.2], r"`q` must sum to 1 \(got 0.4\)"),
        (["a", "b"], [0.5, 0.5], "`p` must be a 1-D or 2-D array of numbers"),
        ([[[1.0]]], [1.0], "`p` must be a 1-D probability vector or a 2-D array"),
    ],
)
def test_invalid_vectors_raise_naming_the_argument(p, q, message):
    with pytest.raises(ValueError, match=message):
        kl_divergence(p, q)


def test_mismatched_row_counts_raise():
    with pytest.raises(ValueError, match="incompatible numbers of rows"):
        kl_divergence([[0.5, 0.5]] * 2, [[0.5, 0.5]] * 3)


@pytest.mark.parametrize("base", [0, -2, 1, math.nan, math.inf, "2", True])
def test_invalid_bases_raise(base):
    with pytest.raises(ValueError, match="`base` must be"):
        kl_divergence([0.5, 0.5], [0.5, 0.5], base=base)


@pytest.mark.parametrize("fn", [entropy, normalize])
def test_single_argument_functions_validate(fn):
    with pytest.raises(ValueError, match="negative entry"):
        fn([-1.0, 2.0])


def test_entropy_rejects_unnormalised_input_instead_of_rescaling():
    with pytest.raises(ValueError, match="must sum to 1"):
        entropy([1, 1])


@pytest.mark.parametrize("fn", [kl_terms, cross_entropy])
def test_pair_functions_reject_unnormalised_q(fn):
    with pytest.raises(ValueError, match="`q` must sum to 1"):
        fn([0.5, 0.5], [1.0, 1.0])


def test_normalize_rejects_zero_sum():
    with pytest.raises(ValueError, match="`x` sums to 0"):
        normalize([0.0, 0.0])
