"""Figures of /mle and /samples by their data."""

import math

import numpy as np
import pytest
from scipy import stats

import kl_core
from kl_core import lessons
from kl_ui import figures

MIX = kl_core.parse_distribution("mixture(norm(-2, 1), norm(2, 0.5), weights=[0.3, 0.7])")


def test_entropy_gap_is_constant_between_cross_entropy_and_divergence():
    star = lessons.kl_projection(MIX, "norm")
    mu = np.linspace(-3, 3, 31)
    expected = lessons.population_log_likelihood(MIX, "norm", mu, star.scale, level=6)
    divergence = lessons.kl_sweep(MIX, stats.norm(0, star.scale), "loc", mu).forward
    h = lessons.differential_entropy(MIX)
    fig = figures.entropy_gap_figure(mu, divergence, -expected, h, "nats")
    cross, div = fig.spec["data"][0]["y"], fig.spec["data"][1]["y"]
    np.testing.assert_allclose(np.asarray(cross) - np.asarray(div), h, atol=1e-6)
    gap = fig.spec["data"][2]
    assert gap["y"][1] - gap["y"][0] == pytest.approx(h, abs=1e-6)


def test_likelihood_curves_mark_both_maxima():
    x = MIX.sample(5000, rng=np.random.default_rng(0))
    fit = lessons.mle_fit(x, "norm")
    star = lessons.kl_projection(MIX, "norm")
    mu = np.linspace(-3, 3, 121)
    empirical = lessons.LogLikelihood(x, "norm")(mu, fit.scale)
    population = lessons.population_log_likelihood(MIX, "norm", mu, star.scale)
    fig = figures.likelihood_curves(mu, empirical, population, fit.loc, star.loc, 5000, "nats")
    mle, proj = fig.spec["data"][2], fig.spec["data"][3]
    assert mle["x"][0] == fit.loc
    assert proj["x"][0] == star.loc
    assert mle["y"][0] == pytest.approx(float(np.max(empirical)), abs=1e-3)


def test_running_mean_band_is_two_standard_errors_and_infinity_is_said():
    mean, se = lessons.running_mean(np.random.default_rng(1).normal(size=200))
    fig = figures.running_mean_figure(np.arange(1, 201), mean, se, 0.0, "nats")
    band = np.asarray(fig.spec["data"][0]["y"])
    np.testing.assert_allclose(band[:200], mean + 2 * se)
    heavy = figures.running_mean_figure(np.arange(1, 201), mean, se, math.inf, "nats")
    assert "never settles" in heavy.spec["layout"]["annotations"][0]["text"]


def test_histogram_figure_flags_the_empty_q_bins():
    rng = np.random.default_rng(2)
    est = kl_core.kl_histogram(rng.normal(0, 1, 500), rng.normal(4, 0.5, 500), 0.5)
    fig = figures.histogram_figure(est.edges, est.p_counts, est.q_counts, est.empty_q_bins)
    flags = fig.spec["data"][2]
    assert len(flags["x"]) == est.empty_q_bins.size
    np.testing.assert_array_equal(fig.spec["data"][0]["y"], est.p_counts)


def test_spread_figure_has_one_strip_per_estimator_and_the_exact_line():
    fig = figures.estimator_spread_figure({"a": [0.1, 0.2], "b": [math.inf, 0.3]}, 0.25, "bits")
    assert [d["name"] for d in fig.spec["data"]] == ["a", "b"]
    assert np.isnan(fig.spec["data"][1]["y"][0])
    assert fig.spec["layout"]["shapes"][0]["y0"] == 0.25
