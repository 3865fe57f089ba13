// SBAC (spec §6.4) through the built module: items checked at their stage and every later one,
// leaves false until their data is known, a pass blocks with x-sbac-rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPlugin } from "../../src/index.ts";

const policy = (sbac: string) => `
categories:
  card: !internal credit_card
endpoints: [ { config: { card: {} } } ]
sbac:
${sbac}
`;

const header = (h: [string, string][], name: string) => h.find(([k]) => k === name)?.[1];
const GET = (extra: [string, string][] = []): [string, string][] => [[":method", "GET"], [":path", "/export"], [":authority", "bank.test"], [":scheme", "http"], ...extra];

test("a request-header item blocks at request headers with a 403 naming the rule", async () => {
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(policy("  - name: no-bots\n    filter: { request_headers: { user-agent: { regex: \".*bot.*\" } } }"))}\n` });
  const blocked = await p.exchange({ request: { headers: GET([["user-agent", "scrapybot/1.0"]]) }, response: { headers: [[":status", "200"]] } });
  assert.equal(blocked.localReply?.status, 403);
  assert.equal(header(blocked.localReply!.headers, "x-sbac-rule"), "no-bots");
  assert.equal(blocked.upstreamRequest, null);
  const fine = await p.exchange({ request: { headers: GET([["user-agent", "curl/8"]]) }, response: { headers: [[":status", "200"]], body: [Buffer.from("ok")] } });
  assert.equal(fine.localReply, undefined);
  assert.equal(fine.downstreamResponse.body.toString(), "ok");
  p.close();
});

test("the §9 bulk-card-export item: three cards in an outbound response block it, one does not", async () => {
  const item = "  - name: bulk-card-export\n    stage: post_response_body\n    filter: { all: [ response_outbound, { response_matches: { card: 3 } } ] }";
  const config = (extra: string) => `direction: outbound\n${extra}local_policy: ${JSON.stringify(policy(item))}\n`;
  const cards = (n: number) => Array.from({ length: n }, () => "4111 1111 1111 1111").join(", ");
  const held = await loadPlugin({ configuration: config("hold_headers: true\n"), allowOnHeadersStopIteration: true });
  const three = await held.exchange({ request: { headers: GET() }, response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: [Buffer.from(cards(3))] } });
  assert.equal(three.localReply?.status, 403);
  assert.equal(header(three.localReply!.headers, "x-sbac-rule"), "bulk-card-export");
  const one = await held.exchange({ request: { headers: GET() }, response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: [Buffer.from(cards(1))] } });
  assert.equal(one.localReply, undefined);
  assert.equal(one.downstreamResponse.body.toString(), cards(1));
  held.close();
  const streaming = await loadPlugin({ configuration: config("") });
  const reset = await streaming.exchange({ request: { headers: GET() }, response: { headers: [[":status", "200"], ["content-type", "text/plain"]], body: [Buffer.from(cards(3))] } });
  assert.ok(reset.reset !== undefined, "response headers already left: the stream is reset");
  streaming.close();
});

test("an inbound transaction does not fire an item that needs response_outbound; an unnamed item is named by its index", async () => {
  const items = "  - filter: { request_headers: { x-debug: [ \"1\" ] } }\n  - name: outbound-only\n    filter: response_outbound";
  const p = await loadPlugin({ configuration: `local_policy: ${JSON.stringify(policy(items))}\n` });
  const inbound = await p.exchange({ request: { headers: GET() }, response: { headers: [[":status", "200"]], body: [Buffer.from("x")] } });
  assert.equal(inbound.localReply, undefined);
  const debug = await p.exchange({ request: { headers: GET([["x-debug", "1"]]) }, response: { headers: [[":status", "200"]] } });
  assert.equal(header(debug.localReply!.headers, "x-sbac-rule"), "0");
  p.close();
});
