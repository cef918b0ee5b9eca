// The layout probe: returns a list of defects, each a short sentence naming the element.
// Evaluated by Playwright in the page (tests/e2e/layout.py reads this file).
(() => {
  const defects = [];
  const vw = window.innerWidth;
  const text = (el) => Array.from((el.innerText || el.textContent || '').trim()).slice(0, 40).join('');
  const overlap = (a, b, slack = 1) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > slack &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > slack;
  const rect = (el) => el.getBoundingClientRect();
  // A box that pokes out of its holder's box sideways (1 px of slack for rounding).
  const outside = (r, box) => r.right > box.right + 1 || r.left < box.left - 1;

  // The page ran: no exception element, no error page.
  if (document.querySelector('[data-testid="stException"]')) defects.push('an exception element is shown');
  if (document.body.innerText.includes('This app has encountered an error')) defects.push('the app failed');

  // No horizontal scroll of the page.
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > vw + 1) defects.push(`page scrolls sideways: ${scrollWidth} px > ${vw} px`);

  // No element wider than the viewport (a formula, a table, a drawing).
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  for (const el of main.querySelectorAll('.katex, svg, img, table, pre')) {
    const r = rect(el);
    if (r.width > vw + 1) defects.push(`${el.tagName.toLowerCase()} wider than the screen (${Math.round(r.width)} px)`);
  }

  // Display formulas fit their column (the element's box, not KaTeX's own shrink-wrap).
  for (const display of document.querySelectorAll('.katex-display')) {
    const inner = display.querySelector('.katex-html') || display;
    const holder = display.closest('[data-testid="stElementContainer"]') || display.parentElement;
    const box = holder.getBoundingClientRect();
    const r = rect(inner);
    // KaTeX's display box scrolls what does not fit; 3 px of slack for KaTeX's rounding.
    const overflow = display.scrollWidth - display.clientWidth;
    if (outside(r, box) || overflow > 3)
      defects.push(`formula cut: "${text(display)}" (${Math.round(display.scrollWidth)} px in ${Math.round(display.clientWidth)} px)`);
  }

  // Metric values and labels, and button labels, are never cut with an ellipsis.
  const cut = (el) => el.scrollWidth > el.clientWidth + 1;
  for (const el of document.querySelectorAll(
      '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] *')) {
    if (el.closest('.katex') || el.querySelector('.katex')) continue;  // maths: measured whole, below
    if (el.clientWidth > 0 && cut(el)) defects.push(`metric text cut: "${text(el)}"`);
  }
  for (const maths of document.querySelectorAll('[data-testid="stMetric"] .katex')) {
    const box = rect(maths.closest('[data-testid="stMetric"]'));
    const r = rect(maths);
    if (outside(r, box)) defects.push(`metric text cut: "${text(maths)}"`);
  }
  for (const button of document.querySelectorAll('[data-testid="stMain"] button')) {
    for (const el of [button, ...button.querySelectorAll('*')]) {
      if (el.clientWidth > 0 && cut(el)) { defects.push(`button label cut: "${text(button)}"`); break; }
    }
  }
  // Nor any other text that Streamlit keeps on one line (a link's or a widget's label):
  // where it does not fit, it is clipped, often without even an ellipsis. Buttons and
  // metric values and labels are measured above.
  const measuredAbove =
    'button, [data-testid="stMetricValue"], [data-testid="stMetricLabel"], .katex, .js-plotly-plot, .kl-live';
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    if (el.clientWidth === 0 || el.closest(measuredAbove)) continue;
    const style = getComputedStyle(el);
    if (style.overflowX === 'visible' || style.whiteSpace !== 'nowrap' || !text(el)) continue;
    // With maths inside, the formulas' own boxes are measured: KaTeX's struts overhang
    // the scroll width by a pixel or two where nothing is cut.
    const maths = [...el.querySelectorAll('.katex')];
    const box = rect(el);
    if (maths.length ? maths.some((m) => outside(rect(m), box)) : cut(el))
      defects.push(`text cut: "${text(el)}" (${el.scrollWidth} px in ${el.clientWidth} px)`);
  }

  // Text at WCAG AA contrast (4.5:1) on the white page: captions, labels, body text and
  // every chart's text (semi-transparent colours blended over white first).
  const luminance = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const onWhite = (color, opacity) => {
    const m = color.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    const alpha = a * opacity;
    return [r, g, b].map((v) => v * alpha + 255 * (1 - alpha));
  };
  const lowContrast = new Set();
  const texts = document.querySelectorAll(
    '[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] [data-testid="stMarkdownContainer"] p, ' +
    '[data-testid="stMain"] [data-testid="stWidgetLabel"] p, [data-testid="stMain"] [data-testid="stMetricLabel"] p, ' +
    '.js-plotly-plot .xtick text, .js-plotly-plot .ytick text, .js-plotly-plot .g-gtitle text, ' +
    '.js-plotly-plot .g-xtitle text, .js-plotly-plot .g-ytitle text, .js-plotly-plot .legendtext');
  for (const el of texts) {
    if (!text(el)) continue;
    const style = getComputedStyle(el);
    let opacity = 1;
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) opacity *= Number(getComputedStyle(node).opacity);
    // Invisible text (a slider's range shown on hover) and disabled controls are exempt.
    if (opacity < 0.05 || el.closest('[disabled], [aria-disabled="true"]')) continue;
    const color = onWhite(el.tagName.toLowerCase() === 'text' ? (style.fill || style.color) : style.color, opacity);
    if (!color) continue;
    const ratio = (1.05) / (luminance(color) + 0.05);
    if (ratio < 4.5) lowContrast.add(`${Math.round(ratio * 10) / 10}:1 "${Array.from(text(el)).slice(0, 30).join("")}"`);
  }
  for (const item of lowContrast) defects.push(`text below 4.5:1 contrast: ${item}`);

  // Charts: titles whole, legends clear of titles and plots, curves inside their axes.
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const svg = gd.querySelector('.main-svg');
    if (!svg) continue;
    const name = (gd._fullLayout && gd._fullLayout.title && gd._fullLayout.title.text) || 'a chart';
    const chartName = Array.from(name.replace(/<[^>]*>/g, ' ')).slice(0, 50).join('');
    const svgBox = rect(svg);
    const title = gd.querySelector('.g-gtitle text');
    const titleBox = title ? rect(title) : null;
    if (titleBox && (titleBox.left < svgBox.left - 1 || titleBox.right > svgBox.right + 1 ||
                     titleBox.top < svgBox.top - 1))
      defects.push(`chart title cut: "${chartName}"`);
    const plots = [...gd.querySelectorAll('.draglayer .nsewdrag')].map(rect);
    const legend = gd.querySelector('.legend .bg');
    for (const note of gd.querySelectorAll('.annotation')) {
      if (titleBox && overlap(rect(note), titleBox)) defects.push(`note over the title: "${chartName}"`);
    }
    if (legend) {
      const legendBox = rect(legend);
      if (titleBox && overlap(legendBox, titleBox)) defects.push(`legend over the title: "${chartName}"`);
      if (plots.some((p) => overlap(legendBox, p, 2))) defects.push(`legend over the plot: "${chartName}"`);
      if (legendBox.right > svgBox.right + 1 || legendBox.left < svgBox.left - 1)
        defects.push(`legend cut: "${chartName}"`);
    }
    for (const bar of gd.querySelectorAll('.colorbar')) {
      const barBox = rect(bar);
      if (plots.some((p) => overlap(barBox, p, 2))) defects.push(`colour scale over a plot: "${chartName}"`);
    }
    for (const note of gd.querySelectorAll('.annotation')) {
      const r = rect(note);
      if (r.width && (r.right > svgBox.right + 1 || r.left < svgBox.left - 1))
        defects.push(`annotation cut: "${text(note)}" in "${chartName}"`);
    }
    const modebar = gd.querySelector('.modebar-container .modebar');
    if (modebar && titleBox && overlap(rect(modebar), titleBox)) defects.push(`toolbar over the title: "${chartName}"`);

    // Curves outside their axes: every y (and x) value within a fixed axis range.
    const layout = gd._fullLayout;
    const traces = gd._fullData || [];
    const frames = (gd._transitionData && gd._transitionData._frames) || [];
    const datasets = [traces, ...frames.map((f) => (f.data || []).map((d, i) => ({...traces[f.traces ? f.traces[i] : i], ...d})))];
    for (const dataset of datasets) {
      for (const trace of dataset) {
        if (!trace || trace.visible === false || !['scatter', 'scattergl', 'bar'].includes(trace.type)) continue;
        for (const letter of ['x', 'y']) {
          const axisId = trace[letter + 'axis'] || letter;
          const axis = layout[axisId.replace(/^([xy])(\d*)$/, (m, l, n) => `${l}axis${n}`)];
          if (!axis || axis.autorange !== false || axis.type === 'log' || axis.type === 'category') continue;
          const [lo, hi] = [Math.min(...axis.range), Math.max(...axis.range)];
          const span = hi - lo;
          const values = Array.from(trace[letter] || []).filter((v) => typeof v === 'number' && isFinite(v));
          if (values.some((v) => v > hi + 0.005 * span || v < lo - 0.005 * span)) {
            defects.push(`curve "${trace.name || trace.type}" leaves its ${letter}-axis in "${chartName}"`);
            break;
          }
        }
      }
    }
  }
  return [...new Set(defects)];
})
