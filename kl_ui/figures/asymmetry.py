"""Figures of the asymmetry explorer: the live sweep, the maps, the fits."""

from __future__ import annotations

import numpy as np

from kl_ui.figures._common import _finite_or_gap, _heat_range, paper_note, vertical_line
from kl_ui.theme import (
    INFINITY_COLOR,
    P_COLOR,
    POSITIVE_COLOR,
    Q_COLOR,
    SpecFigure,
    spec_figure,
)


def sweep_densities(
    *,
    window: tuple[float, float],
    fixed_x: np.ndarray,
    fixed: np.ndarray,
    xs: list[np.ndarray],
    moving: list[np.ndarray],
    start: int,
    vary: str,
) -> tuple[SpecFigure, list[tuple[np.ndarray, np.ndarray]]]:
    """Both densities at the sweep's point `start`, and every point's moving density as
    (x, y) in float32: the live sweep (kl_ui.live.sweep) draws the one the hand is at.

    `fixed` is the density of the law that stays put at the points `fixed_x`, `moving`
    one density per point of the sweep at the points of `xs` (each its own grid, dense
    where its density bends); `vary` is "P" or "Q" (the law that moves). The x-axis shows
    `window`, and the y-axis holds every density of every point.
    """
    still = "Q" if vary == "P" else "P"
    colors = {"P": P_COLOR, "Q": Q_COLOR}
    frames = [
        (np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32))
        for x, y in zip(xs, moving)
    ]
    data = [
        dict(
            type="scatter",
            x=np.asarray(fixed_x, dtype=np.float32),
            y=np.asarray(fixed, dtype=np.float32),
            name=f"{still} density",
            line=dict(color=colors[still]),
        ),
        dict(
            type="scatter",
            x=frames[start][0],
            y=frames[start][1],
            name=f"{vary} density",
            line=dict(color=colors[vary]),
        ),
    ]
    heights = np.concatenate(
        [np.asarray(fixed, dtype=float), *[y.astype(float) for _, y in frames]]
    )
    heights = heights[np.isfinite(heights)]
    top = float(heights.max()) if heights.size and heights.max() > 0 else 1.0
    layout = dict(
        xaxis=dict(range=[float(window[0]), float(window[1])]),
        yaxis=dict(title=dict(text="density"), range=[0, top * 1.05]),
    )
    title = f"The densities as {vary} moves"
    return spec_figure(data, layout, title=title, height=300), frames


def sweep_curves(
    values: np.ndarray,
    forward: np.ndarray,
    reverse: np.ndarray,
    current: float,
    label: str,
    unit: str,
) -> SpecFigure:
    """D(P‖Q) and D(Q‖P) over the whole range of the varied parameter, current value marked."""
    data = [
        dict(
            type="scatter",
            x=values,
            y=_finite_or_gap(forward),
            name="D(P‖Q)",
            line=dict(color=P_COLOR),
        ),
        dict(
            type="scatter",
            x=values,
            y=_finite_or_gap(reverse),
            name="D(Q‖P)",
            line=dict(color=Q_COLOR),
        ),
    ]
    notes = [
        paper_note(
            f"{name} = ∞ over the whole range", 0.5, 0.9 - 0.1 * i, font=dict(color=INFINITY_COLOR)
        )
        for i, (name, series) in enumerate((("D(P‖Q)", forward), ("D(Q‖P)", reverse)))
        if np.all(np.isinf(series))
    ]
    layout = dict(
        shapes=[vertical_line(current)],
        annotations=notes,
        xaxis=dict(title=dict(text=label)),
        yaxis=dict(title=dict(text=f"[{unit}]"), rangemode="tozero"),
    )
    return spec_figure(data, layout, title="Both directions over the whole range", height=340)


MAP_VIEWS = ("forward", "reverse", "difference")
DIFFERENCE_COLORS = [[0.0, "#B2182B"], [0.25, "#EF8A62"], [0.5, "#F7F7F7"], [0.75, "#67A9CF"],
                     [1.0, "#2166AC"]]  # ColorBrewer's RdBu  # fmt: skip


def divergence_maps(grid, unit: str) -> tuple[SpecFigure, SpecFigure, SpecFigure]:
    """Heat maps of D(P‖Q), D(Q‖P) and their difference over Q's (location, scale), one
    figure each (so they stack on a narrow screen), each with its own colour scale; the
    difference carries the zero contour (where KL happens to be symmetric).

    `grid` is a :class:`lessons.KLMap`; infinite cells are left blank. Q's current
    location and scale are not in the figures: the live view (kl_ui.live.maps) marks
    them, and moves the mark without redrawing the maps.
    """
    locs = np.asarray(grid.locs, dtype=np.float32)
    scales = np.asarray(grid.scales, dtype=np.float32)
    hover = "loc %{x:.2f}, scale %{y:.2f}: %{z:.3g} " + unit + "<extra></extra>"
    layout = dict(
        xaxis=dict(title=dict(text="Q's location")),
        yaxis=dict(title=dict(text="Q's scale")),
        showlegend=False,
    )
    figures = []
    for values, title in ((grid.forward, "D(P‖Q)"), (grid.reverse, "D(Q‖P)")):
        z = _finite_or_gap(values)
        heat = dict(
            type="heatmap",
            x=locs,
            y=scales,
            z=z.astype(np.float32),
            zmin=0,
            zmax=_heat_range(z, 95),
            colorscale="Viridis",
            colorbar=dict(title=dict(text=f"[{unit}]")),
            hovertemplate=hover,
        )
        figures.append(
            spec_figure([heat], layout, title=f"{title} over Q's (location, scale)", height=340)
        )
    diff = _finite_or_gap(grid.difference)
    span = _heat_range(diff, 95)
    contour = dict(
        type="contour",
        x=locs,
        y=scales,
        z=diff.astype(np.float32),
        zmin=-span,
        zmax=span,
        # Red below 0 (D(Q‖P) larger), blue above (D(P‖Q) larger), written out: plotly.js
        # versions disagree on which end of "RdBu" is red.
        colorscale=DIFFERENCE_COLORS,
        hovertemplate=hover,
        contours=dict(start=0, end=0, size=1, coloring="heatmap", showlines=True),
        line=dict(color="black", width=2),
        colorbar=dict(title=dict(text=f"[{unit}]")),
    )
    title = "D(P‖Q) − D(Q‖P); black line: the two directions agree"
    figures.append(spec_figure([contour], layout, title=title, height=340))
    return tuple(figures)


def fit_densities(x, p_density, forward_fit, reverse_fits, unit: str) -> SpecFigure:
    """P (a mixture), the forward-KL normal (mass-covering) and reverse-KL normals."""
    xs = np.asarray(x, dtype=np.float32)
    data = [
        dict(
            type="scatter",
            x=xs,
            y=np.asarray(p_density, dtype=np.float32),
            name="P (two normals)",
            line=dict(color=P_COLOR, width=3),
        ),
        dict(
            type="scatter",
            x=xs,
            y=np.asarray(forward_fit, dtype=np.float32),
            name="argmin D(P‖Q): mass-covering",
            line=dict(color=Q_COLOR, width=2),
        ),
    ]
    for i, (label, density) in enumerate(reverse_fits):
        data.append(
            dict(
                type="scatter",
                x=xs,
                y=np.asarray(density, dtype=np.float32),
                name=label,
                line=dict(color=POSITIVE_COLOR, width=2, dash="dash" if i else "solid"),
            )
        )
    layout = dict(yaxis=dict(title=dict(text="density")))
    return spec_figure(data, layout, title="Fitting one normal Q to a two-humped P", height=360)


def fit_path(grid, path, optima, unit: str) -> SpecFigure:
    """D(Q‖P) over Q's (location, scale) with the optimiser's path and every optimum found.

    `grid` is a :class:`lessons.KLMap` of a normal Q; `optima` are NormalFit results.
    """
    z = _finite_or_gap(grid.reverse)
    data = [
        dict(
            type="contour",
            x=np.asarray(grid.locs, dtype=np.float32),
            y=np.asarray(grid.scales, dtype=np.float32),
            z=z.astype(np.float32),
            zmin=0,
            zmax=_heat_range(z, 90),
            colorscale="Viridis",
            contours=dict(showlines=False),
            colorbar=dict(title=dict(text=f"D(Q‖P) [{unit}]")),
            hovertemplate="loc %{x:.2f}, scale %{y:.2f}: %{z:.3g}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=path[:, 0],
            y=path[:, 1],
            mode="lines+markers",
            name="optimiser path",
            line=dict(color="white", width=2),
            marker=dict(size=5),
        ),
        dict(
            type="scatter",
            x=[o.loc for o in optima],
            y=[o.scale for o in optima],
            mode="markers",
            name="local optima",
            marker=dict(
                symbol="star", size=14, color=INFINITY_COLOR, line=dict(color="white", width=1)
            ),
        ),
    ]
    layout = dict(
        xaxis=dict(title=dict(text="Q's location μ")),
        yaxis=dict(title=dict(text="Q's scale σ")),
    )
    title = "Reverse KL: where the optimiser goes depends on where it starts"
    return spec_figure(data, layout, title=title, height=380)
