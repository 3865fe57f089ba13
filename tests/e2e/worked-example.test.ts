// The spec's worked example (policy-spec.md §9) through the built module: exactly the listed
// matches, the negatives, the redacted body and the SBAC item that must not fire.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { loadPlugin } from "../../src/index.ts";

const specFile = new URL("../../../shared/policy-spec.md", import.meta.url);

function example(): { policy: string; body: string } | null {
  if (!existsSync(specFile)) return null;
  const text = readFileSync(specFile, "utf8");
  const section = text.slice(text.indexOf("## 9. Worked example"));
  const policy = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  const body = /exactly this 319-byte body:\n```\n([\s\S]*?)\n```/.exec(section)![1];
  return { policy, body };
}

test("§9: the ten listed matches, and nothing else", async (t) => {
  const ex = example();
  if (!ex) return t.skip("../shared/policy-spec.md not present");
  assert.equal(Buffer.byteLength(ex.body), 319);
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(ex.policy)}\n`, logLevel: "debug" });
  const r = await p.exchange({
    request: { headers: [[":method", "GET"], [":path", "/v2/accounts/8812/profile?view=full"], [":authority", "api.orbitbank.test"], [":scheme", "http"],
      ["authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXN0LTUwNzMxIiwidGlkIjoiZW1lYS0yIn0.c2lnbmF0dXJl"]] },
    response: { headers: [[":status", "200"], ["content-type", "application/json; charset=utf-8"], ["x-backend", "orbit-core-7f9c.svc.cluster.local"]], body: [Buffer.from(ex.body)] },
  });
  const records = r.logs.filter((l) => l.message.startsWith("leakscope match ")).map((l) => JSON.parse(l.message.slice(16)));
  const got = records.map((m) => [m.category, m.part === "header" ? `header ${m.header}` : m.context === "key" ? `key ${m.path}` : m.path, m.offset, m.length, m.value, m.action, m.matcher_path]);
  const expected = [
    ["internal_hostname", "header x-backend", 0, 33, "orbit-core-7f9c.svc.cluster.local", "alert", "**"],
    ["member_email", "owner.email", 38, 24, "ada.quint@orbitbank.test", "alert", "**"],
    ["us_phone", "owner.phone", 73, 14, "(415) 555-0132", "alert", "**"],
    ["phone_intl", "owner.mobile", 99, 16, "+44 20 7946 0958", "alert", "**"],
    ["payment_card", "funding.card", 137, 19, "6A7E0E79", "alert", "**"],
    ["aba_routing", "funding.aba", 165, 9, "1F873CDDE0CA4F83EFEB62D639B3036FCCC634A95A857225C789771109C4B5D3", "alert", "**"],
    ["tax_id_us", "tax.ssn", 191, 11, null, "redact", "**"],
    ["tax_id_labeled", "tax.note", 225, 9, "912345678", "alert", "**"],
    ["secret_field", "key auth.api_secret", 254, 10, "api_secret", "alert", "**"],
    ["credential_value", "auth.api_secret", 267, 14, "D2788E", "alert", "*/v2/accounts/**"],
  ];
  const key = (row: unknown[]) => `${row[2]}:${row[0]}`;
  assert.deepEqual([...got].sort((a, b) => key(a).localeCompare(key(b))), [...expected].sort((a, b) => key(a).localeCompare(key(b))));
  assert.equal(records.find((m) => m.category === "payment_card").tag, "pci");
  // the forwarded body differs only by the redacted SSN; the length stays 319
  assert.equal(r.downstreamResponse.body.toString(), ex.body.replace("123-45-6789", "***-**-****"));
  assert.equal(r.localReply, undefined, "the SBAC item (3 cards) does not fire, and nothing blocks");
  p.close();
});
