// The divergences the live explorer computes in the browser while a handle moves.
//
// Every function here mirrors one in kl_core and is tested against it
// (kl_ui/live/test/klmath.test.js, on fixtures that tests/ui/test_live_math.py writes
// from kl_core): discrete sums term by term as kl_core.kl_terms, the normal pair by the
// same closed form as kl_core.closed_forms, units as kl_core.units. Values are in nats
// unless a base is given; ∞ is Infinity, never NaN, and comes with the outcome to blame.

/** log(base) for a unit's base; null (nats) gives 1. */
function logBase(base) {
  if (base === null || base === undefined) return 1;
  if (!(base > 0) || base === 1 || !Number.isFinite(base)) {
    throw new RangeError(`base must be a positive number other than 1 (got ${base})`);
  }
  return Math.log(base);
}

/** A value in nats expressed in `base` (null: nats, 2: bits, 10: hartleys). */
export function convertFromNats(value, base = null) {
  return value / logBase(base);
}

/** The unit's log base by name, as kl_core.UNIT_BASES. */
export const UNIT_BASES = Object.freeze({ nats: null, bits: 2, hartleys: 10 });

function checkPair(p, q) {
  if (!Array.isArray(p) || !Array.isArray(q) || p.length !== q.length || p.length === 0) {
    throw new RangeError("p and q must be non-empty arrays of the same length");
  }
  for (const v of [...p, ...q]) {
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new RangeError(`probabilities must be finite and >= 0 (got ${v})`);
    }
  }
}

/** p·log(p/q) for one outcome, in nats: 0 where p = 0, Infinity where q = 0 < p. */
function term(pi, qi) {
  if (pi === 0) return 0;
  if (qi === 0) return Infinity;
  return pi * Math.log(pi / qi);
}

/** The per-outcome terms p·log(p/q) whose sum is D(p‖q) (kl_core.kl_terms). */
export function klTerms(p, q, base = null) {
  checkPair(p, q);
  const scale = logBase(base);
  return p.map((pi, i) => term(pi, q[i]) / scale);
}

/**
 * D(p‖q) with what makes it infinite: {value, infinite, offending}, where offending
 * lists the outcomes (indices) with q = 0 < p. Matches kl_core.kl_divergence.
 */
export function klDivergence(p, q, base = null) {
  const terms = klTerms(p, q, base);
  const offending = [];
  let total = 0;
  terms.forEach((t, i) => {
    if (t === Infinity) offending.push(i);
    else total += t;
  });
  if (offending.length) return { value: Infinity, infinite: true, offending };
  return { value: Math.max(total, 0), infinite: false, offending };
}

/** H(p) = −Σ p log p (kl_core.entropy). */
export function entropy(p, base = null) {
  checkPair(p, p);
  let total = 0;
  for (const pi of p) if (pi > 0) total -= pi * Math.log(pi);
  return total / logBase(base);
}

/** H(p, q) = −Σ p log q (kl_core.cross_entropy): Infinity where q = 0 < p. */
export function crossEntropy(p, q, base = null) {
  checkPair(p, q);
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) continue;
    if (q[i] === 0) return Infinity;
    total -= p[i] * Math.log(q[i]);
  }
  return total / logBase(base);
}

/** Σ values, compensated (Neumaier): within an ulp or two of Python's math.fsum. */
function sum(values) {
  let total = 0;
  let lost = 0;
  for (const v of values) {
    const t = total + v;
    lost += Math.abs(total) >= Math.abs(v) ? total - t + v : v - t + total;
    total = t;
  }
  return total + lost;
}

/**
 * The quantities of the Jensen proof that D(p‖q) ≥ 0 (kl_core.jensen_proof): on
 * S = {p > 0}, the ratios r = q/p and their weights p; E_P[log r] = −D; E_P[r] = Q(S);
 * log E_P[r]; the Jensen gap log E_P[r] − E_P[log r] and the support gap −log Q(S),
 * which add up to D. In `base`'s unit, except meanRatio (a probability). D, the Jensen
 * gap and −E_P[log r] are ∞ (with the outcomes to blame) when q = 0 < p somewhere.
 */
export function jensenProof(p, q, base = null) {
  checkPair(p, q);
  const on = p.map((pi, i) => i).filter((i) => p[i] > 0);
  const weights = on.map((i) => p[i]);
  const logs = on.map((i) => (q[i] === 0 ? -Infinity : Math.log(q[i]) - Math.log(p[i])));
  const offending = on.filter((i) => q[i] === 0);
  const meanLog = offending.length ? -Infinity : sum(weights.map((w, k) => w * logs[k]));
  const meanRatio = sum(on.map((i) => q[i]));
  const logMean = meanRatio > 0 ? Math.log(meanRatio) : -Infinity;
  const infinite = meanLog === -Infinity;
  const divergence = infinite ? Infinity : Math.max(-meanLog, 0) + 0;
  const jensen = infinite ? Infinity : Math.max(logMean - meanLog, 0);
  const support = logMean < 0 ? -logMean : 0;
  const unit = logBase(base);
  return {
    ratios: logs.map(Math.exp),
    weights,
    meanLogRatio: infinite ? -Infinity : -divergence / unit,
    meanRatio,
    logMeanRatio: logMean / unit,
    jensenGap: jensen / unit,
    supportGap: support / unit,
    divergence: divergence / unit,
    infinite,
    offending,
  };
}

/** dy/dw at node i (kl_ui.live.tables._slope): the slope there of the parabola through
 * it and its two neighbours, or the next two on one side at an end or next to an ∞;
 * null when no such three nodes are finite. */
function tableSlope(w, y, i) {
  for (const [a, b, c] of [[i - 1, i, i + 1], [i, i + 1, i + 2], [i - 2, i - 1, i]]) {
    if (![a, b, c].every((k) => k >= 0 && k < y.length && Number.isFinite(y[k]))) continue;
    const at = w[i];
    return (
      (y[a] * (at - w[b] + (at - w[c]))) / ((w[a] - w[b]) * (w[a] - w[c])) +
      (y[b] * (at - w[a] + (at - w[c]))) / ((w[b] - w[a]) * (w[b] - w[c])) +
      (y[c] * (at - w[a] + (at - w[b]))) / ((w[c] - w[a]) * (w[c] - w[b]))
    );
  }
  return null;
}

/** Where `x` falls in a table's nodes, in the position w they are interpolated in (log x
 * for a table spaced in log: kl_ui.live.tables.position): the nodes' w, the gap i and
 * the position t in it, from 0 to 1. */
function tableGap(table, x) {
  const position = (v) => (table.log ? Math.log(v) : v);
  const w = table.x.map(position);
  const at = position(x);
  let i = 0;
  while (i < w.length - 2 && at >= w[i + 1]) i += 1;
  return { w, i, t: (at - w[i]) / (w[i + 1] - w[i]) };
}

/**
 * The cubic Hermite interpolant (kl_ui.live.tables.interpolate) of `values` at a table's
 * nodes (null for ∞ or −∞: `missing`) at the handle's value `x`; null where a node of
 * its gap, or of a slope, is missing.
 */
export function interpolateSeries(table, values, x, missing = Infinity) {
  const y = values.map((v) => (v === null ? missing : v));
  const { w, i, t } = tableGap(table, x);
  if (!Number.isFinite(y[i]) || !Number.isFinite(y[i + 1])) return null;
  const m0 = tableSlope(w, y, i);
  const m1 = tableSlope(w, y, i + 1);
  if (m0 === null || m1 === null) return null;
  const h = w[i + 1] - w[i];
  return (2 * t ** 3 - 3 * t ** 2 + 1) * y[i] +
    (t ** 3 - 2 * t ** 2 + t) * h * m0 +
    (-2 * t ** 3 + 3 * t ** 2) * y[i + 1] +
    (t ** 3 - t ** 2) * h * m1;
}

/**
 * A divergence between the nodes of a table kl_core filled (kl_ui.live.tables): the
 * interpolant of `table[name]` ("forward", "reverse", or a proof's "divergence",
 * "jensen_gap", "support_gap"; in nats, null for ∞) at the handle's value `x`, never
 * below 0, with the table's error bound for that gap: {value, error} in nats, or null
 * where a node nearby is ∞.
 */
export function interpolateTable(table, name, x) {
  const error = table[`${name}_error`][tableGap(table, x).i];
  const value = interpolateSeries(table, table[name], x);
  if (value === null || error === null) return null;
  return { value: Math.max(value, 0), error };
}

/** D(N(m1, s1²)‖N(m2, s2²)), the closed form of kl_core.closed_forms._gauss. */
export function klNormal(m1, s1, m2, s2, base = null) {
  if (!(s1 > 0 && s2 > 0) || ![m1, s1, m2, s2].every(Number.isFinite)) {
    throw new RangeError("normal parameters must be finite, with scales > 0");
  }
  const ratio = s1 / s2;
  const z = (m1 - m2) / s2;
  return (-Math.log(ratio) + 0.5 * (ratio * ratio + z * z) - 0.5) / logBase(base);
}

/** D(Bernoulli(a)‖Bernoulli(b)), the coin of the home page. */
export function klBernoulli(a, b, base = null) {
  return klDivergence([1 - a, a], [1 - b, b], base);
}

const NOISE = 1e-12; // as kl_ui.numbers.NOISE: smaller magnitudes are rounding noise

/**
 * A number as the app writes it (kl_ui.numbers.format_number): fixed decimals for
 * moderate sizes, scientific otherwise, ∞ for infinity, rounding noise as 0.
 */
export function formatNumber(value, digits = 4) {
  if (Number.isNaN(value)) throw new RangeError("NaN reached the display");
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "−∞";
  if (Math.abs(value) < NOISE) value = 0;
  value += 0; // no "-0.0000"
  if (value !== 0 && !(Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5)) {
    // Python writes at least two exponent digits: 1.235e+06, not 1.235e+6.
    return value.toExponential(digits - 1).replace(/e([+-])(\d)$/, "e$10$2");
  }
  const text = value.toFixed(digits);
  return text.startsWith("-") && Number(text) === 0 ? text.slice(1) : text;
}

/** A divergence or entropy with its unit (kl_ui.numbers.format_value): "0.5108 nats". */
export function formatValue(value, unit, digits = 4) {
  return `${formatNumber(value, digits)} ${unit}`;
}

// Densities of the continuous explorer's slider families, as scipy.stats defines them
// (loc and scale as scipy's: pdf(x) = f((x − loc)/scale)/scale), checked against scipy
// by the Node tests. They draw the curves while a handle moves.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** (k)·log(z), with scipy's value at z = 0: +∞ for k < 0, 0 for k = 0, −∞ for k > 0. */
function power(z, k) {
  if (z === 0) return k < 0 ? Infinity : k === 0 ? 0 : -Infinity;
  return k * Math.log(z);
}

/** log f(z) of each standard family (loc 0, scale 1); −Infinity off its support. */
const STANDARD_LOG_PDF = {
  norm: (z) => -0.5 * z * z - LOG_SQRT_2PI,
  laplace: (z) => -Math.abs(z) - Math.LN2,
  cauchy: (z) => -Math.log(Math.PI * (1 + z * z)),
  expon: (z) => (z >= 0 ? -z : -Infinity),
  uniform: (z) => (z >= 0 && z <= 1 ? 0 : -Infinity),
  t: (z, { df }) =>
    logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((z * z) / df),
  gamma: (z, { a }) => (z >= 0 ? power(z, a - 1) - z - logGamma(a) : -Infinity),
  beta: (z, { a, b }) =>
    z >= 0 && z <= 1
      ? power(z, a - 1) + power(1 - z, b - 1) - (logGamma(a) + logGamma(b) - logGamma(a + b))
      : -Infinity,
  lognorm: (z, { s }) =>
    z > 0 ? -0.5 * (Math.log(z) / s) ** 2 - Math.log(z * s) - LOG_SQRT_2PI : -Infinity,
};

/** The families logPdf knows (the explorer's sliders, and "mixture" of two normals). */
export const DENSITY_FAMILIES = Object.freeze([...Object.keys(STANDARD_LOG_PDF), "mixture"]);

/** log pdf at x of `family` with scipy's parameters (`params` by name). */
export function logPdf(family, params, x) {
  if (family === "mixture") {
    const { w, mu1, s1, mu2, s2 } = params;
    const a = w > 0 ? Math.log(w) + logPdf("norm", { loc: mu1, scale: s1 }, x) : -Infinity;
    const b = w < 1 ? Math.log1p(-w) + logPdf("norm", { loc: mu2, scale: s2 }, x) : -Infinity;
    const top = Math.max(a, b);
    return top === -Infinity ? -Infinity : top + Math.log(Math.exp(a - top) + Math.exp(b - top));
  }
  const standard = STANDARD_LOG_PDF[family];
  if (!standard) throw new RangeError(`no density for family ${family}`);
  const { loc = 0, scale = 1 } = params;
  if (!(scale > 0)) throw new RangeError(`scale must be > 0 (got ${scale})`);
  return standard((x - loc) / scale, params) - Math.log(scale);
}

// Closed forms of the continuous explorer's pairs, as kl_core.closed_forms has them
// (each with its source there), in nats. Each returns null where kl_core has no formula
// for the case (it integrates numerically) or where P's support does not lie inside
// Q's (kl_core says ∞, with a reason the browser does not phrase): the page then keeps
// kl_core's last numbers until the release.

/** ψ(x) for x > 0: recurrence up to 12, then the asymptotic series (error < 1e-15). */
export function digamma(x) {
  let shift = 0;
  while (x < 12) {
    shift -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
  return shift + Math.log(x) - 0.5 / x - series;
}

function gaussKl(m1, s1, m2, s2) {
  const ratio = s1 / s2;
  return -Math.log(ratio) + 0.5 * (ratio * ratio + ((m1 - m2) / s2) ** 2) - 0.5;
}

function gammaKl(a1, t1, a2, t2) {
  return (a1 - a2) * digamma(a1) - logGamma(a1) + logGamma(a2) + a2 * Math.log(t2 / t1) +
    a1 * (t1 / t2 - 1);
}

const logBeta = (a, b) => logGamma(a) + logGamma(b) - logGamma(a + b);

/** [low, high] of a law's support (scipy's loc and scale). */
function support({ family, params: { loc = 0, scale = 1 } }) {
  if (["expon", "gamma", "lognorm"].includes(family)) return [loc, Infinity];
  if (["beta", "uniform"].includes(family)) return [loc, loc + scale];
  return [-Infinity, Infinity];
}

const CLOSED_FORMS = {
  "norm|norm": (p, q) => gaussKl(p.loc, p.scale, q.loc, q.scale),
  "lognorm|lognorm": (p, q) =>
    p.loc === q.loc ? gaussKl(Math.log(p.scale), p.s, Math.log(q.scale), q.s) : null,
  "laplace|laplace": (p, q) => {
    const d = Math.abs(p.loc - q.loc);
    return Math.log(q.scale / p.scale) + d / q.scale + (p.scale / q.scale) * Math.exp(-d / p.scale) - 1;
  },
  "expon|expon": (p, q) => Math.log(q.scale / p.scale) + (p.loc - q.loc + p.scale) / q.scale - 1,
  "gamma|gamma": (p, q) => (p.loc === q.loc ? gammaKl(p.a, p.scale, q.a, q.scale) : null),
  "expon|gamma": (p, q) => (p.loc === q.loc ? gammaKl(1, p.scale, q.a, q.scale) : null),
  "gamma|expon": (p, q) => (p.loc === q.loc ? gammaKl(p.a, p.scale, 1, q.scale) : null),
  "beta|beta": (p, q) => {
    if (p.loc !== q.loc || p.scale !== q.scale) return null;
    return logBeta(q.a, q.b) - logBeta(p.a, p.b) + (p.a - q.a) * digamma(p.a) +
      (p.b - q.b) * digamma(p.b) + (q.a - p.a + q.b - p.b) * digamma(p.a + p.b);
  },
  "uniform|uniform": (p, q) => Math.log(q.scale / p.scale),
  "cauchy|cauchy": (p, q) =>
    Math.log(((p.scale + q.scale) ** 2 + (p.loc - q.loc) ** 2) / (4 * p.scale * q.scale)),
  "laplace|norm": (p, q) => {
    const second = 2 * p.scale * p.scale + (p.loc - q.loc) ** 2;
    return 0.5 * Math.log(2 * Math.PI * q.scale * q.scale) + second / (2 * q.scale * q.scale) -
      1 - Math.log(2 * p.scale);
  },
  "uniform|norm": (p, q) => {
    const second = (p.scale * p.scale) / 12 + (p.loc + p.scale / 2 - q.loc) ** 2;
    return -Math.log(p.scale) + 0.5 * Math.log(2 * Math.PI * q.scale * q.scale) +
      second / (2 * q.scale * q.scale);
  },
  "uniform|laplace": (p, q) => {
    const [a, w, m, b] = [p.loc, p.scale, q.loc, q.scale];
    const high = a + w;
    const meanAbs = a <= m && m <= high
      ? ((m - a) ** 2 + (high - m) ** 2) / (2 * w)
      : Math.abs(a + w / 2 - m);
    return -Math.log(w) + Math.log(2 * b) + meanAbs / b;
  },
  "uniform|expon": (p, q) =>
    -Math.log(p.scale) + Math.log(q.scale) + (p.loc + p.scale / 2 - q.loc) / q.scale,
};

/**
 * D(P‖Q) in nats by a closed form, for laws {family, params by scipy's names}; null
 * where kl_core would not use one (see above).
 */
export function klClosedForm(p, q) {
  const formula = CLOSED_FORMS[`${p.family}|${q.family}`];
  if (!formula) return null;
  const [pLow, pHigh] = support(p);
  const [qLow, qHigh] = support(q);
  if (pLow < qLow || pHigh > qHigh) return null;
  const withDefaults = (law) => ({ loc: 0, scale: 1, ...law.params });
  const value = formula(withDefaults(p), withDefaults(q));
  return value === null || !Number.isFinite(value) ? null : Math.max(value, 0);
}
