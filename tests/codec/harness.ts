// Node-side loader for build/codec-harness.wasm (shared by the codec tests and bench/inflate.ts).
import { readFileSync } from "node:fs";
import { buildCodecHarness } from "../../src/tools/build-codec.ts";

export const FORMAT_RAW = 0;
export const FORMAT_ZLIB = 1;
export const FORMAT_GZIP = 2;
export const FORMAT_DEFLATE_AUTO = 3;

export interface DecodeResult { output: Uint8Array; error: string | null; truncated: boolean; finished: boolean }

export class CodecHarness {
  private ex: any;
  private constructor(ex: any) { this.ex = ex; }

  static async load(opts: { debug?: boolean } = {}): Promise<CodecHarness> {
    const file = buildCodecHarness({ ifStale: true, debug: opts.debug });
    const { instance } = await WebAssembly.instantiate(readFileSync(file), {
      env: {
        abort(_msg: number, _file: number, line: number, col: number) { throw new Error(`wasm abort at ${line}:${col}`); },
      },
    });
    (instance.exports as any)._initialize?.();
    return new CodecHarness(instance.exports);
  }

  private mem(): ArrayBuffer { return (this.ex.memory as WebAssembly.Memory).buffer; }
  private readStr(ptr: number): string {
    const len = new Uint32Array(this.mem(), ptr - 4, 1)[0] >>> 1;
    const u16 = new Uint16Array(this.mem(), ptr, len);
    let s = "";
    for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...u16.subarray(i, Math.min(len, i + 4096)));
    return s;
  }
  private str(s: string): number {
    const ptr = this.ex.__new(s.length * 2, 2) as number;
    const u16 = new Uint16Array(this.mem(), ptr, s.length);
    for (let i = 0; i < s.length; i++) u16[i] = s.charCodeAt(i);
    return this.ex.__pin(ptr);
  }

  setInput(bytes: Uint8Array): void {
    const ptr = this.ex.inputBuffer(bytes.length);
    new Uint8Array(this.mem(), ptr, bytes.length).set(bytes);
  }

  /** New decoder of a FORMAT_*; limit < 0 = unlimited; collect=false only counts output. */
  create(format: number, limit = -1, collect = true): void { this.ex.create(format, limit, collect); }
  /** New decoder for a Content-Encoding name; false when unsupported. */
  createFor(encoding: string, limit = -1): boolean {
    const p = this.str(encoding);
    try { return this.ex.createFor(p, limit) === 1; } finally { this.ex.__unpin(p); }
  }
  /** Decoder for a whole Content-Encoding header: 1 ready, 0 nothing to decode, -1 unsupported. */
  createForHeader(header: string, limit = -1): number {
    const p = this.str(header);
    try { return this.ex.createForHeader(p, limit); } finally { this.ex.__unpin(p); }
  }
  reset(): void { this.ex.reset(); }
  feed(off: number, len: number, isLast: boolean): void { this.ex.feed(off, len, isLast ? 1 : 0); }
  outputCount(): number { return this.ex.outputCount(); }

  result(): DecodeResult {
    const len = this.ex.outputLen();
    const output = new Uint8Array(this.mem(), this.ex.outputPtr(), len).slice();
    const err = this.readStr(this.ex.errorMessage());
    return { output, error: err === "" ? null : err, truncated: !!this.ex.truncated(), finished: !!this.ex.finished() };
  }

  /** Decodes `data` fed in pieces ending at the given split points (sorted offsets). */
  decode(format: number, data: Uint8Array, splits: number[] = [], limit = -1): DecodeResult {
    this.create(format, limit);
    this.setInput(data);
    let at = 0;
    for (const s of splits) {
      if (s <= at || s >= data.length) continue;
      this.feed(at, s - at, false);
      at = s;
    }
    this.feed(at, data.length - at, true);
    return this.result();
  }
}
