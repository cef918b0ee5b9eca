"""Colours and figure styling shared by every figure (Okabe-Ito, colour-blind safe)."""

from __future__ import annotations

import plotly.graph_objects as go

P_COLOR = "#0072B2"  # blue: always P
Q_COLOR = "#E69F00"  # orange: always Q
POSITIVE_COLOR = "#CC79A7"  # reddish purple: terms where p > q (add to D)
NEGATIVE_COLOR = "#56B4E9"  # sky blue: terms where q > p (subtract from D)
ENTROPY_COLOR = "#009E73"  # bluish green: H(P)
INFINITY_COLOR = "#D55E00"  # vermillion: anything infinite
GRID_COLOR = "#E5E5E5"

# An explicit small layout instead of a named template: the default template alone is
# several KiB that every rerun would resend.
_BASE_LAYOUT = dict(
    template=go.layout.Template(),
    font=dict(family="sans-serif", size=13, color="#262730"),
    paper_bgcolor="white",
    plot_bgcolor="white",
    margin=dict(l=56, r=16, t=48, b=48),
    legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="right", x=1),
    hovermode="x unified",
)


def style(fig: go.Figure, *, title: str, height: int = 320) -> go.Figure:
    """Apply the house layout to a figure and return it."""
    fig.update_layout(**_BASE_LAYOUT, title=dict(text=title, x=0, font=dict(size=15)))
    fig.update_layout(height=height)
    fig.update_xaxes(gridcolor=GRID_COLOR, zerolinecolor="#BBBBBB", showline=True)
    fig.update_yaxes(gridcolor=GRID_COLOR, zerolinecolor="#BBBBBB", showline=True)
    return fig
