"""The page controls: the global unit, preset rows, and each page's own sliders,
switches and buttons (all bound to the URL).
"""

from __future__ import annotations

import streamlit as st

from kl_core import lessons
from kl_ui import families, plain, state
from kl_ui.texts import ROUND_HELP, UNIT_HELP


def units_control() -> None:
    """The nats/bits/hartleys switch, at the top right of every page (bound to ``?units=``).

    Not in a sidebar: on a projector (853 CSS px wide) a sidebar takes a third of the
    screen, so the app navigates from the top and keeps this one control beside it.
    """
    raw = st.query_params.get(state.UNITS)
    if raw is not None and raw not in state.UNIT_OPTIONS:
        st.warning(
            f"Unknown unit {plain.value(raw)} in the link; using nats. "
            f"Accepted: {', '.join(state.UNIT_OPTIONS)}."
        )
    st.container(horizontal=True, horizontal_alignment="right", key="units_bar").radio(
        "Units",
        state.UNIT_OPTIONS,
        key=state.UNITS,
        bind="query-params",
        horizontal=True,
        help=UNIT_HELP,
        width="content",
    )


def preset_row(key_prefix: str, buttons: list[tuple[str, str | None, object, tuple]]) -> None:
    """One row of preset buttons, keyed ``{key_prefix}{i}``, each as wide as its label;
    the row wraps onto more lines on a narrow screen instead of cutting the labels.

    `buttons` holds (label, help, on_click, args) for each button, left to right.
    """
    row = st.container(horizontal=True, wrap=True)
    for i, (label, help_text, on_click, args) in enumerate(buttons):
        row.button(
            label,
            key=f"{key_prefix}{i}",
            on_click=on_click,
            args=args,
            help=help_text,
            width="content",
        )


def _apply_specs(p_spec: str, q_spec: str | None) -> None:
    st.session_state[state.P_SPEC] = p_spec
    if q_spec is not None:
        st.session_state[state.Q_SPEC] = q_spec


def spec_presets(presets) -> None:
    """A row of buttons that each set P (and Q, when the preset has one)."""
    preset_row("asym_preset_", [(p.name, p.note, _apply_specs, (p.p, p.q)) for p in presets])


def sweep_choice(p, q) -> tuple[str, str | None]:
    """Which law (P or Q) and which of its parameters to sweep; bound to ?vary=&param=."""
    from kl_ui.asymmetry import sweepable_params

    left, right = st.columns(2)
    vary = left.segmented_control(
        "Vary a parameter of", ["Q", "P"], default="Q", key="vary", bind="query-params"
    )
    vary = vary or "Q"
    options = sweepable_params(q if vary == "Q" else p)
    if not options:
        st.info(f"{vary} is a mixture or a typed family: choose a single family to sweep it.")
        return vary, None
    if "param" in st.session_state and st.session_state["param"] not in options:
        st.session_state["param"] = "loc"  # e.g. a shape of the previous family
    param = right.selectbox(
        "Parameter", options, index=options.index("loc"), key="param", bind="query-params"
    )
    return vary, param


def fit_controls() -> tuple[float, float]:
    """Separation of P's two humps and the reverse optimiser's starting location."""
    left, right = st.columns(2)
    separation = left.slider(
        "Distance between P's two humps", 0.0, 8.0, 6.0, 0.5, key="sep", bind="query-params"
    )
    start = right.slider(
        "Reverse-KL optimiser starts at μ =", -6.0, 6.0, 2.0, 0.25, key="start", bind="query-params"
    )
    return separation, start


def _set_step(step: str) -> None:
    st.session_state["step"] = step


def step_control(options: tuple[str, ...]) -> str:
    """Previous / Next buttons around a step indicator bound to ``?step=``.

    The last option is the overview ("all"); Previous and Next move through the others.
    """
    left, middle, right = st.columns([1, 4, 1])
    current = (
        middle.segmented_control(
            "Step",
            options,
            default=options[0],
            key="step",
            bind="query-params",  # no format_func: a bound widget matches the URL to labels
            label_visibility="collapsed",
        )
        or options[0]
    )
    numbered = options[:-1]
    position = numbered.index(current) if current in numbered else len(numbered) - 1
    left.button(
        "← Previous",
        key="step_prev",
        on_click=_set_step,
        args=(numbered[max(position - 1, 0)],),
        disabled=current == numbered[0],
        width="stretch",
    )
    right.button(
        "Next →",
        key="step_next",
        on_click=_set_step,
        args=(numbered[min(position + 1, len(numbered) - 1)],),
        disabled=current == numbered[-1],
        width="stretch",
    )
    return current


SAMPLE_SIZES = (10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000)


def _next_seed() -> None:
    st.session_state["seed"] = int(st.session_state.get("seed", 0)) + 1


def sample_controls(default_n: int = 1_000) -> tuple[int, int]:
    """N on a log scale (``?n=``) and the seed (``?seed=``) with a "draw again" button."""
    left, middle, right = st.columns([3, 1, 1])
    n = left.select_slider(
        "Sample size N", SAMPLE_SIZES, value=default_n, key="n", bind="query-params"
    )
    # Whole numbers held as floats: Streamlit 1.67's integer inputs crash on ?seed=inf.
    seed = middle.number_input(
        "Seed", 0.0, 1e6, 0.0, 1.0, format="%.0f", key="seed", bind="query-params"
    )
    right.button("Draw again", key="redraw", on_click=_next_seed, width="stretch")
    return int(n), int(seed)


def family_control() -> str:
    """The model family of the likelihood page (``?family=``)."""
    return st.selectbox(
        r"Model family $Q_\theta$ (location μ, scale σ)",
        lessons.LIKELIHOOD_FAMILIES,
        key="family",
        bind="query-params",
        format_func=families.label,
    )


def estimator_controls() -> tuple[int, float, bool]:
    """k for k-NN (``?k=``), the histogram's bin width (``?width=``), and rounding."""
    left, middle, right = st.columns(3)
    k = left.number_input(
        "k (neighbour)", 1.0, 50.0, 1.0, 1.0, format="%.0f", key="k", bind="query-params"
    )
    width = middle.number_input(
        "Histogram bin width", 0.01, 10.0, 0.25, 0.05, key="width", bind="query-params"
    )
    rounded = right.checkbox(
        "Round samples to one decimal",
        help=ROUND_HELP,
        key="round",
        bind="query-params",
    )
    return int(k), float(width), bool(rounded)
