// Property: for any input, parseYaml returns — never traps — and yields exactly one of a
// root or errors, with every diagnostic at a real 1-based position. Inputs are random
// byte strings biased toward YAML's indicators, and random mutations and truncations of
// valid documents. Deterministic (fixed seeds), so a failure reproduces.
import { parseYaml, YamlDocument, YamlNode, YamlKind } from "../../../assembly/yaml";

class Rng {
  state: u32;
  constructor(seed: u32) {
    this.state = seed == 0 ? 1 : seed;
  }
  next(): u32 {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    this.state = x;
    return x;
  }
  below(n: i32): i32 {
    return <i32>(this.next() % <u32>n);
  }
}

const ALPHABET = "-?:,[]{}#&*!|>'\"%@` \t\n\n\n\r  \\ab1.0x~e+";

function randomByte(rng: Rng): u8 {
  if (rng.below(10) < 7) return <u8>ALPHABET.charCodeAt(rng.below(ALPHABET.length));
  return <u8>rng.below(256);
}

const CORPUS: string[] = [
  "a: 1\nb: [x, y, {z: 'q'}]\nc:\n  - d\n  - e: f\n    g: |\n      lit\n      eral\n",
  "categories:\n  c1:\n    - regex: \"\\\\b\\\\d{9}\\\\b\"\n    - !internal routing_number\n  c2: { matchers: !internal credit_card, tag: pci }\nendpoints:\n  - matches: \"**\"\n    config: { c1: { action: !redact \"#\" } }\n",
  "{\"a\": [1, 2.5, true, null, \"\\u00e9\"], \"b\": {\"c\": \"d\"}}",
  "---\nk: &a >-\n  folded\n  text\n\nl: *a\n...\n",
  "- 'single ''quoted''\n  folded'\n- \"double \\\n  escaped\"\n- plain\n  multi\n- - nested\n  - seq\n",
  "x: !!str 12\ny: !t\n  - a\nz: |+2\n   keep\n\n",
];

let violations = 0;

/** Checks the parse invariant (counting violations rather than calling expect per node,
 *  which keeps thousands of cases fast); returns the document. */
function check(bytes: Uint8Array): YamlDocument {
  let d = parseYaml(bytes);
  let hasRoot = d.root !== null;
  let hasErrors = d.errors.length > 0;
  let ok = hasRoot != hasErrors;
  let lines = 1;
  for (let i = 0; i < bytes.length; i++) {
    let b = bytes[i];
    if (b == 0x0A || (b == 0x0D && (i + 1 >= bytes.length || bytes[i + 1] != 0x0A))) lines++;
  }
  for (let i = 0; i < d.errors.length; i++) {
    let e = d.errors[i];
    if (!(e.line >= 1 && e.line <= lines && e.column >= 1 && e.column <= bytes.length + 1 && e.message.length > 0)) ok = false;
  }
  for (let i = 0; i < d.warnings.length; i++) {
    let w = d.warnings[i];
    if (!(w.line >= 1 && w.line <= lines && w.column >= 1)) ok = false;
  }
  if (hasRoot && !wellFormed(d.root!, 0)) ok = false;
  if (!ok) {
    if (violations == 0) trace("invariant broken for input of length " + bytes.length.toString() + (hasErrors ? ": " + d.errors[0].toString() : ""));
    violations++;
  }
  return d;
}

/** Every node has a position and mappings have as many values as keys. Aliases share
 *  nodes, so the walk is bounded by nesting depth, not by expansion. */
function wellFormed(node: YamlNode, depth: i32): bool {
  if (depth > 200 || node.line < 1 || node.column < 1) return false;
  if (node.kind == YamlKind.Sequence) {
    for (let i = 0; i < node.items.length; i++) if (!wellFormed(node.items[i], depth + 1)) return false;
  } else if (node.kind == YamlKind.Mapping) {
    if (node.keys.length != node.values.length) return false;
    for (let i = 0; i < node.keys.length; i++) {
      if (!wellFormed(node.keys[i], depth + 1) || !wellFormed(node.values[i], depth + 1)) return false;
    }
  }
  return true;
}

function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

function insert(bytes: Array<u8>, at: i32, what: Array<u8>): Array<u8> {
  return bytes.slice(0, at).concat(what).concat(bytes.slice(at));
}

function mutate(rng: Rng, src: Uint8Array): Uint8Array {
  let bytes = new Array<u8>();
  for (let i = 0; i < src.length; i++) bytes.push(src[i]);
  let ops = 1 + rng.below(4);
  for (let k = 0; k < ops; k++) {
    let n = bytes.length;
    let op = rng.below(6);
    let p = n == 0 ? 0 : rng.below(n);
    if (op == 0) {
      bytes = insert(bytes, p, [randomByte(rng)]);
    } else if (op == 1 && n > 0) {
      bytes.splice(p, 1 + rng.below(4));
    } else if (op == 2 && n > 0) {
      bytes[p] = randomByte(rng);
    } else if (op == 3) {
      bytes.length = p; // truncation
    } else if (op == 4 && n > 0) {
      // duplicate a slice (repeats structure: indentation, keys, brackets)
      let len = 1 + rng.below(16);
      let end = p + len < n ? p + len : n;
      let at = rng.below(n + 1);
      bytes = insert(bytes, at, bytes.slice(p, end));
    } else if (n > 0) {
      bytes[p] = <u8>rng.below(256);
    }
  }
  let out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes[i];
  return out;
}

describe("fuzz", () => {
  it("the corpus itself parses", () => {
    for (let i = 0; i < CORPUS.length; i++) {
      let d = parseYaml(utf8(CORPUS[i]));
      if (!d.ok()) trace("corpus " + i.toString() + ": " + d.errors[0].toString());
      expect(d.ok()).toBe(true);
    }
  });

  it("random byte strings never trap", () => {
    let rng = new Rng(0x9E3779B9);
    for (let c = 0; c < 3000; c++) {
      let len = rng.below(64);
      let bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = randomByte(rng);
      check(bytes);
    }
    expect(violations).toBe(0);
  });

  it("mutated and truncated documents never trap", () => {
    let rng = new Rng(12345);
    let sources = new Array<Uint8Array>();
    for (let i = 0; i < CORPUS.length; i++) sources.push(utf8(CORPUS[i]));
    let okCount = 0;
    for (let c = 0; c < 3000; c++) {
      let src = sources[rng.below(sources.length)];
      let d = check(mutate(rng, src));
      if (d.ok()) okCount++;
    }
    expect(violations).toBe(0);
    // Both outcomes occur: mutations are neither all fatal nor all harmless.
    expect(okCount).toBeGreaterThan(100);
    expect(okCount).toBeLessThan(2900);
  });

  it("every truncation of every corpus document is handled", () => {
    for (let i = 0; i < CORPUS.length; i++) {
      let full = utf8(CORPUS[i]);
      for (let n = 0; n <= full.length; n++) check(full.subarray(0, n));
    }
    expect(violations).toBe(0);
  });
});

describe("size", () => {
  it("parses large documents (many entries, long lines)", () => {
    let parts = new Array<string>();
    for (let i = 0; i < 5000; i++) parts.push("key" + i.toString() + ": [\"v\", " + i.toString() + "]");
    let d = parseYaml(utf8(parts.join("\n")));
    expect(d.ok()).toBe(true);
    expect(d.root!.keys.length).toBe(5000);
    expect(d.root!.get("key4999")!.items[1].intValue).toBe(4999);
    // One 100 KB line of JSON: positions must stay cheap to compute.
    let items = new Array<string>();
    for (let i = 0; i < 10000; i++) items.push("{\"k\":" + i.toString() + "}");
    let j = parseYaml(utf8("[" + items.join(",") + "]"));
    expect(j.ok()).toBe(true);
    // Item i starts after '[' and the items before it, each `{"k":i},` (8 to 11 bytes).
    expect(j.root!.items[9999].column).toBe(2 + 10 * 8 + 90 * 9 + 900 * 10 + 8999 * 11);
  });
});
