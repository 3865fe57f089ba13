// A reader for the parts of the WebAssembly binary format that linking depends on: the type,
// import, function, export and start sections. Node's WebAssembly.Module.imports() reports names
// and kinds only, but Envoy (cpp-host src/v8/v8.cc `link`) compares each function import's exact
// param/result types with its own table, so we must read the types from the binary ourselves.
import type { ValType } from "./abi/envoy-abi.ts";

export interface FuncType { readonly params: ValType[]; readonly results: ValType[] }

export type ImportDesc =
  | { kind: "func"; type: FuncType }
  | { kind: "table"; element: string; min: number; max?: number }
  | { kind: "memory"; min: number; max?: number; shared: boolean }
  | { kind: "global"; valType: string; mutable: boolean };

export interface ModuleImport { readonly module: string; readonly name: string; readonly desc: ImportDesc }

export interface ModuleExport {
  readonly name: string;
  readonly kind: "func" | "table" | "memory" | "global";
  /** Function signature, for function exports (imported functions included). */
  readonly type?: FuncType;
}

export interface ModuleInfo {
  readonly imports: ModuleImport[];
  readonly exports: ModuleExport[];
  /** Index of the start function, if the module has a start section. */
  readonly startFunction?: number;
  /** Name of the start function when it is exported or imported (for messages). */
  readonly startFunctionName?: string;
  readonly hasMemory: boolean;
}

export class WasmFormatError extends Error {
  constructor(message: string) { super(message); this.name = "WasmFormatError"; }
}

const VAL_TYPES: Record<number, string> = { 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" };
const EXTERNAL_KINDS = ["func", "table", "memory", "global"] as const;

class Cursor {
  pos = 0;
  constructor(private readonly bytes: Uint8Array, private readonly where: () => string) {}
  get length(): number { return this.bytes.length; }
  byte(): number {
    if (this.pos >= this.bytes.length) throw new WasmFormatError(`unexpected end of module ${this.where()} at byte ${this.pos}`);
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 28) throw new WasmFormatError(`LEB128 integer too long ${this.where()} at byte ${this.pos}`);
    }
    return result;
  }
  name(): string {
    const len = this.u32();
    if (this.pos + len > this.bytes.length) throw new WasmFormatError(`name overruns the module ${this.where()} at byte ${this.pos}`);
    const s = new TextDecoder("utf-8", { fatal: true }).decode(this.bytes.subarray(this.pos, this.pos + len));
    this.pos += len;
    return s;
  }
  valType(): string {
    const b = this.byte();
    const t = VAL_TYPES[b];
    if (!t) throw new WasmFormatError(`unknown value type 0x${b.toString(16)} ${this.where()} at byte ${this.pos - 1}`);
    return t;
  }
  limits(): { min: number; max?: number; shared: boolean } {
    const flags = this.byte();
    const min = this.u32();
    const max = flags & 1 ? this.u32() : undefined;
    return max === undefined ? { min, shared: (flags & 2) !== 0 } : { min, max, shared: (flags & 2) !== 0 };
  }
}

/** Parses the sections linking needs. Throws WasmFormatError naming the section and offset. */
export function readModule(bytes: Uint8Array): ModuleInfo {
  let section = "header";
  const c = new Cursor(bytes, () => `in the ${section} section`);
  const magic = [0x00, 0x61, 0x73, 0x6d];
  for (const m of magic) if (c.byte() !== m) throw new WasmFormatError("not a WebAssembly module (bad magic number)");
  const version = c.byte() | (c.byte() << 8) | (c.byte() << 16) | (c.byte() << 24);
  if (version !== 1) throw new WasmFormatError(`unsupported WebAssembly binary version ${version}`);

  const types: FuncType[] = [];
  const imports: ModuleImport[] = [];
  const funcTypes: FuncType[] = []; // index space: imported functions first, then defined ones
  const funcNames = new Map<number, string>();
  const rawExports: { name: string; kind: ModuleExport["kind"]; index: number }[] = [];
  let startFunction: number | undefined;
  let hasMemory = false;

  while (c.pos < c.length) {
    const id = c.byte();
    const size = c.u32();
    const end = c.pos + size;
    if (end > c.length) throw new WasmFormatError(`section ${id} overruns the module at byte ${c.pos}`);
    switch (id) {
      case 1: {
        section = "type";
        const n = c.u32();
        for (let i = 0; i < n; i++) {
          const form = c.byte();
          if (form !== 0x60) throw new WasmFormatError(`type ${i} is not a function type (0x${form.toString(16)})`);
          const params: ValType[] = [];
          for (let p = c.u32(); p > 0; p--) params.push(c.valType() as ValType);
          const results: ValType[] = [];
          for (let r = c.u32(); r > 0; r--) results.push(c.valType() as ValType);
          types.push({ params, results });
        }
        break;
      }
      case 2: {
        section = "import";
        const n = c.u32();
        for (let i = 0; i < n; i++) {
          const module = c.name();
          const name = c.name();
          const kind = c.byte();
          let desc: ImportDesc;
          if (kind === 0) {
            const t = types[c.u32()];
            if (!t) throw new WasmFormatError(`import ${module}.${name} refers to a missing type`);
            desc = { kind: "func", type: t };
            funcNames.set(funcTypes.length, `${module}.${name}`);
            funcTypes.push(t);
          } else if (kind === 1) { const element = c.valType(); const l = c.limits(); desc = l.max === undefined ? { kind: "table", element, min: l.min } : { kind: "table", element, min: l.min, max: l.max }; }
          else if (kind === 2) { desc = { kind: "memory", ...c.limits() }; hasMemory = true; }
          else if (kind === 3) { const valType = c.valType(); desc = { kind: "global", valType, mutable: c.byte() === 1 }; }
          else throw new WasmFormatError(`import ${module}.${name} has unknown kind ${kind}`);
          imports.push({ module, name, desc });
        }
        break;
      }
      case 3: {
        section = "function";
        const n = c.u32();
        for (let i = 0; i < n; i++) {
          const t = types[c.u32()];
          if (!t) throw new WasmFormatError(`function ${funcTypes.length} refers to a missing type`);
          funcTypes.push(t);
        }
        break;
      }
      case 5: section = "memory"; if (c.u32() > 0) hasMemory = true; c.pos = end; break;
      case 7: {
        section = "export";
        const n = c.u32();
        for (let i = 0; i < n; i++) {
          const name = c.name();
          const kind = EXTERNAL_KINDS[c.byte()];
          if (!kind) throw new WasmFormatError(`export ${name} has an unknown kind`);
          rawExports.push({ name, kind, index: c.u32() });
        }
        break;
      }
      case 8: section = "start"; startFunction = c.u32(); break;
      default: c.pos = end; // code, data, custom, ... are irrelevant to linking
    }
    if (c.pos !== end) throw new WasmFormatError(`section ${id} (${section}) has ${end - c.pos} unexpected trailing bytes`);
  }

  const exports: ModuleExport[] = rawExports.map((e) => {
    if (e.kind !== "func") return { name: e.name, kind: e.kind };
    if (!funcNames.has(e.index)) funcNames.set(e.index, e.name);
    const type = funcTypes[e.index];
    if (!type) throw new WasmFormatError(`export ${e.name} refers to missing function ${e.index}`);
    return { name: e.name, kind: e.kind, type };
  });
  const startFunctionName = startFunction === undefined ? undefined : funcNames.get(startFunction);
  return startFunctionName === undefined
    ? { imports, exports, ...(startFunction === undefined ? {} : { startFunction }), hasMemory }
    : { imports, exports, startFunction: startFunction!, startFunctionName, hasMemory };
}

/** Renders a signature the way cpp-host's printValTypes does in link errors: `i32 i32 -> i32`,
 * `void` for an empty list. */
export function formatSignature(t: { params: readonly string[]; results: readonly string[] }): string {
  const list = (l: readonly string[]): string => (l.length ? l.join(" ") : "void");
  return `${list(t.params)} -> ${list(t.results)}`;
}
