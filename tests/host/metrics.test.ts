// Wasm metrics as Envoy names, updates and exports them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WasmResult } from "../../src/host/abi/envoy-abi.ts";
import { MetricTable, StatsStore } from "../../src/host/metrics.ts";
import { extractTags, prometheusName, renderPrometheus } from "../../src/host/prometheus.ts";
import { GET, loadRecorder, OK, POST, b } from "./helpers.ts";

test("metric ids and update rules follow Envoy", () => {
  const store = new StatsStore();
  const t = new MetricTable(store);
  const c = t.define(0, "c").id!; const g = t.define(1, "g").id!; const h = t.define(2, "h").id!;
  assert.deepEqual([c, g, h, t.define(0, "c2").id], [4, 5, 6, 8]);
  assert.equal(t.define(3, "x").result, WasmResult.BadArgument);
  assert.equal(t.increment(c, 0n), WasmResult.BadArgument, "a counter needs offset > 0");
  assert.equal(t.increment(c, 2n), WasmResult.Ok);
  assert.equal(t.record(c, 3n), WasmResult.Ok, "record on a counter adds");
  assert.equal(t.get(c).value, 5n);
  assert.equal(t.increment(g, 7n), WasmResult.Ok);
  assert.equal(t.increment(g, -2n), WasmResult.Ok);
  assert.equal(t.get(g).value, 5n);
  assert.equal(t.record(g, 42n), WasmResult.Ok, "record on a gauge sets");
  assert.equal(t.get(g).value, 42n);
  assert.equal(t.increment(h, 1n), WasmResult.BadArgument, "histograms cannot be incremented");
  assert.equal(t.record(h, 12n), WasmResult.Ok);
  assert.equal(t.get(h).result, WasmResult.BadArgument);
  assert.equal(t.get(99).result, WasmResult.NotFound);
  // Defining the same name again: a new id bound to the same stat.
  const again = t.define(0, "c").id!;
  assert.equal(t.increment(again, 1n), WasmResult.Ok);
  assert.equal(store.get("wasmcustom.c")!.value, 6n);
});

test("prometheus names: tags first, namespace stripped, sanitized, digits dropped", () => {
  const tags = [{ tag_name: "rule_id", regex: "(_ruleid=([0-9]+))" }, { tag_name: "phase", regex: "(_phase=([a-z_]+))" }];
  assert.deepEqual(prometheusName("wasmcustom.waf_filter.tx.interruptions_ruleid=941100_phase=http_request_headers", tags),
    { name: "waf_filter_tx_interruptions", tags: [["rule_id", "941100"], ["phase", "http_request_headers"]] });
  assert.deepEqual(extractTags("wasmcustom.x_env=prod", [{ tag_name: "env", regex: "_env=(\\w+)" }]), { name: "wasmcustom.x_env=", tags: [["env", "prod"]] });
  assert.deepEqual(prometheusName("wasmcustom.my.requests-total", []), { name: "my_requests_total", tags: [] });
  assert.equal(prometheusName("wasmcustom.9lives", []), undefined);
  assert.throws(() => extractTags("wasmcustom.x", [{ tag_name: "bad", regex: "(" }]), /stats_tags bad: invalid regex/);
  const store = new StatsStore();
  const t = new MetricTable(store);
  t.increment(t.define(0, "hits_kind=a").id!, 2n);
  t.increment(t.define(0, "hits_kind=b").id!, 3n);
  assert.equal(renderPrometheus(store, [{ tag_name: "kind", regex: "(_kind=([a-z]+))" }]),
    '# TYPE hits counter\nhits{kind="a"} 2\nhits{kind="b"} 3\n');
});

test("stats from every worker add up; /stats and /stats/prometheus output", async () => {
  const p = await loadRecorder("0000--", { workers: 2, statsTags: [{ tag_name: "kind", regex: "(_kind=([a-z]+))" }] });
  await p.exchange({ request: { headers: POST, body: [b("12345")] }, response: { headers: OK } });
  await p.exchange({ request: { headers: POST, body: [b("1234567")] }, response: { headers: OK } });
  await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(p.stats.value("hits_kind=alpha"), 3);
  assert.equal(p.stats.value("wasmcustom.active"), 0);
  assert.deepEqual(p.stats.samples("req.body_bytes"), [5, 7]);
  const text = p.stats.text();
  assert.match(text, /^wasmcustom\.9lives: 3$/m);
  assert.match(text, /^wasmcustom\.hits_kind=alpha: 3$/m);
  const prom = p.stats.prometheus();
  assert.match(prom, /^# TYPE hits counter\nhits\{kind="alpha"\} 3$/m);
  assert.match(prom, /^# TYPE active gauge\nactive 0$/m);
  assert.match(prom, /^# TYPE req_body_bytes histogram$/m);
  assert.match(prom, /^req_body_bytes_bucket\{le="5"\} 1$/m);
  assert.match(prom, /^req_body_bytes_bucket\{le="10"\} 2$/m);
  assert.match(prom, /^req_body_bytes_bucket\{le="\+Inf"\} 2$/m);
  assert.match(prom, /^req_body_bytes_sum 12$/m);
  assert.match(prom, /^req_body_bytes_count 2$/m);
  assert.doesNotMatch(prom, /9lives/);
  p.close();
});
