// The live explorer's entry: Streamlit's component (kl_ui/live/__init__.py) imports this
// module and calls `render` on mount and whenever its data changes. Each view is in its
// own module: sliders.js (coin, densities, sweep), bars.js (the discrete explorer's
// bars), jensen.js (the proof's bars and log curve), maps.js (the asymmetry maps); what
// they share is in common.js. Three views have no handles: charts.js (a chart drawn
// from a finished figure), formulas.js (display maths) and pagemap.js (the home page's
// map of pages).

import { BarsView } from "./bars.js";
import { ChartView } from "./charts.js";
import { FormulasView } from "./formulas.js";
import { JensenView } from "./jensen.js";
import { MapsView } from "./maps.js";
import { PageMapView } from "./pagemap.js";
import { SliderView, VIEWS } from "./sliders.js";

export { setProbability } from "./bars.js";

const CLASSES = {
  bars: BarsView,
  chart: ChartView,
  formulas: FormulasView,
  jensen: JensenView,
  maps: MapsView,
  pages: PageMapView,
};

const mounted = new WeakMap(); // the element Streamlit gave → its view

/** Streamlit calls this (through the loader) on mount and whenever the data changes. */
export function render({ parentElement, data, setTriggerValue }) {
  let view = mounted.get(parentElement);
  if (view && view.kind !== data.view) {
    view.destroy();
    view = undefined;
  }
  if (!view) {
    const View = CLASSES[data.view] ?? SliderView;
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
