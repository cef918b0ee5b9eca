// The proof page's continuous live view (sliders.js VIEWS["jensen-density"]): its
// readout and its picture, from kl_core's proof tables (fixtures from kl_core), agree
// with each other and, at the table's nodes, with kl_core itself.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { VIEWS } from "../sliders.js";

const fixtures = JSON.parse(readFileSync(new URL("./fixtures.json", import.meta.url)));
const view = VIEWS["jensen-density"];
const SERVER = ["D(P‖Q)", "Jensen gap", "support gap"].map((label) => ({ label, text: "kl_core" }));

/** The view's model with the table's handle at its first node, and the values once it
 * has moved to `x`. */
function moved(c, x) {
  const name = c.table.handle;
  const model = { unit: "nats", at: { [name]: c.table.x[0] }, tables: { [name]: c.table } };
  return [model, { [name]: x }];
}

test("at the table's nodes the picture is kl_core's proof there", () => {
  let nodes = 0;
  for (const c of fixtures.proof_tables) {
    c.table.x.forEach((x, k) => {
      if (k === 0 || c.table.divergence[k] === null) return; // not moved; or ∞
      const [model, values] = moved(c, x);
      const picture = view.picture(model, values);
      if (picture === null) return; // an ∞ next to it: nothing to interpolate
      const what = `${c.p} ‖ ${c.q}, ${c.table.handle} = ${x}`;
      assert.ok(Math.abs(picture.meanLogRatio + c.table.divergence[k]) < 1e-9, what);
      assert.ok(Math.abs(picture.logMeanRatio + c.table.support_gap[k]) < 1e-9, what);
      c.table.log_ratios[k].forEach((log, i) => {
        const expected = log === null ? 0 : Math.exp(log);
        assert.ok(Math.abs(picture.ratios[i] - expected) <= 1e-9 * Math.max(1, expected), what);
      });
      nodes += 1;
    });
  }
  assert.ok(nodes >= 60, `${nodes} nodes checked`);
});

test("between nodes the readout's D is the picture's, and the picture keeps its shape", () => {
  let checked = 0;
  for (const c of fixtures.proof_tables) {
    for (const point of c.points) {
      const [model, values] = moved(c, point.x);
      const picture = view.picture(model, values);
      const [divergence] = view.readout(model, values, SERVER);
      if (picture === null || divergence.pending) continue;
      const what = `${c.p} ‖ ${c.q}, ${c.table.handle} = ${point.x}`;
      const shown = Number(divergence.text.replace("≈ ", "").split(" ")[0]);
      const digits = (divergence.text.split(" ")[1].split(".")[1] ?? "").length;
      assert.ok(Math.abs(-picture.meanLogRatio - shown) <= 0.5 * 10 ** -digits + 1e-12, what);
      assert.equal(picture.ratios.length, 24, what);
      assert.ok(picture.ratios.every((r) => Number.isFinite(r) && r >= 0), what);
      assert.ok(picture.meanRatio >= 0 && picture.meanRatio <= 1, what);
      // Jensen's inequality holds in the picture: the centre lies below the curve.
      assert.ok(picture.meanLogRatio <= picture.logMeanRatio + 1e-12, what);
      checked += 1;
    }
  }
  assert.ok(checked >= 300, `${checked} positions checked`);
});

test("the sweep's handle shows its point with the sweep's decimals, one width throughout", () => {
  // As kl_ui.live.sweep sends them: the points, and kl_ui.numbers.shared_decimals of them.
  const model = { values: [-0.6, -0.3, 0, 0.3, 1, 1.2], decimals: 1 };
  const shown = model.values.map((_, i) => VIEWS.sweep.shown(model, i));
  assert.deepEqual(shown, ["-0.6", "-0.3", "0.0", "0.3", "1.0", "1.2"]);
  assert.deepEqual(shown.map(Number), model.values);
});
