// Helpers for the parser specs: feed a body in given pieces and record what comes out.
import { ScanParser } from "../../../assembly/parsers/parser";
import { RecordSink } from "./record-sink";

export function bytesOf(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

/** Feeds `body` cut at the sorted positions `cuts`, the last piece with isLast. */
export function feedCuts(parser: ScanParser, body: Uint8Array, cuts: Array<i32>): void {
  let at = 0;
  for (let i = 0; i < cuts.length; i++) {
    const c = cuts[i];
    if (c <= at || c >= body.length) continue;
    parser.feed(body.dataStart + <usize>at, c - at, false);
    at = c;
  }
  parser.feed(body.dataStart + <usize>at, body.length - at, true);
}

export function feedWhole(parser: ScanParser, body: Uint8Array): void { feedCuts(parser, body, []); }

/** Feeds one byte at a time (each byte its own chunk), then an empty last chunk. */
export function feedBytewise(parser: ScanParser, body: Uint8Array): void {
  for (let i = 0; i < body.length; i++) parser.feed(body.dataStart + <usize>i, 1, false);
  parser.feed(body.dataStart, 0, true);
}

/** Records `body` fed whole with a fresh parser from `make`. */
export function recordWhole(sink: RecordSink, parser: ScanParser, body: Uint8Array): string {
  sink.clear(); parser.reset(); sink.parser = parser;
  feedWhole(parser, body);
  return sink.full();
}

/** Deterministic PRNG (xorshift32) so property specs are reproducible. */
export class Rng {
  constructor(public s: u32) { if (this.s == 0) this.s = 0x9e3779b9; }
  next(): u32 { let x = this.s; x ^= x << 13; x ^= x >> 17; x ^= x << 5; this.s = x; return x; }
  below(n: i32): i32 { return <i32>(this.next() % <u32>n); }
}
