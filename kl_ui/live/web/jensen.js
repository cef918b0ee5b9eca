// The proof page: P's and Q's bars are the handles, and the Jensen picture follows them.
// Every point (r, log r) of the log curve, their centre (E[r], E[log r]), the point
// (E[r], log E[r]) on the curve and the two gaps move with the hand, computed by
// klmath.js's jensenProof (kl_core.jensen_proof, tested against it); the page's steps,
// written by the server, follow on release.

import { UNIT_BASES, formatValue, jensenProof } from "./klmath.js";
import { BarsView } from "./bars.js";
import {
  P_COLOR, POSITIVE_COLOR, Q_COLOR, chartFigure, discreteReason, drawChart, element, overlay,
  subplotArea,
} from "./common.js";

const INFINITY_COLOR = "#D55E00"; // kl_ui/theme.py: anything infinite, and the Jensen gap
const CURVE_TRACE = 0; // the log curve stays as drawn; the rest is redrawn live
const EDGE = 7; // px: a point beyond the axes is drawn at their edge as an arrowhead

export class JensenView extends BarsView {
  constructor(parent, data) {
    super(parent, data);
    this.termsTitle.remove();
    this.terms.remove();
    this.chart = element("div", "kl-chart kl-jensen");
    this.root.append(this.chart);
    this.figureText = null;
    this.frame = 0;
    this.resized = new ResizeObserver(() => {
      if (this.plotted && this.moving) this.schedule();
    });
    this.resized.observe(this.chart);
  }

  update(data) {
    super.update(data);
    if (this.moving) return;
    this.drawFigure(data.figure);
  }

  draw() {
    this.drawBars();
    if (this.moving) this.schedule();
  }

  /** D(P‖Q) and its two gaps, under the labels the server gave them
   * (kl_ui.live.proof_readout). */
  compute() {
    const { unit, labels, reasons } = this.model;
    const proof = jensenProof(this.p, this.q, UNIT_BASES[unit]);
    const reason = proof.infinite ? discreteReason(reasons.forward, labels, proof.offending) : null;
    this.proof = proof;
    const [divergence, jensen, support] = this.data.readout.map((r) => r.label);
    return [
      { label: divergence, text: formatValue(proof.divergence, unit), reason },
      { label: jensen, text: formatValue(proof.jensenGap, unit), reason },
      { label: support, text: formatValue(proof.supportGap, unit) },
    ];
  }

  drawFigure(figure) {
    if (!figure) return;
    const text = JSON.stringify(figure);
    if (text === this.figureText) {
      this.clearPicture();
      return;
    }
    this.figureText = text;
    drawChart(this.chart, chartFigure(text, this.root), this.data.plotly, () => {
      this.plotted = true;
      this.clearPicture();
    });
  }

  /** The picture on the next frame (one redraw per frame however many events). */
  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawPicture();
    });
  }

  drawPicture() {
    if (!this.plotted || !this.proof) return;
    this.canvas ??= pictureCanvas(this.chart);
    drawJensen(this.chart, this.canvas, this.proof, this.model.level, this.model.unit);
  }

  clearPicture() {
    clearJensen(this.chart, this.canvas);
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.resized.disconnect();
    if (window.Plotly && this.plotted) window.Plotly.purge(this.chart);
    super.destroy();
  }
}

/** A point of the picture: a disc, or where it lies beyond the axes (r = 0 gives
 * log r = −∞) an arrowhead at their edge pointing the way it went. */
function point(ctx, x, y, radius, area) {
  const left = area.left;
  const right = area.left + area.width;
  const top = area.top;
  const bottom = area.top + area.height;
  ctx.fillStyle = P_COLOR;
  ctx.globalAlpha = 0.7;
  if (x >= left && x <= right && y >= top && y <= bottom) {
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fill();
  } else {
    const cx = Math.min(right, Math.max(left, x));
    const cy = Math.min(bottom, Math.max(top, Number.isFinite(y) ? y : bottom + 1));
    const dx = x < left ? -1 : x > right ? 1 : 0;
    const dy = !(y <= bottom) ? 1 : y < top ? -1 : 0;
    const norm = Math.hypot(dx, dy) || 1;
    const [ux, uy] = [dx / norm, dy / norm];
    ctx.beginPath();
    ctx.moveTo(cx + ux * EDGE, cy + uy * EDGE);
    ctx.lineTo(cx - uy * EDGE - ux * EDGE, cy + ux * EDGE - uy * EDGE);
    ctx.lineTo(cx + uy * EDGE - ux * EDGE, cy - ux * EDGE - uy * EDGE);
    ctx.closePath();
    ctx.fill();
  }
  ctx.globalAlpha = 1;
}

function line(ctx, [xa, ya], [xb, yb], color, width, dash = []) {
  ctx.beginPath();
  ctx.setLineDash(dash);
  ctx.moveTo(xa, ya);
  ctx.lineTo(xb, yb);
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The centre (E[r], E[log r]): an × as the figure marks it. */
function cross(ctx, x, y) {
  const d = 5;
  line(ctx, [x - d, y - d], [x + d, y + d], INFINITY_COLOR, 3);
  line(ctx, [x - d, y + d], [x + d, y - d], INFINITY_COLOR, 3);
}

/** A canvas over a Jensen chart, for the live picture. */
export function pictureCanvas(chart) {
  const canvas = element("canvas", "kl-canvas", { "aria-hidden": "true" });
  chart.append(canvas);
  return canvas;
}

/**
 * The chart's points, centre and gaps as faint ghosts of the released values, and the
 * live ones over them on `canvas`, in the chart's own axes. `proof` is klmath.js's
 * jensenProof (logs in `unit`); `level` the step (points from 2, the gaps from 3 and 4).
 */
export function drawJensen(chart, canvas, proof, level, unit) {
  const layout = chart.layout;
  const area = subplotArea(chart);
  if (!area || !layout) return;
  faint(chart, true);
  const ctx = overlay(canvas, chart);
  const [x0, x1] = layout.xaxis.range;
  const [y0, y1] = layout.yaxis.range;
  const px = (x) => area.left + ((x - x0) / (x1 - x0)) * area.width;
  const py = (y) => area.top + area.height - ((y - y0) / (y1 - y0)) * area.height;
  const scale = Math.log(UNIT_BASES[unit] ?? Math.E);
  ctx.save();
  ctx.beginPath();
  ctx.rect(area.left - EDGE, area.top - EDGE, area.width + 2 * EDGE, area.height + 2 * EDGE);
  ctx.clip();
  if (level >= 2) {
    proof.ratios.forEach((r, i) => {
      const x = r > 0 ? r : x0;
      const y = r > 0 ? Math.log(r) / scale : -Infinity;
      const radius = (8 + 40 * Math.sqrt(proof.weights[i])) / 2;
      point(ctx, px(x), py(y), radius, area);
    });
  }
  if (level >= 3 && !proof.infinite) {
    const mean = proof.meanRatio;
    const slope = 1 / (scale * mean);
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.width, area.height);
    ctx.clip();
    line(ctx, [px(x0), py(proof.logMeanRatio + slope * (x0 - mean))],
      [px(x1), py(proof.logMeanRatio + slope * (x1 - mean))], "#888888", 1, [3, 3]);
    line(ctx, [px(mean), py(proof.meanLogRatio)], [px(mean), py(proof.logMeanRatio)],
      INFINITY_COLOR, 4);
    if (level >= 4) {
      line(ctx, [px(mean), py(proof.logMeanRatio)], [px(mean), py(0)], POSITIVE_COLOR, 4,
        [6, 4]);
    }
    cross(ctx, px(mean), py(proof.meanLogRatio));
    ctx.beginPath();
    ctx.arc(px(mean), py(proof.logMeanRatio), 5, 0, 2 * Math.PI);
    ctx.fillStyle = Q_COLOR;
    ctx.fill();
    ctx.restore();
  }
  ctx.restore();
}

/** The released picture back, the live one gone. */
export function clearJensen(chart, canvas) {
  if (canvas) overlay(canvas, chart);
  faint(chart, false);
}

/** Everything the chart drew from the released values, but the log curve, faint (or
 * back): the points and gaps, and the numbers in the legend and the note. */
function faint(chart, on) {
  const drawn = [
    ...[...chart.querySelectorAll(".scatterlayer .trace")].filter((_, i) => i !== CURVE_TRACE),
    ...[...chart.querySelectorAll(".legend .traces")].filter((_, i) => i !== CURVE_TRACE),
    ...chart.querySelectorAll(".annotation"),
  ];
  for (const node of drawn) node.style.opacity = on ? "0.2" : "";
}
