"""The estimators page: samples of P and Q, the Monte Carlo running mean, the histogram
and k-NN estimates, and the estimators repeated on fresh samples."""

from __future__ import annotations

import dataclasses

import numpy as np

import kl_core
from kl_core import lessons
from kl_ui.cache import shared
from kl_ui.views.common import distribution
from kl_ui.views.mle import draw


@dataclasses.dataclass(frozen=True)
class Samples:
    """Samples of P and Q, and the Monte Carlo running mean of log(p/q) over draws of P
    at the draw counts shown (mean and se are None when a draw's ratio is ∞)."""

    x: np.ndarray
    y: np.ndarray
    draws: np.ndarray
    mean: np.ndarray | None
    se: np.ndarray | None


@dataclasses.dataclass(frozen=True)
class Repeats:
    """Each estimator's values on 30 fresh pairs of samples of `size` draws."""

    size: int
    estimates: dict[str, list[float]]


@shared(maxsize=16)
def samples_view(p_spec: str, q_spec: str, n: int, seed: int, rounded: bool, base) -> Samples:
    """Samples of P and Q, and the Monte Carlo running mean over draws of P.

    Shared, not copied (up to 2 × 10^6 draws: a copy per rerun would cost more than the
    estimators); the arrays are read-only.
    """
    p, q = distribution(p_spec), distribution(q_spec)
    x, y = draw(p_spec, n, seed, 1), draw(q_spec, n, seed, 2)
    if rounded:
        x, y = np.round(x, 1), np.round(y, 1)
    ratios = lessons.log_ratio_samples(p, q, n, rng=np.random.default_rng([seed, 3]))
    shown = np.unique(np.geomspace(1, n, 300).astype(int)) - 1
    if np.isinf(ratios).any():
        mean = se = None
    else:
        mean, se = lessons.running_mean(kl_core.convert_from_nats(ratios, base))
        mean, se = mean[shown], se[shown]
    return Samples(x=x, y=y, draws=shown + 1, mean=mean, se=se)


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
        width = usable_bin_width(view.x, view.y, width)
        return kl_core.kl_histogram(view.x, view.y, width, base=base)
    except ValueError as exc:
        return str(exc)


@shared()
def knn_estimate(
    p_spec: str, q_spec: str, n: int, seed: int, rounded: bool, k: int, base
) -> float | str:
    """The k-NN estimate on :func:`samples_view`'s samples, or why it is undefined."""
    view = samples_view(p_spec, q_spec, n, seed, rounded, base)
    try:
        return kl_core.kl_knn(view.x, view.y, k=k, base=base)
    except ValueError as exc:
        return str(exc)


@shared()
def estimator_repeats(p_spec: str, q_spec: str, n: int, k: int, width: float, base) -> Repeats:
    """Each estimator on 30 fresh pairs of samples of size n (at most 5,000)."""
    p, q = distribution(p_spec), distribution(q_spec)
    size = min(n, 5_000)
    out: dict[str, list[float]] = {"Monte Carlo": [], "histogram": [], f"k-NN (k = {k})": []}
    for r in range(30):
        rng = np.random.default_rng([777, r])
        out["Monte Carlo"].append(kl_core.kl_monte_carlo(p, q, size, rng=rng, base=base).estimate)
        x, y = draw(p_spec, size, 777 + r, 1), draw(q_spec, size, 777 + r, 2)
        used = usable_bin_width(x, y, width)
        out["histogram"].append(kl_core.kl_histogram(x, y, used, base=base).value)
        out[f"k-NN (k = {k})"].append(kl_core.kl_knn(x, y, k=k, base=base))
    return Repeats(size=size, estimates=out)
