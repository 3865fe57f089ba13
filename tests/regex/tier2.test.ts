// Tier 2 (lookaround, backreferences, atomic groups): bounded backtracker gated by the tier-1 core.
// Differential against V8 (which has lookaround and backreferences) on generated patterns, chunked.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RegexHarness } from "./harness.ts";
import { Rng, genPattern, genHaystack, jsMatches } from "./gen.ts";

const enc = new TextEncoder();
const h = await RegexHarness.load();

test("tier 2 agrees with V8 on generated lookaround/backreference patterns (chunked input)", () => {
  const r = new Rng(99);
  let pairs = 0;
  for (let i = 0; i < 300; i++) {
    const a = genPattern(r, 1, false), b = genPattern(r, 1, false);
    const forms: Array<[string, string]> = [
      [`(?=${a.rust})${b.rust}`, `(?=${a.js})${b.js}`],
      [`${b.rust}(?!${a.rust})`, `${b.js}(?!${a.js})`],
      [`(?<=${a.rust})${b.rust}`, `(?<=${a.js})${b.js}`],
      [`(?<!${a.rust})${b.rust}`, `(?<!${a.js})${b.js}`],
      [`(${a.rust})${b.rust}\\1`, `(${a.js})${b.js}\\1`],
    ];
    const [rs, js] = forms[r.int(forms.length)];
    const re = new RegExp(js, /&&|--/.test(js) ? "gv" : "gu");
    assert.deepEqual(h.compile([{ source: rs }]), [], rs);
    for (let k = 0; k < 4; k++) {
      const hay = genHaystack(r, 30);
      const bytes = enc.encode(hay);
      h.setInput(bytes);
      const cut = bytes.length > 2 ? [1 + r.int(bytes.length - 1)] : [];
      const got = h.scan(bytes.length, cut).map((m) => [m.start, m.end]);
      assert.deepEqual(got, jsMatches(re, hay), `${rs} (js /${js}/) on ${JSON.stringify(hay)}`);
      // the one-call path for a whole context (Scanner.scanWhole) opens the same tier-2 gates
      assert.deepEqual(h.scanWhole(0, bytes.length).map((m) => [m.start, m.end]), got, `scanWhole: ${rs} on ${JSON.stringify(hay)}`);
      pairs++;
    }
  }
  assert.ok(pairs >= 1000);
});

test("LeakSignal-style SSN rule with negative lookaheads, next to tier-1 patterns", () => {
  const ssn = "\\b(?!000|666|9\\d{2})\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b";
  assert.deepEqual(h.compile([{ source: "\\d{3}" }, { source: ssn }, { source: "(?>a+)b" }]), []);
  const text = "ok 123-45-6789, bad 000-12-3456 666-12-3456 912-34-5678 123-00-4567 123-45-0000, ok 234-56-7890 aaab";
  const bytes = enc.encode(text);
  h.setInput(bytes);
  const ms = h.scan(bytes.length, [20, 50]);
  const ssns = ms.filter((m) => m.pattern === 1).map((m) => text.slice(m.start, m.end));
  assert.deepEqual(ssns, ["123-45-6789", "234-56-7890"]);
  assert.ok(ms.filter((m) => m.pattern === 0).length > 10);
  assert.deepEqual(ms.filter((m) => m.pattern === 2).map((m) => text.slice(m.start, m.end)), ["aaab"]);
});

test("atomic groups do not give back", () => {
  assert.deepEqual(h.compile([{ source: "(?>a+)ab" }, { source: "(?>a|ab)c" }]), []);
  const bytes = enc.encode("aaab abc ac");
  h.setInput(bytes);
  const ms = h.scan(bytes.length).map((m) => [m.pattern, m.start, m.end]);
  assert.deepEqual(ms, [[1, 9, 11]]);
});

test("running out of the step budget ends the rule for that context, counted, no trap", () => {
  assert.deepEqual(h.compile([{ source: "(?=(a|a)*c)a" }, { source: "x" }]), []);
  const bytes = enc.encode("a".repeat(40) + "x");
  h.setInput(bytes);
  const ms = h.scan(bytes.length);
  assert.deepEqual(ms.map((m) => m.pattern), [1]);
  // the core (a) matched, so the backtracker ran: (a|a)* before a missing 'c' is exponential
  assert.equal(h.budgetExhausted(), 1);
});
