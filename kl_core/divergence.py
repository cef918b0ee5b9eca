"""D(P‖Q) for two distributions: the one entry point that picks the right method.

Order of decisions: support (∞ when Q = 0 < P somewhere), a registered closed form,
then tails (∞ when the integral diverges) and numerical integration or summation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kl_core.closed_forms import closed_form
from kl_core.distributions import as_law
from kl_core.infinity import phrase, support_divergence
from kl_core.monte_carlo import MonteCarloResult, kl_monte_carlo
from kl_core.numeric import kl_numeric
from kl_core.result import KLResult, Method
from kl_core.units import _base_iv, convert_from_nats

__all__ = ["KLResult", "MethodComparison", "compare_methods", "kl", "kl_details"]


def kl_details(p, q, *, base=None) -> KLResult:
    """D(p‖q) for two scipy.stats distributions, with the method and any reason for ∞.

    Parameters
    ----------
    p, q : scipy.stats distribution
        Classic frozen distributions (``stats.norm(loc=0, scale=1)``,
        ``stats.poisson(mu=3)``), ``scipy.stats.Mixture`` objects (see
        :func:`kl_core.mixture`) or newer scipy continuous distributions.
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    KLResult

    Examples
    --------
    >>> from scipy import stats
    >>> res = kl_details(stats.uniform(-1, 3), stats.uniform(0, 1))
    >>> res.value, res.method
    (inf, 'support')
    >>> res.reason
    'P has probability on (−1, 0) and on (1, 2) where Q has none (Q = 0 < P there)'
    >>> kl_details(stats.norm(0, 1), stats.norm(1, 2)).method
    'closed form'
    """
    base = _base_iv(base)
    P, Q = as_law(p, "p"), as_law(q, "q")
    reason = support_divergence(P, Q)
    if reason:
        return KLResult(math.inf, Method.SUPPORT, 0.0, phrase(reason), reason)
    value = closed_form(P, Q)
    if value is not None:
        return KLResult(convert_from_nats(value, base), Method.CLOSED_FORM)
    res = kl_numeric(P, Q, base=base)
    if math.isnan(res.value) or math.isnan(res.error):
        raise ValueError(
            "`p` and `q` have parameters too extreme for a reliable value; bring their "
            "scales and shapes within about 1e-50 to 1e50"
        )
    return res


def kl(p, q, *, base=None) -> float:
    """Kullback-Leibler divergence D(p‖q) of two scipy.stats distributions.

    Uses a closed form when one is registered for the pair of families, and exact
    numerical integration (continuous) or summation (discrete) otherwise. Returns
    ``math.inf`` when the divergence is infinite, whether because of the supports
    (q = 0 where p > 0) or because the integral diverges in the tails.

    Parameters
    ----------
    p, q : scipy.stats distribution
        Classic frozen distributions such as ``stats.norm(loc=0, scale=1)``,
        ``stats.gamma(a=2, scale=1)`` or ``stats.poisson(mu=3)``, mixtures made with
        :func:`kl_core.mixture` (``scipy.stats.Mixture``), or newer scipy continuous
        distributions. Both continuous or both discrete for a finite value.
    base : None or float, optional
        Logarithm base: ``None`` nats (default), ``2`` bits, ``10`` hartleys.

    Returns
    -------
    float
        D(p‖q) >= 0, or ``inf``.

    Raises
    ------
    ValueError
        If `p` or `q` is not a supported distribution, has invalid parameters, or `base`
        is invalid.

    See Also
    --------
    kl_details : the same value with the method used and the reason for ∞.
    kl_numeric : numerical integration only, with an error estimate.

    Examples
    --------
    >>> from scipy import stats
    >>> round(kl(stats.norm(0, 1), stats.norm(1, 2)), 10)
    0.4431471806
    >>> round(kl(stats.poisson(3), stats.poisson(5), base=2), 6)
    0.674493
    >>> kl(stats.cauchy(0, 1), stats.norm(0, 1))
    inf
    """
    return kl_details(p, q, base=base).value


@dataclass(frozen=True)
class MethodComparison:
    """D(P‖Q) by every method that applies, side by side.

    Attributes
    ----------
    result : KLResult
        The value :func:`kl` returns, with method and reason.
    closed_form : float or None
        The registered closed form, if there is one for the pair.
    numeric : KLResult
        Numerical integration or summation with its error estimate.
    monte_carlo : MonteCarloResult
        Monte Carlo estimate with its standard error.
    agree : bool
        True when closed form and numeric agree to their error, and Monte Carlo lies
        within four standard errors of them (or all are infinite).
    """

    result: KLResult
    closed_form: float | None
    numeric: KLResult
    monte_carlo: MonteCarloResult
    agree: bool


def compare_methods(p, q, *, n: int = 20_000, rng=None, base=None) -> MethodComparison:
    """Compute D(p‖q) by closed form, numerical integration and Monte Carlo.

    Parameters
    ----------
    p, q : scipy.stats distribution
        As for :func:`kl`.
    n : int, optional
        Monte Carlo draws.
    rng : None, int or numpy.random.Generator, optional
        Seed or generator for the Monte Carlo draws.
    base : None or float, optional
        Logarithm base (``None`` nats, ``2`` bits, ``10`` hartleys).

    Returns
    -------
    MethodComparison

    Examples
    --------
    >>> from scipy import stats
    >>> c = compare_methods(stats.norm(0, 1), stats.norm(1, 2), rng=0)
    >>> round(c.closed_form, 6), round(c.numeric.value, 6), c.agree
    (0.443147, 0.443147, True)
    """
    base = _base_iv(base)
    P, Q = as_law(p, "p"), as_law(q, "q")
    result = kl_details(P, Q, base=base)
    exact = None
    if not support_divergence(P, Q):
        nats = closed_form(P, Q)
        exact = None if nats is None else convert_from_nats(nats, base)
    numeric = kl_numeric(P, Q, base=base)
    mc = kl_monte_carlo(P, Q, n, rng=rng, base=base)
    if math.isinf(result.value):
        agree = math.isinf(numeric.value) and (exact is None or math.isinf(exact))
    else:
        tol = max(10 * numeric.error, 1e-9 * abs(numeric.value), 1e-12)
        agree = (exact is None or abs(exact - numeric.value) <= tol) and abs(
            mc.estimate - numeric.value
        ) <= 4 * mc.standard_error + tol
    return MethodComparison(result, exact, numeric, mc, bool(agree))
