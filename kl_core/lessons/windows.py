"""Window integrals of p·log(p/q): D(P‖Q)'s integral truncated to a finite range.

They show a divergent integral growing as the window widens (the continuous explorer's
tails panel). Unlike D, a narrow window's integral can be negative.
"""

from __future__ import annotations

import math

import numpy as np

from kl_core.distributions import as_law
from kl_core.numeric import integral
from kl_core.result import KLResult, Method
from kl_core.units import _base_iv, convert_from_nats

__all__ = ["kl_window", "kl_windows"]


def kl_window(p, q, lower: float, upper: float, *, base=None) -> KLResult:
    """The truncated integral ∫ p·log(p/q) dx over [lower, upper] (continuous laws).

    Useful to watch a divergent integral grow as the window widens; unlike D it can be
    negative for a narrow window.

    Parameters
    ----------
    p, q : scipy.stats continuous distribution
    lower, upper : float
        Finite window ends, ``lower < upper``.
    base : None or float, optional
        Logarithm base.

    Returns
    -------
    KLResult

    Examples
    --------
    >>> from scipy import stats
    >>> round(kl_window(stats.cauchy(), stats.norm(), -10, 10).value, 2)
    1.54
    """
    base = _base_iv(base)
    P, Q = as_law(p, "p"), as_law(q, "q")
    if P.kind != "continuous" or Q.kind != "continuous":
        raise ValueError("`p` and `q` must both be continuous for a window integral")
    if not (math.isfinite(lower) and math.isfinite(upper) and lower < upper):
        raise ValueError(
            f"`lower` and `upper` must be finite with lower < upper (got {lower}, {upper})"
        )
    a, b = P.support
    lo, hi = max(lower, a), min(upper, b)
    if lo >= hi:
        return KLResult(0.0, Method.QUADRATURE)
    result = integral(P, Q, lo, hi)
    if math.isinf(result.value):
        return result
    return KLResult(
        float(convert_from_nats(result.value, base)),
        Method.QUADRATURE,
        float(convert_from_nats(result.error, base)),
    )


def kl_windows(p, q, half_widths, *, base=None) -> np.ndarray:
    """Window integrals of p·log(p/q) over [m − L, m + L] around P's median m, per L.

    When D(P‖Q) is finite they converge to it as L grows; when it is infinite through the
    tails they grow without bound (for Cauchy‖Normal, linearly in L).

    Parameters
    ----------
    p, q : scipy.stats continuous distribution
    half_widths : array_like
        Positive, finite half-widths L.
    base : None or float, optional
        Logarithm base.

    Returns
    -------
    ndarray

    Examples
    --------
    >>> from scipy import stats
    >>> kl_windows(stats.cauchy(), stats.norm(), [10, 100]).round(1)
    array([ 1.5, 29.8])
    """
    widths = np.atleast_1d(np.asarray(half_widths, dtype=float))
    if widths.ndim != 1 or widths.size == 0 or not np.all(np.isfinite(widths) & (widths > 0)):
        raise ValueError("`half_widths` must be a non-empty list of positive, finite numbers")
    P = as_law(p, "p")
    center = float(P.quantile(0.5))
    return np.array([kl_window(P, q, center - w, center + w, base=base).value for w in widths])
