// Decides, before instantiation, whether Envoy would load a module, in the order Envoy checks:
// ABI marker (cpp-host src/bytecode_util.cc getAbiVersion, before compiling), imports (src/v8/v8.cc
// link), then the exports looked up after instantiation (src/wasm.cc getFunctions / startVm).
import { ABI_MARKERS, type AbiVersion, type EnvoyVersion } from "./abi/envoy-abi.ts";
import { expectedExport, hostImportTable } from "./abi-table.ts";
import { formatSignature, readModule, WasmFormatError, type ModuleInfo } from "./binary-reader.ts";
import { LinkError } from "./errors.ts";

/** What the VM needs to know about a module that passed the link checks. */
export interface LinkPlan {
  readonly info: ModuleInfo;
  readonly abi: AbiVersion;
  /** The allocator Envoy uses: malloc wins over proxy_on_memory_allocate when both exist. */
  readonly allocator: "malloc" | "proxy_on_memory_allocate";
  /** Start functions in the order Envoy calls them. */
  readonly startCalls: readonly { name: string; args: number[] }[];
  readonly hasStartSection: boolean;
}

function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** Parses and checks a module; throws LinkError listing every reason Envoy would refuse it. */
export function linkModule(bytes: Uint8Array, envoy: EnvoyVersion): LinkPlan {
  let info: ModuleInfo;
  try {
    info = readModule(bytes);
  } catch (e) {
    if (e instanceof WasmFormatError) throw new LinkError([`Failed to load Wasm code: ${e.message}`]);
    throw e;
  }
  const problems: string[] = [];

  // The first *function* export named like a marker decides the ABI; its signature is ignored.
  const marker = info.exports.find((e) => e.kind === "func" && e.name in ABI_MARKERS);
  const abi = marker ? ABI_MARKERS[marker.name]! : undefined;
  if (!abi) problems.push("Missing or unknown Proxy-Wasm ABI version (export one of proxy_abi_version_0_1_0, proxy_abi_version_0_2_0, proxy_abi_version_0_2_1)");

  const table = hostImportTable(envoy, abi ?? "0.2.1");
  for (const imp of info.imports) {
    const key = `${imp.module}.${imp.name}`;
    if (imp.desc.kind === "memory" || imp.desc.kind === "table") continue; // created by the host from the import's limits
    const host = table.get(key);
    // A global import is not supported by cpp-host's linker and is reported as a missing import.
    if (imp.desc.kind === "global" || !host) {
      const why = imp.desc.kind === "global"
        ? " (a global import; Envoy links functions, memories and tables only)"
        : ` (not provided by Envoy ${envoy}${abi ? ` for ABI ${abi}` : ""})`;
      problems.push(`Failed to load Wasm module due to a missing import: ${key}${why}`);
      continue;
    }
    const t = imp.desc.type;
    if (!sameTypes(t.params, host.params) || !sameTypes(t.results, host.results)) {
      problems.push(`Failed to load Wasm module due to an import type mismatch: ${key}, want: ${formatSignature(t)}, but host exports: ${formatSignature(host)}`);
    }
  }

  const exported = new Map(info.exports.map((e) => [e.name, e]));
  const hasMemory = info.exports.some((e) => e.kind === "memory") || info.imports.some((i) => i.desc.kind === "memory");
  if (!hasMemory) problems.push("Wasm module is missing a linear memory: it must export (or import) one");

  const malloc = exported.get("malloc");
  const allocator = malloc?.kind === "func" ? "malloc" : exported.get("proxy_on_memory_allocate")?.kind === "func" ? "proxy_on_memory_allocate" : undefined;
  if (!allocator) problems.push("Wasm module is missing malloc function. (export malloc or proxy_on_memory_allocate, (i32) -> i32)");

  const hasInitialize = exported.get("_initialize")?.kind === "func";
  for (const e of info.exports) {
    if (e.kind !== "func" || !e.type) continue;
    // main/__main_void are looked up only next to _initialize, _start only without it.
    if ((e.name === "main" || e.name === "__main_void") && !hasInitialize) continue;
    if (e.name === "_start" && hasInitialize) continue;
    if (e.name === "proxy_on_memory_allocate" && allocator === "malloc") continue;
    const want = expectedExport(e.name, abi ?? "0.2.1", envoy);
    if (!want) continue;
    if (!sameTypes(e.type.params, want.params) || !sameTypes(e.type.results, want.results)) {
      problems.push(`Bad function signature for: ${e.name}, want: ${formatSignature(want)}, but the module exports: ${formatSignature(e.type)}`);
    }
  }

  if (problems.length || !abi || !allocator) throw new LinkError(problems);

  const startCalls: { name: string; args: number[] }[] = [];
  if (hasInitialize) {
    startCalls.push({ name: "_initialize", args: [] });
    if (exported.get("main")?.kind === "func") startCalls.push({ name: "main", args: [0, 0] });
    else if (envoy === "latest" && exported.get("__main_void")?.kind === "func") startCalls.push({ name: "__main_void", args: [] });
  } else if (exported.get("_start")?.kind === "func") {
    startCalls.push({ name: "_start", args: [] });
  }
  return { info, abi, allocator, startCalls, hasStartSection: info.startFunction !== undefined };
}
