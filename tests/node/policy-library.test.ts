// The ruleset library in examples/policies: default.yaml must be the combination of the
// library files, and combining must refuse what would silently change meaning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { combinePolicies, renderDefaultPolicy } from "../../src/policy/combine.ts";

const dir = new URL("../../examples/policies/", import.meta.url);

test("default.yaml is up to date with the library (run `npm run policies:default`)", () => {
  assert.equal(readFileSync(new URL("default.yaml", dir), "utf8"), renderDefaultPolicy(dir));
});

test("a file's top-level report style moves onto its own endpoints only", () => {
  const combined = combinePolicies([
    { name: "a.yaml", source: "report_style: sha256\ncategories: { a: [x] }\nendpoints: [ { config: { a: {} } } ]\n" },
    { name: "b.yaml", source: "categories: { b: [y] }\nendpoints: { config: { b: {} } }\n" },
  ]);
  assert.deepEqual(combined, {
    categories: { a: ["x"], b: ["y"] },
    endpoints: [{ config: { a: {} }, report_style: "sha256" }, { config: { b: {} } }],
  });
});

test("combining refuses a category defined twice and keys it cannot place", () => {
  assert.throws(() => combinePolicies([
    { name: "a.yaml", source: "categories: { a: [x] }" },
    { name: "b.yaml", source: "categories: { a: [y] }" },
  ]), /b\.yaml: category 'a' is already defined/);
  assert.throws(() => combinePolicies([{ name: "c.yaml", source: "sbac: []" }]), /c\.yaml: top-level 'sbac' cannot be combined/);
});
