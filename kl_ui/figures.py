"""Figures as pure functions: kl_core results in, a plotly Figure out (no st.*, no state).

P is always blue and Q always orange. Every axis that carries an information quantity
names its unit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from kl_core import DensityCurves
from kl_ui.numbers import format_number, format_value
from kl_ui.theme import (
    ENTROPY_COLOR,
    INFINITY_COLOR,
    NEGATIVE_COLOR,
    P_COLOR,
    POSITIVE_COLOR,
    Q_COLOR,
    style,
)


def _finite_or_gap(values) -> np.ndarray:
    """Infinite values become gaps in a line (plotly cannot draw ∞)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def pmf_bars(labels: Sequence[str], p: np.ndarray, q: np.ndarray) -> go.Figure:
    """P and Q side by side, one pair of bars per outcome."""
    fig = go.Figure(
        [
            go.Bar(name="P", x=list(labels), y=list(p), marker_color=P_COLOR),
            go.Bar(name="Q", x=list(labels), y=list(q), marker_color=Q_COLOR),
        ]
    )
    fig.update_layout(barmode="group", yaxis_title="probability", xaxis_type="category")
    return style(fig, title="P and Q")


def term_bars(labels: Sequence[str], terms: np.ndarray, unit: str) -> go.Figure:
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
    fig = go.Figure(
        go.Bar(
            x=list(labels),
            y=heights.tolist(),
            marker_color=colors,
            text=text,
            textposition="outside",
            cliponaxis=False,
            name="p·log(p/q)",
            hovertemplate="%{x}: %{text} " + unit + "<extra></extra>",
        )
    )
    fig.update_layout(yaxis_title=f"p·log(p/q) [{unit}]", xaxis_type="category", showlegend=False)
    return style(fig, title="Each outcome's term p·log(p/q): the bars add up to D(P‖Q)")


def decomposition_bar(entropy_p: float, divergence: float, cross: float, unit: str) -> go.Figure:
    """H(P,Q) = H(P) + D(P‖Q) as one stacked bar next to the cross-entropy bar."""
    stacked = "H(P) + D(P‖Q)"
    bars = [(stacked, "H(P)", entropy_p, ENTROPY_COLOR)]
    if math.isfinite(divergence):
        bars += [
            (stacked, "D(P‖Q)", divergence, POSITIVE_COLOR),
            ("H(P,Q)", "H(P,Q)", cross, Q_COLOR),
        ]
    fig = go.Figure()
    for row, name, value, color in bars:
        fig.add_bar(
            y=[row],
            x=[value],
            orientation="h",
            name=f"{name} = {format_value(value, unit)}",
            marker_color=color,
        )
    if not math.isfinite(divergence):
        fig.add_annotation(
            x=entropy_p,
            y=stacked,
            text="  + D(P‖Q) = ∞, so H(P,Q) = ∞",
            showarrow=False,
            xanchor="left",
            font=dict(color=INFINITY_COLOR, size=14),
        )
    fig.update_layout(barmode="stack", xaxis_title=f"[{unit}]")
    return style(fig, title="Cross-entropy = entropy + divergence", height=230)


def smoothing_curve(
    epsilons: np.ndarray, values: np.ndarray, offending_mass: float, unit_per_nat: float, unit: str
) -> go.Figure:
    """D(P‖Q_ε) against ε on a log axis, with the slope P(offending)·log(1/ε) drawn in."""
    eps = np.asarray(epsilons, dtype=float)
    values = np.asarray(values, dtype=float)
    guide = values[-1] + offending_mass * unit_per_nat * np.log(eps[-1] / eps)
    fig = go.Figure(
        [
            go.Scatter(
                x=eps, y=values, mode="lines+markers", name="D(P‖Q_ε)", line_color=INFINITY_COLOR
            ),
            go.Scatter(
                x=eps,
                y=guide,
                mode="lines",
                name=f"guide: P(offending)·log(1/ε), P(offending) = {offending_mass:.3g}",
                line=dict(color="#888888", dash="dot"),
            ),
        ]
    )
    fig.update_xaxes(type="log", autorange="reversed", title="ε (smoothing weight) → 0")
    fig.update_yaxes(title=f"D(P‖Q_ε) [{unit}]")
    return style(fig, title="Smoothing Q with ε makes the value finite, but it grows without bound")


def density_figure(curves: DensityCurves, unit: str, *, discrete: bool = False) -> go.Figure:
    """Densities of P and Q above, the integrand p·log(p/q) shaded below (shared x).

    The shaded area is the integral of the plotted integrand: positive where p > q,
    negative where q > p. Where q = 0 < p the integrand is infinite and the region is
    marked in the infinity colour instead.
    """
    from plotly.subplots import make_subplots

    x = curves.x
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    mode = "markers" if discrete else "lines"
    fig.add_trace(go.Scatter(x=x, y=curves.p, name="p(x)", mode=mode, line_color=P_COLOR), 1, 1)
    fig.add_trace(go.Scatter(x=x, y=curves.q, name="q(x)", mode=mode, line_color=Q_COLOR), 1, 1)
    integrand = np.asarray(curves.integrand, dtype=float)
    finite = _finite_or_gap(integrand)
    fig.add_trace(
        go.Scatter(
            x=x,
            y=finite,
            name=f"p·log(p/q) [{unit}]",
            mode=mode,
            fill=None if discrete else "tozeroy",
            line_color=POSITIVE_COLOR,
            fillcolor="rgba(204,121,167,0.35)",
        ),
        2,
        1,
    )
    infinite = np.isinf(integrand)
    if infinite.any():
        fig.add_trace(
            go.Scatter(
                x=x[infinite],
                y=np.zeros(int(infinite.sum())),
                mode="markers",
                marker=dict(color=INFINITY_COLOR, symbol="triangle-up", size=9),
                name="q = 0 < p: integrand = ∞",
            ),
            2,
            1,
        )
    fig.update_yaxes(title_text="density", row=1, col=1)
    fig.update_yaxes(title_text=f"[{unit}]", row=2, col=1)
    return style(
        fig, title="Densities, and the integrand p·log(p/q) whose area is D(P‖Q)", height=480
    )


def window_growth(widths: np.ndarray, values: np.ndarray, unit: str) -> go.Figure:
    """The truncated integral over [c − L, c + L] against L: divergence made visible."""
    fig = go.Figure(
        go.Scatter(
            x=widths,
            y=values,
            mode="lines+markers",
            line_color=INFINITY_COLOR,
            name="∫ over the window",
        )
    )
    fig.update_xaxes(type="log", title="half-width L of the window")
    fig.update_yaxes(title=f"truncated integral [{unit}]")
    return style(fig, title="The integral over a window keeps growing as the window widens")


def coin_divergence_curve(
    qs: np.ndarray, forward: np.ndarray, reverse: np.ndarray, q_now: float, unit: str
) -> go.Figure:
    """D(P‖Q) and D(Q‖P) for a fair-coin P as Q's bias varies, with the current Q marked."""
    fig = go.Figure(
        [
            go.Scatter(x=qs, y=_finite_or_gap(forward), name="D(P‖Q)", line_color=P_COLOR),
            go.Scatter(x=qs, y=_finite_or_gap(reverse), name="D(Q‖P)", line_color=Q_COLOR),
        ]
    )
    fig.add_vline(x=q_now, line_dash="dot", line_color="#666666")
    fig.update_xaxes(title="Q(heads)", range=[0, 1])
    fig.update_yaxes(title=f"[{unit}]", rangemode="tozero")
    return style(fig, title="Both directions as the coin Q changes (P is fair)", height=280)
