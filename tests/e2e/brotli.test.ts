// Brotli (Content-Encoding: br) through the real filter in the strict host: the body is decoded
// before scanning, so matches carry offsets in the decoded body, for any chunking of the
// compressed bytes; a corrupt one is named in `leakscope scan`'s summary; a redacted br body goes
// out decoded, without content-encoding (as gzip does).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";
import { loadPlugin, type Plugin } from "../../src/index.ts";

const POLICY = `
categories:
  ssn: [ {regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"} ]
endpoints:
  - matches: "**"
    config: { ssn: {} }
`;

const GET: [string, string][] = [[":method", "GET"], [":path", "/users"], [":authority", "shop.test"], [":scheme", "http"]];
const header = (h: [string, string][], name: string): string | undefined => h.find(([k]) => k === name)?.[1];

function records(logs: { message: string }[]): Array<Record<string, unknown>> {
  return logs.filter((l) => l.message.startsWith("leakscope match ")).map((l) => JSON.parse(l.message.slice(16)));
}

function chunks(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) out.push(data.subarray(at, at + size));
  return out;
}

const json = JSON.stringify({ users: [{ name: "Ada", note: "x".repeat(3000) }, { name: "Bob", ssn: "123-45-6789" }] });
const ssnAt = Buffer.from(json).indexOf("123-45-6789");

test("a br-compressed JSON response is decoded before scanning: the SSN is found at its decoded offset", async () => {
  const p: Plugin = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug" });
  const br = brotliCompressSync(Buffer.from(json), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  const stacked = brotliCompressSync(gzipSync(Buffer.from(json)), { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  const cases: Array<[string, Buffer, number]> = [["br", br, br.length], ["br", br, 7], ["br", br, 1], ["gzip, br", stacked, 13]];
  for (const [encoding, body, size] of cases) {
    const result = await p.exchange({
      request: { headers: GET },
      response: { headers: [[":status", "200"], ["content-type", "application/json"], ["content-encoding", encoding]], body: chunks(body, size) },
    });
    const found = records(result.logs);
    const ctx = `${encoding} in ${size}-byte chunks`;
    assert.equal(found.length, 1, ctx);
    assert.equal(found[0].offset, ssnAt, ctx);
    assert.equal(found[0].length, 11, ctx);
    assert.ok(Buffer.compare(result.downstreamResponse.body, body) === 0, `${ctx}: observe mode forwards the compressed body unchanged`);
  }
  assert.equal(p.stats.value("category=.=ssn;.;kind=.=sensitive;.;leakscope_matches_total"), cases.length);
  p.close();
});

test("leakscope scan: a br record is decoded; a corrupt one names the brotli error", () => {
  const br = brotliCompressSync(Buffer.from(json));
  const corrupt = Buffer.concat([br.subarray(0, br.length - 3), Buffer.from("garbage")]);
  const records = [
    { id: "ok", direction: "response", content_type: "application/json", headers: { "content-encoding": "br" }, body_base64: br.toString("base64") },
    { id: "bad", direction: "response", content_type: "application/json", headers: { "content-encoding": "br" }, body_base64: corrupt.toString("base64") },
  ].map((r) => JSON.stringify(r)).join("\n");
  const out = spawnSync(process.execPath, ["bin/leakscope.js", "scan", "--policy", "examples/policies/default.yaml", "--jsonl"], { encoding: "utf8", input: records });
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const m = lines.find((l) => l.id === "ok" && l.category === "us_ssn");
  assert.ok(m, "ssn found in the decoded body");
  assert.equal(m.offset, ssnAt);
  assert.equal(lines.find((l) => l.id === "ok" && l.summary).summary.encoding_error, "");
  assert.match(lines.find((l) => l.id === "bad" && l.summary).summary.encoding_error, /^br: .* at input byte \d+$/);
});

test("a br body that is redacted goes out decoded, without content-encoding", async () => {
  const policy = "categories:\n  ssn: [ {regex: \"\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b\"} ]\nendpoints:\n  - matches: \"**\"\n    config: { ssn: { action: !redact \"\", search: response_body } }\n";
  const p: Plugin = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(policy)}\n` });
  const r = await p.exchange({
    request: { headers: GET },
    response: { headers: [[":status", "200"], ["content-type", "text/plain"], ["content-encoding", "br"]], body: chunks(brotliCompressSync(Buffer.from("id 123-45-6789 end")), 3) },
  });
  assert.equal(r.downstreamResponse.body.toString(), "id  end");
  assert.equal(header(r.downstreamResponse.headers, "content-encoding"), undefined);
  p.close();
});
