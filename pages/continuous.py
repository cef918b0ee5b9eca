"""Continuous explorer: two densities, the shaded integrand, and where each number comes from."""

import streamlit as st

import kl_core
from kl_ui import definitions, figures, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.live import densities, formulas
from kl_ui.numbers import markdown_table
from kl_ui.presets import CONTINUOUS_DEFAULTS
from kl_ui.views import common
from kl_ui.widgets import display, pickers

require_frame()
unit, base = state.current_unit()

st.title("Continuous explorer")
st.markdown(texts.CONTINUOUS_INTRO)
formulas.show([definitions.over_densities(unit)], key="continuous_definition")


@fragment
def explorer(unit: str, base: float | None) -> None:
    """The explorer below the formula: its controls rerun only this part of the page."""
    p, q = pickers.pq_pickers(
        ("P (the truth)", CONTINUOUS_DEFAULTS["P"]),
        ("Q (the model)", CONTINUOUS_DEFAULTS["Q"]),
        sliders=False,  # the live view below holds the parameters' handles
    )
    p_spec, q_spec = kl_core.format_distribution(p), kl_core.format_distribution(q)

    forward = common.comparison(p_spec, q_spec, base)
    reverse = common.comparison(q_spec, p_spec, base)
    display.methods_disagree({"PQ": forward, "QP": reverse}, unit)
    densities.show(
        p,
        q,
        forward.result,
        reverse.result,
        figures.density_figure(common.curves(p_spec, q_spec, base), unit),
        unit,
    )

    st.subheader("Where the numbers come from")
    st.markdown(texts.METHODS_EXPLAINED)
    st.markdown(markdown_table(display.method_rows(forward, reverse, unit)))

    for names, result, specs in (
        ("PQ", forward, (p_spec, q_spec)),
        ("QP", reverse, (q_spec, p_spec)),
    ):
        if result.result.is_infinite:
            display.why_infinite(result.result, names, specs, unit, base)


explorer(unit, base)
