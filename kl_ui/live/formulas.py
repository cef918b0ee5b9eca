"""Display formulas drawn by the live explorer's component (formulas.js), not st.latex.

Why, on the pages whose first numbers come from a live view (the home page, the two
explorers and the proof's steps): those numbers reach the screen only when every element
of the page that Streamlit's frontend loads lazily is ready, because React reveals them
together. The formulas of st.latex (their KaTeX) and st.page_link are such elements. In
Chromium, the home page's first view took 1.42x the one-slider baseline's with both, and
1.25x with the formulas and the page map drawn by the component (1.00 s and 0.88 s, 15
interleaved rounds), close to the 1.14-1.22x of the page with neither. The discrete
explorer's went from 1.96 s to 1.33 s (16 rounds), the proof's from 1.25 s to 1.10 s (12
rounds). The component's views are one lazy element, the one the live view needs anyway;
they typeset with the app's own copy of KaTeX (the version st.latex uses) once it has
loaded, and hold nothing back.
"""

from __future__ import annotations

from collections.abc import Sequence

from kl_ui import live


def show(latex: Sequence[str], *, key: str) -> None:
    """Display formulas, one under another, typeset from their LaTeX `latex`.

    Formulas are the app's own text (:mod:`kl_ui.definitions`), never a user's: KaTeX
    runs without its trust option, so even then no markup or link would get through.
    """
    live.mount(
        "formulas",
        key=key,
        data={
            "formulas": list(latex),
            "katex": {
                "script": f"{live.assets_url()}{live.KATEX}",
                "stylesheet": f"{live.assets_url()}{live.KATEX_STYLESHEET}",
            },
        },
    )
