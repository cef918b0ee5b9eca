"""kl_core.lessons: the computations that exist for the app's lessons, not for a library user.

Density curves on a plotting grid, sweeps and maps of both directions over a parameter,
normal fits both ways round, maximum likelihood as minimum KL, and the page helpers
(windowed integrals, text parsing of probability vectors and labels, running means).
They are tested like the rest of kl_core, but their shapes follow the pages and may
change with them; the stable library is ``kl_core`` itself.

Examples
--------
>>> from kl_core import lessons, parse_distribution
>>> fit = lessons.fit_normal(parse_distribution("mixture(norm(-2, 1), norm(2, 1))"), "forward")
>>> round(fit.loc, 6), round(fit.scale, 4)
(0.0, 2.2361)
"""

from kl_core.estimators import running_mean
from kl_core.lessons.curves import DensityCurves, density_curves, plot_grid, plot_window
from kl_core.lessons.fitting import NormalFit, fit_normal, grid_minima, moment_match, reverse_optima
from kl_core.lessons.likelihood import (
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
from kl_core.lessons.sweeps import (
    KLMap,
    LocScaleDivergences,
    Sweep,
    expectation_rule,
    kl_map,
    kl_sweep,
    sweep_densities,
    sweep_laws,
)
from kl_core.lessons.windows import kl_window, kl_windows
from kl_core.monte_carlo import log_ratio_samples
from kl_core.parsing import parse_labels, parse_probabilities
from kl_core.units import log_in_base, unit_name

__all__ = [
    "LIKELIHOOD_FAMILIES",
    "DensityCurves",
    "KLMap",
    "LocScaleDivergences",
    "LogLikelihood",
    "MLEConvergence",
    "NormalFit",
    "ProjectionFit",
    "Sweep",
    "density_curves",
    "differential_entropy",
    "expectation_rule",
    "fit_normal",
    "grid_minima",
    "kl_map",
    "kl_projection",
    "kl_sweep",
    "kl_window",
    "kl_windows",
    "log_in_base",
    "log_ratio_samples",
    "mle_convergence",
    "mle_fit",
    "moment_match",
    "parse_labels",
    "parse_probabilities",
    "plot_grid",
    "plot_window",
    "population_log_likelihood",
    "reverse_optima",
    "running_mean",
    "sweep_densities",
    "sweep_laws",
    "unit_name",
]
