"""Asymmetry explorer: both directions over a whole parameter range, a map, and fitting."""

import streamlit as st

import kl_core
from kl_ui import asymmetry, figures, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.live import maps, sweep
from kl_ui.presets import ASYMMETRY_DEFAULTS
from kl_ui.views import asymmetry as asymmetry_view
from kl_ui.views import common
from kl_ui.widgets import controls, display, pickers

require_frame()
unit, base = state.current_unit()

st.title("Asymmetry explorer")
st.markdown(texts.ASYMMETRY_INTRO)

controls.spec_presets(asymmetry.PRESETS)  # a preset reruns the page; the controls below rerun less


@fragment
def explorer(unit: str, base: float | None) -> None:
    """P, Q, both directions, the sweep and the map: their controls rerun only this part."""
    p, q = pickers.pq_pickers(("P", ASYMMETRY_DEFAULTS["P"]), ("Q", ASYMMETRY_DEFAULTS["Q"]))
    p_spec, q_spec = kl_core.format_distribution(p), kl_core.format_distribution(q)
    forward, reverse = common.details(p_spec, q_spec, base), common.details(q_spec, p_spec, base)
    numbers = st.container()  # both divergences, unless the live sweep below shows them

    st.subheader("Drag a parameter")
    vary, param = controls.sweep_choice(p, q)
    fixed_spec, moving_spec = (p_spec, q_spec) if vary == "Q" else (q_spec, p_spec)
    swept = False
    if (
        param
        and asymmetry_view.sweep_budget(fixed_spec, moving_spec, param) < asymmetry.SWEEP_MIN_POINTS
    ):
        st.info(
            texts.SWEEP_TOO_COSTLY.format(
                moving=vary, fixed="P" if vary == "Q" else "Q", param=param
            )
        )
    elif param:
        # The handle walks the sweep's points: the numbers and the chart's marker follow
        # the hand; the release sets the moving law's spec (and the URL).
        sweep.show(
            asymmetry_view.live_sweep(p_spec, q_spec, vary, param, unit, base), vary, param, unit
        )
        swept = True
    if not swept:
        with numbers:
            display.divergence_metrics(forward, reverse, unit)

    st.subheader("A map over Q's location and scale")
    if asymmetry.sweepable_params(q):
        template = asymmetry.template_spec(q, "loc", "scale")
        maps.show(asymmetry_view.map_figures(p_spec, template, unit, base), q)
        st.markdown(texts.MAP_EXPLAINED)
    else:
        st.info(
            "The map varies Q's location and scale: choose a single family for Q, not a mixture."
        )


@fragment
def fitting(unit: str, base: float | None) -> None:
    """Forward and reverse fits to a two-bump target: independent of P and Q above."""
    separation, start = controls.fit_controls()
    target = asymmetry.fit_target_spec(separation)
    result = asymmetry_view.fits(target, base)
    chosen = asymmetry_view.reverse_fit(target, start, base)
    display.fit_summary(result.forward, result.optima, chosen, unit)
    curves = asymmetry_view.fit_curves(target, start, base)
    display.chart(figures.fit_densities(*curves, unit), key="asym_fit")
    path = figures.fit_path(result.map, chosen.path, result.optima, unit)
    display.chart(path, key="asym_path")


explorer(unit, base)
st.markdown(texts.ASYMMETRY_WHY)  # static: outside the fragment, so never redrawn by it
st.subheader("Fitting: mass-covering versus mode-seeking")
st.markdown(texts.FIT_EXPLAINED)
fitting(unit, base)
