"""Figures as pure functions: kl_core results in, a plotly Figure out (no st.*, no state).

P is always blue and Q always orange. Every axis that carries an information quantity
names its unit. One module per page family; everything is re-exported here.
"""

from kl_ui.figures.asymmetry import (
    divergence_maps,
    fit_densities,
    fit_path,
    sweep_curves,
    sweep_densities,
)
from kl_ui.figures.explorers import (
    coin_divergence_curve,
    decomposition_bar,
    density_figure,
    pmf_bars,
    smoothing_curve,
    term_bars,
    window_growth,
)
from kl_ui.figures.likelihood import (
    convergence_figure,
    entropy_gap_figure,
    likelihood_curves,
    likelihood_map,
)
from kl_ui.figures.proof import jensen_figure
from kl_ui.figures.samples import estimator_spread_figure, histogram_figure, running_mean_figure

__all__ = [
    "coin_divergence_curve",
    "convergence_figure",
    "decomposition_bar",
    "density_figure",
    "divergence_maps",
    "entropy_gap_figure",
    "estimator_spread_figure",
    "fit_densities",
    "fit_path",
    "histogram_figure",
    "jensen_figure",
    "likelihood_curves",
    "likelihood_map",
    "pmf_bars",
    "running_mean_figure",
    "smoothing_curve",
    "sweep_curves",
    "sweep_densities",
    "term_bars",
    "window_growth",
]
