"""The asymmetry page's live sweep: one parameter of P or Q moves over its whole range.

Every position of the handle is a point of the sweep that kl_core computed for the page
(kl_ui.views.asymmetry.live_sweep), so the numbers shown while dragging are kl_core's
own, ∞ with its reason included; the chart's marker follows the hand. On release the
moving law's spec at that point becomes its URL-bound field, and the page reruns.
"""

from __future__ import annotations

import math

import streamlit as st

from kl_ui import live
from kl_ui.numbers import format_value, shared_decimals
from kl_ui.theme import P_COLOR, Q_COLOR, typed_array


def _finite_or_none(values) -> list[float | None]:
    """JSON has no ∞: the browser gets null there (and the reason beside it)."""
    return [None if math.isinf(v) else float(v) for v in values]


def show(sweep, vary: str, param: str, unit: str) -> None:
    """Mount the live sweep of `vary`'s (``"P"`` or ``"Q"``) parameter `param`."""
    name = f"{vary}_{param}"
    handle = live.Handle(name, f"{vary}'s {param}", 0, len(sweep.values) - 1, 1, sweep.index)
    i = sweep.index
    readout = [
        live.Reading("D(P‖Q)", format_value(sweep.forward[i], unit), sweep.forward_reasons.get(i)),
        live.Reading("D(Q‖P)", format_value(sweep.reverse[i], unit), sweep.reverse_reasons.get(i)),
    ]

    def take(payload) -> None:
        index = handle.accept(payload.get(name)) if isinstance(payload, dict) else None
        if index is not None:
            st.session_state[vary] = sweep.specs[int(index)]

    live.show(
        "sweep",
        key="asym_sweep",
        handles=[handle],
        values={name: i},
        readout=readout,
        model={
            "handle": name,
            "vary": vary,  # which law moves, and which of its parameters (for the maps)
            "param": param,
            "unit": unit,
            "color": P_COLOR if vary == "P" else Q_COLOR,  # the moving density's
            "values": [float(v) for v in sweep.values],
            "decimals": shared_decimals(sweep.values),  # the handle's label, one width
            "forward": _finite_or_none(sweep.forward),
            "reverse": _finite_or_none(sweep.reverse),
            "reasons": {
                "forward": {str(k): v for k, v in sweep.forward_reasons.items()},
                "reverse": {str(k): v for k, v in sweep.reverse_reasons.items()},
            },
        },
        figure=sweep.curves,
        # the densities at the handle's point; every point's moving density goes along
        # (float32, ~50 KB), and the browser draws the one the hand is at
        extra={
            "densities": sweep.densities.to_dict(),
            "frames": [{"x": typed_array(x), "y": typed_array(y)} for x, y in sweep.frames],
        },
        take=take,
    )
