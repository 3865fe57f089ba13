// The real transport against local servers: node:http for http_call, @grpc/grpc-js for grpc_call.
import * as grpc from "@grpc/grpc-js";
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { NodeTransport } from "../../src/index.ts";
import { GET, loadRecorder, OK } from "./helpers.ts";

test("http_call over node:http; an unreachable cluster answers 503 like Envoy's AsyncClient", async () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => { body += c; });
    req.on("end", () => { seen.push(`${req.method} ${req.url} host=${req.headers.host} ${body}`); res.setHeader("x-decision", "allow"); res.end("allow"); });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  const transport = new NodeTransport({ authz: `127.0.0.1:${port}` });
  const p = await loadRecorder("1000H-", { transport });
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.deepEqual(seen, ["POST /check host=authz.local ping"]);
  assert.ok(r.logs.some((l) => l.message === "callout :status=200"));
  assert.ok(r.logs.some((l) => l.message === "callout body=allow"));
  assert.deepEqual(r.upstreamRequest!.headers, GET);
  p.close();
  server.close();
  await once(server, "close");
  // Nothing listens there any more.
  const down = await loadRecorder("1000H-", { transport: new NodeTransport({ authz: `127.0.0.1:${port}` }) });
  const r2 = await down.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.ok(r2.logs.some((l) => l.message === "callout :status=503"));
  down.close();
});

test("grpc_call over @grpc/grpc-js with raw messages and metadata", async () => {
  const raw = (b: Buffer): Buffer => b;
  const server = new grpc.Server();
  const metadata: string[] = [];
  server.addService({
    Send: { path: "/leakscope.Reports/Send", requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw, originalName: "Send" },
  } as grpc.ServiceDefinition, {
    Send: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => {
      metadata.push(String(call.metadata.get("x-tenant")[0]));
      cb(null, Buffer.from(`ack:${call.request.toString()}`));
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  const transport = new NodeTransport({ reports: `127.0.0.1:${port}` });
  const p = await loadRecorder("1000G-", { transport });
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.deepEqual(metadata, ["t1"]);
  assert.ok(r.logs.some((l) => l.message === "grpc message=ack:report-1"), r.logs.map((l) => l.message).join("\n"));
  assert.deepEqual(r.downstreamResponse.headers, OK);
  p.close();
  transport.close();
  server.forceShutdown();
});
