// Node-side loader for build/codec-harness.wasm (shared by the codec tests and bench/inflate.ts).
import { WasmHarness } from "../support/wasm-harness.ts";

export const FORMAT_RAW = 0;
export const FORMAT_ZLIB = 1;
export const FORMAT_GZIP = 2;
export const FORMAT_DEFLATE_AUTO = 3;

export interface DecodeResult { output: Uint8Array; error: string | null; truncated: boolean; finished: boolean }

export class CodecHarness {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private ex: any;
  private constructor(private h: WasmHarness) { this.ex = h.ex; }

  static async load(opts: { debug?: boolean } = {}): Promise<CodecHarness> {
    return new CodecHarness(await WasmHarness.load("codec", opts));
  }

  private mem(): ArrayBuffer { return this.h.memory; }
  private readStr(ptr: number): string { return this.h.readString(ptr); }
  private str(s: string): number { return this.h.newString(s); }

  setInput(bytes: Uint8Array): void { this.h.setInput(bytes); }

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
