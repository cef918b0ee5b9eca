"""Colours and figure styling shared by every figure (Okabe-Ito, colour-blind safe)."""

from __future__ import annotations

import base64

import numpy as np
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
TEXT_COLOR = "#262730"  # 15:1 on white; Streamlit's chart theme would draw axes at 3.7:1
# The legend sits under the plot, at the bottom of the figure (container coordinates),
# and pushes the bottom margin as far as it needs: never over the title or the data,
# on a phone as on a projector. The title stands above the plot at the left and pushes
# the top margin as far as its lines need.
_BASE_LAYOUT = dict(
    font=dict(family="sans-serif", size=13, color=TEXT_COLOR),
    paper_bgcolor="white",
    plot_bgcolor="white",
    margin=dict(l=56, r=16, t=24, b=40),
    legend=dict(
        orientation="h",
        yref="container",
        y=0,
        yanchor="bottom",
        xref="container",
        x=0,
        xanchor="left",
        font=dict(color=TEXT_COLOR),
    ),
    hovermode="x unified",
)
_AXIS_STYLE = dict(
    automargin=True,  # tick labels and titles never overlap (as Streamlit's chart theme does)
    gridcolor=GRID_COLOR,
    zerolinecolor="#BBBBBB",
    showline=True,
    linecolor="#767676",
    tickfont=dict(color=TEXT_COLOR),
    title=dict(font=dict(color=TEXT_COLOR)),
)
TITLE_CHARACTERS = 42  # a title line that fits a phone's chart (about 340 px at 15 px)

# numpy dtype -> plotly.js typed-array name (plotly's own table; float64 is sent as f4).
_TYPED_ARRAY_NAMES = {
    np.dtype(np.int8): "i1",
    np.dtype(np.uint8): "u1",
    np.dtype(np.int16): "i2",
    np.dtype(np.uint16): "u2",
    np.dtype(np.int32): "i4",
    np.dtype(np.uint32): "u4",
    np.dtype(np.float32): "f4",
}


class SpecFigure(go.Figure):
    """A finished plotly figure spec, kept as a plain dict, that Streamlit accepts as a Figure.

    Building a ``plotly.graph_objects.Figure`` validates every property and deep-copies
    a template: milliseconds per figure, on every rerun. A SpecFigure skips all of that.
    It is a ``go.Figure`` only so that what takes one (``st.plotly_chart``) takes its
    ``to_dict()`` as already valid; the app draws it with :mod:`kl_ui.live.charts`. That
    dict carries the numeric arrays as plotly.js typed arrays
    (base64, float32: half the bytes of float64, 7 significant digits), exactly the
    form plotly itself would send. ``spec`` keeps the numpy arrays as built, for tests.
    None of ``go.Figure``'s own methods work on it (its ``__init__`` is never run).

    Examples
    --------
    >>> fig = SpecFigure({"data": [{"type": "scatter", "y": np.array([1.0, 2.0])}]})
    >>> fig.to_dict()["data"][0]["y"]
    {'dtype': 'f4', 'bdata': 'AACAPwAAAEA='}
    >>> fig.spec["data"][0]["y"]
    array([1., 2.])
    """

    def __init__(self, spec: dict):  # deliberately not calling go.Figure.__init__
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

    def __reduce__(self):
        return (SpecFigure, (self._spec,))

    def __repr__(self) -> str:
        traces = [trace.get("type", "scatter") for trace in self._spec.get("data", [])]
        return f"SpecFigure(traces={traces}, frames={len(self._spec.get('frames', []))})"


def typed_array(values: np.ndarray) -> dict | list:
    """A numeric array in plotly.js's typed-array form (``{"dtype", "bdata", "shape"}``).

    float64 is sent as float32, and int64 as the narrowest integer type that holds it
    (plotly.js has no 64-bit types; wider integers stay a list, as in plotly). An
    empty array stays a list.

    Examples
    --------
    >>> typed_array(np.array([[1, 2, 3], [4, 5, 6]]))
    {'dtype': 'i1', 'bdata': 'AQIDBAUG', 'shape': '2, 3'}
    >>> typed_array(np.array([2**40]))
    [1099511627776]
    >>> typed_array(np.array([]))
    []
    """
    if values.size == 0:
        return []
    if values.dtype.kind == "f" and values.dtype != np.float32:
        values = values.astype(np.float32)
    elif values.dtype not in _TYPED_ARRAY_NAMES:
        values = _narrow_integers(values)
        if values.dtype not in _TYPED_ARRAY_NAMES:
            return values.tolist()  # beyond 32 bits: plain numbers, as plotly does
    values = np.ascontiguousarray(values)
    spec = {
        "dtype": _TYPED_ARRAY_NAMES[values.dtype],
        "bdata": base64.b64encode(values.data).decode("ascii"),
    }
    if values.ndim > 1:
        spec["shape"] = ", ".join(str(n) for n in values.shape)
    return spec


def _narrow_integers(values: np.ndarray) -> np.ndarray:
    """The narrowest of plotly.js's integer types that holds `values` (plotly's order)."""
    low, high = int(values.min()), int(values.max())
    candidates = (
        (np.uint8, np.uint16, np.uint32)
        if values.dtype.kind == "u"
        else (np.int8, np.int16, np.int32)
    )
    for dtype in candidates:
        info = np.iinfo(dtype)
        if info.min <= low and high <= info.max:
            return values.astype(dtype)
    return values


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _encode(obj):
    """Copy of a spec with numeric numpy arrays turned into plotly's typed-array form."""
    if type(obj) in _PLAIN:  # most leaves: checked first, by exact type (fast)
        return obj
    if isinstance(obj, dict):
        return {key: _encode(value) for key, value in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_encode(value) for value in obj]
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind in "fiu" and obj.ndim >= 1:
            return typed_array(obj)
        return obj.tolist()
    if isinstance(obj, np.generic):
        return obj.item()
    return obj


def wrap_title(title: str, width: int = TITLE_CHARACTERS) -> str:
    """`title` broken into lines of at most `width` characters (plotly's ``<br>``),
    so that it is never cut on a narrow screen.

    Examples
    --------
    >>> wrap_title("Densities, and the integrand p·log(p/q) whose area is D(P‖Q)")
    'Densities, and the integrand p·log(p/q)<br>whose area is D(P‖Q)'
    """
    import textwrap

    return "<br>".join(textwrap.wrap(title, width, break_long_words=False)) or title


def spec_figure(
    data: list, layout: dict, *, title: str, height: int = 320, frames=None
) -> SpecFigure:
    """A :class:`SpecFigure` in the house style: title, height, light grid, white paper."""
    styled = {
        **_BASE_LAYOUT,
        "title": dict(
            text=wrap_title(title),
            x=0,
            xref="container",
            xanchor="left",
            y=1,
            yref="paper",
            yanchor="bottom",
            pad=dict(b=10, l=8),
            automargin=True,  # above the plot, pushing the top margin for every line
            font=dict(size=15, color=TEXT_COLOR),
        ),
        "height": height,
        **layout,
    }
    for key in [k for k in styled if k.startswith(("xaxis", "yaxis"))] or ["xaxis", "yaxis"]:
        given = styled.get(key, {})
        title_style = {**_AXIS_STYLE["title"], **given.get("title", {})}
        styled[key] = {**_AXIS_STYLE, **given, "title": title_style}
    for key in ("xaxis", "yaxis"):
        styled.setdefault(key, dict(_AXIS_STYLE))
    spec = {"data": data, "layout": styled}
    if frames:
        spec["frames"] = frames
    return SpecFigure(spec)
