// The asymmetry page's maps over Q's (location, scale) (kl_ui/live/maps.py): drawn once
// for P and Q's family, with Q's mark our own, over each map. The mark moves with the
// sweep's handle while it is dragged (the "kl-sweep" event sliders.js sends) and to Q's
// new place when the page reruns; the maps are never redrawn for it.

import { addStylesheet, chartFigure, drawChart, element, subplotArea } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";
const SWEPT = { loc: 0, scale: 1 }; // the sweep's parameter → the map's axis (x, y)

/** A cross, white on black as the maps' colours need, at the centre of a 14 px box. */
function cross() {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "kl-mark");
  svg.setAttribute("width", "14");
  svg.setAttribute("height", "14");
  svg.setAttribute("viewBox", "0 0 14 14");
  svg.setAttribute("aria-hidden", "true");
  for (const [color, width] of [["#000000", 4], ["#FFFFFF", 2]]) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", "M2 2L12 12M12 2L2 12");
    path.setAttribute("stroke", color);
    path.setAttribute("stroke-width", String(width));
    path.setAttribute("stroke-linecap", "round");
    svg.append(path);
  }
  return svg;
}

export class MapsView {
  constructor(parent, data) {
    this.kind = data.view;
    this.root = element("div", "kl-live kl-maps");
    parent.replaceChildren(this.root);
    this.charts = [];
    this.mapsText = null;
    this.send = () => {};
    this.onSweep = (event) => this.swept(event.detail);
    document.addEventListener("kl-sweep", this.onSweep);
    this.resized = new ResizeObserver(() => this.place());
  }

  update(data) {
    addStylesheet();
    this.data = data;
    this.q = [...data.model.q];
    const text = JSON.stringify(data.maps);
    if (text === this.mapsText) {
      this.place();
      return;
    }
    this.mapsText = text;
    this.draw(data);
  }

  draw(data) {
    for (const { div, plotted } of this.charts) if (plotted) window.Plotly?.purge(div);
    this.resized.disconnect();
    this.root.replaceChildren();
    this.charts = data.maps.map((figure) => {
      const div = element("div", "kl-chart kl-map");
      const mark = cross();
      const chart = { div, mark, plotted: false };
      div.append(mark);
      this.root.append(div);
      this.resized.observe(div);
      drawChart(div, chartFigure(JSON.stringify(figure), this.root), data.plotly, () => {
        chart.plotted = true;
        if (!mark.isConnected) div.append(mark);
        // Every redraw may move the plot area (margins measured again once the page's
        // font has loaded, a resize): the marks follow it.
        div.on("plotly_afterplot", () => this.place());
        this.place();
      });
      return chart;
    });
  }

  /** The sweep's handle moved Q's location or scale: the mark follows it. */
  swept({ vary, param, value }) {
    if (vary !== "Q" || !(param in SWEPT)) return;
    this.q[SWEPT[param]] = value;
    this.place();
  }

  /** Each mark at Q's (location, scale) in its map's axes; hidden outside them. */
  place() {
    for (const { div, mark, plotted } of this.charts) {
      const area = plotted ? subplotArea(div) : null;
      const layout = div.layout;
      if (!area || !layout) {
        mark.style.display = "none";
        continue;
      }
      const [x0, x1] = layout.xaxis.range; // plotly writes an autoranged axis's range back
      const [y0, y1] = layout.yaxis.range;
      const fx = (this.q[0] - x0) / (x1 - x0);
      const fy = (this.q[1] - y0) / (y1 - y0);
      const inside = fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1;
      mark.style.display = inside ? "" : "none";
      const x = area.left + fx * area.width - 7;
      const y = area.top + (1 - fy) * area.height - 7;
      mark.style.transform = `translate(${x}px, ${y}px)`;
    }
  }

  destroy() {
    document.removeEventListener("kl-sweep", this.onSweep);
    this.resized.disconnect();
    for (const { div, plotted } of this.charts) if (plotted) window.Plotly?.purge(div);
    this.root.remove();
  }
}
