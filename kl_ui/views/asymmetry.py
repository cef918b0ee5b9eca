"""The asymmetry page: the sweep of both directions over a parameter, the map over Q's
location and scale, their finished figures, and the normal fits both ways round."""

from __future__ import annotations

import dataclasses

import numpy as np

import kl_core
from kl_core import lessons
from kl_ui.cache import shared
from kl_ui.views.common import details, distribution


@dataclasses.dataclass(frozen=True)
class SweepView:
    """One parameter swept over its range: the fixed density, each moving density, and
    both divergences at every value (what the live sweep draws)."""

    window: tuple[float, float]
    fixed_x: np.ndarray
    fixed: np.ndarray
    xs: list[np.ndarray]
    moving: list[np.ndarray]
    values: np.ndarray
    forward: np.ndarray
    reverse: np.ndarray


@dataclasses.dataclass(frozen=True)
class Fits:
    """Normal fits to a target: the forward fit, every local optimum of the reverse
    divergence, and the reverse divergence's map they were started from."""

    forward: lessons.NormalFit
    optima: list
    map: lessons.KLMap


@shared()
def sweep_view(
    fixed_spec: str, template: str, vary: str, param: str, base: float | None
) -> SweepView:
    """Everything the live sweep and its curves need, for one varied parameter."""
    from kl_ui.asymmetry import SWEEP_GRID, sweep_grids, sweep_values

    fixed, moving = distribution(fixed_spec), distribution(template)
    values = sweep_values(moving, param, sweep_budget(fixed_spec, template, param))
    laws = lessons.sweep_laws(moving, param, [values[0], values[-1]])
    p, q = (fixed, moving) if vary == "Q" else (moving, fixed)
    sweep = lessons.kl_sweep(p, q, param, values, vary=vary.lower(), base=base)
    ends = [lessons.plot_window(fixed, law) for law in laws]
    lo, hi = min(e[0] for e in ends), max(e[1] for e in ends)
    fixed_x = lessons.plot_grid([fixed], lo, hi, n=SWEEP_GRID)
    xs = sweep_grids(moving, param, values, (lo, hi))
    return SweepView(
        window=(lo, hi),
        fixed_x=fixed_x,
        fixed=lessons.density_curves(fixed, fixed, fixed_x).p,
        xs=xs,
        moving=[
            np.exp(kl_core.distributions.as_law(law).logpdf(x))
            for law, x in zip(lessons.sweep_laws(moving, param, values), xs)
        ],
        values=values,
        forward=sweep.forward,
        reverse=sweep.reverse,
    )


@shared()
def sweep_budget(fixed_spec: str, moving_spec: str, param: str) -> int:
    """How many values the sweep of `moving_spec`'s `param` may have (asymmetry.sweep_points)."""
    from kl_ui.asymmetry import sweep_points

    return sweep_points(distribution(fixed_spec), distribution(moving_spec), param)


@shared()
def divergence_map(p_spec: str, q_template: str, base: float | None) -> lessons.KLMap:
    """D(P‖Q) and D(Q‖P) over Q's location-scale grid (level 4: enough for a picture),
    as fine as P's cost allows (asymmetry.map_axes)."""
    from kl_ui.asymmetry import map_axes

    p, q = distribution(p_spec), distribution(q_template)
    return lessons.kl_map(p, q, *map_axes(p, q), base=base, level=4)


# Finished figures: a few hundred KB each, so fewer are kept. A classroom opening the same
# shared link, or a student going back and forth, gets them without rebuilding.
_FIGURES = 32


@shared(maxsize=_FIGURES)
def map_figures(p_spec: str, q_template: str, unit: str, base):
    """The asymmetry page's maps of both directions over Q's location and scale: the
    same for every location and scale of Q (`q_template`: see
    :func:`kl_ui.asymmetry.template_spec`), which the live view marks on them."""
    from kl_ui import figures

    return figures.divergence_maps(divergence_map(p_spec, q_template, base), unit)


@shared()
def fits(target_spec: str, base: float | None) -> Fits:
    """Forward fit, the D(Q‖P) map, and every reverse optimum (started from the map's
    local minima, so each is found in a few iterations)."""

    from kl_ui.asymmetry import MAP_LOCS, MAP_SCALES

    p = distribution(target_spec)
    grid = lessons.kl_map(
        p, kl_core.freeze("norm"), MAP_LOCS, MAP_SCALES, base=base, level=4, which="reverse"
    )
    starts = lessons.grid_minima(grid.reverse, grid.locs, grid.scales)
    return Fits(
        forward=lessons.fit_normal(p, "forward", base=base),
        optima=lessons.reverse_optima(p, starts, base=base),
        map=grid,
    )


@shared()
def reverse_fit(target_spec: str, start: float, base: float | None) -> lessons.NormalFit:
    """The reverse-KL fit from one start, with its path."""
    p = distribution(target_spec)
    return lessons.fit_normal(p, "reverse", start=(start, 1.0), base=base)


@shared()
def fit_curves(target_spec: str, start: float, base: float | None):
    """Grid and densities for the fitting figure: the target, its forward fit and the
    reverse fit from `start` (the first and last of :func:`fits` and :func:`reverse_fit`)."""
    p = distribution(target_spec)
    forward = fits(target_spec, base).forward
    chosen = reverse_fit(target_spec, start, base)
    fitted = kl_core.freeze("norm", loc=forward.loc, scale=forward.scale)
    reverse = kl_core.freeze("norm", loc=chosen.loc, scale=chosen.scale)
    lo, hi = lessons.plot_window(p, fitted)
    x = lessons.plot_grid([p, fitted, reverse], lo, hi, n=150)
    return (
        x,
        lessons.density_curves(p, p, x).p,
        lessons.density_curves(fitted, fitted, x).p,
        [
            (
                "argmin D(Q‖P) from your start: mode-seeking",
                lessons.density_curves(reverse, reverse, x).p,
            )
        ],
    )


@dataclasses.dataclass(frozen=True)
class LiveSweep:
    """The asymmetry page's live sweep: the varied parameter's values (the current one
    among them, at `index`), kl_core's D(P‖Q) and D(Q‖P) at each, the reasons of the
    infinite ones (phrased for their direction), each value's spec of the moving law, and
    the curves figure."""

    values: np.ndarray
    forward: np.ndarray
    reverse: np.ndarray
    forward_reasons: dict[int, str]
    reverse_reasons: dict[int, str]
    specs: tuple[str, ...]
    index: int
    curves: object
    densities: object
    frames: list


@shared(maxsize=_FIGURES)
def live_sweep(p_spec: str, q_spec: str, vary: str, param: str, unit: str, base) -> LiveSweep:
    """What the live sweep needs: the cached sweep, with the current value slotted in."""
    from kl_ui import asymmetry, figures

    p, q = distribution(p_spec), distribution(q_spec)
    moving, fixed, fixed_spec = (q, p, p_spec) if vary == "Q" else (p, q, q_spec)
    grid_view = sweep_view(fixed_spec, asymmetry.template_spec(moving, param), vary, param, base)
    forward, reverse = details(p_spec, q_spec, base), details(q_spec, p_spec, base)
    view, index = asymmetry.with_current(
        grid_view, moving, fixed, param, forward.value, reverse.value
    )
    laws = lessons.sweep_laws(moving, param, list(view.values))
    specs = tuple(kl_core.format_distribution(law) for law in laws)
    reasons: dict[str, dict[int, str]] = {"forward": {}, "reverse": {}}
    for i, spec in enumerate(specs):  # ∞ only: a support or tail check, no quadrature
        pair = (fixed_spec, spec) if vary == "Q" else (spec, fixed_spec)
        for direction, series, (first, second) in (
            ("forward", view.forward, pair),
            ("reverse", view.reverse, pair[::-1]),
        ):
            if np.isinf(series[i]):
                names = "PQ" if direction == "forward" else "QP"
                reasons[direction][i] = details(first, second, base).reason_for(*names)
    values = view.values
    curves = figures.sweep_curves(
        values, view.forward, view.reverse, values[index], f"{vary}'s {param}", unit
    )
    densities, frames = figures.sweep_densities(
        window=view.window, fixed_x=view.fixed_x, fixed=view.fixed, xs=view.xs,
        moving=view.moving, start=index, vary=vary,
    )  # fmt: skip
    return LiveSweep(
        values, view.forward, view.reverse, reasons["forward"], reasons["reverse"], specs,
        index, curves, densities, frames,
    )  # fmt: skip
