// The live explorer's views: handles that move the readout and the chart in the browser.
//
// kl_ui/live/__init__.py mounts one view per call of `show` and gives it: the handles
// (name, aria label, range, value), the readout as kl_core computed it, a model (what
// klmath.js needs to compute the same numbers while a handle moves) and a plotly figure.
// While a handle moves nothing is sent: the readout is recomputed at once and the chart
// on the next frame. On release one trigger ("release") carries every handle's value to
// Python, which stores them (session state, the URL) and sends kl_core's numbers back.

import { UNIT_BASES, klDivergence, formatValue } from "./klmath.js";

const KEY_SETTLE_MS = 450; // arrow keys: send once the keys have rested this long
const CHART_CONFIG = { displayModeBar: false, responsive: true };

let plotlyLoading = null;

/** window.Plotly, loading the app's own partial bundle once per page. */
function plotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(url, document.baseURI).href;
      script.async = true;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        plotlyLoading = null;
        reject(new Error("the chart library did not load"));
      };
      document.head.appendChild(script);
    });
  }
  return plotlyLoading;
}

let stylesheet = null;

function addStylesheet(assets, version) {
  if (stylesheet) return;
  stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL(`${assets}explorer.css?v=${version}`, document.baseURI).href;
  document.head.appendChild(stylesheet);
}

function element(tag, className, attributes = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** The digits a handle's value is written with: as many as its step has. */
function stepDigits(step) {
  const text = String(step);
  return text.includes("e-") ? Number(text.split("e-")[1]) : (text.split(".")[1] || "").length;
}

function snap(handle, value) {
  const steps = Math.round((value - handle.low) / handle.step);
  const snapped = handle.low + steps * handle.step;
  return Math.min(handle.high, Math.max(handle.low, Number(snapped.toFixed(12))));
}

// ---------------------------------------------------------------------------------
// What each view computes while a handle moves. Each returns the readout (label, text,
// reason) and the chart's change, from the model Python sent and the handles' values.

/** The reason D(first‖second) is ∞, naming the outcomes to blame. */
function discreteReason(template, labels, offending) {
  return template.replace("{outcomes}", offending.map((i) => labels[i]).join(", "));
}

/** D(P‖Q), D(Q‖P) of two probability vectors, with ∞'s reasons. */
function bothDirections(model, p, q) {
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

const VIEWS = {
  // The home page's coin: P is fixed, Q(heads) moves; the chart's line marks Q.
  coin: {
    readout(model, values) {
      const heads = values[model.handle];
      return bothDirections(model, model.p, [heads, 1 - heads]);
    },
    chart(model, values) {
      const x = values[model.handle];
      return { relayout: { "shapes[0].x0": x, "shapes[0].x1": x } };
    },
    xHandle: (model) => model.handle,
  },
};

// ---------------------------------------------------------------------------------

class LiveView {
  constructor(parent, data) {
    this.kind = data.view;
    this.logic = VIEWS[data.view];
    this.root = element("div", "kl-live");
    this.readout = element("div", "kl-readout", {
      "data-testid": "kl-readout",
      "aria-live": "polite",
    });
    this.chart = element("div", "kl-chart");
    this.controls = element("div", "kl-handles");
    this.root.append(this.readout, this.chart, this.controls);
    parent.replaceChildren(this.root);
    this.inputs = new Map();
    this.values = {};
    this.sent = {};
    this.moving = false;
    this.frame = 0;
    this.keyTimer = 0;
    this.keying = false;
    this.figureText = null;
    this.send = () => {};
    this.onPointerDown = (event) => this.chartPointer(event);
    this.chart.addEventListener("pointerdown", this.onPointerDown);
  }

  update(data) {
    this.data = data;
    this.model = data.model;
    addStylesheet(data.assets, new URL(data.module, document.baseURI).searchParams.get("v"));
    this.buildHandles(data.handles);
    if (this.moving) return; // the hand wins; the server's numbers come after release
    for (const h of data.handles) this.values[h.name] = h.value;
    this.sent = { ...this.values };
    this.syncInputs();
    this.showReadout(data.readout, false);
    this.drawFigure(data);
  }

  buildHandles(handles) {
    const names = handles.map((h) => h.name).join(",");
    if (names === this.handleNames) {
      for (const h of handles) Object.assign(this.inputs.get(h.name).handle, h);
      return;
    }
    this.handleNames = names;
    this.controls.replaceChildren();
    this.inputs.clear();
    for (const handle of handles) {
      const row = element("label", "kl-handle");
      const name = element("span", "kl-handle-label");
      name.textContent = handle.label;
      const shown = element("output", "kl-handle-value");
      const input = element("input", "kl-range", {
        type: "range",
        min: handle.low,
        max: handle.high,
        step: handle.step,
        "aria-label": handle.label,
      });
      input.addEventListener("input", () => this.move(handle.name, Number(input.value)));
      input.addEventListener("pointerdown", () => (this.moving = true));
      input.addEventListener("pointerup", () => this.release());
      input.addEventListener("keydown", (event) => {
        if (event.key.startsWith("Arrow") || event.key.startsWith("Page") ||
            event.key === "Home" || event.key === "End") {
          this.moving = true;
          this.keying = true;
          clearTimeout(this.keyTimer);
        }
      });
      input.addEventListener("keyup", () => {
        clearTimeout(this.keyTimer);
        this.keyTimer = setTimeout(() => this.release(), KEY_SETTLE_MS);
      });
      input.addEventListener("change", () => {
        if (!this.keying) this.release(); // a click or a drag on the track
      });
      row.append(name, shown, input);
      this.controls.append(row);
      this.inputs.set(handle.name, { input, shown, handle: { ...handle } });
    }
  }

  syncInputs() {
    for (const { input, shown, handle } of this.inputs.values()) {
      const value = this.values[handle.name];
      input.value = String(value);
      input.setAttribute("aria-valuetext", value.toFixed(stepDigits(handle.step)));
      shown.textContent = value.toFixed(stepDigits(handle.step));
    }
  }

  /** A handle moved: the readout now, the chart on the next frame, nothing sent. */
  move(name, value) {
    this.moving = true;
    this.values[name] = snap(this.inputs.get(name).handle, value);
    this.syncInputs();
    this.showReadout(this.logic.readout(this.model, this.values), true);
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.moveChart();
      });
    }
  }

  /** The hand let go: one trigger with every handle's value, if any changed. */
  release() {
    clearTimeout(this.keyTimer);
    this.keying = false;
    this.moving = false;
    const changed = Object.keys(this.values).some((k) => this.values[k] !== this.sent[k]);
    if (!changed) return;
    this.sent = { ...this.values };
    this.send("release", { ...this.values });
  }

  showReadout(readings, live) {
    const rows = readings.map((r) => {
      const box = element("div", "kl-reading");
      const label = element("div", "kl-reading-label");
      label.textContent = r.label;
      const value = element("div", "kl-reading-value");
      value.textContent = r.text;
      box.append(label, value);
      if (r.reason) {
        const reason = element("div", "kl-reading-reason");
        reason.textContent = `∞ because ${r.reason}.`;
        box.append(reason);
      }
      return box;
    });
    this.readout.replaceChildren(...rows);
    this.readout.dataset.source = live ? "browser" : "kl_core";
  }

  drawFigure(data) {
    if (!data.figure) return;
    const text = JSON.stringify(data.figure);
    if (text === this.figureText) return;
    this.figureText = text;
    const figure = JSON.parse(text);
    figure.layout.dragmode = false;
    plotly(data.plotly)
      .then((Plotly) => Plotly.react(this.chart, figure.data, figure.layout, CHART_CONFIG))
      .then(() => {
        this.plotted = true;
        if (this.moving) this.moveChart();
      })
      .catch((error) => {
        this.chart.textContent = `The chart could not be drawn: ${error.message}.`;
      });
  }

  moveChart() {
    if (!this.plotted || !this.logic.chart) return;
    const change = this.logic.chart(this.model, this.values);
    if (change.relayout) window.Plotly.relayout(this.chart, change.relayout);
    if (change.restyle) window.Plotly.restyle(this.chart, ...change.restyle);
  }

  /** Dragging on the chart's plot area moves the handle its x axis shows. */
  chartPointer(event) {
    const name = this.logic.xHandle?.(this.model);
    const area = this.chart.querySelector(".nsewdrag");
    if (!name || !area || !this.inputs.has(name)) return;
    const { handle, input } = this.inputs.get(name);
    const [low, high] = this.data.figure.layout.xaxis.range;
    const toValue = (e) => {
      const box = area.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (e.clientX - box.left) / box.width));
      return Math.min(handle.high, Math.max(handle.low, low + fraction * (high - low)));
    };
    const box = area.getBoundingClientRect();
    if (event.clientY < box.top || event.clientY > box.bottom) return;
    event.preventDefault();
    this.chart.setPointerCapture(event.pointerId);
    input.focus({ preventScroll: true });
    this.move(name, toValue(event));
    const onMove = (e) => this.move(name, toValue(e));
    const onUp = () => {
      this.chart.removeEventListener("pointermove", onMove);
      this.chart.removeEventListener("pointerup", onUp);
      this.chart.removeEventListener("pointercancel", onUp);
      this.release();
    };
    this.chart.addEventListener("pointermove", onMove);
    this.chart.addEventListener("pointerup", onUp);
    this.chart.addEventListener("pointercancel", onUp);
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.keyTimer);
    this.chart.removeEventListener("pointerdown", this.onPointerDown);
    if (window.Plotly && this.plotted) window.Plotly.purge(this.chart);
    this.root.remove();
  }
}

const mounted = new WeakMap(); // the element Streamlit gave → its view

/** Streamlit calls this (through the loader) on mount and whenever the data changes. */
export function render({ parentElement, data, setTriggerValue }) {
  let view = mounted.get(parentElement);
  if (view && view.kind !== data.view) {
    view.destroy();
    view = undefined;
  }
  if (!view) {
    if (!VIEWS[data.view]) throw new Error(`no live view named ${data.view}`);
    view = new LiveView(parentElement, data);
    mounted.set(parentElement, view);
  }
  view.send = setTriggerValue;
  view.update(data);
}

export function unmount(parentElement) {
  mounted.get(parentElement)?.destroy();
  mounted.delete(parentElement);
}
