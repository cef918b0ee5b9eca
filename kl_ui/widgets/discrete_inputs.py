"""The discrete scenario: P, Q and labels as shareable text fields, the table editor
and its pure edit logic, the discrete presets, and the proof's presets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import kl_core
from kl_core import lessons
from kl_core.parsing import MAX_OUTCOMES
from kl_ui import plain, state
from kl_ui.numbers import format_probability
from kl_ui.presets import DEFAULT, PRESETS
from kl_ui.widgets.controls import preset_row


@dataclass
class DiscreteScenario:
    """What the discrete inputs currently say."""

    labels: list[str]
    p: np.ndarray
    q: np.ndarray
    problems: list[str] = field(default_factory=list)

    @property
    def normalized(self) -> bool:
        return all(
            abs(float(v.sum()) - 1.0) <= kl_core._validation.SUM_TOLERANCE for v in (self.p, self.q)
        )


_EDITOR_VERSION = "_table_version"


def _set_texts(texts: dict[str, str]) -> None:
    for key, value in texts.items():
        st.session_state[key] = value
    st.session_state[_EDITOR_VERSION] = st.session_state.get(_EDITOR_VERSION, 0) + 1


def _apply_preset(index: int) -> None:
    _set_texts(PRESETS[index].texts())


def _normalize_field(key: str, values: list[float]) -> None:
    _set_texts({key: ",".join(format_probability(v) for v in kl_core.normalize(values))})


_TAMPERED = "That table edit could not be applied (it does not match the table); nothing changed."


def _row_index(value, size: int) -> int | None:
    """A row number from an edit, or None when it names no row of the table."""
    try:
        index = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return index if 0 <= index < size and str(value).strip().lstrip("+").isdigit() else None


def apply_table_edits(labels: list[str], p: list[float], q: list[float], edits):
    """Apply a data editor's edits (edited, deleted, added rows) to the outcome table.

    Returns the new (labels, p, q) as text-field values, or a message when fewer than
    two outcomes would remain or the edits do not fit the table (a tampered or stale
    state: a row that does not exist, a row number that is no number). Entries are
    clipped into [0, 1]; nothing is normalised.
    """
    rows = [[label, pv, qv] for label, pv, qv in zip(labels, p, q)]
    if not isinstance(edits, dict):
        return _TAMPERED
    edited = edits.get("edited_rows", {})
    deleted = edits.get("deleted_rows", [])
    added = edits.get("added_rows", [])
    if not (isinstance(edited, dict) and isinstance(deleted, list) and isinstance(added, list)):
        return _TAMPERED
    if len(added) > MAX_OUTCOMES or len(deleted) > len(rows):
        return _TAMPERED
    for index, change in edited.items():
        row = _row_index(index, len(rows))
        if row is None or not isinstance(change, dict):
            return _TAMPERED
        for column, position in (("outcome", 0), ("P", 1), ("Q", 2)):
            if column in change and change[column] is not None:
                rows[row][position] = change[column]
    indices = [_row_index(i, len(rows)) for i in deleted]
    if None in indices:
        return _TAMPERED
    rows = [row for i, row in enumerate(rows) if i not in set(indices)]
    for new in added:
        if not isinstance(new, dict):
            return _TAMPERED
        rows.append([new.get("outcome") or "", new.get("P") or 0.0, new.get("Q") or 0.0])
    rows = rows[:MAX_OUTCOMES]
    if len(rows) < 2:
        return "Keep at least two outcomes."
    names = [str(r[0]).strip().replace(",", " ") or f"x{i + 1}" for i, r in enumerate(rows)]
    if len(set(names)) != len(names):
        names = [f"{name} ({i + 1})" for i, name in enumerate(names)]
    clean = [
        [min(max(float(r[k]), 0.0), 1.0) if _is_number(r[k]) else 0.0 for k in (1, 2)] for r in rows
    ]
    return {
        state.LABELS_TEXT: ",".join(names),
        state.P_TEXT: ",".join(format_probability(c[0]) for c in clean),
        state.Q_TEXT: ",".join(format_probability(c[1]) for c in clean),
    }


def _apply_table_edits(key: str, labels: list[str], p: list[float], q: list[float]) -> None:
    result = apply_table_edits(labels, p, q, st.session_state.get(key, {}))
    if isinstance(result, str):
        st.session_state["_table_problem"] = result
        _set_texts({})
    else:
        _set_texts(result)


def dragged(payload, size: int) -> bool:
    """Store the bars the discrete explorer's live view released (its payload,
    ``{"p": [...], "q": [...]}``) in the P and Q fields; False, storing nothing, when the
    payload is not two distributions over `size` outcomes (a browser never sends one;
    a tampered message may)."""
    if not isinstance(payload, dict) or set(payload) != {"p", "q"}:
        return False
    vectors = []
    for name in ("p", "q"):
        values = payload[name]
        if not isinstance(values, list) or len(values) != size:
            return False
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            return False
        try:
            vectors.append(kl_core.normalize(np.asarray(values, dtype=float)))
        except ValueError:
            return False
        if abs(float(np.sum(values)) - 1.0) > kl_core._validation.SUM_TOLERANCE:
            return False
    _set_texts({key: ",".join(format_probability(float(v)) for v in vector)
                for key, vector in zip((state.P_TEXT, state.Q_TEXT), vectors)})  # fmt: skip
    return True


def _is_number(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def discrete_presets() -> None:
    """A row of preset buttons that fill in the discrete fields (outside any fragment)."""
    st.markdown("**Presets**")
    preset_row("preset_", [(p.name, p.note, _apply_preset, (i,)) for i, p in enumerate(PRESETS)])


def discrete_scenario() -> DiscreteScenario:
    """The shareable text fields and a table editor; returns the scenario."""
    defaults = DEFAULT.texts()
    c1, c2, c3 = st.columns([2, 2, 1])
    p_text = c1.text_input(
        "P (comma-separated)", value=defaults["p"], key=state.P_TEXT, bind="query-params"
    )
    q_text = c2.text_input(
        "Q (comma-separated)", value=defaults["q"], key=state.Q_TEXT, bind="query-params"
    )
    labels_text = c3.text_input(
        "Outcome labels", value=defaults["labels"], key=state.LABELS_TEXT, bind="query-params"
    )

    scenario = _read_scenario(p_text, q_text, labels_text)
    for problem in scenario.problems:
        st.error(problem, icon=":material/error:")
    problem = st.session_state.pop("_table_problem", None)
    if problem:
        st.warning(problem)
    _sum_warnings(scenario)

    version = st.session_state.get(_EDITOR_VERSION, 0)
    key = f"table_{version}"
    table = st.expander(
        "Edit outcomes in a table (add, remove, relabel)", key="table_open", on_change="rerun"
    )
    if not table.open:  # built only when open: a table editor costs ~2 ms per rerun
        return scenario
    with table:
        st.data_editor(
            {"outcome": scenario.labels, "P": scenario.p.tolist(), "Q": scenario.q.tolist()},
            key=key,
            num_rows="dynamic",
            width="stretch",
            on_change=_apply_table_edits,
            args=(key, scenario.labels, scenario.p.tolist(), scenario.q.tolist()),
            column_config={
                "P": st.column_config.NumberColumn(
                    "P", min_value=0.0, max_value=1.0, format="%.4f"
                ),
                "Q": st.column_config.NumberColumn(
                    "Q", min_value=0.0, max_value=1.0, format="%.4f"
                ),
            },
        )
    return scenario


def _read_scenario(p_text: str, q_text: str, labels_text: str) -> DiscreteScenario:
    """The scenario the fields describe, keeping every field that is valid.

    An invalid P or Q is replaced by the uniform distribution over the other's outcomes
    (both invalid: the default coin), and the message says which value stands in.
    """
    problems: list[str] = []
    vectors: dict[str, np.ndarray] = {}
    errors: dict[str, str] = {}
    for name, text in (("p", p_text), ("q", q_text)):
        try:
            vectors[name] = lessons.parse_probabilities(text, name)
        except ValueError as exc:
            errors[name] = plain.markdown(str(exc).replace(f"`{name}` ", "", 1))
    if len(vectors) == 2 and vectors["p"].size != vectors["q"].size:
        errors["q"] = (
            f"P has {vectors['p'].size} outcomes but Q has {vectors['q'].size}; give one "
            "probability per outcome in both"
        )
        del vectors["q"]
    fallback = DEFAULT.texts()
    if not vectors:
        for name in ("p", "q"):
            vectors[name] = lessons.parse_probabilities(fallback[name])
            problems.append(
                f"Could not use {name.upper()}: {errors[name]}. Using the default "
                f"{name.upper()} = {fallback[name]} instead."
            )
        labels_text = fallback["labels"]
    else:
        size = next(iter(vectors.values())).size
        for name in ("p", "q"):
            if name in errors:
                vectors[name] = np.full(size, 1.0 / size)
                other = "Q" if name == "p" else "P"
                problems.append(
                    f"Could not use {name.upper()}: {errors[name]}. Using {name.upper()} = "
                    f"uniform over {other}'s {size} outcomes instead."
                )
    size = vectors["p"].size
    try:
        labels = lessons.parse_labels(labels_text, size)
    except ValueError as exc:
        if labels_text != fallback["labels"]:  # the default labels simply do not apply
            reason = plain.markdown(str(exc).replace("`labels`", "The labels field", 1))
            problems.append(f"{reason}; numbering the outcomes instead.")
        labels = [str(i + 1) for i in range(size)]
    return DiscreteScenario(labels, vectors["p"], vectors["q"], problems)


def _sum_warnings(scenario: DiscreteScenario) -> None:
    for key, values in ((state.P_TEXT, scenario.p), (state.Q_TEXT, scenario.q)):
        total = float(values.sum())
        if abs(total - 1.0) <= kl_core._validation.SUM_TOLERANCE:
            continue
        left, right = st.columns([4, 1])
        if total == 0:
            left.warning(f"{key.upper()} is all zeros; give some outcome a positive probability.")
            continue
        left.warning(
            f"{key.upper()} sums to {total:.6g}, not 1, so it is not a probability distribution "
            "and no divergence is computed. Nothing is rescaled behind your back: normalise "
            "it explicitly (divide every entry by the sum) or edit the numbers."
        )
        right.button(
            f"Normalise {key.upper()}",
            key=f"normalize_{key}",
            on_click=_normalize_field,
            args=(key, values.tolist()),
            width="stretch",
        )


def proof_presets(presets: dict[str, dict[str, str]]) -> None:
    """Buttons that set the discrete P and Q fields for the proof."""
    preset_row(
        "proof_preset_", [(name, None, _set_texts, (texts,)) for name, texts in presets.items()]
    )
