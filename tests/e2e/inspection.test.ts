// Inspection in the filter, through the Node API: what runs where is decided per request by
// the policy's endpoints (spec §4.3), and findings leave as debug records and metrics.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPlugin, type Plugin } from "../../src/index.ts";

const POLICY = `
categories:
  ssn: [ {regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"} ]
  secret_word: [ {raw_insensitive: topsecret} ]
endpoints:
  - matches: "**"
    config: { ssn: {} }
  - matches: { request_headers: { x-tenant: gold } }
    config: { secret_word: { search: all } }
  - matches: "*/public/**"
    config: { ssn: { action: ignore } }
`;

async function plugin(): Promise<Plugin> {
  return loadPlugin({ configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug" });
}

function records(logs: { message: string }[]): Array<Record<string, unknown>> {
  return logs.filter((l) => l.message.startsWith("leakscope match ")).map((l) => JSON.parse(l.message.slice(16)));
}

async function exchange(p: Plugin, path: string, requestHeaders: [string, string][], body: string) {
  return p.exchange({
    request: { headers: [[":method", "GET"], [":path", path], [":authority", "shop.test"], [":scheme", "http"], ...requestHeaders] },
    response: { headers: [[":status", "200"], ["content-type", "text/plain"], ["x-note", "TopSecret header"]], body: [Buffer.from(body.slice(0, 7)), Buffer.from(body.slice(7))] },
  });
}

test("an endpoint whose matches is a RuleFilter on request headers applies only when they match", async () => {
  const p = await plugin();
  const body = "ssn 123-45-6789 and topsecret";
  const plain = records((await exchange(p, "/a", [], body)).logs);
  assert.deepEqual(plain.map((r) => r.category), ["ssn"]);
  const gold = records((await exchange(p, "/a", [["x-tenant", "gold"]], body)).logs);
  assert.deepEqual(gold.map((r) => `${r.category}:${r.part}:${r.header}:${r.value}`).sort(), [
    "secret_word:body::topsecret",
    "secret_word:header:x-note:TopSecret",
    "ssn:body::123-45-6789",
  ]);
  p.close();
});

test("a JSON body after a malformed one on the same worker is parsed from a clean state (paths, offsets, blob_idx)", async () => {
  const p = await plugin();
  const json = async (body: string) => records((await p.exchange({
    request: { headers: [[":method", "GET"], [":path", "/a"], [":authority", "shop.test"], [":scheme", "http"]] },
    response: { headers: [[":status", "200"], ["content-type", "application/json"]], body: [Buffer.from(body)] },
  })).logs);
  // cut inside a key, several levels deep, in the second document, with an escape pending
  const broken = await json('{"a":1}\n{"x":{"y":[{"ke\\u00');
  assert.deepEqual(broken, []);
  for (let i = 0; i < 2; i++) {
    const found = await json('{"users":[{"id":"ssn 123-45-6789"}]}');
    assert.deepEqual(found.map((r) => `${r.path}@${r.offset}/${r.blob_idx}`), ["users[0].id@21/0"], `message ${i + 1}`);
  }
  p.close();
});

test("entries are selected per message by direction and parser, also when the same target alternates content types", async () => {
  const policy = `
categories:
  ssn: [ {regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"} ]
endpoints:
  - matches: "**"
    config: { ssn: { content_types: json } }
`;
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(policy)}\n`, logLevel: "debug" });
  const send = async (contentType: string, body: string) => records((await p.exchange({
    request: { headers: [[":method", "POST"], [":path", "/a"], [":authority", "shop.test"], [":scheme", "http"], ["content-type", contentType]], body: [Buffer.from(body)] },
    response: { headers: [[":status", "200"], ["content-type", contentType]], body: [Buffer.from(body)] },
  })).logs).map((r) => r.direction);
  const json = '{"n":"123-45-6789"}', text = "ssn 123-45-6789";
  assert.deepEqual(await send("text/plain", text), []);
  assert.deepEqual(await send("application/json", json), ["request", "response"]);
  assert.deepEqual(await send("text/plain", text), []);
  assert.deepEqual(await send("application/json", json), ["request", "response"]);
  p.close();
});

test("a more specific endpoint can switch an entry off (action: ignore)", async () => {
  const p = await plugin();
  const off = records((await exchange(p, "/public/page", [], "ssn 123-45-6789")).logs);
  assert.deepEqual(off, []);
  p.close();
});

test("a value split across chunks is found at its offset in the body, and counted", async () => {
  const p = await plugin();
  const result = await p.exchange({
    request: { headers: [[":method", "GET"], [":path", "/x"], [":authority", "shop.test"], [":scheme", "http"]] },
    response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: ["ssn 123-4", "5-67", "89 end"].map((s) => Buffer.from(s)) },
  });
  const [r] = records(result.logs);
  assert.equal(r.offset, 4);
  assert.equal(r.length, 11);
  assert.equal(result.downstreamResponse.body.toString(), "ssn 123-45-6789 end", "observe mode forwards the body unchanged");
  assert.equal(p.stats.value("category=.=ssn;.;kind=.=sensitive;.;leakscope_matches_total"), 1);
  const hist = p.stats.samples("deployment=.=;.;policy_path=.=**;.;local_service=.=external;.;peer_service=.=external;.;is_outbound=.=false;.;ip=.=;.;token=.=;.;in_response=.=true;.;in_header=.=false;.;category=.=ssn;.;leaksignal_match_count");
  assert.deepEqual(hist, [1]);
  p.close();
});

test("without debug logging no records are built, but metrics still count", async () => {
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "info" });
  const result = await exchange(p, "/x", [], "ssn 123-45-6789");
  assert.deepEqual(records(result.logs), []);
  assert.equal(p.stats.value("category=.=ssn;.;kind=.=sensitive;.;leakscope_matches_total"), 1);
  p.close();
});

test("each transaction records leaksignal_status_code and the size and time histograms (spec §8.4)", async () => {
  const p = await plugin();
  await exchange(p, "/a", [], "ssn 123-45-6789 and more text");
  const T = "deployment=.=;.;policy_path=.=**;.;local_service=.=external;.;peer_service=.=external;.;is_outbound=.=false;.;ip=.=;.;token=.=;.;";
  assert.equal(p.stats.value(`${T}status=.=200;.;leaksignal_status_code`), 1);
  assert.deepEqual(p.stats.samples(`${T}leaksignal_response_size_bytes`), [29]);
  assert.deepEqual(p.stats.samples(`${T}leaksignal_request_size_bytes`), [0]);
  for (const h of ["request_time_ms", "response_time_ms", "match_time_ms"]) assert.equal(p.stats.samples(`${T}leaksignal_${h}`)?.length, 1, h);
  p.close();
});

test("with no policy there are no leaksignal transaction metrics (spec §1 behaviour 4)", async () => {
  const p = await loadPlugin({ configuration: "deployment_name: x\n" });
  await exchange(p, "/a", [], "ssn 123-45-6789");
  assert.ok(!/leaksignal_status_code/.test(p.stats.text()));
  assert.equal(p.stats.value("status=.=200;.;leakscope_transactions_total"), 1);
  p.close();
});

test("the token is extracted (spec §4.4) and reported per transaction; identity labels only on request", async () => {
  const tokenPolicy = POLICY.replace("  - matches: \"**\"\n    config: { ssn: {} }", `  - matches: "**"
    config: { ssn: {} }
    token_extractor:
      location: request
      header: Authorization
      extractor:
        - regex: "Bearer (\\\\S+)"
        - jwt_decode
        - metadata: { tenant: {json_path: "$.tid"} }
        - json_path: "$.sub"`);
  const jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXN0LTUwNzMxIiwidGlkIjoiZW1lYS0yIn0.c2lnbmF0dXJl";
  const p = await loadPlugin({ configuration: `metrics_identity_labels: true\nlocal_policy: ${JSON.stringify(tokenPolicy)}\n`, logLevel: "debug" });
  const r = await exchange(p, "/a", [["authorization", `Bearer ${jwt}`]], "ssn 123-45-6789");
  const tx = r.logs.find((l) => l.message.startsWith("leakscope transaction "));
  assert.ok(tx, "a transaction record");
  const record = JSON.parse(tx!.message.slice("leakscope transaction ".length));
  assert.equal(record.token, "cust-50731");
  assert.deepEqual(record.token_metadata, { tenant: "emea-2" });
  assert.match(p.stats.text(), /token=\.=cust-50731;\.;/);
  p.close();
});

test("service identification (spec §6.3): the local service from Istio's environment, the peer from its SPIFFE certificate", async () => {
  const p = await loadPlugin({
    configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug",
    env: { POD_NAMESPACE: "shop", SERVICE_ACCOUNT: "cart", TRUST_DOMAIN: "prod.local" },
  });
  const r = await p.exchange({
    request: { headers: [[":method", "GET"], [":path", "/a"], [":authority", "shop.test"], [":scheme", "http"]] },
    response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: [Buffer.from("ssn 123-45-6789")] },
    properties: { tls: { mtls: true, uriSanPeerCertificate: "spiffe://prod.local/ns/web/sa/frontend" } },
  });
  const tx = JSON.parse(r.logs.find((l) => l.message.startsWith("leakscope transaction "))!.message.slice(22));
  assert.equal(tx.local_service, "prod.local/shop/cart");
  assert.equal(tx.peer_service, "prod.local/web/frontend");
  assert.match(p.stats.text(), /local_service=\.=prod\.local\/shop\/cart;\.;peer_service=\.=prod\.local\/web\/frontend;\.;/);
  p.close();
});

test("service identification (spec §6.3): without certificate or environment, the local service comes from the node metadata, on every exchange", async () => {
  const p = await loadPlugin({
    configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug",
    xds: { node: { id: "sidecar~10.0.0.1~cart-7f~shop.svc.cluster.local", metadata: { NAMESPACE: "shop", SERVICE_ACCOUNT: "cart", WORKLOAD_NAME: "cart-v1" } } },
  });
  for (let i = 0; i < 2; i++) {
    const r = await exchange(p, "/a", [], "ssn 123-45-6789");
    const tx = JSON.parse(r.logs.find((l) => l.message.startsWith("leakscope transaction "))!.message.slice(22));
    assert.equal(tx.local_service, "cluster.local/shop/cart", `exchange ${i + 1}`);
  }
  assert.match(p.stats.text(), /local_service=\.=cluster\.local\/shop\/cart;\.;/);
  p.close();
});

test("the transaction record carries collected headers, environment, exploit-detection values and the highest action", async () => {
  const edPolicy = POLICY.replace("  - matches: \"**\"\n    config: { ssn: {} }", `  - matches: "**"
    config: { ssn: { action: !redact "#" } }
    exploit_detection: { measure_entropy: true, detect_non_ascii: true }`) + "collected_request_headers: [\":path\", x-trace]\nheader_collection: all_response\ncollected_env_vars: [POD_NAME]\n";
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(edPolicy)}\n`, logLevel: "debug", env: { POD_NAME: "web-1", OTHER: "x" } });
  const r = await p.exchange({
    request: { headers: [[":method", "GET"], [":path", "/a"], [":authority", "shop.test"], [":scheme", "http"], ["x-trace", "t1"], ["cookie", "sid=1"]] },
    response: { headers: [[":status", "200"], ["content-type", "text/plain"], ["server", "app"]], body: [Buffer.from("aaaa ssn 123-45-6789 é")] },
  });
  const tx = JSON.parse(r.logs.find((l) => l.message.startsWith("leakscope transaction "))!.message.slice(22));
  assert.equal(tx.request_headers[":path"], "/a");
  assert.equal(tx.request_headers["x-trace"], "t1");
  assert.equal(tx.request_headers.cookie, null, "unlisted headers are reported by name only");
  assert.equal(tx.response_headers.server, "app");
  assert.deepEqual(tx.env, { POD_NAME: "web-1" });
  assert.equal(tx.response_ed.non_ascii, 2);
  assert.ok(tx.response_ed.entropy > 2 && tx.response_ed.entropy < 5, String(tx.response_ed.entropy));
  assert.equal(tx.action, "redact");
  assert.equal(tx.response_size, 23);
  p.close();
});

test("body extractors (spec §4.5) report values at their paths, only from documents that hold a match", async () => {
  const exPolicy = POLICY.replace("  - matches: \"**\"\n    config: { ssn: {} }", `  - matches: "**"
    config: { ssn: {} }
    response_extractors:
      user_id: "users[*].id"
      domain: { path: "users[*].email", regex: "@(.+)$" }`);
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(exPolicy)}\n`, logLevel: "debug" });
  const body = '{"users":[{"id":7,"email":"a@x.test","ssn":"123-45-6789"}]}\n{"users":[{"id":8,"email":"b@y.test"}]}';
  const r = await p.exchange({
    request: { headers: [[":method", "GET"], [":path", "/u"], [":authority", "shop.test"], [":scheme", "http"]] },
    response: { headers: [[":status", "200"], ["content-type", "application/json"]], body: [Buffer.from(body)] },
  });
  const tx = JSON.parse(r.logs.find((l) => l.message.startsWith("leakscope transaction "))!.message.slice(22));
  assert.deepEqual(tx.response_body_metadata, [{ key: "user_id", value: "7", blob_idx: 0 }, { key: "domain", value: "x.test", blob_idx: 0 }]);
  p.close();
});
