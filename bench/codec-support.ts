// What the decoder benchmarks (bench/inflate.ts, bench/brotli.ts) share: their corpora, timing of
// our decoder through the codec harness, and the statistics.
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CodecHarness } from "../tests/codec/harness.ts";
import { Rng, genBody } from "../tests/codec/gen.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

export const arg = (k: string, d: string): string => process.argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d;

export interface Corpus { name: string; body: Uint8Array }

/** ../shared/data/json/*.json (when present), then generated text and JSON of `mib` MiB each and random bytes. */
export function codecCorpora(mib: number, randomMib: number, randomLabel: string): Corpus[] {
  const corpora: Corpus[] = [];
  const jsonDir = join(root, "..", "shared", "data", "json");
  if (existsSync(jsonDir)) {
    for (const f of readdirSync(jsonDir).filter((f) => f.endsWith(".json")).sort()) corpora.push({ name: f, body: readFileSync(join(jsonDir, f)) });
  } else {
    console.log(`(${jsonDir} absent: JSON corpora skipped)`);
  }
  const r = new Rng(1);
  const words = Array.from({ length: 2000 }, () => Array.from({ length: 2 + r.int(9) }, () => String.fromCharCode(97 + r.int(26))).join(""));
  let s = "";
  while (s.length < mib << 20) s += words[Math.floor(Math.pow(r.next() / 4294967296, 3) * words.length)] + (r.chance(0.08) ? ".\n" : " ");
  corpora.push({ name: `generated text ${mib} MiB`, body: Buffer.from(s) });
  corpora.push({ name: `generated JSON ${mib} MiB`, body: genBody(new Rng(2), mib << 20).map((b) => b) });
  const rnd = new Uint8Array(randomMib << 20);
  for (let i = 0; i < rnd.length; i++) rnd[i] = r.int(256);
  corpora.push({ name: `random bytes ${randomMib} MiB${randomLabel}`, body: rnd });
  return corpora;
}

export function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; }
export function mbps(bytes: number, ms: number): number { return bytes / (1 << 20) / (ms / 1000); }

/**
 * Milliseconds our decoder (harness format `format`) takes for `data` fed in `chunk`-byte pieces;
 * throws unless it produced exactly `expect` bytes without error. The harness input must hold `data`.
 */
export function timeOurs(h: CodecHarness, format: number, name: string, data: Uint8Array, expect: number, chunk: number): number {
  h.create(format, -1, false);
  const t = performance.now();
  for (let at = 0; at < data.length; at += chunk) h.feed(at, Math.min(chunk, data.length - at), at + chunk >= data.length);
  const ms = performance.now() - t;
  const res = h.result();
  if (res.error || h.outputCount() !== expect) throw new Error(`our ${name} failed: ${res.error} (${h.outputCount()} of ${expect} bytes)`);
  return ms;
}
