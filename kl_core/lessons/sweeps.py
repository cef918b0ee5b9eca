"""Both directions of KL over a whole range of a parameter, in one vectorised pass.

A page that lets a student drag Q's location needs D(P‖Q_θ) and D(Q_θ‖P) for every θ on
a slider (and on a 60×60 map), not one at a time. For Q_θ a location-scale transform of a
fixed law,

* D(P‖Q_θ) = −h(P) − E_P[log q_θ(X)], and the expectation uses P's quadrature nodes,
  which do not depend on θ;
* D(Q_θ‖P) = −h(Q_θ) − E_{Q_θ}[log p(X)], with h(Q_θ) = h(Q_0) + log σ and
  E_{Q_θ}[log p(X)] = E_{Z~Q_0}[log p(μ + σZ)] on Q_0's nodes.

Each direction is then one array evaluation of a log density on (θ × nodes). Infinite
values are decided as in :func:`kl_core.kl`: by support node by node, by tails once (a
location-scale change does not change a tail class).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kl_core import _quadrature as quadrature
from kl_core.distributions import Law, as_law, freeze
from kl_core.infinity import support_divergence, tail_divergence
from kl_core.units import _base_iv, convert_from_nats

__all__ = [
    "KLMap",
    "LocScaleDivergences",
    "Sweep",
    "expectation_rule",
    "kl_map",
    "kl_sweep",
    "loc_scale_divergences",
    "sweep_densities",
    "sweep_laws",
]

_PRUNE = 1e-30  # nodes whose weight is below this share of the largest are dropped
_CHUNK_CELLS = 1 << 18  # (θ rows × nodes) per block: ~2 MB per array, whatever the grid


@dataclass(frozen=True)
class Sweep:
    """D in both directions while one parameter of one law varies.

    Attributes
    ----------
    param : str
        The varied parameter (``"loc"``, ``"scale"`` or a shape name).
    vary : {"p", "q"}
        Which law's parameter varies.
    values : ndarray
        The parameter values.
    forward, reverse : ndarray
        D(P‖Q) and D(Q‖P) at each value (``inf`` where infinite).
    """

    param: str
    vary: str
    values: np.ndarray
    forward: np.ndarray
    reverse: np.ndarray


@dataclass(frozen=True)
class KLMap:
    """D(P‖Q) and D(Q‖P) over a grid of Q's location (columns) and scale (rows)."""

    locs: np.ndarray
    scales: np.ndarray
    forward: np.ndarray
    reverse: np.ndarray

    @property
    def difference(self) -> np.ndarray:
        """D(P‖Q) − D(Q‖P); ±inf where exactly one side is infinite, nan-free."""
        with np.errstate(invalid="ignore"):
            diff = self.forward - self.reverse
        return np.where(np.isnan(diff), 0.0, diff)  # ∞ − ∞: both infinite, no asymmetry


def expectation_rule(law, *, level: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Nodes x and weights W with Σ W·g(x) ≈ E[g(X)] for X from a continuous `law`.

    Double-exponential nodes split at the law's features, weights times the density, and
    nodes with negligible weight dropped.

    Examples
    --------
    >>> from scipy import stats
    >>> x, w = expectation_rule(stats.norm(1, 2))
    >>> round(float(w.sum()), 12), round(float(w @ x), 12), round(float(w @ (x - 1) ** 2), 10)
    (1.0, 1.0, 4.0)
    """
    L = as_law(law, "law")
    if L.kind != "continuous":
        raise ValueError("`law` must be continuous for an expectation rule")
    rule = quadrature.rule(level, quadrature.T_MAX)
    x, w, _ = quadrature.nodes(L, L, *L.support, rule.t)
    x, w = x.ravel(), w.ravel() * 2.0**-level
    with np.errstate(all="ignore"):
        weights = w * np.exp(L.logpdf(x))
    keep = weights > _PRUNE * weights.max()
    return x[keep], weights[keep]


def _standard(moving: Law) -> tuple[Law, object]:
    """The moving law with loc 0 and scale 1, and its scipy family."""
    rv = moving.obj.dist
    return as_law(rv(*moving.shapes.values()), "standard"), rv


class LocScaleDivergences:
    """D(fixed‖moving_θ) and D(moving_θ‖fixed) for θ = (loc, scale), vectorised.

    The quadrature rules of `fixed` and of the standardised `moving` law, and both
    entropies, are computed once at construction; each call then costs one log-density
    evaluation per direction on a (θ × nodes) array. An optimiser calls it many times.

    Parameters
    ----------
    fixed : scipy.stats continuous distribution
        Any continuous law, mixtures included.
    moving : scipy.stats continuous distribution
        A classic frozen continuous law; only its shape parameters are used.
    level : int, optional
        Quadrature level (6: step 2^-6).

    Examples
    --------
    >>> from scipy import stats
    >>> d = LocScaleDivergences(stats.norm(0, 1), stats.norm())
    >>> fwd, rev = d([0.0, 1.0], 1.0)
    >>> fwd.round(6), rev.round(6)
    (array([0. , 0.5]), array([0. , 0.5]))
    """

    def __init__(self, fixed, moving, *, level: int = 6):
        F = as_law(fixed, "fixed")
        M = as_law(moving, "moving")
        if F.kind != "continuous" or M.kind != "continuous" or M.components:
            raise ValueError(
                "`fixed` must be continuous and `moving` a classic continuous scipy distribution"
            )
        self.fixed, self.moving = F, M
        self.standard, _ = _standard(M)
        self._xf, self._wf = expectation_rule(F, level=level)
        self._zs, self._wz = expectation_rule(self.standard, level=level)
        with np.errstate(all="ignore"):
            self._neg_h_fixed = float(self._wf @ F.logpdf(self._xf))
            self._neg_h_std = float(self._wz @ self.standard.logpdf(self._zs))
        R = M
        self._forward_tails = not support_divergence(F, R) and bool(tail_divergence(F, R))
        self._reverse_tails = not support_divergence(R, F) and bool(tail_divergence(R, F))

    def __call__(self, locs, scales, *, which: str = "both") -> tuple[np.ndarray, np.ndarray]:
        """(forward, reverse) in nats, shaped like the broadcast of `locs` and `scales`.

        `which` = "forward" or "reverse" computes only that direction (the other is
        returned as NaN), at half the cost.
        """
        if which not in ("both", "forward", "reverse"):
            raise ValueError(f"`which` must be 'both', 'forward' or 'reverse' (got {which!r})")
        locs, scales = np.broadcast_arrays(np.asarray(locs, float), np.asarray(scales, float))
        if not np.all(np.isfinite(locs)) or not np.all(np.isfinite(scales) & (scales > 0)):
            raise ValueError("`locs` must be finite and `scales` finite and > 0")
        shape = locs.shape
        mu, sigma = locs.reshape(-1, 1), scales.reshape(-1, 1)
        nodes = max(self._xf.size, self._zs.size)
        rows = max(1, _CHUNK_CELLS // nodes)  # θ rows per block: memory stays bounded
        forward, reverse = np.full(mu.shape[0], np.nan), np.full(mu.shape[0], np.nan)
        for start in range(0, mu.shape[0], rows):
            block = slice(start, start + rows)
            forward[block], reverse[block] = self._block(mu[block], sigma[block], which)
        return forward.reshape(shape), reverse.reshape(shape)

    def _block(self, mu: np.ndarray, sigma: np.ndarray, which: str):
        """(forward, reverse) for a column of θ rows: (rows × nodes) arrays at most."""
        xf, wf, zs, wz = self._xf, self._wf, self._zs, self._wz
        forward = reverse = np.full(mu.shape[0], np.nan)
        with np.errstate(all="ignore"):
            if which != "reverse":
                log_moving = self.standard.logpdf((xf[None, :] - mu) / sigma) - np.log(sigma)
                forward = self._neg_h_fixed - (log_moving @ wf)
                forward = np.where(np.isneginf(log_moving).any(axis=1), np.inf, forward)
                if self._forward_tails:
                    forward = np.full_like(forward, np.inf)
                forward = np.where(np.isfinite(forward), np.maximum(forward, 0.0), np.inf)
            if which != "forward":
                log_fixed = self.fixed.logpdf(mu + sigma * zs[None, :])
                reverse = (self._neg_h_std - np.log(sigma[:, 0])) - (log_fixed @ wz)
                reverse = np.where(np.isneginf(log_fixed).any(axis=1), np.inf, reverse)
                if self._reverse_tails:
                    reverse = np.full_like(reverse, np.inf)
                reverse = np.where(np.isfinite(reverse), np.maximum(reverse, 0.0), np.inf)
        return forward, reverse


def loc_scale_divergences(fixed, moving, locs, scales, *, level: int = 6):
    """D(fixed‖moving_θ) and D(moving_θ‖fixed) for θ = (loc, scale) pairs, in nats.

    A one-off call of :class:`LocScaleDivergences`.

    Examples
    --------
    >>> from scipy import stats
    >>> fwd, rev = loc_scale_divergences(stats.norm(0, 1), stats.norm(), [0.0, 1.0], 1.0)
    >>> fwd.round(6), rev.round(6)
    (array([0. , 0.5]), array([0. , 0.5]))
    """
    return LocScaleDivergences(fixed, moving, level=level)(locs, scales)


def kl_sweep(p, q, param: str, values, *, vary: str = "q", base=None) -> Sweep:
    """D(P‖Q) and D(Q‖P) while one parameter of Q (or of P) takes each of `values`.

    Location and scale are swept in one vectorised pass; a shape parameter is swept one
    value at a time through :func:`kl_core.kl_details`.

    Parameters
    ----------
    p, q : scipy.stats continuous distribution
        The varied one must be a classic frozen distribution.
    param : str
        ``"loc"``, ``"scale"`` or the name of a shape parameter of the varied law.
    values : array_like
        Parameter values (1-D).
    vary : {"q", "p"}, optional
        Which law's parameter varies.
    base : None or float, optional
        Logarithm base.

    Returns
    -------
    Sweep

    Examples
    --------
    >>> from scipy import stats
    >>> s = kl_sweep(stats.norm(0, 1), stats.norm(0, 1), "loc", [-1.0, 0.0, 2.0])
    >>> s.forward.round(6), s.reverse.round(6)
    (array([0.5, 0. , 2. ]), array([0.5, 0. , 2. ]))
    """
    from kl_core.divergence import kl_details

    base = _base_iv(base)
    if vary not in ("p", "q"):
        raise ValueError(f"`vary` must be 'p' or 'q' (got {vary!r})")
    fixed, moving = (p, q) if vary == "q" else (q, p)
    M = as_law(moving, vary)
    if M.components or M.kind != "continuous" or not hasattr(M.obj, "dist"):
        raise ValueError(f"`{vary}` must be a classic continuous scipy distribution to sweep")
    params = [*M.shapes, "loc", "scale"]
    if param not in params:
        raise ValueError(f"`param` must be one of {', '.join(params)} (got {param!r})")
    vals = np.atleast_1d(np.asarray(values, dtype=float))
    if vals.ndim != 1 or vals.size == 0 or not np.all(np.isfinite(vals)):
        raise ValueError("`values` must be a non-empty 1-D list of finite numbers")
    if param in ("loc", "scale"):
        if param == "scale" and np.any(vals <= 0):
            raise ValueError("`values` of a scale must be > 0")
        locs = vals if param == "loc" else np.full_like(vals, M.loc)
        scales = vals if param == "scale" else np.full_like(vals, M.scale)
        there, back = loc_scale_divergences(fixed, moving, locs, scales)
    else:
        there, back = np.empty_like(vals), np.empty_like(vals)
        for i, v in enumerate(vals):
            law = M.obj.dist(**{**M.shapes, param: v}, loc=M.loc, scale=M.scale)
            there[i] = kl_details(fixed, law).value
            back[i] = kl_details(law, fixed).value
    forward, reverse = (there, back) if vary == "q" else (back, there)
    return Sweep(
        param,
        vary,
        vals,
        convert_from_nats(forward, base),
        convert_from_nats(reverse, base),
    )


def kl_map(p, q, locs, scales, *, base=None, level: int = 5, which: str = "both") -> KLMap:
    """D(P‖Q) and D(Q‖P) over a grid of Q's location and scale (Q's shapes kept).

    Parameters
    ----------
    p : scipy.stats continuous distribution
    q : classic frozen scipy continuous distribution
    locs, scales : array_like
        1-D grids; the result has one row per scale and one column per location.
    base : None or float, optional
        Logarithm base.
    level : int, optional
        Quadrature level (5 is plenty for a picture: about 1e-8 relative).
    which : {"both", "forward", "reverse"}, optional
        Compute one direction only (the other is left as NaN), at half the cost.

    Returns
    -------
    KLMap

    Examples
    --------
    >>> from scipy import stats
    >>> m = kl_map(stats.norm(0, 1), stats.norm(), [0.0, 1.0], [1.0, 2.0])
    >>> m.forward.shape, round(float(m.difference[0, 1]), 8)
    ((2, 2), 0.0)
    """
    base = _base_iv(base)
    locs = np.asarray(locs, dtype=float)
    scales = np.asarray(scales, dtype=float)
    if locs.ndim != 1 or scales.ndim != 1 or locs.size == 0 or scales.size == 0:
        raise ValueError("`locs` and `scales` must be non-empty 1-D grids")
    grid_loc, grid_scale = np.meshgrid(locs, scales)
    forward, reverse = LocScaleDivergences(p, q, level=level)(grid_loc, grid_scale, which=which)
    return KLMap(locs, scales, convert_from_nats(forward, base), convert_from_nats(reverse, base))


def sweep_laws(law, param: str, values) -> list:
    """Copies of a classic frozen `law` with `param` set to each of `values`.

    Examples
    --------
    >>> from scipy import stats
    >>> [d.std() for d in sweep_laws(stats.norm(0, 1), "scale", [1.0, 2.0])]
    [np.float64(1.0), np.float64(2.0)]
    """
    L = as_law(law, "law")
    if L.components or not hasattr(L.obj, "dist"):
        raise ValueError("`law` must be a classic frozen scipy distribution to sweep")
    params = {**L.shapes, "loc": L.loc} | ({"scale": L.scale} if L.kind == "continuous" else {})
    if param not in params:
        raise ValueError(f"`param` must be one of {', '.join(params)} (got {param!r})")
    out = []
    for v in np.atleast_1d(np.asarray(values, dtype=float)):
        frozen = freeze(L.family, **{**params, param: float(v)})
        as_law(frozen, "values")  # validates each value (e.g. a scale <= 0)
        out.append(frozen)
    return out


def sweep_densities(law, param: str, values, x) -> np.ndarray:
    """Density of `law` at the points `x` for each value of `param` (one row per value).

    Location and scale are done in one array evaluation; shapes one value at a time.

    Examples
    --------
    >>> from scipy import stats
    >>> sweep_densities(stats.norm(), "loc", [0.0, 1.0], [0.0]).round(4)
    array([[0.3989],
           [0.242 ]])
    """
    L = as_law(law, "law")
    grid = np.asarray(x, dtype=float)
    if grid.ndim != 1 or not np.all(np.isfinite(grid)):
        raise ValueError("`x` must be a 1-D array of finite numbers")
    vals = np.atleast_1d(np.asarray(values, dtype=float))
    if param in ("loc", "scale") and L.kind == "continuous" and not L.components:
        if param == "scale" and np.any(vals <= 0):
            raise ValueError("`values` of a scale must be > 0")
        S, _ = _standard(L)
        locs = vals[:, None] if param == "loc" else np.full((vals.size, 1), L.loc)
        scales = vals[:, None] if param == "scale" else np.full((vals.size, 1), L.scale)
        with np.errstate(all="ignore"):
            return np.exp(S.logpdf((grid[None, :] - locs) / scales) - np.log(scales))
    return np.array([np.exp(as_law(d).logpdf(grid)) for d in sweep_laws(law, param, vals)])
