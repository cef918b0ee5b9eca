"""What the asymmetry page sweeps and fits: ranges, presets and spec templates."""

from __future__ import annotations

import dataclasses

import numpy as np

import kl_core
from kl_core import lessons
from kl_ui.families import BY_NAME
from kl_ui.presets import SpecPreset

SWEEP_POINTS = 41
SWEEP_GRID = 60  # uniform points per frame of the sweep (plus as many at quantiles)
MAP_POINTS = 60  # per axis, when P is cheap enough
MAP_LOCS = np.linspace(-6.0, 6.0, MAP_POINTS)
MAP_SCALES = np.linspace(0.2, 5.0, MAP_POINTS)

# What one open of the page may spend on its map and its sweep, through cost models
# fitted on a 2-core laptop (bench/budget.py measures whole requests): the map costs
# ~90 ns per (θ point × work per point), a shape sweep ~7 ms + 3 µs × work per value.
MAP_WORK = 4_000_000  # ~0.4 CPU-s; ordinary laws (~850 per point) keep 60 x 60
MAP_MIN_POINTS = 15
SWEEP_SECONDS = 0.6
SWEEP_MIN_POINTS = 11
# The fitting surface only seeds the optimiser and draws its path: 45x45 is plenty.
FIT_LOCS = np.linspace(-6.0, 6.0, 45)
FIT_SCALES = np.linspace(0.3, 5.0, 45)
_RANGES = {"loc": (-6.0, 6.0), "scale": (0.2, 5.0)}


PRESETS = (
    SpecPreset(
        "Equal-variance normals",
        "norm(loc=0, scale=1)",
        "norm(loc=2, scale=1)",
        "Exactly symmetric: both directions are (μ₁ − μ₂)²/(2σ²).",
    ),
    SpecPreset(
        "Two Cauchy distributions",
        "cauchy(loc=0, scale=1)",
        "cauchy(loc=1, scale=3)",
        "Exactly symmetric for any two Cauchy distributions, a surprise to most.",
    ),
    SpecPreset(
        "Narrow vs wide",
        "norm(loc=0, scale=0.5)",
        "norm(loc=0, scale=3)",
        "A wide Q covers a narrow P cheaply; a narrow Q cannot cover a wide P.",
    ),
    SpecPreset(
        "Light vs heavy tails",
        "norm(loc=0, scale=1)",
        "t(df=3, loc=0, scale=1)",
        "Heavy-tailed Q explains normal data well; the reverse pays for Q's tails.",
    ),
    SpecPreset(
        "One direction infinite",
        "cauchy(loc=0, scale=1)",
        "norm(loc=0, scale=1)",
        "D(Cauchy‖Normal) = ∞ through the tails; D(Normal‖Cauchy) ≈ 0.259 nats.",
    ),
)


def sweepable_params(dist) -> list[str]:
    """Parameters of a classic continuous law that the page can sweep."""
    if not hasattr(dist, "dist"):
        return []
    law = kl_core.distributions.as_law(dist)
    return [*law.shapes, "loc", "scale"]


def _work(fixed, moving) -> tuple[int, int, int]:
    """Quadrature nodes of `fixed`, its number of components, and nodes of `moving`."""
    components = max(1, len(kl_core.distributions.as_law(fixed).components))
    fixed_nodes = lessons.expectation_rule(fixed, level=4)[0].size
    return fixed_nodes, components, lessons.expectation_rule(moving, level=4)[0].size


def map_axes(fixed, moving) -> tuple[np.ndarray, np.ndarray]:
    """Q's locations and scales for the map: 60 x 60, fewer when `fixed` is costly (a
    20-component mixture gets 22 x 22 instead of 2.2 CPU-s), never fewer than 15."""
    fixed_nodes, components, moving_nodes = _work(fixed, moving)
    per_point = fixed_nodes + components * moving_nodes
    n = int(np.clip(np.sqrt(MAP_WORK / per_point), MAP_MIN_POINTS, MAP_POINTS))
    return np.linspace(-6.0, 6.0, n), np.linspace(0.2, 5.0, n)


def sweep_points(fixed, moving, param: str) -> int:
    """How many values a sweep of `moving`'s `param` may have against `fixed`.

    A location or scale sweep only moves one shape (cheap: always 41). A shape sweep
    (t's df) computes a divergence per value: fewer values for a costly `fixed`; below
    :data:`SWEEP_MIN_POINTS` the page refuses the sweep.
    """
    if param in ("loc", "scale"):
        return SWEEP_POINTS
    fixed_nodes, components, _ = _work(fixed, moving)
    per_value = 0.007 + 3e-6 * fixed_nodes * (components + 1)
    return min(SWEEP_POINTS, int(SWEEP_SECONDS / per_value))


def sweep_values(dist, param: str, points: int = SWEEP_POINTS) -> np.ndarray:
    """The grid of values a parameter is swept over (the slider family's range)."""
    law = kl_core.distributions.as_law(dist)
    low, high = _RANGES.get(param, (None, None))
    if low is None:
        family = BY_NAME.get(law.family)
        spec = next((p for p in family.params if p.name == param), None) if family else None
        low, high = (spec.low, spec.high) if spec else (0.5, 20.0)
    return np.round(np.linspace(low, high, points), 10)  # -0.6, not -0.6000000000000005


def sweep_grids(moving, param: str, values, window: tuple[float, float]) -> list[np.ndarray]:
    """Each swept law's points to draw it at (``lessons.plot_grid``) within `window`.

    A location or scale sweep only moves and stretches one shape, so the shape's
    features (quantiles, centres, support ends) are found once, for the law at location
    0 and scale 1, and moved to each value: one scipy quantile call instead of one per
    value (41 calls, ~50 ms).
    """
    law = kl_core.distributions.as_law(moving)
    if param not in ("loc", "scale") or law.components:
        laws = lessons.sweep_laws(moving, param, values)
        return [lessons.plot_grid([each], *window, n=SWEEP_GRID) for each in laws]
    standard = kl_core.distributions.as_law(kl_core.freeze(law.family, **law.shapes))
    (a, b), tail = standard.support, 0.25 / SWEEP_GRID
    low = a if np.isfinite(a) else float(standard.quantile(tail))
    high = b if np.isfinite(b) else float(standard.quantile(1 - tail))
    z = lessons.plot_grid([standard.obj], low, high, n=SWEEP_GRID // 2)
    uniform = np.linspace(*window, SWEEP_GRID)
    grids = []
    for value in np.asarray(values, dtype=float):
        loc, scale = (value, law.scale) if param == "loc" else (law.loc, value)
        x = np.concatenate([uniform, loc + scale * z])
        grids.append(np.unique(x[(x >= window[0]) & (x <= window[1])]))
    return grids


def current_value(dist, param: str) -> float:
    law = kl_core.distributions.as_law(dist)
    return {**law.shapes, "loc": law.loc, "scale": law.scale}[param]


def template_spec(dist, *params: str) -> str:
    """The law's spec with each of `params` set to the start of its sweep range, so that
    caches of a whole sweep or map do not depend on those parameters' current values."""
    law = dist
    for param in params:
        law = lessons.sweep_laws(law, param, [sweep_values(law, param)[0]])[0]
    return kl_core.format_distribution(law)


def fit_target_spec(separation: float) -> str:
    """P for the fitting demo: two unit normals whose centres are `separation` apart."""
    half = round(separation / 2, 10)
    return f"mixture(norm(loc={-half:g}, scale=1), norm(loc={half:g}, scale=1))"


def with_current(view, moving, fixed, param: str, forward: float, reverse: float):
    """The cached sweep plus one exact frame at the parameter's current value.

    The cached grid does not depend on the current value (so dragging does not recompute
    it); the current value is slotted in so the chart opens exactly where the page is.
    Returns the view and the index of the current frame.
    """
    now = current_value(moving, param)
    values = view.values
    index = int(np.searchsorted(values, now))
    if index < len(values) and values[index] == now:
        return view, index
    (x,) = sweep_grids(moving, param, [now], view.window)
    density = np.exp(kl_core.distributions.as_law(moving).logpdf(x))
    merged = dataclasses.replace(
        view,
        values=np.insert(values, index, now),
        xs=[*view.xs[:index], x, *view.xs[index:]],
        moving=[*view.moving[:index], density, *view.moving[index:]],
        forward=np.insert(view.forward, index, forward),
        reverse=np.insert(view.reverse, index, reverse),
    )
    return merged, index
