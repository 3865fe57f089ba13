// End to end through the built module in the strict host: the filter links, loads its
// configuration (or rejects it with a position), observes exchanges without changing them,
// and its metrics move.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPlugin, ConfigureError, type Plugin } from "../../src/index.ts";
import { LEAKSCOPE_STATS_TAGS } from "../../src/dev/stats-tags.ts";

const GET = (path: string): [string, string][] => [[":method", "GET"], [":path", path], [":authority", "svc"], [":scheme", "http"]];

async function plugin(configuration = "deployment_name: test\n", extra: Partial<Parameters<typeof loadPlugin>[0]> = {}): Promise<Plugin> {
  return loadPlugin({ configuration, statsTags: LEAKSCOPE_STATS_TAGS, ...extra });
}

test("an exchange passes through unchanged, chunk by chunk, and is counted", async () => {
  const p = await plugin();
  const chunks = [Buffer.from("hello "), Buffer.from("world, "), Buffer.from("123-45-6789")];
  const result = await p.exchange({
    request: { headers: [[":method", "POST"], [":path", "/submit"], [":authority", "svc"], [":scheme", "http"], ["content-type", "text/plain"]], body: [Buffer.from("a=1&b=2")] },
    response: { headers: [[":status", "201"], ["content-type", "text/plain"]], body: chunks },
  });
  assert.equal(result.localReply, undefined);
  assert.equal(result.reset, undefined);
  assert.equal(result.upstreamRequest?.body.toString(), "a=1&b=2");
  assert.equal(result.downstreamResponse.body.toString(), "hello world, 123-45-6789");
  assert.deepEqual(result.downstreamResponse.headers.find(([k]) => k === ":status"), [":status", "201"]);
  assert.equal(p.stats.value("leakscope_request_body_bytes_total"), 7);
  assert.equal(p.stats.value("leakscope_response_body_bytes_total"), 24);
  assert.equal(p.stats.value("status=.=201;.;leakscope_transactions_total"), 1);
  assert.equal(p.stats.value("leakscope_streams_active"), 0);
  p.close();
});

test("transactions are counted by status, and /stats/prometheus shows labels", async () => {
  const p = await plugin();
  for (const status of ["200", "200", "404", "503"]) {
    await p.exchange({ request: { headers: GET("/x") }, response: { headers: [[":status", status]], body: [Buffer.from("x")] } });
  }
  const prom = p.stats.prometheus();
  assert.match(prom, /^leakscope_transactions_total\{status="200"\} 2$/m);
  assert.match(prom, /^leakscope_transactions_total\{status="404"\} 1$/m);
  assert.match(prom, /^leakscope_transactions_total\{status="503"\} 1$/m);
  assert.match(prom, /^# TYPE leakscope_streams_active gauge$/m);
  p.close();
});

test("streams in flight are a gauge that goes up and back down", async () => {
  const p = await plugin();
  const a = p.newStream();
  const b = p.newStream();
  a.requestHeaders(GET("/a"), true);
  b.requestHeaders(GET("/b"), true);
  assert.equal(p.stats.value("leakscope_streams_active"), 2);
  a.responseHeaders([[":status", "200"]], true);
  a.end();
  assert.equal(p.stats.value("leakscope_streams_active"), 1);
  b.end(); // no response at all: counted under status "none"
  assert.equal(p.stats.value("leakscope_streams_active"), 0);
  assert.equal(p.stats.value("status=.=none;.;leakscope_transactions_total"), 1);
  p.close();
});

test("an unparsable configuration is refused with line:column, as Envoy would refuse it", async () => {
  await assert.rejects(plugin("deployment_name: x\nlocal_policy: {unclosed: [1, 2}\n"), (err: unknown) => {
    assert.ok(err instanceof ConfigureError, String(err));
    assert.match((err as Error).message, /plugin configuration 2:\d+: invalid YAML/);
    return true;
  });
});

test("a JSON configuration (Istio pluginConfig) loads", async () => {
  const p = await plugin(`{"deployment_name":"prod","max_body_bytes":1024}`);
  assert.equal(p.stats.value("result=.=ok;.;leakscope_config_loads_total"), 2); // canary + worker
  p.close();
});

test("warnings name the key and its position but do not reject", async () => {
  const p = await plugin("deployment_name: x\nmystery: 1\n");
  assert.ok(p.logs.some((r) => r.levelName === "warn" && r.message.includes("2:1: unknown plugin configuration key 'mystery'")), p.logs.map((r) => r.line).join("\n"));
  p.close();
});

test("a rejected reconfiguration keeps the previous one working", async () => {
  const p = await plugin();
  assert.equal(p.reconfigure("- not\n- a map\n"), false);
  assert.equal(p.stats.value("result=.=error;.;leakscope_config_loads_total"), 1);
  const result = await p.exchange({ request: { headers: GET("/") }, response: { headers: [[":status", "200"]], body: [Buffer.from("ok")] } });
  assert.equal(result.downstreamResponse.body.toString(), "ok");
  assert.equal(p.reconfigure("deployment_name: next\n"), true);
  p.close();
});

test("several workers each run the filter and share the stats", async () => {
  const p = await plugin(undefined, { workers: 3 });
  for (let i = 0; i < 6; i++) {
    await p.exchange({ request: { headers: GET(`/${i}`) }, response: { headers: [[":status", "200"]], body: [Buffer.from("abc")] } });
  }
  assert.equal(p.stats.value("status=.=200;.;leakscope_transactions_total"), 6);
  assert.equal(p.stats.value("leakscope_response_body_bytes_total"), 18);
  p.close();
});

test("a policy loads with the configuration and is counted; a fatal one is refused and the old one stays", async () => {
  const good = "deployment_name: t\nlocal_policy:\n  categories: { ssn: [ {regex: \"\\\\d{3}-\\\\d{2}-\\\\d{4}\"} ] }\n  endpoints: [ { config: { ssn: {} } } ]\n";
  const p = await plugin(good);
  assert.equal(p.stats.value("result=.=ok;.;leaksignal_policy_loads_total"), 2); // canary + worker
  assert.ok(p.logs.some((r) => /policy loaded: 1 category \(1 rule\), 1 endpoint \(1 config entry\)/.test(r.message)));
  const fatal = "local_policy:\n  categories: { ssn: [ {regex: \"(unclosed\"} ] }\n";
  assert.equal(p.reconfigure(fatal), false);
  assert.equal(p.stats.value("result=.=error;.;leaksignal_policy_loads_total"), 1);
  assert.ok(p.logs.some((r) => r.levelName === "error" && /plugin configuration 2:\d+: local_policy: regex '\(unclosed' cannot be compiled/.test(r.message)));
  assert.ok(p.logs.some((r) => /configuration rejected; the previous configuration and policy stay active|no configuration is active/.test(r.message)));
  const result = await p.exchange({ request: { headers: GET("/") }, response: { headers: [[":status", "200"]], body: [Buffer.from("123-45-6789")] } });
  assert.equal(result.downstreamResponse.body.toString(), "123-45-6789");
  assert.equal(p.stats.value("status=.=200;.;leakscope_transactions_total"), 1);
  p.close();
});

test("a configuration with a fatal policy is refused at startup, naming the rule's position", async () => {
  await assert.rejects(plugin("local_policy: \"categories:\\n  x:\\n    - regex: '[z-a]'\\n\"\n"), (err: unknown) => {
    assert.ok(err instanceof ConfigureError);
    assert.match((err as Error).message, /local_policy 3:14: regex '\[z-a\]' cannot be compiled/);
    return true;
  });
});
