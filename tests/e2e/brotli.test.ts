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

test("brotli_window_bytes: a br body referring farther back than the configured window is flagged, passed on unchanged and unscanned past the fault", async () => {
  // an SSN, then 96 KiB of noise, then the SSN's whole first 8 KiB again: a copy ~96 KiB back
  let seed = 5;
  const noise = Buffer.alloc(96 << 10);
  for (let i = 0; i < noise.length; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; noise[i] = 0x61 + (seed % 26); }
  const head = Buffer.concat([Buffer.from("ssn 123-45-6789 "), noise.subarray(0, (8 << 10) - 16)]);
  const text = Buffer.concat([head, noise, head]);
  const br = brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 18 } });
  const send = async (configuration: string) => {
    const p = await loadPlugin({ configuration, logLevel: "debug" });
    const result = await p.exchange({
      request: { headers: GET },
      response: { headers: [[":status", "200"], ["content-type", "text/plain"], ["content-encoding", "br"]], body: chunks(br, 4096) },
    });
    p.close();
    const summary = result.logs.filter((l) => l.message.startsWith("leakscope message ")).map((l) => JSON.parse(l.message.slice(18))).find((m) => m.direction === "response");
    return { result, summary, ssns: records(result.logs).filter((r) => r.category === "ssn").map((r) => r.offset) };
  };
  const policy = `local_policy: ${JSON.stringify(POLICY)}\n`;
  const wide = await send(policy);
  assert.equal(wide.summary.encoding_error, "");
  assert.deepEqual(wide.ssns, [4, head.length + noise.length + 4], "the default 4 MiB window decodes it all");
  const narrow = await send(policy + "brotli_window_bytes: 65536\n");
  assert.match(narrow.summary.encoding_error, /^br: back-reference \d+ bytes back, beyond the filter's window limit of 65520 bytes at input byte \d+$/);
  assert.deepEqual(narrow.ssns, [4], "what decoded before the fault was scanned");
  assert.equal(Buffer.compare(narrow.result.downstreamResponse.body, br), 0, "the body goes on as it came");
});
