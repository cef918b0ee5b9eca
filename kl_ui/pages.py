"""The app's pages, in the one list that app.py's navigation, the server's warm-up, the
benchmarks and the tests' page matrices all read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Control:
    """A page's main control as tests and benchmarks drive it: the query the page opens
    with, the control's widget key, three values that each give different numbers
    (tests/e2e/test_fragments.py checks the first two), as the websocket carries them
    (a slider's value is a list, a live view's the dict of its handles' values), and the
    kind of widget (for AppTest; "live" for a kl_ui.live view)."""

    query: str
    key: str
    values: tuple
    widget: str

    @property
    def last_value(self):
        """The third value as a widget holds it (a slider's single number unwrapped)."""
        value = self.values[2]
        return value[0] if isinstance(value, list) else value


@dataclass(frozen=True)
class PageSpec:
    """One page: its script, title, URL path ("" for the home page), a one-line pitch,
    its URL parameters (besides the global ``units``) and its main control."""

    script: str
    title: str
    url_path: str
    icon: str
    pitch: str
    params: tuple[str, ...]
    control: Control

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
        Control("", "home_coin", ({"coin": 0.3}, {"coin": 0.6}, {"coin": 0.8}), "live"),
    ),
    PageSpec(
        "pages/discrete.py",
        "Discrete explorer",
        "discrete",
        ":material/bar_chart:",
        "Edit two distributions over outcomes; see every term, both directions, and ∞.",
        ("p", "q", "labels"),
        Control("", "p", ("0.5,0.5", "0.4,0.6", "0.9,0.1"), "text_input"),
    ),
    PageSpec(
        "pages/continuous.py",
        "Continuous explorer",
        "continuous",
        ":material/show_chart:",
        "Drag the parameters of two densities; see where each number comes from.",
        ("P", "Q"),
        Control(
            "",
            "continuous_live",
            tuple(
                {"P_loc": loc, "P_scale": 1.0, "Q_df": 3.0, "Q_loc": 0.0, "Q_scale": 1.0}
                for loc in (0.5, 1.5, -1.0)
            ),
            "live",
        ),
    ),
    PageSpec(
        "pages/asymmetry.py",
        "Asymmetry explorer",
        "asymmetry",
        ":material/compare_arrows:",
        "Watch D(P‖Q) and D(Q‖P) part ways; fit a normal both ways round.",
        ("P", "Q", "vary", "param", "sep", "start"),
        Control("", "Q_norm_loc", ([0.5], [1.5], [2.0]), "slider"),
    ),
    PageSpec(
        "pages/proof.py",
        "Proof: KL ≥ 0",
        "proof",
        ":material/function:",
        "Step through Jensen's inequality with your own P and Q substituted in.",
        ("p", "q", "labels", "step", "mode", "P", "Q"),
        Control("step=3", "q", ("0.9,0.1", "0.7,0.3", "0.2,0.8"), "text_input"),
    ),
    PageSpec(
        "pages/mle.py",
        "Maximum likelihood",
        "mle",
        ":material/target:",
        "See that maximising likelihood is minimising KL, and watch the MLE converge.",
        ("P", "family", "n", "seed"),
        Control("n=1000", "seed", (1, 2, 3), "number_input"),
    ),
    PageSpec(
        "pages/samples.py",
        "Estimating from samples",
        "samples",
        ":material/scatter_plot:",
        "Monte Carlo, histograms and nearest neighbours against the exact value.",
        ("P", "Q", "n", "seed", "k", "width", "round", "repeats"),
        Control("n=10000", "k", (1, 2, 3), "number_input"),
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
