"""Continuous distribution pickers: a family and its parameter sliders, or a typed spec,
for P and Q; each returns a kl_core distribution.
"""

from __future__ import annotations

import streamlit as st

from kl_core.parsing import MAX_SPEC_LENGTH
from kl_ui import families, plain, state
from kl_ui.views import common

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


def distribution_picker(prefix: str, title: str, default_spec: str, *, sliders: bool = True):
    """Family, parameter sliders and the spec text (bound to ``?{prefix}=``) for one law.

    Returns the parsed continuous distribution; an invalid spec is reported and replaced
    by `default_spec`. Without `sliders`, the family's parameters are left to a live
    view (kl_ui.live.densities) that writes the spec text on release.
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
        dist = common.distribution(text)
        if hasattr(dist, "dist") and not hasattr(dist.dist, "pdf"):
            raise ValueError("it is discrete, and this page compares densities")
    except ValueError as exc:
        controls.error(
            f"Could not use {prefix} = {plain.value(text)}: "
            f"{plain.markdown(density_spec_problem(exc))}. "
            f"Showing {default_spec} instead."
        )
        dist = common.distribution(default_spec)

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
    if family_name != families.OTHER and sliders:
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
    from kl_core.families import DISCRETE_FAMILIES

    message = str(exc).removeprefix("`text`: ").removeprefix("`text` = ")
    message, accepted, _ = message.partition(". Accepted: ")
    if "known families are " in message:
        head, _, names = message.partition("known families are ")
        kept = [n for n in names.split(", ") if n not in DISCRETE_FAMILIES]
        message = head + "known families are " + ", ".join(kept)
    return message + (f". Give {_DENSITY_EXAMPLES}" if accepted else "")


def pq_pickers(
    p_title_default: tuple[str, str], q_title_default: tuple[str, str], *, sliders: bool = True
):
    """P's and Q's pickers side by side (URL keys ``P`` and ``Q``); returns (p, q)."""
    left, right = st.columns(2)
    with left:
        p = distribution_picker(state.P_SPEC, *p_title_default, sliders=sliders)
    with right:
        q = distribution_picker(state.Q_SPEC, *q_title_default, sliders=sliders)
    return p, q
