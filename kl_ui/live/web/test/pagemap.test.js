// The home page's map of pages (pagemap.js): which clicks it takes over to switch page
// in this tab, and which it leaves to the browser (a new tab or window).

import { test } from "node:test";
import assert from "node:assert/strict";

import { plainClick } from "../pagemap.js";

const click = (changes = {}) => ({
  button: 0,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  ...changes,
});

test("a plain click with the main button switches page in this tab", () => {
  assert.equal(plainClick(click()), true);
});

test("a modified or middle click is left to the browser", () => {
  for (const changes of [
    { ctrlKey: true },
    { metaKey: true },
    { shiftKey: true },
    { altKey: true },
    { button: 1 },
    { button: 2 },
  ]) {
    assert.equal(plainClick(click(changes)), false, JSON.stringify(changes));
  }
});
