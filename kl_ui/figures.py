"""Figures as pure functions: kl_core results in, a plotly Figure out (no st.*, no state).

P is always blue and Q always orange. Every axis that carries an information quantity
names its unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from kl_core import DensityCurves
from kl_ui.numbers import format_number, format_value
from kl_ui.theme import (
    ENTROPY_COLOR,
    INFINITY_COLOR,
    NEGATIVE_COLOR,
    P_COLOR,
    POSITIVE_COLOR,
    Q_COLOR,
    SpecFigure,
    spec_figure,
)


def _finite_or_gap(values) -> np.ndarray:
    """Infinite values become gaps in a line (plotly cannot draw ∞)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def pmf_bars(labels: Sequence[str], p: np.ndarray, q: np.ndarray) -> SpecFigure:
    """P and Q side by side, one pair of bars per outcome."""
    data = [
        dict(
            type="bar", name="P", x=list(labels), y=np.asarray(p, float), marker=dict(color=P_COLOR)
        ),
        dict(
            type="bar", name="Q", x=list(labels), y=np.asarray(q, float), marker=dict(color=Q_COLOR)
        ),
    ]
    layout = dict(
        barmode="group",
        yaxis=dict(title=dict(text="probability")),
        xaxis=dict(type="category"),
    )
    return spec_figure(data, layout, title="P and Q")


def term_bars(labels: Sequence[str], terms: np.ndarray, unit: str) -> SpecFigure:
    """The per-outcome terms p·log(p/q): positive ones add to D, negative ones subtract.

    Infinite terms (q = 0 < p) are drawn as bars reaching above the finite ones, in the
    infinity colour and labelled ∞, so they are never hidden or clipped silently.
    """
    terms = np.asarray(terms, dtype=float)
    finite = terms[np.isfinite(terms)]
    top = float(np.max(np.abs(finite))) if finite.size else 1.0
    top = top if top > 0 else 1.0
    heights = np.where(np.isfinite(terms), terms, 1.25 * top)
    colors = [
        INFINITY_COLOR if math.isinf(t) else POSITIVE_COLOR if t >= 0 else NEGATIVE_COLOR
        for t in terms
    ]
    text = [format_number(t, digits=3) for t in terms]
    data = [
        dict(
            type="bar",
            x=list(labels),
            y=heights,
            marker=dict(color=colors),
            text=text,
            textposition="outside",
            cliponaxis=False,
            name="p·log(p/q)",
            hovertemplate="%{x}: %{text} " + unit + "<extra></extra>",
        )
    ]
    layout = dict(
        yaxis=dict(title=dict(text=f"p·log(p/q) [{unit}]")),
        xaxis=dict(type="category"),
        showlegend=False,
    )
    title = "Each outcome's term p·log(p/q): the bars add up to D(P‖Q)"
    return spec_figure(data, layout, title=title)


def decomposition_bar(entropy_p: float, divergence: float, cross: float, unit: str) -> SpecFigure:
    """H(P,Q) = H(P) + D(P‖Q) as one stacked bar next to the cross-entropy bar."""
    stacked = "H(P) + D(P‖Q)"
    bars = [(stacked, "H(P)", entropy_p, ENTROPY_COLOR)]
    if math.isfinite(divergence):
        bars += [
            (stacked, "D(P‖Q)", divergence, POSITIVE_COLOR),
            ("H(P,Q)", "H(P,Q)", cross, Q_COLOR),
        ]
    data = [
        dict(
            type="bar",
            y=[row],
            x=[value],
            orientation="h",
            name=f"{name} = {format_value(value, unit)}",
            marker=dict(color=color),
        )
        for row, name, value, color in bars
    ]
    notes = []
    if not math.isfinite(divergence):
        notes.append(
            dict(
                x=entropy_p,
                y=stacked,
                text="  + D(P‖Q) = ∞, so H(P,Q) = ∞",
                showarrow=False,
                xanchor="left",
                font=dict(color=INFINITY_COLOR, size=14),
            )
        )
    layout = dict(barmode="stack", xaxis=dict(title=dict(text=f"[{unit}]")), annotations=notes)
    return spec_figure(data, layout, title="Cross-entropy = entropy + divergence", height=230)


def smoothing_curve(
    epsilons: np.ndarray, values: np.ndarray, offending_mass: float, unit_per_nat: float, unit: str
) -> SpecFigure:
    """D(P‖Q_ε) against ε on a log axis, with the slope P(offending)·log(1/ε) drawn in."""
    eps = np.asarray(epsilons, dtype=float)
    values = np.asarray(values, dtype=float)
    guide = values[-1] + offending_mass * unit_per_nat * np.log(eps[-1] / eps)
    data = [
        dict(
            type="scatter",
            x=eps,
            y=values,
            mode="lines+markers",
            name="D(P‖Q_ε)",
            line=dict(color=INFINITY_COLOR),
        ),
        dict(
            type="scatter",
            x=eps,
            y=guide,
            mode="lines",
            name=f"guide: P(offending)·log(1/ε), P(offending) = {offending_mass:.3g}",
            line=dict(color="#888888", dash="dot"),
        ),
    ]
    layout = dict(
        xaxis=dict(type="log", autorange="reversed", title=dict(text="ε (smoothing weight) → 0")),
        yaxis=dict(title=dict(text=f"D(P‖Q_ε) [{unit}]")),
    )
    title = "Smoothing Q with ε makes the value finite, but it grows without bound"
    return spec_figure(data, layout, title=title)


def density_figure(curves: DensityCurves, unit: str, *, discrete: bool = False) -> SpecFigure:
    """Densities of P and Q above, the integrand p·log(p/q) shaded below (shared x).

    The shaded area is the integral of the plotted integrand: positive where p > q,
    negative where q > p. Where q = 0 < p the integrand is infinite and the region is
    marked in the infinity colour instead.
    """
    x = np.asarray(curves.x, dtype=float)
    mode = "markers" if discrete else "lines"
    integrand = np.asarray(curves.integrand, dtype=float)
    data = [
        dict(type="scatter", x=x, y=curves.p, name="p(x)", mode=mode, line=dict(color=P_COLOR)),
        dict(type="scatter", x=x, y=curves.q, name="q(x)", mode=mode, line=dict(color=Q_COLOR)),
        dict(
            type="scatter",
            x=x,
            y=_finite_or_gap(integrand),
            name=f"p·log(p/q) [{unit}]",
            mode=mode,
            fill=None if discrete else "tozeroy",
            line=dict(color=POSITIVE_COLOR),
            fillcolor="rgba(204,121,167,0.35)",
            xaxis="x2",
            yaxis="y2",
        ),
    ]
    infinite = np.isinf(integrand)
    if infinite.any():
        data.append(
            dict(
                type="scatter",
                x=x[infinite],
                y=np.zeros(int(infinite.sum())),
                mode="markers",
                marker=dict(color=INFINITY_COLOR, symbol="triangle-up", size=9),
                name="q = 0 < p: integrand = ∞",
                xaxis="x2",
                yaxis="y2",
            )
        )
    layout = dict(
        xaxis=dict(anchor="y", matches="x2", showticklabels=False),
        yaxis=dict(domain=[0.54, 1.0], title=dict(text="density")),
        xaxis2=dict(anchor="y2"),
        yaxis2=dict(domain=[0.0, 0.46], title=dict(text=f"[{unit}]")),
    )
    title = "Densities, and the integrand p·log(p/q) whose area is D(P‖Q)"
    return spec_figure(data, layout, title=title, height=480)


def window_growth(widths: np.ndarray, values: np.ndarray, unit: str) -> SpecFigure:
    """The truncated integral over [c − L, c + L] against L: divergence made visible."""
    data = [
        dict(
            type="scatter",
            x=widths,
            y=values,
            mode="lines+markers",
            line=dict(color=INFINITY_COLOR),
            name="∫ over the window",
        )
    ]
    layout = dict(
        xaxis=dict(type="log", title=dict(text="half-width L of the window")),
        yaxis=dict(title=dict(text=f"truncated integral [{unit}]")),
    )
    title = "The integral over a window keeps growing as the window widens"
    return spec_figure(data, layout, title=title)


def coin_divergence_curve(
    qs: np.ndarray, forward: np.ndarray, reverse: np.ndarray, q_now: float, unit: str
) -> SpecFigure:
    """D(P‖Q) and D(Q‖P) for a fair-coin P as Q's bias varies, with the current Q marked."""
    data = [
        dict(
            type="scatter", x=qs, y=_finite_or_gap(forward), name="D(P‖Q)", line=dict(color=P_COLOR)
        ),
        dict(
            type="scatter", x=qs, y=_finite_or_gap(reverse), name="D(Q‖P)", line=dict(color=Q_COLOR)
        ),
    ]
    layout = dict(
        shapes=[
            dict(
                type="line",
                x0=q_now,
                x1=q_now,
                y0=0,
                y1=1,
                yref="paper",
                line=dict(dash="dot", color="#666666"),
            )
        ],
        xaxis=dict(title=dict(text="Q(heads)"), range=[0, 1]),
        yaxis=dict(title=dict(text=f"[{unit}]"), rangemode="tozero"),
    )
    title = "Both directions as the coin Q changes (P is fair)"
    return spec_figure(data, layout, title=title, height=280)


def _readout(forward: float, reverse: float, unit: str) -> str:
    return f"D(P‖Q) = {format_value(forward, unit)}    D(Q‖P) = {format_value(reverse, unit)}"


def sweep_animation(
    *,
    x: np.ndarray,
    fixed: np.ndarray,
    moving: np.ndarray,
    values: np.ndarray,
    forward: np.ndarray,
    reverse: np.ndarray,
    start: int,
    vary: str,
    param: str,
    unit: str,
) -> SpecFigure:
    """Densities with an in-chart slider: every frame precomputed, so dragging it moves
    the varied density and both readouts in the browser with no server round trip.

    `fixed` is the density of the law that stays put, `moving` one density per value of
    `values`; `vary` is "P" or "Q" (the law whose `param` moves). Frames carry only the
    moving density's y values and the readout, which keeps the payload small.
    """
    still = "Q" if vary == "P" else "P"
    colors = {"P": P_COLOR, "Q": Q_COLOR}
    shown = np.asarray(moving, dtype=np.float32)

    def readout(k: int) -> dict:
        return dict(
            text=_readout(forward[k], reverse[k], unit),
            x=0,
            y=1.0,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font=dict(size=14),
        )

    frames = [
        dict(
            name=str(k),
            data=[dict(type="scatter", y=shown[k])],
            traces=[1],
            layout=dict(annotations=[readout(k)]),
        )
        for k in range(len(values))
    ]
    steps = [
        dict(
            method="animate",
            label=f"{v:.3g}",
            args=[
                [str(k)],
                dict(
                    mode="immediate",
                    frame=dict(duration=0, redraw=True),
                    transition=dict(duration=0),
                ),
            ],
        )
        for k, v in enumerate(values)
    ]
    xs = np.asarray(x, dtype=np.float32)
    data = [
        dict(
            type="scatter",
            x=xs,
            y=np.asarray(fixed, dtype=np.float32),
            name=f"{still} density",
            line=dict(color=colors[still]),
        ),
        dict(
            type="scatter",
            x=xs,
            y=shown[start],
            name=f"{vary} density",
            line=dict(color=colors[vary]),
        ),
    ]
    top = float(np.nanmax(shown)) if np.isfinite(np.nanmax(shown)) else 1.0
    layout = dict(
        annotations=[readout(start)],
        sliders=[
            dict(
                active=start,
                steps=steps,
                currentvalue=dict(prefix=f"{vary}'s {param} = "),
                pad=dict(t=36),
                len=1.0,
                x=0,
            )
        ],
        yaxis=dict(title=dict(text="density"), range=[0, top * 1.05]),
        margin=dict(l=56, r=16, t=80, b=24),
    )
    title = f"Drag the slider under the chart: {vary}'s {param} moves, live"
    return spec_figure(data, layout, title=title, height=460, frames=frames)


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
        dict(
            text=f"{name} = ∞ over the whole range",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.9 - 0.1 * i,
            showarrow=False,
            font=dict(color=INFINITY_COLOR),
        )
        for i, (name, series) in enumerate((("D(P‖Q)", forward), ("D(Q‖P)", reverse)))
        if np.all(np.isinf(series))
    ]
    layout = dict(
        shapes=[
            dict(
                type="line",
                x0=current,
                x1=current,
                y0=0,
                y1=1,
                yref="paper",
                line=dict(dash="dot", color="#666666"),
            )
        ],
        annotations=notes,
        xaxis=dict(title=dict(text=label)),
        yaxis=dict(title=dict(text=f"[{unit}]"), rangemode="tozero"),
    )
    return spec_figure(data, layout, title="Both directions over the whole range", height=340)


def _heat_range(values: np.ndarray, percentile: float) -> float:
    finite = values[np.isfinite(values)]
    top = float(np.percentile(np.abs(finite), percentile)) if finite.size else 1.0
    return top if top > 0 else 1.0


def divergence_maps(grid, current, unit: str) -> SpecFigure:
    """Heat maps of D(P‖Q), D(Q‖P) and their difference over Q's (location, scale), with
    the zero-difference contour (where KL happens to be symmetric) drawn on the last.

    `grid` is a :class:`kl_core.KLMap`; infinite cells are left blank.
    """
    locs = np.asarray(grid.locs, dtype=np.float32)
    scales = np.asarray(grid.scales, dtype=np.float32)
    hover = "loc %{x:.2f}, scale %{y:.2f}: %{z:.3g} " + unit + "<extra></extra>"
    data = []
    for axis, values in (("", grid.forward), ("2", grid.reverse)):
        z = _finite_or_gap(values)
        data.append(
            dict(
                type="heatmap",
                x=locs,
                y=scales,
                z=z.astype(np.float32),
                zmin=0,
                zmax=_heat_range(z, 95),
                colorscale="Viridis",
                showscale=False,
                xaxis=f"x{axis}",
                yaxis="y",
                hovertemplate=hover,
            )
        )
    diff = _finite_or_gap(grid.difference)
    span = _heat_range(diff, 95)
    data.append(
        dict(
            type="contour",
            x=locs,
            y=scales,
            z=diff.astype(np.float32),
            zmin=-span,
            zmax=span,
            colorscale="RdBu",
            xaxis="x3",
            yaxis="y",
            hovertemplate=hover,
            contours=dict(start=0, end=0, size=1, coloring="heatmap", showlines=True),
            line=dict(color="black", width=2),
            colorbar=dict(title=dict(text=f"[{unit}]")),
        )
    )
    for axis in ("", "2", "3"):
        data.append(
            dict(
                type="scatter",
                x=[current[0]],
                y=[current[1]],
                mode="markers",
                xaxis=f"x{axis}",
                yaxis="y",
                name="current Q",
                showlegend=False,
                hoverinfo="skip",
                marker=dict(symbol="x", size=11, color="white", line=dict(color="black", width=1)),
            )
        )
    titles = ("D(P‖Q)", "D(Q‖P)", "D(P‖Q) − D(Q‖P)")
    domains = ((0.0, 0.29), (0.34, 0.63), (0.68, 0.97))
    layout = dict(
        yaxis=dict(title=dict(text="Q's scale")),
        annotations=[
            dict(
                text=t,
                x=(a + b) / 2,
                y=1.0,
                xref="paper",
                yref="paper",
                showarrow=False,
                yanchor="bottom",
            )
            for t, (a, b) in zip(titles, domains)
        ],
    )
    for axis, domain in zip(("xaxis", "xaxis2", "xaxis3"), domains):
        layout[axis] = dict(domain=list(domain), title=dict(text="Q's location"), anchor="y")
    title = "Over Q's location and scale; black line: the two directions agree"
    return spec_figure(data, layout, title=title, height=380)


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

    `grid` is a :class:`kl_core.KLMap` of a normal Q; `optima` are NormalFit results.
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


def jensen_figure(proof, step: int, unit: str, base: float | None) -> SpecFigure:
    """The proof's picture, growing with the steps (1-5; 6 for the overview).

    The concave log curve; the points (r_i, log r_i) sized by p_i (from step 2); their
    weighted centre (E[r], E[log r]) below the curve, the tangent at E[r] and the Jensen
    gap as a vertical segment (step 3); the support gap from log Q(S) up to 0 (step 4);
    D written as the sum of the two gaps (step 5).
    """
    from kl_core import log_in_base

    ratios = np.asarray(proof.ratios, dtype=float)
    finite_r = ratios[np.isfinite(ratios) & (ratios > 0)]
    r_max = 1.25 * max([1.0, proof.mean_ratio, *(finite_r.tolist() or [1.0])])
    r_min = min([0.05, *(0.8 * finite_r).tolist()]) if finite_r.size else 0.05
    r = np.concatenate([np.geomspace(r_min, 0.5, 60), np.linspace(0.5, r_max, 140)[1:]])
    curve_y = log_in_base(r, base)
    point_y = log_in_base(np.where(np.isfinite(ratios), ratios, r_max), base)
    floor = float(np.nanmin(np.concatenate([curve_y, point_y[np.isfinite(point_y)]]))) - 0.5
    log_label = {"nats": "ln", "bits": "log₂", "hartleys": "log₁₀"}[unit]
    data = [
        dict(
            type="scatter",
            x=r,
            y=curve_y,
            mode="lines",
            name=f"{log_label} r",
            line=dict(color="#444444", width=2),
        )
    ]
    shapes, notes = [], []
    if step >= 2:
        zero = ratios == 0
        sizes = 8 + 40 * np.sqrt(np.asarray(proof.weights, dtype=float))
        data.append(
            dict(
                type="scatter",
                x=np.where(zero, r_min, ratios),
                y=np.where(zero, floor, point_y),
                mode="markers",
                name="(rᵢ, log rᵢ), size ∝ pᵢ",
                marker=dict(
                    size=sizes,
                    color=P_COLOR,
                    opacity=0.7,
                    symbol=["triangle-down" if z else "circle" for z in zero],
                ),
                text=[
                    "r = 0: log r = −∞" if z else f"p = {w:.3g}"
                    for z, w in zip(zero, proof.weights)
                ],
            )
        )
    finite = math.isfinite(proof.mean_log_ratio)
    if step >= 3 and finite:
        mean_r, mean_log, log_mean = proof.mean_ratio, proof.mean_log_ratio, proof.log_mean_ratio
        slope = float(log_in_base(math.e, base)) / mean_r
        tangent_x = np.array([r_min, r_max])
        data += [
            dict(
                type="scatter",
                x=tangent_x,
                y=log_mean + slope * (tangent_x - mean_r),
                mode="lines",
                name="tangent at E[r]: log lies below it",
                line=dict(color="#888888", dash="dot"),
            ),
            dict(
                type="scatter",
                x=[mean_r],
                y=[mean_log],
                mode="markers",
                name="centre (E[r], E[log r])",
                marker=dict(symbol="x", size=14, color=INFINITY_COLOR),
            ),
            dict(
                type="scatter",
                x=[mean_r],
                y=[log_mean],
                mode="markers",
                name="(E[r], log E[r]) on the curve",
                marker=dict(size=10, color=Q_COLOR),
            ),
            dict(
                type="scatter",
                x=[mean_r, mean_r],
                y=[mean_log, log_mean],
                mode="lines",
                name=f"Jensen gap = {format_value(proof.jensen_gap, unit)}",
                line=dict(color=INFINITY_COLOR, width=4),
            ),
        ]
    if step >= 4 and finite:
        data.append(
            dict(
                type="scatter",
                x=[proof.mean_ratio, proof.mean_ratio],
                y=[proof.log_mean_ratio, 0.0],
                mode="lines",
                name=f"support gap = {format_value(proof.support_gap, unit)}",
                line=dict(color=POSITIVE_COLOR, width=4, dash="dash"),
            )
        )
        shapes.append(
            dict(
                type="line",
                x0=1,
                x1=1,
                y0=0,
                y1=1,
                yref="paper",
                line=dict(color="#BBBBBB", dash="dot"),
            )
        )
    if step >= 5:
        text = (
            f"D(P‖Q) = {format_value(proof.jensen_gap, unit)} + "
            f"{format_value(proof.support_gap, unit)} = {format_value(proof.divergence, unit)}"
            if finite
            else "E[log r] = −∞, so D(P‖Q) = ∞ ≥ 0: the inequality still holds"
        )
        notes.append(
            dict(
                text=text,
                x=0.98,
                y=0.02,
                xref="paper",
                yref="paper",
                xanchor="right",
                yanchor="bottom",
                showarrow=False,
                font=dict(size=13, color=INFINITY_COLOR),
                bgcolor="rgba(255,255,255,0.8)",
            )
        )
    layout = dict(
        shapes=shapes,
        annotations=notes,
        xaxis=dict(title=dict(text="r = q/p"), rangemode="tozero"),
        yaxis=dict(title=dict(text=f"{log_label} r [{unit}]")),
        hovermode="closest",
        legend=dict(orientation="h", yanchor="top", y=-0.18, xanchor="left", x=0),
        margin=dict(l=56, r=16, t=48, b=40),
    )
    return spec_figure(data, layout, title="Jensen's inequality on the log curve", height=560)


# --- maximum likelihood ------------------------------------------------------------------


def likelihood_curves(mu, empirical, population, mu_hat, mu_star, n: int, unit: str) -> SpecFigure:
    """Average log-likelihood of the data and its population version over the location
    (the scale held at each curve's optimum), both maxima marked."""
    data = [
        dict(
            type="scatter",
            x=mu,
            y=_finite_or_gap(empirical),
            name=f"(1/N) Σ log q(xᵢ), N = {n:,}",
            line=dict(color=Q_COLOR),
        ),
        dict(
            type="scatter",
            x=mu,
            y=_finite_or_gap(population),
            name="E_P[log q(X)] = −h(P) − D(P‖Q)",
            line=dict(color=P_COLOR, dash="dash"),
        ),
        dict(
            type="scatter",
            x=[mu_hat],
            y=[float(np.interp(mu_hat, mu, empirical))],
            mode="markers",
            name="MLE θ̂_N",
            marker=dict(size=12, color=Q_COLOR, symbol="diamond"),
        ),
        dict(
            type="scatter",
            x=[mu_star],
            y=[float(np.interp(mu_star, mu, population))],
            mode="markers",
            name="θ* = argmin D(P‖Q_θ)",
            marker=dict(size=12, color=P_COLOR, symbol="star"),
        ),
    ]
    layout = dict(
        xaxis=dict(title=dict(text="model location μ (scale at its optimum)")),
        yaxis=dict(title=dict(text=f"log-likelihood per point [{unit}]")),
    )
    return spec_figure(data, layout, title="Maximising likelihood ≈ minimising KL", height=380)


def entropy_gap_figure(mu, divergence, cross, entropy: float, unit: str) -> SpecFigure:
    """D(P‖Q_μ) and −E_P[log q_μ] = H(P, Q_μ): two curves a constant h(P) apart."""
    k = len(mu) // 2
    data = [
        dict(
            type="scatter",
            x=mu,
            y=_finite_or_gap(cross),
            name="−E_P[log q] (cross-entropy)",
            line=dict(color=Q_COLOR),
        ),
        dict(
            type="scatter",
            x=mu,
            y=_finite_or_gap(divergence),
            name="D(P‖Q)",
            line=dict(color=POSITIVE_COLOR),
        ),
        dict(
            type="scatter",
            x=[mu[k], mu[k]],
            y=[divergence[k], cross[k]],
            mode="lines+markers",
            name=f"gap h(P) = {format_value(entropy, unit)}, the same for every μ",
            line=dict(color=ENTROPY_COLOR, width=3),
        ),
    ]
    layout = dict(
        xaxis=dict(title=dict(text="model location μ")),
        yaxis=dict(title=dict(text=f"[{unit}]")),
    )
    return spec_figure(data, layout, title="The two curves differ by a constant", height=340)


def likelihood_map(locs, scales, values, theta_hat, theta_star, unit: str) -> SpecFigure:
    """Contours of the average log-likelihood over (μ, σ), with θ̂_N and θ* marked."""
    z = _finite_or_gap(values)
    data = [
        dict(
            type="contour",
            x=np.asarray(locs, np.float32),
            y=np.asarray(scales, np.float32),
            z=z.astype(np.float32),
            colorscale="Viridis",
            ncontours=25,
            colorbar=dict(title=dict(text=f"[{unit}]")),
            hovertemplate="μ %{x:.2f}, σ %{y:.2f}: %{z:.4g}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[theta_hat[0]],
            y=[theta_hat[1]],
            mode="markers",
            name="MLE θ̂_N",
            marker=dict(
                size=13, color=Q_COLOR, symbol="diamond", line=dict(color="white", width=1)
            ),
        ),
        dict(
            type="scatter",
            x=[theta_star[0]],
            y=[theta_star[1]],
            mode="markers",
            name="θ* (min KL)",
            marker=dict(size=15, color=P_COLOR, symbol="star", line=dict(color="white", width=1)),
        ),
    ]
    layout = dict(xaxis=dict(title=dict(text="μ")), yaxis=dict(title=dict(text="σ")))
    return spec_figure(
        data, layout, title="Average log-likelihood of your sample over (μ, σ)", height=380
    )


def convergence_figure(ns, locs, divergences, loc_star, d_star, unit: str) -> SpecFigure:
    """θ̂_N's location and D(P‖Q_θ̂_N) across N: mean and ±2 sd band over repetitions."""
    ns = np.asarray(ns, dtype=float)
    data = []
    for axis, values, target, color, label in (
        ("", np.asarray(locs), loc_star, Q_COLOR, "MLE location μ̂_N"),
        ("2", np.asarray(divergences), d_star, POSITIVE_COLOR, "D(P‖Q_θ̂_N)"),
    ):
        mean, sd = values.mean(axis=0), values.std(axis=0)
        data += [
            dict(
                type="scatter",
                x=np.concatenate([ns, ns[::-1]]),
                y=np.concatenate([mean + 2 * sd, (mean - 2 * sd)[::-1]]),
                fill="toself",
                fillcolor="rgba(150,150,150,0.25)",
                line=dict(width=0),
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
                name="±2 sd over repeated samples",
                showlegend=axis == "",
                hoverinfo="skip",
            ),
            dict(
                type="scatter",
                x=ns,
                y=mean,
                mode="lines+markers",
                name=label,
                line=dict(color=color),
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
            ),
            dict(
                type="scatter",
                x=[ns[0], ns[-1]],
                y=[target, target],
                mode="lines",
                name="θ*" if axis == "" else "D(P‖Q_θ*)",
                line=dict(color=P_COLOR, dash="dot"),
                xaxis=f"x{axis}",
                yaxis=f"y{axis}",
            ),
        ]
    layout = dict(
        xaxis=dict(type="log", domain=[0, 0.45], title=dict(text="N"), anchor="y"),
        xaxis2=dict(type="log", domain=[0.55, 1], title=dict(text="N"), anchor="y2"),
        yaxis=dict(title=dict(text="location")),
        yaxis2=dict(title=dict(text=f"[{unit}]"), anchor="x2"),
    )
    return spec_figure(data, layout, title="As N grows, θ̂_N settles on θ*", height=360)


# --- estimating from samples -------------------------------------------------------------


def running_mean_figure(ns, mean, se, exact: float, unit: str) -> SpecFigure:
    """Monte Carlo running mean with a ±2 standard-error band, and the exact value."""
    ns = np.asarray(ns, dtype=float)
    upper, lower = np.asarray(mean) + 2 * np.asarray(se), np.asarray(mean) - 2 * np.asarray(se)
    data = [
        dict(
            type="scatter",
            x=np.concatenate([ns, ns[::-1]]),
            y=np.concatenate([upper, lower[::-1]]),
            fill="toself",
            fillcolor="rgba(0,114,178,0.18)",
            line=dict(width=0),
            name="±2 standard errors",
            hoverinfo="skip",
        ),
        dict(
            type="scatter",
            x=ns,
            y=mean,
            name="running mean of log p − log q",
            line=dict(color=P_COLOR),
        ),
    ]
    notes = []
    if math.isfinite(exact):
        data.append(
            dict(
                type="scatter",
                x=[ns[0], ns[-1]],
                y=[exact, exact],
                mode="lines",
                name=f"exact {format_value(exact, unit)}",
                line=dict(color="#333333", dash="dot"),
            )
        )
    else:
        notes.append(
            dict(
                text="exact value: ∞ — the running mean never settles",
                x=0.02,
                y=0.98,
                xref="paper",
                yref="paper",
                xanchor="left",
                yanchor="top",
                showarrow=False,
                font=dict(color=INFINITY_COLOR),
            )
        )
    layout = dict(
        annotations=notes,
        xaxis=dict(type="log", title=dict(text="draws n")),
        yaxis=dict(title=dict(text=f"estimate [{unit}]")),
    )
    return spec_figure(data, layout, title="Monte Carlo with known densities", height=340)


def histogram_figure(edges, p_counts, q_counts, empty_bins) -> SpecFigure:
    """Both samples' histograms on the common bins; bins where Q is empty are flagged."""
    edges = np.asarray(edges, dtype=float)
    centers = (0.5 * (edges[:-1] + edges[1:])).astype(np.float32)
    width = float(edges[1] - edges[0])
    data = [
        dict(
            type="bar",
            x=centers,
            y=np.asarray(p_counts),
            name="P's sample",
            width=width,
            marker=dict(color=P_COLOR),
            opacity=0.6,
        ),
        dict(
            type="bar",
            x=centers,
            y=np.asarray(q_counts),
            name="Q's sample",
            width=width,
            marker=dict(color=Q_COLOR),
            opacity=0.6,
        ),
    ]
    if len(empty_bins):
        data.append(
            dict(
                type="scatter",
                x=centers[empty_bins],
                y=np.zeros(len(empty_bins)),
                mode="markers",
                name="Q empty where P is not: estimate = ∞",
                marker=dict(color=INFINITY_COLOR, symbol="x", size=10),
            )
        )
    layout = dict(
        barmode="overlay", xaxis=dict(title=dict(text="x")), yaxis=dict(title=dict(text="count"))
    )
    return spec_figure(
        data, layout, title="Histogram plug-in: both samples on common bins", height=320
    )


def estimator_spread_figure(estimates: dict, exact: float, unit: str) -> SpecFigure:
    """Each estimator's values over repeated draws (a strip per method), exact value dotted."""
    data = []
    for i, (name, values) in enumerate(estimates.items()):
        values = np.asarray(values, dtype=float)
        shown = np.where(np.isfinite(values), values, np.nan)
        data.append(
            dict(
                type="box",
                y=shown,
                name=name,
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                marker=dict(color=(P_COLOR, Q_COLOR, POSITIVE_COLOR)[i % 3], size=5),
                line=dict(width=1),
            )
        )
    shapes = []
    if math.isfinite(exact):
        shapes.append(
            dict(
                type="line",
                x0=0,
                x1=1,
                xref="paper",
                y0=exact,
                y1=exact,
                line=dict(color="#333333", dash="dot"),
            )
        )
    layout = dict(
        shapes=shapes, yaxis=dict(title=dict(text=f"estimate [{unit}]")), showlegend=False
    )
    title = "Bias and spread over repeated draws (dotted: exact)"
    return spec_figure(data, layout, title=title, height=360)
