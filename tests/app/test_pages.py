"""Every page renders; the main interactions and the URL contract, via AppTest."""

import math

import pytest
from scipy import stats
from streamlit.testing.v1 import AppTest

import kl_core
from harness.apptest import component_views, live_views, reasons_shown, release
from kl_ui.numbers import format_value
from kl_ui.pages import PAGES
from tests.app.conftest import ROOT, assert_healthy, first_load, metrics, open_page


def information_metrics(at):
    """Numbers that show a divergence, an entropy or an estimate of one (metrics and live
    readouts): all but the fitted parameters (θ, argmin), which have no unit."""
    found = [v for k, v in metrics(at).items() if "θ" not in k and "theta" not in k]
    found = [v for k, v in metrics(at).items() if not k.startswith("argmin") and v in found]
    assert found
    return found


@pytest.mark.parametrize("spec", PAGES, ids=[p.script for p in PAGES])
def test_every_page_renders_without_exception(spec):
    at = open_page(spec.script)
    assert_healthy(at)
    assert not at.error
    assert at.title, "each page has a title"
    assert metrics(at), "each page shows at least one divergence"
    assert all(value.split()[-1] == "nats" for value in information_metrics(at))


@pytest.mark.parametrize("unit", ["bits", "hartleys"])
@pytest.mark.parametrize("spec", PAGES, ids=[p.script for p in PAGES])
def test_units_from_the_url_apply_to_every_number(spec, unit):
    at = open_page(spec.script, units=unit)
    assert_healthy(at)
    assert all(value.endswith(unit) for value in information_metrics(at))


def test_units_switch_changes_the_values_correctly():
    at = open_page("pages/discrete.py", p="0.5,0.5", q="0.9,0.1")
    assert metrics(at)["D(P‖Q)"] == "0.5108 nats"
    at.radio(key="units").set_value("bits").run()
    expected = kl_core.kl_divergence([0.5, 0.5], [0.9, 0.1], base=2)
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "bits") == "0.7370 bits"


def test_unknown_unit_in_the_link_is_reported_and_nats_used():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["units"] = "furlongs"
    at.run()  # the run that reads the link, as a browser's first load
    assert_healthy(at)
    assert any("Unknown unit “furlongs”" in w.value for w in at.warning)
    assert all(value.endswith("nats") for value in metrics(at).values())


# --- home ----------------------------------------------------------------------------


def test_home_coin_moves_both_directions():
    at = open_page("pages/home.py", coin="0.3")
    fair, coin = [0.5, 0.5], [0.3, 0.7]
    shown = metrics(at)
    assert shown["D(P‖Q)"] == format_value(kl_core.kl_divergence(fair, coin), "nats")
    assert shown["D(Q‖P)"] == format_value(kl_core.kl_divergence(coin, fair), "nats")
    (view,) = live_views(at)
    assert view["handles"][0] | {"value": 0.3} == view["handles"][0]
    release(at, {"coin": 1.0})
    assert metrics(at)["D(P‖Q)"] == "∞ nats"
    assert metrics(at)["D(Q‖P)"] == format_value(math.log(2), "nats")
    assert reasons_shown(at) == ["Q gives 0 to “tails” where P does not"]
    assert live_views(at)[0]["handles"][0]["value"] == 1.0


def test_home_coin_link_values_outside_its_range_are_reported():
    for raw in ("1.5", "abc", "nan", "-1e400"):
        at = first_load("pages/home.py", coin=raw)
        assert_healthy(at)
        assert any("coin = " in w.value and "(using “0\\.8”)" in w.value for w in at.warning)
        assert live_views(at)[0]["handles"][0]["value"] == 0.8


@pytest.mark.parametrize(("unit", "log"), [("nats", r"\ln"), ("bits", r"\log_2")])
def test_home_formulas_and_page_map_are_in_the_unit_chosen(unit, log):
    at = open_page("pages/home.py", units=unit)
    assert_healthy(at)
    views = component_views(at)
    formulas = [tex for v in views if v["view"] == "formulas" for tex in v["formulas"]]
    assert len(formulas) == 3
    assert all(tex.startswith(r"D(P\,\|\,Q) = ") and log in tex for tex in formulas)
    (pages,) = [v for v in views if v["view"] == "pages"]
    assert [c["title"] for c in pages["cards"]] == [spec.title for spec in PAGES[1:]]
    query = "" if unit == "nats" else f"?units={unit}"
    assert [c["href"] for c in pages["cards"]] == [f"/{s.url_path}{query}" for s in PAGES[1:]]
    # Neither st.latex nor st.page_link: they would hold back the coin's first numbers.
    assert len(at.latex) == 0
    assert len(at.get("page_link")) == 0


# --- discrete --------------------------------------------------------------------------


def test_discrete_deep_link_shows_reference_value_and_labels():
    at = open_page("pages/discrete.py", p="0.5,0.5", q="0.9,0.1", labels="H,T")
    assert_healthy(at)
    shown = metrics(at)
    assert shown["D(P‖Q)"] == "0.5108 nats"
    assert shown["D(Q‖P)"] == format_value(kl_core.kl_divergence([0.9, 0.1], [0.5, 0.5]), "nats")
    assert shown["H(P), entropy of P"] == format_value(kl_core.entropy([0.5, 0.5]), "nats")
    assert at.text_input(key="labels").value == "H,T"


def test_discrete_text_edit_recomputes():
    at = open_page("pages/discrete.py")
    at.text_input(key="p").set_value("0.2,0.8").run()
    at.text_input(key="q").set_value("0.6,0.4").run()
    expected = kl_core.kl_divergence([0.2, 0.8], [0.6, 0.4])
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "nats")


@pytest.mark.parametrize("index", range(4))
def test_discrete_presets_load_and_compute(index):
    from kl_ui.presets import PRESETS

    preset = PRESETS[index]
    at = open_page("pages/discrete.py")
    at.button(key=f"preset_{index}").click().run()
    assert_healthy(at)
    expected = kl_core.kl_divergence(kl_core.normalize(preset.p), kl_core.normalize(preset.q))
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "nats")


def test_make_it_infinite_names_the_outcome_and_plots_smoothing():
    at = open_page("pages/discrete.py")
    at.button(key="preset_3").click().run()
    shown = metrics(at)
    assert shown["D(P‖Q)"] == "∞ nats"
    assert shown["H(P,Q), cross-entropy"] == "∞ nats"
    assert math.isfinite(kl_core.kl_divergence([0.6, 0.4, 0.0], [0.5, 0.3, 0.2]))
    assert shown["D(Q‖P)"] != "∞ nats"
    assert reasons_shown(at) == ["Q gives 0 to “snow” where P does not"]
    assert any("Why D(P‖Q) is infinite" in h.value for h in at.subheader)


def test_unnormalised_input_is_flagged_and_normalised_only_on_request():
    at = open_page("pages/discrete.py", p="1,1,2", q="0.25,0.25,0.5")
    assert_healthy(at)
    assert any("sums to 4" in w.value for w in at.warning)
    assert "D(P‖Q)" not in metrics(at)
    at.button(key="normalize_p").click().run()
    assert at.text_input(key="p").value == "0.25,0.25,0.5"
    assert metrics(at)["D(P‖Q)"] == "0.0000 nats"


HOSTILE = [
    "abc",
    "-0.5,1.5",
    "0.5",
    "nan,0.5",
    "inf,0",
    "1e308,0",
    "",
    "x" * 10_000,
    "__import__('os').system('id')",
    "<script>alert(1)</script>",
    "0.5,0.5,0.0,0.0," * 40,
    "½,½",
]


@pytest.mark.parametrize("bad", HOSTILE, ids=range(len(HOSTILE)))
def test_discrete_invalid_p_gives_message_default_and_keeps_working(bad):
    at = open_page("pages/discrete.py", p=bad, q="0.9,0.1")
    assert_healthy(at)
    assert any("Using P = uniform over Q's 2 outcomes" in e.value for e in at.error) or at.warning
    assert "D(P‖Q)" in metrics(at) or at.warning
    at.text_input(key="p").set_value("0.5,0.5").run()
    at.text_input(key="q").set_value("0.9,0.1").run()
    assert metrics(at)["D(P‖Q)"] == "0.5108 nats"


def test_discrete_mismatched_lengths_keep_p_and_say_what_q_is():
    at = open_page("pages/discrete.py", p="0.2,0.8", q="0.2,0.3,0.5")
    assert_healthy(at)
    assert any("P has 2 outcomes but Q has 3" in e.value for e in at.error)
    assert any("Using Q = uniform over P's 2 outcomes" in e.value for e in at.error)
    expected = kl_core.kl_divergence([0.2, 0.8], [0.5, 0.5])
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "nats")


def test_discrete_bad_labels_are_reported_and_numbered():
    at = open_page("pages/discrete.py", p="0.5,0.5", q="0.9,0.1", labels="a,b,c")
    assert_healthy(at)
    assert any("The labels field has 3 entries" in e.value for e in at.error)


# --- continuous ------------------------------------------------------------------------


def test_continuous_deep_link_reference_values():
    at = open_page("pages/continuous.py", P="norm(loc=0,scale=1)", Q="cauchy(loc=0,scale=1)")
    assert_healthy(at)
    shown = metrics(at)
    assert shown["D(P‖Q)"] == "0.2592 nats"
    assert shown["D(Q‖P)"] == "∞ nats"
    assert any("decay" in reason for reason in reasons_shown(at))


def test_continuous_tail_infinity_is_explained_with_the_window_plot():
    at = open_page("pages/continuous.py", P="cauchy(0,1)", Q="norm(0,1)")
    assert metrics(at)["D(P‖Q)"] == "∞ nats"
    assert any("Why D(P‖Q) is infinite" in h.value for h in at.subheader)
    table = next(m.value for m in at.markdown if m.value.startswith("| method |"))
    assert "never settles" in table
    assert "| numerical integration |" in table


def test_continuous_support_infinity_is_explained():
    at = open_page("pages/continuous.py", P="norm(0,1)", Q="expon(0,1)", units="bits")
    assert metrics(at)["D(P‖Q)"] == "∞ bits"
    assert any("(Q = 0 < P there)" in m.value for m in at.markdown)


def handles(at) -> dict[str, float]:
    """The live view's handles and their values."""
    return {h["name"]: h["value"] for view in live_views(at) for h in view["handles"]}


def test_continuous_handles_follow_the_specs_and_the_numbers_are_kl_cores():
    at = open_page("pages/continuous.py", P="norm(loc=1, scale=1)")
    assert handles(at) == {"P_loc": 1.0, "P_scale": 1.0, "Q_df": 3.0, "Q_loc": 0.0, "Q_scale": 1.0}
    expected = kl_core.kl(stats.norm(1, 1), stats.t(3))
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "nats")
    (view,) = live_views(at)
    assert view["model"]["P"] == {"family": "norm", "params": ["loc", "scale"]}
    assert view["figure"]["data"][0]["name"] == "p(x)"


def test_continuous_family_switch_loads_its_default():
    at = open_page("pages/continuous.py")
    at.selectbox(key="Q_family").set_value("gamma").run()
    assert at.text_input(key="Q").value.startswith("gamma(a=2")
    assert metrics(at)["D(P‖Q)"] == "∞ nats"  # a normal P has mass below gamma's support


def test_continuous_mixture_sliders():
    spec = "mixture(norm(-2, 1), norm(2, 0.5), weights=[0.3, 0.7])"
    at = open_page("pages/continuous.py", P=spec, Q="norm(0,2)")
    assert_healthy(at)
    assert at.selectbox(key="P_family").value == "mixture"
    assert handles(at) == {
        "P_w": 0.3, "P_mu1": -2.0, "P_s1": 1.0, "P_mu2": 2.0, "P_s2": 0.5,
        "Q_loc": 0.0, "Q_scale": 2.0,
    }  # fmt: skip
    expected = kl_core.kl(kl_core.parse_distribution(spec), stats.norm(0, 2))
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "nats")


@pytest.mark.parametrize(
    "bad",
    [
        "foo(1)",
        "norm(0,-1)",
        "__import__('os').system('id')",
        "poisson(3)",
        "x" * 10_000,
        "mixture(" * 50,
        "<b>bold</b>",
        "norm(loc=nan)",
    ],
)
def test_continuous_invalid_spec_gives_message_and_default(bad):
    at = open_page("pages/continuous.py", P=bad)
    assert_healthy(at)
    assert any("Could not use P" in e.value for e in at.error)
    assert metrics(at)["D(P‖Q)"] == format_value(kl_core.kl(stats.norm(), stats.t(3)), "nats")
    at.text_input(key="Q").input("t(df=5, loc=0, scale=1)").run()
    assert metrics(at)["D(P‖Q)"] == format_value(kl_core.kl(stats.norm(), stats.t(5)), "nats")


def test_continuous_typed_spec_outside_slider_families():
    at = open_page("pages/continuous.py", P="weibull_min(c=1.5)", Q="expon()")
    assert_healthy(at)
    assert at.selectbox(key="P_family").value == "other"
    expected = kl_core.kl(stats.weibull_min(1.5), stats.expon())
    assert metrics(at)["D(P‖Q)"] == format_value(expected, "nats")


def test_continuous_typed_spec_moves_the_handles():
    at = open_page("pages/continuous.py")
    at.text_input(key="Q").input("t(df=5, loc=2, scale=1)").run()
    assert handles(at)["Q_df"] == 5.0
    assert handles(at)["Q_loc"] == 2.0
    assert at.selectbox(key="P_family").proto.set_value is False
