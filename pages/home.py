"""Home: what KL divergence is, both formulas, a live coin, and a map of the pages."""

import numpy as np
import streamlit as st

import kl_core
from kl_ui import figures, live, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.numbers import LOG_LATEX
from kl_ui.pages import PAGES, streamlit_pages

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


COIN = live.Handle(state.HOME_Q, "Q(heads)", 0.0, 1.0, 0.01, 0.8)
OUTCOMES = ["heads", "tails"]
FAIR = [0.5, 0.5]
CARDS_PER_ROW = 3


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
# A card per page, three to a row (one under another on a phone): the page's name is the
# link and its pitch wraps below it (a link's label stays on one line and would be cut).
destinations = list(zip(PAGES[1:], streamlit_pages()[1:]))
for row in range(0, len(destinations), CARDS_PER_ROW):
    for column, (spec, page) in zip(
        st.columns(CARDS_PER_ROW), destinations[row : row + CARDS_PER_ROW]
    ):
        card = column.container(border=True, gap=None, height="stretch")
        card.page_link(page, label=f"**{spec.title}**", icon=spec.icon)
        card.markdown(spec.pitch)
