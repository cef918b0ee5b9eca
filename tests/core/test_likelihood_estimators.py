"""MLE ⇔ minimum KL, and estimators of KL from samples."""

import math

import numpy as np
import pytest
from scipy import stats

import kl_core
from kl_core import lessons
from kl_core import parse_distribution as spec

MIX = spec("mixture(norm(-2, 1), norm(2, 0.5), weights=[0.3, 0.7])")


def test_normal_mle_is_sample_mean_and_biased_sd():
    x = np.random.default_rng(0).normal(3, 2, 1000)
    fit = lessons.mle_fit(x, "norm")
    assert fit.loc == pytest.approx(x.mean())
    assert fit.scale == pytest.approx(x.std(ddof=0))
    assert fit.value == pytest.approx(stats.norm(fit.loc, fit.scale).logpdf(x).mean())


def test_laplace_and_logistic_mle_match_scipy_fit():
    x = np.random.default_rng(1).logistic(1, 2, 4000)
    lap = lessons.mle_fit(x, "laplace")
    assert lap.loc == pytest.approx(np.median(x))
    assert lap.scale == pytest.approx(np.mean(np.abs(x - np.median(x))))
    log = lessons.mle_fit(x, "logistic")
    loc, scale = stats.logistic.fit(x)
    assert log.loc == pytest.approx(loc, abs=1e-4)
    assert log.scale == pytest.approx(scale, abs=1e-4)


@pytest.mark.parametrize("family", lessons.LIKELIHOOD_FAMILIES)
def test_likelihood_surface_equals_the_direct_average(family):
    x = np.random.default_rng(2).normal(0.5, 1.5, 500)
    ll = lessons.LogLikelihood(x, family)
    rv = getattr(stats, family)
    for loc, scale in [(0.0, 1.0), (0.7, 2.5), (-1.0, 0.4)]:
        assert float(ll(loc, scale)) == pytest.approx(rv(loc, scale).logpdf(x).mean(), rel=1e-12)


def test_forward_projection_of_a_mixture_onto_normals_is_moment_matching():
    fit = lessons.kl_projection(MIX, "norm")
    assert fit.loc == pytest.approx(float(MIX.mean()), abs=1e-6)
    assert fit.scale == pytest.approx(math.sqrt(float(MIX.variance())), abs=1e-6)
    assert fit.value == pytest.approx(kl_core.kl(MIX, stats.norm(fit.loc, fit.scale)), rel=1e-7)


def test_population_log_likelihood_is_minus_entropy_minus_divergence():
    h = lessons.differential_entropy(MIX)
    for loc, scale in [(0.0, 1.0), (1.0, 2.0)]:
        value = float(lessons.population_log_likelihood(MIX, "norm", [loc], [scale], level=6)[0])
        assert value == pytest.approx(-h - kl_core.kl(MIX, stats.norm(loc, scale)), abs=1e-7)


@pytest.mark.parametrize("dist", [stats.norm(1, 2), stats.gamma(3), stats.laplace(0, 0.5)])
def test_differential_entropy_matches_scipy(dist):
    assert lessons.differential_entropy(dist) == pytest.approx(float(dist.entropy()), abs=1e-9)
    assert lessons.differential_entropy(dist, base=2) == pytest.approx(
        float(dist.entropy()) / math.log(2)
    )


def test_average_log_likelihood_at_the_projection_converges_to_the_population_value():
    theta = lessons.kl_projection(MIX, "norm")
    x = MIX.sample(200_000, rng=np.random.default_rng(3))
    logq = stats.norm(theta.loc, theta.scale).logpdf(x)
    se = logq.std() / math.sqrt(x.size)
    population = -lessons.differential_entropy(MIX) - theta.value
    assert abs(logq.mean() - population) < 4 * se
    assert float(lessons.LogLikelihood(x, "norm")(theta.loc, theta.scale)) == pytest.approx(
        logq.mean()
    )


def test_mle_converges_to_the_projection_as_n_grows():
    conv = lessons.mle_convergence(MIX, "norm", [30, 300, 30_000], repeats=30, rng=4)
    theta = lessons.kl_projection(MIX, "norm")
    spread = conv.locs.std(axis=0)
    assert spread[0] > spread[1] > spread[2]
    assert abs(conv.locs[:, 2].mean() - theta.loc) < 0.02
    assert conv.divergences.shape == (30, 3)
    assert conv.divergences[:, 2].mean() == pytest.approx(theta.value, abs=1e-3)
    assert np.all(conv.divergences >= theta.value - 1e-9)  # θ* minimises D


@pytest.mark.parametrize(
    ("p", "q"),
    [
        (stats.norm(0, 1), stats.norm(1, 1)),
        (stats.norm(0, 1), stats.norm(0, 2)),
        (stats.norm(0, 1), stats.norm(1, 2)),
    ],
)
def test_knn_estimator_is_close_for_n_20000(p, q):
    rng = np.random.default_rng(5)
    estimate = kl_core.kl_knn(p.rvs(20_000, random_state=rng), q.rvs(20_000, random_state=rng), k=5)
    assert estimate == pytest.approx(kl_core.kl(p, q), abs=0.03)


def test_knn_is_biased_low_when_p_reaches_where_q_has_few_samples():
    # P wider than Q: P's samples land in Q's sparse tails, where ν is overestimated.
    rng = np.random.default_rng(5)
    p, q = stats.norm(0, 2), stats.norm(1, 1)
    estimate = kl_core.kl_knn(p.rvs(20_000, random_state=rng), q.rvs(20_000, random_state=rng))
    assert estimate < kl_core.kl(p, q) - 0.1


def test_knn_estimator_in_two_dimensions():
    rng = np.random.default_rng(6)
    x = rng.normal(0, 1, (20_000, 2))
    y = rng.normal(0.5, 1, (20_000, 2))
    assert kl_core.kl_knn(x, y, k=5) == pytest.approx(2 * 0.125, abs=0.03)


def test_knn_can_be_negative_near_zero_and_bits_convert():
    rng = np.random.default_rng(7)
    estimates = [kl_core.kl_knn(rng.normal(size=50), rng.normal(size=50)) for _ in range(40)]
    assert min(estimates) < 0 < max(estimates)
    x, y = rng.normal(size=500), rng.normal(1, 1, 500)
    assert kl_core.kl_knn(x, y, base=2) == pytest.approx(kl_core.kl_knn(x, y) / math.log(2))


def test_knn_duplicates_and_shared_points_raise_clear_messages():
    x = np.array([0.0, 0.0, 1.0, 2.0])
    with pytest.raises(ValueError, match="duplicate points"):
        kl_core.kl_knn(x, [0.5, 1.5, 2.5])
    with pytest.raises(ValueError, match="coincide with points of `y`"):
        kl_core.kl_knn([0.0, 1.0, 2.0], [1.0, 5.0])
    with pytest.raises(ValueError, match="`k` must be a positive whole number"):
        kl_core.kl_knn([0.0, 1.0], [1.0], k=0)
    with pytest.raises(ValueError, match="same dimension"):
        kl_core.kl_knn(np.zeros((3, 2)) + np.arange(3)[:, None], np.ones((3, 1)))


def test_histogram_breaks_on_an_empty_q_bin_and_says_where():
    rng = np.random.default_rng(8)
    est = kl_core.kl_histogram(rng.normal(0, 1, 2000), rng.normal(4, 0.5, 2000), 0.5)
    assert est.value == math.inf
    assert est.empty_q_bins.size > 0
    assert np.all(est.p_counts[est.empty_q_bins] > 0)
    assert np.all(est.q_counts[est.empty_q_bins] == 0)


def test_histogram_depends_on_the_bin_width_but_is_close_when_well_chosen():
    rng = np.random.default_rng(9)
    x, y = rng.normal(0, 1, 100_000), rng.normal(0, 2, 100_000)
    exact = kl_core.kl(stats.norm(0, 1), stats.norm(0, 2))
    assert kl_core.kl_histogram(x, y, 0.2).value == pytest.approx(exact, abs=0.02)
    assert kl_core.kl_histogram(x, y, 3.0).value < exact - 0.05  # too coarse: biased low


def test_running_mean_and_standard_error():
    v = np.random.default_rng(10).normal(size=100)
    mean, se = lessons.running_mean(v)
    assert mean[-1] == pytest.approx(v.mean())
    assert se[-1] == pytest.approx(v.std(ddof=1) / 10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: lessons.mle_fit([1.0], "norm"), "`x` must be a 1-D sample"),
        (lambda: lessons.mle_fit([1.0, np.nan], "norm"), "`x` contains NaN"),
        (lambda: lessons.mle_fit([2.0, 2.0], "norm"), "no spread"),
        (lambda: lessons.mle_fit([1.0, 2.0], "gamma"), "`family` must be one of"),
        (lambda: lessons.kl_projection(stats.cauchy(), "norm"), "tails too heavy"),
        (lambda: kl_core.kl_histogram([0.0, 1.0], [0.0, 1.0], 0.0), "`bin_width`"),
        (lambda: kl_core.kl_histogram([0.0, 1e9], [0.0, 1.0], 1.0), "at most 100,000 bins"),
        (lambda: lessons.running_mean([]), "`values`"),
        (lambda: lessons.mle_convergence(MIX, "norm", [1]), "`ns`"),
    ],
)
def test_validation_messages(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("k", [1, 3, 10])
def test_one_dimensional_knn_fast_path_equals_the_kd_tree(k):
    from scipy.spatial import cKDTree

    from kl_core.estimators import _knn_distances_1d

    rng = np.random.default_rng(11)
    x, y = rng.normal(size=3000), rng.normal(0.3, 1.4, 2000)
    rho, nu = _knn_distances_1d(x, y, k)
    xs = np.sort(x)
    ref_rho = cKDTree(xs[:, None]).query(xs[:, None], k=k + 1)[0][:, k]
    ref_nu = cKDTree(y[:, None]).query(xs[:, None], k=k)[0]
    ref_nu = ref_nu[:, k - 1] if k > 1 else ref_nu
    np.testing.assert_allclose(rho, ref_rho)
    np.testing.assert_allclose(nu, ref_nu)


def test_logistic_surface_on_binned_large_samples_is_close_to_exact():
    x = np.random.default_rng(12).logistic(0, 1, 50_000)
    binned = lessons.LogLikelihood(x, "logistic")
    exact = stats.logistic(0.3, 1.2).logpdf(x).mean()
    assert float(binned(0.3, 1.2)) == pytest.approx(exact, abs=1e-5)
