"""Maximum likelihood is minimum KL: data, the likelihood surface, and convergence in N."""

import streamlit as st

import kl_core
from kl_ui import figures, plain, state, texts
from kl_ui.frame import fragment, require_frame
from kl_ui.presets import MLE_PRESETS
from kl_ui.views import mle
from kl_ui.widgets import controls, display, pickers

require_frame()
unit, base = state.current_unit()

st.title("Maximum likelihood = minimum KL")
st.markdown(texts.MLE_INTRO)
for words, formula in texts.MLE_DERIVATION:
    st.markdown(words)
    st.latex(formula)

controls.spec_presets(MLE_PRESETS)  # a preset reruns the page; the controls below rerun less


@fragment
def explorer(unit: str, base: float | None) -> None:
    """P and the model family: their controls rerun this part of the page."""
    p = pickers.distribution_picker(
        state.P_SPEC, "P (the truth, unknown to the fitter)", MLE_PRESETS[1].p
    )
    family = controls.family_control()
    p_spec = kl_core.format_distribution(p)
    try:
        mle.population_view(p_spec, family, base)
    except ValueError as exc:
        st.error(
            f"{plain.markdown(str(exc))}. Maximum likelihood has nothing to converge to; "
            "choose a lighter-tailed P."
        )
        return
    sample_and_fit(p_spec, family, unit, base)


@fragment
def sample_and_fit(p_spec: str, family: str, unit: str, base: float | None) -> None:
    """The sample, its fit and the figures: N, the seed and "draw again" rerun only
    this part (P's picker above is not redrawn)."""
    n, seed = controls.sample_controls()
    population = mle.population_view(p_spec, family, base)
    star, mu = population.star, population.mu
    sample = mle.sample_view(p_spec, family, n, seed, base)
    fit = sample.fit
    display.mle_metrics(fit, sample.fit_divergence, star, population.entropy, unit)

    left, right = st.columns(2)
    curves = figures.likelihood_curves(
        mu, sample.curve, population.expected, fit.loc, star.loc, n, unit
    )
    display.chart(where=left, figure=curves, key="mle_curves")
    gap = figures.entropy_gap_figure(
        mu, population.divergence, population.cross, population.entropy, unit
    )
    display.chart(where=right, figure=gap, key="mle_gap")
    st.markdown(texts.MLE_WHY)
    left, right = st.columns(2)
    surface = figures.likelihood_map(
        sample.locs,
        sample.scales,
        sample.grid,
        (fit.loc, fit.scale),
        (star.loc, star.scale),
        unit,
    )
    display.chart(where=left, figure=surface, key="mle_map")
    right.markdown(texts.MLE_SURFACE)
    conv = population.convergence
    left, right = st.columns(2)
    for where, values, target, what in (
        (left, conv.locs, star.loc, "location"),
        (right, conv.divergences, star.value, "divergence"),
    ):
        figure = figures.convergence_figure(conv.ns, values, target, n, what=what, unit=unit)
        display.chart(figure, key=f"mle_convergence_{what}", where=where)


explorer(unit, base)
st.markdown(texts.MLE_MISSPECIFIED)  # static: outside the fragments, so never redrawn by them
