import { hostImports } from "./runtime";
import { MetricType, WasmResult } from "./enums";
import { OUT_PTR, OUT_U64, outU32, outU64 } from "./out-params";

/**
 * Envoy stat handles. Envoy prefixes every name with `wasmcustom.` and strips that prefix again
 * in /stats/prometheus; labels travel inside the name (`k=.=v;.;name`) and are cut out by the
 * operator's `stats_tags` regexes. Defining never traps: a failed definition yields id 0 and
 * updates to id 0 are dropped, so a metrics problem can never fail traffic.
 */
export function defineMetric(type: MetricType, name: string): u32 {
  const bytes = String.UTF8.encode(name);
  store<u32>(OUT_PTR, 0);
  const result = hostImports.proxy_define_metric(type, changetype<usize>(bytes), bytes.byteLength, OUT_PTR);
  return result == WasmResult.Ok ? outU32() : 0;
}

/** Adds `delta` to a counter (delta must be > 0 for Envoy) or a gauge (any sign). */
export function incrementMetric(id: u32, delta: i64): void {
  if (id == 0 || delta == 0) return;
  hostImports.proxy_increment_metric(id, delta);
}

/** Sets a gauge, adds to a counter, or records a histogram sample. */
export function recordMetric(id: u32, value: u64): void {
  if (id == 0) return;
  hostImports.proxy_record_metric(id, value);
}

/** Current value of a counter or gauge; 0 when unknown. */
export function readMetric(id: u32): u64 {
  if (id == 0) return 0;
  store<u64>(OUT_U64, 0);
  return hostImports.proxy_get_metric(id, OUT_U64) == WasmResult.Ok ? outU64() : 0;
}

/** Renders `k=.=v;.;` label segments. `;` and `=` in values would break tag extraction. */
export function labelSegment(key: string, value: string): string {
  return key + "=.=" + value.replaceAll(";", "_").replaceAll("=", "_") + ";.;";
}
