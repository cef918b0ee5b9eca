"""Discrete explorer: two pmfs over the same outcomes, every term, both directions, ∞."""

import numpy as np
import streamlit as st

import kl_core
from kl_ui import definitions, figures, live, plain, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.live import formulas
from kl_ui.widgets import discrete_inputs, display

require_frame()
unit, base = state.current_unit()

st.title("Discrete explorer")
st.markdown(texts.DISCRETE_INTRO)
formulas.show([definitions.over_outcomes(unit)], key="discrete_definition")
# A preset reruns the page; the fields below rerun only the explorer.
discrete_inputs.discrete_presets()


@fragment
def explorer(unit: str, base: float | None) -> None:
    """The explorer below the formula: its controls rerun only this part of the page."""
    scenario = discrete_inputs.discrete_scenario()
    labels, p, q = scenario.labels, scenario.p, scenario.q

    if not scenario.normalized:
        display.chart(figures.pmf_bars(labels, p, q), key="discrete_pmfs")
        st.info("Normalise P and Q (or edit them) to see the divergences.")
        st.stop()

    # P's and Q's bars are the handles: dragging moves every number below in the browser;
    # the release stores the bars in the P and Q fields (and the URL).
    live.show(
        "bars",
        key="discrete_bars",
        handles=[],
        values={},
        readout=live.both_directions(p, q, labels, unit, base) + live.entropies(p, q, unit, base),
        model={
            "labels": labels,
            "p": p.tolist(),
            "q": q.tolist(),
            "unit": unit,
            "reasons": live.REASONS,
        },
        take=lambda payload: discrete_inputs.dragged(payload, len(labels)),
    )
    forward = kl_core.kl_divergence(p, q, base=base)
    entropy_p = kl_core.entropy(p, base=base)
    cross = kl_core.cross_entropy(p, q, base=base)
    missing_forward = kl_core.support_violations(p, q)
    names = ", ".join(plain.value(labels[i]) for i in missing_forward)

    display.chart(
        figures.decomposition_bar(entropy_p, forward, cross, unit),
        key="discrete_decomposition",
    )

    if missing_forward.size:
        st.subheader("Why D(P‖Q) is infinite")
        st.markdown(texts.DISCRETE_INFINITE.format(outcomes=names))
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
