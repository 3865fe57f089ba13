// Brotli benchmark (`npx tsx bench/brotli.ts`): our streaming decoder (build/harness/codec-harness.wasm,
// fed in 16 KiB chunks, output counted) against Node's zlib.brotliDecompressSync (the reference C
// decoder) on the same bytes in the same run. MB/s of decompressed output, median of >= 5 runs
// after a warm-up. Corpora: ../shared/data/json/*.json (skipped when absent) and generated text,
// JSON and random bytes, each compressed at qualities 5 and 11 (window 22, the encoder default).
// Options: --runs=5 --chunk=16384 --qualities=5,11
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { CodecHarness } from "../tests/codec/harness.ts";
import { Rng, genBody } from "../tests/codec/gen.ts";

const FORMAT_BROTLI = 4; // harness-only format number (assembly/codec/harness.ts)
const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (k: string, d: string): string => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;
const RUNS = Number(arg("runs", "5"));
const CHUNK = Number(arg("chunk", "16384"));
const QUALITIES = arg("qualities", "5,11").split(",").map(Number);

const corpora: Array<{ name: string; body: Uint8Array }> = [];
const jsonDir = join(root, "..", "shared", "data", "json");
if (existsSync(jsonDir)) {
  for (const f of readdirSync(jsonDir).filter((f) => f.endsWith(".json")).sort()) corpora.push({ name: f, body: readFileSync(join(jsonDir, f)) });
} else {
  console.log(`(${jsonDir} absent: JSON corpora skipped)`);
}
{
  const r = new Rng(1);
  const words = Array.from({ length: 2000 }, () => Array.from({ length: 2 + r.int(9) }, () => String.fromCharCode(97 + r.int(26))).join(""));
  let s = "";
  while (s.length < 4 << 20) s += words[Math.floor(Math.pow(r.next() / 4294967296, 3) * words.length)] + (r.chance(0.08) ? ".\n" : " ");
  corpora.push({ name: "generated text 4 MiB", body: Buffer.from(s) });
  corpora.push({ name: "generated JSON 4 MiB", body: genBody(new Rng(2), 4 << 20).map((b) => b) });
  const rnd = new Uint8Array(2 << 20);
  for (let i = 0; i < rnd.length; i++) rnd[i] = r.int(256);
  corpora.push({ name: "random bytes 2 MiB", body: rnd });
}

const h = await CodecHarness.load();

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
function mbps(bytes: number, ms: number): number { return bytes / (1 << 20) / (ms / 1000); }

function ours(data: Uint8Array, expect: number): number {
  h.create(FORMAT_BROTLI, -1, false);
  const t = performance.now();
  for (let at = 0; at < data.length; at += CHUNK) h.feed(at, Math.min(CHUNK, data.length - at), at + CHUNK >= data.length);
  const ms = performance.now() - t;
  const res = h.result();
  if (res.error || h.outputCount() !== expect) throw new Error(`our brotli decoder failed: ${res.error} (${h.outputCount()} of ${expect} bytes)`);
  return ms;
}

const rows: string[] = ["| corpus | raw size | quality | br size | ours MB/s | zlib MB/s | ours/zlib |", "|---|---:|---:|---:|---:|---:|---:|"];
for (const c of corpora) {
  for (const quality of QUALITIES) {
    const br = new Uint8Array(zlib.brotliCompressSync(c.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: c.body.length } }));
    h.setInput(br);
    ours(br, c.body.length);
    zlib.brotliDecompressSync(br);
    const a: number[] = [], b: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(mbps(c.body.length, ours(br, c.body.length)));
      const t = performance.now();
      zlib.brotliDecompressSync(br);
      b.push(mbps(c.body.length, performance.now() - t));
    }
    const mo = median(a), mz = median(b);
    rows.push(`| ${c.name} | ${(c.body.length / 1024).toFixed(0)} KiB | ${quality} | ${(br.length / 1024).toFixed(0)} KiB | ${mo.toFixed(0)} | ${mz.toFixed(0)} | ${(mo / mz).toFixed(2)} |`);
  }
}
// Per-body cost on small bodies (a decoder reset and reused per body, as the filter does).
const small: string[] = ["| body | quality | br size | ours µs/body | zlib µs/body |", "|---|---:|---:|---:|---:|"];
for (const size of [1024, 16384]) {
  for (const quality of QUALITIES) {
    const body = genBody(new Rng(3), size);
    const br = new Uint8Array(zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality } }));
    h.setInput(br);
    h.create(FORMAT_BROTLI, -1, false);
    const reps = 10000 * 1024 / size;
    const a: number[] = [], b: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      for (let i = 0; i < reps; i++) { h.reset(); h.feed(0, br.length, true); }
      a.push((performance.now() - t) * 1000 / reps);
      t = performance.now();
      for (let i = 0; i < reps; i++) zlib.brotliDecompressSync(br);
      b.push((performance.now() - t) * 1000 / reps);
    }
    if (h.outputCount() !== size) throw new Error("small body: wrong output size");
    small.push(`| JSON-like ${size / 1024} KiB | ${quality} | ${br.length} B | ${median(a).toFixed(2)} | ${median(b).toFixed(2)} |`);
  }
}

console.log(`brotli benchmark: chunk ${CHUNK} B, median of ${RUNS} runs, node ${process.version}`);
console.log(rows.join("\n"));
console.log();
console.log(small.join("\n"));
