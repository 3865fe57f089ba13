// Node-side loader for build/yaml-harness.wasm (assembly/yaml/harness.ts): builds it when
// stale and exposes parse(bytes) -> JSON text of the tree or "ERR line:column: message".
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function buildIfStale(): string {
  const out = join(root, "build", "yaml-harness.wasm");
  const dir = join(root, "assembly", "yaml");
  const newest = Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
  if (existsSync(out) && statSync(out).mtimeMs >= newest) return out;
  const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
  const r = spawnSync(process.execPath, [asc, "--config", "assembly/yaml/asconfig.json", "--target", "release"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`asc failed for the YAML harness (exit ${r.status})`);
  return out;
}

export class YamlHarness {
  private ex: any;
  private constructor(ex: any) { this.ex = ex; }

  static async load(): Promise<YamlHarness> {
    const { instance } = await WebAssembly.instantiate(readFileSync(buildIfStale()), {
      env: {
        abort(_msg: number, _file: number, line: number, col: number) { throw new Error(`wasm abort at ${line}:${col}`); },
      },
    });
    (instance.exports as any)._initialize?.();
    return new YamlHarness(instance.exports);
  }

  private readStr(ptr: number): string {
    const mem = (this.ex.memory as WebAssembly.Memory).buffer;
    const len = new Uint32Array(mem, ptr - 4, 1)[0] >>> 1;
    const u16 = new Uint16Array(mem, ptr, len);
    let s = "";
    for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...u16.subarray(i, Math.min(len, i + 4096)));
    return s;
  }

  private setInput(bytes: Uint8Array): void {
    const ptr = this.ex.inputBuffer(bytes.length) as number;
    new Uint8Array((this.ex.memory as WebAssembly.Memory).buffer, ptr, bytes.length).set(bytes);
  }

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
