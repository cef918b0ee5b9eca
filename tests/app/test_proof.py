"""The proof stepper through AppTest: stepping, deep links, presets, ∞, bad input."""

import pytest
from scipy import stats

import kl_core
from harness.apptest import component_views, live_views, reasons_shown
from kl_ui.numbers import format_number, format_value
from kl_ui.proof import PROOF_LABELS
from tests.app.conftest import assert_healthy, metrics, open_page

PAGE = "pages/proof.py"
EXAMPLE = {"p": "0.5,0.3,0.2,0", "q": "0.2,0.2,0.3,0.3"}


def latex(at) -> list[str]:
    """The LaTeX of the steps shown (drawn by kl_ui.live.formulas)."""
    views = component_views(at)
    return [tex for view in views if view["view"] == "formulas" for tex in view["formulas"]]


def test_deep_link_opens_the_scenario_at_step_4():
    at = open_page(PAGE, step="4", **EXAMPLE)
    assert_healthy(at)
    assert not at.error
    assert at.segmented_control(key="step").value == "4"
    assert any("Q(S)" in line for line in latex(at))
    assert any(r"0.2 + 0.2 + 0.3 \\ &= 0.7000" in line for line in latex(at))


def test_stepping_forward_and_back():
    at = open_page(PAGE, **EXAMPLE)
    assert at.segmented_control(key="step").value == "1"
    assert at.button(key="step_prev").disabled
    at.button(key="step_next").click().run()
    assert at.segmented_control(key="step").value == "2"
    at.button(key="step_next").click().run()
    at.button(key="step_next").click().run()
    at.button(key="step_next").click().run()
    assert at.segmented_control(key="step").value == "5"
    proof = kl_core.jensen_proof([0.5, 0.3, 0.2, 0], [0.2, 0.2, 0.3, 0.3])
    expected = f"D &= {format_number(proof.jensen_gap)} + {format_number(proof.support_gap)}"
    assert any(expected in line for line in latex(at))
    at.button(key="step_next").click().run()
    assert at.segmented_control(key="step").value == "6"
    assert at.button(key="step_next").disabled
    assert any("r \\equiv 1 \\iff P = Q" in line for line in latex(at))
    at.button(key="step_prev").click().run()
    assert at.segmented_control(key="step").value == "5"


def test_overview_shows_all_six_steps():
    at = open_page(PAGE, step="all", **EXAMPLE)
    assert len(latex(at)) == 12  # a general line and a numbers line per step
    assert len([m for m in at.markdown if m.value.startswith("**Step")]) == 6


def test_units_change_the_substituted_numbers():
    at = open_page(PAGE, step="1", units="bits", **EXAMPLE)
    d_bits = kl_core.kl_divergence([0.5, 0.3, 0.2, 0], [0.2, 0.2, 0.3, 0.3], base=2)
    assert any(format_number(-d_bits) + r"\ \text{bits}" in line for line in latex(at))
    assert any(r"\log_2" in line for line in latex(at))


def test_equality_preset_collapses_both_gaps():
    at = open_page(PAGE, step="5", **EXAMPLE)
    at.button(key="proof_preset_1").click().run()
    assert_healthy(at)
    at.segmented_control(key="step").set_value("6").run()
    assert any(r"\text{Jensen gap} &= 0.0000,\quad Q(S) = 1.0000" in line for line in latex(at))
    at.segmented_control(key="step").set_value("5").run()
    assert_healthy(at)
    assert at.text_input(key="q").value == at.text_input(key="p").value
    assert any(r"D &= 0.0000 + 0.0000 \\ &= 0.0000" in line for line in latex(at))


def test_support_preset_has_a_positive_support_gap():
    at = open_page(PAGE, step="5")
    at.button(key="proof_preset_0").click().run()
    assert any(r"+ 0.3567 \\ &= 0.4987" in line for line in latex(at))


def test_infinite_case_is_explained_not_broken():
    at = open_page(PAGE, step="3")
    at.button(key="proof_preset_2").click().run()
    assert_healthy(at)
    assert any(r"-\infty \le" in line for line in latex(at))
    at.segmented_control(key="step").set_value("5").run()
    assert any(r"D(P\,\|\,Q) &= \infty \ge 0" in line for line in latex(at))


def test_uses_the_p_and_q_from_the_discrete_explorer():
    at = open_page("pages/discrete.py", p="0.1,0.9", q="0.4,0.6")
    at.switch_page(str(__import__("kl_ui.pages").pages.ROOT / PAGE)).run()
    assert at.text_input(key="p").value == "0.1,0.9"
    assert at.text_input(key="q").value == "0.4,0.6"


def test_continuous_mode_walks_the_same_steps_with_integrals():
    at = open_page(PAGE, mode="continuous", step="5", P="norm(0,1)", Q="norm(1,2)")
    assert_healthy(at)
    d = kl_core.kl(stats.norm(0, 1), stats.norm(1, 2))
    assert any(f"= {format_number(d)}" in line for line in latex(at))
    at.segmented_control(key="step").set_value("1").run()
    assert any(r"\int_S" in line for line in latex(at))


@pytest.mark.parametrize(
    ("p_spec", "q_spec"),
    [("uniform(loc=0, scale=1)", "norm(loc=0.5, scale=0.5)"),
     ("uniform(loc=4, scale=1)", "norm(loc=0.5, scale=0.5)"),  # far in Q's upper tail
     ("norm(loc=0, scale=1)", "uniform(loc=0, scale=1)")],  # P outside Q's support: ∞
)  # fmt: skip
def test_continuous_mode_is_a_live_view_with_kl_cores_proof(p_spec, q_spec):
    """P's and Q's parameters are the live view's handles; its readout is kl_core's D and
    two gaps, ∞ with the reason; it carries a proof table for each handle."""
    at = open_page(PAGE, mode="continuous", step="all", P=p_spec, Q=q_spec)
    assert_healthy(at)
    p, q = kl_core.parse_distribution(p_spec), kl_core.parse_distribution(q_spec)
    proof = kl_core.jensen_proof(p, q)
    numbers = (proof.divergence, proof.jensen_gap, proof.support_gap)
    shown = metrics(at)
    assert [shown[label] for label in PROOF_LABELS] == [format_value(v, "nats") for v in numbers]
    (view,) = live_views(at)
    assert view["view"] == "jensen-density"
    assert {h["label"] for h in view["handles"]} >= {"P location", "Q location"}
    assert set(view["model"]["tables"]) == {h["name"] for h in view["handles"]}
    if proof.divergence == float("inf"):
        assert any("where Q has none" in reason for reason in reasons_shown(at))
    else:
        assert reasons_shown(at) == []
        assert proof.support_gap < float("inf")


@pytest.mark.parametrize(
    ("key", "value"), [("step", "9"), ("step", "<b>"), ("mode", "quantum"), ("p", "junk")]
)
def test_invalid_parameters_fall_back(key, value):
    at = open_page(PAGE, **{**EXAMPLE, key: value})
    assert_healthy(at)
    assert latex(at)
