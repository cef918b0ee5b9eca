"""Closed-form divergences, registered by the pair of scipy family names (torch's idea).

Each formula takes two :class:`~kl_core.distributions.Law` objects whose supports are
already known to nest, and returns D(P‖Q) in nats, or None when the parameters fall
outside the case the formula covers (the caller then integrates numerically). Every
formula carries a one-line source and is checked against quadrature in the tests.

Many formulas use that D is unchanged when the same bijection is applied to P and Q: two
gamma laws with the same ``loc`` are compared as if both had ``loc = 0``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from scipy.special import digamma, ndtr, rel_entr

from kl_core.distributions import Law

__all__ = ["closed_form", "register_kl", "registered_pairs"]

_REGISTRY: dict[tuple[str, str], Callable[[Law, Law], float | None]] = {}


def register_kl(family_p: str, family_q: str):
    """Decorator registering a closed form for D(family_p ‖ family_q).

    Examples
    --------
    >>> ("norm", "norm") in registered_pairs()
    True
    """

    def decorate(fn):
        _REGISTRY[(family_p, family_q)] = fn
        return fn

    return decorate


def registered_pairs() -> tuple[tuple[str, str], ...]:
    """All (family_p, family_q) pairs with a registered closed form."""
    return tuple(_REGISTRY)


def closed_form(P: Law, Q: Law) -> float | None:
    """D(P‖Q) in nats from a registered formula, or None if there is none for the case."""
    fn = _REGISTRY.get((P.family, Q.family))
    if fn is None:
        return None
    try:
        value = fn(P, Q)
    except (ZeroDivisionError, OverflowError, ValueError):
        return None  # parameters too extreme for the formula: integrate instead
    if value is None or math.isnan(value):
        return None
    return max(float(value), 0.0)


# --- continuous, same family ---------------------------------------------------------


def _gauss(m1: float, s1: float, m2: float, s2: float) -> float:
    ratio = s1 / s2
    return -math.log(ratio) + 0.5 * (ratio * ratio + ((m1 - m2) / s2) ** 2) - 0.5


@register_kl("norm", "norm")
def _norm_norm(P: Law, Q: Law) -> float:
    # Cover & Thomas, Elements of Information Theory (2006), exercise 8.9 / eq. for Gaussians.
    return _gauss(P.loc, P.scale, Q.loc, Q.scale)


@register_kl("lognorm", "lognorm")
def _lognorm_lognorm(P: Law, Q: Law) -> float | None:
    # log X is normal with mean log(scale) and sd s; D is invariant under the log map.
    if P.loc != Q.loc:
        return None
    return _gauss(math.log(P.scale), P.shapes["s"], math.log(Q.scale), Q.shapes["s"])


@register_kl("laplace", "laplace")
def _laplace_laplace(P: Law, Q: Law) -> float:
    # Gil, Alajaji & Linder, "Rényi divergence measures for commonly used univariate
    # continuous distributions" (2013), Table 3 (KL limit).
    d = abs(P.loc - Q.loc)
    b1, b2 = P.scale, Q.scale
    return math.log(b2 / b1) + d / b2 + (b1 / b2) * math.exp(-d / b1) - 1


@register_kl("expon", "expon")
def _expon_expon(P: Law, Q: Law) -> float:
    # E_P[-log q] = log s2 + (loc1 - loc2 + s1)/s2 and h(P) = 1 + log s1 (loc1 >= loc2).
    s1, s2 = P.scale, Q.scale
    return math.log(s2 / s1) + (P.loc - Q.loc + s1) / s2 - 1


@register_kl("gamma", "gamma")
def _gamma_gamma(P: Law, Q: Law) -> float | None:
    # Penny, "KL-divergences of normal, gamma, Dirichlet and Wishart densities" (2001),
    # written for scale θ instead of rate.
    if P.loc != Q.loc:
        return None
    return _gamma(P.shapes["a"], P.scale, Q.shapes["a"], Q.scale)


def _gamma(a1: float, t1: float, a2: float, t2: float) -> float:
    return float(
        (a1 - a2) * digamma(a1)
        - math.lgamma(a1)
        + math.lgamma(a2)
        + a2 * math.log(t2 / t1)
        + a1 * (t1 / t2 - 1)
    )


@register_kl("expon", "gamma")
def _expon_gamma(P: Law, Q: Law) -> float | None:
    # An exponential law is gamma with a = 1 (same formula as gamma‖gamma).
    if P.loc != Q.loc:
        return None
    return _gamma(1.0, P.scale, Q.shapes["a"], Q.scale)


@register_kl("gamma", "expon")
def _gamma_expon(P: Law, Q: Law) -> float | None:
    # An exponential law is gamma with a = 1 (same formula as gamma‖gamma).
    if P.loc != Q.loc:
        return None
    return _gamma(P.shapes["a"], P.scale, 1.0, Q.scale)


@register_kl("beta", "beta")
def _beta_beta(P: Law, Q: Law) -> float | None:
    # Penny (2001) / Gil et al. (2013): via digamma of the Dirichlet case with K = 2.
    if P.loc != Q.loc or P.scale != Q.scale:
        return None
    a1, b1, a2, b2 = P.shapes["a"], P.shapes["b"], Q.shapes["a"], Q.shapes["b"]
    log_b = lambda a, b: math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)  # noqa: E731
    return float(
        log_b(a2, b2)
        - log_b(a1, b1)
        + (a1 - a2) * digamma(a1)
        + (b1 - b2) * digamma(b1)
        + (a2 - a1 + b2 - b1) * digamma(a1 + b1)
    )


@register_kl("uniform", "uniform")
def _uniform_uniform(P: Law, Q: Law) -> float:
    # p = 1/w1 on P's interval, q = 1/w2 on it (supports nest), so D = log(w2/w1).
    return math.log(Q.scale / P.scale)


@register_kl("cauchy", "cauchy")
def _cauchy_cauchy(P: Law, Q: Law) -> float:
    # Chyzak & Nielsen, "A closed-form formula for the KL divergence between Cauchy
    # distributions" (2019), eq. (1); symmetric in P and Q.
    g1, g2 = P.scale, Q.scale
    return math.log(((g1 + g2) ** 2 + (P.loc - Q.loc) ** 2) / (4 * g1 * g2))


# Student-t against Student-t: no elementary closed form is known except for df = 1
# (Cauchy, above); t‖t goes to numerical integration.

# --- continuous, cross family ---------------------------------------------------------


def _folded_mean(delta: float, sigma: float) -> float:
    """E|X| for X ~ N(delta, sigma²) (mean of the folded normal)."""
    return sigma * math.sqrt(2 / math.pi) * math.exp(-(delta**2) / (2 * sigma**2)) + delta * (
        1 - 2 * float(ndtr(-delta / sigma))
    )


@register_kl("norm", "laplace")
def _norm_laplace(P: Law, Q: Law) -> float:
    # -h(N) + E_P[-log q] with E|X - m| of a folded normal (Leone, Nelson & Nottingham 1961).
    mean_abs = _folded_mean(P.loc - Q.loc, P.scale)
    h_p = 0.5 * math.log(2 * math.pi * math.e * P.scale**2)
    return math.log(2 * Q.scale) + mean_abs / Q.scale - h_p


@register_kl("laplace", "norm")
def _laplace_norm(P: Law, Q: Law) -> float:
    # -h(Laplace) + E_P[-log q], with E(X - μ)² = 2b² + (m - μ)² under P.
    b, s = P.scale, Q.scale
    second = 2 * b * b + (P.loc - Q.loc) ** 2
    return 0.5 * math.log(2 * math.pi * s * s) + second / (2 * s * s) - 1 - math.log(2 * b)


@register_kl("uniform", "norm")
def _uniform_norm(P: Law, Q: Law) -> float:
    # -h(U) + E_P[-log q], with E(X - μ)² = w²/12 + (midpoint - μ)² under P.
    w, s = P.scale, Q.scale
    second = w * w / 12 + (P.loc + w / 2 - Q.loc) ** 2
    return -math.log(w) + 0.5 * math.log(2 * math.pi * s * s) + second / (2 * s * s)


@register_kl("uniform", "laplace")
def _uniform_laplace(P: Law, Q: Law) -> float:
    # -h(U) + log 2b + E|X - m|/b, with E|X - m| of a uniform law in closed form.
    a, w, m, b = P.loc, P.scale, Q.loc, Q.scale
    hi = a + w
    if a <= m <= hi:
        mean_abs = ((m - a) ** 2 + (hi - m) ** 2) / (2 * w)
    else:
        mean_abs = abs(a + w / 2 - m)
    return -math.log(w) + math.log(2 * b) + mean_abs / b


@register_kl("uniform", "expon")
def _uniform_expon(P: Law, Q: Law) -> float:
    # -h(U) + log s + (E X - loc_Q)/s (supports nest: P's interval lies right of loc_Q).
    return -math.log(P.scale) + math.log(Q.scale) + (P.loc + P.scale / 2 - Q.loc) / Q.scale


# --- discrete ---------------------------------------------------------------------------


def _excess(r: float) -> float:
    """(1 + r)·log(1 + r) − r without cancellation (r ≥ −1): ~r²/2 for small r.

    Both sides of the difference are ~r; for |r| < 0.01 the series
    Σ_{k≥2} (−1)^k r^k / (k(k−1)) is summed instead (8 terms: full precision).
    """
    if r == -1.0:
        return 1.0
    if abs(r) < 0.01:
        return sum((-r) ** k / (k * (k - 1)) for k in range(2, 10))
    return (1 + r) * math.log1p(r) - r


def _bernoulli(p1: float, p2: float) -> float:
    # p1·log(p1/p2) + (1−p1)·log((1−p1)/(1−p2)) = p2·e(r) + (1−p2)·e(r') with
    # r = (p1−p2)/p2, r' = (p2−p1)/(1−p2): the linear parts cancel exactly, so nearly
    # equal p1, p2 keep their digits (the plain form lost 5 at D ~ 1e-7).
    if not 0 < p2 < 1:
        return float(rel_entr(p1, p2) + rel_entr(1 - p1, 1 - p2))
    return p2 * _excess((p1 - p2) / p2) + (1 - p2) * _excess((p2 - p1) / (1 - p2))


@register_kl("bernoulli", "bernoulli")
def _bernoulli_bernoulli(P: Law, Q: Law) -> float | None:
    # Two-point pmfs: the definition itself (rel_entr handles 0 log 0 and q = 0 < p).
    if P.loc != Q.loc:
        return None
    return _bernoulli(P.shapes["p"], Q.shapes["p"])


@register_kl("binom", "binom")
def _binom_binom(P: Law, Q: Law) -> float | None:
    # n independent Bernoulli trials: D adds up over the trials (same n only).
    if P.loc != Q.loc or P.shapes["n"] != Q.shapes["n"]:
        return None
    return P.shapes["n"] * _bernoulli(P.shapes["p"], Q.shapes["p"])


@register_kl("poisson", "poisson")
def _poisson_poisson(P: Law, Q: Law) -> float | None:
    # E_P[log(p/q)] = E[k]·log(μ1/μ2) − μ1 + μ2 with E[k] = μ1.
    if P.loc != Q.loc:
        return None
    # = μ2·e((μ1−μ2)/μ2), e(r) = (1+r)·log(1+r) − r: no cancellation for μ1 ≈ μ2.
    m1, m2 = P.shapes["mu"], Q.shapes["mu"]
    return float(m2 * _excess((m1 - m2) / m2)) if m2 > 0 else None


@register_kl("geom", "geom")
def _geom_geom(P: Law, Q: Law) -> float | None:
    # pmf (1−p)^(k−1)·p: D = log(p1/p2) + E[k−1]·log((1−p1)/(1−p2)), E[k−1] = (1−p1)/p1.
    if P.loc != Q.loc:
        return None
    p1, p2 = P.shapes["p"], Q.shapes["p"]
    return float(math.log(p1 / p2) + (rel_entr(1 - p1, 1 - p2)) / p1)
