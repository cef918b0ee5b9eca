"""Estimating KL from samples: Monte Carlo, histogram plug-in and k-NN, against the truth."""

import streamlit as st

import kl_core
from kl_ui import figures, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.numbers import format_value
from kl_ui.presets import SAMPLES_PRESETS
from kl_ui.views import common, samples
from kl_ui.widgets import controls, display, pickers

require_frame()
unit, base = state.current_unit()

st.title("Estimating KL from samples")
st.markdown(texts.SAMPLES_INTRO)

controls.spec_presets(SAMPLES_PRESETS)  # a preset reruns the page; the controls below rerun less


@fragment
def explorer(unit: str, base: float | None) -> None:
    """P and Q: their controls rerun this part of the page."""
    p, q = pickers.pq_pickers(("P", SAMPLES_PRESETS[0].p), ("Q", SAMPLES_PRESETS[0].q))
    p_spec, q_spec = kl_core.format_distribution(p), kl_core.format_distribution(q)
    estimates(p_spec, q_spec, unit, base)


@fragment
def estimates(p_spec: str, q_spec: str, unit: str, base: float | None) -> None:
    """Samples of P and Q and the three estimators on them: N, the seed, k, the bin width
    and rounding rerun only this part (P's and Q's pickers above are not redrawn)."""
    n, seed = controls.sample_controls(default_n=10_000)
    k, width, rounded = controls.estimator_controls()
    exact = common.details(p_spec, q_spec, base)
    view = samples.samples_view(p_spec, q_spec, n, seed, rounded, base)

    st.subheader("1. Monte Carlo with known densities")
    if view.mean is None:
        st.metric("Monte Carlo estimate", format_value(float("inf"), unit))
        st.caption("A draw from P landed where q = 0: the average is ∞ (support).")
    else:
        display.estimate_metric("Monte Carlo estimate", view.mean[-1], exact, unit, se=view.se[-1])
        mc = figures.running_mean_figure(view.draws, view.mean, view.se, exact.value, unit)
        display.chart(mc, key="samples_mc")

    st.subheader("2. Histogram plug-in")
    histogram = display.histogram_estimate(
        samples.histogram_estimate(p_spec, q_spec, n, seed, rounded, width, base),
        exact,
        unit,
        width,
    )
    if histogram is not None:
        hist_fig = figures.histogram_figure(
            histogram.edges, histogram.p_counts, histogram.q_counts, histogram.empty_q_bins
        )
        display.chart(hist_fig, key="samples_hist")

    st.subheader("3. k-nearest neighbours (Wang, Kulkarni and Verdú)")
    display.knn_estimate(
        samples.knn_estimate(p_spec, q_spec, n, seed, rounded, k, base), k, exact, unit
    )

    st.subheader("Bias and spread over repeated draws")
    display.repeats_panel(p_spec, q_spec, n, k, width, exact, unit, base)


explorer(unit, base)
st.markdown(texts.SAMPLES_CAVEATS)  # static: outside the fragments, so never redrawn by them
