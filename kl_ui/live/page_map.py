"""The home page's map of the other pages, drawn by the live explorer's component
(pagemap.js) rather than st.page_link, for the home page's first view (see
:mod:`kl_ui.live.formulas`).

A card per page: its name as a link and its pitch. The link is a real one (a new tab opens
the page in the same unit); a plain click or Enter sends the page's path back instead,
and Python switches page as the navigation does.
"""

from __future__ import annotations

import streamlit as st

from kl_ui import live
from kl_ui.pages import PAGES, PageSpec, streamlit_pages
from kl_ui.state import DEFAULT_UNIT, UNITS

NAVIGATE = "navigate"  # the trigger a plain click on a card sends, with the page's path
LABEL = "Pages of this app"


def show(*, key: str, unit: str) -> None:
    """The map of every page but the home page; switches page when a card is clicked."""
    result = live.mount(
        "pages",
        key=key,
        data={"label": LABEL, "cards": [card(spec, unit) for spec in PAGES[1:]]},
        **{f"on_{NAVIGATE}_change": lambda: None},
    )
    destination = chosen_page(result.get(NAVIGATE))
    if destination is not None:
        # Without query_params, st.switch_page clears the URL's parameters, which Streamlit
        # refuses while one is bound to a widget (``?units=bits``); an empty mapping
        # leaves the bound ones to their widgets, as the navigation does.
        st.switch_page(destination, query_params={})


def card(spec: PageSpec, unit: str) -> dict[str, str]:
    """What pagemap.js draws for `spec`: its path, title, pitch, icon and link.

    Examples
    --------
    >>> from kl_ui.pages import PAGES
    >>> card(PAGES[1], "bits")["href"]
    '/discrete?units=bits'
    >>> card(PAGES[1], "nats")["href"], card(PAGES[1], "nats")["icon"]
    ('/discrete', 'bar_chart')
    """
    href = live.app_url(spec.url_path)
    if unit != DEFAULT_UNIT:
        href += f"?{UNITS}={unit}"
    return {
        "path": spec.url_path,
        "title": spec.title,
        "pitch": spec.pitch,
        "icon": spec.icon.removeprefix(":material/").removesuffix(":"),
        "href": href,
    }


def chosen_page(path: object):
    """The ``st.Page`` whose URL path a click sent, if it names one of the map's pages;
    anything else (nothing, a hand-made message) is None.

    Examples
    --------
    >>> chosen_page("no-such-page") is None, chosen_page(["discrete"]) is None
    (True, True)
    """
    paths = [spec.url_path for spec in PAGES[1:]]
    if not isinstance(path, str) or path not in paths:
        return None
    return streamlit_pages()[1 + paths.index(path)]
