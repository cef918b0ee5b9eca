"""kl_core: Kullback-Leibler divergence, done right.

Discrete vectors and scipy distributions, closed forms where they exist, numerical
integration and Monte Carlo where they do not, an honest ∞ with its reason, and units
(nats, bits, hartleys). Pure numpy and scipy.

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
from kl_core.curves import DensityCurves, density_curves, plot_grid, plot_window
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
from kl_core.divergence import KLResult, MethodComparison, compare_methods, kl, kl_details
from kl_core.estimators import HistogramEstimate, kl_histogram, kl_knn, running_mean
from kl_core.fitting import NormalFit, fit_normal, grid_minima, moment_match, reverse_optima
from kl_core.likelihood import (
    LIKELIHOOD_FAMILIES,
    LogLikelihood,
    MLEConvergence,
    ProjectionFit,
    differential_entropy,
    kl_projection,
    mle_convergence,
    mle_fit,
    population_log_likelihood,
)
from kl_core.monte_carlo import MonteCarloResult, kl_monte_carlo, log_ratio_samples
from kl_core.numeric import NumericResult, kl_numeric, kl_window, kl_windows
from kl_core.parsing import (
    format_distribution,
    parse_distribution,
    parse_labels,
    parse_probabilities,
)
from kl_core.proof import JensenProof, jensen_proof
from kl_core.sweeps import (
    KLMap,
    LocScaleDivergences,
    Sweep,
    expectation_rule,
    kl_map,
    kl_sweep,
    sweep_densities,
    sweep_laws,
)
from kl_core.units import UNIT_BASES, convert_from_nats, log_in_base, unit_name

__all__ = [
    "FAMILIES",
    "LIKELIHOOD_FAMILIES",
    "UNIT_BASES",
    "DensityCurves",
    "HistogramEstimate",
    "JensenProof",
    "KLMap",
    "KLResult",
    "LocScaleDivergences",
    "LogLikelihood",
    "MLEConvergence",
    "MethodComparison",
    "MonteCarloResult",
    "NormalFit",
    "NumericResult",
    "ProjectionFit",
    "Sweep",
    "compare_methods",
    "convert_from_nats",
    "cross_entropy",
    "density_curves",
    "differential_entropy",
    "entropy",
    "expectation_rule",
    "fit_normal",
    "format_distribution",
    "freeze",
    "grid_minima",
    "jensen_proof",
    "kl",
    "kl_details",
    "kl_divergence",
    "kl_histogram",
    "kl_knn",
    "kl_map",
    "kl_monte_carlo",
    "kl_numeric",
    "kl_projection",
    "kl_smoothed",
    "kl_sweep",
    "kl_terms",
    "kl_window",
    "kl_windows",
    "log_in_base",
    "log_ratio_samples",
    "mixture",
    "mle_convergence",
    "mle_fit",
    "moment_match",
    "normalize",
    "parse_distribution",
    "parse_labels",
    "parse_probabilities",
    "plot_grid",
    "plot_window",
    "population_log_likelihood",
    "register_kl",
    "registered_pairs",
    "reverse_optima",
    "running_mean",
    "support_violations",
    "sweep_densities",
    "sweep_laws",
    "unit_name",
]
