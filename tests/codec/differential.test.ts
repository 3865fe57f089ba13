// Differential property test: our streaming inflate (build/codec-harness.wasm, fed in random
// chunks down to single bytes) against Node's zlib, on random bodies compressed with every level
// and strategy as gzip, zlib and raw deflate; then random corruptions of valid streams, which must
// never trap and must be accepted exactly when zlib accepts the whole input (then with zlib's
// output). CODEC_SEED and CODEC_CASES override the seed and the case count.
import { test } from "node:test";
import assert from "node:assert/strict";
import zlib from "node:zlib";
import { CodecHarness, DecodeResult, FORMAT_GZIP, FORMAT_ZLIB, FORMAT_RAW, FORMAT_DEFLATE_AUTO } from "./harness.ts";
import { Rng, genBody, genSize, compress, genSplits, Wrap } from "./gen.ts";

const h = await CodecHarness.load();
const SEED = Number(process.env.CODEC_SEED ?? 20261122);
const CASES = Number(process.env.CODEC_CASES ?? 1500);
const FORMAT: Record<Wrap, number> = { gzip: FORMAT_GZIP, zlib: FORMAT_ZLIB, raw: FORMAT_RAW };

function same(a: Uint8Array, b: Uint8Array): boolean { return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0; }

// zlib's verdict on the whole input: output when it decodes and consumes every byte, else null.
function zlibWhole(wrap: Wrap, data: Uint8Array): Uint8Array | null {
  const f = wrap === "gzip" ? zlib.gunzipSync : wrap === "zlib" ? zlib.inflateSync : zlib.inflateRawSync;
  try {
    const r = (f as any)(data, { info: true }) as { buffer: Buffer; engine: { bytesWritten: number } };
    return r.engine.bytesWritten === data.length ? new Uint8Array(r.buffer) : null;
  } catch { return null; }
}

function decode(fmt: number, data: Uint8Array, splits: number[], limit = -1): DecodeResult {
  try { return h.decode(fmt, data, splits, limit); }
  catch (e) { throw new Error(`decoder trapped: ${(e as Error).message}`); }
}

test("valid streams decode to zlib's output for every split", () => {
  const r = new Rng(SEED);
  let bytes = 0;
  for (let i = 0; i < CASES; i++) {
    const body = genBody(r, genSize(r, 256 << 10));
    const wrap = r.pick(["gzip", "zlib", "raw"] as const);
    let c = compress(r, body, wrap);
    let expected = body;
    if (wrap === "gzip" && r.chance(0.1)) { // concatenated members
      const second = genBody(r, genSize(r, 4096));
      const c2 = compress(r, second, "gzip");
      c = { wrap, data: Buffer.concat([c.data, c2.data]), desc: c.desc + " + member " + c2.desc };
      expected = Buffer.concat([body, second]);
    }
    const splits = genSplits(r, c.data.length);
    const fmt = wrap !== "gzip" && r.chance(0.3) ? FORMAT_DEFLATE_AUTO : FORMAT[wrap];
    const got = decode(fmt, c.data, splits);
    const ctx = `case ${i} seed ${SEED}: ${c.desc} fmt=${fmt} splits=${splits.length}`;
    assert.equal(got.error, null, ctx);
    assert.ok(got.finished, ctx);
    assert.equal(got.output.length, expected.length, ctx);
    assert.ok(same(got.output, expected), ctx);
    bytes += expected.length;
  }
  assert.ok(bytes > 0);
});

test("HTTP deflate accepts zlib and raw deflate; gzip, x-gzip and br by name; others unsupported", () => {
  const body = Buffer.from('{"email":"ada@example.test"}'.repeat(50));
  for (const [enc, data] of [["deflate", zlib.deflateSync(body)], ["Deflate", zlib.deflateRawSync(body)], ["gzip", zlib.gzipSync(body)], [" x-gzip ", zlib.gzipSync(body)], ["br", zlib.brotliCompressSync(body)]] as const) {
    assert.ok(h.createFor(enc), enc);
    h.setInput(data);
    h.feed(0, data.length, true);
    const res = h.result();
    assert.equal(res.error, null, enc);
    assert.ok(same(res.output, body), enc);
  }
  for (const enc of ["compress", "identity", "zstd", ""]) assert.equal(h.createFor(enc), false, enc);
});

test("output limit stops at exactly the limit with the truncated flag (decompression bomb)", () => {
  const r = new Rng(SEED + 1);
  const bomb = zlib.gzipSync(Buffer.alloc(8 << 20)); // 8 MiB of zeros in ~8 KiB
  const limited = decode(FORMAT_GZIP, new Uint8Array(bomb), genSplits(r, bomb.length, false), 100000);
  assert.equal(limited.error, null);
  assert.ok(limited.truncated);
  assert.equal(limited.output.length, 100000);
  assert.ok(limited.output.every((b) => b === 0));
  for (let i = 0; i < 100; i++) {
    const body = genBody(r, genSize(r, 64 << 10));
    const c = compress(r, body, r.pick(["gzip", "zlib", "raw"] as const));
    const limit = r.int(body.length + 2);
    const got = decode(FORMAT[c.wrap], c.data, genSplits(r, c.data.length), limit);
    const ctx = `case ${i}: ${c.desc} limit=${limit}`;
    assert.equal(got.error, null, ctx);
    assert.equal(got.truncated, body.length > limit, ctx);
    assert.ok(same(got.output, body.subarray(0, Math.min(limit, body.length))), ctx);
  }
});

test("corrupted streams never trap; accepted exactly when zlib accepts the whole input", () => {
  const r = new Rng(SEED + 2);
  const verdicts = { bothOk: 0, bothErr: 0, checksum: 0 };
  for (let i = 0; i < CASES; i++) {
    const body = genBody(r, genSize(r, 16 << 10));
    const wrap = r.pick(["gzip", "zlib", "raw"] as const);
    const c = compress(r, body, wrap);
    const data = new Uint8Array(c.data);
    let mutated: Uint8Array = data;
    const how = r.int(5);
    let what = "";
    if (how === 0 && data.length > 0) { // flip bits
      const n = 1 + r.int(3);
      for (let k = 0; k < n; k++) { const at = r.int(data.length); data[at] ^= 1 << r.int(8); what += `flip@${at} `; }
    } else if (how === 1) { // truncate
      const at = r.int(data.length);
      mutated = data.subarray(0, at);
      what = `truncate@${at}`;
    } else if (how === 2) { // trailing garbage
      const g = Uint8Array.from({ length: 1 + r.int(16) }, () => r.int(256));
      mutated = Buffer.concat([data, g]);
      what = `garbage+${g.length}`;
    } else if (how === 3 && data.length > 0) { // random byte overwrite
      const at = r.int(data.length);
      data[at] = r.int(256);
      what = `set@${at}`;
    } else { // splice in random bytes
      const at = r.int(data.length + 1);
      mutated = Buffer.concat([data.subarray(0, at), Uint8Array.from({ length: 1 + r.int(8) }, () => r.int(256)), data.subarray(at)]);
      what = `splice@${at}`;
    }
    const got = decode(FORMAT[wrap], mutated, genSplits(r, mutated.length));
    const whole = decode(FORMAT[wrap], mutated, []);
    assert.equal(got.error, whole.error, `error depends on the split: ${c.desc} ${what}`);
    assert.ok(same(got.output, whole.output), `output before the error depends on the split: ${c.desc} ${what}`);
    const ref = zlibWhole(wrap, mutated);
    const ctx = `case ${i} seed ${SEED + 2}: ${c.desc} ${what} ours=${got.error} zlib=${ref ? "ok" : "error"}`;
    if (mutated.length === 0) { // an empty body is empty output for us, an error for zlib
      assert.equal(got.error, null, ctx);
      assert.equal(got.output.length, 0, ctx);
    } else if (ref) {
      assert.equal(got.error, null, ctx);
      assert.ok(same(got.output, ref), ctx);
      verdicts.bothOk++;
    } else {
      assert.notEqual(got.error, null, ctx);
      assert.match(got.error!, /^(gzip|zlib|deflate): .+ at input byte \d+$/, ctx);
      verdicts.bothErr++;
      if (/mismatch/.test(got.error!)) verdicts.checksum++;
    }
  }
  // The mix must exercise both verdicts and the checksum checks.
  assert.ok(verdicts.bothOk > 10 && verdicts.bothErr > 100 && verdicts.checksum > 10, JSON.stringify(verdicts));
});

test("codes up to 15 bits (second-level tables) from skewed symbol frequencies", () => {
  // Fibonacci frequencies over 26 symbols push an unrestricted Huffman code past 15 bits, so
  // zlib's length-limited code uses its longest codes; Z_HUFFMAN_ONLY keeps every byte a literal.
  const r = new Rng(SEED + 3);
  const parts: number[] = [];
  let a = 1, b = 1;
  for (let s = 0; s < 26; s++) { for (let k = 0; k < a; k++) parts.push(65 + s); [a, b] = [b, a + b]; if (parts.length > 300000) break; }
  for (let i = parts.length - 1; i > 0; i--) { const j = r.int(i + 1); [parts[i], parts[j]] = [parts[j], parts[i]]; }
  const body = Uint8Array.from(parts);
  for (const strategy of [zlib.constants.Z_HUFFMAN_ONLY, zlib.constants.Z_DEFAULT_STRATEGY]) {
    const data = new Uint8Array(zlib.deflateRawSync(body, { strategy, level: 9 }));
    for (const splits of [[], genSplits(r, data.length, false), Array.from({ length: 200 }, (_, i) => i + 1)]) {
      const got = decode(FORMAT_RAW, data, splits);
      assert.equal(got.error, null);
      assert.ok(same(got.output, body));
    }
  }
});

test("stacked Content-Encodings are undone in reverse order for every split", () => {
  const r = new Rng(SEED + 4);
  const kinds = [
    { name: "gzip", f: (b: Uint8Array) => zlib.gzipSync(b, { level: r.int(10) }) },
    { name: "x-gzip", f: (b: Uint8Array) => zlib.gzipSync(b, { level: r.int(10) }) },
    { name: "deflate", f: (b: Uint8Array) => zlib.deflateSync(b, { level: r.int(10) }) },
    { name: "deflate", f: (b: Uint8Array) => zlib.deflateRawSync(b, { level: r.int(10) }) },
    { name: "br", f: (b: Uint8Array) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: r.int(12) } }) },
    { name: "identity", f: (b: Uint8Array) => b },
  ];
  for (let i = 0; i < 200; i++) {
    const body = genBody(r, genSize(r, 64 << 10));
    let data: Uint8Array = body;
    const names: string[] = [];
    const layers = 1 + r.int(3);
    for (let k = 0; k < layers; k++) { const kind = r.pick(kinds); data = new Uint8Array(kind.f(data)); names.push(kind.name); }
    const header = names.join(r.chance(0.5) ? ", " : ",");
    const limit = r.chance(0.2) ? r.int(body.length + 1) : -1;
    const expectDecoder = names.some((n) => n !== "identity");
    assert.equal(h.createForHeader(header, limit), expectDecoder ? 1 : 0, header);
    if (!expectDecoder) continue;
    h.setInput(data);
    let at = 0;
    for (const s of genSplits(r, data.length)) { if (s > at) { h.feed(at, s - at, false); at = s; } }
    h.feed(at, data.length - at, true);
    const got = h.result();
    const ctx = `case ${i}: ${header} size=${body.length} limit=${limit}`;
    assert.equal(got.error, null, ctx);
    const want = limit >= 0 ? body.subarray(0, Math.min(limit, body.length)) : body;
    assert.equal(got.truncated, limit >= 0 && body.length > limit, ctx);
    assert.ok(same(got.output, want), ctx);
  }
  assert.equal(h.createForHeader("gzip, zstd"), -1);
  assert.equal(h.createForHeader("identity"), 0);
});
