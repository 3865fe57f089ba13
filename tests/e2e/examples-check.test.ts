// The examples are what users copy, so each one must pass `leakscope check` without an error
// or a warning: Envoy configs, Istio manifests, the Compose demo and the policy library.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { checkFile, formatReport } from "../../src/check/check.ts";

const examples = ["envoy", "istio", "docker-compose", "policies"].flatMap((dir) =>
  readdirSync(new URL(`../../examples/${dir}/`, import.meta.url))
    .filter((f) => f.endsWith(".yaml") && f !== "docker-compose.yaml")
    .map((f) => `examples/${dir}/${f}`));

test("there are examples of every kind", () => {
  for (const dir of ["envoy", "istio", "docker-compose", "policies"]) assert.ok(examples.some((f) => f.startsWith(`examples/${dir}/`)), dir);
});

for (const file of examples) {
  test(`${file} loads cleanly in the filter`, async () => {
    const reports = await checkFile(file, readFileSync(file, "utf8"));
    assert.ok(reports.length > 0);
    for (const r of reports) {
      assert.equal(r.ok, true, formatReport(r));
      assert.deepEqual(r.findings, [], formatReport(r));
    }
  });
}
