// The default policy's whole pattern set (bench/regex-policy.mts collects it) in one automaton, on
// PII-dense HTML and JSON, against the PikeVM reference per pattern: with the filter's cache (4 MiB)
// and with caches small enough to force combined-only and full clears. (Before commit 7a8204c,
// 4 MiB thrashed and a clear produced wrong e-mail matches on the HTML corpus.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { RegexHarness } from "./harness.ts";
import { defaultPolicyPatterns } from "../../bench/regex-policy.mts";
import { piiHtml, piiJson } from "../../bench/regex-corpora.ts";

const h = await RegexHarness.load();
const specs = defaultPolicyPatterns();
const enc = new TextEncoder();

for (const [name, text] of [["PII-dense HTML", piiHtml(65536)], ["PII-dense JSON", piiJson(32768)]] as const) {
  test(`default policy set on ${name}: exact vs the PikeVM with 4 MiB, 700 KB and 300 KB caches`, () => {
    const bytes = enc.encode(text);
    const want: string[][] = [];
    h.compile(specs);
    h.setInput(bytes);
    for (let i = 0; i < specs.length; i++) want.push(h.reference(i, bytes.length)!.map(([s, e]) => `${s},${e}`));
    const splits: number[] = [];
    for (let a = 16384; a < bytes.length; a += 16384) splits.push(a);
    for (const cacheBytes of [4 << 20, 700000, 300000]) {
      assert.deepEqual(h.compile(specs, { cacheBytes }), []);
      h.setInput(bytes);
      const got = h.scan(bytes.length, splits);
      for (let i = 0; i < specs.length; i++) {
        const mine = got.filter((m) => m.pattern === i).map((m) => `${m.start},${m.end}`);
        assert.deepEqual(mine, want[i], `pattern ${i} (${specs[i].source.slice(0, 50)}), cache ${cacheBytes}, clears ${h.stats().clears}`);
      }
      if (cacheBytes < 1 << 20) assert.ok(h.stats().clears > 0, "the small cache must have been cleared");
    }
  });
}
