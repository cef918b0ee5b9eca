// The discrete explorer's bar editing (bars.js setProbability): a dragged bar takes
// its value, the others keep their proportions, and every bar stays on the 1/1000 grid
// with a sum of exactly 1 (so that the URL stays short and the fields stay valid).

import { test } from "node:test";
import assert from "node:assert/strict";

import { setProbability } from "../bars.js";

const sum = (values) => values.reduce((a, b) => a + b, 0);
const onGrid = (values) => values.every((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9);

test("the dragged bar takes its value and the others keep their proportions", () => {
  const after = setProbability([0.5, 0.3, 0.2, 0.0], 0, 0.2);
  assert.equal(after[0], 0.2);
  assert.deepEqual(after, [0.2, 0.48, 0.32, 0]);
  assert.equal(Math.round(sum(after) * 1000), 1000);
});

test("bars that were all zero share what is left equally", () => {
  assert.deepEqual(setProbability([1, 0, 0], 0, 0.4), [0.4, 0.3, 0.3]);
});

test("random edits stay on the grid and sum to one", () => {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let round = 0; round < 500; round++) {
    const size = 2 + Math.floor(random() * 20);
    let values = Array.from({ length: size }, random);
    const total = sum(values);
    values = values.map((v) => v / total);
    const i = Math.floor(random() * size);
    const target = Math.round(random() * 100) / 100;
    const after = setProbability(values, i, target);
    assert.equal(after.length, size);
    assert.ok(onGrid(after), JSON.stringify(after));
    assert.equal(Math.round(sum(after) * 1000), 1000);
    assert.ok(Math.abs(sum(after) - 1) < 1e-12);
    assert.equal(after[i], target);
    assert.ok(after.every((v) => v >= 0 && v <= 1));
  }
});

test("values outside [0, 1] are clipped", () => {
  assert.deepEqual(setProbability([0.5, 0.5], 1, 1.7), [0, 1]);
  assert.deepEqual(setProbability([0.5, 0.5], 1, -0.2), [1, 0]);
});
