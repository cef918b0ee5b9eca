"""kl_core: Kullback-Leibler divergence, done right.

Discrete vectors and scipy distributions, closed forms where they exist, numerical
integration and Monte Carlo where they do not, an honest ∞ with its reason, and units
(nats, bits, hartleys). Pure numpy and scipy.

The names here are the library. Result types live in their modules
(``kl_core.divergence.MethodComparison``, ``kl_core.monte_carlo.MonteCarloResult``, ...), and
the computations that exist for the app's lessons (curves, sweeps, fits, likelihood) in
:mod:`kl_core.lessons`.

Examples
--------
>>> from scipy import stats
>>> import kl_core
>>> round(kl_core.kl_divergence([0.5, 0.5], [0.9, 0.1], base=2), 6)
0.736966
>>> kl_core.kl(kl_core.parse_distribution("cauchy(0, 1)"), stats.norm(0, 1))
inf
"""

from kl_core.closed_forms import register_kl, registered_pairs
from kl_core.discrete import (
    cross_entropy,
    entropy,
    kl_divergence,
    kl_smoothed,
    kl_terms,
    normalize,
    support_violations,
)
from kl_core.distributions import FAMILIES, freeze, mixture
from kl_core.divergence import compare_methods, kl, kl_details
from kl_core.estimators import kl_histogram, kl_knn
from kl_core.monte_carlo import kl_monte_carlo
from kl_core.numeric import kl_numeric
from kl_core.parsing import format_distribution, parse_distribution
from kl_core.proof import jensen_proof
from kl_core.result import KLResult, Method
from kl_core.units import UNIT_BASES, convert_from_nats

__all__ = [
    "FAMILIES",
    "UNIT_BASES",
    "KLResult",
    "Method",
    "compare_methods",
    "convert_from_nats",
    "cross_entropy",
    "entropy",
    "format_distribution",
    "freeze",
    "jensen_proof",
    "kl",
    "kl_details",
    "kl_divergence",
    "kl_histogram",
    "kl_knn",
    "kl_monte_carlo",
    "kl_numeric",
    "kl_smoothed",
    "kl_terms",
    "mixture",
    "normalize",
    "parse_distribution",
    "register_kl",
    "registered_pairs",
    "support_violations",
]
