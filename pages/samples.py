"""Estimating KL from samples: Monte Carlo, histogram plug-in and k-NN, against the truth."""

import streamlit as st

import kl_core
from kl_ui import cached, figures, state, texts, widgets
from kl_ui.frame import require_frame
from kl_ui.numbers import format_value
from kl_ui.presets import SAMPLES_PRESETS

require_frame()
unit, base = state.current_unit()

st.title("Estimating KL from samples")
st.markdown(texts.SAMPLES_INTRO)
widgets.spec_presets(SAMPLES_PRESETS)
p, q = widgets.pq_pickers(("P", SAMPLES_PRESETS[0].p), ("Q", SAMPLES_PRESETS[0].q))
p_spec, q_spec = kl_core.format_distribution(p), kl_core.format_distribution(q)
n, seed = widgets.sample_controls(default_n=10_000)
k, width, rounded = widgets.estimator_controls()
exact = kl_core.kl_details(p, q, base=base)
view = cached.samples_view(p_spec, q_spec, n, seed, rounded, base)

st.subheader("1. Monte Carlo with known densities")
if view["mean"] is None:
    st.metric("Monte Carlo estimate", format_value(float("inf"), unit))
    st.caption("A draw from P landed where q = 0: the average is ∞ (support).")
else:
    widgets.estimate_metric(
        "Monte Carlo estimate", view["mean"][-1], exact, unit, se=view["se"][-1]
    )
    mc = figures.running_mean_figure(view["draws"], view["mean"], view["se"], exact.value, unit)
    st.plotly_chart(mc, key="samples_mc")

st.subheader("2. Histogram plug-in")
histogram = widgets.histogram_estimate(view["x"], view["y"], width, exact, unit, base)
if histogram is not None:
    hist_fig = figures.histogram_figure(
        histogram.edges, histogram.p_counts, histogram.q_counts, histogram.empty_q_bins
    )
    st.plotly_chart(hist_fig, key="samples_hist")

st.subheader("3. k-nearest neighbours (Wang, Kulkarni and Verdú)")
widgets.knn_estimate(view["x"], view["y"], k, exact, unit, base)

st.subheader("Bias and spread over repeated draws")
widgets.repeats_panel(p_spec, q_spec, n, k, width, exact, unit, base)
st.markdown(texts.SAMPLES_CAVEATS)
