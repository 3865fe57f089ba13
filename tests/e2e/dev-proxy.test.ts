// The dev proxy as a user runs it (`npm start`): demo upstream, proxy and admin on loopback,
// every exchange streamed through the real module.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { startDevProxy, type DevProxy } from "../../src/dev/dev-proxy.ts";
import { defaultPluginConfiguration } from "../../src/dev/default-config.ts";
import { PAGES } from "../../src/dev/demo/pages.ts";

let dev: DevProxy;

before(async () => {
  dev = await startDevProxy({ configuration: defaultPluginConfiguration(), proxyPort: 0, adminPort: 0, demoPort: 0, logLevel: "warn" });
});
after(async () => { await dev.close(); });

function fetchRaw(url: URL, init: { method?: string; body?: Buffer } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET" }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

test("every demo page comes back through the proxy byte for byte", async () => {
  for (const page of PAGES) {
    for (const query of ["", "?rows=400"]) {
      const direct = await fetchRaw(new URL(page.path + query, dev.upstreamUrl));
      const proxied = await fetchRaw(new URL(page.path + query, dev.proxyUrl));
      assert.equal(proxied.status, 200, page.path);
      assert.equal(proxied.headers["content-type"], page.contentType);
      assert.ok(direct.body.length > 0);
      assert.ok(proxied.body.equals(direct.body), `${page.path}${query}: proxied body differs from the upstream's`);
    }
  }
});

test("the counters move in /stats/prometheus", async () => {
  const before = await fetchRaw(new URL("/stats/prometheus", dev.adminUrl));
  const count = (text: string, re: RegExp): number => Number(re.exec(text)?.[1] ?? 0);
  const statusRe = /^leakscope_transactions_total\{status="200"\} (\d+)$/m;
  const bytesRe = /^leakscope_response_body_bytes_total (\d+)$/m;
  const page = await fetchRaw(new URL("/api/users", dev.proxyUrl));
  const after = await fetchRaw(new URL("/stats/prometheus", dev.adminUrl));
  assert.equal(after.headers["content-type"], "text/plain; version=0.0.4");
  assert.equal(count(after.body.toString(), statusRe), count(before.body.toString(), statusRe) + 1);
  assert.equal(count(after.body.toString(), bytesRe), count(before.body.toString(), bytesRe) + page.body.length);
  const stats = await fetchRaw(new URL("/stats", dev.adminUrl));
  assert.match(stats.body.toString(), /^wasmcustom\.status=\.=200;\.;leakscope_transactions_total: \d+$/m);
  assert.equal((await fetchRaw(new URL("/ready", dev.adminUrl))).body.toString(), "LIVE\n");
});

test("a request body is streamed upstream and counted", async () => {
  const body = Buffer.alloc(200_000, "x");
  const before = dev.plugin.stats.value("leakscope_request_body_bytes_total") ?? 0;
  const res = await fetchRaw(new URL("/clean", dev.proxyUrl), { method: "POST", body });
  assert.equal(res.status, 200);
  assert.equal(dev.plugin.stats.value("leakscope_request_body_bytes_total"), before + body.length);
});

test("unknown pages and bad parameters get the upstream's own answer", async () => {
  const missing = await fetchRaw(new URL("/nope", dev.proxyUrl));
  assert.equal(missing.status, 404);
  const bad = await fetchRaw(new URL("/clean?rows=-1", dev.proxyUrl));
  assert.equal(bad.status, 400);
  assert.match(bad.body.toString(), /rows must be a whole number/);
});

test("an unreachable upstream gets Envoy's 503, seen by the filter as a response", async () => {
  const down = await startDevProxy({ configuration: defaultPluginConfiguration(), upstream: new URL("http://127.0.0.1:1"), proxyPort: 0, adminPort: 0, logLevel: "warn" });
  try {
    const res = await fetchRaw(new URL("/", down.proxyUrl));
    assert.equal(res.status, 503);
    assert.match(res.body.toString(), /upstream connect error/);
    assert.equal(down.plugin.stats.value("status=.=503;.;leakscope_transactions_total"), 1);
  } finally {
    await down.close();
  }
});
