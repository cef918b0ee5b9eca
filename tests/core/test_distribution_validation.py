"""Validation of distribution arguments: one test per message."""

import math

import pytest
from scipy import stats

import kl_core
from kl_core import lessons


@pytest.mark.parametrize(
    ("p", "q", "message"),
    [
        ("norm(0, 1)", stats.norm(), "`p` must be a frozen scipy.stats distribution"),
        (stats.norm(), [0.5, 0.5], "`q` must be a frozen scipy.stats distribution"),
        (stats.norm, stats.norm(), "`p` must be a frozen"),
        (stats.norm(0, -1), stats.norm(), r"`p` = norm\(loc=0, scale=-1\) needs scale > 0"),
        (stats.norm(), stats.gamma(-2), "`q` = gamma.* has invalid shape parameters"),
        (stats.norm(float("nan")), stats.norm(), "`p` = .* has a non-finite parameter"),
        (stats.norm([0, 1]), stats.norm(), "`p` must have scalar parameters"),
        (stats.poisson(-1), stats.poisson(1), "`p` = poisson.* invalid shape"),
    ],
)
def test_bad_distributions_raise_naming_the_argument(p, q, message):
    for fn in (kl_core.kl, kl_core.kl_numeric, kl_core.kl_details):
        with pytest.raises(ValueError, match=message):
            fn(p, q)


def test_base_is_validated_for_distributions():
    with pytest.raises(ValueError, match="`base`"):
        kl_core.kl(stats.norm(), stats.norm(), base=1)


@pytest.mark.parametrize("n", [0, 1, -5, 2.5, "100", 10**9])
def test_monte_carlo_validates_n(n):
    with pytest.raises(ValueError, match="`n` must"):
        kl_core.kl_monte_carlo(stats.norm(), stats.norm(1), n)


def test_window_validates_its_ends():
    with pytest.raises(ValueError, match="`lower` and `upper`"):
        lessons.kl_window(stats.norm(), stats.norm(), 1, -1)
    with pytest.raises(ValueError, match="both be continuous"):
        lessons.kl_window(stats.poisson(1), stats.poisson(2), 0, 3)


def test_mixture_validates_components_and_weights():
    with pytest.raises(ValueError, match="`components` must hold 1 to 20"):
        kl_core.mixture([])
    with pytest.raises(ValueError, match="`weights` must be finite and >= 0"):
        kl_core.mixture([stats.norm(), stats.norm(1)], weights=[-0.5, 1.5])
    with pytest.raises(ValueError, match=r"`components\[1\]` must be a frozen"):
        kl_core.mixture([stats.norm(), "norm()"])


def test_a_validated_law_is_reused_for_the_same_frozen_object():
    from kl_core.distributions import as_law

    d = stats.gamma(a=2.0, scale=3.0)
    assert as_law(d) is as_law(d, "q")
    assert as_law(d) is not as_law(stats.gamma(a=2.0, scale=3.0))


def test_a_frozen_object_changed_in_place_is_validated_again():
    from kl_core.distributions import as_law

    d = stats.norm(loc=0.0, scale=1.0)
    assert as_law(d).scale == 1.0
    d.kwds["scale"] = 2.0
    assert as_law(d).scale == 2.0
    assert kl_core.kl(d, stats.norm(0, 1)) == pytest.approx(math.log(0.5) + (4 - 1) / 2)
    d.kwds["scale"] = -1.0
    with pytest.raises(ValueError, match="scale > 0"):
        as_law(d)


def test_validated_laws_keep_only_the_most_recent_distributions_alive():
    import gc
    import weakref

    from kl_core.distributions import _LAW_CACHE_SIZE, as_law

    d = stats.gamma(a=2.0)
    as_law(d)
    alive = weakref.ref(d)
    del d
    gc.collect()
    assert alive() is not None  # still among the last validated: its Law is cached
    for i in range(_LAW_CACHE_SIZE):
        as_law(stats.norm(i, 1))
    gc.collect()
    assert alive() is None
