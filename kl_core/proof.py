"""Every quantity of the Jensen's-inequality proof that D(P‖Q) ≥ 0, for given P and Q.

With r = q/p on S = {p > 0}:

1. −D(P‖Q) = Σ_S p log(q/p)          (flip the ratio)
2.         = E_P[log r]               (read it as an expectation)
3.         ≤ log E_P[r]               (Jensen: log is concave)
4. E_P[r] = Σ_S q = Q(S) ≤ 1          (the inner expectation)
5. so −D ≤ log Q(S) ≤ 0, i.e. D ≥ 0.

The two slack terms split the divergence exactly:
D = (log E_P[r] − E_P[log r]) + (−log Q(S)) = Jensen gap + support gap, both ≥ 0, both
zero exactly when P = Q.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kl_core._validation import pmf_pair_iv
from kl_core.distributions import as_law
from kl_core.divergence import kl_details
from kl_core.units import _base_iv, convert_from_nats

__all__ = ["JensenProof", "jensen_proof"]


@dataclass(frozen=True)
class JensenProof:
    """The proof's quantities, in the requested unit.

    Attributes
    ----------
    ratios : ndarray
        r_i = q_i / p_i on P's support (continuous: at illustrative points, P's quantiles).
    weights : ndarray
        p_i on P's support (continuous: equal weights of the illustrative points).
    mean_log_ratio : float
        E_P[log r] = −D(P‖Q); ``-inf`` when Q = 0 somewhere P is not.
    mean_ratio : float
        E_P[r] = Q(S), the probability Q gives to P's support (a plain number, no unit).
    log_mean_ratio : float
        log E_P[r] = log Q(S).
    jensen_gap : float
        log E_P[r] − E_P[log r] ≥ 0 (``inf`` with D).
    support_gap : float
        −log Q(S) ≥ 0.
    divergence : float
        D(P‖Q) = jensen_gap + support_gap.
    """

    ratios: np.ndarray
    weights: np.ndarray
    mean_log_ratio: float
    mean_ratio: float
    log_mean_ratio: float
    jensen_gap: float
    support_gap: float
    divergence: float


def _from_nats(mean_log_ratio: float, q_support: float, ratios, weights, base) -> JensenProof:
    log_mean = math.log(q_support) if q_support > 0 else -math.inf
    if math.isinf(mean_log_ratio):
        jensen = divergence = math.inf
    else:
        divergence = max(-mean_log_ratio, 0.0) + 0.0  # never -0.0
        # Computed as the difference of the two exact pieces, so the identity holds to
        # rounding; clipped at 0 against rounding when P = Q.
        jensen = max(log_mean - mean_log_ratio, 0.0)
    support = -log_mean if log_mean < 0 else 0.0

    def unit(v: float) -> float:
        return float(convert_from_nats(v, base))

    return JensenProof(
        np.asarray(ratios, dtype=float),
        np.asarray(weights, dtype=float),
        unit(-divergence) if math.isfinite(divergence) else -math.inf,
        q_support,
        unit(log_mean),
        unit(jensen),
        unit(support),
        unit(divergence),
    )


def jensen_proof(p, q, *, base=None, points: int = 24) -> JensenProof:
    """The quantities of the Jensen proof of D(p‖q) ≥ 0.

    Parameters
    ----------
    p, q : array_like or scipy.stats distribution
        Two probability vectors over the same outcomes, or two continuous distributions
        (as for :func:`kl_core.kl`).
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).
    points : int, optional
        Continuous case: how many illustrative points (at P's quantiles) to return.

    Returns
    -------
    JensenProof

    Examples
    --------
    >>> proof = jensen_proof([0.5, 0.3, 0.2, 0.0], [0.2, 0.2, 0.3, 0.3])
    >>> round(proof.divergence, 6), round(proof.jensen_gap, 6), round(proof.support_gap, 6)
    (0.498692, 0.142017, 0.356675)
    >>> round(proof.mean_ratio, 12)
    0.7
    >>> jensen_proof([0.5, 0.5], [1.0, 0.0]).divergence
    inf
    """
    base = _base_iv(base)
    if hasattr(p, "dist") or hasattr(p, "logpdf") or hasattr(q, "dist") or hasattr(q, "logpdf"):
        return _continuous(p, q, base, points)
    p_arr, q_arr = pmf_pair_iv(p, q)
    if p_arr.ndim != 1 or q_arr.ndim != 1:
        raise ValueError("`p` and `q` must be 1-D probability vectors (or two distributions)")
    on = p_arr > 0
    weights = p_arr[on]
    with np.errstate(divide="ignore", over="ignore"):
        logs = np.log(q_arr[on]) - np.log(weights)  # no overflow for tiny p
        ratios = np.exp(logs)
    mean_log = -math.inf if np.isneginf(logs).any() else math.fsum(weights * logs)
    return _from_nats(mean_log, math.fsum(q_arr[on]), ratios, weights, base)


def _continuous(p, q, base, points: int) -> JensenProof:
    P, Q = as_law(p, "p"), as_law(q, "q")
    if P.kind != "continuous" or Q.kind != "continuous":
        raise ValueError("`p` and `q` must both be continuous (or both probability vectors)")
    if not 2 <= int(points) <= 1000:
        raise ValueError(f"`points` must be between 2 and 1000 (got {points})")
    result = kl_details(P, Q)
    a, b = P.support
    q_support = _probability(Q, a, b)
    levels = (np.arange(points) + 0.5) / points
    x = P.quantile(levels)
    with np.errstate(all="ignore"):
        ratios = np.exp(Q.logpdf(x) - P.logpdf(x))
    mean_log = -result.value if math.isfinite(result.value) else -math.inf
    return _from_nats(mean_log, q_support, ratios, np.full(points, 1.0 / points), base)


def _probability(law, a: float, b: float) -> float:
    """Law's probability of the interval (a, b)."""
    parts = [(w, part) for w, part in law.components] or [(1.0, law)]
    total = 0.0
    for weight, part in parts:
        cdf = part.obj.cdf if hasattr(part.obj, "cdf") else None
        upper = 1.0 if math.isinf(b) else float(cdf(b))
        lower = 0.0 if math.isinf(a) else float(cdf(a))
        total += weight * (upper - lower)
    return min(max(total, 0.0), 1.0)
