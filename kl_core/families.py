"""What kl_core knows about each family, by scipy name: one place to add a family.

* which families specs accept (:data:`CONTINUOUS_FAMILIES`, :data:`DISCRETE_FAMILIES`);
* where each family's values are verified (:data:`VERIFIED_SHAPES`);
* exact log densities where scipy's underflow (:data:`LOG_DENSITY_OVERRIDES`), kinks
  inside the support (:data:`KINKS`, :data:`KINKED_AT_LOC`), mirror images
  (:data:`MIRRORS`);
* the tails, for an honest ∞ (:data:`POWER_INDEX`, :data:`LIGHT`, :data:`GROWTH`).

tests/core/test_family_pairs.py checks every family here against every other.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

#: Families accepted by name in specs (scipy.stats names). All are classic scipy
#: distributions; the list leaves out families whose density itself needs numerical
#: integration (e.g. ``studentized_range``), which would make a single KL value slow.
CONTINUOUS_FAMILIES = (
    "norm", "laplace", "logistic", "cauchy", "t", "expon", "gamma", "beta", "lognorm",
    "uniform", "chi2", "chi", "weibull_min", "weibull_max", "pareto", "lomax", "halfnorm",
    "halfcauchy", "gumbel_r", "gumbel_l", "invgamma", "rayleigh", "triang", "skewnorm",
    "f", "maxwell", "levy", "gennorm", "genextreme", "loggamma", "exponnorm", "trapezoid",
    "nakagami",
)  # fmt: skip
DISCRETE_FAMILIES = (
    "poisson", "binom", "geom", "bernoulli", "nbinom", "hypergeom", "betabinom", "zipf",
    "randint", "logser", "dlaplace", "boltzmann", "planck", "skellam", "yulesimon",
)  # fmt: skip
FAMILIES = CONTINUOUS_FAMILIES + DISCRETE_FAMILIES


# Exact log densities for the families whose scipy `_logpdf` is log(_pdf), which
# underflows to -inf in the tails (and would pass for a zero of the density there).
def _log_zipf(k, a):
    return -a * np.log(k) - np.log(special.zeta(a, 1))


LOG_DENSITY_OVERRIDES = {
    "laplace": lambda z: -math.log(2.0) - np.abs(z),
    "pareto": lambda z, b: math.log(b) - (b + 1.0) * np.log(z),
    "levy": lambda z: -0.5 * math.log(2 * math.pi) - 1.5 * np.log(z) - 0.5 / z,
    "zipf": _log_zipf,
    "dlaplace": lambda k, a: math.log(math.tanh(a / 2.0)) - a * np.abs(k),
    "planck": lambda k, lam: math.log(-math.expm1(-lam)) - lam * k,
    "logser": lambda k, p: k * math.log(p) - np.log(k) - math.log(-math.log1p(-p)),
    "boltzmann": lambda k, lam, n: (
        math.log(-math.expm1(-lam)) - lam * k - math.log(-math.expm1(-lam * n))
    ),
}

#: Shape parameters where kl_core's divergences are verified against independent
#: values (exact entropies, Monte Carlo; tests/core/test_family_pairs.py), by family.
#: Outside, a law is refused: below these, mass hides within rounding distance of an
#: end or the tails outrun double precision, and values would be confidently wrong.
VERIFIED_SHAPES: dict[str, dict[str, tuple[float, float]]] = {
    "t": {"df": (0.1, 1e5)},
    "gamma": {"a": (0.1, 1e5)},
    "beta": {"a": (0.1, 1e5), "b": (0.1, 1e5)},
    "lognorm": {"s": (1e-3, 3.0)},
    "chi2": {"df": (0.2, 1e5)},
    "chi": {"df": (0.1, 1e5)},
    "weibull_min": {"c": (0.2, 10.0)},
    "weibull_max": {"c": (0.2, 10.0)},
    "pareto": {"b": (0.1, 1e5)},
    "lomax": {"c": (0.1, 1e5)},
    "invgamma": {"a": (0.1, 1e5)},
    "skewnorm": {"a": (-100.0, 100.0)},  # steeper: a kink at 0 the rule misses
    "f": {"dfn": (0.1, 1e5), "dfd": (0.2, 1e5)},
    "gennorm": {"beta": (0.05, 10.0)},
    "genextreme": {"c": (-1.0, 2.0)},
    "loggamma": {"c": (0.01, 1e5)},
    "exponnorm": {"K": (0.01, 1e4)},
    "nakagami": {"nu": (0.05, 5e4)},  # chi with df = 2·nu, rescaled
    "poisson": {"mu": (0.0, 1e10)},  # sums stay within 2e6 terms of the median: 10 s.d.
    "binom": {"n": (0.0, 1e10)},
    "nbinom": {"n": (1e-3, 1e6), "p": (1e-4, 1.0)},
    "geom": {"p": (1e-4, 1.0)},
    "hypergeom": {"M": (0.0, 1e6)},
    "betabinom": {"n": (0.0, 1e6), "a": (0.1, 1e5), "b": (0.1, 1e5)},
    "zipf": {"a": (2.0, 100.0)},
    "randint": {"low": (-1e6, 1e6), "high": (-1e6, 1e6)},
    "logser": {"p": (0.0, 0.999)},
    "dlaplace": {"a": (1e-3, 100.0)},
    "boltzmann": {"lambda_": (1e-3, 100.0), "N": (1.0, 1e6)},
    "planck": {"lambda_": (1e-3, 100.0)},
    "skellam": {"mu1": (0.0, 1e3), "mu2": (0.0, 1e3)},
    "yulesimon": {"alpha": (1.0, 100.0)},
}

# Where a family's standard density has a kink inside its support (a split point for
# the quadrature), by the shape parameters that place it: the triangle's apex, the
# trapezoid's two corners.
KINKS = {"triang": ("c",), "trapezoid": ("c", "d")}
# Families whose log density has a kink at the location itself (z = 0): kl_core's
# quadrature always splits there; a fit over such a family is polished on it.
KINKED_AT_LOC = frozenset({"laplace"})


# The mirror image (law of −Z for the standard Z) of each family that has one here.
def _same(name: str):
    return lambda shapes: (name, dict(shapes))


MIRRORS = {
    **{name: _same(name) for name in ("norm", "laplace", "logistic", "cauchy", "t", "gennorm")},
    "uniform": _same("uniform"),
    "beta": lambda s: ("beta", {"a": s["b"], "b": s["a"]}),
    "triang": lambda s: ("triang", {"c": 1 - s["c"]}),
    "trapezoid": lambda s: ("trapezoid", {"c": 1 - s["d"], "d": 1 - s["c"]}),
    "gumbel_r": _same("gumbel_l"),
    "gumbel_l": _same("gumbel_r"),
    "weibull_min": lambda s: ("weibull_max", dict(s)),
    "weibull_max": lambda s: ("weibull_min", dict(s)),
    "skewnorm": lambda s: ("skewnorm", {"a": -s["a"]}),
}
UNIT_FAMILIES = frozenset({"uniform", "beta", "triang", "trapezoid"})


# Tail exponents known in closed form, as (left, right) per family, from the shapes.
# P's density falls like |x|^−(α+1) (a power law with index α); None: not a power law.
POWER_INDEX = {
    "t": lambda s: (s["df"], s["df"]),
    "cauchy": lambda s: (1.0, 1.0),
    "halfcauchy": lambda s: (None, 1.0),
    "pareto": lambda s: (None, s["b"]),
    "lomax": lambda s: (None, s["c"]),
    "levy": lambda s: (None, 0.5),
    "invgamma": lambda s: (None, s["a"]),
    "f": lambda s: (None, s["dfd"] / 2),
    "genextreme": lambda s: (None, -1.0 / s["c"] if s["c"] < 0 else None),
}
# Families whose tails fall faster than any power of |x| (every moment is finite).
LIGHT = frozenset({
    "norm", "laplace", "logistic", "expon", "gamma", "lognorm", "chi", "chi2",
    "weibull_min", "weibull_max", "rayleigh", "maxwell", "halfnorm", "skewnorm",
    "gennorm", "gumbel_r", "gumbel_l", "loggamma", "exponnorm", "nakagami",
})  # fmt: skip
# Q's surprise −log q grows like |x|^k: k = 0 for logarithmic growth (power-law and
# log-normal tails), math.inf for faster than any power (a Gumbel's short side).
GROWTH = {
    "norm": lambda s: (2.0, 2.0),
    "skewnorm": lambda s: (2.0, 2.0),
    "halfnorm": lambda s: (None, 2.0),
    "maxwell": lambda s: (None, 2.0),
    "rayleigh": lambda s: (None, 2.0),
    "chi": lambda s: (None, 2.0),
    "nakagami": lambda s: (None, 2.0),
    "laplace": lambda s: (1.0, 1.0),
    "logistic": lambda s: (1.0, 1.0),
    "expon": lambda s: (None, 1.0),
    "gamma": lambda s: (None, 1.0),
    "chi2": lambda s: (None, 1.0),
    "exponnorm": lambda s: (2.0, 1.0),
    "gennorm": lambda s: (s["beta"], s["beta"]),
    "weibull_min": lambda s: (None, s["c"]),
    "weibull_max": lambda s: (s["c"], None),
    "gumbel_r": lambda s: (math.inf, 1.0),
    "gumbel_l": lambda s: (1.0, math.inf),
    "loggamma": lambda s: (1.0, math.inf),
    "t": lambda s: (0.0, 0.0),
    "cauchy": lambda s: (0.0, 0.0),
    "halfcauchy": lambda s: (None, 0.0),
    "pareto": lambda s: (None, 0.0),
    "lomax": lambda s: (None, 0.0),
    "levy": lambda s: (None, 0.0),
    "invgamma": lambda s: (None, 0.0),
    "f": lambda s: (None, 0.0),
    "lognorm": lambda s: (None, 0.0),
}
