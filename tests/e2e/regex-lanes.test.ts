// The regex engine's lane kinds through the real filter: LeakSignal's own credit_card rule (an
// alternation of long counted runs) runs in a bounded lane, next to the DFA lanes of the other
// rules; whatever the chunking, every number is found once, at its offset, in text and JSON bodies.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPlugin } from "../../src/index.ts";

const CARD = "(?:4[0-9]{12}(?:[0-9]{3})?|[25][1-7][0-9]{14}|6(?:011|5[0-9][0-9])[0-9]{12}|3[47][0-9]{13}|3(?:0[0-5]|[68][0-9])[0-9]{11}|(?:2131|1800|35\\d{3})\\d{11})";
const POLICY = `
categories:
  credit_card: [ {regex: ${JSON.stringify(CARD)}} ]
  ssn: [ {regex: "\\\\b\\\\d{3}-\\\\d{2}-\\\\d{4}\\\\b"} ]
  aws_secret: [ {regex: "\\\\b[A-Za-z0-9/+]{40}\\\\b"} ]
endpoints:
  - matches: "**"
    config: { credit_card: {}, ssn: {}, aws_secret: {} }
`;

const CARDS = ["4111111111111111", "5500005555555559", "340000000000009", "6011000990139424", "30569309025904", "3530111333300000"];

function body(): string {
  let s = "";
  for (let i = 0; i < 40; i++) s += `order ${1000 + i}: card ${CARDS[i % CARDS.length]} ssn 123-45-${String(1000 + i)} ref 98765432${i % 10} key wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKE${i % 10}\n`;
  return s;
}

function records(logs: { message: string }[]): Array<Record<string, unknown>> {
  return logs.filter((l) => l.message.startsWith("leakscope match ")).map((l) => JSON.parse(l.message.slice(16)));
}

test("a bounded lane (credit_card.3) and the DFA lanes find every value once, at its offset, for any chunking", async () => {
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(POLICY)}\n`, logLevel: "debug" });
  const text = body();
  const want = new Map<string, number>();
  for (const c of CARDS) want.set(c, text.split(c).length - 1);
  let seed = 9;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  let reference: string[] | null = null;
  for (const chunk of [text.length, 1, 7, 4096, 0]) {
    const pieces: Buffer[] = [];
    for (let at = 0; at < text.length;) { const n = chunk || 1 + rnd(64); pieces.push(Buffer.from(text.slice(at, at + n))); at += n; }
    const result = await p.exchange({
      request: { headers: [[":method", "GET"], [":path", "/orders"], [":authority", "shop.test"], [":scheme", "http"]] },
      response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: pieces },
    });
    const found = records(result.logs).map((r) => `${r.category}@${r.offset}:${r.value}`).sort();
    for (const r of records(result.logs)) if (r.category === "credit_card") assert.equal(text.slice(Number(r.offset), Number(r.offset) + String(r.value).length), r.value);
    const cards = records(result.logs).filter((r) => r.category === "credit_card");
    for (const [c, n] of want) assert.equal(cards.filter((r) => r.value === c).length, n, `${c} with chunks of ${chunk || "random"} bytes`);
    assert.equal(records(result.logs).filter((r) => r.category === "ssn").length, 40);
    assert.equal(records(result.logs).filter((r) => r.category === "aws_secret").length, 40);
    if (reference === null) reference = found;
    else assert.deepEqual(found, reference, `chunks of ${chunk || "random"} bytes`);
  }
  p.close();
});
