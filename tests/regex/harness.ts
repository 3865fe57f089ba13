// Node-side loader for build/regex-harness.wasm (shared by the regex tests and bench/regex.ts).
import { WasmHarness } from "../support/wasm-harness.ts";

export interface Match { pattern: number; start: number; end: number; truncated: boolean }

export class RegexHarness {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private ex: any;
  private constructor(private h: WasmHarness) { this.ex = h.ex; }

  static async load(opts: { debug?: boolean } = {}): Promise<RegexHarness> {
    return new RegexHarness(await WasmHarness.load("regex", opts));
  }

  private mem(): ArrayBuffer { return this.h.memory; }
  private readStr(ptr: number): string { return this.h.readString(ptr); }
  private withStr<T>(s: string, f: (p: number) => T): T { return this.h.withString(s, f); }

  parse(src: string): string { return this.withStr(src, (p) => this.readStr(this.ex.parseToString(p))); }

  /** Compiles the set; returns error strings (empty when all compiled). */
  compile(patterns: Array<{ source: string; kind?: number }>, opts: { cacheBytes?: number; windowBytes?: number } = {}): string[] {
    this.ex.specsClear();
    for (const p of patterns) this.withStr(p.source, (ptr) => this.ex.specsAdd(ptr, p.kind ?? 0));
    const n = this.ex.compile(opts.cacheBytes ?? 0, opts.windowBytes ?? 0);
    return n ? this.readStr(this.ex.compileErrors()).trim().split("\n") : [];
  }

  setInput(bytes: Uint8Array): void {
    const ptr = this.ex.inputBuffer(bytes.length);
    new Uint8Array(this.mem(), ptr, bytes.length).set(bytes);
  }

  /** Scans the current input fed in pieces at the given split points; returns all matches. */
  scan(len: number, splits: number[] = []): Match[] {
    this.ex.scanReset();
    let at = 0;
    const cuts = [...splits.filter((s) => s > 0 && s < len).sort((a, b) => a - b), len];
    for (let i = 0; i < cuts.length; i++) {
      this.ex.scanFeed(at, cuts[i] - at, i === cuts.length - 1);
      at = cuts[i];
    }
    return this.readMatches();
  }

  /** Scans and returns only the match count (bench: no per-match JS work). */
  scanCount(len: number, chunk: number): number {
    this.ex.scanReset();
    let n = 0;
    for (let at = 0; at < len; at += chunk) {
      const l = Math.min(chunk, len - at);
      n = this.ex.scanFeed(at, l, at + l >= len);
      if (n > 4096) { this.matchTotal += n; this.ex.matchesClear(); n = 0; }
    }
    const total = this.matchTotal + n;
    this.matchTotal = 0;
    return total;
  }
  private matchTotal = 0;

  /** Scanner.scanWhole over input[off, off + len): the one-call path the filter uses for a whole context. */
  scanWhole(off: number, len: number): Match[] {
    return this.readMatches(this.ex.scanWhole(off, len) as number);
  }

  readMatches(count?: number): Match[] {
    const n = count ?? (this.ex.scanFeed(0, 0, false) as number); // no-op feed returns the count
    const v = new Int32Array(this.mem(), this.ex.matchesPtr(), n * 4);
    const out: Match[] = [];
    for (let i = 0; i < n; i++) out.push({ pattern: v[i * 4], start: v[i * 4 + 1], end: v[i * 4 + 2], truncated: v[i * 4 + 3] !== 0 });
    return out;
  }

  /** PikeVM reference find-all for pattern `which` of the compiled specs over input[0..len). */
  reference(which: number, len: number): Array<[number, number]> | null {
    const n = this.ex.referenceFindAll(which, len) as number;
    if (n < 0) return null;
    const v = new Int32Array(this.mem(), this.ex.referencePtr(), n * 2);
    const out: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) out.push([v[i * 2], v[i * 2 + 1]]);
    return out;
  }
  referenceSteps(): number { return this.ex.referenceSteps(); }
  budgetExhausted(): number { return this.ex.statBudgetExhausted(); }
  stats(): { slowPaths: number; rescanned: number; reverseSteps: number; cacheBytes: number; clears: number; states: number } {
    return { slowPaths: this.ex.statSlowPaths(), rescanned: this.ex.statRescanned(), reverseSteps: this.ex.statReverseSteps(), cacheBytes: this.ex.cacheBytesUsed(), clears: this.ex.cacheClears(), states: this.ex.dfaStates() };
  }
}
