"""Home: what KL divergence is, both formulas, a live coin, and a map of the pages."""

import numpy as np
import streamlit as st

import kl_core
from kl_ui import figures, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.numbers import LOG_LATEX, format_value
from kl_ui.pages import PAGES, streamlit_pages
from kl_ui.widgets import display

require_frame()
unit, base = state.current_unit()
log = LOG_LATEX[unit]

st.title("Kullback-Leibler divergence")
st.markdown(texts.HOME_INTRO)
st.markdown("**Over outcomes** (a sum), and **over densities** (an integral):")
st.latex(rf"D(P\,\|\,Q) = \sum_x p(x)\,{log}\frac{{p(x)}}{{q(x)}}")
st.latex(rf"D(P\,\|\,Q) = \int p(x)\,{log}\frac{{p(x)}}{{q(x)}}\,dx")
st.markdown("**Both at once**, as an average over what P produces:")
st.latex(rf"D(P\,\|\,Q) = \mathbb{{E}}_{{x\sim P}}\big[{log} p(x) - {log} q(x)\big]")
st.markdown(texts.HOME_NAMES.format(unit=unit))
st.markdown(texts.HOME_WHY)

st.subheader("A tiny live example")
st.markdown(texts.HOME_EXAMPLE)


@fragment
def live_coin() -> None:
    """The coin example: its slider reruns only this panel."""
    heads = st.slider("Q(heads)", 0.0, 1.0, 0.8, 0.01, key=state.HOME_Q, bind="query-params")
    fair, coin = [0.5, 0.5], [heads, 1 - heads]
    left, right = st.columns(2)
    left.metric("D(P‖Q)", format_value(kl_core.kl_divergence(fair, coin, base=base), unit))
    right.metric("D(Q‖P)", format_value(kl_core.kl_divergence(coin, fair, base=base), unit))
    if heads in (0.0, 1.0):
        left.caption("∞ because Q calls one side of the coin impossible, and a fair coin shows it.")
    qs = np.linspace(0.0, 1.0, 201)
    grid = np.column_stack([qs, 1 - qs])
    display.chart(
        figures.coin_divergence_curve(
            qs,
            kl_core.kl_divergence(fair, grid, base=base),
            kl_core.kl_divergence(grid, fair, base=base),
            heads,
            unit,
        ),
        key="home_curve",
    )


live_coin()

st.subheader("Where to go next")
for spec, page in zip(PAGES[1:], streamlit_pages()[1:]):
    st.page_link(page, label=f"**{spec.title}**: {spec.pitch}", icon=spec.icon)
