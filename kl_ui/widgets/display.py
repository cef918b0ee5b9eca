"""Showing results: charts, divergence metrics with units, ∞ with its reason, the
methods' agreement, fits, the proof's split, and the estimators' readouts.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import kl_core
from kl_core import KLResult, Method
from kl_ui import figures, texts
from kl_ui.live import charts
from kl_ui.numbers import format_value
from kl_ui.views import common, samples


def chart(figure, *, key: str, where=None) -> None:
    """Show a plotly figure the same way everywhere (drawn in the browser by
    :mod:`kl_ui.live.charts`), in `where` (a container or column; the page by default)."""
    if where is None:
        charts.show(figure, key=key)
        return
    with where:
        charts.show(figure, key=key)


def divergence_metrics(forward: KLResult, reverse: KLResult, unit: str) -> None:
    """D(P‖Q) and D(Q‖P) side by side, each with the reason when it is infinite.

    They sit in a container keyed ``divergences`` (CSS class ``st-key-divergences``), so a
    browser test can find these two and not another metric that mentions D(P‖Q).
    """
    left, right = st.container(key="divergences").columns(2)
    for column, names, result in ((left, "PQ", forward), (right, "QP", reverse)):
        column.metric(f"D({names[0]}‖{names[1]})", format_value(result.value, unit))
        if result.is_infinite:
            column.caption(f"∞ because {result.reason_for(*names)}.")


def method_rows(forward, reverse, unit: str) -> dict[str, list[str]]:
    """A table of each method's value for both directions (MethodComparison inputs)."""
    rows: dict[str, list[str]] = {"method": [], "D(P‖Q)": [], "D(Q‖P)": []}

    def add(name: str, cells: list[str]) -> None:
        rows["method"].append(name)
        rows["D(P‖Q)"].append(cells[0])
        rows["D(Q‖P)"].append(cells[1])

    both = (forward, reverse)
    add(
        "closed form",
        [
            format_value(c.closed_form, unit) if c.closed_form is not None else "no formula"
            for c in both
        ],
    )
    add(
        "numerical integration",
        [
            format_value(c.numeric.value, unit)
            + ("" if math.isinf(c.numeric.value) else f" ± {c.numeric.error:.1e}")
            for c in both
        ],
    )
    add(
        f"Monte Carlo ({forward.monte_carlo.n:,} draws)",
        [
            format_value(c.monte_carlo.estimate, unit)
            + (
                ""
                if math.isinf(c.monte_carlo.estimate)
                else f" ± {2 * c.monte_carlo.standard_error:.1e} (2 s.e.)"
            )
            for c in both
        ],
    )
    add("agree?", [_agreement(c) for c in both])
    return rows


def methods_disagree(comparisons, unit: str) -> None:
    """A warning above the charts for each direction whose methods disagree on a finite
    value: a table cell saying "no" is too easy to miss.

    `comparisons` maps a pair of names (``"PQ"``) to its kl_core.divergence.MethodComparison.
    """
    for (first, second), c in comparisons.items():
        if c.agree or c.result.is_infinite:
            continue
        parts = []
        if c.closed_form is not None:
            parts.append(f"closed form {format_value(c.closed_form, unit)}")
        parts.append(
            f"integration {format_value(c.numeric.value, unit)} ± {c.numeric.error:.1e} {unit}"
        )
        parts.append(
            f"Monte Carlo {format_value(c.monte_carlo.estimate, unit)} ± "
            f"{2 * c.monte_carlo.standard_error:.1e} {unit} (2 s.e.)"
        )
        shown = "closed form" if c.result.method is Method.CLOSED_FORM else "integration"
        listed = "; ".join(parts)
        st.warning(
            texts.METHODS_DISAGREE.format(
                first=first, second=second, parts=listed[0].upper() + listed[1:], shown=shown
            ),
            icon="⚠️",
        )


def _agreement(comparison) -> str:
    if comparison.result.method is Method.TAILS:
        return "∞: the Monte Carlo average is finite but never settles"
    if comparison.result.is_infinite:
        return "∞ by support: every method agrees"
    return "yes" if comparison.agree else "no: see the error estimates"


def why_infinite(result: KLResult, names: str, specs: tuple[str, str], unit: str, base) -> None:
    """Why D(names[0]‖names[1]) is infinite, in words, with the window plot for tails.

    `specs` are the spec texts of the first and second law of this direction.
    """
    first, second = names
    words = {"P": first, "Q": second, "p": first.lower(), "q": second.lower()}
    st.subheader(f"Why D({first}‖{second}) is infinite")
    reason = result.reason_for(first, second)
    if result.method is Method.SUPPORT:
        st.markdown(texts.SUPPORT_EXPLAINED.format(reason=reason[0].upper() + reason[1:], **words))
        return
    explanation = texts.TAILS_EXPLAINED.format(reason=reason, **words)
    second_law = kl_core.distributions.as_law(common.distribution(specs[1]))
    if second_law.family == "norm":
        scale = second_law.scale
        explanation += texts.TAILS_NORMAL.format(
            scale=f"{scale:g}", two_var=f"{2 * scale**2:g}", **words
        )
    st.markdown(explanation)
    widths, values = common.window_growth(*specs, base)
    chart(figures.window_growth(widths, values, unit), key=f"window_{first}{second}")


def metric_row():
    """A row for metrics that wraps onto more lines where the screen is narrow (each
    metric as wide as its value), instead of cutting values with an ellipsis."""
    return st.container(horizontal=True, wrap=True, gap="medium")


def metric_with_note(row, label: str, value: str, note: str, **metric) -> None:
    """A metric in `row` with a short line of Markdown under it."""
    box = row.container(width="content", gap=None)
    box.metric(label, value, width="content", **metric)
    box.markdown(note)


def fit_summary(forward, optima, chosen, unit: str) -> None:
    """The forward optimum and every reverse optimum, with the chosen start's result."""
    row = metric_row()
    metric_with_note(
        row,
        "argmin D(P‖Q)",
        f"μ = {_param(forward.loc)}, σ = {_param(forward.scale)}",
        f"D(P‖Q) at the optimum: {format_value(forward.value, unit)}",
        help="Found by the optimiser; equal to P's mean and standard deviation.",
    )
    metric_with_note(
        row,
        "argmin D(Q‖P) from your start",
        f"μ = {_param(chosen.loc)}, σ = {_param(chosen.scale)}",
        f"D(Q‖P) there: {format_value(chosen.value, unit)}, after "
        f"{len(chosen.path) - 1} iterations",
    )
    st.markdown(
        f"Local optima of D(Q‖P) found from {len(optima)} different starts: "
        + "; ".join(f"μ = {_param(o.loc, 2)}, σ = {_param(o.scale, 2)}" for o in optima)
        + "."
    )


def _param(value: float, digits: int = 3) -> str:
    """A fitted parameter, without the '-0.000' of a value that rounds to zero."""
    return f"{round(value, digits) + 0.0:.{digits}f}"


MLE_LABEL = r"MLE $\hat\theta_N$"
PROJECTION_LABEL = r"$\theta^* = \arg\min_\theta D(P\,\|\,Q_\theta)$"


def mle_metrics(fit, fit_divergence: float, star, entropy: float, unit: str) -> None:
    """θ̂_N against θ*, and how far each model is from P (D(P‖Q_θ̂_N) = `fit_divergence`)."""
    row = metric_row()
    metric_with_note(
        row,
        MLE_LABEL,
        f"μ = {_param(fit.loc)}, σ = {_param(fit.scale)}",
        rf"$D(P\,\|\,Q_{{\hat\theta_N}})$ = {format_value(fit_divergence, unit)}",
    )
    metric_with_note(
        row,
        PROJECTION_LABEL,
        f"μ = {_param(star.loc)}, σ = {_param(star.scale)}",
        rf"$D(P\,\|\,Q_{{\theta^*}})$ = {format_value(star.value, unit)}",
    )
    row.metric("h(P), differential entropy", format_value(entropy, unit), width="content")


def estimate_metric(label: str, value: float, exact, unit: str, *, se: float | None = None) -> None:
    """An estimate next to the exact value, with its error."""
    left, right = st.columns(2)
    left.metric(label, format_value(value, unit))
    if se is not None and math.isfinite(value):
        left.caption(f"± {format_value(2 * se, unit)} (2 s.e.)")
    right.metric("exact D(P‖Q)", format_value(exact.value, unit))
    if exact.is_infinite:
        right.caption(f"∞ because {exact.reason_for('P', 'Q')}.")


def histogram_estimate(estimate, exact, unit: str, requested_width: float):
    """The histogram plug-in estimate, or a message when the bin width is unusable.

    `estimate` is a ``kl_core.estimators.HistogramEstimate``, or the reason there is none; its bins
    may be wider than `requested_width` (too many bins otherwise), which is said.
    """
    if isinstance(estimate, str):
        st.warning(f"{estimate}.")
        return None
    estimate_metric("histogram estimate", estimate.value, exact, unit)
    used = float(estimate.edges[1] - estimate.edges[0])
    if not math.isclose(used, requested_width, rel_tol=1e-9):
        st.caption(
            f"Bins {used:g} wide, not {requested_width:g}: the samples reach from "
            f"{estimate.edges[0]:.4g} to {estimate.edges[-1]:.4g}, and bins of "
            f"{requested_width:g} would be more than {kl_core.estimators.MAX_BINS:,}."
        )
    if estimate.empty_q_bins.size:
        edges = estimate.edges
        first = estimate.empty_q_bins[0]
        st.caption(
            f"∞ because {estimate.empty_q_bins.size} bin(s) hold P-samples but no Q-sample, "
            f"e.g. [{edges[first]:.3g}, {edges[first + 1]:.3g}): the estimated q is 0 there. "
            "Wider bins or more Q-samples help; smoothing only hides it behind an ε."
        )
    return estimate


def knn_estimate(value: float | str, k: int, exact, unit: str) -> None:
    """The k-NN estimate `value`, or the reason it is undefined (a string)."""
    if isinstance(value, str):
        st.warning(f"The k-NN estimator is undefined here: {value}.")
        return
    estimate_metric(f"k-NN estimate (k = {k})", value, exact, unit)
    if value < 0:
        st.caption("Negative: a divergence is never negative, but this estimate of it can be.")


def repeats_panel(p_spec, q_spec, n, k, width, exact, unit, base) -> None:
    """Thirty repeated draws per estimator, on request (a few seconds at most)."""
    if not st.toggle(
        "Repeat 30 times and show bias and spread", key="repeats", bind="query-params"
    ):
        return
    try:
        result = samples.estimator_repeats(p_spec, q_spec, n, k, width, base)
    except ValueError as exc:
        st.warning(f"Could not repeat the estimators: {exc}.")
        return
    st.caption(f"Each point is one estimate from fresh samples of size {result.size:,}.")
    for name, values in result.estimates.items():
        infinite = int(np.isinf(values).sum())
        if infinite == len(values):
            st.caption(f"{name}: all {infinite} repeats were ∞, so its column has no points.")
        elif infinite:
            st.caption(f"{name}: {infinite} of {len(values)} repeats were ∞ (not drawn).")
    spread = figures.estimator_spread_figure(result.estimates, exact.value, unit)
    chart(spread, key="samples_spread")
