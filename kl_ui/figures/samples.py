"""Figures of the page on estimating KL from samples."""

from __future__ import annotations

import math

import numpy as np

from kl_ui.figures._common import band, paper_note
from kl_ui.numbers import format_value
from kl_ui.theme import (
    INFINITY_COLOR,
    P_COLOR,
    POSITIVE_COLOR,
    Q_COLOR,
    SpecFigure,
    spec_figure,
)


def running_mean_figure(ns, mean, se, exact: float, unit: str) -> SpecFigure:
    """Monte Carlo running mean with a ±2 standard-error band, and the exact value."""
    ns = np.asarray(ns, dtype=float)
    upper, lower = np.asarray(mean) + 2 * np.asarray(se), np.asarray(mean) - 2 * np.asarray(se)
    data = [
        band(ns, lower, upper, name="±2 s.e.", fillcolor="rgba(0,114,178,0.18)"),
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
            paper_note(
                "exact value: ∞ — the running mean never settles",
                0.02,
                0.98,
                xanchor="left",
                yanchor="top",
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
