// Log records shaped like Envoy's `wasm` logger output. proxy_log levels 0..5 are trace..critical;
// get_log_level may also report 6 (off). Lines follow Envoy's default pattern with the wasm
// component: `[<time>][<level>][wasm] wasm log<prefix>: <message>` (Envoy context.cc log()).
export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "critical", "off"] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface LogRecord {
  /** 0 trace .. 5 critical. */
  readonly level: number;
  readonly levelName: LogLevelName;
  /** "wasm": the module logged it (proxy_log / fd_write); "host": Envoy itself (traps, failures). */
  readonly source: "wasm" | "host";
  readonly message: string;
  /** The full Envoy-style line. */
  readonly line: string;
  /** VM instance that produced it, e.g. "worker-0", "canary-1", "base". */
  readonly vm: string;
  /** Context id at the time (0 = VM context), if any. */
  readonly contextId?: number;
  readonly timeMs: number;
}

export function levelNumber(name: LogLevelName): number { return LOG_LEVELS.indexOf(name); }

function stamp(ms: number): string {
  const d = new Date(ms);
  return d.toISOString().replace("T", " ").replace("Z", "");
}

/** Formats a line the way Envoy's default log pattern renders the wasm component. */
export function formatLine(level: number, body: string, ms: number): string {
  return `[${stamp(ms)}][${LOG_LEVELS[level]}][wasm] ${body}`;
}

/**
 * The `wasm log<prefix>` prefix (Envoy context.cc): stream contexts ` <plugin name> <root_id> <vm_id>`,
 * root contexts ` <root_id> <vm_id>`, the VM context nothing; empty parts are left out.
 */
export function logPrefix(kind: "vm" | "root" | "stream", plugin: { name: string; rootId: string; vmId: string }): string {
  const parts = kind === "stream" ? [plugin.name, plugin.rootId, plugin.vmId] : kind === "root" ? [plugin.rootId, plugin.vmId] : [];
  const kept = parts.filter((p) => p.length > 0);
  return kept.length ? ` ${kept.join(" ")}` : "";
}

/** Collects records above the configured level and forwards them to an optional listener. */
export class LogSink {
  readonly records: LogRecord[] = [];
  constructor(private readonly minLevel: number, private readonly now: () => number, private readonly listener?: (r: LogRecord) => void) {}
  get level(): number { return this.minLevel; }
  enabled(level: number): boolean { return level >= this.minLevel && this.minLevel < 6; }
  /** While set, messages at error level and above are also collected here whatever the level filter
   * (ConfigureError quotes them even when logging is off). */
  capture: string[] | null = null;
  emit(level: number, source: "wasm" | "host", message: string, body: string, vm: string, contextId?: number): void {
    if (this.capture && level >= 4) this.capture.push(`[${LOG_LEVELS[level]}] ${message}`);
    if (!this.enabled(level)) return;
    const timeMs = this.now();
    const rec: LogRecord = {
      level, levelName: LOG_LEVELS[level]!, source, message, line: formatLine(level, body, timeMs), vm, timeMs,
      ...(contextId === undefined ? {} : { contextId }),
    };
    this.records.push(rec);
    this.listener?.(rec);
  }
}
