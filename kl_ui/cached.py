"""Bounded caches around the costlier kl_core calls, keyed by the spec texts and unit.

Every cache here is shared by all sessions and bounded (least recently used entries go
first). Cached values are shared, not copied: their numpy arrays are made read-only, so
a caller that tried to change one in place would fail loudly instead of changing what
every other student sees.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections import OrderedDict
from typing import NamedTuple

import numpy as np

import kl_core
from kl_core import lessons

_MAX = 256
_GRID_POINTS = 600
_MC_DRAWS = 20_000
_SEED = 20260101  # fixed, so a shared link shows the same Monte Carlo numbers
_ALL: list = []


# At most this many cached computations run at once in the process (each session's
# script runs in its own thread): a classroom opening heavy links queues instead of
# multiplying memory. Nested shared calls run inside their caller's admission.
HEAVY_AT_ONCE = 2
_ADMISSION = threading.BoundedSemaphore(HEAVY_AT_ONCE)
_DEPTH = threading.local()


class CacheInfo(NamedTuple):
    currsize: int
    maxsize: int


class _Flight:
    """One computation in progress; callers of the same arguments wait for it."""

    def __init__(self):
        self.done = threading.Event()
        self.value = None
        self.error: BaseException | None = None


class _SharedCache:
    """A bounded LRU cache with single flight: identical calls made while the first one
    computes wait for its result instead of computing it again."""

    def __init__(self, func, maxsize: int):
        functools.update_wrapper(self, func)
        self.func, self.maxsize = func, maxsize
        self.values: OrderedDict = OrderedDict()
        self.running: dict = {}
        self.lock = threading.Lock()

    def __call__(self, *args):
        with self.lock:
            if args in self.values:
                self.values.move_to_end(args)
                return self.values[args]
            flight = self.running.get(args)
            leads = flight is None
            if leads:
                flight = self.running[args] = _Flight()
        if not leads:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = read_only(self._admitted(*args))
        except BaseException as exc:  # waiters see the same error; nothing is cached
            flight.error = exc
            raise
        else:
            with self.lock:
                self.values[args] = flight.value
                while len(self.values) > self.maxsize:
                    self.values.popitem(last=False)
        finally:
            with self.lock:
                del self.running[args]
            flight.done.set()
        return flight.value

    def _admitted(self, *args):
        depth = getattr(_DEPTH, "value", 0)
        if depth:  # inside another shared computation, which holds the admission
            return self.func(*args)
        with _ADMISSION:
            _DEPTH.value = 1
            try:
                return self.func(*args)
            finally:
                _DEPTH.value = 0

    def cache_info(self) -> CacheInfo:
        return CacheInfo(len(self.values), self.maxsize)

    def cache_clear(self) -> None:
        with self.lock:
            self.values.clear()


def shared(maxsize: int = _MAX):
    """Decorator: a bounded cache shared by every session, for functions of hashable
    arguments (spec texts, numbers, the unit's base).

    It does what ``st.cache_resource`` does here at a few microseconds per hit instead
    of a few hundred (Streamlit hashes every argument and inspects the function's
    signature on each call, and ``st.cache_data`` also unpickles a copy): each page
    calls several of these on every rerun. Exceptions are not cached. Identical calls
    from several sessions at once compute once (single flight), and at most
    :data:`HEAVY_AT_ONCE` computations run at a time in the process.

    Examples
    --------
    >>> @shared(maxsize=2)
    ... def double(x):
    ...     return np.array([x, x]) * 2
    >>> double(1) is double(1)
    True
    >>> double(1).flags.writeable
    False
    """

    def decorate(func):
        call = _SharedCache(func, maxsize)
        _ALL.append(call)
        return call

    return decorate


def clear() -> None:
    """Empty every cache in this module (benchmarks time cold runs with it)."""
    for cache in _ALL:
        cache.cache_clear()


def read_only(value):
    """`value` with every numpy array inside it (in dicts, lists, tuples and dataclass
    fields) marked read-only; returns `value` itself."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, dict):
        for item in value.values():
            read_only(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            read_only(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            read_only(getattr(value, f.name))
    return value


@shared()
def distribution(spec: str):
    """``kl_core.parse_distribution(spec)``, parsed once and shared (never mutate it).

    A mixture spec builds scipy objects worth ~3 ms; every rerun of a page with a
    picker parses its specs again. Invalid specs raise ValueError and are not cached.
    """
    return kl_core.parse_distribution(spec)


@shared()
def details(p_spec: str, q_spec: str, base: float | None) -> kl_core.KLResult:
    """``kl_core.kl_details`` of two specs: the value, how it was found, why it is ∞."""
    return kl_core.kl_details(distribution(p_spec), distribution(q_spec), base=base)


@shared()
def comparison(p_spec: str, q_spec: str, base: float | None) -> kl_core.divergence.MethodComparison:
    """D(P‖Q) by closed form, quadrature and Monte Carlo."""
    p, q = distribution(p_spec), distribution(q_spec)
    return kl_core.compare_methods(p, q, n=_MC_DRAWS, rng=_SEED, base=base)


@shared()
def curves(p_spec: str, q_spec: str, base: float | None) -> lessons.DensityCurves:
    """Densities and integrand on a grid covering both distributions."""
    p, q = distribution(p_spec), distribution(q_spec)
    lo, hi = lessons.plot_window(p, q)
    grid = lessons.plot_grid([p, q], lo, hi, n=_GRID_POINTS // 2)
    return lessons.density_curves(p, q, grid, base=base)


@shared()
def window_growth(p_spec: str, q_spec: str, base: float | None) -> tuple[np.ndarray, np.ndarray]:
    """Window integrals of p·log(p/q) for half-widths from 1 to 10^4 around P's median."""
    p, q = distribution(p_spec), distribution(q_spec)
    widths = np.logspace(0, 4, 13)
    return widths, lessons.kl_windows(p, q, widths, base=base)


@shared()
def sweep_view(fixed_spec: str, template: str, vary: str, param: str, base: float | None) -> dict:
    """Everything the in-chart slider and the sweep curves need, for one varied parameter."""
    from kl_ui.asymmetry import SWEEP_GRID, sweep_grids, sweep_values

    fixed, moving = distribution(fixed_spec), distribution(template)
    values = sweep_values(moving, param, sweep_budget(fixed_spec, template, param))
    laws = lessons.sweep_laws(moving, param, [values[0], values[-1]])
    p, q = (fixed, moving) if vary == "Q" else (moving, fixed)
    sweep = lessons.kl_sweep(p, q, param, values, vary=vary.lower(), base=base)
    ends = [lessons.plot_window(fixed, law) for law in laws]
    lo, hi = min(e[0] for e in ends), max(e[1] for e in ends)
    fixed_x = lessons.plot_grid([fixed], lo, hi, n=SWEEP_GRID)
    xs = sweep_grids(moving, param, values, (lo, hi))
    return {
        "window": (lo, hi),
        "fixed_x": fixed_x,
        "fixed": lessons.density_curves(fixed, fixed, fixed_x).p,
        "xs": xs,
        "moving": [
            np.exp(kl_core.distributions.as_law(law).logpdf(x))
            for law, x in zip(lessons.sweep_laws(moving, param, values), xs)
        ],
        "values": values,
        "forward": sweep.forward,
        "reverse": sweep.reverse,
    }


@shared()
def sweep_budget(fixed_spec: str, moving_spec: str, param: str) -> int:
    """How many values the sweep of `moving_spec`'s `param` may have (asymmetry.sweep_points)."""
    from kl_ui.asymmetry import sweep_points

    return sweep_points(distribution(fixed_spec), distribution(moving_spec), param)


@shared()
def divergence_map(p_spec: str, q_template: str, base: float | None) -> lessons.KLMap:
    """D(P‖Q) and D(Q‖P) over Q's location-scale grid (level 4: enough for a picture),
    as fine as P's cost allows (asymmetry.map_axes)."""
    from kl_ui.asymmetry import map_axes

    p, q = distribution(p_spec), distribution(q_template)
    return lessons.kl_map(p, q, *map_axes(p, q), base=base, level=4)


# Finished figures: a few hundred KB each, so fewer are kept. A classroom opening the same
# shared link, or a student going back and forth, gets them without rebuilding.
_FIGURES = 32


@shared(maxsize=_FIGURES)
def sweep_figures(p_spec: str, q_spec: str, vary: str, param: str, base, unit: str) -> tuple:
    """The asymmetry page's animated sweep and its two curves, opened at the current value
    of `vary`'s (``"P"`` or ``"Q"``) parameter `param`; returns ``(animation, curves)``."""
    from kl_ui import asymmetry, figures

    p, q = distribution(p_spec), distribution(q_spec)
    moving, fixed, fixed_spec = (q, p, p_spec) if vary == "Q" else (p, q, q_spec)
    grid_view = sweep_view(fixed_spec, asymmetry.template_spec(moving, param), vary, param, base)
    forward, reverse = details(p_spec, q_spec, base), details(q_spec, p_spec, base)
    view, index = asymmetry.with_current(
        grid_view, moving, fixed, param, forward.value, reverse.value
    )
    animation = figures.sweep_animation(**view, start=index, vary=vary, param=param, unit=unit)
    values = view["values"]
    curves = figures.sweep_curves(
        values, view["forward"], view["reverse"], values[index], f"{vary}'s {param}", unit
    )
    return animation, curves


@shared(maxsize=_FIGURES)
def map_figure(p_spec: str, q_spec: str, base, unit: str):
    """The asymmetry page's map of both directions over Q's location and scale, with Q's
    current location and scale marked."""
    from kl_ui import asymmetry, figures

    q = distribution(q_spec)
    grid = divergence_map(p_spec, asymmetry.template_spec(q, "loc", "scale"), base)
    current = (asymmetry.current_value(q, "loc"), asymmetry.current_value(q, "scale"))
    return figures.divergence_maps(grid, current, unit)


@shared()
def fits(target_spec: str, base: float | None) -> dict:
    """Forward fit, the D(Q‖P) map, and every reverse optimum (started from the map's
    local minima, so each is found in a few iterations)."""

    from kl_ui.asymmetry import MAP_LOCS, MAP_SCALES

    p = distribution(target_spec)
    grid = lessons.kl_map(
        p, kl_core.freeze("norm"), MAP_LOCS, MAP_SCALES, base=base, level=4, which="reverse"
    )
    starts = lessons.grid_minima(grid.reverse, grid.locs, grid.scales)
    return {
        "forward": lessons.fit_normal(p, "forward", base=base),
        "optima": lessons.reverse_optima(p, starts, base=base),
        "map": grid,
    }


@shared()
def reverse_fit(target_spec: str, start: float, base: float | None) -> lessons.NormalFit:
    """The reverse-KL fit from one start, with its path."""
    p = distribution(target_spec)
    return lessons.fit_normal(p, "reverse", start=(start, 1.0), base=base)


@shared()
def fit_curves(target_spec: str, start: float, base: float | None):
    """Grid and densities for the fitting figure: the target, its forward fit and the
    reverse fit from `start` (the first and last of :func:`fits` and :func:`reverse_fit`)."""
    p = distribution(target_spec)
    forward = fits(target_spec, base)["forward"]
    chosen = reverse_fit(target_spec, start, base)
    fitted = kl_core.freeze("norm", loc=forward.loc, scale=forward.scale)
    reverse = kl_core.freeze("norm", loc=chosen.loc, scale=chosen.scale)
    lo, hi = lessons.plot_window(p, fitted)
    x = lessons.plot_grid([p, fitted, reverse], lo, hi, n=150)
    return (
        x,
        lessons.density_curves(p, p, x).p,
        lessons.density_curves(fitted, fitted, x).p,
        [
            (
                "argmin D(Q‖P) from your start: mode-seeking",
                lessons.density_curves(reverse, reverse, x).p,
            )
        ],
    )


# --- maximum likelihood and samples ----------------------------------------------------


def _draw(spec: str, n: int, seed: int, stream: int = 0) -> np.ndarray:
    """n draws from a spec, reproducible from (seed, stream)."""
    law = kl_core.distributions.as_law(distribution(spec))
    return law.sample(n, np.random.default_rng([seed, stream]))


@shared()
def population_view(p_spec: str, family: str, base: float | None) -> dict:
    """θ*, h(P), the population curves over μ (σ at σ*) and the convergence across N."""

    p = distribution(p_spec)
    star = lessons.kl_projection(p, family, base=base)
    mu = np.linspace(star.loc - 4 * star.scale, star.loc + 4 * star.scale, 161)
    expected = lessons.population_log_likelihood(p, family, mu, star.scale, base=base)
    entropy = lessons.differential_entropy(p, base=base)
    ns = np.array([10, 30, 100, 300, 1_000, 3_000, 10_000])
    convergence = lessons.mle_convergence(p, family, ns, repeats=16, rng=20260101, base=base)
    model = kl_core.freeze(family, loc=0, scale=star.scale)
    divergence = lessons.kl_sweep(p, model, "loc", mu, base=base).forward  # computed apart
    return {
        "star": star,
        "mu": mu,
        "expected": expected,
        "cross": -expected,  # cross-entropy H(P, Q_μ) = −E_P[log q_μ]
        "divergence": divergence,
        "entropy": entropy,
        "conv": convergence,
    }


@shared()
def sample_view(p_spec: str, family: str, n: int, seed: int, base) -> dict:
    """The sample's MLE, its likelihood curve over :func:`population_view`'s μ grid and
    its surface over (μ, σ)."""
    population = population_view(p_spec, family, base)
    mu, star_scale = population["mu"], population["star"].scale
    x = _draw(p_spec, n, seed)
    fit = lessons.mle_fit(x, family)
    fitted = kl_core.freeze(family, loc=fit.loc, scale=fit.scale)
    ll = lessons.LogLikelihood(x, family)
    locs = np.linspace(mu[0], mu[-1], 40)
    scales = np.linspace(0.3 * star_scale, 2.5 * star_scale, 40)
    grid = ll(*np.meshgrid(locs, scales))
    return {
        "fit": fit,
        "curve": kl_core.convert_from_nats(ll(np.asarray(mu), fit.scale), base),
        "locs": locs,
        "scales": scales,
        "grid": kl_core.convert_from_nats(grid, base),
        "value": kl_core.convert_from_nats(fit.value, base),
        "fit_divergence": kl_core.kl(distribution(p_spec), fitted, base=base),
    }


@shared(maxsize=16)
def samples_view(p_spec: str, q_spec: str, n: int, seed: int, rounded: bool, base) -> dict:
    """Samples of P and Q, and the Monte Carlo running mean over draws of P.

    Shared, not copied (up to 2 × 10^6 draws: a copy per rerun would cost more than the
    estimators); the arrays are read-only.
    """
    p, q = distribution(p_spec), distribution(q_spec)
    x, y = _draw(p_spec, n, seed, 1), _draw(q_spec, n, seed, 2)
    if rounded:
        x, y = np.round(x, 1), np.round(y, 1)
    ratios = lessons.log_ratio_samples(p, q, n, rng=np.random.default_rng([seed, 3]))
    shown = np.unique(np.geomspace(1, n, 300).astype(int)) - 1
    if np.isinf(ratios).any():
        mean = se = None
    else:
        mean, se = lessons.running_mean(kl_core.convert_from_nats(ratios, base))
        mean, se = mean[shown], se[shown]
    return {"x": x, "y": y, "draws": shown + 1, "mean": mean, "se": se}


def usable_bin_width(x: np.ndarray, y: np.ndarray, width: float) -> float:
    """`width`, or the narrowest "round" width (1, 2 or 5 times a power of ten) that keeps
    the histogram over both samples' range within kl_core's bin limit: heavy tails
    (a Cauchy sample reaches ±10⁴) would otherwise make millions of bins.

    Examples
    --------
    >>> usable_bin_width(np.array([-3e4, 4e4]), np.array([0.0]), 0.25)
    1.0
    >>> usable_bin_width(np.array([-3.0, 3.0]), np.array([0.0]), 0.25)
    0.25
    """
    from kl_core.estimators import MAX_BINS

    span = float(max(x.max(), y.max()) - min(x.min(), y.min()))
    if span / width + 2 <= MAX_BINS:
        return width
    needed = span / (MAX_BINS - 2)
    power = 10.0 ** np.floor(np.log10(needed))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= needed))


@shared()
def histogram_estimate(
    p_spec: str, q_spec: str, n: int, seed: int, rounded: bool, width: float, base
) -> kl_core.estimators.HistogramEstimate | str:
    """The histogram plug-in on :func:`samples_view`'s samples (with a wider bin when
    `width` would make too many; see :func:`usable_bin_width`), or why it is unusable."""
    view = samples_view(p_spec, q_spec, n, seed, rounded, base)
    try:
        width = usable_bin_width(view["x"], view["y"], width)
        return kl_core.kl_histogram(view["x"], view["y"], width, base=base)
    except ValueError as exc:
        return str(exc)


@shared()
def knn_estimate(
    p_spec: str, q_spec: str, n: int, seed: int, rounded: bool, k: int, base
) -> float | str:
    """The k-NN estimate on :func:`samples_view`'s samples, or why it is undefined."""
    view = samples_view(p_spec, q_spec, n, seed, rounded, base)
    try:
        return kl_core.kl_knn(view["x"], view["y"], k=k, base=base)
    except ValueError as exc:
        return str(exc)


@shared()
def estimator_repeats(p_spec: str, q_spec: str, n: int, k: int, width: float, base) -> dict:
    """Each estimator on 30 fresh pairs of samples of size n (at most 5,000)."""
    p, q = distribution(p_spec), distribution(q_spec)
    size = min(n, 5_000)
    out: dict[str, list[float]] = {"Monte Carlo": [], "histogram": [], f"k-NN (k = {k})": []}
    for r in range(30):
        rng = np.random.default_rng([777, r])
        out["Monte Carlo"].append(kl_core.kl_monte_carlo(p, q, size, rng=rng, base=base).estimate)
        x, y = _draw(p_spec, size, 777 + r, 1), _draw(q_spec, size, 777 + r, 2)
        used = usable_bin_width(x, y, width)
        out["histogram"].append(kl_core.kl_histogram(x, y, used, base=base).value)
        out[f"k-NN (k = {k})"].append(kl_core.kl_knn(x, y, k=k, base=base))
    return {"size": size, "estimates": out}
