// What every live view shares: the app's plotly.js bundle, the canvas overlays drawn
// over its charts, the readout, and the release after a drag or keys.
//
// kl_ui/live/__init__.py mounts one view per call of `show` and gives it: the handles
// (name, aria label, range, value), the readout as kl_core computed it, a model (what
// klmath.js needs to compute the same numbers while a handle moves) and a plotly figure.
// While a handle moves nothing is sent: the readout is recomputed at once and the chart
// on the next frame. On release one trigger ("release") carries every handle's value to
// Python, which stores them (session state, the URL) and sends kl_core's numbers back.

import { UNIT_BASES, formatValue, klDivergence } from "./klmath.js";

const KEY_SETTLE_MS = 450; // arrow keys: send once the keys have rested this long
// The figures' colours (kl_ui/theme.py): P, Q, and the integrand's positive part.
export const P_COLOR = "#0072B2";
export const Q_COLOR = "#E69F00";
export const POSITIVE_COLOR = "#CC79A7";
export const POSITIVE_FILL = "rgba(204, 121, 167, 0.35)"; // the integrand's area
export const CHART_CONFIG = { displayModeBar: false, responsive: true };

const scripts = new Map(); // url → the promise of its global, loaded once per page

/** The global `name` that the classic script at `url` defines, loading it once per page
 * (a failed load may be tried again). */
export function loadScript(url, name) {
  if (window[name]) return Promise.resolve(window[name]);
  const href = new URL(url, document.baseURI).href;
  if (!scripts.has(href)) {
    scripts.set(
      href,
      new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = href;
        script.async = true;
        script.onload = () => resolve(window[name]);
        script.onerror = () => {
          scripts.delete(href);
          script.remove();
          reject(new Error(`${url.split("/").pop()} did not load`));
        };
        document.head.appendChild(script);
      }),
    );
  }
  return scripts.get(href);
}

/** window.Plotly, from the app's own partial bundle. */
export function plotly(url) {
  return loadScript(url, "Plotly").catch(() => {
    throw new Error("the chart library did not load");
  });
}

const stylesheets = new Set();

/** A stylesheet added to the page once: by default the views' own, from the same
 * versioned folder as this code. */
export function addStylesheet(url = new URL("./explorer.css", import.meta.url).href) {
  const href = new URL(url, document.baseURI).href;
  if (stylesheets.has(href)) return;
  stylesheets.add(href);
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

/** A numeric array of a plotly figure as JSON: a plain list, or a typed array in base64
 * ({dtype, bdata}) as kl_ui.theme.SpecFigure sends it. */
export function decodeArray(value) {
  if (Array.isArray(value)) return value;
  const bytes = Uint8Array.from(atob(value.bdata), (c) => c.charCodeAt(0));
  const types = { f4: Float32Array, f8: Float64Array, i4: Int32Array, u1: Uint8Array };
  return Array.from(new types[value.dtype](bytes.buffer));
}

/** A figure spec (JSON text) as the live charts draw it: no zoom or pan (a drag moves a
 * handle), in the page's own typeface, as Streamlit's chart theme gives its charts. */
export function chartFigure(text, root) {
  const figure = JSON.parse(text);
  figure.layout.dragmode = false;
  figure.layout.font = { ...figure.layout.font, family: getComputedStyle(root).fontFamily };
  return figure;
}

/** Draw `figure` in `div` with the app's plotly.js bundle, then `drawn()`; a failure is
 * said in the chart's place. Margins are measured with the text as drawn: once the
 * page's font has loaded, they are measured again, or an axis title drawn in the
 * fallback font may be clipped. */
export function drawChart(div, figure, url, drawn = () => {}) {
  plotly(url)
    .then((Plotly) => Plotly.react(div, figure.data, figure.layout, CHART_CONFIG))
    .then(() => {
      drawn();
      document.fonts?.ready.then(() => {
        if (div.isConnected) window.Plotly.Plots.resize(div);
      });
    })
    .catch((error) => {
      div.textContent = `The chart could not be drawn: ${error.message}.`;
    });
}

/** The chart's own curves (all, or the trace numbered `only`) faint while live ones are
 * drawn over them, or back to normal. */
export function ghost(chart, faint, only = null) {
  const traces = [...chart.querySelectorAll(".scatterlayer .trace")];
  for (const trace of only === null ? traces : traces.slice(only, only + 1)) {
    trace.style.opacity = faint ? "0.25" : "";
  }
}

/** A polyline of `ys` over `xs` in a plot `area` whose axes span `[x0, x1]` and
 * `[y0, y1]`, clipped to it; broken where y is not finite; filled down to 0 if `fill`. */
export function strokeSeries(ctx, area, [x0, x1], [y0, y1], xs, ys, color, fill = null) {
  const px = (x) => area.left + ((x - x0) / (x1 - x0)) * area.width;
  const py = (y) => area.top + area.height - ((y - y0) / (y1 - y0)) * area.height;
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left, area.top, area.width, area.height);
  ctx.clip();
  ctx.beginPath();
  let open = false;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      open = false;
      return;
    }
    if (open) ctx.lineTo(px(x), py(y));
    else ctx.moveTo(px(x), py(y));
    open = true;
  });
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.stroke();
  if (fill) {
    ctx.lineTo(px(xs[xs.length - 1]), py(0));
    ctx.lineTo(px(xs[0]), py(0));
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.restore();
}

/** A canvas over `chart` for live curves, sized for the screen's pixels and cleared;
 * returns its 2D context. */
export function overlay(canvas, chart) {
  const ratio = window.devicePixelRatio || 1;
  const width = chart.clientWidth;
  const height = chart.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** A subplot's plot area ("xy", "x2y2") relative to `chart`'s own box. */
export function subplotArea(chart, subplot = "xy") {
  const drag = chart.querySelector(`.nsewdrag[data-subplot="${subplot}"]`);
  if (!drag) return null;
  const outer = chart.getBoundingClientRect();
  const inner = drag.getBoundingClientRect();
  return {
    left: inner.left - outer.left,
    top: inner.top - outer.top,
    width: inner.width,
    height: inner.height,
  };
}

export function element(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** The digits a handle's value is written with: as many as its step has. */
export function stepDigits(step) {
  const text = String(step);
  return text.includes("e-") ? Number(text.split("e-")[1]) : (text.split(".")[1] || "").length;
}

export function snap(handle, value) {
  const steps = Math.round((value - handle.low) / handle.step);
  const snapped = handle.low + steps * handle.step;
  return Math.min(handle.high, Math.max(handle.low, Number(snapped.toFixed(12))));
}

// ---------------------------------------------------------------------------------
// What each view computes while a handle moves. Each returns the readout (label, text,
// reason) and the chart's change, from the model Python sent and the handles' values.

/** The reason D(first‖second) is ∞, naming the outcomes to blame. */
export function discreteReason(template, labels, offending) {
  return template.replace("{outcomes}", offending.map((i) => `“${labels[i]}”`).join(", "));
}

/** D(P‖Q), D(Q‖P) of two probability vectors, with ∞'s reasons. */
export function bothDirections(model, p, q) {
  const base = UNIT_BASES[model.unit];
  const forward = klDivergence(p, q, base);
  const reverse = klDivergence(q, p, base);
  const reading = (label, result, template) => ({
    label,
    text: formatValue(result.value, model.unit),
    reason: result.infinite ? discreteReason(template, model.labels, result.offending) : null,
  });
  return [
    reading("D(P‖Q)", forward, model.reasons.forward),
    reading("D(Q‖P)", reverse, model.reasons.reverse),
  ];
}

// ---------------------------------------------------------------------------------

/** What every view has: its root, the readout, and the release after a drag or keys. */
export class View {
  constructor(parent, data) {
    this.kind = data.view;
    this.root = element("div", "kl-live");
    this.readout = element("div", "kl-readout", {
      "data-testid": "kl-readout",
      "aria-live": "polite",
    });
    this.root.append(this.readout);
    parent.replaceChildren(this.root);
    this.moving = false;
    this.keyTimer = 0;
    this.keying = false;
    this.send = () => {};
  }

  update(data) {
    this.data = data;
    this.model = data.model;
    addStylesheet();
  }

  showReadout(readings, live) {
    const rows = readings.map((r) => {
      const box = element("div", "kl-reading");
      const label = element("div", "kl-reading-label");
      label.textContent = r.label;
      const value = element("div", "kl-reading-value");
      value.textContent = r.text;
      box.append(label, value);
      if (r.approximate) {
        // Between the nodes of kl_core's table: the interpolation and its error bound.
        box.classList.add("kl-approximate");
        const note = element("div", "kl-reading-note");
        note.textContent = r.approximate;
        box.append(note);
      }
      if (r.pending) {
        // No closed form for this pair: kl_core's number for the new position comes on
        // release; until then the last one stays, marked as such.
        box.classList.add("kl-pending");
        const note = element("div", "kl-reading-note");
        note.textContent = "at the last position";
        box.append(note);
      }
      if (r.reason) {
        const reason = element("div", "kl-reading-reason");
        reason.textContent = `∞ because ${r.reason}.`;
        box.append(reason);
      }
      return box;
    });
    // What ≈ and a dimmed number mean, said once under the numbers.
    const notes = [];
    if (readings.some((r) => r.approximate)) {
      notes.push("≈: between kl_core's values along this handle, within the ± shown");
    }
    if (readings.some((r) => r.pending)) notes.push("dimmed: kl_core's number before the move");
    if (notes.length) {
      const footnote = element("div", "kl-readout-note");
      footnote.textContent = `${notes.join("; ")}. Let go for kl_core's exact value here.`;
      rows.push(footnote);
    }
    this.readout.replaceChildren(...rows);
    this.readout.dataset.source = live ? "browser" : "kl_core";
  }

  /** A key that moves a handle: the view is moving until the keys rest. */
  keyDown(event) {
    const moves = event.key.startsWith("Arrow") || event.key.startsWith("Page") ||
      event.key === "Home" || event.key === "End";
    if (moves) {
      this.moving = true;
      this.keying = true;
      clearTimeout(this.keyTimer);
    }
    return moves;
  }

  keyUp() {
    clearTimeout(this.keyTimer);
    if (this.keying) this.keyTimer = setTimeout(() => this.release(), KEY_SETTLE_MS);
  }

  /** The hand let go: one trigger with the view's values, if they changed. */
  release() {
    clearTimeout(this.keyTimer);
    this.keying = false;
    this.moving = false;
    const payload = this.payload();
    const text = JSON.stringify(payload);
    if (text === this.sentText) return;
    this.sentText = text;
    this.send("release", payload);
  }

  destroy() {
    clearTimeout(this.keyTimer);
    this.root.remove();
  }
}
