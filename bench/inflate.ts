// Inflate benchmark (`npx tsx bench/inflate.ts`): our streaming decoder (build/codec-harness.wasm,
// gzip fed in 16 KiB chunks, output counted, CRC-32 checked) against Node's zlib.gunzipSync on the
// same bytes in the same run. MB/s of decompressed output, median of >= 5 runs after a warm-up.
// Corpora: ../shared/data/json/*.json gzipped at level 6 (skipped when absent) and generated text.
// Options: --runs=5 --chunk=16384
import zlib from "node:zlib";
import { CodecHarness, FORMAT_GZIP } from "../tests/codec/harness.ts";
import { Rng, genBody } from "../tests/codec/gen.ts";
import { arg, codecCorpora, median, mbps, timeOurs } from "./codec-support.ts";

const RUNS = Number(arg("runs", "5"));
const CHUNK = Number(arg("chunk", "16384"));

const corpora = codecCorpora(8, 4, " (stored)");

const h = await CodecHarness.load();
const ours = (data: Uint8Array, expect: number): number => timeOurs(h, FORMAT_GZIP, "inflate", data, expect, CHUNK);

const rows: string[] = ["| corpus | raw size | gzip -6 size | ours MB/s | zlib MB/s | ours/zlib |", "|---|---:|---:|---:|---:|---:|"];
for (const c of corpora) {
  const gz = new Uint8Array(zlib.gzipSync(c.body, { level: 6 }));
  h.setInput(gz);
  ours(gz, c.body.length);
  zlib.gunzipSync(gz);
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(mbps(c.body.length, ours(gz, c.body.length)));
    const t = performance.now();
    zlib.gunzipSync(gz);
    b.push(mbps(c.body.length, performance.now() - t));
  }
  const mo = median(a), mz = median(b);
  rows.push(`| ${c.name} | ${(c.body.length / 1024).toFixed(0)} KiB | ${(gz.length / 1024).toFixed(0)} KiB | ${mo.toFixed(0)} | ${mz.toFixed(0)} | ${(mo / mz).toFixed(2)} |`);
}
// Per-body cost on small bodies (a decoder reset and reused per body, as the filter does).
const small: string[] = ["| body | gzip size | ours µs/body | zlib µs/body |", "|---|---:|---:|---:|"];
for (const size of [1024, 16384]) {
  const body = genBody(new Rng(3), size);
  const gz = new Uint8Array(zlib.gzipSync(body, { level: 6 }));
  h.setInput(gz);
  h.create(FORMAT_GZIP, -1, false);
  const reps = 20000 * 1024 / size;
  const a: number[] = [], b: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    for (let i = 0; i < reps; i++) { h.reset(); h.feed(0, gz.length, true); }
    a.push((performance.now() - t) * 1000 / reps);
    t = performance.now();
    for (let i = 0; i < reps; i++) zlib.gunzipSync(gz);
    b.push((performance.now() - t) * 1000 / reps);
  }
  if (h.outputCount() !== size) throw new Error("small body: wrong output size");
  small.push(`| JSON-like ${size / 1024} KiB | ${gz.length} B | ${median(a).toFixed(2)} | ${median(b).toFixed(2)} |`);
}

console.log(`inflate benchmark: chunk ${CHUNK} B, median of ${RUNS} runs, node ${process.version}`);
console.log(rows.join("\n"));
console.log();
console.log(small.join("\n"));
