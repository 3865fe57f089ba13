// Node-side loader for build/parsers-harness.wasm, shared by tests/parsers/*.test.ts and
// bench/parsers.ts.
import { WasmHarness } from "../support/wasm-harness.ts";

/** Parser kinds as in assembly/policy/content-types.ts BodyParser. */
export const enum Kind { Text = 0, Json = 1, Grpc = 2, Msgpack = 3 }

export interface Ctx {
  kind: "K" | "V";
  blob: number;
  rawOffset: number;
  rawEnd: number;
  path: string;
  bytes: Uint8Array;
  runs: string;
}

export interface Result { contexts: Ctx[]; malformed: boolean; truncated: boolean; unscanned: boolean; protocolError: string }

const dec = new TextDecoder();
const hex = (h: string): Uint8Array => { const u = new Uint8Array(h.length / 2); for (let i = 0; i < u.length; i++) u[i] = parseInt(h.substr(i * 2, 2), 16); return u; };

export class ParsersHarness {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private ex: any;
  private constructor(private h: WasmHarness) { this.ex = h.ex; }

  static async load(opts: { debug?: boolean } = {}): Promise<ParsersHarness> {
    return new ParsersHarness(await WasmHarness.load("parsers", opts));
  }

  private readStr(ptr: number): string { return this.h.readString(ptr); }

  setInput(bytes: Uint8Array): void { this.h.setInput(bytes); }

  private newStr(s: string): number { return this.h.newString(s); }

  /** Parses the current input (length `len`) cut at `cuts` with a fresh parser of `kind`. */
  parse(kind: Kind, len: number, cuts: number[] = [], maxGrpcMessageBytes = 0, grpcEncoding = ""): Result {
    const enc = this.newStr(grpcEncoding);
    let ok: number;
    try { ok = this.ex.useParser(kind, maxGrpcMessageBytes, enc); } finally { this.ex.__unpin(enc); }
    if (!ok) throw new Error(`parser kind ${kind} does not scan`);
    const points = [...new Set(cuts.filter((c) => c > 0 && c < len))].sort((a, b) => a - b);
    let at = 0;
    for (const c of points) { this.ex.feed(at, c - at, false); at = c; }
    this.ex.feed(at, len - at, true);
    const f = this.ex.flags() as number;
    const contexts: Ctx[] = [];
    for (const line of this.readStr(this.ex.record()).split("\n")) {
      if (!line) continue;
      const [kind, blob, off, end, pathHex, bytesHex, runs] = line.split(",");
      contexts.push({ kind: kind as "K" | "V", blob: +blob, rawOffset: +off, rawEnd: +end, path: dec.decode(hex(pathHex)), bytes: hex(bytesHex), runs });
    }
    return { contexts, malformed: !!(f & 1), truncated: !!(f & 2), unscanned: !!(f & 4), protocolError: f & 8 ? this.readStr(this.ex.sinkErrors()) || "context left open" : "" };
  }

  // ── benchmark entry points ──
  benchUse(kind: Kind): void { this.ex.benchUse(kind); }
  benchRun(len: number, chunk: number): number { return this.ex.benchRun(len, chunk); }
  benchMalformed(): boolean { return !!this.ex.benchMalformed(); }
  byteLoop(len: number, chunk: number): number { return this.ex.byteLoop(len, chunk); }
}
