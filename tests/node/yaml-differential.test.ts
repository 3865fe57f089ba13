// Differential property test of our YAML parser (assembly/yaml, through
// build/yaml-harness.wasm) against the `yaml` package (YAML 1.2, core schema), plus a
// mutation fuzz larger than the as-pect one. Deterministic seeds; YAML_SEED overrides.
//
// Compared: generated valid documents (block and flow collections nested in each other,
// plain/single/double-quoted/literal scalars, escapes, comments, numbers, booleans, nulls)
// must give the same tree. Our dialect differs from the core schema in one documented
// way that the comparison accounts for: true/false in any case are booleans (spec §2.1).
import { test } from "node:test";
import assert from "node:assert/strict";
import YAML from "yaml";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { YamlHarness } from "./yaml-harness.ts";
import { Rng } from "../support/rng.ts";

const h = await YamlHarness.load();
const SEED = Number(process.env.YAML_SEED ?? 20261122);
const enc = new TextEncoder();


const WORDS = ["a", "foo", "bar baz", "x-y", "0042", "12", "-3", "1.5", "1e3", "true", "False", "TRUE", "null", "~", "yes", "on",
  "http://x.y/z", "a#b", "we:ird", "é", "日本", ".inf", "-.inf", ".nan", "0x1F", "0o17", "+5", "a  b", "k=v", "%x", "@x", "x@y", "- x",
  "a: b", "#c", "'q'", "\"dq\"", "", " lead", "trail ", "multi\nline", "tab\there", "back\\slash", "\\d+", "[x]", "{y}", "a,b", "!t",
  "&a", "*b", "|", ">", "?", ":", "-", "--- x", "...", "😀", "\\b\\d{9}\\b"];

type Value = string | Value[] | Map<string, Value>;

function plainOk(s: string, flow: boolean): boolean {
  if (s === "" || /^\s|\s$/.test(s) || /[\n\t]/.test(s)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s,[\]{}]/.test(s)) return false;
  if (/: |:$| #/.test(s)) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  if (/^(---|\.\.\.)/.test(s)) return false;
  return true;
}

function doubleQuoted(r: Rng, s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += r.pick(["\\n", "\\x0a", "\\u000A"]);
    else if (ch === "\t") out += r.pick(["\\t", "\t"]);
    else if (c > 127 && r.int(2) === 0) out += c > 0xffff ? "\\U" + c.toString(16).padStart(8, "0") : "\\u" + c.toString(16).padStart(4, "0");
    else if (ch === "/" && r.int(2) === 0) out += "\\/";
    else out += ch;
  }
  return out + '"';
}

function scalar(r: Rng, s: string, flow: boolean): string {
  if (s.includes("\n") || s.includes("\t")) return doubleQuoted(r, s);
  const k = r.int(4);
  if (k < 2 && plainOk(s, flow)) return s;
  if (k < 3) return "'" + s.replace(/'/g, "''") + "'";
  return doubleQuoted(r, s);
}

function genValue(r: Rng, depth: number): Value {
  const k = r.next();
  if (depth > 3 || k < 0.5) return r.pick(WORDS);
  const n = r.int(4);
  if (k < 0.75) return Array.from({ length: n }, () => genValue(r, depth + 1));
  const m = new Map<string, Value>();
  for (let i = 0; i < n; i++) m.set(r.pick(WORDS.filter((w) => w !== "" && w !== "null" && w !== "~" && !w.includes("\n"))), genValue(r, depth + 1));
  return m;
}

// Flow continuation lines are indented past any enclosing block (YAML requires it).
const FLOW_BREAK = "\n" + " ".repeat(40);

function flow(r: Rng, v: Value): string {
  if (typeof v === "string") return scalar(r, v, true);
  if (Array.isArray(v)) return "[" + v.map((x) => flow(r, x)).join(r.pick([", ", ",", " ," + FLOW_BREAK])) + (v.length && r.int(5) === 0 ? "," : "") + "]";
  return "{" + [...v].map(([k, x]) => scalar(r, k, true) + ": " + flow(r, x)).join(r.pick([", ", "," + FLOW_BREAK])) + "}";
}

function block(r: Rng, v: Value, indent: number, ctx: "top" | "map" | "seq"): string {
  const pad = " ".repeat(Math.max(indent, 0));
  if (typeof v === "string" || r.int(7) === 0) {
    if (typeof v === "string" && v.length && !/^[ \t]/.test(v) && !/[ \t]$/.test(v) && !v.includes("\t") && r.int(5) === 0) {
      const body = v.split("\n").map((l) => (l === "" ? "" : pad + "  " + l)).join("\n");
      return " |-" + r.pick(["", "  # header comment"]) + "\n" + body;
    }
    return " " + (typeof v === "string" ? scalar(r, v, false) : flow(r, v)) + r.pick(["", "", "  # comment"]);
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return " []";
    const at = ctx === "map" && r.int(2) === 0 ? indent : indent + 2;
    return "\n" + v.map((x) => " ".repeat(at) + "-" + block(r, x, at, "seq")).join("\n");
  }
  if (v.size === 0) return " {}";
  const at = indent + 2;
  return "\n" + [...v].map(([k, x]) => " ".repeat(at) + scalar(r, k, false) + ":" + block(r, x, at, "map")).join("\n");
}

function render(r: Rng, v: Value): string {
  const body = r.int(4) === 0 ? flow(r, v) : block(r, v, -2, "top").slice(1);
  return r.pick(["", "---\n", "# leading comment\n"]) + body + r.pick(["", "\n", "\n# trailing\n", "\n...\n"]);
}

/** The `yaml` package's reading in our harness's JSON shape. */
function reference(src: string): string {
  const doc = YAML.parseDocument(src, { schema: "core", uniqueKeys: false, strict: true });
  if (doc.errors.length) return "ERR " + doc.errors[0].message;
  const conv = (n: unknown): unknown => {
    if (n == null) return null;
    if (YAML.isAlias(n)) return conv(n.resolve(doc));
    if (YAML.isScalar(n)) {
      // Spec §2.1: only true/false, in any case, are booleans.
      if (n.type === "PLAIN" && typeof n.source === "string" && /^(true|false)$/i.test(n.source)) return /^true$/i.test(n.source);
      const v = n.value;
      if (typeof v === "number" && !Number.isFinite(v)) return Number.isNaN(v) ? ".nan" : v > 0 ? ".inf" : "-.inf";
      return v;
    }
    if (YAML.isSeq(n)) return n.items.map(conv);
    if (YAML.isMap(n)) {
      const entries = n.items.map((p) => [YAML.isScalar(p.key) ? (p.key.type === "PLAIN" ? p.key.source : String(p.key.value)) : "?", conv(p.value)] as [string, unknown]);
      // Spec §2.1: on a duplicate key the last entry wins (and the earlier one is dropped).
      return { m: entries.filter(([k], i) => k === "?" || !entries.slice(i + 1).some(([k2]) => k2 === k)) };
    }
    return "?";
  };
  return JSON.stringify(conv(doc.contents));
}

function ours(src: string | Uint8Array): string {
  const out = h.parse(typeof src === "string" ? enc.encode(src) : src);
  return out.startsWith("ERR") || out === "NOROOT" ? out : JSON.stringify(JSON.parse(out));
}

test("generated documents parse to the same tree as the yaml package (3000 documents)", () => {
  const r = new Rng(SEED);
  for (let i = 0; i < 3000; i++) {
    const src = render(r, genValue(r, 0));
    const want = reference(src);
    assert.ok(!want.startsWith("ERR"), `generator produced invalid YAML: ${JSON.stringify(src)}: ${want}`);
    assert.equal(ours(src), want, `document ${i}: ${JSON.stringify(src)}`);
  }
});

test("the same values as the yaml package for hand-picked constructs", () => {
  const cases = [
    "a: plain\n  continued\n\n  para\nb: 1",
    "k: >\n  folded\n  line\n\n   more\n   indented\n  back\n",
    "k: |+\n  keep\n\n\nn: 1",
    "k: |2\n   two extra\n  base\n",
    "k: |\n  no final newline",
    "[a: 1, b]",
    "{a: 1, b: , c}",
    "a: &x 1\nb: *x",
    "a:\n- 1\n- 2\nb: 3",
    "- - - a\n    - b\n  - c\n- d",
    "a: \"esc\\\n   aped\\ttab\"",
    "\"\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\e\\0\\a\\b\\v\\f\\r\\ \"",
    "a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 'f\r\n  g'\r\n",
    "a: -1\nb: +1\nc: 0o17\nd: 0x1f\ne: .5\nf: 1.\ng: 1e3\nh: -.INF\ni: .NaN\nj: 1_000",
    "{\"json\": [1, 2.5, \"x\", true, false, null, {\"n\": -0}]}",
    "url: http://a:8080/x?y=1#frag",
    "\ufeffa: 1",
  ];
  for (const src of cases) assert.equal(ours(src), reference(src), JSON.stringify(src));
});

test("every single-document YAML file under examples/ parses to the same tree as the yaml package", () => {
  const root = fileURLToPath(new URL("../../examples", import.meta.url));
  const files: string[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.ya?ml$/.test(name)) files.push(path);
    }
  };
  visit(root);
  let compared = 0;
  for (const file of files) {
    const src = readFileSync(file, "utf8");
    if (YAML.parseAllDocuments(src).length !== 1) continue; // we parse one document (spec §2.1)
    assert.equal(ours(src), reference(src), file);
    compared++;
  }
  assert.ok(compared > 0, "no example YAML files found");
});

test("duplicate keys: the last wins, with a warning at the duplicate", () => {
  assert.equal(ours("a: 1\nb: 2\na: 3"), JSON.stringify({ m: [["b", 2], ["a", 3]] }));
  assert.deepEqual(h.warnings(enc.encode("a: 1\nb: 2\na: 3")), ["3:1: duplicate key 'a' (first defined at 1:1): the last one wins"]);
});

test("mutation fuzz: 20000 mutated documents never trap and give a root or an error", () => {
  const r = new Rng(SEED ^ 0x5bd1e995);
  const corpus = Array.from({ length: 24 }, () => enc.encode(render(r, genValue(r, 0))));
  const alphabet = enc.encode("-?:,[]{}#&*!|>'\"%@` \t\n\n\r  \\ab1.0x~e+|>-+129");
  let ok = 0;
  for (let c = 0; c < 20000; c++) {
    const b = Array.from(corpus[r.int(corpus.length)]);
    for (let k = 1 + r.int(5); k > 0; k--) {
      const p = r.int(b.length + 1);
      switch (r.int(6)) {
        case 0: b.splice(p, 0, alphabet[r.int(alphabet.length)]); break;
        case 1: b.splice(p, 1 + r.int(8)); break;
        case 2: b[p] = alphabet[r.int(alphabet.length)]; break;
        case 3: b.length = p; break;
        case 4: b.splice(r.int(b.length + 1), 0, ...b.slice(p, p + 1 + r.int(40))); break;
        default: b[p] = r.int(256);
      }
    }
    const bytes = Uint8Array.from(b, (x) => x & 255);
    const out = h.parse(bytes); // a trap throws here and fails the test
    assert.notEqual(out, "NOROOT", `no root and no error for ${JSON.stringify(Buffer.from(bytes).toString("latin1"))}`);
    if (!out.startsWith("ERR")) ok++;
    else assert.match(out, /^ERR \d+:\d+: \S/);
  }
  assert.ok(ok > 500 && ok < 19500, `mutations should give both outcomes (ok=${ok})`);
});
