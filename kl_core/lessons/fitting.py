"""Fitting one normal Q to a distribution P by minimising KL in either direction.

* Forward, argmin D(P‖Q): Q must cover everything P does (mass-covering). For the normal
  family the optimum matches P's mean and variance (:func:`moment_match`); the optimiser
  here does not know that, which is what makes the agreement a check.
* Reverse, argmin D(Q‖P): Q is punished for mass where P is small, so it settles on one
  mode (mode-seeking). There can be several local optima, and the start decides which
  one the optimiser finds; every iterate is kept so the path can be drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import optimize, stats

from kl_core.distributions import CONTINUOUS_FAMILIES, as_law, freeze
from kl_core.families import KINKED_AT_LOC
from kl_core.infinity import tail_divergence
from kl_core.lessons.sweeps import LocScaleDivergences, expectation_rule
from kl_core.units import _base_iv, convert_from_nats

__all__ = ["NormalFit", "fit_normal", "grid_minima", "moment_match", "reverse_optima"]

# The families a fit may use: continuous, with a location and a scale and nothing else.
_LOC_SCALE_FAMILIES = tuple(
    name for name in CONTINUOUS_FAMILIES if not getattr(stats, name).shapes and name != "uniform"
)


@dataclass(frozen=True)
class NormalFit:
    """A location-scale Q fitted to P: a normal N(loc, scale²) unless asked otherwise.

    Attributes
    ----------
    direction : {"forward", "reverse"}
        Which divergence was minimised: D(P‖Q) or D(Q‖P).
    loc, scale : float
        The optimum found.
    value : float
        The minimised divergence at the optimum (in the requested unit).
    path : ndarray of shape (k, 2)
        (loc, scale) at the start and after each iteration.
    converged : bool
        Whether the optimiser reported success.
    """

    direction: str
    loc: float
    scale: float
    value: float
    path: np.ndarray
    converged: bool


def moment_match(p) -> tuple[float, float]:
    """Mean and standard deviation of a continuous P, by quadrature.

    For the normal family this is the forward-KL optimum.

    Examples
    --------
    >>> from kl_core import parse_distribution
    >>> m, s = moment_match(parse_distribution("mixture(norm(-2, 1), norm(2, 1))"))
    >>> round(m, 10), round(s**2, 10)
    (0.0, 5.0)
    """
    P = as_law(p, "p")
    if P.kind == "continuous" and tail_divergence(P, as_law(freeze("norm"))):
        # D(P‖N(0,1)) is infinite through the tails exactly when E_P[x²] is.
        raise ValueError("`p` has no finite mean and variance; moments cannot be matched")
    x, w = expectation_rule(P, level=7)
    mean = float(w @ x)
    var = float(w @ (x - mean) ** 2)
    if not (math.isfinite(mean) and math.isfinite(var)):
        raise ValueError("`p` has no finite mean and variance; moments cannot be matched")
    return mean, math.sqrt(var)


def _on_log_scale(divergence):
    """An objective of θ = (loc, log scale) from ``divergence(loc, scale)``.

    It is 1e300 where the divergence is ∞ or the scale is beyond e^±50, so that the
    optimiser turns back.
    """

    def value(theta: np.ndarray) -> float:
        if not abs(theta[1]) < 50:
            return 1e300
        out = divergence(float(theta[0]), math.exp(float(theta[1])))
        return float(out) if math.isfinite(out) else 1e300

    return value


def _objective(divergences: LocScaleDivergences, direction: str):
    side = 0 if direction == "forward" else 1  # divergences() returns (forward, reverse)
    return _on_log_scale(lambda loc, scale: divergences([loc], [scale], which=direction)[side][0])


def fit_normal(p, direction: str, *, start=None, base=None, family: str = "norm") -> NormalFit:
    """Fit Q = `family`(loc, scale) to `p` by minimising D(p‖Q) or D(Q‖p) numerically (BFGS).

    The one fitter in kl_core: :func:`kl_core.lessons.kl_projection` is its forward fit.

    Parameters
    ----------
    p : scipy.stats continuous distribution
        The target P (mixtures welcome).
    direction : {"forward", "reverse"}
        ``"forward"`` minimises D(P‖Q) (mass-covering), ``"reverse"`` D(Q‖P)
        (mode-seeking).
    start : (float, float), optional
        Starting (loc, scale); by default P's median and a scale from its quartiles
        (not its moments, so that finding moment matching is the optimiser's result).
    base : None or float, optional
        Logarithm base of the reported value.
    family : str, optional
        A location-scale family without shape parameters (``"norm"``, ``"laplace"``,
        ``"logistic"``, ...); a normal by default.

    Returns
    -------
    NormalFit

    Examples
    --------
    >>> from kl_core import parse_distribution
    >>> p = parse_distribution("mixture(norm(-3, 1), norm(3, 1))")
    >>> fwd = fit_normal(p, "forward")
    >>> round(fwd.loc, 4) + 0.0, round(fwd.scale**2, 4)
    (0.0, 10.0)
    >>> rev = fit_normal(p, "reverse", start=(2.0, 1.0))
    >>> round(rev.loc, 2), round(rev.scale, 2)
    (3.0, 1.0)
    """
    base = _base_iv(base)
    if direction not in ("forward", "reverse"):
        raise ValueError(f"`direction` must be 'forward' or 'reverse' (got {direction!r})")
    model = _family_iv(family)
    P = as_law(p, "p")
    if P.kind != "continuous":
        raise ValueError(f"`p` must be continuous to fit a continuous family ({family})")
    if direction == "forward" and tail_divergence(P, as_law(model)):
        raise ValueError(
            f"`p` has tails too heavy for the {family} family: D(P‖Q_θ) = ∞ for every θ"
        )
    if start is None:
        start = _quartile_start(P)
    try:
        loc0, scale0 = (float(v) for v in start)
    except (TypeError, ValueError):
        raise ValueError("`start` must be a pair (loc, scale) of numbers") from None
    if not (math.isfinite(loc0) and math.isfinite(scale0) and scale0 > 0):
        raise ValueError(f"`start` needs a finite loc and a scale > 0 (got {start!r})")
    fit = _fit(LocScaleDivergences(P, model, level=6), direction, loc0, scale0, base)
    if direction == "forward" and family in KINKED_AT_LOC:
        # The fast objective integrates log q over fixed nodes under P, which resolves a
        # kink at Q's location only roughly (a Laplace fit to a two-bump mixture ended
        # 1.5e-3 from the median): polish on kl_core's quadrature, which splits there.
        fit = _polish(P, family, fit, base)
    return fit


def _polish(P, family: str, fit: NormalFit, base) -> NormalFit:
    """Refine a forward fit by Nelder-Mead on kl_core's accurate D(P‖Q_θ)."""
    from kl_core.divergence import kl_details

    objective = _on_log_scale(
        lambda loc, scale: kl_details(P, as_law(freeze(family, loc=loc, scale=scale))).value
    )

    start = np.array([fit.loc, math.log(fit.scale)])
    result = optimize.minimize(
        objective, start, method="Nelder-Mead",
        options={"xatol": 1e-10, "fatol": 1e-15, "initial_simplex": start + np.array(
            [[0.0, 0.0], [0.01, 0.0], [0.0, 0.01]])},
    )  # fmt: skip
    loc, scale = float(result.x[0]), math.exp(float(result.x[1]))
    path = np.vstack([fit.path, [[loc, scale]]])
    value = float(convert_from_nats(objective(result.x), base))
    return NormalFit(fit.direction, loc, scale, value, path, fit.converged and bool(result.success))


def _family_iv(family: str):
    """The standard member of a location-scale family without shapes, or ValueError."""
    law = as_law(freeze(family), "family") if family in _LOC_SCALE_FAMILIES else None
    if law is None:
        raise ValueError(
            f"`family` must be a location-scale family without shape parameters, such as "
            f"{', '.join(_LOC_SCALE_FAMILIES[:4])} (got {family!r})"
        )
    return law.obj


def _quartile_start(P) -> tuple[float, float]:
    """P's median, and the scale of a normal with P's interquartile range.

    For a mixture, the quartiles of every component count, so that well separated bumps
    give a wide start.
    """
    parts = [part for _, part in P.components] or [P]
    quartiles = np.array([part.quantile([0.25, 0.5, 0.75]) for part in parts])
    spread = float(np.ptp(quartiles)) / 1.35
    return float(np.median(quartiles[:, 1])), spread if spread > 0 else 1.0


def _fit(divergences, direction: str, loc0: float, scale0: float, base) -> NormalFit:
    """BFGS on (loc, log scale) from (loc0, scale0), keeping every iterate."""
    objective = _objective(divergences, direction)
    path = [(loc0, math.log(scale0))]
    result = optimize.minimize(
        objective,
        np.array(path[0]),
        method="BFGS",
        callback=lambda xk: path.append((float(xk[0]), float(xk[1]))),
        options={"gtol": 1e-10, "maxiter": 200},
    )
    points = np.array([(loc, math.exp(log_s)) for loc, log_s in path])
    loc, scale = float(result.x[0]), math.exp(float(result.x[1]))
    value = objective(result.x)
    return NormalFit(
        direction,
        loc,
        scale,
        float(convert_from_nats(value, base)) if value < 1e300 else math.inf,
        points,
        bool(result.success) or result.status == 2,  # 2: precision limit reached at optimum
    )


def reverse_optima(p, starts, *, scale=1.0, base=None) -> list[NormalFit]:
    """Reverse-KL fits from several starts, one per distinct optimum found.

    Parameters
    ----------
    p : scipy.stats continuous distribution
    starts : array_like
        Starting locations (1-D, each with starting scale `scale`), or (loc, scale)
        pairs of shape (k, 2), e.g. from :func:`grid_minima`.
    scale : float, optional
        Starting scale for 1-D `starts`.
    base : None or float, optional
        Logarithm base.

    Returns
    -------
    list of NormalFit
        Distinct local optima (locations more than 1e-3 apart), sorted by location.

    Examples
    --------
    >>> from kl_core import parse_distribution
    >>> p = parse_distribution("mixture(norm(-3, 1), norm(3, 1))")
    >>> [round(f.loc, 1) for f in reverse_optima(p, [-4, -1, 1, 4])]  # two modes, and a wide Q
    [-3.0, 0.0, 3.0]
    """
    base = _base_iv(base)
    P = as_law(p, "p")
    if P.kind != "continuous":
        raise ValueError("`p` must be continuous to fit a normal")
    if not (math.isfinite(scale) and scale > 0):
        raise ValueError(f"`scale` must be a finite number > 0 (got {scale!r})")
    points = np.asarray(starts, dtype=float)
    if points.ndim == 1:
        points = np.column_stack([points, np.full(points.shape, scale)])
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] == 0:
        raise ValueError("`starts` must be a non-empty list of locations or (loc, scale) pairs")
    if not np.all(np.isfinite(points)) or np.any(points[:, 1] <= 0):
        raise ValueError("`starts` must be finite, with scales > 0")
    divergences = LocScaleDivergences(P, freeze("norm"), level=5)
    found: list[NormalFit] = []
    for loc0, scale0 in points:
        fit = _fit(divergences, "reverse", float(loc0), float(scale0), base)
        if not any(abs(fit.loc - other.loc) < 1e-3 for other in found):
            found.append(fit)
    return sorted(found, key=lambda f: f.loc)


def grid_minima(values: np.ndarray, locs, scales) -> np.ndarray:
    """(loc, scale) of the cells of a map that are lower than all their neighbours.

    If no cell is strictly lower than its neighbours, the lowest cell.

    Good starting points for :func:`reverse_optima`: each local optimum of a smooth
    divergence surface has a local minimum cell of a fine enough map next to it.

    Parameters
    ----------
    values : ndarray of shape (len(scales), len(locs))
        E.g. ``kl_map(...).reverse``; infinite cells are never minima.
    locs, scales : array_like
        The map's grids.

    Returns
    -------
    ndarray of shape (k, 2)

    Examples
    --------
    >>> import numpy as np
    >>> z = np.array([[3, 2, 3, 1], [2, 0, 2, 3], [3, 2, 3, 2]], dtype=float)
    >>> grid_minima(z, [0, 1, 2, 3], [1, 2, 3])
    array([[3., 1.],
           [1., 2.]])
    """
    z = np.asarray(values, dtype=float)
    locs, scales = np.asarray(locs, dtype=float), np.asarray(scales, dtype=float)
    if z.shape != (scales.size, locs.size):
        raise ValueError("`values` must have one row per scale and one column per location")
    padded = np.pad(np.where(np.isfinite(z), z, np.inf), 1, constant_values=np.inf)
    center = padded[1:-1, 1:-1]
    is_min = np.isfinite(center)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                neighbour = padded[
                    1 + di : padded.shape[0] - 1 + di, 1 + dj : padded.shape[1] - 1 + dj
                ]
                is_min &= center < neighbour
    rows, cols = np.nonzero(is_min)
    if rows.size == 0 and np.isfinite(z).any():  # a plateau or a minimum on the edge
        rows, cols = np.unravel_index(np.argmin(np.where(np.isfinite(z), z, np.inf)), z.shape)
        rows, cols = np.atleast_1d(rows), np.atleast_1d(cols)
    return np.column_stack([locs[cols], scales[rows]])
