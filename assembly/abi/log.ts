import { hostImports } from "./runtime";

// Envoy's log levels (proxy_log: 0 trace … 5 critical).
export const enum Level { Trace = 0, Debug = 1, Info = 2, Warn = 3, Error = 4, Critical = 5 }

/** Writes one line to Envoy's `wasm` logger; Envoy adds the plugin/root id prefix. */
export function logAt(level: Level, message: string): void {
  const bytes = String.UTF8.encode(message);
  hostImports.proxy_log(<usize>level, changetype<usize>(bytes), bytes.byteLength);
}

export function logInfo(message: string): void { logAt(Level.Info, message); }
export function logWarn(message: string): void { logAt(Level.Warn, message); }
export function logError(message: string): void { logAt(Level.Error, message); }

import { proxy_get_log_level } from "./imports";
import { OUT_PTR } from "./out-params";

/**
 * Whether Envoy would keep a line at `level`. Records that cost a string per message are built
 * only when this says so; on a host that cannot tell, they are built.
 */
export function logEnabled(level: Level): bool {
  store<u32>(OUT_PTR, 0);
  if (proxy_get_log_level(OUT_PTR) != 0) return true;
  return <i32>load<u32>(OUT_PTR) <= <i32>level;
}
