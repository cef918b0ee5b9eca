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

from kl_core import families
from kl_core.distributions import Law

__all__ = ["phrase", "support_divergence", "tail_divergence"]

# Probe distances, in units of P's spread, from far to near (powers of ten).
_PROBE_EXPONENTS = (300, 250, 200, 150, 100, 64, 32, 16, 8, 4)
# Slope of log(x·f(x)) against log x above which the tail is taken as divergent. Power
# laws give slopes of at least 1e-2 in magnitude; log corrections give about 3e-3.
_SLOPE_THRESHOLD = -5e-3


def _fmt(x: float) -> str:
    """A support end as a reader writes it: −∞, ∞, 0, −1.5."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    return f"{x:g}".replace("-", "−")


def phrase(template: str | None, first: str = "P", second: str = "Q") -> str | None:
    """A reason template of this module with the two laws named `first` and `second`.

    The templates name the first argument of D(·‖·) ``{P}`` and the second ``{Q}`` (their
    densities ``{p}`` and ``{q}``), so the same reason can be phrased for either
    direction: D(Q‖P)'s reason names Q first.

    Examples
    --------
    >>> phrase("{Q} = 0 < {P} on (0, ∞); log({p}/{q})", "Q", "P")
    'P = 0 < Q on (0, ∞); log(q/p)'
    """
    if template is None:
        return None
    return template.format(P=first, Q=second, p=first.lower(), q=second.lower())


def _intervals(pieces: list[str]) -> str:
    return pieces[0] if len(pieces) == 1 else " and on ".join(pieces)


def support_divergence(P: Law, Q: Law) -> str | None:
    """Why D(P‖Q) is infinite by support, as a template for :func:`phrase`.

    None when the supports nest. Every offending interval is named.

    Examples
    --------
    >>> from scipy import stats
    >>> from kl_core.distributions import as_law
    >>> phrase(support_divergence(as_law(stats.norm()), as_law(stats.expon())))
    'P has probability on (−∞, 0) where Q has none (Q = 0 < P there)'
    >>> phrase(support_divergence(as_law(stats.norm()), as_law(stats.uniform(0, 2))))
    'P has probability on (−∞, 0) and on (2, ∞) where Q has none (Q = 0 < P there)'
    >>> support_divergence(as_law(stats.expon()), as_law(stats.norm())) is None
    True
    """
    if P.kind != Q.kind:
        return f"{{P}} is {P.kind} and {{Q}} is {Q.kind}: " + (
            "{P} puts probability on single points, which {Q}'s density gives none"
            if P.kind == "discrete"
            else "{P} spreads probability over values that {Q} never takes"
        )
    (a_p, b_p), (a_q, b_q) = P.support, Q.support
    pieces = []
    if P.kind == "discrete":
        if a_p < a_q:
            pieces.append(f"k = {_fmt(a_p)} … {_fmt(min(b_p, a_q - 1))}")
        if b_p > b_q:
            pieces.append(f"k = {_fmt(max(a_p, b_q + 1))} … {_fmt(b_p)}")
        if not pieces:
            return None
        return (
            "{P} gives probability to "
            + _intervals(pieces).replace(" and on ", " and to ")
            + ", where {Q} gives none ({Q} = 0 < {P} there)"
        )
    if a_p < a_q:
        pieces.append(f"({_fmt(a_p)}, {_fmt(min(b_p, a_q))})")
    if b_p > b_q:
        pieces.append(f"({_fmt(max(a_p, b_q))}, {_fmt(b_p)})")
    if not pieces:
        return None
    return (
        "{P} has probability on " + _intervals(pieces) + " where {Q} has none ({Q} = 0 < {P} there)"
    )


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


def exact_tail(P: Law, Q: Law, side: int) -> bool | None:
    """Whether ∫ p·log(p/q) diverges towards ±∞ (`side` −1 or +1).

    Decided from the families' tail exponents; None where they are not known in closed
    form.

    With p ~ |x|^−(α+1) and −log q ~ |x|^k the tail integral behaves like
    ∫ |x|^(k−α−1): it diverges exactly when α ≤ k, however close to the border (a
    probe far out cannot tell α = 2.001 from 2). A P lighter than every power meets a
    finite k with a finite integral.

    Examples
    --------
    >>> from scipy import stats
    >>> from kl_core.distributions import as_law
    >>> exact_tail(as_law(stats.t(2.001)), as_law(stats.norm()), +1)
    False
    >>> exact_tail(as_law(stats.t(2)), as_law(stats.norm()), +1)
    True
    """
    if P.components or Q.components or P.family not in families.POWER_INDEX.keys() | families.LIGHT:
        return None
    if Q.family not in families.GROWTH:
        return None
    index = (
        families.POWER_INDEX[P.family](P.shapes)
        if P.family in families.POWER_INDEX
        else (None, None)
    )
    alpha = index[0 if side < 0 else 1]
    k = families.GROWTH[Q.family](Q.shapes)[0 if side < 0 else 1]
    if k is None:
        return None
    if alpha is not None:
        return alpha <= k
    if P.family in families.LIGHT and math.isfinite(k):
        return False
    return None


def tail_divergence(P: Law, Q: Law) -> str | None:
    """Why D(P‖Q) is infinite through its tails, as a template for :func:`phrase`.

    None when it converges. Every divergent tail is named.

    Assumes the supports nest (see :func:`support_divergence`).

    Examples
    --------
    >>> from scipy import stats
    >>> from kl_core.distributions import as_law
    >>> reason = tail_divergence(as_law(stats.cauchy()), as_law(stats.norm()))
    >>> phrase(reason).split(":")[0]
    'p·log(p/q) does not decay fast enough as x → −∞ and as x → +∞'
    >>> phrase(reason, "Q", "P").split(": ")[1][:34]
    "P's tail is so much lighter than Q"
    >>> tail_divergence(as_law(stats.norm()), as_law(stats.cauchy())) is None
    True
    """
    a, b = P.support
    s = P.spread
    centers = P.centers or (P.loc,)
    exps = np.array(_PROBE_EXPONENTS, dtype=float)
    tails, ends = [], []
    for side, end, anchor in ((-1, a, min(centers)), (+1, b, max(centers))):
        if math.isinf(end):
            decided = exact_tail(P, Q, side)
            if decided is not None:
                if decided:
                    tails.append("as x → +∞" if side > 0 else "as x → −∞")
                continue
            distance = s * 10.0**exps
            x = anchor + side * distance
            if P.kind == "discrete":
                x = np.round(x)
            levels = _log_x_f(P, Q, x, distance)
            if _diverges(levels, np.log(distance), towards_zero=False):
                tails.append("as x → +∞" if side > 0 else "as x → −∞")
        elif P.kind == "continuous":
            width = (b - a) if math.isfinite(b - a) else s
            distance = width * 10.0 ** (-exps)
            # Probed with both laws moved so that this end is at 0: next to 1000 floats
            # are 1e-13 apart and would hide how the densities behave at the end.
            p_law, q_law, at = P, Q, end
            if end != 0:
                moved = P.shifted(-end), Q.shifted(-end)
                if None not in moved:
                    (p_law, q_law), at = moved, 0.0
            x = at - side * distance
            keep = x != at
            if keep.sum() < 2:
                continue
            x, distance = x[keep], np.abs(x[keep] - at)
            levels = _log_x_f(p_law, q_law, x, distance)
            if _diverges(levels, np.log(distance), towards_zero=True):
                ends.append(f"x = {_fmt(end)}")
    if tails:
        return (
            f"{{p}}·log({{p}}/{{q}}) does not decay fast enough {' and '.join(tails)}: "
            "{Q}'s tail is so much lighter than {P}'s that the extra surprise −log {q} grows "
            "faster than {P}'s probability shrinks, and the integral diverges"
        )
    if ends:
        return (
            f"{{p}}·log({{p}}/{{q}}) is not integrable near {' and near '.join(ends)}: "
            "{Q}'s density vanishes there much faster than {P}'s, and the integral diverges"
        )
    return None
