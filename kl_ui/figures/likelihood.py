"""Figures of the maximum-likelihood page."""

from __future__ import annotations

import numpy as np

from kl_ui.figures._common import _finite_or_gap
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
