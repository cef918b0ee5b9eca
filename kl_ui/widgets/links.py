"""Links: the URL's values as the page was opened, a page you come back to, and a
friendly report of link values that could not be used.
"""

from __future__ import annotations

import math

import streamlit as st

from kl_ui import plain, state


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
