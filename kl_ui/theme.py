"""Colours and figure styling shared by every figure (Okabe-Ito, colour-blind safe)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from _plotly_utils.utils import to_typed_array_spec

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


_AXIS_STYLE = dict(gridcolor=GRID_COLOR, zerolinecolor="#BBBBBB", showline=True)


class SpecFigure(go.Figure):
    """A plotly Figure whose finished spec is kept as a plain dict.

    Plotly validates every property of every trace and frame when a Figure is built,
    about a millisecond per animation frame. The live pages build their large figures
    (animations, maps) as dicts instead; Streamlit's ``st.plotly_chart`` calls
    ``to_dict()`` on any Figure and gets the spec with arrays as compact base64 typed
    arrays (float32: half the bytes, 7 significant digits), as plotly itself would send
    them. ``spec`` keeps the numpy arrays as built, for tests.
    """

    def __init__(self, spec: dict):
        super().__init__(_validate=False)
        object.__setattr__(self, "_spec", spec)
        object.__setattr__(self, "_encoded", _encode(spec))

    @property
    def spec(self) -> dict:
        """The spec as built, with numpy arrays (for tests and inspection)."""
        return self._spec

    def to_dict(self) -> dict:
        return self._encoded

    def to_plotly_json(self) -> dict:
        return self._encoded


def _encode(obj):
    """Copy of a spec with numeric numpy arrays turned into plotly's typed-array form."""
    if isinstance(obj, dict):
        return {key: _encode(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encode(value) for value in obj]
    if isinstance(obj, np.ndarray) and obj.dtype.kind in "fiu" and obj.ndim >= 1:
        if obj.dtype == np.float64:  # 7 significant digits are plenty on a screen
            obj = obj.astype(np.float32)
        return to_typed_array_spec(obj)
    return obj


def spec_figure(
    data: list, layout: dict, *, title: str, height: int = 320, frames=None
) -> SpecFigure:
    """A :class:`SpecFigure` in the house style (the dict counterpart of :func:`style`)."""
    styled = {
        **{k: v for k, v in _BASE_LAYOUT.items() if k != "template"},
        "title": dict(text=title, x=0, font=dict(size=15)),
        "height": height,
        **layout,
    }
    for key in [k for k in styled if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]:
        styled[key] = {**_AXIS_STYLE, **styled.get(key, {})}
    for key in ("xaxis", "yaxis"):
        styled.setdefault(key, dict(_AXIS_STYLE))
    spec = {"data": data, "layout": styled}
    if frames:
        spec["frames"] = frames
    return SpecFigure(spec)
