// Loads a component harness (build/<name>-harness.wasm, built when stale) and moves strings and
// bytes across: AssemblyScript strings are UTF-16 with their byte length 4 bytes before them.
import { readFileSync } from "node:fs";
import { buildHarness } from "../../src/tools/build-harness.ts";

export class WasmHarness {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private constructor(readonly ex: any) {}

  static async load(name: string, opts: { debug?: boolean } = {}): Promise<WasmHarness> {
    const file = buildHarness(name, { ifStale: true, debug: opts.debug });
    const { instance } = await WebAssembly.instantiate(readFileSync(file), {
      env: { abort(_m: number, _f: number, line: number, col: number) { throw new Error(`wasm abort at ${line}:${col}`); } },
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    (instance.exports as any)._initialize?.();
    return new WasmHarness(instance.exports);
  }

  get memory(): ArrayBuffer { return (this.ex.memory as WebAssembly.Memory).buffer; }

  /** Reads an AssemblyScript string at `ptr`. */
  readString(ptr: number): string {
    const len = new Uint32Array(this.memory, ptr - 4, 1)[0] >>> 1;
    const u16 = new Uint16Array(this.memory, ptr, len);
    let s = "";
    for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...u16.subarray(i, Math.min(len, i + 4096)));
    return s;
  }

  /** A pinned AssemblyScript string (the harness must export the runtime); unpin with `unpin`. */
  newString(s: string): number {
    const ptr = this.ex.__new(s.length * 2, 2) as number;
    const u16 = new Uint16Array(this.memory, ptr, s.length);
    for (let i = 0; i < s.length; i++) u16[i] = s.charCodeAt(i);
    return this.ex.__pin(ptr);
  }

  unpin(ptr: number): void { this.ex.__unpin(ptr); }

  /** Runs `f` with a pinned string and unpins it after. */
  withString<T>(s: string, f: (ptr: number) => T): T {
    const p = this.newString(s);
    try { return f(p); } finally { this.unpin(p); }
  }

  /** Copies bytes into the harness's input buffer (its `inputBuffer(len)` export). */
  setInput(bytes: Uint8Array): void {
    const ptr = this.ex.inputBuffer(bytes.length);
    new Uint8Array(this.memory, ptr, bytes.length).set(bytes);
  }
}
