"""Independent reference values: scipy's adaptive quad over scipy's public densities."""

import math

import numpy as np
from scipy import integrate


def quad_kl(p, q) -> float:
    """D(p‖q) by scipy.integrate.quad on the frozen objects' logpdf (continuous) or a
    direct sum of their logpmf (discrete); shares no code with kl_core."""
    if hasattr(p.dist, "pmf"):
        lo, hi = p.support()
        hi = hi if math.isfinite(hi) else 10 * p.mean() + 100
        k = np.arange(lo, hi + 1)
        lp, lq = p.logpmf(k), q.logpmf(k)
        mask = np.isfinite(lp)
        return float(np.sum(np.exp(lp[mask]) * (lp[mask] - lq[mask])))

    def f(x):
        lp = p.logpdf(x)
        if not math.isfinite(lp) or math.exp(lp) == 0.0:
            return 0.0
        return math.exp(lp) * (lp - q.logpdf(x))

    lo, hi = p.support()
    points = sorted({float(p.median()), float(q.median())})
    total = 0.0
    edges = [lo, *[c for c in points if lo < c < hi], hi]
    for a, b in zip(edges[:-1], edges[1:]):
        total += integrate.quad(f, a, b, epsabs=1e-13, epsrel=1e-12, limit=500)[0]
    return total
