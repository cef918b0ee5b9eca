"""Monte Carlo estimates of D(P‖Q) = E_P[log p(X) − log q(X)] from draws of P."""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass

import numpy as np

from kl_core.distributions import as_law
from kl_core.infinity import support_divergence
from kl_core.units import _base_iv, convert_from_nats

__all__ = ["MonteCarloResult", "kl_monte_carlo", "log_ratio_samples"]

_MAX_N = 10_000_000


@dataclass(frozen=True)
class MonteCarloResult:
    """A Monte Carlo estimate of D(P‖Q).

    Attributes
    ----------
    estimate : float
        Mean of log p(x_i) − log q(x_i) over the draws (``inf`` if infinite by support).
    standard_error : float
        Sample standard deviation over √n. Meaningless when the variance is infinite
        (heavy tails): the estimate then never settles as n grows.
    n : int
        Number of draws.
    """

    estimate: float
    standard_error: float
    n: int


def _n_iv(n) -> int:
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        if isinstance(n, float) and n.is_integer():
            n = int(n)
        else:
            raise ValueError(f"`n` must be a whole number of draws, 2 to {_MAX_N:,} (got {n!r})")
    if not 2 <= int(n) <= _MAX_N:
        raise ValueError(f"`n` must be between 2 and {_MAX_N:,} draws (got {n})")
    return int(n)


def log_ratio_samples(p, q, n, *, rng=None) -> np.ndarray:
    """Draw x_1..x_n from p and return log p(x_i) − log q(x_i) for each draw.

    Their mean is the Monte Carlo estimate of D(p‖q) in nats; their running mean shows
    whether it settles. An entry is ``inf`` where q(x_i) = 0 < p(x_i).

    Parameters
    ----------
    p, q : scipy.stats distribution
        As for :func:`kl_core.kl`.
    n : int
        Number of draws, 2 to 10,000,000.
    rng : None, int or numpy.random.Generator, optional
        Seed or generator (``numpy.random.default_rng(rng)``).

    Returns
    -------
    ndarray of shape (n,)

    Examples
    --------
    >>> from scipy import stats
    >>> log_ratio_samples(stats.norm(0, 1), stats.norm(0, 1), 3, rng=0)
    array([0., 0., 0.])
    """
    n = _n_iv(n)
    P, Q = as_law(p, "p"), as_law(q, "q")
    rng = np.random.default_rng(rng)
    x = P.sample(n, rng)
    lp, lq = P.logpdf(x), Q.logpdf(x)
    with np.errstate(invalid="ignore"):
        out = lp - lq
    return np.where(np.isneginf(lq), np.inf, np.where(np.isfinite(out), out, 0.0))


def kl_monte_carlo(p, q, n, *, rng=None, base=None) -> MonteCarloResult:
    """Monte Carlo estimate of D(p‖q) from `n` draws of `p`, with its standard error.

    Parameters
    ----------
    p, q : scipy.stats distribution
        As for :func:`kl_core.kl`.
    n : int
        Number of draws, 2 to 10,000,000.
    rng : None, int or numpy.random.Generator, optional
        Seed or generator (SPEC 7: ``numpy.random.default_rng(rng)``).
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    MonteCarloResult
        ``estimate``, ``standard_error`` and ``n``. When D is infinite by support the
        estimate is ``inf`` with standard error 0.

    Examples
    --------
    >>> from scipy import stats
    >>> res = kl_monte_carlo(stats.norm(0, 1), stats.norm(1, 2), 100_000, rng=0)
    >>> abs(res.estimate - 0.4431471806) < 3 * res.standard_error
    True
    """
    base = _base_iv(base)
    n = _n_iv(n)
    P, Q = as_law(p, "p"), as_law(q, "q")
    if support_divergence(P, Q):
        return MonteCarloResult(math.inf, 0.0, n)
    values = log_ratio_samples(P, Q, n, rng=rng)
    if np.isinf(values).any():
        return MonteCarloResult(math.inf, 0.0, n)
    estimate = float(values.mean())
    se = float(values.std(ddof=1) / math.sqrt(n))
    return MonteCarloResult(convert_from_nats(estimate, base), convert_from_nats(se, base), n)
