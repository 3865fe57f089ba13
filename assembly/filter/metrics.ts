import { MetricType } from "../abi/enums";
import { defineMetric, incrementMetric, recordMetric, labelSegment } from "../abi/metrics";

const MAX_LABELLED_SERIES = 4096;

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
   * leaksignal_match_count (spec §8.4): one observation per (category, in_response, in_header)
   * with at least one match, valued at its count. `labels` is the transaction's T labels.
   */
  matchCount(labels: string, category: string, inResponse: bool, inHeader: bool, count: i32): void {
    const name = labels + labelSegment("in_response", inResponse ? "true" : "false") +
      labelSegment("in_header", inHeader ? "true" : "false") + labelSegment("category", category) + "leaksignal_match_count";
    recordMetric(this.series(MetricType.Histogram, name), <u64>count);
  }

  /**
   * The per-transaction series of spec §8.4: leaksignal_status_code (+1) and the timing and
   * size histograms. Envoy's wasm histograms take whole numbers, so times are whole ms.
   */
  transactionSeries(labels: string, status: string, requestMs: u64, responseMs: u64, matchMs: u64, requestBytes: u64, responseBytes: u64): void {
    incrementMetric(this.series(MetricType.Counter, labels + labelSegment("status", status) + "leaksignal_status_code"), 1);
    recordMetric(this.series(MetricType.Histogram, labels + "leaksignal_request_time_ms"), requestMs);
    recordMetric(this.series(MetricType.Histogram, labels + "leaksignal_response_time_ms"), responseMs);
    recordMetric(this.series(MetricType.Histogram, labels + "leaksignal_match_time_ms"), matchMs);
    recordMetric(this.series(MetricType.Histogram, labels + "leaksignal_request_size_bytes"), requestBytes);
    recordMetric(this.series(MetricType.Histogram, labels + "leaksignal_response_size_bytes"), responseBytes);
  }

  /** leakscope_matches_total{category, kind}: matches per category, for "sensitive data per minute" rates. */
  matches(category: string, exploit: bool, count: i32): void {
    const name = labelSegment("category", category) + labelSegment("kind", exploit ? "exploit" : "sensitive") + "leakscope_matches_total";
    incrementMetric(this.series(MetricType.Counter, name), <i64>count);
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
