// The live explorer's views: handles that move the readout and the chart in the browser.
//
// kl_ui/live/__init__.py mounts one view per call of `show` and gives it: the handles
// (name, aria label, range, value), the readout as kl_core computed it, a model (what
// klmath.js needs to compute the same numbers while a handle moves) and a plotly figure.
// While a handle moves nothing is sent: the readout is recomputed at once and the chart
// on the next frame. On release one trigger ("release") carries every handle's value to
// Python, which stores them (session state, the URL) and sends kl_core's numbers back.

import {
  UNIT_BASES, convertFromNats, crossEntropy, entropy, formatValue, klClosedForm, klDivergence,
  klTerms, logPdf,
} from "./klmath.js";

const KEY_SETTLE_MS = 450;
// The figures' colours (kl_ui/theme.py): P, Q, and the integrand's positive part.
const P_COLOR = "#0072B2";
const Q_COLOR = "#E69F00";
const POSITIVE_COLOR = "#CC79A7";
const POSITIVE_FILL = "rgba(204, 121, 167, 0.35)"; // the integrand's area, as the figure fills it // arrow keys: send once the keys have rested this long
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

/** A numeric array of a plotly figure as JSON: a plain list, or a typed array in base64
 * ({dtype, bdata}) as kl_ui.theme.SpecFigure sends it. */
function decodeArray(value) {
  if (Array.isArray(value)) return value;
  const bytes = Uint8Array.from(atob(value.bdata), (c) => c.charCodeAt(0));
  const types = { f4: Float32Array, f8: Float64Array, i4: Int32Array, u1: Uint8Array };
  return Array.from(new types[value.dtype](bytes.buffer));
}

/** A figure spec (JSON text) as the live charts draw it: no zoom or pan (a drag moves a
 * handle), in the page's own typeface, as Streamlit's chart theme gives its charts. */
function chartFigure(text, root) {
  const figure = JSON.parse(text);
  figure.layout.dragmode = false;
  figure.layout.font = { ...figure.layout.font, family: getComputedStyle(root).fontFamily };
  return figure;
}

/** Draw `figure` in `div` with the app's plotly.js bundle, then `drawn()`; a failure is
 * said in the chart's place. */
function drawChart(div, figure, url, drawn) {
  plotly(url)
    .then((Plotly) => Plotly.react(div, figure.data, figure.layout, CHART_CONFIG))
    .then(drawn)
    .catch((error) => {
      div.textContent = `The chart could not be drawn: ${error.message}.`;
    });
}

/** The chart's own curves (all, or the trace numbered `only`) faint while live ones are
 * drawn over them, or back to normal. */
function ghost(chart, faint, only = null) {
  const traces = [...chart.querySelectorAll(".scatterlayer .trace")];
  for (const trace of only === null ? traces : traces.slice(only, only + 1)) {
    trace.style.opacity = faint ? "0.25" : "";
  }
}

/** A polyline of `ys` over `xs` in a plot `area` whose axes span `[x0, x1]` and
 * `[y0, y1]`, clipped to it; broken where y is not finite; filled down to 0 if `fill`. */
function strokeSeries(ctx, area, [x0, x1], [y0, y1], xs, ys, color, fill = null) {
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
function overlay(canvas, chart) {
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
function subplotArea(chart, subplot = "xy") {
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
  return template.replace("{outcomes}", offending.map((i) => `“${labels[i]}”`).join(", "));
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
    // The figure's first shape marks Q; while dragging it is a line drawn over the chart.
    cursor: (model, values) => ({ shape: 0, x: values[model.handle] }),
    xHandle: (model) => model.handle,
  },

  // The continuous explorer: P's and Q's parameters move both densities and the
  // integrand (drawn over the chart), and the numbers where a closed form exists.
  densities: {
    readout(model, values, serverReadout) {
      const [p, q] = ["P", "Q"].map((side) => law(model, values, side));
      const base = UNIT_BASES[model.unit];
      return [[p, q], [q, p]].map(([first, second], i) => {
        const nats = first && second ? klClosedForm(first, second) : null;
        if (nats === null) return { ...serverReadout[i], pending: true };
        const value = convertFromNats(nats, base);
        return { label: serverReadout[i].label, text: formatValue(value, model.unit) };
      });
    },
    curves(model, values, xs) {
      const [p, q] = ["P", "Q"].map((side) => law(model, values, side));
      if (!p || !q) return null;
      const scale = Math.log(UNIT_BASES[model.unit] ?? Math.E);
      const out = { p: [], q: [], integrand: [] };
      for (const x of xs) {
        const lp = logPdf(p.family, p.params, x);
        const lq = logPdf(q.family, q.params, x);
        const pv = Math.exp(lp);
        out.p.push(pv);
        out.q.push(Math.exp(lq));
        out.integrand.push(pv === 0 ? 0 : lq === -Infinity ? Infinity : (pv * (lp - lq)) / scale);
      }
      return out;
    },
  },
  // The asymmetry page's sweep: the handle walks the points kl_core computed (an index),
  // so the numbers are kl_core's own at every position; the chart's line marks it.
  sweep: {
    readout(model, values) {
      const i = values[model.handle];
      return [["D(P‖Q)", model.forward, "forward"], ["D(Q‖P)", model.reverse, "reverse"]].map(
        ([label, series, direction]) => {
          const value = series[i] ?? Infinity; // JSON has no ∞: null there
          const reason = value === Infinity ? model.reasons[direction][String(i)] : null;
          return { label, text: formatValue(value, model.unit), reason };
        },
      );
    },
    cursor: (model, values) => ({ shape: 0, x: model.values[values[model.handle]] }),
    frame: (model, values) => values[model.handle],
    xHandle: (model) => model.handle,
    /** The nearest point of the sweep to x (the chart is drawn over the values). */
    fromX(model, x) {
      let best = 0;
      model.values.forEach((v, i) => {
        if (Math.abs(v - x) < Math.abs(model.values[best] - x)) best = i;
      });
      return best;
    },
    shown: (model, value) => String(Number(model.values[value].toPrecision(6))),
  },
};


/** One side's law from the handles: {family, params by scipy's names}, or null for a
 * typed spec outside the slider families. */
function law(model, values, side) {
  const { family, params } = model[side];
  if (!family) return null;
  return {
    family,
    params: Object.fromEntries(params.map((name) => [name, values[`${side}_${name}`]])),
  };
}

// ---------------------------------------------------------------------------------

/** What every view has: its root, the readout, and the release after a drag or keys. */
class View {
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
    addStylesheet(data.assets, new URL(data.module, document.baseURI).searchParams.get("v"));
  }

  showReadout(readings, live) {
    const rows = readings.map((r) => {
      const box = element("div", "kl-reading");
      const label = element("div", "kl-reading-label");
      label.textContent = r.label;
      const value = element("div", "kl-reading-value");
      value.textContent = r.text;
      box.append(label, value);
      if (r.pending) {
        // No closed form for this pair: kl_core's number for the new position comes on
        // release; until then the last one stays, marked as such.
        box.classList.add("kl-pending");
        const note = element("div", "kl-reading-note");
        note.textContent = "at the last position; let go for kl_core's value here";
        box.append(note);
      }
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

/** Range handles under a plotly chart (the coin, the continuous explorers). */
class SliderView extends View {
  constructor(parent, data) {
    super(parent, data);
    this.logic = VIEWS[data.view];
    this.chart = element("div", "kl-chart");
    this.controls = element("div", "kl-handles");
    this.root.append(this.chart, this.controls);
    this.inputs = new Map();
    this.values = {};
    this.frame = 0;
    this.figureText = null;
    this.onPointerDown = (event) => this.chartPointer(event);
    this.chart.addEventListener("pointerdown", this.onPointerDown);
    this.resized = new ResizeObserver(() => {
      this.plotArea = null;
      if (this.plotted) requestAnimationFrame(() => this.moveChart());
    });
    this.resized.observe(this.chart);
  }

  update(data) {
    super.update(data);
    this.buildHandles(data.handles);
    if (this.moving) return; // the hand wins; the server's numbers come after release
    for (const h of data.handles) this.values[h.name] = h.value;
    this.sentText = JSON.stringify(this.payload());
    this.syncInputs();
    this.showReadout(data.readout, false);
    this.drawFigure(data);
    if (data.densities) this.drawDensities(data);
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
      input.addEventListener("keydown", (event) => this.keyDown(event));
      input.addEventListener("keyup", () => this.keyUp());
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
      const text = this.logic.shown
        ? this.logic.shown(this.model, value)
        : value.toFixed(stepDigits(handle.step));
      input.value = String(value);
      input.setAttribute("aria-valuetext", text);
      shown.textContent = text;
    }
  }

  /** A handle moved: the readout now, the chart on the next frame, nothing sent. */
  move(name, value) {
    this.moving = true;
    this.values[name] = snap(this.inputs.get(name).handle, value);
    this.syncInputs();
    this.showReadout(this.logic.readout(this.model, this.values, this.data.readout), true);
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.moveChart();
      });
    }
  }

  payload() {
    return { ...this.values };
  }

  drawFigure(data) {
    if (!data.figure) return;
    const text = JSON.stringify(data.figure);
    if (text === this.figureText) {
      this.clearCurves();
      return;
    }
    this.figureText = text;
    this.xs = null;
    const figure = chartFigure(text, this.root);
    const cursor = this.logic.cursor?.(this.model, this.values);
    if (cursor) {
      // Plotly redraws the whole plot to move a shape (70 ms a frame, measured): the
      // marker is a line of our own over the plot area, moved by the compositor.
      const [shape] = figure.layout.shapes.splice(cursor.shape, 1);
      this.cursorLine ??= element("div", "kl-cursor", { "aria-hidden": "true" });
      this.cursorLine.style.borderLeftColor = shape.line?.color ?? "#666666";
      this.chart.append(this.cursorLine);
    }
    drawChart(this.chart, figure, data.plotly, () => {
      this.plotted = true;
      this.plotArea = null;
      this.clearCurves();
      // Margins are measured with the text as drawn: once the page's font has loaded,
      // measure again, or an axis title drawn in the fallback font may be clipped.
      document.fonts?.ready.then(() => {
        if (this.plotted && this.chart.isConnected) window.Plotly.Plots.resize(this.chart);
      });
      if (this.cursorLine && !this.cursorLine.isConnected) this.chart.append(this.cursorLine);
      this.moveChart();
    });
  }

  moveChart() {
    if (!this.plotted) return;
    if (this.cursorLine) this.moveCursor(this.logic.cursor(this.model, this.values).x);
    if (this.logic.curves && this.moving) this.drawCurves();
    if (this.logic.frame && this.densitiesPlotted && this.moving) {
      this.drawFrame(this.logic.frame(this.model, this.values));
    }
  }

  /** The live curves, drawn on a canvas over the chart while a handle moves; the chart's
   * own curves stay as faint ghosts of the last released position. */
  drawCurves() {
    const xs = (this.xs ??= decodeArray(this.data.figure.data[0].x));
    const curves = this.logic.curves(this.model, this.values, xs);
    if (!curves) return;
    const layout = this.chart.layout;
    if (!this.canvas) {
      this.canvas = element("canvas", "kl-canvas", { "aria-hidden": "true" });
      this.chart.append(this.canvas);
    }
    ghost(this.chart, true);
    const ctx = overlay(this.canvas, this.chart);
    const panels = [
      ["xy", layout.yaxis.range, [[curves.p, P_COLOR], [curves.q, Q_COLOR]]],
      ["x2y2", layout.yaxis2.range, [[curves.integrand, POSITIVE_COLOR, POSITIVE_FILL]]],
    ];
    for (const [subplot, yRange, series] of panels) {
      const area = subplotArea(this.chart, subplot);
      if (!area) continue;
      for (const [ys, color, fill] of series) {
        strokeSeries(ctx, area, layout.xaxis.range, yRange, xs, ys, color, fill);
      }
    }
  }

  /** The densities panel above the chart (the asymmetry sweep): both laws at the
   * released point; while the handle moves, the moving law's density at the hand's point
   * (sent with the page, one per point) is drawn over it. */
  drawDensities(data) {
    if (!this.densityChart) {
      this.densityChart = element("div", "kl-chart kl-densities");
      this.root.insertBefore(this.densityChart, this.chart);
    }
    const text = JSON.stringify(data.densities);
    if (text === this.densityText) {
      this.clearFrame();
      return;
    }
    this.densityText = text;
    this.frames = null;
    drawChart(this.densityChart, chartFigure(text, this.root), data.plotly, () => {
      this.densitiesPlotted = true;
      this.clearFrame();
    });
  }

  drawFrame(index) {
    const chart = this.densityChart;
    this.frames ??= this.data.frames.map((f) => [decodeArray(f.x), decodeArray(f.y)]);
    const [xs, ys] = this.frames[index];
    if (!this.frameCanvas) {
      this.frameCanvas = element("canvas", "kl-canvas", { "aria-hidden": "true" });
      chart.append(this.frameCanvas);
    }
    ghost(chart, true, 1); // the moving density; the fixed one stays as it is
    const ctx = overlay(this.frameCanvas, chart);
    const area = subplotArea(chart);
    if (!area) return;
    strokeSeries(ctx, area, chart.layout.xaxis.range, chart.layout.yaxis.range, xs, ys,
      this.model.color);
  }

  clearFrame() {
    if (!this.densityChart) return;
    if (this.frameCanvas) overlay(this.frameCanvas, this.densityChart);
    ghost(this.densityChart, false);
  }

  clearCurves() {
    if (this.canvas) overlay(this.canvas, this.chart);
    ghost(this.chart, false);
  }

  /** The plot area (the rectangle the axes span) relative to the chart's own box. */
  area() {
    this.plotArea ??= subplotArea(this.chart);
    return this.plotArea;
  }

  /** The x axis's range as drawn (plotly writes an autoranged axis's range back). */
  xRange() {
    return this.chart.layout?.xaxis?.range ?? this.data.figure.layout.xaxis.range;
  }

  moveCursor(x) {
    const area = this.area();
    if (!area) return;
    const [low, high] = this.xRange();
    const px = area.left + ((x - low) / (high - low)) * area.width;
    const line = this.cursorLine.style;
    line.top = `${area.top}px`;
    line.height = `${area.height}px`;
    line.transform = `translateX(${px}px)`;
  }

  /** Dragging on the chart's plot area moves the handle its x axis shows: each step is
   * an input event of that handle, as if its own thumb had moved. */
  chartPointer(event) {
    const name = this.logic.xHandle?.(this.model);
    const area = this.chart.querySelector('.nsewdrag[data-subplot="xy"]');
    if (!name || !area || !this.inputs.has(name)) return;
    const { handle, input } = this.inputs.get(name);
    const [low, high] = this.xRange();
    const box = area.getBoundingClientRect();
    if (event.clientY < box.top || event.clientY > box.bottom) return;
    const moveTo = (e) => {
      const now = area.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (e.clientX - now.left) / now.width));
      const x = low + fraction * (high - low);
      const value = this.logic.fromX ? this.logic.fromX(this.model, x) : snap(handle, x);
      if (value === this.values[name]) return;
      input.value = String(value);
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    event.preventDefault();
    this.chart.setPointerCapture(event.pointerId);
    input.focus({ preventScroll: true });
    this.moving = true;
    moveTo(event);
    const onUp = () => {
      this.chart.removeEventListener("pointermove", moveTo);
      this.chart.removeEventListener("pointerup", onUp);
      this.chart.removeEventListener("pointercancel", onUp);
      this.release();
    };
    this.chart.addEventListener("pointermove", moveTo);
    this.chart.addEventListener("pointerup", onUp);
    this.chart.addEventListener("pointercancel", onUp);
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.chart.removeEventListener("pointerdown", this.onPointerDown);
    this.resized.disconnect();
    if (window.Plotly && this.plotted) window.Plotly.purge(this.chart);
    if (window.Plotly && this.densitiesPlotted) window.Plotly.purge(this.densityChart);
    super.destroy();
  }
}

// ---------------------------------------------------------------------------------
// The discrete explorer: P's and Q's bars are the handles.

const GRID = 1000; // probabilities are kept on a grid of 1/1000, so that links stay short
const BAR_STEP = 0.01; // one arrow key
const BAR_PAGE = 0.1; // one Page key

/**
 * `values` with entry `i` set to `value` and the others scaled to keep the sum 1 (or
 * shared equally when they were all 0), every entry a multiple of 1/GRID whose sum is
 * exactly GRID/GRID (largest remainders).
 */
export function setProbability(values, i, value) {
  const target = Math.round(Math.min(1, Math.max(0, value)) * GRID);
  const others = values.map((v, k) => (k === i ? 0 : v));
  const rest = others.reduce((a, b) => a + b, 0);
  const left = GRID - target;
  const shares = others.map((v, k) => {
    if (k === i) return 0;
    return rest > 0 ? (v / rest) * left : left / (values.length - 1);
  });
  const units = shares.map(Math.floor);
  let missing = left - units.reduce((a, b) => a + b, 0);
  const order = shares
    .map((v, k) => [v - Math.floor(v), k])
    .filter(([, k]) => k !== i)
    .sort((a, b) => b[0] - a[0]);
  for (const [, k] of order) {
    if (missing <= 0) break;
    units[k] += 1;
    missing -= 1;
  }
  units[i] = target;
  return units.map((u) => u / GRID);
}

class BarsView extends View {
  constructor(parent, data) {
    super(parent, data);
    this.board = element("div", "kl-bars");
    const legend = element("div", "kl-legend");
    for (const which of ["p", "q"]) {
      const key = element("span", `kl-key-${which}`);
      key.textContent = which.toUpperCase();
      legend.append(key);
    }
    const hint = element("em", "kl-hint");
    hint.textContent = "Drag a bar up or down, or focus it (Tab) and use the arrow keys.";
    legend.append(hint);
    this.termsTitle = element("div", "kl-terms-title");
    this.terms = element("div", "kl-terms");
    this.root.append(legend, this.board, this.termsTitle, this.terms);
    this.labels = null;
  }

  update(data) {
    super.update(data);
    if (this.moving) return;
    this.p = [...data.model.p];
    this.q = [...data.model.q];
    this.sentText = JSON.stringify(this.payload());
    this.build(data.model.labels);
    this.draw();
    this.showReadout(data.readout, false);
  }

  payload() {
    return { p: this.p, q: this.q };
  }

  build(labels) {
    const text = JSON.stringify(labels);
    if (text === this.labels) return;
    this.labels = text;
    const columns = `2rem repeat(${labels.length}, minmax(2.25rem, 7rem))`;
    this.board.style.gridTemplateColumns = columns;
    this.terms.style.gridTemplateColumns = columns;
    const axis = element("div", "kl-axis", { "aria-hidden": "true" });
    for (const tick of ["1", "0.75", "0.5", "0.25", "0"]) {
      const label = element("span");
      label.textContent = tick;
      label.style.bottom = `calc(${Number(tick) * 100}% - 0.5em)`;
      axis.append(label);
    }
    this.handles = { p: [], q: [] };
    this.termBars = [];
    const outcomes = labels.map((label, i) => {
      const column = element("div", "kl-outcome");
      const track = element("div", "kl-track");
      for (const which of ["p", "q"]) {
        const bar = element("div", `kl-bar kl-bar-${which}`, {
          role: "slider",
          tabindex: "0",
          "aria-label": `${which.toUpperCase()}(${label})`,
          "aria-valuemin": "0",
          "aria-valuemax": "1",
        });
        const fill = element("div", "kl-fill");
        bar.append(fill);
        bar.addEventListener("pointerdown", (event) => this.pointer(event, which, i, bar));
        bar.addEventListener("keydown", (event) => this.key(event, which, i));
        bar.addEventListener("keyup", () => this.keyUp());
        track.append(bar);
        this.handles[which].push({ bar, fill });
      }
      const name = element("div", "kl-outcome-label");
      name.textContent = label;
      name.title = label;
      column.append(track, name);
      return column;
    });
    this.board.replaceChildren(axis, ...outcomes);
    const termColumns = labels.map(() => {
      const cell = element("div", "kl-term");
      const up = element("div", "kl-term-bar kl-up");
      const down = element("div", "kl-term-bar kl-down");
      const value = element("div", "kl-term-value");
      cell.append(up, down, value);
      this.termBars.push({ up, down, value });
      return cell;
    });
    this.terms.replaceChildren(element("div"), ...termColumns);
  }

  /** Bars, their values for assistive technology, and the terms. */
  draw() {
    for (const which of ["p", "q"]) {
      this.handles[which].forEach(({ bar, fill }, i) => {
        const v = this[which][i];
        fill.style.transform = `scaleY(${v})`;
        bar.setAttribute("aria-valuenow", String(v));
        bar.setAttribute("aria-valuetext", v.toFixed(3));
      });
    }
    const unit = this.model.unit;
    const terms = klTerms(this.p, this.q, UNIT_BASES[unit]);
    const finite = terms.filter(Number.isFinite).map(Math.abs);
    const scale = Math.max(...finite, 1e-300);
    this.termsTitle.textContent =
      `Each outcome's term p·log(p/q) [${unit}]; they add up to D(P‖Q)`;
    terms.forEach((t, i) => {
      const { up, down, value } = this.termBars[i];
      const size = Number.isFinite(t) ? Math.abs(t) / scale : 1;
      up.style.transform = `scaleY(${t >= 0 ? size : 0})`;
      down.style.transform = `scaleY(${t < 0 ? size : 0})`;
      up.classList.toggle("kl-infinite", t === Infinity);
      value.textContent = formatValue(t, "").trim();
    });
  }

  move(which, i, value) {
    this.moving = true;
    this[which] = setProbability(this[which], i, value);
    this.draw();
    this.showReadout(this.compute(), true);
  }

  compute() {
    const base = UNIT_BASES[this.model.unit];
    return [
      ...bothDirections(this.model, this.p, this.q),
      { label: "H(P), entropy of P", text: formatValue(entropy(this.p, base), this.model.unit) },
      {
        label: "H(P,Q), cross-entropy",
        text: formatValue(crossEntropy(this.p, this.q, base), this.model.unit),
      },
    ];
  }

  key(event, which, i) {
    if (!this.keyDown(event)) return;
    event.preventDefault();
    const now = this[which][i];
    const step = { ArrowUp: BAR_STEP, ArrowRight: BAR_STEP, ArrowDown: -BAR_STEP,
      ArrowLeft: -BAR_STEP, PageUp: BAR_PAGE, PageDown: -BAR_PAGE }[event.key];
    const value = event.key === "Home" ? 0 : event.key === "End" ? 1 : now + step;
    this.move(which, i, Math.round(value / BAR_STEP) * BAR_STEP);
    event.target.dispatchEvent(new Event("input", { bubbles: true }));
  }

  /** A bar follows the pointer's height in its track, in steps of BAR_STEP. */
  pointer(event, which, i, bar) {
    event.preventDefault();
    bar.focus({ preventScroll: true });
    bar.setPointerCapture(event.pointerId);
    const track = bar.parentElement;
    const moveTo = (e) => {
      const box = track.getBoundingClientRect();
      const fraction = 1 - (e.clientY - box.top) / box.height;
      const value = Math.round(Math.min(1, Math.max(0, fraction)) / BAR_STEP) * BAR_STEP;
      if (Math.abs(value - this[which][i]) < 1e-9) return;
      this.move(which, i, value);
      bar.dispatchEvent(new Event("input", { bubbles: true }));
    };
    moveTo(event);
    const up = () => {
      bar.removeEventListener("pointermove", moveTo);
      bar.removeEventListener("pointerup", up);
      bar.removeEventListener("pointercancel", up);
      this.release();
    };
    bar.addEventListener("pointermove", moveTo);
    bar.addEventListener("pointerup", up);
    bar.addEventListener("pointercancel", up);
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
    const View = data.view === "bars" ? BarsView : SliderView;
    if (View === SliderView && !VIEWS[data.view]) {
      throw new Error(`no live view named ${data.view}`);
    }
    view = new View(parentElement, data);
    mounted.set(parentElement, view);
  }
  view.send = setTriggerValue;
  view.update(data);
}

export function unmount(parentElement) {
  mounted.get(parentElement)?.destroy();
  mounted.delete(parentElement);
}
