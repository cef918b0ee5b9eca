"""The continuous explorer's live view: P's and Q's family parameters as handles.

While a handle moves, the browser redraws both densities and the integrand from its own
densities (klmath.js ``logPdf``, checked against scipy) and both divergences from the
closed form where klmath.js has one (kl_core's, checked against it); for other pairs it
interpolates kl_core's values along the moving handle, sent with the page (one table per
handle: :mod:`kl_ui.live.tables`), shown with "≈" and the error bound. On release the
new parameters become P's and Q's spec texts (the URL-bound fields), and the page reruns
with kl_core's numbers.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import asdict

import streamlit as st

import kl_core
from kl_core.result import KLResult
from kl_ui import families, live, state
from kl_ui.numbers import format_value
from kl_ui.proof import PROOF_LABELS
from kl_ui.views.continuous import divergence_table, proof_table

SIDES = (state.P_SPEC, state.Q_SPEC)  # each side is named as its URL parameter


def handle_name(side: str, param: str) -> str:
    return f"{side}_{param}"


def handles_of(side: str, dist) -> tuple[list[live.Handle], dict[str, float], dict]:
    """The handles of one side's slider family, their values, and its model for the
    browser; no handles when the law is outside the slider families (a typed spec)."""
    family_name, values = families.slider_values(dist)
    if family_name == families.OTHER:
        return [], {}, {"family": None}
    family = families.BY_NAME[family_name]
    handles = []
    for param in family.params:  # each a Handle of the family's own, named for its side
        value = float(values[param.name])
        handles.append(
            dataclasses.replace(
                param,
                name=handle_name(side, param.name),
                label=f"{side} {param.label}",
                low=min(param.low, value),
                high=max(param.high, value),
                default=value,
            )
        )
    model = {"family": family_name, "params": [p.name for p in family.params]}
    return handles, {h.name: h.default for h in handles}, model


def pair_handles(laws: dict) -> tuple[list[live.Handle], dict[str, float], dict]:
    """:func:`handles_of` both sides (`laws` by side, P first): all handles, their
    values, and the model with each side's family and parameters."""
    handles, values, model = [], {}, {}
    for side in SIDES:
        side_handles, side_values, model[side] = handles_of(side, laws[side])
        handles += side_handles
        values |= side_values
    return handles, values, model


def readings(forward: KLResult, reverse: KLResult, unit: str) -> list[live.Reading]:
    """D(P‖Q) and D(Q‖P) as kl_core found them, each ∞ with its reason."""
    return [
        live.Reading(label, format_value(result.value, unit), result.reason_for(*names))
        for label, names, result in (("D(P‖Q)", "PQ", forward), ("D(Q‖P)", "QP", reverse))
    ]


def sides(laws: dict, model: dict, values: dict, moving: live.Handle) -> list:
    """Both sides as the tables take them (kl_ui.views.continuous.Side), without the
    `moving` handle's own parameter."""
    sides = []
    for side in SIDES:
        family = model[side]["family"]
        if family is None:
            sides.append((None, kl_core.format_distribution(laws[side])))
            continue
        params = tuple(
            (param, values[handle_name(side, param)])
            for param in model[side]["params"]
            if handle_name(side, param) != moving.name
        )
        sides.append((family, params))
    return sides


def tables(laws: dict, model: dict, handles: list[live.Handle], values: dict) -> dict:
    """Each handle's table of kl_core's D(P‖Q) and D(Q‖P) along it, dense around where
    it is, the others where they are (shared and cached). `laws` are the two sides'
    distributions, for a side outside the slider families (its spec text)."""
    return {h.name: asdict(divergence_table(*sides(laws, model, values, h), h)) for h in handles}


def _taker(model: dict, handles: list[live.Handle]):
    """What a release does: the checked values become P's and Q's spec texts (their
    URL-bound fields); a tampered release changes nothing."""
    by_side = {side: [h for h in handles if h.name.startswith(f"{side}_")] for side in SIDES}

    def take(payload) -> None:
        if not isinstance(payload, dict):
            return
        specs = {}
        for side in SIDES:
            family_name = model[side]["family"]
            if family_name is None:
                continue
            chosen = {}
            for handle in by_side[side]:
                value = handle.accept(payload.get(handle.name))
                if value is None:
                    return  # a tampered release: nothing changes
                chosen[handle.name.removeprefix(f"{side}_")] = value
            specs[side] = families.BY_NAME[family_name].spec(chosen)
        for side, spec in specs.items():
            st.session_state[side] = spec

    return take


def show(p, q, forward: KLResult, reverse: KLResult, figure, unit: str) -> None:
    """Mount the live view for laws `p` and `q` (their pickers' specs), with kl_core's
    results and the density figure."""
    laws = dict(zip(SIDES, (p, q)))
    handles, values, model = pair_handles(laws)
    model |= {"unit": unit, "at": values, "tables": tables(laws, model, handles, values)}
    live.show(
        "densities",
        key="continuous_live",
        handles=handles,
        values=values,
        readout=readings(forward, reverse, unit),
        model=model,
        figure=figure,
        take=_taker(model, handles),
    )


def show_proof(p, q, proof, reason: str | None, figure, level: int, unit: str) -> None:
    """Mount the proof page's continuous live view for laws `p` and `q`: D(P‖Q) and the
    two gaps of `proof` (a :class:`kl_core.JensenProof`; ∞ with `reason`) and its
    picture `figure` at step `level`, with each handle's table of the proof along it."""
    laws = dict(zip(SIDES, (p, q)))
    handles, values, model = pair_handles(laws)
    proof_tables = {h.name: proof_table(*sides(laws, model, values, h), h) for h in handles}
    model |= {"unit": unit, "at": values, "tables": proof_tables, "level": level}
    numbers = (proof.divergence, proof.jensen_gap, proof.support_gap)
    readout = [
        live.Reading(label, format_value(value, unit), reason if math.isinf(value) else None)
        for label, value in zip(PROOF_LABELS, numbers, strict=True)
    ]
    live.show(
        "jensen-density",
        key="proof_live",
        handles=handles,
        values=values,
        readout=readout,
        model=model,
        figure=figure,
        take=_taker(model, handles),
    )
