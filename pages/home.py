"""Home: what KL divergence is, both formulas, a live coin, and a map of the pages."""

import numpy as np
import streamlit as st

import kl_core
from kl_ui import definitions, figures, live, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.live import formulas, page_map

require_frame()
unit, base = state.current_unit()

st.title("Kullback-Leibler divergence")
st.markdown(texts.HOME_INTRO)
st.markdown("**Over outcomes** (a sum), and **over densities** (an integral):")
# Formulas and the page map are drawn in the browser, not by st.latex and st.page_link,
# so that they do not hold back the coin's first numbers (kl_ui.live.formulas says why).
formulas.show(
    [definitions.over_outcomes(unit), definitions.over_densities(unit)], key="home_definitions"
)
st.markdown("**Both at once**, as an average over what P produces:")
formulas.show([definitions.as_expectation(unit)], key="home_expectation")
st.markdown(texts.HOME_NAMES.format(unit=unit))
st.markdown(texts.HOME_WHY)

st.subheader("A tiny live example")
st.markdown(texts.HOME_EXAMPLE)


COIN = live.Handle(state.HOME_Q, "Q(heads)", 0.0, 1.0, 0.01, 0.8)
OUTCOMES = ["heads", "tails"]
FAIR = [0.5, 0.5]


@fragment
def live_coin() -> None:
    """The coin example: dragging moves its numbers and chart in the browser; the release
    reruns only this panel."""
    heads = live.linked_value(COIN)
    qs = np.linspace(0.0, 1.0, 201)
    grid = np.column_stack([qs, 1 - qs])
    curve = figures.coin_divergence_curve(
        qs,
        kl_core.kl_divergence(FAIR, grid, base=base),
        kl_core.kl_divergence(grid, FAIR, base=base),
        heads,
        unit,
    )
    live.show(
        "coin",
        key="home_coin",
        handles=[COIN],
        values={COIN.name: heads},
        readout=live.both_directions(FAIR, [heads, 1 - heads], OUTCOMES, unit, base),
        model={
            "handle": COIN.name,
            "p": FAIR,
            "labels": OUTCOMES,
            "unit": unit,
            "reasons": live.REASONS,
        },
        figure=curve,
    )


live_coin()

st.subheader("Where to go next")
page_map.show(key="home_pages", unit=unit)
