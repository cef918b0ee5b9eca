"""The app's pages, in one list used by app.py's navigation and by the tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageSpec:
    """One page: its script, title, URL path ("" for the home page), a one-line pitch and
    its URL parameters (besides the global ``units``)."""

    script: str
    title: str
    url_path: str
    icon: str
    pitch: str
    params: tuple[str, ...]

    @property
    def path(self) -> Path:
        return ROOT / self.script


PAGES: tuple[PageSpec, ...] = (
    PageSpec(
        "pages/home.py",
        "What is KL divergence?",
        "",
        ":material/home:",
        "The idea in a few paragraphs, both formulas, and a coin to play with.",
        ("coin",),
    ),
    PageSpec(
        "pages/discrete.py",
        "Discrete explorer",
        "discrete",
        ":material/bar_chart:",
        "Edit two distributions over outcomes; see every term, both directions, and ∞.",
        ("p", "q", "labels"),
    ),
    PageSpec(
        "pages/continuous.py",
        "Continuous explorer",
        "continuous",
        ":material/show_chart:",
        "Drag the parameters of two densities; see where each number comes from.",
        ("P", "Q"),
    ),
    PageSpec(
        "pages/asymmetry.py",
        "Asymmetry explorer",
        "asymmetry",
        ":material/compare_arrows:",
        "Watch D(P‖Q) and D(Q‖P) part ways; fit a normal both ways round.",
        ("P", "Q", "vary", "param", "sep", "start"),
    ),
    PageSpec(
        "pages/proof.py",
        "Proof: KL ≥ 0",
        "proof",
        ":material/function:",
        "Step through Jensen's inequality with your own P and Q substituted in.",
        ("p", "q", "labels", "step", "mode", "P", "Q"),
    ),
    PageSpec(
        "pages/mle.py",
        "Maximum likelihood",
        "mle",
        ":material/target:",
        "See that maximising likelihood is minimising KL, and watch the MLE converge.",
        ("P", "family", "n", "seed"),
    ),
    PageSpec(
        "pages/samples.py",
        "Estimating from samples",
        "samples",
        ":material/scatter_plot:",
        "Monte Carlo, histograms and nearest neighbours against the exact value.",
        ("P", "Q", "n", "seed", "k", "width", "round", "repeats"),
    ),
)


def streamlit_pages() -> tuple:
    """The ``st.Page`` objects of PAGES, built once per session.

    Building them resolves paths on disk (``realpath``), and so does ``st.page_link``
    given a path; made once per session and passed around, they cost nothing per rerun.
    Not once per process: a page object carries per-run state ("may be called once"),
    so sessions running at the same time must not share them.
    """
    import streamlit as st

    pages = st.session_state.get("_kl_pages")
    if pages is None:
        pages = tuple(
            st.Page(
                spec.path,
                title=spec.title,
                url_path=spec.url_path or None,
                icon=spec.icon,
                default=not spec.url_path,
            )
            for spec in PAGES
        )
        st.session_state["_kl_pages"] = pages
    return pages
