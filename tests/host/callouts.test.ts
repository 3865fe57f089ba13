// HTTP and gRPC callouts through the recording transport; results arrive on the ROOT context.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RecordingTransport } from "../../src/index.ts";
import { b, GET, loadRecorder, moduleLog, OK } from "./helpers.ts";

test("proxy_http_call: request recorded, response delivered on the root context, stream resumed", async () => {
  const transport = new RecordingTransport(["authz"]);
  const p = await loadRecorder("1000H-", { transport });
  const upstream: string[] = [];
  const s = p.newStream({}, { upstreamHeaders: (h) => upstream.push(h.map(([k, v]) => `${k}=${v}`).join(",")) });
  const start = p.logs.length;
  s.requestHeaders(GET, true);
  assert.deepEqual(moduleLog(p, start).slice(-1), ["http_call 0 4"], "Ok, token 4");
  assert.equal(transport.httpCalls.length, 1);
  const call = transport.httpCalls[0]!;
  assert.equal(call.request.cluster, "authz");
  assert.deepEqual(call.request.headers, [[":method", "POST"], [":path", "/check"], [":authority", "authz.local"], ["content-length", "4"]]);
  assert.equal(call.request.body.toString(), "ping");
  assert.equal(call.request.timeoutMs, 5000);
  assert.deepEqual(upstream, [], "headers held while the callout is in flight");
  call.respond({ headers: [[":status", "200"], ["x-decision", "allow"]], body: b("allow") });
  await p.settle();
  assert.deepEqual(moduleLog(p, start).slice(-4), ["on_http_call_response 1 4 2", "callout :status=200", "callout body=allow", "continue_stream 0"]);
  assert.equal(upstream.length, 1);
  assert.equal(p.callouts[0]?.kind, "http");
  s.end();
  p.close();
});

test("exchange() waits for callouts answered by a responder; unknown clusters are BadArgument", async () => {
  const transport = new RecordingTransport(["authz"], { http: () => ({ headers: [[":status", "403"]], body: b("deny") }) });
  const p = await loadRecorder("1000H-", { transport });
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.deepEqual(r.upstreamRequest!.headers, GET);
  assert.equal(r.callouts.length, 1);
  assert.ok(r.logs.some((l) => l.message === "callout body=deny"));
  p.close();
  const none = await loadRecorder("0000H-", { transport: new RecordingTransport([]) });
  const r2 = await none.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.ok(r2.logs.some((l) => l.message.startsWith("http_call 2 ")), "BadArgument for an unknown cluster");
  assert.equal(r2.callouts.length, 0);
  none.close();
});

test("an http callout reset arrives as (0, 0, 0)", async () => {
  const transport = new RecordingTransport(["authz"], { http: () => ({ reset: true }) });
  const p = await loadRecorder("1000H-", { transport });
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.ok(r.logs.some((l) => l.message === "on_http_call_response 1 4 0"));
  p.close();
});

test("proxy_grpc_call: success on proxy_on_grpc_receive, failure on proxy_on_grpc_close with the status message", async () => {
  const transport = new RecordingTransport(["reports"]);
  const p = await loadRecorder("1000G-", { transport });
  let start = p.logs.length;
  const s = p.newStream();
  s.requestHeaders(GET, true);
  assert.deepEqual(moduleLog(p, start).slice(-1), ["grpc_call 0 5"]);
  const call = transport.grpcCalls[0]!;
  assert.deepEqual([call.request.cluster, call.request.serviceName, call.request.method, call.request.message.toString(), call.request.timeoutMs],
    ["reports", "leakscope.Reports", "Send", "report-1", 1000]);
  assert.deepEqual(call.request.initialMetadata, [["x-tenant", "t1"]]);
  call.respond({ status: 0, message: b("ack") });
  await p.settle();
  assert.deepEqual(moduleLog(p, start).slice(-3), ["on_grpc_receive 1 5 3", "grpc message=ack", "continue_stream 0"]);
  s.end();
  start = p.logs.length;
  const s2 = p.newStream();
  s2.requestHeaders(GET, true);
  transport.grpcCalls[1]!.respond({ status: 14, errorMessage: "upstream connect error" });
  await p.settle();
  assert.deepEqual(moduleLog(p, start).slice(-3), ["on_grpc_close 1 9 14", "grpc status message=upstream connect error", "continue_stream 0"]);
  s2.end();
  p.close();
});

test("proxy_grpc_stream: send, then initial metadata, messages, trailing metadata and close in order", async () => {
  const transport = new RecordingTransport(["reports"]);
  const p = await loadRecorder("0000S-", { transport });
  const start = p.logs.length;
  const s = p.newStream();
  s.requestHeaders(GET, true);
  assert.deepEqual(moduleLog(p, start).slice(-2), ["grpc_stream 0 6", "grpc_send 0"]);
  const st = transport.grpcStreams[0]!;
  assert.equal(st.request.method, "Stream");
  assert.deepEqual(st.sent.map(String), ["m1"]);
  st.events.initialMetadata([["server", "x"]]);
  st.events.message(b("r1"));
  st.events.trailingMetadata([["grpc-status", "0"], ["grpc-message", ""]]);
  st.events.close(0, "");
  assert.deepEqual(moduleLog(p, start).slice(-6), [
    "on_grpc_receive_initial_metadata 1 6 1", "on_grpc_receive 1 6 2", "grpc message=r1",
    "on_grpc_receive_trailing_metadata 1 6 2", "on_grpc_close 1 6 0", "grpc status message=",
  ]);
  s.end();
  p.close();
});
