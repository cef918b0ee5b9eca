// The discrete explorer: P's and Q's bars are the handles; the per-outcome terms, both
// divergences and the entropies follow them.

import { UNIT_BASES, crossEntropy, entropy, formatValue, klTerms } from "./klmath.js";
import { View, bothDirections, element } from "./common.js";

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

export class BarsView extends View {
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
    // The readout goes below the bars: an ∞ and its reason appearing above them would
    // push the bar under the hand away from it.
    this.root.append(legend, this.board, this.readout, this.termsTitle, this.terms);
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
    this.drawBars();
    this.drawTerms();
  }

  drawBars() {
    for (const which of ["p", "q"]) {
      this.handles[which].forEach(({ bar, fill }, i) => {
        const v = this[which][i];
        fill.style.transform = `scaleY(${v})`;
        bar.setAttribute("aria-valuenow", String(v));
        bar.setAttribute("aria-valuetext", v.toFixed(3));
      });
    }
  }

  drawTerms() {
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
