// Every rule of the ruleset library, run through the real module with `leakscope scan`'s
// scanner: each positive example is found with exactly its expected span, each negative
// example produces nothing in that category.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Scanner } from "../../src/scan/scan.ts";
import { policyToJson } from "../../src/policy/yaml-model.ts";
import { LIBRARY_CASES } from "./library-cases.ts";

// Categories whose entry reports under another name (config key ≠ category).
const EMITTED_AS: Record<string, string> = { password_field: "password_value" };

const scanners: Scanner[] = [];
after(() => { for (const s of scanners) s.close(); });

for (const [file, categories] of Object.entries(LIBRARY_CASES)) {
  test(`${file}: every category has cases`, () => {
    const policy = policyToJson(readFileSync(new URL(`../../examples/policies/${file}`, import.meta.url), "utf8")).value as { categories: Record<string, unknown> };
    assert.deepEqual(Object.keys(categories).sort(), Object.keys(policy.categories).sort());
  });

  test(`${file}: positives match exactly, negatives do not`, async () => {
    const policy = readFileSync(new URL(`../../examples/policies/${file}`, import.meta.url), "utf8");
    const scanner = await Scanner.open(`local_policy: ${JSON.stringify(policy)}\n`);
    scanners.push(scanner);
    let id = 0;
    for (const [categoryName, cases] of Object.entries(categories)) {
      const category = EMITTED_AS[categoryName] ?? categoryName;
      const contentType = cases.contentType ?? "text/plain";
      for (const [text, expected] of cases.positive) {
        const body = Buffer.from(text);
        const { matches } = await scanner.scan({ id: String(id++), direction: "response", path: "/", authority: "t", headers: [], contentType, body });
        const spans = matches.filter((m) => m.category === category).map((m) => body.subarray(m.offset, m.offset + m.length).toString());
        assert.deepEqual(spans, [expected], `${category}: positive ${JSON.stringify(text)}`);
      }
      for (const text of cases.negative) {
        const { matches } = await scanner.scan({ id: String(id++), direction: "response", path: "/", authority: "t", headers: [], contentType, body: Buffer.from(text) });
        assert.deepEqual(matches.filter((m) => m.category === category).map((m) => m.value), [], `${category}: negative ${JSON.stringify(text)}`);
      }
    }
  });
}
