"""The maximum-likelihood page: the population view (θ*, h(P), curves over μ, convergence
across N) and one sample's fit."""

from __future__ import annotations

import dataclasses

import numpy as np

import kl_core
from kl_core import lessons
from kl_ui.cache import shared
from kl_ui.views.common import distribution


def draw(spec: str, n: int, seed: int, stream: int = 0) -> np.ndarray:
    """n draws from a spec, reproducible from (seed, stream)."""
    law = kl_core.distributions.as_law(distribution(spec))
    return law.sample(n, np.random.default_rng([seed, stream]))


@dataclasses.dataclass(frozen=True)
class Population:
    """What the population says: θ* = argmin D(P‖Q_θ), h(P), and over the μ grid (σ at
    σ*) the expected log-likelihood, the cross-entropy and D(P‖Q_μ); and how the MLE
    converges across N."""

    star: lessons.ProjectionFit
    mu: np.ndarray
    expected: np.ndarray
    cross: np.ndarray
    divergence: np.ndarray
    entropy: float
    convergence: lessons.MLEConvergence


@dataclasses.dataclass(frozen=True)
class Sample:
    """One sample's MLE, its log-likelihood over the μ grid and over a (μ, σ) grid, its
    value, and D(P‖Q_θ̂) of the fitted model."""

    fit: object
    curve: np.ndarray
    locs: np.ndarray
    scales: np.ndarray
    grid: np.ndarray
    value: float
    fit_divergence: float


@shared()
def population_view(p_spec: str, family: str, base: float | None) -> Population:
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
    return Population(
        star=star,
        mu=mu,
        expected=expected,
        cross=-expected,  # cross-entropy H(P, Q_μ) = −E_P[log q_μ]
        divergence=divergence,
        entropy=entropy,
        convergence=convergence,
    )


@shared()
def sample_view(p_spec: str, family: str, n: int, seed: int, base) -> Sample:
    """The sample's MLE, its likelihood curve over :func:`population_view`'s μ grid and
    its surface over (μ, σ)."""
    population = population_view(p_spec, family, base)
    mu, star_scale = population.mu, population.star.scale
    x = draw(p_spec, n, seed)
    fit = lessons.mle_fit(x, family)
    fitted = kl_core.freeze(family, loc=fit.loc, scale=fit.scale)
    ll = lessons.LogLikelihood(x, family)
    locs = np.linspace(mu[0], mu[-1], 40)
    scales = np.linspace(0.3 * star_scale, 2.5 * star_scale, 40)
    grid = ll(*np.meshgrid(locs, scales))
    return Sample(
        fit=fit,
        curve=kl_core.convert_from_nats(ll(np.asarray(mu), fit.scale), base),
        locs=locs,
        scales=scales,
        grid=kl_core.convert_from_nats(grid, base),
        value=kl_core.convert_from_nats(fit.value, base),
        fit_divergence=kl_core.kl(distribution(p_spec), fitted, base=base),
    )
