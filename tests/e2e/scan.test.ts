// `leakscope scan` as users run it: files or JSON-lines records in, JSON lines out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ["bin/leakscope.js", "scan", ...args], { encoding: "utf8", input });

const POLICY = "examples/policies/default.yaml";

test("scans JSON-lines records and prints one line per match and one summary per record", () => {
  const records = [
    { id: "r1", direction: "response", path: "/api/users", content_type: "application/json", body: '{"users":[{"email":"ada@example.com","ssn":"123-45-6789"}]}' },
    { id: "r2", direction: "request", path: "/login", headers: { "content-type": "text/plain" }, body_base64: Buffer.from("card 4111 1111 1111 1111").toString("base64") },
    { id: "r3", direction: "response", content_type: "text/html", body: "<p>nothing here</p>" },
  ].map((r) => JSON.stringify(r)).join("\n");
  const out = run(["--policy", POLICY, "--jsonl"], records);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const r1 = lines.filter((l) => l.id === "r1" && l.category);
  assert.deepEqual(r1.map((l) => [l.category, l.path, l.value]).sort(), [["email", "users[0].email", "ada@example.com"], ["us_ssn", "users[0].ssn", "123-45-6789"]]);
  assert.deepEqual(lines.find((l) => l.id === "r1" && l.summary).summary, { parser: "json", scanned: true, malformed: false, truncated: false, matches: 2, blocked: false, unscanned_encoding: "", encoding_error: "" });
  const card = lines.find((l) => l.id === "r2" && l.category === "credit_card");
  assert.equal(card.value.length, 8, "financial.yaml reports cards as 32-bit partial hashes");
  assert.equal(card.offset, 5);
  assert.equal(card.length, 19);
  assert.deepEqual(lines.find((l) => l.id === "r3" && l.summary).summary.matches, 0);
});

test("scans files, picking the parser by extension, and reports malformed JSON", () => {
  const out = run(["--policy", POLICY, "tests/fixtures/scan/customers.html", "tests/fixtures/scan/broken.json"]);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
  const html = lines.filter((l) => l.id.endsWith("customers.html") && l.category).map((l) => l.category).sort();
  assert.deepEqual(html, ["email", "us_phone", "us_ssn"]);
  const broken = lines.find((l) => l.id.endsWith("broken.json") && l.summary).summary;
  assert.equal(broken.parser, "json");
  assert.equal(broken.malformed, true);
  assert.ok(lines.some((l) => l.id.endsWith("broken.json") && l.category === "us_ssn"), "the rest of a malformed body is still scanned as text");
});

test("bad input is named", () => {
  const noPolicy = run(["x"]);
  assert.equal(noPolicy.status, 2);
  assert.match(noPolicy.stderr, /scan needs --policy or --config/);
  const badLine = run(["--policy", POLICY, "--jsonl"], '{"id": 1}\nnot json\n');
  assert.equal(badLine.status, 2);
  assert.match(badLine.stderr, /stdin line 2: not JSON/);
});

test("gzip and deflate bodies are decoded before scanning; an unknown encoding is flagged, not scanned", async () => {
  const { gzipSync, deflateSync } = await import("node:zlib");
  const body = Buffer.from('{"ssn": "123-45-6789", "pad": "' + "x".repeat(50000) + '"}');
  const records = [
    { id: "gz", direction: "response", content_type: "application/json", headers: { "content-encoding": "gzip" }, body_base64: gzipSync(body).toString("base64") },
    { id: "df", direction: "response", content_type: "application/json", headers: { "content-encoding": "deflate" }, body_base64: deflateSync(body).toString("base64") },
    { id: "br", direction: "response", content_type: "application/json", headers: { "content-encoding": "compress" }, body: "123-45-6789" },
    { id: "bad", direction: "response", content_type: "text/plain", headers: { "content-encoding": "gzip" }, body_base64: Buffer.concat([gzipSync(Buffer.from("ssn 123-45-6789 ")).subarray(0, 20), Buffer.from("garbage")]).toString("base64") },
  ].map((r) => JSON.stringify(r)).join("\n");
  const out = run(["--policy", POLICY, "--jsonl"], records);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.trim().split("\n").map((l) => JSON.parse(l));
  for (const id of ["gz", "df"]) {
    const m = lines.find((l) => l.id === id && l.category === "us_ssn");
    assert.ok(m, `${id}: ssn found in the decoded body`);
    assert.equal(m.offset, 9, "offsets count in the decoded body");
  }
  const unsupported = lines.find((l) => l.id === "br" && l.summary).summary;
  assert.equal(unsupported.matches, 0);
  assert.equal(unsupported.unscanned_encoding, "compress");
  const corrupt = lines.find((l) => l.id === "bad" && l.summary).summary;
  assert.match(corrupt.encoding_error, /^gzip: .* at input byte \d+/);
});
