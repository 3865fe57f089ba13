import { MetricType } from "../abi/enums";
import { defineMetric, incrementMetric, recordMetric, labelSegment } from "../abi/metrics";

const MAX_LABELLED_SERIES = 4096;
const MAX_LABEL_SETS = 1024;
// the transaction histograms of spec §8.4, in LabelledSeries.transactionIds order
const TRANSACTION_HISTOGRAMS: StaticArray<string> = [
  "leaksignal_request_time_ms", "leaksignal_response_time_ms", "leaksignal_match_time_ms",
  "leaksignal_request_size_bytes", "leaksignal_response_size_bytes",
];

/**
 * Metric ids under one transaction label set, each looked up (and its name built) the first
 * time it is used; -1 = not looked up yet. Ids never change once defined, so this is a memo.
 */
export class LabelledSeries {
  /** leaksignal_match_count ids by category: [in_response * 2 + in_header]. */
  matchCounts: Map<string, StaticArray<i64>> = new Map();
  /** leaksignal_status_code ids by status label. */
  statusCodes: Map<string, u32> = new Map();
  /** The TRANSACTION_HISTOGRAMS ids. */
  transactionIds: StaticArray<i64> = new StaticArray<i64>(5).fill(-1);
  constructor(public labels: string) {}
}

/**
 * The filter's own operational metrics (the `leaksignal_*` series of spec §8.4 come with the
 * inspection pipeline). Names carry labels as `k=.=v;.;` segments so Envoy's `stats_tags`
 * regexes (`(status=\.=(.*?);\.;)`, `(result=\.=(.*?);\.;)`) turn them into Prometheus labels.
 *
 * Ids are per VM instance (Envoy numbers them per worker) while the stats behind them are
 * shared, so every root context defines its own handles.
 */
export class FilterMetrics {
  readonly requestBodyBytes: u32;
  readonly responseBodyBytes: u32;
  readonly streamsActive: u32;
  readonly configLoadsOk: u32;
  readonly configLoadsError: u32;
  readonly policyLoadsOk: u32;
  readonly policyLoadsError: u32;
  // Status codes are bounded (100–599, plus "none"), so this map is bounded too.
  private transactionsByStatus: Map<i32, u32> = new Map();
  // Keyed by the full label-encoded name; bounded by MAX_LABELLED_SERIES.
  private labelled: Map<string, u32> = new Map();
  private byLabels: Map<string, LabelledSeries> = new Map();
  // leakscope_matches_total ids by category (bounded by the policy's categories)
  private sensitiveMatches: Map<string, u32> = new Map();
  private exploitMatches: Map<string, u32> = new Map();

  constructor() {
    this.requestBodyBytes = defineMetric(MetricType.Counter, "leakscope_request_body_bytes_total");
    this.responseBodyBytes = defineMetric(MetricType.Counter, "leakscope_response_body_bytes_total");
    this.streamsActive = defineMetric(MetricType.Gauge, "leakscope_streams_active");
    this.configLoadsOk = defineMetric(MetricType.Counter, labelSegment("result", "ok") + "leakscope_config_loads_total");
    this.configLoadsError = defineMetric(MetricType.Counter, labelSegment("result", "error") + "leakscope_config_loads_total");
    // spec §8.4: "Also exported: leaksignal_policy_loads_total{result}"
    this.policyLoadsOk = defineMetric(MetricType.Counter, labelSegment("result", "ok") + "leaksignal_policy_loads_total");
    this.policyLoadsError = defineMetric(MetricType.Counter, labelSegment("result", "error") + "leaksignal_policy_loads_total");
  }

  /** One finished transaction; status -1 when no response headers were seen (reset, timeout). */
  transaction(status: i32): void {
    const key = status >= 100 && status <= 599 ? status : -1;
    let id: u32;
    if (this.transactionsByStatus.has(key)) {
      id = this.transactionsByStatus.get(key);
    } else {
      const label = key < 0 ? "none" : key.toString();
      id = defineMetric(MetricType.Counter, labelSegment("status", label) + "leakscope_transactions_total");
      this.transactionsByStatus.set(key, id);
    }
    incrementMetric(id, 1);
  }

  policyLoaded(ok: bool): void { incrementMetric(ok ? this.policyLoadsOk : this.policyLoadsError, 1); }
  configLoaded(ok: bool): void { incrementMetric(ok ? this.configLoadsOk : this.configLoadsError, 1); }
  /**
   * The series of one transaction label set (spec §8.4 T labels). A stream looks it up once;
   * the names under it are then built once per label set, not per transaction and category.
   */
  seriesUnder(labels: string): LabelledSeries {
    const cache = this.byLabels;
    if (cache.has(labels)) return cache.get(labels);
    // only a memo of ids (the ids themselves stay defined): forgetting it when full changes nothing
    if (cache.size >= MAX_LABEL_SETS) cache.clear();
    const series = new LabelledSeries(labels);
    cache.set(labels, series);
    return series;
  }

  /**
   * leaksignal_match_count (spec §8.4): one observation per (category, in_response, in_header)
   * with at least one match, valued at its count, under the transaction's T labels.
   */
  matchCount(t: LabelledSeries, category: string, inResponse: bool, inHeader: bool, count: i32): void {
    let ids: StaticArray<i64>;
    if (t.matchCounts.has(category)) ids = t.matchCounts.get(category);
    else { ids = new StaticArray<i64>(4).fill(-1); t.matchCounts.set(category, ids); }
    const at = (inResponse ? 2 : 0) + (inHeader ? 1 : 0);
    let id = unchecked(ids[at]);
    if (id < 0) {
      const name = t.labels + labelSegment("in_response", inResponse ? "true" : "false") +
        labelSegment("in_header", inHeader ? "true" : "false") + labelSegment("category", category) + "leaksignal_match_count";
      id = <i64>this.series(MetricType.Histogram, name);
      unchecked(ids[at] = id);
    }
    recordMetric(<u32>id, <u64>count);
  }

  /**
   * The per-transaction series of spec §8.4: leaksignal_status_code (+1) and the timing and
   * size histograms. Envoy's wasm histograms take whole numbers, so times are whole ms.
   */
  transactionSeries(t: LabelledSeries, status: string, requestMs: u64, responseMs: u64, matchMs: u64, requestBytes: u64, responseBytes: u64): void {
    let statusId: u32;
    if (t.statusCodes.has(status)) statusId = t.statusCodes.get(status);
    else {
      statusId = this.series(MetricType.Counter, t.labels + labelSegment("status", status) + "leaksignal_status_code");
      t.statusCodes.set(status, statusId);
    }
    incrementMetric(statusId, 1);
    const ids = t.transactionIds;
    if (unchecked(ids[0]) < 0) {
      for (let i = 0; i < TRANSACTION_HISTOGRAMS.length; i++) {
        unchecked(ids[i] = <i64>this.series(MetricType.Histogram, t.labels + TRANSACTION_HISTOGRAMS[i]));
      }
    }
    recordMetric(<u32>unchecked(ids[0]), requestMs);
    recordMetric(<u32>unchecked(ids[1]), responseMs);
    recordMetric(<u32>unchecked(ids[2]), matchMs);
    recordMetric(<u32>unchecked(ids[3]), requestBytes);
    recordMetric(<u32>unchecked(ids[4]), responseBytes);
  }

  /** leakscope_matches_total{category, kind}: matches per category, for "sensitive data per minute" rates. */
  matches(category: string, exploit: bool, count: i32): void {
    const ids = exploit ? this.exploitMatches : this.sensitiveMatches;
    let id: u32;
    if (ids.has(category)) id = ids.get(category);
    else {
      const name = labelSegment("category", category) + labelSegment("kind", exploit ? "exploit" : "sensitive") + "leakscope_matches_total";
      id = this.series(MetricType.Counter, name);
      ids.set(category, id);
    }
    incrementMetric(id, <i64>count);
  }

  private series(type: MetricType, name: string): u32 {
    if (this.labelled.has(name)) return this.labelled.get(name);
    // Past the bound new label combinations are not recorded: cardinality stays bounded.
    if (this.labelled.size >= MAX_LABELLED_SERIES) return 0;
    const id = defineMetric(type, name);
    this.labelled.set(name, id);
    return id;
  }

  streamOpened(): void { incrementMetric(this.streamsActive, 1); }
  streamClosed(): void { incrementMetric(this.streamsActive, -1); }
  requestBody(bytes: i64): void { incrementMetric(this.requestBodyBytes, bytes); }
  responseBody(bytes: i64): void { incrementMetric(this.responseBodyBytes, bytes); }
}
