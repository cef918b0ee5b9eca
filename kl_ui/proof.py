"""The proof stepper's steps: each general statement and the same line with numbers.

Formatting only: every number comes from a :class:`kl_core.proof.JensenProof`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kl_ui.numbers import LOG_LATEX, format_number

STEP_OPTIONS = ("1", "2", "3", "4", "5", "6", "all")  # as shown and as written in ?step=
STEP_TITLES = (
    "Flip the ratio",
    "Read it as an expectation under P",
    "Jensen: log is concave",
    "The inner expectation is Q(S)",
    "Conclude: D(P‖Q) ≥ 0",
    "Equality: D(P‖Q) = 0 only when P = Q",
)
# D(P‖Q) and the two slack terms of the proof that add up to it, as the page labels them:
# a name, then its formula, which never breaks across lines (no-break spaces): in a narrow
# readout the label wraps after the name, not inside "E[log r]".
_NB = "\u00a0"
PROOF_LABELS = (
    "D(P‖Q)",
    f"Jensen gap log{_NB}E[r]{_NB}−{_NB}E[log{_NB}r]",
    f"support gap −log{_NB}Q(S)",
)
_SHOWN_TERMS = 4


@dataclass(frozen=True)
class Step:
    title: str
    general: str  # LaTeX
    numbers: str  # LaTeX with the user's values
    words: str  # Markdown


def _lines(*lines: str) -> str:
    """Display LaTeX of several short lines aligned at their ``&`` (one relation each):
    a long formula broken so that it fits a phone's column."""
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def _n(value: float) -> str:
    text = format_number(value)
    return text.replace("∞", r"\infty").replace("−", "-")


def _short(value: float) -> str:
    """A probability as short as it can be written: 0.2, not 0.2000."""
    return f"{value:.4g}"


def _fraction_terms(p, q, log: str) -> list[str]:
    """The terms p·log(q/p) of the outcomes in S, two to a line, the first few only."""
    terms = [
        rf"{_short(pi)}\,{log}\tfrac{{{_short(qi)}}}{{{_short(pi)}}}"
        for pi, qi in zip(p, q)
        if pi > 0
    ]
    shown = terms[:_SHOWN_TERMS] + ([r"\dots"] if len(terms) > _SHOWN_TERMS else [])
    return [" + ".join(shown[i : i + 2]) for i in range(0, len(shown), 2)]


def discrete_steps(p, q, proof, unit: str) -> list[Step]:
    """The six steps for probability vectors p and q."""
    log = LOG_LATEX[unit]
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    infinite = math.isinf(proof.divergence)
    minus_d = r"-\infty" if infinite else _n(proof.mean_log_ratio)
    on = p > 0
    q_terms = " + ".join(_short(v) for v in q[on][:_SHOWN_TERMS])
    q_terms += r" + \dots" if on.sum() > _SHOWN_TERMS else ""
    ratios = ", ".join(_short(r) for r in proof.ratios[:_SHOWN_TERMS])
    ratios += r", \dots" if proof.ratios.size > _SHOWN_TERMS else ""
    first, *rest = _fraction_terms(p, q, log)
    return _steps(
        log,
        unit,
        proof,
        one=_lines(
            f"-D &= {first}",
            *(rf"&\quad + {line}" for line in rest),
            rf"&= {minus_d}\ \text{{{unit}}}",
        ),
        two=_lines(rf"r &= ({ratios})", rf"\mathbb{{E}}_P[{log} r] &= {minus_d}\ \text{{{unit}}}"),
        four=_lines(rf"\mathbb{{E}}_P[r] &= {q_terms}", rf"&= {_n(proof.mean_ratio)} \le 1"),
        infinite=infinite,
    )


def continuous_steps(proof, unit: str) -> list[Step]:
    """The six steps for two densities (integrals instead of sums)."""
    log = LOG_LATEX[unit]
    infinite = math.isinf(proof.divergence)
    minus_d = r"-\infty" if infinite else _n(proof.mean_log_ratio)
    return _steps(
        log,
        unit,
        proof,
        one=_lines(
            rf"-D &= \int_S p(x)\,{log}\frac{{q(x)}}{{p(x)}}\,dx",
            rf"&= {minus_d}\ \text{{{unit}}}",
        ),
        two=rf"\mathbb{{E}}_P[{log} r(X)] = {minus_d}\ \text{{{unit}}}",
        four=_lines(
            r"\mathbb{E}_P[r] &= \int_S q(x)\,dx = Q(S)", rf"&= {_n(proof.mean_ratio)} \le 1"
        ),
        infinite=infinite,
        integral=True,
    )


def _steps(log, unit, proof, *, one, two, four, infinite, integral=False) -> list[Step]:
    total = r"\int_S" if integral else r"\sum_{x\in S}"
    dx = r"\,dx" if integral else ""
    # Words that differ between outcomes (discrete) and densities (continuous).
    where = "points x" if integral else "outcomes"
    weighted = (
        "an integral weighted by the density p(x)"
        if integral
        else ("a sum of values weighted by p(x)")
    )
    each = (
        "one of P's quantiles (equally weighted)"
        if integral
        else ("one outcome, drawn as large as its probability")
    )
    log_q = r"-\infty" if math.isinf(proof.log_mean_ratio) else _n(proof.log_mean_ratio)
    if infinite:
        three = rf"-\infty \le {log} \mathbb{{E}}_P[r] = {log_q}"
        five = _lines(r"-D &= -\infty \le 0", r"D(P\,\|\,Q) &= \infty \ge 0")
        three_words = (
            f"Q gives probability 0 to {where} that P can produce: r = 0 there and "
            "log r = −∞, so the average is −∞. The inequality holds trivially."
        )
        five_words = "D(P‖Q) = ∞, which is ≥ 0: the proof does not break, it just ends early."
        six = _lines(r"D(P\,\|\,Q) &= \infty > 0", r"P &\ne Q")
    else:
        three = _lines(
            rf"{_n(proof.mean_log_ratio)} &\le {log}({_n(proof.mean_ratio)}) = {log_q}",
            rf"\text{{Jensen gap}} &= {_n(proof.jensen_gap)}\ \text{{{unit}}}",
        )
        five = _lines(
            rf"D &= {_n(proof.jensen_gap)} + {_n(proof.support_gap)}",
            rf"&= {_n(proof.divergence)}\ \text{{{unit}}} \ge 0",
        )
        three_words = (
            "The average of log r (the centre of the points) lies below log of the average "
            "r (the curve above it). The vertical distance is the Jensen gap."
        )
        five_words = (
            "The two slack terms of the proof add up to the divergence exactly: "
            "the Jensen gap (r not constant) plus the support gap (Q's mass outside S)."
        )
        six = _lines(
            rf"\text{{Jensen gap}} &= {_n(proof.jensen_gap)},\quad Q(S) = {_n(proof.mean_ratio)}",
            rf"D(P\,\|\,Q) &= {_n(proof.divergence)}\ \text{{{unit}}}",
        )
    return [
        Step(
            STEP_TITLES[0],
            _lines(
                rf"-D(P\,\|\,Q) &= {total} p(x)\,{log}\frac{{q(x)}}{{p(x)}}{dx}",
                r"S &= \{x : p(x) > 0\}",
            ),
            one,
            f"Put q/p inside the log instead of p/q: the sign flips. The {where} where "
            "p = 0 contribute nothing and are left out (that set S matters in step 4).",
        ),
        Step(
            STEP_TITLES[1],
            _lines(
                rf"-D(P\,\|\,Q) &= \mathbb{{E}}_P\left[{log} r(X)\right]",
                r"r(x) &= q(x)/p(x)",
            ),
            two,
            f"{weighted[0].upper()}{weighted[1:]} is an average under P. Each point of "
            f"the picture is (r, log r) for {each}.",
        ),
        Step(
            STEP_TITLES[2],
            _lines(
                r"\mathbb{E}[f(X)] &\le f(\mathbb{E}[X])\ \text{for concave } f",
                rf"\mathbb{{E}}_P\left[{log} r\right] &\le {log}\, \mathbb{{E}}_P[r]",
            ),
            three,
            "**Jensen's inequality:** for a concave function f, the average of f(X) is at "
            "most f of the average of X: a chord of a concave curve lies below it. The "
            "logarithm is *strictly* concave, since its second derivative −1/x² is "
            "negative everywhere, so equality holds only when X is constant. " + three_words,
        ),
        Step(
            STEP_TITLES[3],
            _lines(
                rf"\mathbb{{E}}_P[r] &= {total} p(x)\frac{{q(x)}}{{p(x)}}{dx}",
                r"&= Q(S) \le 1",
            ),
            four,
            "The p's cancel: the average ratio is the probability Q gives to S. It is 1 "
            "unless Q puts mass where P has none; then −log Q(S) > 0 is the support gap.",
        ),
        Step(
            STEP_TITLES[4],
            _lines(
                rf"-D &\le {log} Q(S) \le {log} 1 = 0",
                r"\Rightarrow\ D(P\,\|\,Q) &\ge 0",
            ),
            five,
            five_words,
        ),
        Step(
            STEP_TITLES[5],
            _lines(
                r"D = 0 &\iff r \text{ constant on } S \text{ and } Q(S) = 1",
                r"&\iff r \equiv 1 \iff P = Q",
            ),
            six,
            "D = 0 needs both gaps to vanish. The Jensen gap is 0 only if r = q/p takes "
            f"one value c on S, because log is strictly concave. Then Q(S) = c·P(S) = c, "
            "and the support gap is 0 only if Q(S) = 1, so c = 1: q = p on S, and Q has "
            f"nothing left for the other {where}. So D(P‖Q) = 0 exactly when P = Q"
            + (" (up to a set of probability 0)." if integral else "."),
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
