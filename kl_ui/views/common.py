"""Views several pages share: a parsed spec, D(P‖Q) with its details, the methods'
comparison, density curves and the window growth of a divergent integral."""

from __future__ import annotations

import numpy as np

import kl_core
from kl_core import lessons
from kl_ui.cache import shared

GRID_POINTS = 600
MC_DRAWS = 20_000
SEED = 20260101  # fixed, so a shared link shows the same Monte Carlo numbers


@shared()
def distribution(spec: str):
    """``kl_core.parse_distribution(spec)``, parsed once and shared (never mutate it).

    A mixture spec builds scipy objects worth ~3 ms; every rerun of a page with a
    picker parses its specs again. Invalid specs raise ValueError and are not cached.
    """
    return kl_core.parse_distribution(spec)


@shared()
def details(p_spec: str, q_spec: str, base: float | None) -> kl_core.KLResult:
    """``kl_core.kl_details`` of two specs: the value, how it was found, why it is ∞."""
    return kl_core.kl_details(distribution(p_spec), distribution(q_spec), base=base)


@shared()
def comparison(p_spec: str, q_spec: str, base: float | None) -> kl_core.divergence.MethodComparison:
    """D(P‖Q) by closed form, quadrature and Monte Carlo."""
    p, q = distribution(p_spec), distribution(q_spec)
    return kl_core.compare_methods(p, q, n=MC_DRAWS, rng=SEED, base=base)


@shared()
def curves(p_spec: str, q_spec: str, base: float | None) -> lessons.DensityCurves:
    """Densities and integrand on a grid covering both distributions."""
    p, q = distribution(p_spec), distribution(q_spec)
    lo, hi = lessons.plot_window(p, q)
    grid = lessons.plot_grid([p, q], lo, hi, n=GRID_POINTS // 2)
    return lessons.density_curves(p, q, grid, base=base)


@shared()
def window_growth(p_spec: str, q_spec: str, base: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Window integrals of p·log(p/q) for half-widths from 1 to 10^4 around P's median."""
    p, q = distribution(p_spec), distribution(q_spec)
    widths = np.logspace(0, 4, 13)
    return widths, lessons.kl_windows(p, q, widths, base=base)
