"""When is D(P‖Q) infinite? The two ways, each decided before any number is computed.

* Support: P gives probability to a region where Q has none (Q = 0 < P), or one of the
  two is discrete and the other continuous.
* Tails: no zeros at all, but p·log(p/q) decays too slowly for the integral (or sum) to
  converge, as for D(Cauchy‖Normal), where E_P[x²] = ∞ meets −log q ~ x²/2. Likewise at a
  finite end of the support where the density of P is singular.

The tail test probes the integrand f = p·log(p/q) far out, at distances up to 10^300
scales, where every family's asymptotic behaviour has long taken over: the integral of f
converges at +∞ exactly when x·f(x) falls off, i.e. when the slope of log(x·f(x)) against
log x is negative. Probing so far out is what lets a finite answer be trusted where a
fixed-window integrator would silently report a finite number.
"""

from __future__ import annotations

import math

import numpy as np

from kl_core.distributions import Law

__all__ = ["support_divergence", "tail_divergence"]

# Probe distances, in units of P's spread, from far to near (powers of ten).
_PROBE_EXPONENTS = (300, 250, 200, 150, 100, 64, 32, 16, 8, 4)
# Slope of log(x·f(x)) against log x above which the tail is taken as divergent. Power
# laws give slopes of at least 1e-2 in magnitude; log corrections give about 3e-3.
_SLOPE_THRESHOLD = -5e-3


def _fmt(x: float) -> str:
    return f"{x:g}"


def support_divergence(P: Law, Q: Law) -> str | None:
    """The reason D(P‖Q) is infinite by support, or None when the supports nest.

    Examples
    --------
    >>> from scipy import stats
    >>> from kl_core.distributions import as_law
    >>> support_divergence(as_law(stats.norm()), as_law(stats.expon()))
    'P has probability on (-inf, 0) where Q has none (Q = 0 < P there)'
    >>> support_divergence(as_law(stats.expon()), as_law(stats.norm())) is None
    True
    """
    if P.kind != Q.kind:
        return f"P is {P.kind} and Q is {Q.kind}: " + (
            "P puts probability on single points, which Q's density gives none"
            if P.kind == "discrete"
            else "P spreads probability over values that Q never takes"
        )
    (a_p, b_p), (a_q, b_q) = P.support, Q.support
    if P.kind == "discrete":
        if a_p < a_q:
            return (
                f"P gives probability to k = {_fmt(a_p)} … {_fmt(min(b_p, a_q - 1))}, "
                "where Q gives none (Q = 0 < P there)"
            )
        if b_p > b_q:
            return (
                f"P gives probability to k = {_fmt(max(a_p, b_q + 1))} … {_fmt(b_p)}, "
                "where Q gives none (Q = 0 < P there)"
            )
        return None
    if a_p < a_q:
        return (
            f"P has probability on ({_fmt(a_p)}, {_fmt(min(b_p, a_q))}) where Q has none "
            "(Q = 0 < P there)"
        )
    if b_p > b_q:
        return (
            f"P has probability on ({_fmt(max(a_p, b_q))}, {_fmt(b_p)}) where Q has none "
            "(Q = 0 < P there)"
        )
    return None


def _log_x_f(P: Law, Q: Law, x: np.ndarray, distance: np.ndarray) -> np.ndarray:
    """log(distance·|f(x)|) with f = p·log(p/q), computed in log space.

    NaN marks probes that cannot be used: a log density overflowed, or Q is zero there
    (a support question, answered by the quadrature, not a tail one).
    """
    with np.errstate(all="ignore"):
        lp = P.logpdf(x)
        lq = Q.logpdf(x)
        out = np.log(distance) + lp + np.log(np.abs(lp - lq))
    usable = np.isfinite(lp) & np.isfinite(lq)
    return np.where(usable, out, np.nan)


def _diverges(levels: np.ndarray, log_distances: np.ndarray, towards_zero: bool) -> bool:
    """Decide from probe values of log(d·|f|), ordered from the most extreme probe inward.

    `towards_zero` is True near a finite end, where the extreme probes have the smallest
    distance d; in the tails the extreme probes have the largest.
    """
    finite = np.flatnonzero(np.isfinite(levels))
    if finite.size < 2:
        return False
    i, j = finite[0], finite[1]  # the two most extreme usable probes
    slope = (levels[i] - levels[j]) / (log_distances[i] - log_distances[j])
    growth = -slope if towards_zero else slope  # how fast d·|f| grows towards the extreme
    return bool(growth > _SLOPE_THRESHOLD and levels[i] > -50)


def tail_divergence(P: Law, Q: Law) -> str | None:
    """The reason D(P‖Q) is infinite through its tails, or None when it converges.

    Assumes the supports nest (see :func:`support_divergence`).

    Examples
    --------
    >>> from scipy import stats
    >>> from kl_core.distributions import as_law
    >>> tail_divergence(as_law(stats.cauchy()), as_law(stats.norm()))[:45]
    'p·log(p/q) does not decay fast enough as x → '
    >>> tail_divergence(as_law(stats.norm()), as_law(stats.cauchy())) is None
    True
    """
    a, b = P.support
    s = P.spread
    centers = P.centers or (P.loc,)
    exps = np.array(_PROBE_EXPONENTS, dtype=float)
    for side, end, anchor in ((+1, b, max(centers)), (-1, a, min(centers))):
        if math.isinf(end):
            distance = s * 10.0**exps
            x = anchor + side * distance
            if P.kind == "discrete":
                x = np.round(x)
            levels = _log_x_f(P, Q, x, distance)
            if _diverges(levels, np.log(distance), towards_zero=False):
                arrow = "+∞" if side > 0 else "−∞"
                return (
                    f"p·log(p/q) does not decay fast enough as x → {arrow}: Q's tail is so "
                    "much lighter than P's that the extra surprise −log q grows faster than "
                    "P's probability shrinks, and the integral diverges"
                )
        elif P.kind == "continuous":
            width = (b - a) if math.isfinite(b - a) else s
            distance = width * 10.0 ** (-exps)
            x = end - side * distance
            keep = x != end
            if keep.sum() < 2:
                continue
            x, distance = x[keep], np.abs(x[keep] - end)
            levels = _log_x_f(P, Q, x, distance)
            if _diverges(levels, np.log(distance), towards_zero=True):
                return (
                    f"p·log(p/q) is not integrable near x = {_fmt(end)}: Q's density "
                    "vanishes there much faster than P's, and the integral diverges"
                )
    return None
