// block and redact (spec §7.6, §7.8) through the built module in the strict host.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { loadPlugin, type Plugin } from "../../src/index.ts";

const policy = (config: string): string => `
categories:
  ssn: [ {regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"} ]
  card: !internal credit_card
  secret: [ {raw: topsecret} ]
endpoints:
  - matches: "**"
    config: ${config}
`;

async function plugin(config: string, extra = "", hostOptions: Record<string, unknown> = {}): Promise<Plugin> {
  return loadPlugin({ configuration: `${extra}local_policy: ${JSON.stringify(policy(config))}\n`, logLevel: "warn", ...hostOptions });
}

const GET: [string, string][] = [[":method", "GET"], [":path", "/a"], [":authority", "svc"], [":scheme", "http"]];
const POST = (type = "text/plain"): [string, string][] => [[":method", "POST"], [":path", "/a"], [":authority", "svc"], [":scheme", "http"], ["content-type", type]];
const header = (h: [string, string][], name: string): string | undefined => h.find(([k]) => k === name)?.[1];

test("a blocked request body gets a local 403 naming the category; its body never goes upstream", async () => {
  const p = await plugin("{ ssn: { action: block } }");
  const r = await p.exchange({ request: { headers: POST(), body: [Buffer.from("ssn 123-4"), Buffer.from("5-6789")] }, response: { headers: [[":status", "200"]] } });
  assert.equal(r.localReply?.status, 403);
  assert.equal(header(r.localReply!.headers, "x-ls-blocked-category"), "ssn");
  assert.equal(r.downstreamResponse.body.length, 0);
  assert.equal(r.upstreamRequest?.body.length ?? 0, 0, "no body byte reached the upstream");
  p.close();
});

test("with hold_headers (Envoy >= 1.35 allow_on_headers_stop_iteration) nothing at all goes upstream", async () => {
  const p = await plugin("{ ssn: { action: block } }", "hold_headers: true\n", { allowOnHeadersStopIteration: true });
  const r = await p.exchange({ request: { headers: POST(), body: [Buffer.from("ssn 123-45-6789")] }, response: { headers: [[":status", "200"]] } });
  assert.equal(r.localReply?.status, 403);
  assert.equal(r.upstreamRequest, null);
  p.close();
});

test("a clean enforced body passes unchanged", async () => {
  const p = await plugin("{ ssn: { action: block } }");
  const r = await p.exchange({ request: { headers: POST(), body: [Buffer.from("nothing "), Buffer.from("here")] }, response: { headers: [[":status", "200"]], body: [Buffer.from("ok")] } });
  assert.equal(r.localReply, undefined);
  assert.equal(r.upstreamRequest?.body.toString(), "nothing here");
  assert.equal(r.downstreamResponse.body.toString(), "ok");
  p.close();
});

test("a blocked response: a 403 while its headers are held, else a reset", async () => {
  const held = await plugin("{ ssn: { action: block, search: response_body } }", "hold_headers: true\n", { allowOnHeadersStopIteration: true });
  const a = await held.exchange({ request: { headers: GET }, response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: [Buffer.from("ssn 123-45-6789")] } });
  assert.equal(a.localReply?.status, 403);
  assert.equal(header(a.downstreamResponse.headers, ":status"), "403");
  assert.ok(!a.downstreamResponse.body.toString().includes("123-45-6789"));
  held.close();
  const streaming = await plugin("{ ssn: { action: block, search: response_body } }");
  const b = await streaming.exchange({ request: { headers: GET }, response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: [Buffer.from("ssn 123-45-6789")] } });
  assert.ok(b.reset !== undefined, "response headers already went downstream: the stream is reset");
  assert.ok(!b.downstreamResponse.body.toString().includes("123-45-6789"), "the held body never reached the client");
  streaming.close();
});

test("redact masks spans in a JSON body, keeps it valid, and fixes content-length", async () => {
  const p = await plugin('{ ssn: { action: !redact "***-**-****", search: response_body }, card: { action: !redact "#", search: response_body } }');
  const body = '{"ssn":"123-45-6789","card":4111111111111111,"note":"ok"}';
  const r = await p.exchange({
    request: { headers: GET },
    response: { headers: [[":status", "200"], ["content-type", "application/json"], ["content-length", String(body.length)]], body: [Buffer.from(body.slice(0, 20)), Buffer.from(body.slice(20))] },
  });
  const out = r.downstreamResponse.body.toString();
  assert.equal(out, '{"ssn":"***-**-****","card":"#","note":"ok"}');
  assert.deepEqual(JSON.parse(out), { ssn: "***-**-****", card: "#", note: "ok" });
  assert.equal(header(r.downstreamResponse.headers, "content-length"), undefined, "the old length is dropped");
  p.close();
});

test("a gzip body that is redacted goes out decoded, without content-encoding", async () => {
  const p = await plugin('{ ssn: { action: !redact "", search: response_body } }');
  const r = await p.exchange({
    request: { headers: GET },
    response: { headers: [[":status", "200"], ["content-type", "text/plain"], ["content-encoding", "gzip"]], body: [gzipSync(Buffer.from("id 123-45-6789 end"))] },
  });
  assert.equal(r.downstreamResponse.body.toString(), "id  end");
  assert.equal(header(r.downstreamResponse.headers, "content-encoding"), undefined);
  p.close();
});

test("header values are redacted in place, and a blocked header stops the request before it goes upstream", async () => {
  const redacting = await plugin('{ secret: { action: !redact "[hidden]", search: request_header } }');
  const r = await redacting.exchange({ request: { headers: [...GET, ["x-note", "a topsecret plan"]] }, response: { headers: [[":status", "200"]] } });
  assert.equal(header(r.upstreamRequest!.headers, "x-note"), "a [hidden] plan");
  redacting.close();
  const blocking = await plugin("{ secret: { action: block, search: request_header } }");
  const b = await blocking.exchange({ request: { headers: [...GET, ["x-note", "topsecret"]] }, response: { headers: [[":status", "200"]] } });
  assert.equal(b.localReply?.status, 403);
  assert.equal(b.upstreamRequest, null);
  blocking.close();
});

test("past max_buffer_bytes the held prefix is enforced and the rest streams on (fail-open)", async () => {
  const p = await plugin('{ ssn: { action: !redact "X", search: response_body } }', "max_buffer_bytes: 64\n");
  const chunks = [Buffer.from("123-45-6789 " + "a".repeat(60)), Buffer.from(" tail 987-65-4321")];
  const r = await p.exchange({ request: { headers: GET }, response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: chunks } });
  assert.equal(r.downstreamResponse.body.toString(), "X " + "a".repeat(60) + " tail 987-65-4321");
  assert.equal(r.localReply, undefined);
  p.close();
});

test("alert-only entries never hold or change traffic", async () => {
  const p = await plugin("{ ssn: {} }", "", { perConnectionBufferLimitBytes: 1024 });
  const big = Buffer.alloc(8192, "x");
  const r = await p.exchange({ request: { headers: POST(), body: [big, Buffer.from("123-45-6789")] }, response: { headers: [[":status", "200"]] } });
  assert.equal(r.upstreamRequest?.body.length, 8192 + 11, "observe mode never buffers, so Envoy's buffer limit is never hit");
  assert.equal(r.localReply, undefined);
  p.close();
});
