// Body parser benchmark (`npx tsx bench/parsers.ts`): MB/s of the streaming JSON parser over
// ../shared/data/json/*.json (skipped if absent) and a generated 16 MB document, fed in 16 KiB
// chunks to a sink that only counts; a bare byte loop over the same bytes and chunks runs in
// the same process as the reference. Median and best of --runs (default 7) after a warm-up: on a
// shared machine the best run is the one least disturbed by other work.
// Options: --runs=5 --chunk=16384 --size=16
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ParsersHarness, Kind } from "../tests/parsers/harness.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (k: string, d: string): string => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const RUNS = Number(arg("runs", "7"));
const CHUNK = Number(arg("chunk", "16384"));
const GEN_MB = Number(arg("size", "16"));

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
const best = (xs: number[]): number => Math.max(...xs);

/** MB/s of fn over `bytes`, repeating until one measurement lasts >= 50 ms. */
function rate(fn: () => void, bytes: number): number {
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    const ms = performance.now() - t;
    if (ms >= 50 || reps >= 1 << 14) return (bytes * reps) / 1e6 / (ms / 1000);
    reps *= 2;
  }
}

/** A PII-flavoured API response: records with strings, escapes, numbers, nesting. */
function generate(targetBytes: number): Uint8Array {
  const parts: string[] = ['{"data":['];
  let n = parts[0].length, i = 0;
  while (n < targetBytes) {
    const rec = JSON.stringify({
      id: i, name: `User ${i} \u00e9\u4e2d`, email: `user${i}@example.com`, phone: "+1 (555) 010-" + String(i % 10000).padStart(4, "0"),
      ssn: `${100 + (i % 800)}-12-${String(i % 10000).padStart(4, "0")}`, balance: (i * 13.37) % 100000, active: i % 3 === 0, tags: ["a", "b\n\"c\"", null],
      address: { street: `${i} Main St`, city: "Springfield", geo: { lat: 39.78 + i / 1e6, lng: -89.65 } }, note: "lorem ipsum dolor sit amet ".repeat(1 + (i % 4)),
    });
    const s = (i ? "," : "") + rec;
    parts.push(s); n += s.length; i++;
  }
  parts.push("]}");
  return new TextEncoder().encode(parts.join(""));
}

const h = await ParsersHarness.load();
const inputs: Array<{ name: string; bytes: Uint8Array }> = [];
const dataDir = join(root, "..", "shared", "data", "json");
if (existsSync(dataDir)) {
  for (const f of readdirSync(dataDir).filter((f) => f.endsWith(".json")).sort()) inputs.push({ name: f, bytes: readFileSync(join(dataDir, f)) });
} else {
  console.log(`(${dataDir} not found: shared corpora skipped)`);
}
inputs.push({ name: `generated ${GEN_MB} MB`, bytes: generate(GEN_MB * 1e6) });

console.log(`JSON parser, ${CHUNK}-byte chunks, ${RUNS} runs`);
console.log("| input | size | contexts | parser MB/s median / best | byte loop MB/s median / best | parser / loop (best) | ns per context (best) |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
h.benchUse(Kind.Json);
for (const { name, bytes } of inputs) {
  h.setInput(bytes);
  const contexts = h.benchRun(bytes.length, CHUNK);
  const bad = h.benchMalformed() ? " (malformed!)" : "";
  rate(() => h.benchRun(bytes.length, CHUNK), bytes.length); // warm-up
  rate(() => h.byteLoop(bytes.length, CHUNK), bytes.length);
  const pr: number[] = [], lr: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    pr.push(rate(() => h.benchRun(bytes.length, CHUNK), bytes.length));
    lr.push(rate(() => h.byteLoop(bytes.length, CHUNK), bytes.length));
  }
  const size = bytes.length >= 1e6 ? `${(bytes.length / 1e6).toFixed(1)} MB` : `${(bytes.length / 1e3).toFixed(0)} KB`;
  const nsPerContext = (bytes.length / (best(pr) * 1e6)) * 1e9 / contexts;
  console.log(`| ${name}${bad} | ${size} | ${contexts} | ${median(pr).toFixed(0)} / ${best(pr).toFixed(0)} | ${median(lr).toFixed(0)} / ${best(lr).toFixed(0)} | ${(best(pr) / best(lr)).toFixed(2)} | ${nsPerContext.toFixed(0)} |`);
}
