// Display formulas, typeset in the browser by the app's own KaTeX (the version that
// Streamlit's st.latex uses), as views of the live explorer's component. Why not
// st.latex on the home page: see kl_ui/live/formulas.py. Until KaTeX has loaded, each
// formula keeps about the height it will take (explorer.css: taller for a fraction), so
// the page below hardly moves; if KaTeX cannot load, its LaTeX source is shown as text.

import { addStylesheet, element, loadScript } from "./common.js";

export const KATEX_OPTIONS = { displayMode: true, throwOnError: false, output: "htmlAndMathml" };

export class FormulasView {
  constructor(parent, data) {
    this.kind = data.view;
    this.root = element("div", "kl-live kl-formulas");
    parent.replaceChildren(this.root);
    this.shown = null;
  }

  update(data) {
    addStylesheet();
    const text = JSON.stringify(data.formulas);
    if (text === this.shown) return; // the same formulas: nothing to typeset again
    this.shown = text;
    const boxes = data.formulas.map((tex) => {
      const box = element("div", "kl-formula kl-formula-waiting");
      if (tex.includes("\\frac")) box.classList.add("kl-formula-tall");
      box.dataset.tex = tex;
      return box;
    });
    this.root.replaceChildren(...boxes);
    addStylesheet(data.katex.stylesheet);
    loadScript(data.katex.script, "katex")
      .then((katex) => {
        for (const box of boxes) katex.render(box.dataset.tex, box, KATEX_OPTIONS);
      })
      .catch(() => {
        for (const box of boxes) box.textContent = box.dataset.tex;
      })
      .finally(() => {
        for (const box of boxes) box.classList.remove("kl-formula-waiting", "kl-formula-tall");
      });
  }

  destroy() {
    this.root.remove();
  }
}
