"""Proof stepper: why D(P‖Q) ≥ 0, through Jensen's inequality, with the user's own numbers."""

import streamlit as st

import kl_core
from kl_ui import figures, live, proof, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.live import densities, formulas
from kl_ui.presets import PROOF_CONTINUOUS_DEFAULTS
from kl_ui.widgets import controls, discrete_inputs, pickers

require_frame()
unit, base = state.current_unit()

st.title("Why KL is never negative")
st.markdown(texts.PROOF_INTRO)


mode = st.segmented_control(
    "Distributions", ["discrete", "continuous"], default="discrete", key="mode", bind="query-params"
)
if mode != "continuous":
    discrete_inputs.discrete_presets()  # a preset or the mode reruns the page; the rest reruns less


@fragment
def stepper(mode: str | None, unit: str, base: float | None) -> None:
    """The distributions, the steps and the picture: their controls rerun only this part."""
    bars = None
    if mode == "continuous":
        p, q = pickers.pq_pickers(
            ("P", PROOF_CONTINUOUS_DEFAULTS["P"]),
            ("Q", PROOF_CONTINUOUS_DEFAULTS["Q"]),
            sliders=False,  # the live view below holds the parameters' handles
        )
        result = kl_core.jensen_proof(p, q, base=base)
        steps = proof.continuous_steps(result, unit)
        st.markdown(texts.PROOF_CONTINUOUS_POINTS)
    else:
        bars = discrete_inputs.discrete_scenario()
        discrete_inputs.proof_presets(proof.presets(bars.p))
        if not bars.normalized:
            st.info("Normalise P and Q (or edit them) to walk through the proof.")
            st.stop()
        result = kl_core.jensen_proof(bars.p, bars.q, base=base)
        steps = proof.discrete_steps(bars.p, bars.q, result, unit)

    step = controls.step_control(proof.STEP_OPTIONS)
    shown = range(len(steps)) if step == "all" else [int(step) - 1]
    level = len(steps) + 1 if step == "all" else int(step)
    figure = figures.jensen_figure(result, level, unit, base)
    left, right = st.columns([1, 1])
    with left:
        for i in shown:
            st.markdown(f"**Step {i + 1}. {steps[i].title}**")
            formulas.show([steps[i].general, steps[i].numbers], key=f"proof_step_{i}")
            st.markdown(steps[i].words)
    with right:
        if bars is None:
            # P's and Q's parameters are the handles: D, the gaps and the picture follow
            # them, from kl_core's proof along each handle; the release sets P and Q.
            why = kl_core.kl_details(p, q).reason_for("P", "Q")
            densities.show_proof(p, q, result, why, figure, level, unit)
        else:
            # P's and Q's bars are the handles: the points, their centre and the two gaps
            # move with them in the browser; the release stores them in P and Q (and the
            # URL), and the steps follow.
            live.show(
                "jensen",
                key="proof_bars",
                handles=[],
                values={},
                readout=live.jensen_readout(result, bars.p, bars.q, bars.labels, unit),
                model={
                    "labels": bars.labels,
                    "p": bars.p.tolist(),
                    "q": bars.q.tolist(),
                    "unit": unit,
                    "level": level,
                    "reasons": live.REASONS,
                },
                figure=figure,
                take=lambda payload: discrete_inputs.dragged(payload, len(bars.labels)),
            )


stepper(mode, unit, base)
