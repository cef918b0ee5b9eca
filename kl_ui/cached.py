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


@st.cache_data(max_entries=_MAX, show_spinner=False)
def sweep_view(fixed_spec: str, template: str, vary: str, param: str, base: float | None) -> dict:
    """Everything the in-chart slider and the sweep curves need, for one varied parameter."""
    from kl_ui.asymmetry import sweep_values

    fixed, moving = kl_core.parse_distribution(fixed_spec), kl_core.parse_distribution(template)
    values = sweep_values(moving, param)
    laws = kl_core.sweep_laws(moving, param, [values[0], values[-1]])
    p, q = (fixed, moving) if vary == "Q" else (moving, fixed)
    sweep = kl_core.kl_sweep(p, q, param, values, vary=vary.lower(), base=base)
    ends = [kl_core.plot_window(fixed, law) for law in laws]
    x = np.linspace(min(e[0] for e in ends), max(e[1] for e in ends), 160)
    dens = kl_core.sweep_densities(moving, param, values, x)
    return {
        "x": x,
        "fixed": kl_core.density_curves(fixed, fixed, x).p,
        "moving": dens,
        "values": values,
        "forward": sweep.forward,
        "reverse": sweep.reverse,
    }


@st.cache_data(max_entries=_MAX, show_spinner=False)
def divergence_map(p_spec: str, q_template: str, base: float | None) -> kl_core.KLMap:
    """D(P‖Q) and D(Q‖P) over Q's location-scale grid (level 4: enough for a picture)."""
    from kl_ui.asymmetry import MAP_LOCS, MAP_SCALES

    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_template)
    return kl_core.kl_map(p, q, MAP_LOCS, MAP_SCALES, base=base, level=4)


@st.cache_data(max_entries=_MAX, show_spinner=False)
def fits(target_spec: str, base: float | None) -> dict:
    """Forward fit, the D(Q‖P) map, and every reverse optimum (started from the map's
    local minima, so each is found in a few iterations)."""
    from scipy import stats

    from kl_ui.asymmetry import MAP_LOCS, MAP_SCALES

    p = kl_core.parse_distribution(target_spec)
    grid = kl_core.kl_map(
        p, stats.norm(), MAP_LOCS, MAP_SCALES, base=base, level=4, which="reverse"
    )
    starts = kl_core.grid_minima(grid.reverse, grid.locs, grid.scales)
    return {
        "forward": kl_core.fit_normal(p, "forward", base=base),
        "optima": kl_core.reverse_optima(p, starts, base=base),
        "map": grid,
    }


@st.cache_data(max_entries=_MAX, show_spinner=False)
def reverse_fit(target_spec: str, start: float, base: float | None) -> kl_core.NormalFit:
    """The reverse-KL fit from one start, with its path."""
    p = kl_core.parse_distribution(target_spec)
    return kl_core.fit_normal(p, "reverse", start=(start, 1.0), base=base)
