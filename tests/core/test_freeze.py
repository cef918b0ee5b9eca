"""kl_core.freeze: the fast frozen distribution behaves exactly like scipy's own freeze."""

import numpy as np
import pytest
from scipy import stats
from scipy.stats._distr_params import distcont, distdiscrete

import kl_core
from kl_core.families import FAMILIES

# scipy's own example parameters for each family (from its test suite's table).
EXAMPLES = {name: args for name, args in distcont + distdiscrete if name in FAMILIES}


def test_every_family_has_an_example():
    assert set(EXAMPLES) == set(FAMILIES)


@pytest.mark.parametrize("name", FAMILIES)
def test_freeze_matches_scipy_on_every_family(name):
    generator = getattr(stats, name)
    shapes = generator.shapes.replace(" ", "").split(",") if generator.shapes else []
    params = dict(zip(shapes, EXAMPLES[name])) | {"loc": 0.5}
    if isinstance(generator, stats.rv_continuous):
        params["scale"] = 1.5
    ours, theirs = kl_core.freeze(name, **params), generator(**params)
    assert type(ours) is type(theirs)
    assert ours.support() == theirs.support()
    assert ours.dist is not generator
    assert ours.dist is not kl_core.freeze(name, **params).dist
    levels = np.array([0.01, 0.3, 0.5, 0.9])
    x = theirs.ppf(levels)
    np.testing.assert_array_equal(ours.ppf(levels), x)
    np.testing.assert_array_equal(ours.cdf(x), theirs.cdf(x))
    density = "pmf" if isinstance(generator, stats.rv_discrete) else "pdf"
    np.testing.assert_array_equal(getattr(ours, density)(x), getattr(theirs, density)(x))
    np.testing.assert_array_equal(ours.rvs(5, random_state=7), theirs.rvs(5, random_state=7))
    assert kl_core.format_distribution(ours) == kl_core.format_distribution(theirs)


@pytest.mark.parametrize("family", ["normal", "rv_histogram", "mixture", 3, None])
def test_freeze_names_the_argument_for_unknown_families(family):
    with pytest.raises(ValueError, match="`family`"):
        kl_core.freeze(family)


def test_freeze_names_the_argument_for_unknown_parameters():
    with pytest.raises(ValueError, match=r"`params`.*norm"):
        kl_core.freeze("norm", mu=1)
