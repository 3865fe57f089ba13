// Regex engine benchmark (`npm run bench:regex`): the LeakSignal example pattern set over generated
// corpora and ../shared/data/json/*.json; our multi-pattern scanner vs V8 RegExp (one global regex
// per pattern), median MB/s of >= 5 runs after a warm-up, match counts side by side.
// Options: --sizes=1K,64K,1M,16M  --runs=5  --chunk=16384
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RegexHarness } from "../tests/regex/harness.ts";
import { piiJson, piiHtml, cleanJson } from "./regex-corpora.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const shared = join(root, "..", "shared", "data");
const arg = (k: string, d: string): string => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const SIZES = arg("sizes", "1K,64K,1M,16M").split(",");
const RUNS = Number(arg("runs", "5"));
const CHUNK = Number(arg("chunk", "16384"));

interface Pat { id: string; kind: string; source: string }
const pats: Pat[] = readFileSync(join(shared, "leaksignal-example-patterns.tsv"), "utf8").split("\n")
  .filter((l) => l.trim() && !l.startsWith("#")).map((l) => { const [id, kind, source] = l.split("\t"); return { id, kind, source }; });

// Rust syntax -> JS: inline leading flags become RegExp flags; a '-' right after a class range is
// escaped (an error under /u). \d, \s, \b stay ASCII in JS: equal on these corpora (no non-ASCII
// digits or spaces; non-ASCII letters next to a \b are rare — counted differences are reported).
function toJs(p: Pat): RegExp {
  if (p.kind === "literal") return new RegExp(p.source.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gu");
  let src = p.source, flags = "gu";
  const m = /^\(\?([a-z]+)\)/.exec(src);
  if (m) { src = src.slice(m[0].length); if (m[1].includes("i")) flags += "i"; }
  src = src.replace(/(\w-\w)-(\.)/g, "$1\\-$2");
  return new RegExp(src, flags);
}

function parseSize(s: string): number { const n = parseFloat(s); return s.endsWith("M") ? n << 20 : s.endsWith("K") ? n << 10 : n; }

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
const h = await RegexHarness.load();
const specs = pats.map((p) => ({ source: p.source, kind: p.kind === "literal" ? 1 : 0 }));
let t0 = performance.now();
let errs = h.compile(specs);
const compileColdMs = performance.now() - t0; // includes V8 compiling the wasm functions on first use
const warm: number[] = [];
for (let i = 0; i < 5; i++) { t0 = performance.now(); errs = h.compile(specs); warm.push(performance.now() - t0); }
const compileMs = median(warm);
if (errs.length) { console.error(errs); process.exit(1); }
const jsRes = pats.map(toJs);


function timeIt(fn: () => void, bytes: number): number {
  // repeat small inputs so one measurement lasts >= 20 ms
  let reps = 1, ms = 0;
  while (true) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    ms = performance.now() - t;
    if (ms >= 20 || reps >= 1 << 16) break;
    reps *= 4;
  }
  return (bytes * reps) / (1 << 20) / (ms / 1000);
}

const rows: string[] = [];
function bench(name: string, text: string): void {
  const bytes = new TextEncoder().encode(text);
  h.setInput(bytes);
  // counts
  const ours = new Array(pats.length).fill(0);
  h.compile(specs); // fresh scanner stats
  for (const m of (h.scan(bytes.length, chunkSplits(bytes.length)), h.readMatches())) ours[m.pattern]++;
  const v8 = jsRes.map((re) => { let n = 0; for (const m of text.matchAll(re)) if (m[0].length) n++; return n; });
  // timing
  const oursRate: number[] = [], v8Rate: number[] = [];
  timeIt(() => h.scanCount(bytes.length, CHUNK), bytes.length); // warm-up
  timeIt(() => { for (const re of jsRes) for (const _ of text.matchAll(re)); }, bytes.length);
  for (let r = 0; r < RUNS; r++) {
    oursRate.push(timeIt(() => h.scanCount(bytes.length, CHUNK), bytes.length));
    v8Rate.push(timeIt(() => { for (const re of jsRes) { re.lastIndex = 0; for (const _ of text.matchAll(re)); } }, bytes.length));
  }
  const o = median(oursRate), v = median(v8Rate);
  const diff = pats.map((p, i) => (ours[i] !== v8[i] ? `${p.id}:${ours[i]}/${v8[i]}` : "")).filter(Boolean);
  const total = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const st = h.stats();
  const row = `| ${name} | ${fmtSize(bytes.length)} | ${o.toFixed(1)} | ${v.toFixed(1)} | ${(o / v).toFixed(1)}x | ${total(ours)} / ${total(v8)} | ${diff.join(" ") || "="} | ${st.states} | ${(st.cacheBytes / 1024).toFixed(0)} KiB |`;
  rows.push(row);
  console.log(row);
}

function chunkSplits(len: number): number[] { const s: number[] = []; for (let a = CHUNK; a < len; a += CHUNK) s.push(a); return s; }
function fmtSize(n: number): string { return n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(n % (1 << 20) ? 1 : 0)} MB` : `${(n / 1024).toFixed(0)} KB`; }

console.log(`patterns: ${pats.length} (${pats.map((p) => p.id).join(", ")}); compile ${compileMs.toFixed(1)} ms (first, cold: ${compileColdMs.toFixed(1)} ms); lanes ${(h as any).ex.lanes()}; chunk ${CHUNK} B; median of ${RUNS} runs after warm-up; node ${process.version}`);
console.log("| corpus | size | ours MB/s | V8 MB/s | ratio | matches ours / V8 | per-pattern differences (ours/V8) | DFA states | cache |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const size of SIZES) {
  const n = parseSize(size);
  bench("PII-dense JSON", piiJson(n));
  bench("PII-dense HTML", piiHtml(n));
  bench("clean JSON", cleanJson(n));
}
const jsonDir = join(shared, "json");
if (existsSync(jsonDir)) for (const f of readdirSync(jsonDir).filter((f) => f.endsWith(".json")).sort()) bench(f, readFileSync(join(jsonDir, f), "utf8"));
else console.log(`(skipping ${jsonDir}: not present)`);
