"""Bounded caches around the costlier kl_core calls, keyed by the spec texts and unit."""

from __future__ import annotations

import numpy as np
import streamlit as st

import kl_core

_MAX = 256
_GRID_POINTS = 600
_MC_DRAWS = 20_000
_SEED = 20260101  # fixed, so a shared link shows the same Monte Carlo numbers


@st.cache_data(max_entries=_MAX, show_spinner=False)
def comparison(p_spec: str, q_spec: str, base: float | None) -> kl_core.MethodComparison:
    """D(P‖Q) by closed form, quadrature and Monte Carlo."""
    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    return kl_core.compare_methods(p, q, n=_MC_DRAWS, rng=_SEED, base=base)


@st.cache_data(max_entries=_MAX, show_spinner=False)
def curves(p_spec: str, q_spec: str, base: float | None) -> kl_core.DensityCurves:
    """Densities and integrand on a grid covering both distributions."""
    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    lo, hi = kl_core.plot_window(p, q)
    return kl_core.density_curves(p, q, np.linspace(lo, hi, _GRID_POINTS), base=base)


@st.cache_data(max_entries=_MAX, show_spinner=False)
def window_growth(p_spec: str, q_spec: str, base: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Window integrals of p·log(p/q) for half-widths from 1 to 10^4 around P's median."""
    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    widths = np.logspace(0, 4, 13)
    return widths, kl_core.kl_windows(p, q, widths, base=base)
