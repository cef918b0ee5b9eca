"""The proof stepper's steps: each general statement and the same line with numbers.

Formatting only: every number comes from a :class:`kl_core.JensenProof`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kl_ui.numbers import LOG_LATEX, format_number

STEP_OPTIONS = ("1", "2", "3", "4", "5", "all")  # as shown and as written in ?step=
STEP_TITLES = (
    "Flip the ratio",
    "Read it as an expectation under P",
    "Jensen: log is concave",
    "The inner expectation is Q(S)",
    "Conclude: D(P‖Q) ≥ 0",
)
_SHOWN_TERMS = 4


@dataclass(frozen=True)
class Step:
    title: str
    general: str  # LaTeX
    numbers: str  # LaTeX with the user's values
    words: str  # Markdown


def _n(value: float) -> str:
    text = format_number(value)
    return text.replace("∞", r"\infty").replace("−", "-")


def _short(value: float) -> str:
    """A probability as short as it can be written: 0.2, not 0.2000."""
    return f"{value:.4g}"


def _fraction_terms(p, q, log: str) -> str:
    terms = [
        rf"{_short(pi)}\,{log}\tfrac{{{_short(qi)}}}{{{_short(pi)}}}"
        for pi, qi in zip(p, q)
        if pi > 0
    ]
    shown = " + ".join(terms[:_SHOWN_TERMS])
    return shown + (r" + \dots" if len(terms) > _SHOWN_TERMS else "")


def discrete_steps(p, q, proof, unit: str) -> list[Step]:
    """The five steps for probability vectors p and q."""
    log = LOG_LATEX[unit]
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    infinite = math.isinf(proof.divergence)
    minus_d = r"-\infty" if infinite else _n(proof.mean_log_ratio)
    on = p > 0
    q_terms = " + ".join(_short(v) for v in q[on][:_SHOWN_TERMS])
    q_terms += r" + \dots" if on.sum() > _SHOWN_TERMS else ""
    ratios = ", ".join(_n(r) for r in proof.ratios[:_SHOWN_TERMS])
    ratios += r", \dots" if proof.ratios.size > _SHOWN_TERMS else ""
    return _steps(
        log,
        unit,
        proof,
        one=rf"-D = {_fraction_terms(p, q, log)} = {minus_d}\ \text{{{unit}}}",
        two=rf"r = ({ratios}):\quad \mathbb{{E}}_P[{log} r] = {minus_d}\ \text{{{unit}}}",
        four=rf"\mathbb{{E}}_P[r] = {q_terms} = {_n(proof.mean_ratio)} \le 1",
        infinite=infinite,
    )


def continuous_steps(proof, unit: str) -> list[Step]:
    """The five steps for two densities (integrals instead of sums)."""
    log = LOG_LATEX[unit]
    infinite = math.isinf(proof.divergence)
    minus_d = r"-\infty" if infinite else _n(proof.mean_log_ratio)
    return _steps(
        log,
        unit,
        proof,
        one=rf"-D = \int_S p(x)\,{log}\frac{{q(x)}}{{p(x)}}\,dx = {minus_d}\ \text{{{unit}}}",
        two=rf"\mathbb{{E}}_P[{log} r(X)] = {minus_d}\ \text{{{unit}}}",
        four=rf"\mathbb{{E}}_P[r] = \int_S q(x)\,dx = Q(S) = {_n(proof.mean_ratio)} \le 1",
        infinite=infinite,
        integral=True,
    )


def _steps(log, unit, proof, *, one, two, four, infinite, integral=False) -> list[Step]:
    total = r"\int_S" if integral else r"\sum_{x\in S}"
    dx = r"\,dx" if integral else ""
    log_q = r"-\infty" if math.isinf(proof.log_mean_ratio) else _n(proof.log_mean_ratio)
    if infinite:
        three = rf"-\infty \le {log} \mathbb{{E}}_P[r] = {log_q}"
        five = r"-D = -\infty \le 0,\quad D(P\,\|\,Q) = \infty \ge 0"
        three_words = (
            "Q gives probability 0 to an outcome P can produce: r = 0 there and log r = −∞, "
            "so the average is −∞. The inequality holds trivially."
        )
        five_words = "D(P‖Q) = ∞, which is ≥ 0: the proof does not break, it just ends early."
    else:
        three = (
            rf"{_n(proof.mean_log_ratio)} \le {log}({_n(proof.mean_ratio)}) = {log_q}"
            rf"\quad(\text{{Jensen gap }} {_n(proof.jensen_gap)}\ \text{{{unit}}})"
        )
        five = (
            rf"D = {_n(proof.jensen_gap)} + {_n(proof.support_gap)} = "
            rf"{_n(proof.divergence)}\ \text{{{unit}}} \ge 0"
        )
        three_words = (
            "The average of log r (the centre of the points) lies below log of the average "
            "r (the curve above it). The vertical distance is the Jensen gap."
        )
        five_words = (
            "The two slack terms of the proof add up to the divergence exactly: "
            "the Jensen gap (r not constant) plus the support gap (Q's mass outside S)."
        )
    return [
        Step(
            STEP_TITLES[0],
            rf"-D(P\,\|\,Q) = {total} p(x)\,{log}\frac{{q(x)}}{{p(x)}}{dx},"
            r"\quad S = \{x : p(x) > 0\}",
            one,
            "Put q/p inside the log instead of p/q: the sign flips. Outcomes with p = 0 "
            "contribute nothing and are left out (that set S matters in step 4).",
        ),
        Step(
            STEP_TITLES[1],
            rf"-D(P\,\|\,Q) = \mathbb{{E}}_P\left[{log} r(X)\right],\quad r = q/p",
            two,
            "A sum of values weighted by p(x) is an average under P. Each point of the "
            "picture is (r, log r) for one outcome, drawn as large as its probability.",
        ),
        Step(
            STEP_TITLES[2],
            rf"\mathbb{{E}}_P\left[{log} r\right] \le {log}\, \mathbb{{E}}_P[r]",
            three,
            three_words,
        ),
        Step(
            STEP_TITLES[3],
            rf"\mathbb{{E}}_P[r] = {total} p(x)\frac{{q(x)}}{{p(x)}}{dx} = Q(S) \le 1",
            four,
            "The p's cancel: the average ratio is the probability Q gives to S. It is 1 "
            "unless Q puts mass where P has none; then −log Q(S) > 0 is the support gap.",
        ),
        Step(
            STEP_TITLES[4],
            rf"-D \le {log} Q(S) \le {log} 1 = 0 \;\Rightarrow\; D(P\,\|\,Q) \ge 0",
            five,
            five_words,
        ),
    ]


def presets(current_p) -> dict[str, dict[str, str]]:
    """Scenarios for the proof: the worked example, equality, support gap and ∞."""
    from kl_ui.numbers import format_probability

    same = ",".join(format_probability(v) for v in current_p)
    labels = ",".join(str(i + 1) for i in range(len(current_p)))
    return {
        "Worked example (support gap)": {
            "p": "0.5,0.3,0.2,0",
            "q": "0.2,0.2,0.3,0.3",
            "labels": "a,b,c,d",
        },
        "Equality: make Q = P": {"p": same, "q": same, "labels": labels},
        "Q = 0 where P > 0 (∞)": {"p": "0.5,0.3,0.2", "q": "0.6,0.4,0", "labels": "sun,cloud,snow"},
    }
