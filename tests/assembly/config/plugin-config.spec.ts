import { parsePluginConfig, PluginConfigResult, Direction } from "../../../assembly/config/plugin-config";

function parse(text: string): PluginConfigResult {
  return parsePluginConfig(Uint8Array.wrap(String.UTF8.encode(text)));
}

function messages(result: PluginConfigResult): string {
  const out: string[] = [];
  for (let i = 0; i < result.problems.items.length; i++) out.push(result.problems.items[i].toString());
  return out.join("\n");
}

describe("plugin configuration", () => {
  it("treats an empty configuration as every key absent", () => {
    for (let i = 0; i < 3; i++) {
      const r = parse(i == 0 ? "" : i == 1 ? "  \n\t\n" : "# only a comment\n");
      expect(r.config).not.toBeNull();
      expect(r.problems.items.length).toBe(0);
      const c = r.config!;
      expect(c.localPolicy).toBeNull();
      expect(c.enableMetrics).toBe(true);
      expect(c.maxBodyBytes).toBe(16777216);
      expect(c.maxBufferBytes).toBe(1048576);
      expect(c.regexStepBudget).toBe(1000000);
      expect(c.direction).toBe(Direction.Auto);
      expect(c.metricsIdentityLabels).toBe(false);
    }
  });

  it("reads every documented key from YAML", () => {
    const r = parse(`upstream_cluster: leaksignal_infra
upstream_host: ingestion.app.leaksignal.com
api_key: $API_KEY
deployment_name: 0042
enable_metrics: false
max_body_bytes: 1024
max_buffer_bytes: 0
direction: outbound
metrics_identity_labels: TRUE
regex_step_budget: 5000
local_policy:
  categories: {}
`);
    expect(messages(r)).toBe("");
    const c = r.config!;
    expect(c.upstreamCluster).toBe("leaksignal_infra");
    expect(c.upstreamHost).toBe("ingestion.app.leaksignal.com");
    // spec §1: api_key is literal, no env expansion
    expect(c.apiKey).toBe("$API_KEY");
    // spec §2.1: a scalar where a string is expected keeps its source text
    expect(c.deploymentName).toBe("0042");
    expect(c.enableMetrics).toBe(false);
    expect(c.maxBodyBytes).toBe(1024);
    expect(c.maxBufferBytes).toBe(0);
    expect(c.direction).toBe(Direction.Outbound);
    expect(c.metricsIdentityLabels).toBe(true);
    expect(c.regexStepBudget).toBe(5000);
    expect(c.localPolicy).not.toBeNull();
    expect(c.hasUpstream()).toBe(true);
  });

  it("brotli_window_bytes: default 4 MiB, rounded down to a power of two, clamped to [1 KiB, 16 MiB] with a warning", () => {
    expect(parse("").config!.brotliWindowBytes).toBe(4 << 20);
    expect(parse("brotli_window_bytes: 65536\n").config!.brotliWindowBytes).toBe(65536);
    expect(parse("brotli_window_bytes: 100000\n").config!.brotliWindowBytes).toBe(65536);
    const low = parse("brotli_window_bytes: 10\n");
    expect(low.config!.brotliWindowBytes).toBe(1024);
    expect(messages(low)).toBe("1:22: 'brotli_window_bytes' must be between 1024 and 16777216, found 10; 1024 is used");
    expect(parse("brotli_window_bytes: 99999999\n").config!.brotliWindowBytes).toBe(16 << 20);
    const wrong = parse("brotli_window_bytes: big\n");
    expect(wrong.config!.brotliWindowBytes).toBe(4 << 20);
    expect(messages(wrong)).toBe("1:22: 'brotli_window_bytes' must be a whole number >= 0, found a string; ignored");
  });

  it("reads JSON, as Istio passes pluginConfig", () => {
    const r = parse(`{"deployment_name": "prod", "upstream_url": "https://ingestion.example.com", "local_policy": "categories: {}"}`);
    expect(messages(r)).toBe("");
    expect(r.config!.deploymentName).toBe("prod");
    expect(r.config!.upstreamUrl).toBe("https://ingestion.example.com");
    expect(r.config!.localPolicy!.text).toBe("categories: {}");
  });

  it("rejects YAML that does not parse, naming line and column", () => {
    const r = parse("deployment_name: a\nlocal_policy: [unclosed\n");
    expect(r.config).toBeNull();
    expect(r.problems.hasFatal()).toBe(true);
    const first = r.problems.firstFatal()!;
    expect(first.line).toBeGreaterThan(1);
    expect(first.message.startsWith("invalid YAML: ")).toBe(true);
  });

  it("rejects a top level that is not a map", () => {
    const r = parse("- a\n- b\n");
    expect(r.config).toBeNull();
    expect(r.problems.firstFatal()!.toString()).toBe("1:1: plugin configuration must be a map, found a list");
  });

  it("warns and keeps defaults for wrong types and unknown keys", () => {
    const r = parse(`max_body_bytes: lots
enable_metrics: yes
direction: sideways
bogus: 1
group: g
streaming: true
upstream_url: grpc://x
`);
    expect(r.config).not.toBeNull();
    expect(r.problems.hasFatal()).toBe(false);
    expect(messages(r)).toBe(`1:17: 'max_body_bytes' must be a whole number >= 0, found a string; ignored
2:17: 'enable_metrics' must be true or false, found a string; ignored
3:12: 'direction' must be auto, inbound or outbound; keeping the default
4:1: unknown plugin configuration key 'bogus' is ignored
5:1: legacy key 'group' is ignored
6:12: 'streaming: true' (LeakSignal L4 mode) is not supported; HTTP inspection stays on
7:15: 'upstream_url' must start with http:// or https://, found 'grpc://x'; ignored`);
    const c = r.config!;
    expect(c.maxBodyBytes).toBe(16777216);
    expect(c.enableMetrics).toBe(true);
    expect(c.upstreamUrl).toBe("");
  });

  it("rejects a negative size with a warning", () => {
    const r = parse("max_buffer_bytes: -5\n");
    expect(r.config!.maxBufferBytes).toBe(1048576);
    expect(r.problems.countWarnings()).toBe(1);
  });

  it("passes duplicate-key warnings through with their position", () => {
    const r = parse("api_key: a\napi_key: b\n");
    expect(r.config!.apiKey).toBe("b");
    expect(r.problems.countWarnings()).toBe(1);
    expect(r.problems.items[0].line).toBe(2);
  });
});
