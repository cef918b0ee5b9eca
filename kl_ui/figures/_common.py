"""Small helpers shared by the figure builders."""

from __future__ import annotations

import numpy as np

from kl_ui.theme import wrap_title


def _finite_or_gap(values) -> np.ndarray:
    """Infinite values become gaps in a line (plotly cannot draw ∞)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isfinite(values), values, np.nan)


def _heat_range(values: np.ndarray, percentile: float) -> float:
    finite = values[np.isfinite(values)]
    top = float(np.percentile(np.abs(finite), percentile)) if finite.size else 1.0
    return top if top > 0 else 1.0


NOTE_CHARACTERS = 38  # a note's line that fits a phone's chart


def paper_note(text: str, x: float, y: float, **style) -> dict:
    """An annotation without an arrow, placed in paper coordinates (0-1 across the plot),
    broken into lines that fit a phone's chart (unless it has its own ``<br>``)."""
    if "<br>" not in text:
        text = wrap_title(text, NOTE_CHARACTERS)
    return dict(text=text, x=x, y=y, xref="paper", yref="paper", showarrow=False, **style)


def band(x, lower, upper, *, name: str, fillcolor: str) -> dict:
    """A shaded band between `lower` and `upper` over `x` (one closed, filled trace)."""
    x = np.asarray(x, dtype=float)
    return dict(
        type="scatter",
        x=np.concatenate([x, x[::-1]]),
        y=np.concatenate([np.asarray(upper), np.asarray(lower)[::-1]]),
        fill="toself",
        fillcolor=fillcolor,
        line=dict(width=0),
        name=name,
        hoverinfo="skip",
    )


def vertical_line(x: float, color: str = "#666666", dash: str = "dot", width: float = 1) -> dict:
    """A layout shape: a vertical line at `x` across the whole plot height."""
    return dict(
        type="line", x0=x, x1=x, y0=0, y1=1, yref="paper",
        line=dict(color=color, dash=dash, width=width),
    )  # fmt: skip
