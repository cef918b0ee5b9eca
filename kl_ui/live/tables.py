"""Tables of kl_core's divergences along one handle, for the browser to interpolate while
that handle moves, where klmath.js has no closed form for the pair (a Student-t, a
mixture, a gamma against a log-normal...).

Each table holds D(P‖Q) and D(Q‖P) at :data:`NODES` positions across the handle's range,
with the other handles where they are. The nodes are dense where the hand starts (the
handle's value) and sparser towards the ends: evenly spaced in
u = asinh((w − w₀)/c), where w is the value (or its log, for a scale-like range), w₀ the
handle's, and c a twentieth of the range. Between nodes the browser draws a cubic
through them (Hermite in w, with each node's slope from the parabola through it and its
neighbours, so a quadratic is exact: :func:`interpolate`, mirrored by klmath.js's
``interpolateTable``) and shows the value with "≈" and the error
it may have (:func:`errors`): the same interpolation on every other node alone, checked
against the nodes it skipped, bounds it. On release kl_core's own value replaces it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kl_ui.handles import Handle

NODES = 17  # odd: the even-numbered nodes alone make the coarse table that checks the rest
# The coarse table's miss at a skipped node, times a share, bounds the full table's error
# nearby. With slopes accurate to O(h²) the error falls as h³ (1/8 when h halves); on the
# Node test's 11 tables it was at most 0.34 of the miss between inner nodes and 1.85 in
# an end gap (one-sided slopes), so these shares leave a margin of 2 (and the Node test
# checks the bound against kl_core at 61 points of each).
ERROR_SHARE = 0.7
END_SHARE = 3.7
ERROR_FLOOR = 1e-9  # relative: kl_core's own quadrature error is far below this
LOG_RANGE = 10.0  # a positive range at least this wide (high/low) is spaced in log
WIDTH_SHARE = 1 / 20  # c, the width of the dense part around the handle, in its range


@dataclass(frozen=True)
class Table:
    """One handle's table: node positions in the handle's units, whether they are
    interpolated in log (``log``: see :func:`position`), and D(P‖Q),
    D(Q‖P) in nats at each (None for ∞) with each gap's error bound (None where a node
    next to it is ∞: the browser then waits for the release)."""

    handle: str
    x: list[float]
    log: bool
    forward: list[float | None]
    reverse: list[float | None]
    forward_error: list[float | None]
    reverse_error: list[float | None]


def spaced_in_log(handle: Handle) -> bool:
    """True for a positive range of at least :data:`LOG_RANGE` (a scale, a shape)."""
    return handle.low > 0 and handle.high / handle.low >= LOG_RANGE


def spacing(handle: Handle) -> tuple[bool, float, float]:
    """How `handle`'s nodes are spaced: (log, center w₀, width c)."""
    log = spaced_in_log(handle)
    low, high, here = (math.log(v) for v in (handle.low, handle.high, handle.default)) if log \
        else (handle.low, handle.high, handle.default)  # fmt: skip
    return log, here, WIDTH_SHARE * (high - low)


def coordinates(x, log: bool, center: float, width: float) -> np.ndarray:
    """u = asinh((w − center)/width), w = log x or x: the nodes are evenly spaced in u."""
    w = np.log(x) if log else np.asarray(x, dtype=float)
    return np.arcsinh((w - center) / width)


def nodes(handle: Handle) -> np.ndarray:
    """:data:`NODES` positions from ``handle.low`` to ``handle.high``, both included,
    densest at the handle's value (its ``default``).

    Examples
    --------
    >>> x = nodes(Handle("loc", "location", -10.0, 10.0, 0.1, 0.0))
    >>> float(x[0]), float(x[8]), float(x[-1]), round(float(x[9] - x[8]), 3)
    (-10.0, 0.0, 10.0, 0.384)
    >>> x = nodes(Handle("scale", "scale", 0.1, 10.0, 0.05, 1.0))
    >>> [round(float(v), 6) for v in (x[0], x[8], x[-1])]
    [0.1, 1.0, 10.0]
    """
    log, center, width = spacing(handle)
    ends = coordinates(np.array([handle.low, handle.high]), log, center, width)
    w = center + width * np.sinh(np.linspace(ends[0], ends[1], NODES))
    x = np.exp(w) if log else w
    x[0], x[-1] = handle.low, handle.high
    return x


def position(x, log: bool) -> np.ndarray:
    """Where the browser interpolates: w = log x for a range spaced in log, else x."""
    return np.log(x) if log else np.asarray(x, dtype=float)


def _slope(w: np.ndarray, y: np.ndarray, i: int) -> float | None:
    """dy/dw at node i: the slope there of the parabola through it and its two
    neighbours (or, at an end or next to an ∞, the next two on one side); None when no
    such three nodes are finite. Exact for a quadratic, however the nodes are spaced."""
    n = len(y)
    for ks in ((i - 1, i, i + 1), (i, i + 1, i + 2), (i - 2, i - 1, i)):
        if all(0 <= k < n and math.isfinite(y[k]) for k in ks):
            a, b, c = (w[k] for k in ks)
            at = w[i]
            return (
                y[ks[0]] * ((at - b) + (at - c)) / ((a - b) * (a - c))
                + y[ks[1]] * ((at - a) + (at - c)) / ((b - a) * (b - c))
                + y[ks[2]] * ((at - a) + (at - b)) / ((c - a) * (c - b))
            )
    return None


def interpolate(w: Sequence[float], y: Sequence[float], at: float) -> float | None:
    """The cubic Hermite interpolant of ``y`` over increasing nodes ``w`` at ``at`` (never
    below 0: a divergence); None where a node of its gap (or its slope) is ∞.

    Examples
    --------
    >>> w = np.array([0.0, 0.5, 1.5, 3.0, 5.0])
    >>> round(interpolate(w, w**2, 2.5), 12)  # a quadratic: the slopes are exact
    6.25
    >>> interpolate(w, [0, 1, math.inf, 9, 16], 1.0) is None
    True
    """
    w, y = np.asarray(w, dtype=float), np.asarray(y, dtype=float)
    i = int(min(len(w) - 2, max(0, np.searchsorted(w, at, side="right") - 1)))
    if not (math.isfinite(y[i]) and math.isfinite(y[i + 1])):
        return None
    slopes = _slope(w, y, i), _slope(w, y, i + 1)
    if slopes[0] is None or slopes[1] is None:
        return None
    h = w[i + 1] - w[i]
    t = (at - w[i]) / h
    value = (
        (2 * t**3 - 3 * t**2 + 1) * y[i]
        + (t**3 - 2 * t**2 + t) * h * slopes[0]
        + (-2 * t**3 + 3 * t**2) * y[i + 1]
        + (t**3 - t**2) * h * slopes[1]
    )
    return max(float(value), 0.0)


def errors(w: Sequence[float], y: Sequence[float]) -> list[float | None]:
    """A bound on :func:`interpolate`'s error in each gap between nodes: the coarse
    table (every other node) misses each skipped node by some amount; the largest miss
    of the gap's coarse gap and its two neighbours, times :data:`ERROR_SHARE` (or
    :data:`END_SHARE` in the first and last gaps), plus
    :data:`ERROR_FLOOR` of the value. None where the coarse table cannot say (an ∞)."""
    w, y = np.asarray(w, dtype=float), np.asarray(y, dtype=float)
    coarse_w, coarse_y = w[::2], y[::2]
    misses = []
    for k in range(1, len(w), 2):
        guess = interpolate(coarse_w, coarse_y, w[k])
        misses.append(None if guess is None or not math.isfinite(y[k]) else abs(guess - y[k]))
    bounds: list[float | None] = []
    for i in range(len(w) - 1):
        c = i // 2
        near = misses[max(0, c - 1) : c + 2]
        if any(m is None for m in near) or not (math.isfinite(y[i]) and math.isfinite(y[i + 1])):
            bounds.append(None)
            continue
        size = max(abs(y[i]), abs(y[i + 1]))
        share = END_SHARE if i in (0, len(w) - 2) else ERROR_SHARE
        bounds.append(share * max(near) + ERROR_FLOOR * size)
    return bounds


def table(handle: Handle, forward: Sequence[float], reverse: Sequence[float]) -> Table:
    """The table of `handle` from kl_core's values at its :func:`nodes` (nats, ∞ allowed)."""
    x = nodes(handle)
    log = spaced_in_log(handle)
    w = position(x, log)

    def finite(values: Sequence[float]) -> list[float | None]:
        return [float(v) if math.isfinite(v) else None for v in values]

    return Table(
        handle.name,
        x.tolist(),
        log,
        finite(forward),
        finite(reverse),
        errors(w, forward),
        errors(w, reverse),
    )
