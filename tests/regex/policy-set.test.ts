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

test("a set whose alphabet exceeds 256 symbols (byte classes + word-lead twins + DECODE) keeps Unicode \\b exact", () => {
  const pats: Array<{ source: string; kind: number }> = [];
  for (let b = 0x21; b < 0x7f; b++) pats.push({ source: String.fromCharCode(b) + "x", kind: 1 });
  for (let cp = 0x80; cp < 0x800; cp += 0x40) pats.push({ source: String.fromCodePoint(cp + ((cp >> 6) % 64)) + "y", kind: 1 });
  for (let cp = 0x1000; cp < 0x10000; cp += 0x1000) if (cp < 0xd800 || cp > 0xdfff) pats.push({ source: String.fromCodePoint(cp + 0x41) + "z", kind: 1 });
  pats.push({ source: "\\b\\w+\\b", kind: 0 }, { source: "\\b[a-z]{2}\\b", kind: 0 });
  assert.deepEqual(h.compile(pats), []);
  assert.ok((h as any).ex.alphabetSize(0) > 256);
  const pieces = ["ab", " ", "é", "日本", "Ωx", "-", "ax", "\u0101y", "ĀĂy", "\u1041z", "zz", ",", "ΩΩ", "\n", "9", "é-ab"];
  let seed = 7;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let round = 0; round < 20; round++) {
    let text = "";
    for (let i = 0; i < 200; i++) text += pieces[rnd(pieces.length)];
    const bytes = enc.encode(text);
    h.setInput(bytes);
    const got = h.scan(bytes.length, [rnd(bytes.length), rnd(bytes.length)]);
    for (let i = 0; i < pats.length; i++) {
      const want = h.reference(i, bytes.length)!.map(([s, e]) => `${s},${e}`);
      const mine = got.filter((m) => m.pattern === i).map((m) => `${m.start},${m.end}`);
      assert.deepEqual(mine, want, `pattern ${i} (${pats[i].source}) on ${JSON.stringify(text.slice(0, 80))}`);
    }
  }
});

test("match starts next to non-ASCII characters under a Unicode \\b come from the reverse DFA (no PikeVM fallback) and stay exact", () => {
  const pats = ["\\b\\w+\\b", "\\B\\w{2}\\B", "\\b[a-zé]+@\\w+\\b", "(?-u:\\b)x+\\b", "\\b.{1,3}\\b", "[^ ]\\b", "\\b\\W+", "\\w\\B\\W"].map((source) => ({ source, kind: 0 }));
  assert.deepEqual(h.compile(pats), []);
  const pieces = [enc.encode("ab"), enc.encode(" "), enc.encode("é"), enc.encode("日本"), enc.encode("Ωx"), enc.encode("-"), enc.encode("x@"), enc.encode("ß@é"),
    enc.encode("\u2028"), enc.encode("٣"), Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xe6, 0x97), Uint8Array.of(0x80), enc.encode("\u{1F600}"), enc.encode("9")];
  let seed = 11;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  let fallbacks = 0;
  for (let round = 0; round < 40; round++) {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 120; i++) parts.push(pieces[rnd(pieces.length)]);
    const bytes = Buffer.concat(parts);
    h.setInput(bytes);
    const got = h.scan(bytes.length, [rnd(bytes.length), rnd(bytes.length)]);
    fallbacks += (h as any).ex.statReverseFallbacks();
    for (let i = 0; i < pats.length; i++) {
      const want = h.reference(i, bytes.length)!.map(([s, e]) => `${s},${e}`);
      const mine = got.filter((m) => m.pattern === i).map((m) => `${m.start},${m.end}`);
      assert.deepEqual(mine, want, `pattern ${i} (${pats[i].source}) on ${bytes.toString("hex").slice(0, 120)}`);
    }
  }
  assert.equal(fallbacks, 0, "reverse searches handed to the PikeVM");
});

test("scanWhole (one call per context, scanned in place) finds exactly what reset + feed + end of input finds", () => {
  assert.deepEqual(h.compile(specs), []);
  const bytes = enc.encode(piiJson(24576) + "José Zoë café 123-45-6789 ");
  h.setInput(bytes);
  let seed = 5;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  let contexts = 0, matches = 0;
  for (let at = 0; at < bytes.length; contexts++) {
    const len = Math.min(bytes.length - at, rnd(4) === 0 ? rnd(400) : rnd(40));
    // the reference: the same context as its own stream through feed()
    const ctx = bytes.slice(at, at + len);
    const whole = h.scanWhole(at, len).map((m) => `${m.pattern}:${m.start},${m.end}`);
    h.setInput(ctx);
    const fed = h.scan(len, len > 1 ? [rnd(len)] : []).map((m) => `${m.pattern}:${m.start},${m.end}`);
    h.setInput(bytes);
    assert.deepEqual(whole, fed, `context at ${at} (${len} bytes): ${JSON.stringify(new TextDecoder().decode(ctx))}`);
    matches += whole.length;
    at += Math.max(len, 1);
  }
  assert.ok(contexts > 100 && matches > 50, `${contexts} contexts, ${matches} matches`);
});

test("bounded lanes (anchored runs per candidate start) equal the PikeVM on digit-dense text, split anywhere", () => {
  const pats = [
    // LeakSignal's credit_card.3 and shapes like it: alternations of long counted runs
    "(?:4[0-9]{12}(?:[0-9]{3})?|[25][1-7][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})",
    "\\b(?:1[0-9]{9}|2[0-9]{10}|3[0-9]{8})\\b",
    "(?m)^(?:[0-9]{8}|[a-z]{8}|é[0-9]{7})",
    "(?:x?[0-9]{9}|[0-9]{10}y|[0-9]{3}-[0-9]{8})",
  ].map((source) => ({ source, kind: 0 }));
  assert.deepEqual(h.compile([...pats, { source: "\\d{3}-\\d{2}", kind: 0 }]), []);
  const ex = (h as any).ex;
  let bounded = 0;
  for (let l = 0; l < ex.lanes(); l++) if (ex.laneBounded(l) > 0) bounded++;
  assert.equal(bounded, pats.length, "each alternation of long counted runs gets a bounded lane");
  const pieces = ["4", "5", "6", "3", "0", "1", "2", "9", "-", " ", "\n", "y", "x", "é", "abcdefgh", "4111111111111111", "1800", "3530"];
  let seed = 3;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  let matches = 0;
  for (let round = 0; round < 60; round++) {
    let text = "";
    for (let i = 0; i < 300; i++) text += pieces[rnd(pieces.length)];
    const bytes = enc.encode(text);
    h.setInput(bytes);
    const splits = Array.from({ length: rnd(6) }, () => rnd(bytes.length));
    const got = h.scan(bytes.length, splits);
    const whole = h.scanWhole(0, bytes.length);
    for (let i = 0; i <= pats.length; i++) {
      const want = h.reference(i, bytes.length)!.map(([s, e]) => `${s},${e}`);
      const mine = got.filter((m) => m.pattern === i).map((m) => `${m.start},${m.end}`);
      assert.deepEqual(mine, want, `pattern ${i} on ${JSON.stringify(text.slice(0, 120))}, splits ${splits}`);
      assert.deepEqual(whole.filter((m) => m.pattern === i).map((m) => `${m.start},${m.end}`), want, `scanWhole, pattern ${i}`);
      matches += want.length;
    }
  }
  assert.ok(matches > 500, `${matches} matches`);
});

test("minMatchBytes is the shortest match any pattern of the set can have (scanWhole skips shorter contexts)", () => {
  const ex = (h as any).ex;
  const min = (sources: string[]): number => { assert.deepEqual(h.compile(sources.map((source) => ({ source, kind: 0 }))), []); return ex.minMatchBytes(); };
  assert.equal(min(["\\d{3}-\\d{2}"]), 6);
  assert.equal(min(["\\d{3}-\\d{2}", "ab|c"]), 1);
  assert.equal(min(["é{2}", "\\bxyz\\b"]), 3);
  assert.equal(min(["é{2}"]), 4);
  assert.equal(min(["x*", "abc"]), 0);
  assert.equal(min(["(?=a)abc", "defg"]), 0, "a tier-2 core opens its gate even on an empty match");
  assert.equal(min(["[^a]{2}"]), 2, "invalid UTF-8 bytes count one each");
  // and a context one byte shorter than the shortest match of a real set finds nothing, as the scan would
  assert.equal(min(["\\b\\d{3}-\\d{2}-\\d{4}\\b", "secret_key"]), 10);
  h.setInput(enc.encode("123-45-678"));
  assert.deepEqual(h.scanWhole(0, 10), []);
  h.setInput(enc.encode("secret_key"));
  assert.deepEqual(h.scanWhole(0, 10).map((m) => [m.pattern, m.start, m.end]), [[1, 0, 10]]);
});

test("bounded lanes, property: random alternations of long counted runs equal the PikeVM for random texts and splits", () => {
  let seed = 17;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const atoms = ["[0-9]", "[a-c]", "\\d", "[0-9a-f]", "x", "[^ ]", "\\w", "é", "."];
  const looks = ["", "", "\\b", "^", "(?m)^", "\\B"];
  const ex = (h as any).ex;
  let bounded = 0, matches = 0;
  for (let round = 0; round < 60; round++) {
    // an alternation of >= 3 branches, two of them long counted runs: the bounded-lane shape
    const branches: string[] = [];
    const n = 3 + rnd(3);
    for (let b = 0; b < n; b++) {
      const lead = rnd(3) === 0 ? String.fromCharCode(0x31 + rnd(5)) : "";
      const lo = b < 2 ? 8 + rnd(6) : rnd(4), hi = lo + rnd(4);
      branches.push(`${lead}${atoms[rnd(atoms.length)]}{${lo},${hi}}${rnd(4) === 0 ? "[-.]?" : ""}`);
    }
    const source = `${looks[rnd(looks.length)]}(?:${branches.join("|")})${rnd(3) === 0 ? "\\b" : ""}`;
    assert.deepEqual(h.compile([{ source, kind: 0 }, { source: "ab", kind: 0 }]), [], source);
    let lanes = 0;
    for (let l = 0; l < ex.lanes(); l++) if (ex.laneBounded(l) > 0) lanes++;
    bounded += lanes;
    const pieces = ["1", "2", "3", "0", "9", "a", "b", "c", "f", "x", " ", "-", ".", "\n", "é", "日", "ab", "12345678", "\u00ff"];
    let text = "";
    for (let i = 0; i < 200 + rnd(200); i++) text += pieces[rnd(pieces.length)];
    const bytes = enc.encode(text);
    h.setInput(bytes);
    const want = h.reference(0, bytes.length)!.map(([s, e]) => `${s},${e}`);
    const splits = Array.from({ length: rnd(5) }, () => rnd(bytes.length));
    const got = h.scan(bytes.length, splits).filter((m) => m.pattern === 0).map((m) => `${m.start},${m.end}`);
    assert.deepEqual(got, want, `${source} on ${JSON.stringify(text.slice(0, 100))}, splits ${splits}`);
    assert.deepEqual(h.scanWhole(0, bytes.length).filter((m) => m.pattern === 0).map((m) => `${m.start},${m.end}`), want, `scanWhole: ${source}`);
    matches += want.length;
  }
  assert.ok(bounded >= 50, `${bounded} of 60 sets had a bounded lane`);
  assert.ok(matches > 100, `${matches} matches`);
});

test("a lane is left out of whole contexts shorter than its shortest match, and runs from exactly that length", () => {
  assert.deepEqual(h.compile(specs), []);
  const aws = specs.findIndex((s) => s.source === "\\b[A-Za-z0-9/+]{40}\\b");
  assert.ok(aws >= 0, "the default policy has the aws_secret_access_key pattern");
  const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  for (const text of [key, key.slice(1), `"${key}"`, `${key}x`]) {
    const bytes = enc.encode(text);
    h.setInput(bytes);
    const whole = h.scanWhole(0, bytes.length).filter((m) => m.pattern === aws).map((m) => `${m.start},${m.end}`);
    const fed = h.scan(bytes.length).filter((m) => m.pattern === aws).map((m) => `${m.start},${m.end}`);
    assert.deepEqual(whole, fed, text);
    assert.equal(whole.length, text === key || text === `"${key}"` ? 1 : 0, text);
  }
});
