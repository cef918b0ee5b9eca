"""Every use of scipy's private API in kl_core, in one place, checked at import.

kl_core reads classic scipy distributions through a handful of scipy's private names,
each for a measured reason:

- ``rv_continuous_frozen`` and ``rv_discrete_frozen`` (``scipy.stats._distn_infrastructure``)
  and ``ContinuousDistribution`` (``scipy.stats._distribution_infrastructure``): the
  types of the objects users pass; scipy exports no public name to test against.
- ``_parse_args``, ``_argcheck`` and ``_get_support``: a frozen distribution's shape
  parameters, their validity and its standard support, as scipy itself computes them.
  The public route (``.support()``, ``.args``) cannot tell a shape from loc and scale.
- ``_logpdf`` and ``_logpmf``: the standardised log density without scipy's per-call
  argument handling (~40 µs per call; a quadrature calls it hundreds of times).
- ``_updated_ctor_param`` and building frozen objects with ``object.__new__``
  (:func:`fast_freeze`): freezing through scipy builds a new generator and formats its
  docstring, 0.6 ms per object, more than a closed-form divergence takes.

The module checks at import that each of these still exists, and warns (once) when
scipy's version is not the one this module was written and tested for.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy
from scipy import stats
from scipy.stats._distn_infrastructure import rv_continuous_frozen, rv_discrete_frozen
from scipy.stats._distribution_infrastructure import ContinuousDistribution

__all__ = [
    "WRITTEN_FOR",
    "ContinuousDistribution",
    "ScipyVersionWarning",
    "fast_freeze",
    "fresh_generator",
    "log_density",
    "parse_args",
    "rv_continuous_frozen",
    "rv_discrete_frozen",
    "shapes_valid",
    "standard_support",
]

#: The scipy release (major, minor) this module was written and tested for.
WRITTEN_FOR = (1, 17)

_GENERATOR_HOOKS = ("_parse_args", "_argcheck", "_get_support", "_updated_ctor_param")


class ScipyVersionWarning(UserWarning):
    """scipy is not the release kl_core's private hooks were written for."""


def parse_args(generator, *args, **kwds) -> tuple:
    """``(shapes, loc, scale)`` of a frozen distribution's arguments, as scipy reads them.

    Examples
    --------
    >>> shapes, loc, scale = parse_args(stats.gamma, 2.0, scale=3.0)
    >>> [float(s) for s in shapes], float(loc), float(scale)
    ([2.0], 0.0, 3.0)
    """
    return generator._parse_args(*args, **kwds)


def shapes_valid(generator, shapes) -> bool:
    """Whether scipy accepts these shape parameters for `generator`.

    Examples
    --------
    >>> shapes_valid(stats.gamma, (2.0,)), shapes_valid(stats.gamma, (-1.0,))
    (True, False)
    """
    return bool(np.all(generator._argcheck(*shapes)))


def standard_support(generator, shapes) -> tuple[float, float]:
    """The support of the standardised distribution (loc 0, scale 1).

    Examples
    --------
    >>> standard_support(stats.beta, (2.0, 5.0))
    (0.0, 1.0)
    """
    a, b = generator._get_support(*shapes)
    return float(a), float(b)


def log_density(generator, discrete: bool):
    """Scipy's standardised log density (``_logpmf`` or ``_logpdf``).

    It is called as ``f(z, *shapes)``, without scipy's argument checks.

    Examples
    --------
    >>> float(log_density(stats.norm, False)(0.0))
    -0.9189385332046727
    """
    return generator._logpmf if discrete else generator._logpdf


def fresh_generator(generator):
    """A new generator object of the same family and settings as `generator`.

    Examples
    --------
    >>> g = fresh_generator(stats.norm)
    >>> g is stats.norm, g.name
    (False, 'norm')
    """
    return generator.__class__(**generator._updated_ctor_param())


def fast_freeze(template, params: dict):
    """``template(**params)`` as scipy would freeze it, in microseconds.

    The frozen object gets its own generator, a shallow copy of `template` (a generator
    built once per family), as scipy's own freezing would give it a new one.

    Raises
    ------
    TypeError
        If `params` does not fit the family (as scipy's own freezing would).

    Examples
    --------
    >>> d = fast_freeze(fresh_generator(stats.gamma), {"a": 2.0, "scale": 3.0})
    >>> float(d.mean()), type(d) is type(stats.gamma(2.0))
    (6.0, True)
    """
    generator = object.__new__(type(template))
    generator.__dict__.update(template.__dict__)
    discrete = isinstance(template, stats.rv_discrete)
    frozen = object.__new__(rv_discrete_frozen if discrete else rv_continuous_frozen)
    frozen.args, frozen.kwds, frozen.dist = (), dict(params), generator
    shapes, _, _ = generator._parse_args(**params)
    frozen.a, frozen.b = generator._get_support(*shapes)
    return frozen


def _check() -> None:
    missing = [hook for hook in _GENERATOR_HOOKS if not hasattr(stats.norm, hook)]
    missing += [hook for hook in ("_logpdf",) if not hasattr(stats.norm, hook)]
    missing += [hook for hook in ("_logpmf",) if not hasattr(stats.poisson, hook)]
    if missing:
        raise ImportError(
            f"kl_core needs scipy's private {', '.join(missing)}, which scipy "
            f"{scipy.__version__} no longer has; install scipy "
            f"{WRITTEN_FOR[0]}.{WRITTEN_FOR[1]}"
        )
    release = tuple(int(part) for part in scipy.__version__.split(".")[:2])
    if release != WRITTEN_FOR:
        warnings.warn(
            f"kl_core's scipy hooks were written for scipy {WRITTEN_FOR[0]}."
            f"{WRITTEN_FOR[1]}; this is scipy {scipy.__version__}. Its tests pin "
            f"{WRITTEN_FOR[0]}.{WRITTEN_FOR[1]}: run them before trusting new values",
            ScipyVersionWarning,
            stacklevel=2,
        )


_check()
