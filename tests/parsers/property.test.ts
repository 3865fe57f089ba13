// Property tests for the body parsers through build/parsers-harness.wasm:
// - random JSON documents produce exactly the contexts the generator expects (kind, path,
//   blob_idx, decoded text, and a raw span whose bytes are the literal's text);
// - random chunk splits give the same contexts, runs and flags as feeding whole;
// - malformed and random bytes never trap and keep the sink protocol; the same for gRPC.
// Seeds are fixed so failures reproduce; PARSER_PROPERTY_CASES scales the case counts.
import { test, before } from "node:test";
import { gzipSync, deflateSync } from "node:zlib";
import assert from "node:assert/strict";
import { ParsersHarness, Kind, Result } from "./harness.ts";
import { Rng, randomJson, randomCuts, mutate, randomMessage, grpcFrames, randomMsgpack } from "./gen.ts";

const SCALE = Number(process.env.PARSER_PROPERTY_CASES ?? "1");
const dec = new TextDecoder();
let h: ParsersHarness;
before(async () => { h = await ParsersHarness.load(); });

function run(kind: Kind, bytes: Uint8Array, cuts: number[] = [], maxGrpc = 0, grpcEncoding = ""): Result {
  h.setInput(bytes);
  const r = h.parse(kind, bytes.length, cuts, maxGrpc, grpcEncoding);
  assert.equal(r.protocolError, "", "sink protocol violated");
  return r;
}

const same = (a: Result, b: Result): boolean => JSON.stringify(a) === JSON.stringify(b);

function assertSplitInvariant(kind: Kind, bytes: Uint8Array, r: Rng, tries: number, maxGrpc = 0): Result {
  const whole = run(kind, bytes, [], maxGrpc);
  for (let t = 0; t < tries; t++) {
    const cuts = randomCuts(r, bytes.length);
    const split = run(kind, bytes, cuts, maxGrpc);
    if (!same(whole, split)) {
      assert.deepEqual(split, whole, `cuts ${JSON.stringify(cuts)} of ${JSON.stringify(dec.decode(bytes))}`);
    }
  }
  return whole;
}

test("JSON: random documents give the expected contexts, whole and in random chunks", () => {
  const r = new Rng(0x5eed);
  for (let i = 0; i < 3000 * SCALE; i++) {
    const c = randomJson(r);
    const res = assertSplitInvariant(Kind.Json, c.bytes, r, 3);
    assert.equal(res.malformed, false, c.text);
    const got = res.contexts.map((x) => ({ kind: x.kind, path: x.path, blob: x.blob, value: dec.decode(x.bytes), raw: dec.decode(c.bytes.slice(x.rawOffset, x.rawEnd)) }));
    const want = c.expected.map((e) => ({ kind: e.kind, path: e.path, blob: e.blob, value: e.value, raw: e.raw }));
    assert.deepEqual(got, want, c.text);
  }
});

test("JSON: every cut point and byte-by-byte feeding of small documents", () => {
  const r = new Rng(77);
  for (let i = 0; i < 100 * SCALE; i++) {
    const c = randomJson(r, 3);
    if (c.bytes.length > 160) { i--; continue; } // every cut point is quadratic: keep them small
    const whole = run(Kind.Json, c.bytes);
    for (let cut = 1; cut < c.bytes.length; cut++) assert.ok(same(run(Kind.Json, c.bytes, [cut]), whole), `cut ${cut} of ${c.text}`);
    const all = Array.from({ length: c.bytes.length }, (_, k) => k);
    assert.ok(same(run(Kind.Json, c.bytes, all), whole), `bytewise ${c.text}`);
  }
});

test("JSON: malformed and random bodies never trap, are split-invariant, and flag malformed when cut short", () => {
  const r = new Rng(1234);
  for (let i = 0; i < 4000 * SCALE; i++) {
    const c = randomJson(r);
    const bad = mutate(r, c.bytes);
    const res = assertSplitInvariant(Kind.Json, bad, r, 2);
    for (const x of res.contexts) assert.ok(x.rawOffset <= x.rawEnd && x.rawEnd <= bad.length, "raw span inside the body");
  }
  // A truncated container is always malformed.
  for (let i = 0; i < 500 * SCALE; i++) {
    const c = randomJson(r);
    const t = c.text.trimEnd();
    if (!/[\]}]$/.test(t)) continue;
    const cut = new TextEncoder().encode(t).slice(0, -1);
    assert.equal(run(Kind.Json, cut).malformed, true, t);
  }
});

test("JSON: deep nesting past 128 levels falls back to text, never recursing", () => {
  const r = new Rng(9);
  for (let i = 0; i < 60 * SCALE; i++) {
    const depth = 100 + r.int(100);
    const open = Array.from({ length: depth }, () => (r.chance(0.5) ? "[" : '{"k":')).join("");
    const close = [...open.matchAll(/\[|\{/g)].map((m) => (m[0] === "[" ? "]" : "}")).reverse().join("");
    const text = open + '"secret"' + close;
    const bytes = new TextEncoder().encode(text);
    const res = assertSplitInvariant(Kind.Json, bytes, r, 2);
    assert.equal(res.malformed, depth > 128, `depth ${depth}`);
    const last = res.contexts[res.contexts.length - 1];
    if (depth > 128) { assert.equal(last.path, ""); assert.match(dec.decode(last.bytes), /"secret"/); }
    else assert.equal(dec.decode(last.bytes), "secret");
  }
});

test("gRPC: random messages are split-invariant; strings decode to their raw bytes", () => {
  const r = new Rng(42);
  for (let i = 0; i < 1500 * SCALE; i++) {
    const msgs = Array.from({ length: 1 + r.int(3) }, () => randomMessage(r));
    const bytes = grpcFrames(msgs);
    const res = assertSplitInvariant(Kind.Grpc, bytes, r, 3);
    assert.equal(res.malformed, false);
    assert.equal(res.truncated, false, "ordinary nesting stays inside the work budget");
    for (const x of res.contexts) {
      assert.ok(x.blob < msgs.length);
      assert.match(x.path, /^[1-9][0-9]*(\.[1-9][0-9]*)*$/);
      const raw = bytes.slice(x.rawOffset, x.rawEnd);
      if (Buffer.from(raw).equals(Buffer.from(x.bytes))) continue; // a string: its own bytes
      // Otherwise a number: decimal digits for a varint (1-10 raw bytes) or a fixed32/fixed64.
      assert.match(dec.decode(x.bytes), /^(0|[1-9][0-9]*)$/);
      assert.ok(raw.length <= 10, `number of ${raw.length} raw bytes`);
    }
  }
});

test("gRPC: bogus protobuf, broken framing and size bounds never trap and stay split-invariant", () => {
  const r = new Rng(4242);
  for (let i = 0; i < 3000 * SCALE; i++) {
    const msgs = Array.from({ length: 1 + r.int(3) }, () => randomMessage(r));
    const bytes = mutate(r, grpcFrames(msgs, msgs.map(() => (r.chance(0.1) ? 1 : 0))));
    assertSplitInvariant(Kind.Grpc, bytes, r, 2, r.chance(0.3) ? 1 + r.int(64) : 0);
  }
});

test("gRPC: compressed messages inflate to the same contexts as uncompressed ones, in any split", () => {
  const r = new Rng(777);
  for (let i = 0; i < 300 * SCALE; i++) {
    const msgs = Array.from({ length: 1 + r.int(3) }, () => randomMessage(r));
    const encoding = r.pick(["gzip", "deflate"]);
    const packed = msgs.map((m) => Array.from(encoding === "gzip" ? gzipSync(Uint8Array.from(m)) : deflateSync(Uint8Array.from(m))));
    const plain = run(Kind.Grpc, grpcFrames(msgs));
    const bytes = grpcFrames(packed, packed.map(() => 1));
    const whole = run(Kind.Grpc, bytes, [], 0, encoding);
    // Offsets follow the inflated stream, so they equal the uncompressed framing's offsets.
    assert.deepEqual(whole, plain);
    for (let t = 0; t < 3; t++) {
      const cuts = randomCuts(r, bytes.length);
      assert.ok(same(run(Kind.Grpc, bytes, cuts, 0, encoding), whole), `cuts ${cuts}`);
    }
  }
});

test("msgpack: random values give the expected contexts in any split; mutations never trap", () => {
  const r = new Rng(2024);
  for (let i = 0; i < 2000 * SCALE; i++) {
    const c = randomMsgpack(r);
    const res = assertSplitInvariant(Kind.Msgpack, c.bytes, r, 3);
    assert.equal(res.malformed, false);
    const got = res.contexts.map((x) => ({ kind: x.kind, path: x.path, blob: x.blob, value: dec.decode(x.bytes) }));
    assert.deepEqual(got, c.expected.map((e) => ({ kind: e.kind, path: e.path, blob: e.blob, value: e.value })));
    assertSplitInvariant(Kind.Msgpack, mutate(r, c.bytes), r, 2);
  }
});

test("text: the body is one context in any split", () => {
  const r = new Rng(3);
  for (let i = 0; i < 300 * SCALE; i++) {
    const b = Uint8Array.from({ length: r.int(300) }, () => r.int(256));
    const res = assertSplitInvariant(Kind.Text, b, r, 3);
    if (b.length === 0) assert.equal(res.contexts.length, 0);
    else { assert.equal(res.contexts.length, 1); assert.deepEqual(res.contexts[0].bytes, b); }
  }
});
