// gRPC bodies through the filter: framed protobuf messages are decoded without a schema and
// their string and number fields scanned (spec §7.2 grpc), paths are field numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { loadPlugin } from "../../src/index.ts";

const POLICY = `
categories:
  ssn: [ {regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"} ]
  email: [ {regex: "[a-z]+@example\\\\.com"} ]
endpoints: [ { config: { ssn: {}, email: {} } } ]
`;

/** A protobuf field: tag (field << 3 | wire type) then payload; lengths < 128 keep it simple. */
function field(num: number, payload: Buffer | string): Buffer {
  const bytes = typeof payload === "string" ? Buffer.from(payload) : payload;
  return Buffer.concat([Buffer.from([(num << 3) | 2, bytes.length]), bytes]);
}
function frame(message: Buffer, compressed = false): Buffer {
  const header = Buffer.alloc(5);
  header[0] = compressed ? 1 : 0;
  header.writeUInt32BE(message.length, 1);
  return Buffer.concat([header, message]);
}

test("string fields of framed protobuf messages are scanned, nested ones too, with field-number paths", async () => {
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug" });
  const user = Buffer.concat([field(1, "ada"), field(2, "ada@example.com"), field(3, field(1, "123-45-6789"))]);
  const body = Buffer.concat([frame(user), frame(field(1, "nothing"))]);
  const r = await p.exchange({
    request: { headers: [[":method", "POST"], [":path", "/users.Users/Get"], [":authority", "svc"], [":scheme", "http"], ["content-type", "application/grpc"]] },
    response: { headers: [[":status", "200"], ["content-type", "application/grpc"]], body: [body.subarray(0, 9), body.subarray(9)] },
  });
  const records = r.logs.filter((l) => l.message.startsWith("leakscope match ")).map((l) => JSON.parse(l.message.slice(16)));
  assert.deepEqual(records.map((m) => [m.category, m.path, m.value]).sort(), [["email", "2", "ada@example.com"], ["ssn", "3.1", "123-45-6789"]]);
  assert.ok(r.downstreamResponse.body.equals(body), "forwarded unchanged");
  p.close();
});

test("grpc-encoding gzip messages are inflated before scanning", async () => {
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug" });
  const body = frame(gzipSync(field(4, "bob@example.com")), true);
  const r = await p.exchange({
    request: { headers: [[":method", "POST"], [":path", "/x"], [":authority", "svc"], [":scheme", "http"]] },
    response: { headers: [[":status", "200"], ["content-type", "application/grpc"], ["grpc-encoding", "gzip"]], body: [body] },
  });
  const records = r.logs.filter((l) => l.message.startsWith("leakscope match ")).map((l) => JSON.parse(l.message.slice(16)));
  assert.deepEqual(records.map((m) => [m.category, m.path, m.value]), [["email", "4", "bob@example.com"]]);
  p.close();
});
