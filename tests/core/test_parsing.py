"""Spec parsing: round trips, hostile text, and fuzzing."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

import kl_core
from kl_core import format_distribution, parse_distribution


@pytest.mark.parametrize(
    ("text", "family", "mean"),
    [
        ("norm(loc=0, scale=1)", "norm", 0.0),
        ("norm(0, 1)", "norm", 0.0),
        ("norm(2)", "norm", 2.0),
        ("poisson(mu=3)", "poisson", 3.0),
        ("poisson(3, 1)", "poisson", 4.0),
        ("beta(a=2, b=5)", "beta", 2 / 7),
        ("gamma(2, scale=3)", "gamma", 6.0),
        ("  t(df=5, loc=-1e-1)  ", "t", -0.1),
    ],
)
def test_specs_become_the_named_scipy_distribution(text, family, mean):
    dist = parse_distribution(text)
    assert dist.dist.name == family
    assert dist.mean() == pytest.approx(mean)


def test_mixture_is_a_scipy_mixture_with_weights():
    m = parse_distribution("mixture(norm(-2, 1), norm(2, 0.5), weights=[0.3, 0.7])")
    assert isinstance(m, stats.Mixture)
    assert list(m.weights) == [0.3, 0.7]
    assert float(m.mean()) == pytest.approx(-0.6 + 1.4)


@pytest.mark.parametrize(
    "text",
    [
        "norm(loc=0, scale=1)",
        "gamma(a=2.5, loc=0, scale=3)",
        "poisson(mu=3, loc=0)",
        "binom(n=10, p=0.25, loc=0)",
        "t(df=3, loc=-1, scale=0.1)",
        "mixture(norm(loc=-2, scale=1), laplace(loc=2, scale=0.5), weights=[0.3, 0.7])",
    ],
)
def test_format_then_parse_round_trips(text):
    assert format_distribution(parse_distribution(text)) == text


def test_formatted_distribution_has_the_same_divergence():
    d = stats.lognorm(0.7, loc=0.5, scale=2)
    again = parse_distribution(format_distribution(d))
    assert kl_core.kl(d, stats.gamma(2)) == kl_core.kl(again, stats.gamma(2))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("__import__('os').system('id')", "expected a call such as norm"),
        ("os.system('id')", "expected a call such as norm"),
        ("norm(loc=__import__('os'))", "parameters must be plain numbers"),
        ("norm(loc='0')", "parameters must be plain numbers"),
        ("norm(loc=True)", "parameters must be plain numbers"),
        ("norm(1e999)", "finite numbers"),
        ("foo(1)", "unknown family 'foo'"),
        ("studentized_range(3, 10)", "unknown family"),
        ("norm(x=1)", "norm has no parameter 'x'"),
        ("norm(1, 2, 3)", "norm takes at most 2 parameters"),
        ("norm(0, loc=1)", "got parameter 'loc' twice"),
        ("gamma(scale=2)", "gamma needs a"),
        ("norm(0, -1)", "needs scale > 0"),
        ("beta(a=-1, b=2)", "invalid shape parameters"),
        ("poisson(mu=-3)", "invalid shape parameters"),
        ("", "the spec is empty"),
        ("x" * 10_000, "at most 1000"),
        ("norm(", "could not read it"),
        ("<script>alert(1)</script>", "could not read it"),
        ("mixture(mixture(norm()))", "cannot be nested"),
        ("mixture(norm(), weights=[0.5, 0.5])", "one entry per component"),
        ("mixture(norm(), norm(1), weights=[0.7, 0.7])", "must sum to 1"),
        ("mixture(poisson(3))", "must be classic continuous"),
        ("mixture(" + ", ".join(["norm()"] * 21) + ")", "1 to 20 components"),
        ("mixture(norm(), scale=2)", "not 'scale'"),
        ("[" * 300 + "]" * 300, "could not read it"),
        ("[[1]]", "expected a call"),
        ("(" * 200 + "norm()" + ")" * 200, "could not read it"),
    ],
)
def test_invalid_specs_raise_value_error_saying_what_is_accepted(text, message):
    with pytest.raises(ValueError, match="`text`") as info:
        parse_distribution(text)
    assert message in str(info.value)


def test_non_string_is_rejected():
    with pytest.raises(ValueError, match="expected a string"):
        parse_distribution(3)


def test_format_rejects_foreign_objects():
    with pytest.raises(ValueError, match="`dist`"):
        format_distribution(stats.Mixture([stats.Normal()]))
    with pytest.raises(ValueError, match="`dist` must be a frozen"):
        format_distribution("norm(0, 1)")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_raises_value_error(text):
    try:
        dist = parse_distribution(text)
    except ValueError:
        return
    assert kl_core.kl(dist, dist) == pytest.approx(0.0, abs=1e-9)


_numbers = st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: repr(v))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["norm", "gamma", "t", "poisson", "beta", "lognorm", "mixture"]),
    st.lists(_numbers, max_size=4),
)
def test_calls_with_random_numbers_parse_or_raise_value_error(family, args):
    text = f"{family}({', '.join(args)})"
    try:
        dist = parse_distribution(text)
    except ValueError as exc:
        message = str(exc)
    else:
        message = None
    if message is not None:
        assert "`text`" in message
        return
    value = kl_core.kl(dist, dist)
    assert not math.isnan(value)


@pytest.mark.parametrize(
    "text",
    [
        "norm(loc=" + "9" * 400 + ")",
        "norm(" + "1" * 400 + ", 1)",
        "binom(n=" + "9" * 400 + ", p=0.5)",
        "norm(loc=-" + "9" * 400 + ")",
        "mixture(norm(), norm(" + "7" * 400 + "))",
    ],
)
def test_huge_integer_literals_are_refused_with_a_value_error(text):
    with pytest.raises(ValueError, match="finite numbers of at most about 1e308"):
        kl_core.parse_distribution(text)


def test_a_huge_labels_paste_is_refused_before_it_is_split():
    import tracemalloc

    from kl_core.parsing import parse_labels

    text = "a," * 7_500_000  # 15 MB, as pasted in the review
    tracemalloc.start()
    with pytest.raises(ValueError, match="`labels` is 15,000,000 characters long"):
        parse_labels(text, 2)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1_000_000  # splitting it would allocate hundreds of MB
