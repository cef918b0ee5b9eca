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


def _from_nats(mean_log_ratio: float, log_q_support: float, ratios, weights, base) -> JensenProof:
    # log Q(S) ≥ E_P[log r] = −D always (that is Jensen's inequality); computed in floats
    # far in a tail it can fall below, so it is held there (the Jensen gap is then 0).
    log_mean = min(max(log_q_support, mean_log_ratio), 0.0)
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
        math.exp(log_mean),
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
    q_support = math.fsum(q_arr[on])
    log_q_support = math.log(q_support) if q_support > 0 else -math.inf
    return _from_nats(mean_log, log_q_support, ratios, weights, base)


def _continuous(p, q, base, points: int) -> JensenProof:
    P, Q = as_law(p, "p"), as_law(q, "q")
    if P.kind != "continuous" or Q.kind != "continuous":
        raise ValueError("`p` and `q` must both be continuous (or both probability vectors)")
    if not 2 <= int(points) <= 1000:
        raise ValueError(f"`points` must be between 2 and 1000 (got {points})")
    result = kl_details(P, Q)
    a, b = P.support
    log_q_support = _log_probability(Q, a, b)
    levels = (np.arange(points) + 0.5) / points
    x = P.quantile(levels)
    with np.errstate(all="ignore"):
        ratios = np.exp(Q.logpdf(x) - P.logpdf(x))
    mean_log = -result.value if math.isfinite(result.value) else -math.inf
    return _from_nats(mean_log, log_q_support, ratios, np.full(points, 1.0 / points), base)


def _log_probability(law, a: float, b: float) -> float:
    """The log of law's probability of the interval (a, b).

    Each part's mass is taken from the tail it lies in: a difference of two cdfs near 1
    would cancel (Q(S) of a support far in Q's upper tail came out 0).
    """
    parts = [(w, part) for w, part in law.components] or [(1.0, law)]
    logs = [math.log(weight) + _log_mass(part.obj, a, b) for weight, part in parts if weight > 0]
    return float(np.logaddexp.reduce(logs)) if logs else -math.inf


def _log_mass(dist, a: float, b: float) -> float:
    """The log of P(a < X < b) for a scipy distribution, accurate in either tail."""
    with np.errstate(divide="ignore"):
        if math.isfinite(b) and dist.cdf(b) <= 0.5:  # below the median: the lower tail
            top, bottom = (
                float(dist.logcdf(b)),
                (-math.inf if math.isinf(a) else float(dist.logcdf(a))),
            )
        elif math.isfinite(a) and dist.sf(a) <= 0.5:  # above the median: the upper tail
            top, bottom = (
                float(dist.logsf(a)),
                (-math.inf if math.isinf(b) else float(dist.logsf(b))),
            )
        else:  # across the median: what the two tails leave
            tails = (0.0 if math.isinf(a) else float(dist.cdf(a))) + (
                0.0 if math.isinf(b) else float(dist.sf(b))
            )
            return math.log1p(-min(tails, 1.0))
    if top == -math.inf or bottom >= top:
        return -math.inf
    return top + math.log1p(-math.exp(bottom - top))
