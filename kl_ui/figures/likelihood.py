"""Figures of the maximum-likelihood page."""

from __future__ import annotations

import numpy as np

from kl_ui.figures._common import _finite_or_gap, band, vertical_line
from kl_ui.numbers import format_value
from kl_ui.theme import (
    ENTROPY_COLOR,
    P_COLOR,
    POSITIVE_COLOR,
    Q_COLOR,
    SpecFigure,
    spec_figure,
)


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
            name="𝔼<sub>P</sub>[log q(X)] = −h(P) − D(P‖Q)",
            line=dict(color=P_COLOR, dash="dash"),
        ),
        dict(
            type="scatter",
            x=[mu_hat],
            y=[float(np.interp(mu_hat, mu, empirical))],
            mode="markers",
            name="MLE θ̂<sub>N</sub>",
            marker=dict(size=12, color=Q_COLOR, symbol="diamond"),
        ),
        dict(
            type="scatter",
            x=[mu_star],
            y=[float(np.interp(mu_star, mu, population))],
            mode="markers",
            name="θ* = argmin D(P‖Q<sub>θ</sub>)",
            marker=dict(size=12, color=P_COLOR, symbol="star"),
        ),
    ]
    layout = dict(
        xaxis=dict(title=dict(text="model location μ (scale at its optimum)")),
        yaxis=dict(title=dict(text=f"mean log-likelihood [{unit}]")),
    )
    return spec_figure(data, layout, title="Maximising likelihood ≈ minimising KL", height=380)


def entropy_gap_figure(mu, divergence, cross, entropy: float, unit: str) -> SpecFigure:
    """D(P‖Q_μ) and −𝔼_P[log q_μ] = H(P, Q_μ): two curves a constant h(P) apart."""
    k = len(mu) // 2
    data = [
        dict(
            type="scatter",
            x=mu,
            y=_finite_or_gap(cross),
            name="−𝔼<sub>P</sub>[log q] (cross-entropy)",
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
            name=f"gap h(P) = {format_value(entropy, unit)}",
            line=dict(color=ENTROPY_COLOR, width=3),
        ),
    ]
    layout = dict(
        xaxis=dict(title=dict(text="model location μ")),
        yaxis=dict(title=dict(text=f"[{unit}]")),
    )
    return spec_figure(data, layout, title="The two curves differ by a constant", height=340)


def likelihood_map(locs, scales, values, theta_hat, theta_star, unit: str) -> SpecFigure:
    """Contours of the average log-likelihood over (μ, σ), with θ̂_N and θ* marked.

    The colours span the upper 60 % of the grid's values (the rest share the lowest
    colour): the likelihood falls steeply towards small σ, and a scale over all of it
    would leave the region around the optimum one flat colour.
    """
    z = _finite_or_gap(values)
    finite = z[np.isfinite(z)]
    top = float(finite.max()) if finite.size else 1.0
    bottom = float(np.percentile(finite, 40)) if finite.size else 0.0
    bottom = bottom if bottom < top else top - 1.0
    data = [
        dict(
            type="contour",
            x=np.asarray(locs, np.float32),
            y=np.asarray(scales, np.float32),
            z=z.astype(np.float32),
            colorscale="Viridis",
            zmin=bottom,
            zmax=top,
            contours=dict(start=bottom, end=top, size=(top - bottom) / 16),
            colorbar=dict(title=dict(text=f"[{unit}]")),
            hovertemplate="μ %{x:.2f}, σ %{y:.2f}: %{z:.4g}<extra></extra>",
        ),
        dict(
            type="scatter",
            x=[theta_hat[0]],
            y=[theta_hat[1]],
            mode="markers",
            name="MLE θ̂<sub>N</sub>",
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


def convergence_figure(
    ns, values, target: float, chosen_n: int, *, what: str, unit: str
) -> SpecFigure:
    """One quantity of the MLE across N: its mean and ±2 sd band over repeated samples,
    its limit `target` dotted, and the page's chosen N marked.

    `what` is ``"location"`` (μ̂_N, limit μ*) or ``"divergence"`` (D(P‖Q_θ̂_N), limit
    D(P‖Q_θ*)). One figure per quantity, so that the two stack on a narrow screen.
    """
    ns = np.asarray(ns, dtype=float)
    values = np.asarray(values, dtype=float)
    if what == "location":
        label, limit, color = "MLE location μ̂<sub>N</sub>", "μ*", Q_COLOR
        title, y_title = "As N grows, μ̂<sub>N</sub> settles on μ*", "location μ"
    else:
        label, limit, color = "D(P‖Q<sub>θ̂N</sub>)", "D(P‖Q<sub>θ*</sub>)", POSITIVE_COLOR
        title, y_title = "…and D(P‖Q) at the MLE on its minimum", f"[{unit}]"
    mean, sd = values.mean(axis=0), values.std(axis=0)
    data = [
        band(
            ns,
            mean - 2 * sd,
            mean + 2 * sd,
            name="±2 sd over repeated samples",
            fillcolor="rgba(150,150,150,0.25)",
        ),
        dict(
            type="scatter", x=ns, y=mean, mode="lines+markers", name=label, line=dict(color=color)
        ),
        dict(
            type="scatter",
            x=[ns[0], ns[-1]],
            y=[target, target],
            mode="lines",
            name=limit,
            line=dict(color=P_COLOR, dash="dot"),
        ),
    ]
    layout = dict(
        xaxis=dict(type="log", title=dict(text="N")),
        yaxis=dict(title=dict(text=y_title)),
        shapes=[vertical_line(chosen_n, color="#555555", dash="dash", width=1.5)],
        annotations=[
            dict(
                x=float(np.log10(chosen_n)),
                y=1,
                yref="paper",
                text=f"your N = {chosen_n:,}",
                showarrow=False,
                xanchor="left",
                yanchor="top",
                font=dict(size=12),
            )
        ],
    )
    return spec_figure(data, layout, title=title, height=340)
