// Filter-manager behaviour: header pairs, body buffering, StopIteration holding the body, local
// replies, buffer limit, close_stream, properties.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ManualClock, type HttpStream } from "../../src/index.ts";
import { b, GET, loadRecorder, moduleLog, OK, POST } from "./helpers.ts";

test("an HTTP/1 Host header is exposed as :authority", async () => {
  const p = await loadRecorder("0000--");
  const r = await p.exchange({ request: { headers: [[":method", "GET"], [":path", "/"], ["Host", "h1.local"]] }, response: { headers: OK } });
  assert.deepEqual(r.upstreamRequest!.headers, [[":method", "GET"], [":path", "/"], [":authority", "h1.local"]]);
  p.close();
});

test("header pairs round trip through get/set_header_map_pairs; added keys are lower-cased", async () => {
  const p = await loadRecorder("0000P-");
  const headers: [string, string][] = [...GET, ["x-multi", "a"], ["x-multi", "b"], ["user-agent", "curl/8"]];
  const r = await p.exchange({ request: { headers }, response: { headers: OK } });
  assert.deepEqual(r.upstreamRequest!.headers, [...headers, ["x-seen", "1"]]);
  p.close();
});

test("StopIterationAndBuffer: the next body callback sees the whole body so far (Envoy >= 1.32)", async () => {
  const p = await loadRecorder("0100--");
  const start = p.logs.length;
  const r = await p.exchange({ request: { headers: POST, body: [b("alpha-"), b("beta-"), b("gamma")] }, response: { headers: OK } });
  assert.deepEqual(moduleLog(p, start).filter((l) => l.startsWith("on_request_body") || l.startsWith("request body")), [
    "on_request_body 2 6 0",
    "on_request_body 2 11 0",
    "on_request_body 2 16 1",
    "request body: alpha-beta-gamma",
  ]);
  // Everything was held until the last callback; the upstream got the whole body once.
  assert.equal(r.upstreamRequest!.body.toString(), "alpha-beta-gamma");
  p.close();
});

test("Continue on body callbacks: each callback sees only its chunk and data streams through", async () => {
  const p = await loadRecorder("0000--");
  const chunks: string[] = [];
  const s = p.newStream({}, { upstreamData: (c) => chunks.push(c.toString()) });
  s.requestHeaders(POST, false);
  s.requestData(b("one"), false);
  assert.deepEqual(chunks, ["one"], "the first chunk leaves before the second arrives");
  s.requestData(b("two"), true);
  assert.deepEqual(chunks, ["one", "two"]);
  assert.ok(moduleLog(p).includes("request body: two"));
  s.end();
  p.close();
});

test("proxy_set_buffer_bytes replaces the buffered body", async () => {
  const p = await loadRecorder("0100B-");
  const r = await p.exchange({ request: { headers: POST, body: [b("card 4111 1111 1111 1111"), b(" end")] }, response: { headers: OK } });
  assert.ok(moduleLog(p).includes("set_buffer 0"));
  assert.equal(r.upstreamRequest!.body.toString(), "REDACTED");
  p.close();
});

test("StopIteration on headers holds headers and body until proxy_continue_stream", async () => {
  const clock = new ManualClock();
  const p = await loadRecorder("1000-T", { clock });
  const events: string[] = [];
  const s: HttpStream = p.newStream({}, {
    upstreamHeaders: (_h, end) => events.push(`headers end=${end}`),
    upstreamData: (c, end) => events.push(`data ${c.toString()} end=${end}`),
  });
  const start = p.logs.length;
  s.requestHeaders(POST, false);
  s.requestData(b("held-"), false);
  s.requestData(b("body"), true);
  assert.deepEqual(events, [], "nothing leaves while the filter stopped all iteration");
  assert.deepEqual(moduleLog(p, start), ["on_context_create 2 1", "on_request_headers 2 5 0"], "no body callback while stopped (StopAllIterationAndWatermark)");
  p.tick(1000); // the fixture's tick continues the stream
  assert.deepEqual(events, ["headers end=false", "data held-body end=true"]);
  assert.deepEqual(moduleLog(p, start).slice(2), [
    "on_tick 1", "continue_stream 0",
    // after continue the buffered body is delivered to the filter in one callback
    "on_request_body 2 9 1", "request body: held-body",
  ]);
  s.end();
  p.close();
});

test("allow_on_headers_stop_iteration: headers held, body callbacks continue, body Continue releases both", async () => {
  const p = await loadRecorder("1000--", { allowOnHeadersStopIteration: true });
  const events: string[] = [];
  const s = p.newStream({}, { upstreamHeaders: () => events.push("headers"), upstreamData: (c) => events.push(`data ${c}`) });
  const start = p.logs.length;
  s.requestHeaders(POST, false);
  assert.deepEqual(events, []);
  s.requestData(b("x"), true);
  assert.deepEqual(moduleLog(p, start).slice(1, 3), ["on_request_headers 2 5 0", "on_request_body 2 1 1"]);
  assert.deepEqual(events, ["headers", "data x"]);
  s.end();
  p.close();
});

test("a local reply from request headers skips the upstream and passes through the response callbacks", async () => {
  const p = await loadRecorder("0000L-");
  const start = p.logs.length;
  const r = await p.exchange({ request: { headers: POST, body: [b("secret")] }, response: () => assert.fail("no upstream call expected") });
  assert.equal(r.upstreamRequest, null);
  assert.deepEqual(r.localReply && { status: r.localReply.status, details: r.localReply.details }, { status: 403, details: "denied_by_policy" });
  assert.deepEqual(r.downstreamResponse.headers, [[":status", "403"], ["x-blocked", "1"], ["content-type", "text/plain"], ["content-length", "8"]]);
  assert.equal(r.downstreamResponse.body.toString(), "blocked\n");
  assert.deepEqual(moduleLog(p, start).filter((l) => l.startsWith("on_")), [
    "on_context_create 2 1", "on_request_headers 2 5 0",
    "on_response_headers 2 4 0", "on_response_body 2 8 1",
    "on_log 2", "on_done 2", "on_delete 2",
  ]);
  p.close();
});

test("a local reply to a gRPC request is a trailers-only gRPC response", async () => {
  const p = await loadRecorder("0000L-");
  const grpc: [string, string][] = [[":method", "POST"], [":path", "/pkg.Svc/Call"], [":authority", "svc"], [":scheme", "http"], ["content-type", "application/grpc"]];
  const r = await p.exchange({ request: { headers: grpc, body: [b("\0\0\0\0\0")] }, response: { headers: OK } });
  assert.deepEqual(r.downstreamResponse.headers.slice(0, 4), [[":status", "200"], ["content-type", "application/grpc"], ["grpc-status", "7"], ["grpc-message", "blocked%0A"]]);
  p.close();
});

test("a local reply from the response path replaces the response directly", async () => {
  const p = await loadRecorder("0000R-");
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK, body: [b("upstream body")] } });
  assert.equal(r.localReply?.status, 500);
  assert.equal(r.downstreamResponse.headers[0]![1], "500");
  assert.equal(r.downstreamResponse.body.toString(), "no");
  p.close();
});

test("over per_connection_buffer_limit_bytes Envoy answers 413 (request) / 500 (response)", async () => {
  const p = await loadRecorder("0101--", { perConnectionBufferLimitBytes: 8 });
  const r = await p.exchange({ request: { headers: POST, body: [b("12345"), b("67890")] }, response: { headers: OK } });
  // The headers had already gone upstream (Continue); no body byte did.
  assert.equal(r.upstreamRequest!.body.length, 0);
  assert.deepEqual({ status: r.localReply?.status, details: r.localReply?.details, body: r.downstreamResponse.body.toString() },
    { status: 413, details: "request_payload_too_large", body: "Payload Too Large" });
  // Response headers already went downstream (Continue): too late for a 500, the stream is reset.
  const r2 = await p.exchange({ request: { headers: GET }, response: { headers: OK, body: [b("12345"), b("67890")] } });
  assert.equal(r2.reset, "response_payload_too_large");
  assert.equal(r2.localReply, undefined);
  p.close();
  // StopAllIterationAndBuffer on request headers: the held body counts against the limit too.
  const all = await loadRecorder("3000--", { perConnectionBufferLimitBytes: 8 });
  const r4 = await all.exchange({ request: { headers: POST, body: [b("12345"), b("67890")] }, response: { headers: OK } });
  assert.equal(r4.upstreamRequest, null);
  assert.equal(r4.localReply?.status, 413);
  all.close();
  // Response headers held (StopAllIterationAndBuffer): Envoy replaces the response with a 500.
  const q = await loadRecorder("0031--", { perConnectionBufferLimitBytes: 8 });
  const r3 = await q.exchange({ request: { headers: GET }, response: { headers: OK, body: [b("12345"), b("67890")] } });
  assert.deepEqual({ status: r3.localReply?.status, details: r3.localReply?.details }, { status: 500, details: "response_payload_too_large" });
  assert.deepEqual(r3.downstreamResponse.headers[0], [":status", "500"]);
  assert.equal(r3.downstreamResponse.body.toString(), "Internal Server Error");
  q.close();
});

test("proxy_close_stream resets the stream and ends it (on_log, on_done, on_delete)", async () => {
  const p = await loadRecorder("0000C-");
  const start = p.logs.length;
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(r.reset, "wasm_close_stream");
  assert.deepEqual(moduleLog(p, start).slice(-3), ["on_log 2", "on_done 2", "on_delete 2"]);
  p.close();
});

test("stream properties use Envoy's encodings; stream attributes are NotFound in root contexts", async () => {
  const p = await loadRecorder("0000Q-");
  const start = p.logs.length;
  await p.exchange({ request: { headers: GET }, response: { headers: OK }, properties: { sourceAddress: "10.1.2.3:5555" } });
  const log = moduleLog(p, start);
  assert.ok(log.includes("property path 0"));
  assert.ok(log.includes("request.path=/items?id=7"));
  assert.ok(log.includes("source.address=10.1.2.3:5555"));
  assert.ok(log.includes("plugin_root_id=leakscope"));
  // proxy_on_log: the final maps are readable, not writable (Envoy's access-log phase).
  assert.ok(log.includes("on_log get :path 0"));
  assert.ok(log.includes("on_log :path=/items?id=7"));
  assert.ok(log.includes("on_log add header 2"));
  const s = p.newStream({ sourceAddress: "10.1.2.3:5555", tls: { mtls: true, uriSanPeerCertificate: "spiffe://a/b" } });
  s.requestHeaders(GET, true);
  assert.equal(s.getProperty(["source", "port"])!.readBigInt64LE(), 5555n);
  assert.deepEqual([...s.getProperty(["connection", "mtls"])!], [1]);
  assert.equal(s.getProperty(["connection", "uri_san_peer_certificate"])!.toString(), "spiffe://a/b");
  assert.equal(s.getProperty(["request", "url_path"])!.toString(), "/items");
  assert.equal(s.getProperty(["response", "code"]), undefined, "response.* only after response headers");
  s.responseHeaders(OK, true);
  assert.equal(s.getProperty(["response", "code"])!.readBigInt64LE(), 200n);
  s.end();
  p.close();
});

test("property: any chunk split, status mix and trailers deliver the exact bytes both ways", async () => {
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const configs = ["0000--", "0100--", "0001--", "0101--", "0200--", "0002--"];
  const plugins = await Promise.all(configs.map((c) => loadRecorder(c, { logLevel: "off" })));
  const split = (buf: Buffer): Buffer[] => {
    const parts: Buffer[] = [];
    let at = 0;
    while (at < buf.length) { const n = 1 + rnd(Math.max(1, buf.length - at)); parts.push(buf.subarray(at, at + n)); at += n; }
    return parts;
  };
  for (let i = 0; i < 60; i++) {
    const which = rnd(configs.length);
    const p = plugins[which]!;
    const reqBody = Buffer.from(Array.from({ length: 1 + rnd(64) }, () => 97 + rnd(26)));
    const resBody = Buffer.from(Array.from({ length: 1 + rnd(64) }, () => 65 + rnd(26)));
    const trailers: [string, string][] | undefined = rnd(2) ? [["x-sum", String(i)]] : undefined;
    const r = await p.exchange({
      request: { headers: POST, body: split(reqBody), ...(trailers ? { trailers } : {}) },
      response: { headers: OK, body: split(resBody), ...(trailers ? { trailers } : {}) },
    });
    const what = `case ${i} config ${configs[which]}`;
    assert.equal(r.stalled, undefined, what);
    assert.equal(r.upstreamRequest!.body.toString(), reqBody.toString(), what);
    assert.equal(r.downstreamResponse.body.toString(), resBody.toString(), what);
    assert.deepEqual(r.upstreamRequest!.trailers, trailers ?? [], what);
    assert.deepEqual(r.downstreamResponse.trailers, trailers ?? [], what);
  }
  for (const p of plugins) p.close();
});
