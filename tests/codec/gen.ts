// Seeded generators for the codec property tests: bodies of the shapes HTTP carries (random bytes,
// repetitive text, JSON-like text) and compression settings covering every zlib level and strategy.
import zlib from "node:zlib";

export class Rng {
  private s: number;
  constructor(seed: number) { this.s = (seed >>> 0) || 1; }
  next(): number { // xorshift32
    let x = this.s;
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    this.s = x;
    return x;
  }
  int(n: number): number { return n <= 0 ? 0 : this.next() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() / 4294967296 < p; }
}

const WORDS = ["alpha", "beta", "gamma", "delta", "user", "email", "id", "name", "value", "true", "false", "null",
  "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "ada@example.test", "123-45-6789", "\n", " "];

// Sizes spread over 0..maxSize, most of them small (log-uniform), a few at the top.
export function genSize(r: Rng, maxSize: number): number {
  if (r.chance(0.05)) return r.int(4);
  if (r.chance(0.05)) return maxSize - r.int(1024);
  return Math.floor(Math.exp((r.next() / 4294967296) * Math.log(maxSize)));
}

export function genBody(r: Rng, size: number): Uint8Array {
  const kind = r.int(4);
  const out = new Uint8Array(size);
  if (kind === 0) { for (let i = 0; i < size; i++) out[i] = r.int(256); return out; }
  if (kind === 1) { // repetitive text: a short motif with occasional mutations (long matches, dist 1..)
    const motif = Array.from({ length: 1 + r.int(40) }, () => 32 + r.int(95));
    for (let i = 0; i < size; i++) out[i] = r.chance(0.01) ? r.int(256) : motif[i % motif.length];
    return out;
  }
  let s = "";
  if (kind === 2) { // JSON-like
    let n = 0;
    s = "[";
    while (s.length < size) {
      s += (n++ ? "," : "") + `{"id":${r.int(100000)},"${r.pick(WORDS)}":"${r.pick(WORDS)}${r.int(1000)}","ok":${r.chance(0.5)}}`;
    }
  } else { // word soup with low-entropy bytes sprinkled in
    while (s.length < size) s += r.pick(WORDS) + (r.chance(0.1) ? String.fromCharCode(r.int(256)) : " ");
  }
  const enc = Buffer.from(s, "latin1");
  out.set(enc.subarray(0, size));
  return out;
}

export type Wrap = "gzip" | "zlib" | "raw";
export const STRATEGIES = [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FILTERED, zlib.constants.Z_HUFFMAN_ONLY,
  zlib.constants.Z_RLE, zlib.constants.Z_FIXED];

export interface Compressed { wrap: Wrap; data: Uint8Array; desc: string }

export function compress(r: Rng, body: Uint8Array, wrap: Wrap): Compressed {
  const level = r.int(11) - 1; // -1 (default) .. 9
  const strategy = r.pick(STRATEGIES);
  const windowBits = r.chance(0.7) ? 15 : 9 + r.int(7);
  const memLevel = 1 + r.int(9);
  const opts = { level, strategy, windowBits, memLevel };
  const desc = `${wrap} level=${level} strategy=${strategy} windowBits=${windowBits} memLevel=${memLevel} size=${body.length}`;
  const f = wrap === "gzip" ? zlib.gzipSync : wrap === "zlib" ? zlib.deflateSync : zlib.deflateRawSync;
  return { wrap, data: new Uint8Array(f(body, opts)), desc };
}

// Split points: none, a few random ones, every byte, or fixed-size pieces.
export function genSplits(r: Rng, len: number, allowBytewise = true): number[] {
  const mode = r.int(4);
  if (mode === 0 || len < 2) return [];
  if (mode === 1 && allowBytewise && len <= 65536) return Array.from({ length: len - 1 }, (_, i) => i + 1);
  if (mode === 2) { const step = 1 + r.int(64); const xs = []; for (let i = step; i < len; i += step) xs.push(i); return xs; }
  const k = 1 + r.int(8);
  return Array.from({ length: k }, () => 1 + r.int(len - 1)).sort((a, b) => a - b);
}
