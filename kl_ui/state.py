"""Widget keys (each one is also its URL parameter name) and the global unit."""

from __future__ import annotations

import streamlit as st

from kl_core import UNIT_BASES

UNITS = "units"  # global control, in app.py
UNIT_OPTIONS = tuple(UNIT_BASES)  # nats, bits, hartleys
DEFAULT_UNIT = "nats"

# Discrete explorer
P_TEXT, Q_TEXT, LABELS_TEXT = "p", "q", "labels"
# Continuous explorer: the spec strings; sliders derive their keys from these.
P_SPEC, Q_SPEC = "P", "Q"
# Home page
HOME_Q = "coin"


def current_unit() -> tuple[str, float | None]:
    """The unit chosen in the global control, and its log base for kl_core."""
    unit = st.session_state.get(UNITS, DEFAULT_UNIT)
    if unit not in UNIT_BASES:
        unit = DEFAULT_UNIT
    return unit, UNIT_BASES[unit]
