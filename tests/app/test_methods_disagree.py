"""When closed form, integration and Monte Carlo disagree, /continuous says so in a
warning above the charts, not only in the table's "agree?" cell."""

from tests.app.conftest import assert_healthy, first_load


def warnings_of(at) -> list[str]:
    return [w.value for w in at.warning if "methods disagree" in w.value]


def test_a_heavy_tailed_log_ratio_makes_monte_carlo_disagree_and_the_page_says_so():
    # log p − log q has a huge variance (E[x⁴] = e^(8s²)): 20,000 draws see too few of
    # the far tail, and Monte Carlo lands 100 s.e. below the exact e^(2s²)/2.
    at = first_load(
        "pages/continuous.py", P="lognorm(s=3, loc=0, scale=1)", Q="norm(loc=0, scale=1)"
    )
    assert_healthy(at)
    (warning,) = warnings_of(at)
    assert "D(P‖Q)" in warning
    assert "Monte Carlo" in warning
    assert "integration" in warning
    assert warning.count("nats") == 4  # every value and error bar has its unit


def test_agreeing_methods_raise_no_warning():
    at = first_load("pages/continuous.py")
    assert_healthy(at)
    assert warnings_of(at) == []
