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
