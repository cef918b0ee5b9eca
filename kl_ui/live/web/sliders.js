// Range handles under a plotly chart: the home page's coin, the continuous explorer's
// densities and the asymmetry page's sweep. VIEWS says what each computes while a handle
// moves; SliderView draws the handles and moves the chart.

import {
  UNIT_BASES, convertFromNats, formatValue, interpolateSeries, interpolateTable, klClosedForm,
  logPdf,
} from "./klmath.js";
import { clearJensen, drawJensen, pictureCanvas } from "./jensen.js";
import {
  P_COLOR, POSITIVE_COLOR, POSITIVE_FILL, Q_COLOR, View, bothDirections, chartFigure,
  decodeArray, drawChart, element, ghost, overlay, snap, stepDigits, strokeSeries, subplotArea,
} from "./common.js";

const DIRECTIONS = ["forward", "reverse"]; // D(P‖Q), D(Q‖P): the tables' names
const PROOF_NUMBERS = ["divergence", "jensen_gap", "support_gap"]; // the proof's readout

/** The handles that have moved since the page came (model.at: their values then). */
function movedHandles(model, values) {
  return Object.keys(model.at).filter((name) => values[name] !== model.at[name]);
}

/** A reading from kl_core's table `name` along the one handle that moved: "≈" with its
 * error bound; kl_core's own while none has; its last number, marked as waiting, when
 * more than one has or an ∞ is near. */
function tableReading(model, values, name, server) {
  const moved = movedHandles(model, values);
  if (moved.length === 0) return server;
  const table = moved.length === 1 ? model.tables?.[moved[0]] : null;
  const found = table ? interpolateTable(table, name, values[moved[0]]) : null;
  if (found === null) return { ...server, pending: true };
  const base = UNIT_BASES[model.unit];
  const error = convertFromNats(found.error, base);
  // No more digits than the error leaves meaningful (at most the usual 4).
  const digits = Math.min(4, Math.max(0, 1 - Math.floor(Math.log10(error))));
  return {
    label: server.label,
    text: `≈ ${formatValue(convertFromNats(found.value, base), model.unit, digits)}`,
    approximate: `± ${Number(error.toPrecision(2))} ${model.unit}`,
  };
}

export const VIEWS = {
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
    /** Each direction: the closed form where klmath.js has one; else, when one handle
     * has moved since the page came, the interpolation of kl_core's table along it (with
     * "≈" and its error bound); else kl_core's last number, marked as waiting. */
    readout(model, values, serverReadout) {
      const [p, q] = ["P", "Q"].map((side) => law(model, values, side));
      const base = UNIT_BASES[model.unit];
      return [[p, q], [q, p]].map(([first, second], i) => {
        const label = serverReadout[i].label;
        const nats = first && second ? klClosedForm(first, second) : null;
        if (nats !== null) return { label, text: formatValue(convertFromNats(nats, base), model.unit) };
        return tableReading(model, values, DIRECTIONS[i], serverReadout[i]);
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
  // The proof page's continuous mode: P's and Q's parameters move D and the two gaps
  // (kl_core's tables along the handle, interpolated) and the picture on the log curve.
  "jensen-density": {
    readout: (model, values, serverReadout) =>
      PROOF_NUMBERS.map((name, i) => tableReading(model, values, name, serverReadout[i])),
    /** The proof's picture at the hand's position, interpolated from the table (null
     * when no single handle has moved, or near an ∞). */
    picture(model, values) {
      const moved = movedHandles(model, values);
      const table = moved.length === 1 ? model.tables?.[moved[0]] : null;
      if (!table) return null;
      const x = values[moved[0]];
      const scale = Math.log(UNIT_BASES[model.unit] ?? Math.E);
      const divergence = interpolateSeries(table, table.divergence, x);
      // log E[r] = log Q(S) = −(support gap): interpolated as a log, it never leaves (0, 1];
      // and, as in kl_core, never below E[log r] = −D (Jensen's inequality).
      const support = interpolateSeries(table, table.support_gap, x);
      if (support === null) return null;
      const limit = divergence === null ? Infinity : Math.max(divergence, 0);
      const logMean = -Math.min(Math.max(support, 0), limit);
      // Each of the proof's points (P's quantiles, as many as the table has) along the handle.
      const ratios = table.log_ratios[0].map((_, k) => {
        const log = interpolateSeries(table, table.log_ratios.map((node) => node[k]), x, -Infinity);
        return log === null ? 0 : Math.exp(log);
      });
      return {
        ratios,
        weights: ratios.map(() => 1 / ratios.length),
        meanRatio: Math.exp(logMean),
        meanLogRatio: divergence === null ? -Infinity : -Math.max(divergence, 0) / scale,
        logMeanRatio: logMean / scale,
        infinite: divergence === null,
      };
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
    /** What the maps (maps.js) hear while the handle moves: the moving law's parameter. */
    announce: (model, values) => ({
      vary: model.vary,
      param: model.param,
      value: model.values[values[model.handle]],
    }),
    xHandle: (model) => model.handle,
    /** The nearest point of the sweep to x (the chart is drawn over the values). */
    fromX(model, x) {
      let best = 0;
      model.values.forEach((v, i) => {
        if (Math.abs(v - x) < Math.abs(model.values[best] - x)) best = i;
      });
      return best;
    },
    /** The point's value, with as many decimals as the sweep's points need (from
     * kl_ui.numbers.shared_decimals), so the label keeps one width as it moves. */
    shown: (model, value) => model.values[value].toFixed(model.decimals),
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

/** Range handles under a plotly chart (the coin, the continuous explorers). */
export class SliderView extends View {
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
    const news = this.logic.announce?.(this.model, this.values);
    if (news) document.dispatchEvent(new CustomEvent("kl-sweep", { detail: news }));
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
      if (this.cursorLine && !this.cursorLine.isConnected) this.chart.append(this.cursorLine);
      this.moveChart();
    });
  }

  moveChart() {
    if (!this.plotted) return;
    if (this.cursorLine) this.moveCursor(this.logic.cursor(this.model, this.values).x);
    if (this.logic.curves && this.moving) this.drawCurves();
    if (this.logic.picture && this.moving) this.drawPicture();
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

  /** The proof's picture at the hand's position over the chart (jensen.js). */
  drawPicture() {
    const proof = this.logic.picture(this.model, this.values);
    if (!proof) {
      clearJensen(this.chart, this.canvas);
      return;
    }
    this.canvas ??= pictureCanvas(this.chart);
    drawJensen(this.chart, this.canvas, proof, this.model.level, this.model.unit);
  }

  clearCurves() {
    if (this.logic.picture) {
      clearJensen(this.chart, this.canvas);
      return;
    }
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
