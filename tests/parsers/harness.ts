// Node-side loader for build/parsers-harness.wasm, shared by tests/parsers/*.test.ts and
// bench/parsers.ts.
import { readFileSync } from "node:fs";
import { buildParsersHarness } from "../../src/tools/build-parsers.ts";

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
  private constructor(private ex: any) {}

  static async load(opts: { debug?: boolean } = {}): Promise<ParsersHarness> {
    const file = buildParsersHarness({ ifStale: true, debug: opts.debug });
    const { instance } = await WebAssembly.instantiate(readFileSync(file), {
      env: { abort(_m: number, _f: number, line: number, col: number) { throw new Error(`wasm abort at ${line}:${col}`); } },
    });
    (instance.exports as any)._initialize?.();
    return new ParsersHarness(instance.exports);
  }

  private mem(): ArrayBuffer { return (this.ex.memory as WebAssembly.Memory).buffer; }
  private readStr(ptr: number): string {
    const len = new Uint32Array(this.mem(), ptr - 4, 1)[0] >>> 1;
    const u16 = new Uint16Array(this.mem(), ptr, len);
    let s = "";
    for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...u16.subarray(i, Math.min(len, i + 4096)));
    return s;
  }

  setInput(bytes: Uint8Array): void {
    const ptr = this.ex.inputBuffer(bytes.length);
    new Uint8Array(this.mem(), ptr, bytes.length).set(bytes);
  }

  private newStr(s: string): number {
    const ptr = this.ex.__new(s.length * 2, 2) as number;
    const u16 = new Uint16Array(this.mem(), ptr, s.length);
    for (let i = 0; i < s.length; i++) u16[i] = s.charCodeAt(i);
    return this.ex.__pin(ptr);
  }

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
