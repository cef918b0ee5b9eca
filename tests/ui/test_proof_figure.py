"""The proof picture by its data: the centre, the gaps and what each step adds."""

import math

import numpy as np
import pytest

import kl_core
from kl_core import lessons
from kl_ui import figures, proof


def by_name(fig, prefix):
    return next(t for t in fig.spec["data"] if t["name"].startswith(prefix))


@pytest.mark.parametrize(("unit", "base"), [("nats", None), ("bits", 2.0)])
def test_centre_and_gaps_are_drawn_where_the_proof_puts_them(unit, base):
    result = kl_core.jensen_proof([0.5, 0.3, 0.2, 0.0], [0.2, 0.2, 0.3, 0.3], base=base)
    fig = figures.jensen_figure(result, 5, unit, base)
    centre = by_name(fig, "centre")
    assert (centre["x"][0], centre["y"][0]) == (result.mean_ratio, result.mean_log_ratio)
    jensen = by_name(fig, "Jensen gap")
    assert jensen["y"][1] - jensen["y"][0] == pytest.approx(result.jensen_gap)
    support = by_name(fig, "support gap")
    assert support["y"][1] - support["y"][0] == pytest.approx(result.support_gap)
    on_curve = by_name(fig, "(E[r], log E[r])")
    assert on_curve["y"][0] == pytest.approx(float(lessons.log_in_base(result.mean_ratio, base)))
    assert centre["y"][0] < on_curve["y"][0]  # the centre lies below the curve
    text = fig.spec["layout"]["annotations"][0]["text"]
    assert f"{result.jensen_gap:.4f}" in text
    assert f"{result.divergence:.4f}" in text


def test_points_are_the_ratios_sized_by_p():
    result = kl_core.jensen_proof([0.6, 0.4], [0.3, 0.7])
    fig = figures.jensen_figure(result, 2, "nats", None)
    points = by_name(fig, "(rᵢ")
    np.testing.assert_allclose(points["x"], [0.5, 1.75])
    np.testing.assert_allclose(points["y"], np.log([0.5, 1.75]))
    assert points["marker"]["size"][0] > points["marker"]["size"][1]


def test_the_picture_grows_with_the_steps():
    result = kl_core.jensen_proof([0.5, 0.3, 0.2, 0.0], [0.2, 0.2, 0.3, 0.3])
    counts = [
        len(figures.jensen_figure(result, step, "nats", None).spec["data"]) for step in range(1, 6)
    ]
    assert counts == sorted(counts)
    assert counts[0] == 1
    assert counts[-1] > counts[1]


def test_equality_puts_every_point_at_one_and_no_gap():
    result = kl_core.jensen_proof([0.2, 0.3, 0.5], [0.2, 0.3, 0.5])
    fig = figures.jensen_figure(result, 5, "nats", None)
    np.testing.assert_allclose(by_name(fig, "(rᵢ")["x"], 1.0)
    jensen = by_name(fig, "Jensen gap")
    assert jensen["y"][0] == pytest.approx(jensen["y"][1])


def test_infinite_case_marks_r_zero_and_says_the_inequality_holds():
    result = kl_core.jensen_proof([0.5, 0.5], [1.0, 0.0])
    fig = figures.jensen_figure(result, 5, "nats", None)
    points = by_name(fig, "(rᵢ")
    assert points["marker"]["symbol"][1] == "triangle-down"
    assert "−∞" in points["text"][1]
    assert "∞ ≥ 0" in fig.spec["layout"]["annotations"][0]["text"]
    assert all(math.isfinite(v) for v in points["y"])


def test_step_texts_carry_the_users_numbers():
    p, q = [0.5, 0.3, 0.2, 0.0], [0.2, 0.2, 0.3, 0.3]
    steps = proof.discrete_steps(p, q, kl_core.jensen_proof(p, q), "nats")
    assert len(steps) == 6
    assert r"0.5\,\ln\tfrac{0.2}{0.5}" in steps[0].numbers
    assert "0.7000" in steps[3].numbers
    assert "0.4987" in steps[4].numbers


def test_the_readout_labels_wrap_between_name_and_formula_never_inside_the_formula():
    """A phone's readout is narrow: "Jensen gap log E[r] − E[log r]" may wrap, but only
    after the name (its formula's spaces are no-break spaces)."""
    for label, name in zip(proof.PROOF_LABELS[1:], ("Jensen gap", "support gap"), strict=True):
        formula = label.removeprefix(name + " ")
        assert formula != label
        assert formula.startswith(("log", "−log"))
        assert " " not in formula
