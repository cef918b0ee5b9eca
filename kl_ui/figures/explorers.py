"""Figures of the home page and the discrete and continuous explorers."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from kl_core.lessons import DensityCurves
from kl_ui import plain
from kl_ui.figures._common import _finite_or_gap, vertical_line
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


def pmf_bars(labels: Sequence[str], p: np.ndarray, q: np.ndarray) -> SpecFigure:
    """P and Q side by side, one pair of bars per outcome (labels drawn as typed)."""
    shown = [plain.plotly(label) for label in labels]
    data = [
        dict(type="bar", name="P", x=shown, y=np.asarray(p, float), marker=dict(color=P_COLOR)),
        dict(type="bar", name="Q", x=shown, y=np.asarray(q, float), marker=dict(color=Q_COLOR)),
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
            x=[plain.plotly(label) for label in labels],
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
                text="+ D(P‖Q) = ∞,<br>so H(P,Q) = ∞",
                showarrow=False,
                xanchor="left",
                xshift=6,
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
        xaxis=dict(
            type="log",
            autorange="reversed",
            exponentformat="power",  # 10⁻⁶, not "1µ", which reads like a unit
            title=dict(text="ε (smoothing weight) → 0"),
        ),
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
        shapes=[vertical_line(q_now)],
        xaxis=dict(title=dict(text="Q(heads)"), range=[0, 1]),
        yaxis=dict(title=dict(text=f"[{unit}]"), rangemode="tozero"),
    )
    title = "Both directions as the coin Q changes (P is fair)"
    return spec_figure(data, layout, title=title, height=280)
