// Test and benchmark entry for the codec (built to build/codec-harness.wasm by
// src/tools/build-harness.ts codec). The host writes compressed bytes into inputBuffer() and feeds slices.
import { Decoder } from "./decoder";
import { Inflater } from "./inflate";
import { BrotliDecoder } from "./brotli";
import { createDecoder } from "./index";
import { planContentEncoding } from "./chain";
import { CollectingSink, CountingSink } from "./sink";

let input = new Uint8Array(0);
export function inputBuffer(len: i32): usize {
  if (input.length < len) input = new Uint8Array(len);
  return input.dataStart;
}

let decoder: Decoder | null = null;
const collected = new CollectingSink();
const counted = new CountingSink();
let collect = true;

// Harness-only format number for the Brotli decoder (the Inflater's FORMAT_* are 0..3).
const FORMAT_BROTLI: i32 = 4;

// format: FORMAT_* of inflate.ts or FORMAT_BROTLI; limit < 0 = none. collectOutput false: count
// only (benchmarks).
export function create(format: i32, limit: f64, collectOutput: bool): void {
  const l = limit < 0 ? i64.MAX_VALUE : <i64>limit;
  decoder = format == FORMAT_BROTLI ? new BrotliDecoder(l) : new Inflater(format, l);
  collect = collectOutput;
  collected.clear();
  counted.bytes = 0;
}
// Returns 1 when the encoding is supported.
export function createFor(encoding: string, limit: f64): i32 {
  decoder = limit < 0 ? createDecoder(encoding) : createDecoder(encoding, <i64>limit);
  collect = true;
  collected.clear();
  return decoder != null ? 1 : 0;
}
// A whole Content-Encoding header: 1 decoder ready, 0 nothing to decode, -1 unsupported.
export function createForHeader(header: string, limit: f64): i32 {
  const plan = planContentEncoding(header, limit < 0 ? i64.MAX_VALUE : <i64>limit);
  decoder = plan.decoder;
  collect = true;
  collected.clear();
  return plan.unsupported != null ? -1 : decoder != null ? 1 : 0;
}
export function reset(): void { decoder!.reset(); collected.clear(); counted.bytes = 0; }
export function feed(off: i32, len: i32, isLast: bool): void {
  if (collect) decoder!.feed(input.dataStart + <usize>off, len, isLast, collected);
  else decoder!.feed(input.dataStart + <usize>off, len, isLast, counted);
}
export function outputPtr(): usize { return collected.data.dataStart; }
export function outputLen(): i32 { return collected.length; }
export function outputCount(): f64 { return <f64>(collect ? <i64>collected.length : counted.bytes); }
export function errorMessage(): string { const e = decoder!.error; return e != null ? e : ""; }
export function truncated(): bool { return decoder!.truncated; }
export function finished(): bool { return decoder!.finished(); }
