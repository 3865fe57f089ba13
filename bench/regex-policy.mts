// The default policy's automaton alone: every positive pattern of examples/policies/default.yaml
// (regex, raw, raw_insensitive, correlate secondaries, internal candidates, exploit_detection's
// 29 hash shapes and 11 default error signatures), compiled into one set with the filter's limits
// (cacheBytes 4 MiB, windowBytes 16 KiB), scanned as whole bodies (16 KiB chunks) and as JSON-like
// contexts (reset every CTX bytes, as the filter does per key/value: "contexts" = reset + feed +
// end-of-input feed, "whole" = one Scanner.scanWhole call per context, the path for a context that
// arrives in one piece).
//   npx tsx bench/regex-policy.mts [--sizes=64K,1M] [--runs=5] [--ctx=16]
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { RegexHarness } from "../tests/regex/harness.ts";
import { piiJson, piiHtml, cleanJson } from "./regex-corpora.ts";
import { HASH_PATTERNS } from "../assembly/matchers/internal/hash-patterns.ts";
import { ERROR_TEXT_PATTERNS } from "../assembly/matchers/internal/error-text-patterns.ts";

const arg = (k: string, d: string): string => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const SIZES = arg("sizes", "64K,1M").split(",");
const RUNS = Number(arg("runs", "5"));
const CTX = Number(arg("ctx", "16"));

// Internal candidate patterns (assembly/matching/internal-candidates.ts; sources in assembly/matchers/internal/).
const INTERNAL: Record<string, string[]> = {
  credit_card: ["[0-9](?:[ -]?[0-9]){12,18}"],
  routing_number: ["[0-9]{9}"],
  int_phone: ["\\+[0-9](?:[ ().-]{0,2}[0-9]){7,14}"],
  sql: ["(?i)\\b(?:select|insert|update|delete|drop|truncate|alter|create|grant)\\b"],
};

export function defaultPolicyPatterns(): Array<{ source: string; kind: number }> {
  const doc = parseYaml(readFileSync(new URL("../examples/policies/default.yaml", import.meta.url), "utf8"));
  const out: Array<{ source: string; kind: number }> = [];
  const walk = (v: any, key: string): void => {
    if (key === "and" || key === "except" || key === "except_regex") return;
    if (Array.isArray(v)) { for (const x of v) walk(x, key); return; }
    if (v && typeof v === "object") { for (const [k, x] of Object.entries(v)) walk(x, k); return; }
    if (typeof v !== "string") return;
    if (key === "regex") out.push({ source: v, kind: 0 });
    else if (key === "raw") out.push({ source: v, kind: 1 });
    else if (key === "raw_insensitive") out.push({ source: v, kind: 2 });
    else if (key === "internal") for (const s of INTERNAL[v] ?? []) out.push({ source: s, kind: 0 });
  };
  walk(doc.categories, "");
  if (JSON.stringify(doc).includes('"exploit_detection"')) {
    for (const s of HASH_PATTERNS) out.push({ source: s, kind: 0 });
    for (const s of ERROR_TEXT_PATTERNS.slice(0, 11)) out.push({ source: s, kind: 0 });
  }
  return out;
}

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
function parseSize(s: string): number { const n = parseFloat(s); return s.endsWith("M") ? n << 20 : s.endsWith("K") ? n << 10 : n; }
function rate(fn: () => void, bytes: number): number {
  let reps = 1, ms = 0;
  while (true) { const t = performance.now(); for (let i = 0; i < reps; i++) fn(); ms = performance.now() - t; if (ms >= 20 || reps >= 1 << 14) break; reps *= 4; }
  return (bytes * reps) / (1 << 20) / (ms / 1000);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
async function main(): Promise<void> {
const h = await RegexHarness.load();
const specs = defaultPolicyPatterns();
const opts = { cacheBytes: 4 << 20, windowBytes: 16 << 10 };
let t0 = performance.now();
let errs = h.compile(specs, opts);
const cold = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < 5; i++) { t0 = performance.now(); errs = h.compile(specs, opts); warm.push(performance.now() - t0); }
if (errs.length) { console.error(errs); process.exit(1); }
const ex = (h as any).ex;
console.log(`default policy: ${specs.length} patterns, lanes ${ex.lanes()}, compile ${median(warm).toFixed(1)} ms warm (${cold.toFixed(1)} cold); context mode resets every ${CTX} B`);
console.log("| corpus | size | body MB/s | contexts MB/s | whole contexts MB/s | matches | DFA states | cache | clears |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
for (const size of SIZES) {
  const n = parseSize(size);
  for (const [name, text] of [["PII-dense JSON", piiJson(n)], ["PII-dense HTML", piiHtml(n)], ["clean JSON", cleanJson(n)]] as const) {
    const bytes = new TextEncoder().encode(text);
    h.compile(specs, opts);
    h.setInput(bytes);
    const matches = h.scanCount(bytes.length, 16384);
    const body: number[] = [], ctx: number[] = [], whole: number[] = [];
    rate(() => h.scanCount(bytes.length, 16384), bytes.length);
    for (let r = 0; r < RUNS; r++) {
      body.push(rate(() => h.scanCount(bytes.length, 16384), bytes.length));
      ctx.push(rate(() => ex.benchContexts(bytes.length, CTX), bytes.length));
      whole.push(rate(() => ex.benchContextsWhole(bytes.length, CTX), bytes.length));
    }
    const st = h.stats();
    console.log(`| ${name} | ${size} | ${median(body).toFixed(1)} | ${median(ctx).toFixed(1)} | ${median(whole).toFixed(1)} | ${matches} | ${st.states} | ${(st.cacheBytes / 1024).toFixed(0)} KiB | ${st.clears} |`);
  }
}
}
