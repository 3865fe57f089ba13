// Differential property test: our engine (build/regex-harness.wasm, multi-pattern scanner fed in
// random chunks) against V8's RegExp with the `v` flag, and against our own PikeVM reference.
// Also chunk-split invariance at every split point, and linear-time checks by counting work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RegexHarness, Match } from "./harness.ts";
import { Rng, genPattern, genHaystack, jsMatches } from "./gen.ts";

const enc = new TextEncoder();
const h = await RegexHarness.load();
const SEED = Number(process.env.REGEX_SEED ?? 20261122);

function byPattern(ms: Match[], n: number): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  for (const m of ms) out[m.pattern].push([m.start, m.end]);
  return out;
}

function randomSplits(r: Rng, len: number): number[] {
  const k = r.int(4);
  const s: number[] = [];
  for (let i = 0; i < k; i++) s.push(1 + r.int(Math.max(1, len - 1)));
  return s;
}

test("differential vs V8 RegExp (u/v flags): >= 10,000 (pattern, haystack) pairs, multi-pattern sets, random chunk splits", () => {
  const r = new Rng(SEED);
  let pairs = 0, matchesSeen = 0;
  for (let set = 0; set < 420; set++) {
    const ci = r.int(5) == 0;
    const gens = Array.from({ length: 5 }, () => genPattern(r, 0, ci));
    const errs = h.compile(gens.map((g) => ({ source: (ci ? "(?i)" : "") + g.rust })));
    assert.deepEqual(errs, [], `compile ${gens.map((g) => g.rust).join("  ")}`);
    // `v` only where its syntax is needed (set operators): Node 20's V8 mis-handles some v-flag
    // patterns, e.g. /(?:[^a-c1]\p{White_Space}){2,}?/gv finds nothing where /u finds a match
    const res = gens.map((g) => new RegExp(g.js, (ci ? "gi" : "g") + (/&&|--/.test(g.js) ? "v" : "u")));
    for (let k = 0; k < 5; k++) {
      const hay = genHaystack(r, 40);
      const bytes = enc.encode(hay);
      h.setInput(bytes);
      const got = byPattern(h.scan(bytes.length, randomSplits(r, bytes.length)), gens.length);
      for (let p = 0; p < gens.length; p++) {
        const want = jsMatches(res[p], hay);
        matchesSeen += want.length;
        assert.deepEqual(got[p], want, `pattern ${JSON.stringify((ci ? "(?i)" : "") + gens[p].rust)} (js /${gens[p].js}/) haystack ${JSON.stringify(hay)}`);
        pairs++;
      }
    }
  }
  assert.ok(pairs >= 10000, `pairs ${pairs}`);
  assert.ok(matchesSeen > 2000, `matches ${matchesSeen}`);
});

test("multi-pattern scanner agrees with the PikeVM reference, including Unicode \\b and invalid UTF-8", () => {
  const r = new Rng(SEED + 1);
  const extra = ["\\b\\w+\\b", "\\B.", "\\bж", "é\\b", "[^a]+", ".{2}", "\\W", "(?m)^.+$", "(?R)(?m)^\\w*$"];
  for (let set = 0; set < 60; set++) {
    const pats = [r.pick(extra), genPattern(r, 0, false).rust, r.pick(extra)];
    assert.deepEqual(h.compile(pats.map((source) => ({ source }))), []);
    for (let k = 0; k < 5; k++) {
      let bytes: Uint8Array = enc.encode(genHaystack(r, 30));
      if (k >= 3) { // sprinkle invalid UTF-8
        const b = Array.from(bytes);
        for (let j = 0; j < 3; j++) b.splice(r.int(b.length + 1), 0, r.pick([0x80, 0xbf, 0xc3, 0xe2, 0x82, 0xff, 0xf0, 0x9f, 0xed, 0xa0]));
        bytes = Uint8Array.from(b);
      }
      h.setInput(bytes);
      const got = byPattern(h.scan(bytes.length, randomSplits(r, bytes.length)), pats.length);
      for (let p = 0; p < pats.length; p++) {
        assert.deepEqual(got[p], h.reference(p, bytes.length), `pattern ${JSON.stringify(pats[p])} bytes ${Array.from(bytes).map((x) => x.toString(16)).join(" ")}`);
      }
    }
  }
});

test("chunk-split invariance at every split point", () => {
  const r = new Rng(SEED + 2);
  for (let c = 0; c < 40; c++) {
    const pats = [genPattern(r, 0, false).rust, genPattern(r, 0, false).rust, "\\d{3}[ .-]\\d{2}", "(?i)é+"];
    assert.deepEqual(h.compile(pats.map((source) => ({ source }))), []);
    const bytes = enc.encode(genHaystack(r, 60));
    h.setInput(bytes);
    const whole = JSON.stringify(h.scan(bytes.length));
    for (let k = 1; k < bytes.length; k++) assert.equal(JSON.stringify(h.scan(bytes.length, [k])), whole, `split ${k} pats ${JSON.stringify(pats)}`);
    // and one byte at a time
    assert.equal(JSON.stringify(h.scan(bytes.length, Array.from({ length: bytes.length }, (_, i) => i))), whole);
  }
});

test("linear time on adversarial inputs, by counting automaton work", () => {
  const cases: Array<[string, (n: number) => string]> = [
    ["(a|aa)*b", (n) => "a".repeat(n)],
    ["(x+x+)+y", (n) => "x".repeat(n)],
    ["\\d{1,100}", (n) => "7".repeat(n)],
    ["(?:\\d{1,100}-)+", (n) => "12345-".repeat(n / 6)],
    [".*x", (n) => ("y".repeat(999) + "\n").repeat(n / 1000)],
    ["[a-q][^u-z]{13}x", (n) => "abcdefghijklmnop".repeat(n / 16)],
  ];
  for (const [pat, mk] of cases) {
    assert.deepEqual(h.compile([{ source: pat }]), []);
    const work = (n: number): number => {
      const bytes = enc.encode(mk(n));
      h.setInput(bytes);
      h.scan(bytes.length, [bytes.length >> 1]);
      const s = h.stats();
      return bytes.length + s.slowPaths + s.rescanned + s.reverseSteps;
    };
    const w1 = work(20000), w4 = work(80000);
    assert.ok(w4 <= w1 * 4.5, `${pat}: work ${w1} -> ${w4} for 4x input`);
  }
});

test("a full cache is cleared and rebuilt without changing results; clears are counted", () => {
  const r = new Rng(SEED + 3);
  const pats = ["\\b\\d{3}[ .-]\\d{2}[ .-]\\d{4}\\b", "\\d{16}", "[a-zA-Z0-9_.+-]{2,}@[a-zA-Z0-9-]{3,}\\.[a-zA-Z0-9-.]{2,}", "(?i)[a-zé]+ (street|rue)", "first_name",
    "(?:4[0-9]{12}(?:[0-9]{3})?|[25][1-7][0-9]{14}|3[47][0-9]{13})"]; // the last one runs in a lane of its own
  let text = "";
  for (let i = 0; i < 400; i++) text += r.pick(["john.doe@mail.com ", "123-45-6789 ", "4111111111111111 ", "12 Rue ", "first_name", "é", " x "]) + genHaystack(r, 6);
  const bytes = enc.encode(text);
  h.setInput(bytes);
  assert.deepEqual(h.compile(pats.map((source) => ({ source }))), []);
  const big = h.scan(bytes.length, [1000, 5000]);
  assert.deepEqual(h.compile(pats.map((source) => ({ source })), { cacheBytes: 32 << 10 }), []);
  const small = h.scan(bytes.length, [1000, 5000]);
  assert.ok(h.stats().clears > 0, "the small cache should have been cleared");
  const key = (m: Match): string => `${m.pattern}:${m.start}:${m.end}`;
  assert.deepEqual(small.map(key).sort(), big.map(key).sort());
  assert.ok(big.length > 100);
  assert.ok(big.some((m) => m.pattern === 5));
  // and agrees with the PikeVM, pattern by pattern
  const got = byPattern(big, pats.length);
  for (let p = 0; p < pats.length; p++) assert.deepEqual(got[p], h.reference(p, bytes.length), pats[p]);
});

test("a match longer than the retained window is reported with its start clamped and flagged", () => {
  assert.deepEqual(h.compile([{ source: "<[a-z ]+>" }, { source: "q" }], { windowBytes: 64 }), []);
  const text = "xx<" + "ab ".repeat(100) + ">q<short>";
  const bytes = enc.encode(text);
  h.setInput(bytes);
  const ms = h.scan(bytes.length, [100, 200, 300]);
  const long = ms.find((m) => m.pattern === 0 && m.end === 304)!;
  assert.ok(long && long.truncated && long.start > 2, JSON.stringify(ms));
  assert.ok(ms.some((m) => m.pattern === 0 && !m.truncated && text.slice(m.start, m.end) === "<short>"));
  assert.ok(ms.some((m) => m.pattern === 1 && m.start === 304));
});

test("a pending match whose end leaves the window is still reported (clamped, flagged), no trap", () => {
  // "a" matches at once but the pattern keeps extending (looking for "b") far past the window
  assert.deepEqual(h.compile([{ source: "a(?:x*b)?" }], { windowBytes: 64 }), []);
  const text = "a" + "x".repeat(5000) + " a";
  const bytes = enc.encode(text);
  h.setInput(bytes);
  const ms = h.scan(bytes.length, [100, 1000, 3000]);
  assert.equal(ms.length, 2, JSON.stringify(ms));
  assert.equal(ms[0].end, 1);
  assert.equal(ms[1].start, 5002);
});
