"""Discrete explorer: two pmfs over the same outcomes, every term, both directions, ∞."""

import numpy as np
import streamlit as st

import kl_core
from kl_ui import figures, plain, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.numbers import LOG_LATEX, format_value
from kl_ui.widgets import discrete_inputs, display

require_frame()
unit, base = state.current_unit()

st.title("Discrete explorer")
st.markdown(texts.DISCRETE_INTRO)
st.latex(rf"D(P\,\|\,Q) = \sum_x p(x)\,{LOG_LATEX[unit]}\frac{{p(x)}}{{q(x)}}")
# A preset reruns the page; the fields below rerun only the explorer.
discrete_inputs.discrete_presets()


@fragment
def explorer(unit: str, base: float | None) -> None:
    """The explorer below the formula: its controls rerun only this part of the page."""
    scenario = discrete_inputs.discrete_scenario()
    labels, p, q = scenario.labels, scenario.p, scenario.q

    display.chart(figures.pmf_bars(labels, p, q), key="discrete_pmfs")
    if not scenario.normalized:
        st.info("Normalise P and Q (or edit them) to see the divergences.")
        st.stop()

    forward = kl_core.KLResult(kl_core.kl_divergence(p, q, base=base), kl_core.Method.SUMMATION)
    reverse = kl_core.KLResult(kl_core.kl_divergence(q, p, base=base), kl_core.Method.SUMMATION)
    missing_forward = kl_core.support_violations(p, q)
    missing_reverse = kl_core.support_violations(q, p)

    def _names(indices) -> str:
        return ", ".join(plain.value(labels[i]) for i in indices)

    if missing_forward.size:
        forward = kl_core.KLResult(
            forward.value,
            kl_core.Method.SUPPORT,
            reason=f"Q gives 0 to {_names(missing_forward)} where P does not",
        )
    if missing_reverse.size:
        reverse = kl_core.KLResult(
            reverse.value,
            kl_core.Method.SUPPORT,
            reason=f"P gives 0 to {_names(missing_reverse)} where Q does not",
        )
    display.divergence_metrics(forward, reverse, unit)

    entropy_p = kl_core.entropy(p, base=base)
    cross = kl_core.cross_entropy(p, q, base=base)
    c1, c2 = st.columns(2)
    c1.metric("H(P), entropy of P", format_value(entropy_p, unit))
    c2.metric("H(P,Q), cross-entropy", format_value(cross, unit))

    display.chart(
        figures.term_bars(labels, kl_core.kl_terms(p, q, base=base), unit), key="discrete_terms"
    )
    display.chart(
        figures.decomposition_bar(entropy_p, forward.value, cross, unit),
        key="discrete_decomposition",
    )

    if missing_forward.size:
        st.subheader("Why D(P‖Q) is infinite")
        st.markdown(texts.DISCRETE_INFINITE.format(outcomes=_names(missing_forward)))
        epsilons = np.logspace(-1, -12, 23)
        smoothed = kl_core.kl_smoothed(p, q, epsilons, base=base)
        display.chart(
            figures.smoothing_curve(
                epsilons,
                smoothed,
                float(p[missing_forward].sum()),
                kl_core.convert_from_nats(1.0, base),
                unit,
            ),
            key="discrete_smoothing",
        )


explorer(unit, base)
