"""kl_core._scipy: scipy's private names in one module, checked at import; and kl_core
never writes onto the distribution objects a user passes it."""

import copy
import re
import warnings

import numpy as np
import pytest
import scipy
from scipy import stats

import kl_core
from kl_core import _scipy


def _state(obj) -> dict:
    """Everything a kl_core call could have written: the object's attributes and its
    generator's (deep-copied, so a change inside a dict shows)."""
    state = {"obj": copy.deepcopy({k: v for k, v in vars(obj).items() if k != "dist"})}
    if hasattr(obj, "dist"):
        state["dist"] = sorted(vars(obj.dist))
    return state


USER_PAIRS = {
    "norm": lambda: (stats.norm(0, 1), stats.norm(1, 2)),
    "gamma by keyword": lambda: (stats.gamma(a=2.0, scale=3.0), stats.expon(scale=4.0)),
    "poisson": lambda: (stats.poisson(3), stats.poisson(mu=4)),
    "binom": lambda: (stats.binom(10, 0.4), stats.binom(n=10, p=0.5)),
}


@pytest.mark.parametrize("make", USER_PAIRS.values(), ids=USER_PAIRS.keys())
def test_user_objects_are_never_modified(make):
    p, q = make()
    before = (_state(p), _state(q))
    kl_core.kl(p, q)
    kl_core.kl_details(p, q)
    kl_core.kl_monte_carlo(p, q, n=100, rng=1)
    kl_core.format_distribution(p)
    kl_core.kl(p, q)  # a second call, served from the validation cache
    assert (_state(p), _state(q)) == before


def test_a_changed_object_is_validated_again():
    p = stats.norm(loc=0.0, scale=1.0)
    assert kl_core.kl(p, stats.norm(0, 1)) == 0.0
    p.kwds["loc"] = 1.0  # scipy's frozen objects read kwds on every call
    assert kl_core.kl(p, stats.norm(0, 1)) == pytest.approx(0.5, rel=1e-15)


def test_the_validation_cache_is_bounded():
    from kl_core import distributions

    for i in range(distributions._LAW_CACHE_SIZE + 50):
        distributions.as_law(stats.norm(i, 1))
    assert len(distributions._LAWS) == distributions._LAW_CACHE_SIZE


def test_private_scipy_names_are_used_only_in_the_hooks_module():
    from pathlib import Path

    root = Path(kl_core.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "_scipy.py":
            continue
        text = path.read_text()
        for private in (
            r"scipy\.stats\._",
            r"\._parse_args\b",
            r"\._argcheck\b",
            r"\._get_support\b",
            r"(?<!self)(?<!law)\._logp[dm]f\b",  # a Law's own _logpdf is kl_core's
            r"_updated_ctor_param",
            r"object\.__new__",
        ):
            if re.search(private, text):
                offenders.append(f"{path.name}: {private}")
    assert offenders == []


def test_an_untested_scipy_release_is_named_in_a_warning(monkeypatch):
    monkeypatch.setattr(scipy, "__version__", "1.99.0")
    with pytest.warns(_scipy.ScipyVersionWarning, match=r"written for scipy 1\.17; this is"):
        _scipy._check()


def test_a_missing_private_hook_fails_at_import_naming_it(monkeypatch):
    owner = next(c for c in type(stats.norm).__mro__ if "_argcheck" in vars(c))
    monkeypatch.delattr(owner, "_argcheck")
    with pytest.raises(ImportError, match=r"scipy's private _argcheck"):
        _scipy._check()


def test_this_scipy_is_the_one_the_hooks_were_written_for():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _scipy._check()
    release = tuple(int(part) for part in scipy.__version__.split(".")[:2])
    assert release == _scipy.WRITTEN_FOR


def test_fast_freeze_refuses_parameters_the_family_does_not_have():
    with pytest.raises(TypeError):
        _scipy.fast_freeze(_scipy.fresh_generator(stats.norm), {"df": 3.0})
    assert np.isfinite(_scipy.fast_freeze(_scipy.fresh_generator(stats.t), {"df": 3.0}).var())
