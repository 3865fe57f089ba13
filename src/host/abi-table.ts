// The host's import table for a target Envoy version and ABI version: what a module may import.
// cpp-host registers the ABI-specific proxy_* functions only for their ABI (src/wasm.cc
// registerCallbacks), WASI under both module names, and nothing else (other modules = missing).
import {
  ALLOWED_DURING_MALLOC, ALLOWED_DURING_START, ENV_IMPORTS, KNOWN_EXPORTS, WASI_IMPORTS, WASI_MODULES,
  type AbiVersion, type EnvoyVersion, type HostImport, type KnownExport, type ValType,
} from "./abi/envoy-abi.ts";

const ORDER: Record<EnvoyVersion, number> = { "1.28": 0, "1.33": 1, latest: 2 };
export const ENVOY_VERSIONS: readonly EnvoyVersion[] = ["1.28", "1.33", "latest"];

export function atLeast(target: EnvoyVersion, since: EnvoyVersion): boolean {
  return ORDER[target] >= ORDER[since];
}

/** Map from "module.name" to the host function description Envoy registers. */
export function hostImportTable(envoy: EnvoyVersion, abi: AbiVersion): Map<string, HostImport> {
  const table = new Map<string, HostImport>();
  for (const f of ENV_IMPORTS) {
    if (f.abi && !f.abi.includes(abi)) continue;
    if (atLeast(envoy, f.since)) table.set(`env.${f.name}`, f);
  }
  for (const f of WASI_IMPORTS) {
    if (!atLeast(envoy, f.since)) continue;
    for (const m of WASI_MODULES) table.set(`${m}.${f.name}`, f);
  }
  return table;
}

/** Signature Envoy expects for a known export under an ABI version, or undefined if not looked up. */
export function expectedExport(name: string, abi: AbiVersion, envoy: EnvoyVersion): { params: readonly ValType[]; results: readonly ValType[] } | undefined {
  const e: KnownExport | undefined = KNOWN_EXPORTS.find((k) => k.name === name);
  if (!e) return undefined;
  if (e.abi && !e.abi.includes(abi)) return undefined;
  if (e.since && !atLeast(envoy, e.since)) return undefined;
  const params = Array.isArray(e.params) ? (e.params as readonly ValType[]) : (e.params as Record<AbiVersion, readonly ValType[]>)[abi];
  return { params, results: e.results };
}

function matches(list: readonly string[], name: string): boolean {
  return list.some((p) => (p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : p === name));
}

/** Whether a host call (bare name) is allowed while the module's start functions run. */
export function allowedDuringStart(envoy: EnvoyVersion, name: string): boolean {
  return matches(ALLOWED_DURING_START[envoy], name);
}

/** Whether a host call (bare name) is allowed while the guest allocator runs. */
export function allowedDuringMalloc(envoy: EnvoyVersion, name: string): boolean {
  return matches(ALLOWED_DURING_MALLOC[envoy], name);
}
