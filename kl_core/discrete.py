"""Divergences and entropies of probability vectors (pmfs over the same outcomes).

All functions accept a 1-D vector, or a 2-D array of vectors computed row-wise, and
never normalise silently: a vector that does not sum to 1 is an error, and
:func:`normalize` is the explicit way to rescale.
"""

from __future__ import annotations

import numpy as np
from scipy.special import entr, rel_entr

from kl_core._validation import array_iv, entries_iv, pair_iv, pmf_iv, pmf_pair_iv, sums_iv
from kl_core.units import _base_iv, convert_from_nats

__all__ = [
    "cross_entropy",
    "entropy",
    "kl_divergence",
    "kl_smoothed",
    "kl_terms",
    "normalize",
    "support_violations",
]


def _scalar_or_array(values: np.ndarray):
    return float(values) if np.ndim(values) == 0 else values


def kl_divergence(p, q, *, base=None):
    """Kullback-Leibler divergence D(p‖q) = Σ p·log(p/q) of two probability vectors.

    Parameters
    ----------
    p, q : array_like
        Probabilities over the same outcomes: 1-D vectors, or 2-D arrays whose rows are
        vectors (broadcast against each other), each entry in [0, 1] and each vector
        summing to 1.
    base : None or float, optional
        Logarithm base: ``None`` for nats (default), ``2`` for bits, ``10`` for hartleys.

    Returns
    -------
    float or ndarray
        D(p‖q) >= 0; a float for 1-D input, one value per row for 2-D input. It is
        ``inf`` when some outcome has ``q == 0 < p``; outcomes with ``p == 0``
        contribute 0 whatever ``q`` is.

    Raises
    ------
    ValueError
        For empty, non-numeric, negative, NaN or infinite entries, vectors that do not
        sum to 1, mismatched lengths and invalid bases.

    Examples
    --------
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 10)
    0.5108256238
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1], base=2), 10)
    0.7369655942
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])
    inf
    >>> kl_divergence([[0.5, 0.5], [0.9, 0.1]], [0.5, 0.5]).round(4)
    array([0.    , 0.3681])
    """
    _base_iv(base)
    p_arr, q_arr = pair_iv(p, q)
    # Fast path: rel_entr maps every negative entry to inf and propagates NaN, so a
    # finite total proves the entries are valid; only then are the sums left to check.
    with np.errstate(invalid="ignore"):
        total = rel_entr(p_arr, q_arr).sum(axis=-1)
        p_sums, q_sums = p_arr.sum(axis=-1), q_arr.sum(axis=-1)
    if not np.all(np.isfinite(total)):
        entries_iv(p_arr, "p")
        entries_iv(q_arr, "q")
    sums_iv(p_sums, "p")
    sums_iv(q_sums, "q")
    return _scalar_or_array(convert_from_nats(np.maximum(total, 0.0), base))


def kl_terms(p, q, *, base=None):
    """The per-outcome terms p·log(p/q) whose sum is D(p‖q).

    A term is negative where ``q > p``; only the sum is guaranteed >= 0. A term is
    ``inf`` where ``q == 0 < p`` and 0 where ``p == 0``.

    Parameters
    ----------
    p, q : array_like
        Probability vectors as in :func:`kl_divergence`.
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    ndarray
        Same shape as the broadcast of `p` and `q`.

    Examples
    --------
    >>> kl_terms([0.5, 0.5], [0.9, 0.1]).round(4)
    array([-0.2939,  0.8047])
    >>> kl_terms([0.0, 1.0], [1.0, 0.0])
    array([ 0., inf])
    """
    _base_iv(base)
    p_arr, q_arr = pmf_pair_iv(p, q)
    # rel_entr(p, q) = p log(p/q) - p + q; the plain term is what students add up.
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(
            p_arr > 0,
            np.where(q_arr > 0, p_arr * (np.log(p_arr) - np.log(q_arr)), np.inf),
            0.0,
        )
    return convert_from_nats(terms, base)


def entropy(p, *, base=None):
    """Shannon entropy H(p) = −Σ p·log p of a probability vector.

    Parameters
    ----------
    p : array_like
        A probability vector, or a 2-D array of them (row-wise).
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    float or ndarray
        H(p) >= 0.

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)
    1.0
    >>> round(entropy([1/6] * 6), 6)
    1.791759
    """
    _base_iv(base)
    p_arr = pmf_iv(p, "p")
    return _scalar_or_array(convert_from_nats(entr(p_arr).sum(axis=-1), base))


def cross_entropy(p, q, *, base=None):
    """Cross-entropy H(p, q) = −Σ p·log q = H(p) + D(p‖q).

    Parameters
    ----------
    p, q : array_like
        Probability vectors as in :func:`kl_divergence`.
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    float or ndarray
        ``inf`` where some outcome has ``q == 0 < p``.

    Examples
    --------
    >>> round(cross_entropy([0.5, 0.5], [0.9, 0.1]), 6)
    1.203973
    >>> h, d = entropy([0.5, 0.5]), kl_divergence([0.5, 0.5], [0.9, 0.1])
    >>> round(h + d, 6)
    1.203973
    """
    _base_iv(base)
    p_arr, q_arr = pmf_pair_iv(p, q)
    with np.errstate(divide="ignore"):
        log_q = np.log(q_arr)
    terms = np.where(p_arr > 0, -p_arr * np.where(p_arr > 0, log_q, 0.0), 0.0)
    return _scalar_or_array(convert_from_nats(terms.sum(axis=-1), base))


def normalize(x):
    """Rescale non-negative weights so that they sum to 1 (row-wise for 2-D input).

    This is the explicit step the other functions never take on their own.

    Parameters
    ----------
    x : array_like
        Non-negative, finite weights with a positive sum (per row).

    Returns
    -------
    ndarray
        ``x / x.sum(axis=-1, keepdims=True)``.

    Examples
    --------
    >>> normalize([1, 1, 2])
    array([0.25, 0.25, 0.5 ])
    """
    arr = array_iv(x, "x")
    entries_iv(arr, "x")
    sums = arr.sum(axis=-1, keepdims=True)
    if np.any(sums <= 0):
        raise ValueError("`x` sums to 0; give at least one positive weight to normalise")
    if not np.all(np.isfinite(sums)):
        raise ValueError("`x` sums to infinity; scale the weights down before normalising")
    return arr / sums


def support_violations(p, q) -> np.ndarray:
    """Indices of the outcomes where q = 0 < p: each one alone makes D(p‖q) infinite.

    Parameters
    ----------
    p, q : array_like
        Probability vectors (1-D) as in :func:`kl_divergence`.

    Returns
    -------
    ndarray of int

    Examples
    --------
    >>> support_violations([0.5, 0.25, 0.25], [0.5, 0.5, 0.0])
    array([2])
    """
    p_arr, q_arr = pmf_pair_iv(p, q)
    if p_arr.ndim != 1 or q_arr.ndim != 1:
        raise ValueError("`p` and `q` must be 1-D probability vectors here")
    return np.flatnonzero((q_arr == 0) & (p_arr > 0))


def kl_smoothed(p, q, epsilons, *, base=None) -> np.ndarray:
    """D(p‖q_ε) for the smoothed q_ε = (1 − ε)·q + ε·uniform, for each ε.

    Smoothing makes an infinite divergence finite but arbitrary: where q = 0 < p it grows
    like P(those outcomes)·log(1/ε) as ε → 0.

    Parameters
    ----------
    p, q : array_like
        Probability vectors (1-D).
    epsilons : array_like
        Smoothing weights in (0, 1].
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    ndarray
        One divergence per ε.

    Examples
    --------
    >>> kl_smoothed([0.5, 0.5], [1.0, 0.0], [1e-2, 1e-4]).round(3)
    array([1.959, 4.259])
    """
    _base_iv(base)
    p_arr, q_arr = pmf_pair_iv(p, q)
    if p_arr.ndim != 1 or q_arr.ndim != 1:
        raise ValueError("`p` and `q` must be 1-D probability vectors here")
    eps = np.atleast_1d(np.asarray(epsilons, dtype=float))
    if eps.ndim != 1 or eps.size == 0 or not np.all((eps > 0) & (eps <= 1)):
        raise ValueError("`epsilons` must be a non-empty list of numbers in (0, 1]")
    uniform = np.full(q_arr.shape, 1.0 / q_arr.size)
    smoothed = (1 - eps)[:, None] * q_arr[None, :] + eps[:, None] * uniform[None, :]
    return kl_divergence(p_arr, smoothed / smoothed.sum(axis=1, keepdims=True), base=base)
