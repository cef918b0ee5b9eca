// A chart drawn from a finished figure (kl_ui/live/charts.py): every chart of the app
// that is not part of a live view, drawn with the app's own partial plotly.js bundle
// instead of st.plotly_chart (why: kl_ui/live/charts.py). It is drawn again only when
// the figure changes, and keeps its height while plotly.js loads, so nothing below it
// jumps.

import { addStylesheet, chartFigure, drawChart, element } from "./common.js";

export class ChartView {
  constructor(parent, data) {
    this.kind = data.view;
    this.root = element("div", "kl-live kl-figure");
    this.div = element("div", "kl-chart");
    this.root.append(this.div);
    parent.replaceChildren(this.root);
    this.figureText = null;
    this.send = () => {};
  }

  update(data) {
    addStylesheet();
    const text = JSON.stringify(data.figure);
    if (text === this.figureText) return;
    this.figureText = text;
    const figure = chartFigure(text, this.root);
    this.div.style.minHeight = `${figure.layout.height}px`;
    drawChart(this.div, figure, data.plotly);
  }

  destroy() {
    if (this.div._fullLayout) window.Plotly?.purge(this.div);
    this.root.remove();
  }
}
