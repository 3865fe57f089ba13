// Wasm custom metrics as Envoy keeps them (EW context.cc defineMetric/incrementMetric/recordMetric/
// getMetric; stats_handler.h CustomStatNamespace "wasmcustom"). The store is shared by every VM of
// a plugin (Envoy stats are process-wide, so worker values add up); metric ids are per VM.
import { WasmResult } from "./abi/envoy-abi.ts";

export type MetricKind = "counter" | "gauge" | "histogram";
const KINDS: MetricKind[] = ["counter", "gauge", "histogram"];

/** Envoy's default histogram bucket bounds (source/common/stats/histogram_impl.h). */
export const DEFAULT_BUCKETS: readonly number[] = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

export interface Stat {
  readonly name: string;
  readonly kind: MetricKind;
  /** Counter (u64) or gauge (u64 in Envoy; kept signed here so a decrement below 0 stays visible) value. */
  value: bigint;
  /** Histogram samples (values recorded), kept whole so tests can check them exactly. */
  readonly samples: number[];
}

/** Process-wide stats of one plugin: the full Envoy stat name is `wasmcustom.<metric name>`. */
export class StatsStore {
  private readonly stats = new Map<string, Stat>();
  get(fullName: string): Stat | undefined { return this.stats.get(fullName); }
  all(): Stat[] { return [...this.stats.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); }
  /** Finds or creates the stat. A name already used with another kind keeps its first kind (Envoy
   * scopes key counters, gauges and histograms separately; here one name = one stat). */
  define(kind: MetricKind, metricName: string): Stat {
    const full = `wasmcustom.${metricName}`;
    let s = this.stats.get(full);
    if (!s) { s = { name: full, kind, value: 0n, samples: [] }; this.stats.set(full, s); }
    return s;
  }
}

/** Per-VM metric ids: counters 4, 8, 12..; gauges 5, 9..; histograms 6, 10.. (id & 3 = type). */
export class MetricTable {
  private readonly byId = new Map<number, Stat>();
  private readonly next = [4, 5, 6];
  constructor(private readonly store: StatsStore) {}

  define(type: number, name: string): { result: number; id?: number } {
    const kind = KINDS[type];
    if (!kind) return { result: WasmResult.BadArgument };
    const stat = this.store.define(kind, name);
    const id = this.next[type]!;
    this.next[type] = id + 4;
    this.byId.set(id, stat);
    return { result: WasmResult.Ok, id };
  }

  increment(id: number, offset: bigint): number {
    const s = this.byId.get(id);
    if (!s) return WasmResult.NotFound;
    if (s.kind === "counter") {
      if (offset <= 0n) return WasmResult.BadArgument;
      s.value += offset;
    } else if (s.kind === "gauge") {
      s.value += offset;
    } else {
      return WasmResult.BadArgument; // Envoy: histograms cannot be incremented, only recorded
    }
    return WasmResult.Ok;
  }

  /** record: a counter adds, a gauge is set, a histogram records a sample (u64 value). */
  record(id: number, value: bigint): number {
    const s = this.byId.get(id);
    if (!s) return WasmResult.NotFound;
    const v = BigInt.asUintN(64, value);
    if (s.kind === "counter") s.value += v;
    else if (s.kind === "gauge") s.value = v;
    else s.samples.push(Number(v));
    return WasmResult.Ok;
  }

  get(id: number): { result: number; value?: bigint } {
    const s = this.byId.get(id);
    if (!s) return { result: WasmResult.NotFound };
    if (s.kind === "histogram") return { result: WasmResult.BadArgument };
    return { result: WasmResult.Ok, value: s.value };
  }
}
