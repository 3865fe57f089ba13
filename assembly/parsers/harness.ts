// Test and benchmark entry for the body parsers (built to build/parsers-harness.wasm by
// src/tools/build-harness.ts parsers). The host writes a body into inputBuffer(), picks a parser, feeds
// slices of it, and reads back the recorded contexts (record()) or, for benchmarks, only counts.
import { ContextKind, ContextSink } from "../pipeline/context-sink";
import { BodyParser as ParserKind } from "../policy/content-types";
import { ScanParser } from "./parser";
import { newParser } from "./select";
import { RecordSink } from "../../tests/assembly/parsers/record-sink";

let input = new Uint8Array(0);
export function inputBuffer(len: i32): usize {
  if (input.length < len) input = new Uint8Array(len);
  return input.dataStart;
}

const recorder = new RecordSink();
let parser: ScanParser | null = null;

/** Kind as in policy/content-types BodyParser (0 text, 1 json, 2 grpc, ...). Returns false if not scanned. */
export function useParser(kind: i32, maxGrpcMessageBytes: i32, grpcEncoding: string): bool {
  recorder.clear();
  const p = newParser(<ParserKind>kind, recorder, grpcEncoding, maxGrpcMessageBytes > 0 ? maxGrpcMessageBytes : 4 << 20);
  parser = p;
  recorder.parser = p;
  return p !== null;
}

export function feed(off: i32, len: i32, isLast: bool): void { parser!.feed(input.dataStart + <usize>off, len, isLast); }
export function reset(): void { recorder.clear(); parser!.reset(); }
/** Bit 0 malformed, 1 truncated, 2 unscannedEncoding, 3 protocol errors seen by the sink. */
export function flags(): i32 {
  const p = parser!;
  return (p.malformed ? 1 : 0) | (p.truncated ? 2 : 0) | (p.unscannedEncoding ? 4 : 0) | (recorder.errors.length > 0 || recorder.isOpen ? 8 : 0);
}
export function sinkErrors(): string { return recorder.errors.join("\n"); }

/**
 * The recorded contexts, one per line: kind,blob,rawOffset,rawEnd,pathHex,bytesHex,runs where
 * path and bytes are UTF-8 hex and runs are `off+raw:len` separated by spaces (merged as in
 * RecordSink).
 */
export function record(): string {
  const parts = new Array<string>();
  const rs = recorder.records;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i];
    parts.push((r.kind == ContextKind.Key ? "K" : "V") + "," + r.blobIdx.toString() + "," + r.rawOffset.toString() + "," + r.rawEnd.toString() + ",");
    const u = Uint8Array.wrap(String.UTF8.encode(r.path));
    parts.push(hex(u.dataStart, u.length));
    parts.push(",");
    parts.push(hex(r.bytes.dataStart, r.bytes.length));
    parts.push("," + r.describeRuns() + "\n");
  }
  return parts.join("");
}

const HEX_DIGITS = "0123456789abcdef";
function hex(p: usize, n: i32): string {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) { const c = load<u8>(p + <usize>i); out[i] = HEX_DIGITS.charAt(c >> 4) + HEX_DIGITS.charAt(c & 15); }
  return out.join("");
}

// ── Benchmark: a sink that only counts, so the numbers are the parser's own cost. ──

class CountingSink extends ContextSink {
  contexts: i32 = 0;
  bytes: i64 = 0;
  beginContext(kind: ContextKind, blobIdx: i32, rawOffset: i64): void { this.contexts++; }
  contextBytes(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void { this.bytes += len; }
  endContext(rawEnd: i64): void {}
}
const counter = new CountingSink();
let benchParser: ScanParser | null = null;

export function benchUse(kind: i32): void { benchParser = newParser(<ParserKind>kind, counter); }
/** Parses input[0..len) in `chunk`-byte pieces; returns the number of contexts. */
export function benchRun(len: i32, chunk: i32): i32 {
  const p = benchParser!;
  p.reset();
  counter.contexts = 0;
  for (let at = 0; at < len; at += chunk) {
    const n = min(chunk, len - at);
    p.feed(input.dataStart + <usize>at, n, at + n >= len);
  }
  return counter.contexts;
}
export function benchMalformed(): bool { return benchParser!.malformed; }

/** Reference: a bare loop that reads every byte (sums them), in the same chunks. */
export function byteLoop(len: i32, chunk: i32): u32 {
  let sum: u32 = 0;
  for (let at = 0; at < len; at += chunk) {
    const n = min(chunk, len - at);
    const p = input.dataStart + <usize>at;
    for (let i = 0; i < n; i++) sum += <u32>load<u8>(p + <usize>i);
  }
  return sum;
}
