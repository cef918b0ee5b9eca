"""Every chart that is not part of a live view, drawn by the live explorer's component
(charts.js) with the app's own partial plotly.js bundle, not by st.plotly_chart.

Why: st.plotly_chart's code is the largest chunk Streamlit's frontend loads lazily
(4.7 MB, against 1.5 MB for the app's partial bundle, which the live views load anyway),
and a page's first numbers reach the screen only when every lazily loaded element of the
page is ready (see :mod:`kl_ui.live.formulas`): one chart anywhere on a page held all its
numbers back. In Chromium (interleaved with the one-slider baseline, 10-12 rounds), the
first view went from 1.46 s to 1.09 s on /discrete, 2.32 s to 1.47 s on /mle, 2.13 s to
1.30 s on /samples and 1.40 s to 1.24 s on /asymmetry, and Streamlit's chart code is no
longer fetched at all.

The charts are drawn as the live views' are: no toolbar, no zoom (a drag on a phone
scrolls the page), the page's own typeface, hover labels as plotly.js gives them.
"""

from __future__ import annotations

from kl_ui import live


def show(figure, *, key: str) -> None:
    """Draw `figure` (a :class:`kl_ui.theme.SpecFigure`) under the widget key `key`."""
    live.mount(
        "chart",
        key=key,
        data={"plotly": f"{live.assets_url()}{live.PLOTLY}", "figure": figure.to_dict()},
    )
