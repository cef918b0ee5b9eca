"""The live explorer: handles that move the numbers and the chart in the browser, with no
round trip while the hand moves (a Streamlit components v2 component, no iframe).

The browser code is in ``web/``: ``explorer.js`` mounts the views (``sliders.js``,
``bars.js``, ``jensen.js``, sharing ``common.js``), ``klmath.js`` computes (the same sums
and closed forms as kl_core, checked against kl_core by ``node --test``). The app serves
that folder itself at ``/app/static/`` (``static`` is a link to it) with the pinned
partial plotly.js bundle and KaTeX, so nothing leaves the machine. Every URL of it
carries the code's digest (a folder ``v-<digest>`` that links back to ``web/``), so that
a browser or nginx never mixes one version's modules with another's. Three views have no
handles (:func:`mount` draws them): charts (:mod:`kl_ui.live.charts`), display formulas
(:mod:`kl_ui.live.formulas`) and the home page's map of pages (:mod:`kl_ui.live.page_map`).

What crosses the websocket:

* with the page, each view's exact numbers (kl_core's, written by
  :func:`kl_ui.numbers.format_value` as everywhere else), its handles and a figure;
* while a handle moves, nothing: the browser redraws from klmath.js;
* on release, one trigger with the handles' values. Python checks them
  (:meth:`Handle.accept`), stores them where the page reads them (session state and the
  URL: a copied link reproduces the view, and Back returns to the previous one), and
  the view's fragment reruns once, sending kl_core's numbers for the released values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import streamlit as st

import kl_core
from kl_ui import texts
from kl_ui.handles import Handle
from kl_ui.numbers import format_value
from kl_ui.proof import PROOF_LABELS

WEB = Path(__file__).resolve().parent / "web"
PLOTLY = "node_modules/plotly.js-cartesian-dist-min/plotly-cartesian.min.js"
KATEX = "node_modules/katex/dist/katex.min.js"  # the version st.latex uses (package.json)
KATEX_STYLESHEET = "node_modules/katex/dist/katex.min.css"
_NAME = "kl_live"
STYLESHEET = "explorer.css"  # common.js adds it to the page, by the same name
RELEASE = "release"  # the trigger the browser sends when a handle is let go


def _version() -> str:
    """A digest of the browser code (every module and the stylesheet)."""
    digest = hashlib.sha256()
    for path in sorted([*WEB.glob("*.js"), *WEB.glob("*.css")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _versioned_folder() -> str:
    """``v-<digest>/``: a link in ``web/`` back to ``web/`` itself, so that the relative
    imports between the modules carry the digest too (a query string would not pass to
    them). Where the folder cannot be written (a read-only install) the code is served
    under its plain names: correct, but a cache may keep an older copy."""
    name = f"v-{_version()}"
    link = WEB / name
    try:
        link.symlink_to(".", target_is_directory=True)
    except FileExistsError:
        pass
    except OSError:
        return ""
    return f"{name}/"


_FOLDER = _versioned_folder()

# The modules the browser needs, asked for all at once (not one import level after
# another): explorer.js first, which the loader then calls.
MODULES = ["explorer.js", *sorted(p.name for p in WEB.glob("*.js") if p.name != "explorer.js")]

# The component's own code is a loader of a few lines: Streamlit sends it with every
# update of the element, so the explorer itself is a file the browser caches.
_LOADER = """
const url = (path) => new URL(path, document.baseURI).href;
const load = (data) => Promise.all(data.modules.map((m) => import(url(m)))).then((ms) => ms[0]);
export default function (args) {
  load(args.data).then((m) => m.render(args)).catch((error) => {
    args.parentElement.textContent =
      "The live view could not load; reload the page. (" + error.message + ")";
  });
  return () => load(args.data).then((m) => m.unmount(args.parentElement));
}
"""

_component = st.components.v2.component(_NAME, js=_LOADER, isolate_styles=False)


def app_url(path: str) -> str:
    """The URL of `path` (no leading slash) on this app, under ``server.baseUrlPath``.

    >>> app_url("discrete")
    '/discrete'
    """
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/{path}" if base else f"/{path}"


def assets_url() -> str:
    """Where the app serves this version of ``web/``."""
    return app_url("app/static/") + _FOLDER


def module_urls() -> list[str]:
    """Where the browser imports :data:`MODULES` from: the loader, and the page shell's
    preload (``serving.preload``), which must name the very same URLs to be used."""
    return [f"{assets_url()}{name}" for name in MODULES]


@dataclass(frozen=True)
class Reading:
    """One number of the readout: its label (``D(P‖Q)``), its text with the unit
    (``0.2231 nats``) and, when it is ∞, why."""

    label: str
    text: str
    reason: str | None = None


def show(
    view: str,
    *,
    key: str,
    handles: Sequence[Handle],
    values: dict[str, float],
    readout: Sequence[Reading],
    model: dict,
    figure=None,
    on_release: Callable[[dict[str, float]], None] | None = None,
    take: Callable[[object], None] | None = None,
    extra: dict | None = None,
) -> None:
    """Mount the live view `view` of explorer.js, its handles at `values` (by name).

    `model` is what the browser needs to compute the readout itself (e.g. P's
    probabilities and the unit); `figure` a :class:`kl_ui.theme.SpecFigure` whose
    shapes and traces the view moves. Released values, once checked, are stored under
    their handles' names in session state and the URL, where :func:`linked_value`
    reads them on the rerun; `on_release` may do more with them first. A view whose
    release is not a set of handle values (the discrete explorer's bars) passes `take`,
    which receives the raw payload and must check it before storing anything. `extra`
    is more data for the view (the asymmetry sweep's densities).
    """
    data = {
        "plotly": f"{assets_url()}{PLOTLY}",
        "handles": [asdict(h) | {"value": values[h.name]} for h in handles],
        "readout": [asdict(r) for r in readout],
        "model": model,
        "figure": figure.to_dict() if figure is not None else None,
        **(extra or {}),
    }
    by_name = {h.name: h for h in handles}

    def released() -> None:
        payload = (st.session_state.get(key) or {}).get(RELEASE)
        if take is not None:
            take(payload)
            return
        if not isinstance(payload, dict):
            return
        values = {}
        for name, raw in payload.items():
            handle = by_name.get(name)
            value = handle.accept(raw) if handle is not None else None
            if value is not None:
                values[name] = value
        for name, value in values.items():
            st.session_state[name] = value
            url_value(name, value, by_name[name].default)
        if values and on_release is not None:
            on_release(values)

    mount(view, key=key, data=data, **{f"on_{RELEASE}_change": released})


def mount(view: str, *, key: str, data: dict, **callbacks):
    """Mount the view `view` of explorer.js with `data`, and return Streamlit's result
    (its trigger values by name). `callbacks` are named as st.components.v2 names them:
    ``on_<trigger>_change``; a trigger without one never reaches Python."""
    return _component(key=key, data={"view": view, "modules": module_urls(), **data}, **callbacks)


# The ∞ reasons of a pair over outcomes, filled in with the outcomes to blame, here and
# by explorer.js while a handle moves.
REASONS = {"forward": texts.INFINITE_FORWARD, "reverse": texts.INFINITE_REVERSE}


def entropies(p, q, unit: str, base) -> list[Reading]:
    """H(P) and H(P,Q), as kl_core computes them (explorer.js mirrors them)."""
    return [
        Reading("H(P), entropy of P", format_value(kl_core.entropy(p, base=base), unit)),
        Reading(
            "H(P,Q), cross-entropy", format_value(kl_core.cross_entropy(p, q, base=base), unit)
        ),
    ]


def both_directions(p, q, labels: Sequence[str], unit: str, base) -> list[Reading]:
    """D(P‖Q) and D(Q‖P) of two distributions over `labels`, as kl_core computes them,
    each ∞ with the outcomes to blame (explorer.js's ``bothDirections`` mirrors it).

    Examples
    --------
    >>> [r.text for r in both_directions([0.5, 0.5], [0.9, 0.1], "ht", "nats", None)]
    ['0.5108 nats', '0.3681 nats']
    >>> both_directions([0.5, 0.5], [1.0, 0.0], "ht", "bits", 2)[0].reason
    'Q gives 0 to “t” where P does not'
    """
    readings = []
    for label, first, second, direction in (
        ("D(P‖Q)", p, q, "forward"),
        ("D(Q‖P)", q, p, "reverse"),
    ):
        value = kl_core.kl_divergence(first, second, base=base)
        reason = _blame(direction, labels, first, second)
        readings.append(Reading(label, format_value(value, unit), reason))
    return readings


def _blame(direction: str, labels: Sequence[str], first, second) -> str | None:
    """Why D(first‖second) is ∞, naming the outcomes to blame; None if it is finite."""
    blamed = kl_core.support_violations(first, second)
    names = ", ".join(f"“{labels[i]}”" for i in blamed)
    return REASONS[direction].format(outcomes=names) if blamed.size else None


def jensen_readout(proof, p, q, labels: Sequence[str], unit: str) -> list[Reading]:
    """D(P‖Q) and the proof's two gaps from a :class:`kl_core.JensenProof` of `p` and
    `q` (explorer's jensen.js computes the same while the bars move); D and the Jensen
    gap ∞ with the outcomes to blame.

    Examples
    --------
    >>> proof = kl_core.jensen_proof([0.5, 0.5], [1.0, 0.0])
    >>> [(r.text, r.reason) for r in jensen_readout(proof, [.5, .5], [1, 0], "ht", "nats")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('∞ nats', 'Q gives 0 to “t” where P does not'),
     ('∞ nats', 'Q gives 0 to “t” where P does not'), ('0.0000 nats', None)]
    """
    reason = _blame("forward", labels, p, q)
    divergence, jensen, support = PROOF_LABELS
    return [
        Reading(divergence, format_value(proof.divergence, unit), reason),
        Reading(jensen, format_value(proof.jensen_gap, unit), reason),
        Reading(support, format_value(proof.support_gap, unit)),
    ]


def linked_value(handle: Handle) -> float:
    """The value of `handle` for this run: the URL's when it holds one the handle accepts
    (a link, Back), else the session's, else ``handle.default``; the URL is
    then brought in step.

    A value the handle refuses stays in neither: the page's link report
    (:func:`kl_ui.widgets.links.report_ignored_link_values`) names it with the value used.
    """
    raw = st.query_params.get(handle.name)
    if raw is not None:
        try:
            value = handle.accept(float(raw))
        except ValueError:
            value = None
        if value is not None:
            st.session_state[handle.name] = value
    value = st.session_state.setdefault(handle.name, handle.default)
    url_value(handle.name, value, handle.default)
    return value


def url_value(name: str, value: float, default: float) -> None:
    """Write `value` into the URL under `name` (removed at the default), so that a copied
    link reproduces the view; each change is a step Back can undo."""
    if value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != short(value):
        st.query_params[name] = short(value)


def short(value: float) -> str:
    """A handle's value as a URL writes it: ``0.3``, not ``0.30000000000000004``."""
    return f"{value:.12g}"


__all__ = [
    "REASONS",
    "RELEASE",
    "Handle",
    "Reading",
    "app_url",
    "assets_url",
    "both_directions",
    "entropies",
    "jensen_readout",
    "linked_value",
    "mount",
    "show",
    "url_value",
]
