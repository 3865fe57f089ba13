// examples/envoy/envoy.yaml is what users copy: its filter configuration must load in the
// strict host and its stats_tags must be the ones the filter's metric names need.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { loadPlugin } from "../../src/index.ts";
import { LEAKSCOPE_STATS_TAGS } from "../../src/dev/stats-tags.ts";

const envoy = parse(readFileSync(new URL("../../examples/envoy/envoy.yaml", import.meta.url), "utf8"));

test("the example's stats_tags match the labels the filter encodes", () => {
  assert.deepEqual(envoy.stats_config.stats_tags, LEAKSCOPE_STATS_TAGS);
});

test("the example's wasm filter configuration loads with its name and root_id", async () => {
  const hcm = envoy.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
  const wasm = hcm.http_filters.find((f: { name: string }) => f.name === "envoy.filters.http.wasm").typed_config.config;
  assert.equal(wasm.configuration["@type"], "type.googleapis.com/google.protobuf.StringValue");
  const plugin = await loadPlugin({ configuration: wasm.configuration.value, name: wasm.name, rootId: wasm.root_id, envoyVersion: "1.28" });
  assert.ok(plugin.logs.some((r) => r.message.startsWith("configuration loaded")));
  plugin.close();
});
