"""Double-exponential quadrature (Takahasi and Mori), private to kl_core.

tanh-sinh on finite pieces and exp-sinh on half-lines, with nodes t = j·h shared by all
pieces of [lo, hi] (split at both densities' features) so that one vectorised call per
density evaluates every node. Used by kl_core.numeric for D(P‖Q) and by
kl_core.lessons.sweeps for expectations under a fixed law.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kl_core.distributions import Law

#: How far the nodes reach: t in [-4.5, 4.5] puts tanh-sinh nodes within e^-140 of a
#: finite end and exp-sinh nodes 1e30 spreads out.
T_MAX = 4.5


@dataclass(frozen=True)
class Rule:
    """Nodes t = j·h of a double-exponential rule at the finest level, shared by pieces."""

    level: int
    t: np.ndarray


def rule(level: int, t_max: float) -> Rule:
    h = 2.0**-level
    n = math.ceil(t_max / h)
    return Rule(level, np.arange(-n, n + 1) * h)


def tanh_sinh(c: float, d: float, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and (unit-step) weights of tanh-sinh on [c, d], accurate near both ends."""
    u = 0.5 * math.pi * np.sinh(t)
    with np.errstate(over="ignore"):
        e = np.exp(-2.0 * np.abs(u))
        gap = (d - c) * e / (1.0 + e)  # distance to the nearer end
        x = np.where(t < 0, c + gap, d - gap)
        w = (d - c) * 0.5 * math.pi * np.cosh(t) * 2.0 * e / (1.0 + e) ** 2
    return x, w


def exp_sinh(c: float, s: float, direction: int, t: np.ndarray):
    """Nodes and weights of exp-sinh on [c, ±∞) with length scale s."""
    u = 0.5 * math.pi * np.sinh(t)
    with np.errstate(over="ignore"):
        e = np.exp(u)
        x = c + direction * s * e
        w = s * e * 0.5 * math.pi * np.cosh(t)
    return x, w


def breakpoints(P: Law, Q: Law, lo: float, hi: float) -> list[float]:
    scale = min(P.spread, Q.spread)
    points = sorted({c for c in (*P.centers, *Q.centers) if lo < c < hi})
    if not points and math.isinf(lo) and math.isinf(hi):
        points = [P.loc]
    merged: list[float] = []
    for c in points:
        if not merged or c - merged[-1] > 1e-9 * scale:
            merged.append(c)
    return [lo, *merged, hi]


def nodes(P: Law, Q: Law, lo: float, hi: float, t: np.ndarray):
    """All quadrature nodes and weights for [lo, hi], with piece ids for the error."""
    edges = breakpoints(P, Q, lo, hi)
    xs, ws = [], []
    for c, d in zip(edges[:-1], edges[1:]):
        if math.isinf(c) and math.isinf(d):  # no breakpoint at all: split at 0
            continue
        if math.isinf(c):
            x, w = exp_sinh(d, P.spread, -1, t)
        elif math.isinf(d):
            x, w = exp_sinh(c, P.spread, +1, t)
        else:
            x, w = tanh_sinh(c, d, t)
        # Nodes that round onto an end of their piece are dropped: a density may be
        # infinite there (a gamma component with a < 1 starting at a breakpoint).
        keep = (x > max(c, lo)) & (x < min(d, hi)) & (w > 0) & np.isfinite(x) & np.isfinite(w)
        # Next to an end, rounding collapses nodes onto one float: keep the inner one.
        same = np.zeros_like(keep)
        same[1:] |= (x[1:] == x[:-1]) & (t[1:] > 0)
        same[:-1] |= (x[:-1] == x[1:]) & (t[:-1] < 0)
        keep &= ~same
        # Dropped nodes get weight 0 and a harmless position inside the piece.
        xs.append(np.where(keep, x, x[keep][0] if keep.any() else lo))
        ws.append(np.where(keep, w, 0.0))
    return np.stack(xs), np.stack(ws), edges
