"""One uniform view of the distribution objects `kl_core` accepts.

Users hand :func:`kl_core.kl` classic frozen scipy distributions (``stats.norm(0, 1)``,
``stats.poisson(3)``), ``scipy.stats.Mixture`` objects and the newer scipy distribution
objects (``stats.Normal(mu=0, sigma=1)``). :func:`as_law` validates any of them and wraps
it in a :class:`Law`: family name, parameters, support, a fast vectorised log density,
the points where the density has its features (for quadrature breakpoints) and sampling.

:func:`mixture` builds a ``scipy.stats.Mixture`` from classic frozen components and
remembers those components, so that mixtures are evaluated through the same fast path
and can be written back as text by :func:`kl_core.format_distribution`.
"""

from __future__ import annotations

import functools
import math
import threading
import weakref
from collections import OrderedDict
from functools import cached_property

import numpy as np
from scipy import stats

from kl_core import _scipy, families
from kl_core._ast_lock import AST_LOCK
from kl_core._scipy import ContinuousDistribution, rv_continuous_frozen, rv_discrete_frozen
from kl_core.families import CONTINUOUS_FAMILIES, DISCRETE_FAMILIES, FAMILIES, VERIFIED_SHAPES

__all__ = ["FAMILIES", "Law", "as_law", "freeze", "mixture"]

# Parameters are 0 or of a size the formulas can square and invert without overflow.
_MIN_MAGNITUDE, _MAX_MAGNITUDE = 1e-50, 1e50

# Classic frozen components of the mixtures built by `mixture`, keyed by the Mixture.
_MIXTURE_COMPONENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class Law:
    """A validated distribution, seen the way the divergence code needs it.

    Attributes
    ----------
    obj : object
        The object the user passed.
    family : str
        scipy's name for the family (``"norm"``, ``"poisson"``), ``"mixture"``, or the
        class name of a newer scipy distribution.
    kind : {"continuous", "discrete"}
    shapes : dict of str to float
        Shape parameters by name (empty for mixtures).
    loc, scale : float
        Location and scale (scale 1 for discrete families and mixtures).
    support : tuple of float
        Closed hull (a, b) of the support; ends may be infinite.
    components : tuple of (float, Law)
        Weights and component laws of a mixture; empty otherwise.
    """

    def __init__(self, obj, family, kind, shapes, loc, scale, support, components=()):
        self.obj = obj
        self.family = family
        self.kind = kind
        self.shapes = shapes
        self.loc = float(loc)
        self.scale = float(scale)
        self.support = support
        self.components = components

    def __repr__(self) -> str:  # noqa: D105
        return f"Law({self.family}, shapes={self.shapes}, loc={self.loc}, scale={self.scale})"

    # -- densities -----------------------------------------------------------------
    def logpdf(self, x: np.ndarray) -> np.ndarray:
        """Log density (log pmf for discrete laws) at `x`; ``-inf`` outside the support."""
        return self._logpdf(np.asarray(x, dtype=float))

    def _logpdf(self, x: np.ndarray) -> np.ndarray:  # replaced per kind in the builders
        raise NotImplementedError

    # -- features for numerical work -------------------------------------------------
    @cached_property
    def centers(self) -> tuple[float, ...]:
        """Points where the density has its features: medians, locations, kinks."""
        if self.components:  # a component's support ends are kinks of the mixture
            points = {c for _, law in self.components for c in (*law.centers, *law.support)}
        else:
            points = {self.loc, _median(self)}
            kinks = (self.shapes[name] for name in families.KINKS.get(self.family, ()))
            points |= {self.loc + k * self.scale for k in kinks}
        a, b = self.support
        return tuple(sorted(c for c in points if a < c < b and math.isfinite(c)))

    @cached_property
    def spread(self) -> float:
        """A typical length scale of the distribution (positive, finite)."""
        if self.components:
            return max(law.spread for _, law in self.components)
        return self.scale if math.isfinite(self.scale) and self.scale > 0 else 1.0

    def quantile(self, levels) -> np.ndarray:
        """Inverse cdf at the probabilities `levels`."""
        levels = np.asarray(levels, dtype=float)
        with np.errstate(all="ignore"):
            if hasattr(self.obj, "ppf"):
                return np.asarray(self.obj.ppf(levels), dtype=float)
            return np.asarray(self.obj.icdf(levels), dtype=float)

    def _each_component(self, change) -> Law | None:
        """Apply `change` to each component of this mixture, keeping the weights.

        Returns None if `change` cannot rebuild one of the components.
        """
        parts = [change(law) for _, law in self.components]
        if any(part is None for part in parts):
            return None
        return as_law(mixture([part.obj for part in parts], [w for w, _ in self.components]))

    def shifted(self, offset: float) -> Law | None:
        """The law of X + `offset`, or None if this continuous law cannot be rebuilt.

        Divergences do not change when both laws move together; the quadrature moves a
        finite end of P to 0, where floats are fine enough to resolve a density that is
        singular there (gamma with a < 1 at loc = 1000: x − 1000 is coarse, x is not).
        """
        if self.kind != "continuous":
            return None
        if self.components:
            return self._each_component(lambda law: law.shifted(offset))
        if self.family in CONTINUOUS_FAMILIES:
            return as_law(
                freeze(self.family, **self.shapes, loc=self.loc + offset, scale=self.scale)
            )
        if isinstance(self.obj, ContinuousDistribution):
            return as_law(self.obj + offset)
        return None

    def reflected(self) -> Law | None:
        """The law of −X: this continuous law mirrored at 0, or None if it cannot be.

        Its mirror image must be a scipy family here: beta(a, b) ↔ beta(b, a),
        gumbel_r ↔ gumbel_l, and so on.

        The quadrature turns a right end into a left one with it: scipy computes a beta
        density from z = (x − loc)/scale, which is coarse next to z = 1 however x is
        moved, but fine next to z = 0.
        """
        if self.kind != "continuous":
            return None
        if self.components:
            return self._each_component(Law.reflected)
        mirror = families.MIRRORS.get(self.family)
        if mirror is None:
            return None
        family, shapes = mirror(self.shapes)
        unit = self.family in families.UNIT_FAMILIES  # standard support [0, 1]: Z ↦ 1 − Z
        loc = -self.loc - self.scale if unit else -self.loc
        return as_law(freeze(family, **shapes, loc=loc, scale=self.scale))

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Draw `n` values with the generator `rng`."""
        if self.kind == "discrete" and self.family in DISCRETE_FAMILIES:
            # The same law refrozen with whole numbers as ints: stats.binom(10.0, 0.4)
            # computes its pmf, but its sampler raises TypeError.
            frozen = freeze(self.family, **self.shapes, loc=self.loc)
            return np.asarray(frozen.rvs(size=n, random_state=rng), dtype=float)
        if hasattr(self.obj, "rvs"):
            return np.asarray(self.obj.rvs(size=n, random_state=rng), dtype=float)
        return np.asarray(self.obj.sample(n, rng=rng), dtype=float)


def _median(law: Law) -> float:
    try:
        if hasattr(law.obj, "ppf"):
            value = float(law.obj.ppf(0.5))
        else:
            value = float(law.obj.median())
    except Exception:
        return law.loc
    return value if math.isfinite(value) else law.loc


_SCALAR_TYPES = (int, float, np.integer, np.floating)


@functools.cache
def _generator_template(name: str):
    """One fully built scipy generator per family (building one writes its docstring)."""
    return _scipy.fresh_generator(getattr(stats, name))


def freeze(family: str, **params):
    """A frozen scipy distribution, ``getattr(stats, family)(**params)``, without the wait.

    scipy freezes by building a new generator object, and building one formats its
    whole docstring: about 0.6 ms each time, more than a closed-form divergence takes.
    Here the new generator is a copy of one built per family, so freezing costs a few
    microseconds. The result is an ordinary ``rv_continuous_frozen`` or
    ``rv_discrete_frozen`` with its own generator object, as scipy's own would be.
    Parameters are not checked here (scipy does not check them when freezing either);
    :func:`as_law` checks them.

    Parameters
    ----------
    family : str
        The name of a classic scipy.stats distribution, e.g. ``"norm"`` or ``"poisson"``.
    **params : float
        The family's parameters by keyword, e.g. ``loc=0, scale=1``.

    Examples
    --------
    >>> d = freeze("gamma", a=2.0, scale=3.0)
    >>> d.mean(), d.pdf(1.0) == stats.gamma(a=2.0, scale=3.0).pdf(1.0)
    (np.float64(6.0), np.True_)
    >>> freeze("normal")
    Traceback (most recent call last):
    ...
    ValueError: `family` must name a classic scipy.stats distribution such as 'norm' ...
    """
    generator = getattr(stats, family, None) if isinstance(family, str) else None
    if not isinstance(generator, (stats.rv_continuous, stats.rv_discrete)):
        raise ValueError(
            "`family` must name a classic scipy.stats distribution such as 'norm' or "
            f"'poisson' (got {family!r})"
        )
    template = _generator_template(family)
    if isinstance(template, stats.rv_discrete):
        # scipy's samplers refuse a count such as binom's n as a float (10.0)
        params = _whole_numbers_as_int(params)
    try:
        return _scipy.fast_freeze(template, params)
    except TypeError as exc:
        raise ValueError(f"`params` do not fit scipy.stats.{family}: {exc}") from None


def _whole_numbers_as_int(params: dict) -> dict:
    """`params` with whole-number floats (10.0) as ints, for discrete scipy families."""
    return {
        name: int(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53
        else value
        for name, value in params.items()
    }


def _shape_names(rv) -> list[str]:
    return [s.strip() for s in rv.shapes.split(",")] if rv.shapes else []


def _classic_law(obj, name: str) -> Law:
    rv = obj.dist
    if rv.name == "vonmises":
        raise ValueError(
            f"`{name}` is scipy's vonmises, a density on the circle (periodic in x): "
            "divergences on the line would be wrong. Use stats.vonmises_line, the same "
            "density on one period (−π, π] around loc"
        )
    discrete = isinstance(obj, rv_discrete_frozen)
    try:
        shapes, loc, scale = _scipy.parse_args(rv, *obj.args, **obj.kwds)
    except TypeError as exc:
        raise ValueError(
            f"`{name}` has unknown parameters ({exc}); see scipy.stats.{rv.name}"
        ) from None
    values = (*shapes, loc, scale)
    if not all(isinstance(v, _SCALAR_TYPES) or np.ndim(v) == 0 for v in values):
        raise ValueError(f"`{name}` must have scalar parameters, not arrays")
    values = tuple(float(v) for v in values)
    shapes, loc, scale = values[:-2], values[-2], values[-1]
    shape_names = _shape_names(rv)

    def text() -> str:
        return _describe(rv.name, dict(zip(shape_names, shapes)), loc, None if discrete else scale)

    if not all(math.isfinite(v) for v in values):
        raise ValueError(f"`{name}` = {text()} has a non-finite parameter; use finite numbers")
    if not scale > 0:
        raise ValueError(f"`{name}` = {text()} needs scale > 0")
    if any(v != 0 and not _MIN_MAGNITUDE <= abs(v) <= _MAX_MAGNITUDE for v in values):
        raise ValueError(
            f"`{name}` = {text()} has a parameter too extreme to compute with; use 0 or "
            f"sizes between {_MIN_MAGNITUDE:g} and {_MAX_MAGNITUDE:g}"
        )
    if not _scipy.shapes_valid(rv, shapes):
        raise ValueError(
            f"`{name}` = {text()} has invalid shape parameters for scipy.stats.{rv.name}; "
            "see its documentation for the allowed ranges"
        )
    for shape, value in zip(shape_names, shapes):
        low, high = VERIFIED_SHAPES.get(rv.name, {}).get(shape, (-math.inf, math.inf))
        if not low <= value <= high:
            raise ValueError(
                f"`{name}` = {text()}: {shape} must be between {low:g} and {high:g}, the "
                f"range where kl_core's values for {rv.name} are verified"
            )
    a_std, b_std = _scipy.standard_support(rv, shapes)
    if discrete:
        support = (a_std + loc, b_std + loc)
    else:
        support = (a_std * scale + loc, b_std * scale + loc)
    law = Law(
        obj,
        rv.name,
        "discrete" if discrete else "continuous",
        dict(zip(shape_names, shapes)),
        loc,
        scale,
        support,
    )
    law._logpdf = _classic_logpdf(rv, shapes, loc, scale, (a_std, b_std), discrete)
    return law


def _classic_logpdf(rv, shapes, loc, scale, std_support, discrete):
    """A vectorised log density that skips scipy's per-call argument handling."""
    a_std, b_std = std_support
    log_scale = math.log(scale)
    core = families.LOG_DENSITY_OVERRIDES.get(rv.name) or _scipy.log_density(rv, discrete)

    whole_line = math.isinf(a_std) and math.isinf(b_std) and not discrete

    def logpdf(x: np.ndarray) -> np.ndarray:
        z = (x - loc) if discrete else (x - loc) / scale
        if discrete:
            inside = (z >= a_std) & (z <= b_std) & (z == np.floor(z))
        else:
            if whole_line or ((z > a_std) & (z < b_std)).all():  # common: no masking
                with np.errstate(all="ignore"):
                    out = np.asarray(core(z, *shapes), dtype=float)
                    out -= log_scale
                nan = np.isnan(out)
                return np.where(nan, -np.inf, out) if nan.any() else out
            inside = (z > a_std) & (z < b_std)
        out = np.full(z.shape, -np.inf)
        if inside.any():
            with np.errstate(all="ignore"):
                values = np.asarray(core(z[inside], *shapes), dtype=float)
            out[inside] = values if discrete else values - log_scale
        if not discrete:
            edge = (z == a_std) | (z == b_std)
            if edge.any():  # closed ends (e.g. uniform): ask scipy's public method
                with np.errstate(all="ignore"):
                    out[edge] = rv.logpdf(z[edge], *shapes) - log_scale
        return np.where(np.isnan(out), -np.inf, out)

    return logpdf


def _new_style_law(obj, name: str) -> Law:
    try:
        a, b = (float(v) for v in obj.support())
        probe = float(np.asarray(obj.logpdf(0.5 * (max(a, -1.0) + min(b, 1.0)))))
    except Exception as exc:
        raise ValueError(f"`{name}` could not be evaluated ({exc}); check its parameters") from None
    if math.isnan(probe):
        raise ValueError(f"`{name}` has invalid parameters ({obj!r}); check their ranges")
    loc = float(getattr(obj, "loc", 0.0)) if np.ndim(getattr(obj, "loc", 0.0)) == 0 else 0.0
    law = Law(obj, type(obj).__name__, "continuous", {}, loc, 1.0, (a, b))

    def logpdf(x: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            out = np.asarray(obj.logpdf(x), dtype=float)
        return np.where(np.isnan(out), -np.inf, out)

    law._logpdf = logpdf
    try:
        iqr = float(obj.icdf(0.75) - obj.icdf(0.25))
        law.__dict__["spread"] = iqr / 2 if math.isfinite(iqr) and iqr > 0 else 1.0
    except Exception:
        law.__dict__["spread"] = 1.0
    return law


def _mixture_law(obj, name: str) -> Law:
    classic = _MIXTURE_COMPONENTS.get(obj)
    weights = np.asarray(obj.weights, dtype=float)
    if classic is not None:
        parts = [_classic_law(c, f"{name} component {i}") for i, c in enumerate(classic)]
    else:
        parts = [_new_style_law(c, f"{name} component {i}") for i, c in enumerate(obj.components)]
    if any(part.kind != "continuous" for part in parts):
        raise ValueError(f"`{name}`: mixture components must be continuous distributions")
    # A component of weight 0 contributes nothing, not even to the support.
    parts = [part for part, w in zip(parts, weights) if w > 0]
    weights = weights[weights > 0]
    support = (min(p.support[0] for p in parts), max(p.support[1] for p in parts))
    law = Law(obj, "mixture", "continuous", {}, 0.0, 1.0, support, tuple(zip(weights, parts)))
    log_w = np.log(weights)

    def logpdf(x: np.ndarray) -> np.ndarray:
        terms = [lw + part.logpdf(x) for lw, part in zip(log_w, parts)]
        top = terms[0].copy()
        for term in terms[1:]:
            np.maximum(top, term, out=top)
        safe = np.where(np.isfinite(top), top, 0.0)  # all -inf: every component is 0 there
        total = np.zeros_like(top)
        for term in terms:
            total += np.exp(term - safe)
        with np.errstate(divide="ignore"):
            return np.where(np.isneginf(top), -np.inf, safe + np.log(total))

    law._logpdf = logpdf
    return law


# The validated Law of each recently used classic frozen distribution, with the
# parameters it was made from (a distribution whose args or kwds were changed is
# validated again). Validation is ~14 us, most of a closed-form kl() call, and the pages
# validate the same objects many times per rerun. Keyed by the object's id and holding
# the object itself (its Law refers to it anyway), so an id is never reused while its
# entry lives; bounded, so it keeps at most this many objects alive. Nothing is written
# onto a user's own object.
_LAW_CACHE_SIZE = 512
_LAWS: OrderedDict = OrderedDict()
_LAWS_LOCK = threading.Lock()


def _cached_classic_law(obj, name: str) -> Law:
    params = (type(obj.dist), obj.args, tuple(obj.kwds.items()))
    if not all(isinstance(v, _SCALAR_TYPES) for v in (*obj.args, *obj.kwds.values())):
        return _classic_law(obj, name)  # arrays and such: validated (and refused) each time
    key = id(obj)
    entry = _LAWS.get(key)  # one dict lookup: atomic, so the hit path takes no lock
    if entry is not None and entry[0] is obj and entry[1] == params:
        try:  # noqa: SIM105  (contextlib.suppress costs more on this hot path)
            _LAWS.move_to_end(key)
        except KeyError:  # evicted by another thread meanwhile: the Law is still valid
            pass
        return entry[2]
    law = _classic_law(obj, name)
    with _LAWS_LOCK:
        _LAWS[key] = (obj, params, law)
        _LAWS.move_to_end(key)
        while len(_LAWS) > _LAW_CACHE_SIZE:
            _LAWS.popitem(last=False)
    return law


def as_law(obj, name: str = "p") -> Law:
    """Validate a distribution object and wrap it as a :class:`Law`.

    Parameters
    ----------
    obj : object
        A classic frozen scipy distribution (``stats.norm(0, 1)``), a
        ``scipy.stats.Mixture`` or another newer scipy continuous distribution.
    name : str
        The argument name used in error messages.

    Returns
    -------
    Law

    Raises
    ------
    ValueError
        If `obj` is not a supported distribution or its parameters are invalid.

    Examples
    --------
    >>> from scipy import special, stats
    >>> law = as_law(stats.gamma(a=2, scale=3))
    >>> law.family, law.kind, law.support, law.shapes
    ('gamma', 'continuous', (0.0, inf), {'a': 2.0})
    """
    if isinstance(obj, Law):
        return obj
    if isinstance(obj, (rv_continuous_frozen, rv_discrete_frozen)):
        return _cached_classic_law(obj, name)
    if isinstance(obj, stats.Mixture):
        return _mixture_law(obj, name)
    if isinstance(obj, ContinuousDistribution):
        return _new_style_law(obj, name)
    raise ValueError(
        f"`{name}` must be a frozen scipy.stats distribution such as stats.norm(loc=0, "
        f"scale=1), a scipy.stats.Mixture, or a spec parsed by kl_core.parse_distribution "
        f"(got {type(obj).__name__})"
    )


def mixture(components, weights=None):
    """A ``scipy.stats.Mixture`` of classic frozen continuous distributions.

    Parameters
    ----------
    components : sequence of frozen scipy.stats continuous distributions
        At least one and at most 20 components.
    weights : sequence of float, optional
        Non-negative weights summing to 1; equal weights by default.

    Returns
    -------
    scipy.stats.Mixture
        A genuine scipy Mixture; `kl_core` remembers its classic components for fast
        evaluation and for :func:`kl_core.format_distribution`.

    Examples
    --------
    >>> from scipy import special, stats
    >>> m = mixture([stats.norm(-2, 1), stats.norm(2, 1)], weights=[0.25, 0.75])
    >>> round(float(m.mean()), 6)
    1.0
    """
    components = list(components)
    if not 1 <= len(components) <= 20:
        raise ValueError(f"`components` must hold 1 to 20 distributions (got {len(components)})")
    laws = [as_law(c, f"components[{i}]") for i, c in enumerate(components)]
    if any(law.kind != "continuous" or law.components for law in laws):
        raise ValueError(
            "`components` must be classic continuous distributions such as "
            "stats.norm(0, 1); nested mixtures and discrete components are not supported"
        )
    if weights is None:
        weights = np.full(len(laws), 1.0 / len(laws))
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (len(laws),):
        raise ValueError(
            f"`weights` must have one entry per component ({len(laws)}), got shape {weights.shape}"
        )
    if not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise ValueError("`weights` must be finite and >= 0")
    if abs(weights.sum() - 1.0) > 1e-8:
        raise ValueError(
            f"`weights` must sum to 1 (got {weights.sum():.10g}); rescale them explicitly"
        )
    new_style = [_to_new_style(c, law) for c, law in zip(components, laws)]
    result = stats.Mixture(new_style, weights=weights)
    _MIXTURE_COMPONENTS[result] = tuple(components)
    return result


def mixture_components(obj) -> tuple | None:
    """The classic frozen components of a mixture made by :func:`mixture`, if known."""
    return _MIXTURE_COMPONENTS.get(obj)


@functools.lru_cache(maxsize=64)
def _new_style_family(name: str):
    """Scipy's new-style class for a classic family, by name, built once.

    Building one takes ~70 ms, and every frozen object carries its own copy of the
    family, so they are cached by name.
    """
    with AST_LOCK:  # make_distribution parses scipy's source (see kl_core._ast_lock)
        return stats.make_distribution(getattr(stats, name))


def prepare_mixture_family(name: str) -> None:
    """Build now, once per process, the scipy class :func:`mixture` needs for `name`.

    Each costs ~70-250 ms; a first mixture of 10 rare families paid 2.5 CPU-s.

    A server can call this for every name in ``CONTINUOUS_FAMILIES`` while idle.

    Examples
    --------
    >>> prepare_mixture_family("norm")
    """
    if name not in CONTINUOUS_FAMILIES:
        raise ValueError(f"`name` must be a continuous family such as 'norm' (got {name!r})")
    _new_style_family(name)


def _to_new_style(frozen, law: Law):
    family = _new_style_family(frozen.dist.name)
    base = family(**law.shapes) if law.shapes else family()
    return base * law.scale + law.loc


def _describe(family: str, shapes: dict, loc: float, scale: float | None) -> str:
    parts = [f"{k}={v:g}" for k, v in shapes.items()] + [f"loc={loc:g}"]
    if scale is not None:
        parts.append(f"scale={scale:g}")
    return f"{family}({', '.join(parts)})"
