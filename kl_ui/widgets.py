"""Streamlit widgets that return kl_core objects, and small display helpers.

Every page parameter is a keyed widget bound to the URL (``bind="query-params"``), so a
link reproduces the view. Invalid values never raise: they are reported in a visible
message and replaced by a sensible default.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import streamlit as st

import kl_core
from kl_core import KLResult
from kl_core.parsing import MAX_OUTCOMES, MAX_SPEC_LENGTH
from kl_ui import cached, families, figures, plain, state, texts
from kl_ui.numbers import format_probability, format_value
from kl_ui.presets import DEFAULT, PRESETS
from kl_ui.texts import UNIT_HELP

# --- the global unit ------------------------------------------------------------------


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


# --- discrete scenario ------------------------------------------------------------------


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


def _is_number(value) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


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
            vectors[name] = kl_core.parse_probabilities(text, name)
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
            vectors[name] = kl_core.parse_probabilities(fallback[name])
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
        labels = kl_core.parse_labels(labels_text, size)
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


# --- continuous distributions ----------------------------------------------------------


_UNSET = object()


def _show_value(key: str, value) -> None:
    """Make the widget `key` show `value`, touching its state only if it shows another.

    Any assignment to a widget's state, even of the value it already has, makes
    Streamlit send the widget as changed ("set this value"), and the browser then
    redraws it from scratch instead of keeping it: ~5 sliders and 2 selectboxes per
    explorer rerun.
    """
    if st.session_state.get(key, _UNSET) != value:
        st.session_state[key] = value


def _slider_key(prefix: str, family: str, param: str) -> str:
    return f"{prefix}_{family}_{param}"


def _on_family(prefix: str) -> None:
    choice = st.session_state[f"{prefix}_family"]
    if choice in families.BY_NAME:
        st.session_state[prefix] = families.BY_NAME[choice].default_spec


def _on_slider(prefix: str, family_name: str) -> None:
    family = families.BY_NAME[family_name]
    values = {
        p.name: st.session_state.get(_slider_key(prefix, family_name, p.name))
        for p in family.params
    }
    # A client that sends only the moved slider's state leaves the others at their defaults.
    st.session_state[prefix] = family.spec({k: v for k, v in values.items() if v is not None})


def distribution_picker(prefix: str, title: str, default_spec: str):
    """Family, parameter sliders and the spec text (bound to ``?{prefix}=``) for one law.

    Returns the parsed continuous distribution; an invalid spec is reported and replaced
    by `default_spec`.
    """
    box = st.container(border=True)
    box.markdown(f"**{title}**")
    controls = box.container()
    text = box.text_input(
        f"{prefix} as a scipy.stats spec",
        value=default_spec,
        key=prefix,
        bind="query-params",
        max_chars=MAX_SPEC_LENGTH,
        help="Any continuous scipy.stats family in scipy's names, e.g. norm(loc=0, scale=1), "
        "t(df=3), gamma(a=2, scale=1), mixture(norm(-2, 1), norm(2, 1), weights=[0.3, 0.7]).",
    )
    try:
        dist = cached.distribution(text)
        if hasattr(dist, "dist") and not hasattr(dist.dist, "pdf"):
            raise ValueError("it is discrete, and this page compares densities")
    except ValueError as exc:
        controls.error(
            f"Could not use {prefix} = {plain.value(text)}: "
            f"{plain.markdown(density_spec_problem(exc))}. "
            f"Showing {default_spec} instead."
        )
        dist = cached.distribution(default_spec)

    family_name, values = families.slider_values(dist)
    options = [f.name for f in families.FAMILIES] + [families.OTHER]
    labels = {f.name: f.label for f in families.FAMILIES} | {families.OTHER: "Other (typed spec)"}
    _show_value(f"{prefix}_family", family_name)
    controls.selectbox(
        "Family",
        options,
        key=f"{prefix}_family",
        format_func=labels.get,
        on_change=_on_family,
        args=(prefix,),
    )
    if family_name != families.OTHER:
        family = families.BY_NAME[family_name]
        for param in family.params:
            key = _slider_key(prefix, family_name, param.name)
            value = float(values[param.name])
            _show_value(key, value)
            controls.slider(
                param.label,
                min_value=min(param.low, value),
                max_value=max(param.high, value),
                step=param.step,
                key=key,
                on_change=_on_slider,
                args=(prefix, family_name),
            )
    return dist


_DENSITY_EXAMPLES = (
    "a continuous scipy.stats family with numbers for its parameters, e.g. "
    "norm(loc=0, scale=1), t(df=3), gamma(a=2, scale=1) or "
    "mixture(norm(-2, 1), norm(2, 1), weights=[0.3, 0.7])"
)


def density_spec_problem(exc: ValueError) -> str:
    """kl_core's message about a spec, in the words of a page that compares densities:
    no argument names, and only continuous families suggested.

    Examples
    --------
    >>> density_spec_problem(ValueError("`text` = norm(loc=0, scale=-1) needs scale > 0"))
    'norm(loc=0, scale=-1) needs scale > 0'
    >>> density_spec_problem(ValueError("`text`: unknown family 'nrm'; known families are "
    ...     "norm, poisson. Accepted: a scipy.stats family, e.g. 'poisson(mu=3)'"))[:60]
    "unknown family 'nrm'; known families are norm. Give a contin"
    """
    from kl_core.distributions import DISCRETE_FAMILIES

    message = str(exc).removeprefix("`text`: ").removeprefix("`text` = ")
    message, accepted, _ = message.partition(". Accepted: ")
    if "known families are " in message:
        head, _, names = message.partition("known families are ")
        kept = [n for n in names.split(", ") if n not in DISCRETE_FAMILIES]
        message = head + "known families are " + ", ".join(kept)
    return message + (f". Give {_DENSITY_EXAMPLES}" if accepted else "")


def pq_pickers(p_title_default: tuple[str, str], q_title_default: tuple[str, str]):
    """P's and Q's pickers side by side (URL keys ``P`` and ``Q``); returns (p, q)."""
    left, right = st.columns(2)
    with left:
        p = distribution_picker(state.P_SPEC, *p_title_default)
    with right:
        q = distribution_picker(state.Q_SPEC, *q_title_default)
    return p, q


# --- display -----------------------------------------------------------------------------

# Charts show no plotly toolbar: on a phone or a projector it covered the titles, and
# zoom (drag), reset (double-click) and Streamlit's own full-screen button remain.
CHART_CONFIG = {"displayModeBar": False}


def chart(figure, *, key: str, where=None) -> None:
    """Show a plotly figure (``st.plotly_chart``) the same way everywhere, in `where`
    (a container or column; the page by default)."""
    (where or st).plotly_chart(figure, key=key, config=CHART_CONFIG)


def divergence_metrics(forward: KLResult, reverse: KLResult, unit: str) -> None:
    """D(P‖Q) and D(Q‖P) side by side, each with the reason when it is infinite.

    They sit in a container keyed ``divergences`` (CSS class ``st-key-divergences``), so a
    browser test can find these two and not another metric that mentions D(P‖Q).
    """
    left, right = st.container(key="divergences").columns(2)
    for column, names, result in ((left, "PQ", forward), (right, "QP", reverse)):
        column.metric(f"D({names[0]}‖{names[1]})", format_value(result.value, unit))
        if result.is_infinite:
            column.caption(f"∞ because {result.reason_for(*names)}.")


def method_rows(forward, reverse, unit: str) -> dict[str, list[str]]:
    """A table of each method's value for both directions (MethodComparison inputs)."""
    rows: dict[str, list[str]] = {"method": [], "D(P‖Q)": [], "D(Q‖P)": []}

    def add(name: str, cells: list[str]) -> None:
        rows["method"].append(name)
        rows["D(P‖Q)"].append(cells[0])
        rows["D(Q‖P)"].append(cells[1])

    both = (forward, reverse)
    add(
        "closed form",
        [
            format_value(c.closed_form, unit) if c.closed_form is not None else "no formula"
            for c in both
        ],
    )
    add(
        "numerical integration",
        [
            format_value(c.numeric.value, unit)
            + ("" if math.isinf(c.numeric.value) else f" ± {c.numeric.error:.1e}")
            for c in both
        ],
    )
    add(
        f"Monte Carlo ({forward.monte_carlo.n:,} draws)",
        [
            format_value(c.monte_carlo.estimate, unit)
            + (
                ""
                if math.isinf(c.monte_carlo.estimate)
                else f" ± {2 * c.monte_carlo.standard_error:.1e} (2 s.e.)"
            )
            for c in both
        ],
    )
    add("agree?", [_agreement(c) for c in both])
    return rows


def methods_disagree(comparisons, unit: str) -> None:
    """A warning above the charts for each direction whose methods disagree on a finite
    value: a table cell saying "no" is too easy to miss.

    `comparisons` maps a pair of names (``"PQ"``) to its kl_core.MethodComparison.
    """
    for (first, second), c in comparisons.items():
        if c.agree or c.result.is_infinite:
            continue
        parts = []
        if c.closed_form is not None:
            parts.append(f"closed form {format_value(c.closed_form, unit)}")
        parts.append(
            f"integration {format_value(c.numeric.value, unit)} ± {c.numeric.error:.1e} {unit}"
        )
        parts.append(
            f"Monte Carlo {format_value(c.monte_carlo.estimate, unit)} ± "
            f"{2 * c.monte_carlo.standard_error:.1e} {unit} (2 s.e.)"
        )
        shown = "closed form" if c.result.method == "closed form" else "integration"
        listed = "; ".join(parts)
        st.warning(
            texts.METHODS_DISAGREE.format(
                first=first, second=second, parts=listed[0].upper() + listed[1:], shown=shown
            ),
            icon="⚠️",
        )


def _agreement(comparison) -> str:
    if comparison.result.method == "tails":
        return "∞: the Monte Carlo average is finite but never settles"
    if comparison.result.is_infinite:
        return "∞ by support: every method agrees"
    return "yes" if comparison.agree else "no: see the error estimates"


def why_infinite(result: KLResult, names: str, specs: tuple[str, str], unit: str, base) -> None:
    """Why D(names[0]‖names[1]) is infinite, in words, with the window plot for tails.

    `specs` are the spec texts of the first and second law of this direction.
    """
    first, second = names
    words = {"P": first, "Q": second, "p": first.lower(), "q": second.lower()}
    st.subheader(f"Why D({first}‖{second}) is infinite")
    reason = result.reason_for(first, second)
    if result.method == "support":
        st.markdown(texts.SUPPORT_EXPLAINED.format(reason=reason[0].upper() + reason[1:], **words))
        return
    explanation = texts.TAILS_EXPLAINED.format(reason=reason, **words)
    second_law = kl_core.distributions.as_law(cached.distribution(specs[1]))
    if second_law.family == "norm":
        scale = second_law.scale
        explanation += texts.TAILS_NORMAL.format(
            scale=f"{scale:g}", two_var=f"{2 * scale**2:g}", **words
        )
    st.markdown(explanation)
    widths, values = cached.window_growth(*specs, base)
    chart(figures.window_growth(widths, values, unit), key=f"window_{first}{second}")


# --- asymmetry page ----------------------------------------------------------------------


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


def metric_row():
    """A row for metrics that wraps onto more lines where the screen is narrow (each
    metric as wide as its value), instead of cutting values with an ellipsis."""
    return st.container(horizontal=True, wrap=True, gap="medium")


def metric_with_note(row, label: str, value: str, note: str, **metric) -> None:
    """A metric in `row` with a short line of Markdown under it."""
    box = row.container(width="content", gap=None)
    box.metric(label, value, width="content", **metric)
    box.markdown(note)


def fit_summary(forward, optima, chosen, unit: str) -> None:
    """The forward optimum and every reverse optimum, with the chosen start's result."""
    row = metric_row()
    metric_with_note(
        row,
        "argmin D(P‖Q)",
        f"μ = {_param(forward.loc)}, σ = {_param(forward.scale)}",
        f"D(P‖Q) at the optimum: {format_value(forward.value, unit)}",
        help="Found by the optimiser; equal to P's mean and standard deviation.",
    )
    metric_with_note(
        row,
        "argmin D(Q‖P) from your start",
        f"μ = {_param(chosen.loc)}, σ = {_param(chosen.scale)}",
        f"D(Q‖P) there: {format_value(chosen.value, unit)}, after "
        f"{len(chosen.path) - 1} iterations",
    )
    st.markdown(
        f"Local optima of D(Q‖P) found from {len(optima)} different starts: "
        + "; ".join(f"μ = {_param(o.loc, 2)}, σ = {_param(o.scale, 2)}" for o in optima)
        + "."
    )


def _param(value: float, digits: int = 3) -> str:
    """A fitted parameter, without the '-0.000' of a value that rounds to zero."""
    return f"{round(value, digits) + 0.0:.{digits}f}"


# --- proof page --------------------------------------------------------------------------


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


def proof_presets(presets: dict[str, dict[str, str]]) -> None:
    """Buttons that set the discrete P and Q fields for the proof."""
    preset_row(
        "proof_preset_", [(name, None, _set_texts, (texts,)) for name, texts in presets.items()]
    )


def proof_metrics(result, unit: str) -> None:
    """D(P‖Q) and its exact split into the proof's two slack terms."""
    row = metric_row()
    row.metric("D(P‖Q)", format_value(result.divergence, unit), width="content")
    row.metric(
        "Jensen gap  log E[r] − E[log r]", format_value(result.jensen_gap, unit), width="content"
    )
    row.metric("support gap  −log Q(S)", format_value(result.support_gap, unit), width="content")


# --- maximum likelihood and samples ----------------------------------------------------

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
        kl_core.LIKELIHOOD_FAMILIES,
        key="family",
        bind="query-params",
        format_func=families.label,
    )


MLE_LABEL = r"MLE $\hat\theta_N$"
PROJECTION_LABEL = r"$\theta^* = \arg\min_\theta D(P\,\|\,Q_\theta)$"


def mle_metrics(fit, fit_divergence: float, star, entropy: float, unit: str) -> None:
    """θ̂_N against θ*, and how far each model is from P (D(P‖Q_θ̂_N) = `fit_divergence`)."""
    row = metric_row()
    metric_with_note(
        row,
        MLE_LABEL,
        f"μ = {_param(fit.loc)}, σ = {_param(fit.scale)}",
        rf"$D(P\,\|\,Q_{{\hat\theta_N}})$ = {format_value(fit_divergence, unit)}",
    )
    metric_with_note(
        row,
        PROJECTION_LABEL,
        f"μ = {_param(star.loc)}, σ = {_param(star.scale)}",
        rf"$D(P\,\|\,Q_{{\theta^*}})$ = {format_value(star.value, unit)}",
    )
    row.metric("h(P), differential entropy", format_value(entropy, unit), width="content")


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
        "Round the samples to one decimal (as recorded data often are)",
        key="round",
        bind="query-params",
    )
    return int(k), float(width), bool(rounded)


def estimate_metric(label: str, value: float, exact, unit: str, *, se: float | None = None) -> None:
    """An estimate next to the exact value, with its error."""
    left, right = st.columns(2)
    left.metric(label, format_value(value, unit))
    if se is not None and math.isfinite(value):
        left.caption(f"± {format_value(2 * se, unit)} (2 s.e.)")
    right.metric("exact D(P‖Q)", format_value(exact.value, unit))
    if exact.is_infinite:
        right.caption(f"∞ because {exact.reason_for('P', 'Q')}.")


def histogram_estimate(estimate, exact, unit: str, requested_width: float):
    """The histogram plug-in estimate, or a message when the bin width is unusable.

    `estimate` is a ``kl_core.HistogramEstimate``, or the reason there is none; its bins
    may be wider than `requested_width` (too many bins otherwise), which is said.
    """
    if isinstance(estimate, str):
        st.warning(f"{estimate}.")
        return None
    estimate_metric("histogram estimate", estimate.value, exact, unit)
    used = float(estimate.edges[1] - estimate.edges[0])
    if not math.isclose(used, requested_width, rel_tol=1e-9):
        st.caption(
            f"Bins {used:g} wide, not {requested_width:g}: the samples reach from "
            f"{estimate.edges[0]:.4g} to {estimate.edges[-1]:.4g}, and bins of "
            f"{requested_width:g} would be more than {kl_core.estimators.MAX_BINS:,}."
        )
    if estimate.empty_q_bins.size:
        edges = estimate.edges
        first = estimate.empty_q_bins[0]
        st.caption(
            f"∞ because {estimate.empty_q_bins.size} bin(s) hold P-samples but no Q-sample, "
            f"e.g. [{edges[first]:.3g}, {edges[first + 1]:.3g}): the estimated q is 0 there. "
            "Wider bins or more Q-samples help; smoothing only hides it behind an ε."
        )
    return estimate


def knn_estimate(value: float | str, k: int, exact, unit: str) -> None:
    """The k-NN estimate `value`, or the reason it is undefined (a string)."""
    if isinstance(value, str):
        st.warning(f"The k-NN estimator is undefined here: {value}.")
        return
    estimate_metric(f"k-NN estimate (k = {k})", value, exact, unit)
    if value < 0:
        st.caption("Negative: a divergence is never negative, but this estimate of it can be.")


def repeats_panel(p_spec, q_spec, n, k, width, exact, unit, base) -> None:
    """Thirty repeated draws per estimator, on request (a few seconds at most)."""
    if not st.toggle(
        "Repeat 30 times and show bias and spread", key="repeats", bind="query-params"
    ):
        return
    try:
        result = cached.estimator_repeats(p_spec, q_spec, n, k, width, base)
    except ValueError as exc:
        st.warning(f"Could not repeat the estimators: {exc}.")
        return
    st.caption(f"Each point is one estimate from fresh samples of size {result['size']:,}.")
    for name, values in result["estimates"].items():
        infinite = int(np.isinf(values).sum())
        if infinite == len(values):
            st.caption(f"{name}: all {infinite} repeats were ∞, so its column has no points.")
        elif infinite:
            st.caption(f"{name}: {infinite} of {len(values)} repeats were ∞ (not drawn).")
    spread = figures.estimator_spread_figure(result["estimates"], exact.value, unit)
    chart(spread, key="samples_spread")


# --- links ---------------------------------------------------------------------------------


def link_parameters() -> dict[str, str]:
    """The URL's parameters as the page was opened (read before any widget uses them)."""
    return {key: st.query_params.get(key) for key in st.query_params}


_OPENED = "_kl_opened_page"
_REMEMBERED = "_kl_remembered"
_RESTORE = "_kl_restore"


def opened_by_link(page_path: str) -> bool:
    """True on the run that opened `page_path` (a new visit, a link, the sidebar, Back).

    Only then do the URL's values come from outside the page: on later runs a preset, a
    callback or a control of the page itself has set them, and the URL catches up after
    the run, so judging it then would blame the user's own click on the link.

    On that run the page left behind is remembered, and a page opened without values
    of its own in the URL gets back what it showed last time (Back, or the sidebar,
    returns to the user's own P and Q, not to the defaults): see :func:`restore_page`.
    """
    if _RESTORE in st.session_state:  # the rerun that restore_page asked for
        return False
    left = st.session_state.get(_OPENED)
    st.session_state[_OPENED] = page_path
    if left == page_path:
        return False
    _carry_over(left, page_path)  # may rerun at once, to give the page its values back
    return True


def _carry_over(left: str | None, entered: str) -> None:
    from kl_ui.pages import PAGES

    memory = st.session_state.setdefault(_REMEMBERED, {})
    by_path = {spec.url_path: spec for spec in PAGES}
    if left in by_path:  # its widgets' values are still in the session until this run ends
        keys = by_path[left].params
        memory[left] = {key: st.session_state[key] for key in keys if key in st.session_state}
    spec = by_path.get(entered)
    remembered = memory.get(entered)
    if spec is not None and remembered and not any(k in st.query_params for k in spec.params):
        # Streamlit resets URL-bound widgets to their defaults on a Back navigation whose
        # URL lacks their parameters, whatever the session state says; so the values are
        # given back on a rerun of their own (restore_page), where session state wins.
        st.session_state[_RESTORE] = remembered
        st.rerun()


def restore_page() -> None:
    """Give the page the values :func:`opened_by_link` remembered for it, on the rerun
    it asked for; the bound widgets then write them into the URL."""
    for key, value in st.session_state.pop(_RESTORE, {}).items():
        st.session_state[key] = value


def _matches(raw: str, value) -> bool:
    if isinstance(value, bool):
        return (
            raw.strip().lower() in ("true", "1") if value else raw.strip().lower() in ("false", "0")
        )
    if isinstance(value, (int, float)):
        try:
            return math.isclose(float(raw), float(value), rel_tol=1e-9, abs_tol=1e-12)
        except ValueError:
            return False
    if isinstance(value, (list, tuple)):
        return True  # multi-valued widgets: Streamlit checks each value itself
    return str(value) == raw


def report_ignored_link_values(raw: dict[str, str], notice) -> None:
    """Say which values of the link a bound widget refused (Streamlit drops them silently).

    After the page ran, each bound widget holds the value it accepted; a link value that
    differs was invalid for it (out of range, not an option, not a number).
    """
    ignored = []
    for key, value in raw.items():
        if key == state.UNITS or key not in st.session_state:
            continue
        if not _matches(value, st.session_state[key]):
            ignored.append(
                f"{plain.markdown(key)} = {plain.value(value)} "
                f"(using {plain.value(st.session_state[key])})"
            )
    if ignored:
        notice.warning(
            "Some values in the link are not valid here and were replaced by defaults: "
            + "; ".join(ignored)
            + ".",
            icon=":material/link_off:",
        )
