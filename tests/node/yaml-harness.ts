// Node-side loader for build/yaml-harness.wasm (assembly/yaml/harness.ts): builds it when
// stale and exposes parse(bytes) -> JSON text of the tree or "ERR line:column: message".
import { WasmHarness } from "../support/wasm-harness.ts";

export class YamlHarness {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private ex: any;
  private constructor(private h: WasmHarness) { this.ex = h.ex; }

  static async load(): Promise<YamlHarness> {
    return new YamlHarness(await WasmHarness.load("yaml"));
  }

  private readStr(ptr: number): string { return this.h.readString(ptr); }

  private setInput(bytes: Uint8Array): void { this.h.setInput(bytes); }

  parse(bytes: Uint8Array): string {
    this.setInput(bytes);
    return this.readStr(this.ex.parseInput());
  }

  warnings(bytes: Uint8Array): string[] {
    this.setInput(bytes);
    const s = this.readStr(this.ex.warningsOf());
    return s ? s.split("\n") : [];
  }
}
