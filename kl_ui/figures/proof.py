"""The picture of the Jensen proof, growing with the steps."""

from __future__ import annotations

import math

import numpy as np

from kl_core.lessons import log_in_base
from kl_ui.figures._common import paper_note
from kl_ui.numbers import format_value
from kl_ui.theme import (
    INFINITY_COLOR,
    P_COLOR,
    POSITIVE_COLOR,
    Q_COLOR,
    SpecFigure,
    spec_figure,
)


def jensen_figure(proof, step: int, unit: str, base: float | None) -> SpecFigure:
    """The proof's picture, growing with the steps (1-5; 6 for the overview).

    The concave log curve; the points (r_i, log r_i) sized by p_i (from step 2); their
    weighted centre (E[r], E[log r]) below the curve, the tangent at E[r] and the Jensen
    gap as a vertical segment (step 3); the support gap from log Q(S) up to 0 (step 4);
    D written as the sum of the two gaps (step 5).
    """
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
            paper_note(
                text,
                0.98,
                0.02,
                xanchor="right",
                yanchor="bottom",
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
    )
    return spec_figure(data, layout, title="Jensen's inequality on the log curve", height=560)
