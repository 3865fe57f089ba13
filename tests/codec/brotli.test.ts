// Differential property test of the Brotli decoder (build/harness/codec-harness.wasm, fed in random
// chunks down to single bytes) against Node's brotli: random, repetitive-text, JSON-like and
// binary bodies (empty ones too) compressed at qualities 0, 1, 5, 9, 11 with window bits 10..24
// and every encoder mode; random corruptions of valid streams, which must never trap and must be
// accepted exactly when Node accepts (and consumes) the whole input; the output limit; every
// word transform through hand-built dictionary references; and the generated static dictionary.
// CODEC_SEED and BROTLI_CASES override the seed and the case count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import zlib from "node:zlib";
import { CodecHarness, DecodeResult } from "./harness.ts";
import { Rng, genBody, genSize, genSplits } from "./gen.ts";
import { dictionaryStream, NDBITS, WordRef } from "../../src/tools/brotli-streams.ts";
import { extractDictionary, renderDictionary, DICTIONARY_FILE } from "../../src/tools/gen-brotli-dictionary.ts";

const FORMAT_BROTLI = 4; // harness-only format number (assembly/codec/harness.ts)
const h = await CodecHarness.load();
const SEED = Number(process.env.CODEC_SEED ?? 20261123);
const CASES = Number(process.env.BROTLI_CASES ?? 300);
const QUALITIES = [0, 1, 5, 9, 11];
const MODES = [zlib.constants.BROTLI_MODE_GENERIC, zlib.constants.BROTLI_MODE_TEXT, zlib.constants.BROTLI_MODE_FONT];

function same(a: Uint8Array, b: Uint8Array): boolean { return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0; }

interface Compressed { data: Uint8Array; desc: string }

// Qualities 9 and 11 are slow to compress: their bodies are kept smaller.
function compress(r: Rng, body: Uint8Array): Compressed {
  const quality = r.pick(QUALITIES);
  const lgwin = 10 + r.int(15);
  const mode = r.pick(MODES);
  const params = {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_LGWIN]: lgwin,
    [zlib.constants.BROTLI_PARAM_MODE]: mode,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
  };
  return { data: new Uint8Array(zlib.brotliCompressSync(body, { params })), desc: `quality=${quality} lgwin=${lgwin} mode=${mode} size=${body.length}` };
}

function genBrotliBody(r: Rng, maxSize: number): Uint8Array {
  if (r.chance(0.03)) return new Uint8Array(0);
  return genBody(r, genSize(r, maxSize));
}

// Node's verdict on the whole input: output when it decodes and consumes every byte, else null.
function nodeWhole(data: Uint8Array): Uint8Array | null {
  try {
    const res = (zlib.brotliDecompressSync as any)(data, { info: true }) as { buffer: Buffer; engine: { bytesWritten: number } };
    return res.engine.bytesWritten === data.length ? new Uint8Array(res.buffer) : null;
  } catch { return null; }
}

function decode(data: Uint8Array, splits: number[], limit = -1): DecodeResult {
  try { return h.decode(FORMAT_BROTLI, data, splits, limit); }
  catch (e) { throw new Error(`decoder trapped: ${(e as Error).message}`); }
}

test("valid streams decode to the original for every split, quality, window and mode", () => {
  const r = new Rng(SEED);
  const seen = new Set<string>();
  let bytes = 0;
  for (let i = 0; i < CASES; i++) {
    const expected = genBrotliBody(r, r.chance(0.7) ? 16 << 10 : 128 << 10);
    const c = compress(r, expected);
    const splits = genSplits(r, c.data.length);
    const got = decode(c.data, splits);
    const ctx = `case ${i} seed ${SEED}: ${c.desc} splits=${splits.length}`;
    assert.equal(got.error, null, ctx);
    assert.ok(got.finished, ctx);
    assert.equal(got.output.length, expected.length, ctx);
    assert.ok(same(got.output, expected), ctx);
    seen.add(c.desc.split(" ")[0]);
    bytes += expected.length;
  }
  assert.equal(seen.size, QUALITIES.length, [...seen].join(","));
  assert.ok(bytes > 0);
});

test("large windows, long matches and multi-megabyte bodies", () => {
  const r = new Rng(SEED + 1);
  // 3 MiB of repetitive JSON at lgwin 24: distances beyond 1 MiB, long copies, several meta-blocks
  const unit = genBody(r, 1 << 20);
  const body = Buffer.concat([unit, genBody(r, 64 << 10), unit, unit]);
  for (const quality of [1, 5]) {
    const data = new Uint8Array(zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: quality, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }));
    const got = decode(data, genSplits(r, data.length, false));
    assert.equal(got.error, null);
    assert.ok(same(got.output, body), `quality ${quality}`);
  }
});

test("corrupted streams never trap; accepted exactly when Node accepts the whole input", () => {
  const r = new Rng(SEED + 2);
  const verdicts = { bothOk: 0, bothErr: 0 };
  for (let i = 0; i < CASES; i++) {
    const body = genBody(r, genSize(r, 8 << 10));
    const c = compress(r, body);
    const data = new Uint8Array(c.data);
    let mutated: Uint8Array = data;
    const how = r.int(5);
    let what = "";
    if (how === 0 && data.length > 0) {
      const n = 1 + r.int(3);
      for (let k = 0; k < n; k++) { const at = r.int(data.length); data[at] ^= 1 << r.int(8); what += `flip@${at} `; }
    } else if (how === 1) {
      const at = r.int(data.length);
      mutated = data.subarray(0, at);
      what = `truncate@${at}`;
    } else if (how === 2) {
      const g = Uint8Array.from({ length: 1 + r.int(16) }, () => r.int(256));
      mutated = Buffer.concat([data, g]);
      what = `garbage+${g.length}`;
    } else if (how === 3 && data.length > 0) {
      const at = r.int(data.length);
      data[at] = r.int(256);
      what = `set@${at}`;
    } else {
      const at = r.int(data.length + 1);
      mutated = Buffer.concat([data.subarray(0, at), Uint8Array.from({ length: 1 + r.int(8) }, () => r.int(256)), data.subarray(at)]);
      what = `splice@${at}`;
    }
    const got = decode(mutated, genSplits(r, mutated.length));
    const whole = decode(mutated, []);
    assert.equal(got.error, whole.error, `error depends on the split: ${c.desc} ${what}`);
    assert.ok(same(got.output, whole.output), `output before the error depends on the split: ${c.desc} ${what}`);
    const ref = nodeWhole(mutated);
    const ctx = `case ${i} seed ${SEED + 2}: ${c.desc} ${what} ours=${got.error} node=${ref ? "ok" : "error"}`;
    if (mutated.length === 0) {
      assert.equal(got.error, null, ctx);
      assert.equal(got.output.length, 0, ctx);
    } else if (ref) {
      assert.equal(got.error, null, ctx);
      assert.ok(same(got.output, ref), ctx);
      verdicts.bothOk++;
    } else {
      assert.notEqual(got.error, null, ctx);
      assert.match(got.error!, /^br: .+ at input byte \d+$/, ctx);
      verdicts.bothErr++;
    }
  }
  assert.ok(verdicts.bothOk > 10 && verdicts.bothErr > 100, JSON.stringify(verdicts));
});

test("output limit stops at exactly the limit with the truncated flag (decompression bomb)", () => {
  const r = new Rng(SEED + 3);
  const bomb = new Uint8Array(zlib.brotliCompressSync(Buffer.alloc(16 << 20), { params: { [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }));
  const limited = decode(bomb, genSplits(r, bomb.length, false), 100000);
  assert.equal(limited.error, null);
  assert.ok(limited.truncated);
  assert.equal(limited.output.length, 100000);
  assert.ok(limited.output.every((b) => b === 0));
  for (let i = 0; i < 60; i++) {
    const body = genBody(r, genSize(r, 64 << 10));
    const c = compress(r, body);
    const limit = r.int(body.length + 2);
    const got = decode(c.data, genSplits(r, c.data.length), limit);
    const ctx = `case ${i}: ${c.desc} limit=${limit}`;
    assert.equal(got.error, null, ctx);
    assert.equal(got.truncated, body.length > limit, ctx);
    assert.ok(same(got.output, body.subarray(0, Math.min(limit, body.length))), ctx);
  }
});

test("every one of the 121 word transforms matches Node on dictionary references", () => {
  const r = new Rng(SEED + 4);
  // The output length of a transformed word is what Node accepts as the meta-block length.
  // A meta-block holds at least one byte, so a word a transform empties (OmitFirst9 of a 9-byte
  // word) cannot stand alone: such picks are skipped.
  const lengthFor = (ref: WordRef): number => {
    for (let n = 1; n <= 40; n++) {
      try { if (zlib.brotliDecompressSync(dictionaryStream([ref], n, () => n)).length === n) return n; } catch { /* wrong length */ }
    }
    return 0;
  };
  let words = 0;
  for (let transform = 0; transform < 121; transform++) {
    for (let k = 0; k < 3; k++) {
      const length = k === 0 ? 4 + r.int(6) : 10 + r.int(15);
      const ref = { length, index: r.int(2 ** NDBITS[length]), transform };
      const n = lengthFor(ref);
      if (n === 0) continue;
      const data = dictionaryStream([ref], n, () => n);
      const want = new Uint8Array(zlib.brotliDecompressSync(data));
      const got = decode(data, genSplits(r, data.length));
      assert.equal(got.error, null, JSON.stringify(ref));
      assert.ok(same(got.output, want), `${JSON.stringify(ref)}: ours ${Buffer.from(got.output).toString("hex")} node ${Buffer.from(want).toString("hex")}`);
      words++;
    }
  }
  // Non-ASCII words (upper-casing inside UTF-8 sequences): the last length-8 words are Cyrillic
  // and Devanagari; transforms 9 and 44 upper-case the first / every character.
  for (const transform of [9, 44, 68, 107]) {
    for (let index = 1000; index < 1024; index += 5) {
      const ref = { length: 8, index, transform };
      const n = lengthFor(ref);
      assert.ok(n > 0);
      const data = dictionaryStream([ref], n, () => n);
      assert.ok(same(decode(data, []).output, new Uint8Array(zlib.brotliDecompressSync(data))), JSON.stringify(ref));
    }
  }
  assert.ok(words > 340, `${words} words`);
});

test("a dictionary reference with a transform id past 120 is an error, not a trap", () => {
  const ref = { length: 4, index: 0, transform: 121 };
  const data = dictionaryStream([ref], 4, () => 4);
  assert.throws(() => zlib.brotliDecompressSync(data));
  assert.match(decode(data, []).error ?? "", /^br: dictionary reference with an unknown transform at input byte \d+$/);
});

test("large-window streams are refused like Node's default decoder does", () => {
  const body = Buffer.from("large window ".repeat(100));
  const data = new Uint8Array(zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_LARGE_WINDOW]: 1, [zlib.constants.BROTLI_PARAM_LGWIN]: 26 } }));
  assert.throws(() => zlib.brotliDecompressSync(data));
  assert.equal(decode(data, []).error, "br: large-window brotli is not supported at input byte 0");
});

test("the committed static dictionary is what the generator extracts from Node", () => {
  assert.equal(readFileSync(DICTIONARY_FILE, "utf8"), renderDictionary(extractDictionary()));
});

test("a back-reference beyond the filter's window limit is an error naming it; references within it decode", () => {
  // 96 KiB of random bytes then a repeat of its first 8 KiB: the repeat is a copy ~96 KiB back
  const r = new Rng(SEED + 7);
  const head = new Uint8Array(96 << 10);
  for (let i = 0; i < head.length; i++) head[i] = r.int(256);
  const body = Buffer.concat([head, head.subarray(0, 8 << 10)]);
  const data = new Uint8Array(zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_LGWIN]: 18 } }));
  const run = (cap: number): DecodeResult => {
    h.create(FORMAT_BROTLI);
    (h as any).ex.setBrotliWindowCap(cap);
    h.setInput(data);
    h.feed(0, data.length, true);
    return h.result();
  };
  const capped = run(64 << 10);
  assert.match(capped.error ?? "", /^br: back-reference \d+ bytes back, beyond the filter's window limit of 65520 bytes at input byte \d+$/);
  assert.ok(same(capped.output, body.subarray(0, capped.output.length)), "what was decoded before the error is delivered unchanged");
  const wide = run(128 << 10);
  assert.equal(wide.error, null);
  assert.ok(same(wide.output, body));
});
