import { BrotliDecoder } from "../../../assembly/codec/brotli";
import { CollectingSink } from "../../../assembly/codec/sink";
import { crc32Update } from "../../../assembly/codec/checksum";
import { CONTEXT_LUT, TRANSFORM_INFO, TRANSFORM_POOL, TRANSFORM_COUNT, DICTIONARY_BYTES, DOFFSET, NDBITS, transformWord } from "../../../assembly/codec/brotli-tables";
import { DICTIONARY } from "../../../assembly/codec/brotli-dictionary";
import { buildCode, buildSingle, peekSymbol, tableEntries } from "../../../assembly/codec/brotli-huffman";

// Writes a Brotli bit stream: fields LSB-first (RFC 7932 §1.5.1).
class Bits {
  bytes: u8[] = [];
  private acc: u32 = 0;
  private n: u32 = 0;
  put(v: u32, width: u32): Bits {
    for (let i: u32 = 0; i < width; i++) this.bit((v >> i) & 1);
    return this;
  }
  align(): Bits { while (this.n != 0) this.bit(0); return this; }
  raw(s: string): Bits {
    this.align();
    const b = Uint8Array.wrap(String.UTF8.encode(s));
    for (let i = 0; i < b.length; i++) this.bytes.push(b[i]);
    return this;
  }
  private bit(b: u32): void {
    this.acc |= b << this.n;
    if (++this.n == 8) { this.bytes.push(<u8>this.acc); this.acc = 0; this.n = 0; }
  }
  done(): u8[] { this.align(); return this.bytes; }
}

class Outcome {
  constructor(public text: string, public error: string | null, public finished: bool, public truncated: bool) {}
}

// Decodes xs fed in pieces of `chunk` bytes (0 = all at once).
function run(xs: u8[], chunk: i32 = 0, limit: i64 = i64.MAX_VALUE): Outcome {
  const d = new BrotliDecoder(limit);
  const sink = new CollectingSink();
  const buf = new Uint8Array(xs.length);
  for (let i = 0; i < xs.length; i++) buf[i] = xs[i];
  const step = chunk <= 0 ? max(buf.length, 1) : chunk;
  let at = 0;
  do {
    const n = min(step, buf.length - at);
    d.feed(buf.dataStart + <usize>at, n, at + n >= buf.length, sink);
    at += n;
  } while (at < buf.length);
  return new Outcome(sink.toString(), d.error, d.finished(), d.truncated);
}

function expectText(xs: u8[], text: string): void {
  for (let chunk = 0; chunk <= 3; chunk++) {
    const o = run(xs, chunk);
    expect(o.error).toBeNull();
    expect(o.finished).toBe(true);
    expect(o.text).toBe(text);
  }
}

function expectError(xs: u8[], message: string): void {
  for (let chunk = 0; chunk <= 3; chunk++) expect(run(xs, chunk).error).toBe(message);
}

function crcOf(p: usize, n: i32): u32 { return crc32Update(0, p, n); }

// An uncompressed meta-block (not last) holding `s`, as the RFC's trivial compressor writes it.
function stored(b: Bits, s: string): Bits {
  const n = String.UTF8.byteLength(s);
  return b.put(0, 1).put(0, 2).put(n - 1, 16).put(1, 1).raw(s);
}

describe("brotli tables match the RFC's check values", () => {
  it("context lookup tables Lut0, Lut1, Lut2 (§7.1)", () => {
    const t = changetype<usize>(CONTEXT_LUT);
    expect(crcOf(t + 1024, 256)).toBe(0x8e91efb7);
    expect(crcOf(t + 1280, 256)).toBe(0xd01a32f4);
    expect(crcOf(t + 1792, 256)).toBe(0x0dd7a0d6);
    // LSB6 and MSB6 folded into the same shape
    expect(CONTEXT_LUT[0x7f]).toBe(0x3f);
    expect(CONTEXT_LUT[512 + 0xff]).toBe(0x3f);
    expect(CONTEXT_LUT[256 + 0xff]).toBe(0);
  });
  it("the 121 transforms, serialized as Appendix B describes (648 bytes)", () => {
    const seq = new Uint8Array(1024);
    let n = 0;
    for (let t = 0; t < TRANSFORM_COUNT; t++) {
      const po = TRANSFORM_INFO[5 * t], pl = TRANSFORM_INFO[5 * t + 1];
      for (let i = 0; i < <i32>pl; i++) seq[n++] = TRANSFORM_POOL[po + i];
      seq[n++] = 0;
      seq[n++] = <u8>TRANSFORM_INFO[5 * t + 2];
      const so = TRANSFORM_INFO[5 * t + 3], sl = TRANSFORM_INFO[5 * t + 4];
      for (let i = 0; i < <i32>sl; i++) seq[n++] = TRANSFORM_POOL[so + i];
      seq[n++] = 0;
    }
    expect(n).toBe(648);
    expect(crcOf(seq.dataStart, n)).toBe(0x3d965f81);
  });
  it("the generated static dictionary (Appendix A: 122,784 bytes, CRC-32 0x5136cb04)", () => {
    expect(DICTIONARY_BYTES).toBe(122784);
    expect(<i32>DOFFSET[24] + (24 << NDBITS[24])).toBe(DICTIONARY_BYTES);
    expect(crcOf(DICTIONARY, DICTIONARY_BYTES)).toBe(0x5136cb04);
    expect(String.UTF8.decodeUnsafe(DICTIONARY, 4)).toBe("time");
  });
});

function tf(word: string, t: i32): string {
  const w = Uint8Array.wrap(String.UTF8.encode(word));
  const out = new Uint8Array(40);
  const n = transformWord(out.dataStart, w.dataStart, w.length, t);
  return String.UTF8.decodeUnsafe(out.dataStart, <usize>n);
}

describe("brotli word transforms", () => {
  it("prefix, elementary transform and suffix", () => {
    expect(tf("time", 0)).toBe("time");
    expect(tf("time", 73)).toBe(" the time of the ");
    expect(tf("time", 3)).toBe("ime");         // OmitFirst1
    expect(tf("time", 54)).toBe("");           // OmitFirst9 of a shorter word
    expect(tf("time", 49)).toBe("timing ");    // OmitLast1 + "ing "
    expect(tf("time", 64)).toBe("");           // OmitLast9
    expect(tf("time", 9)).toBe("Time");        // UppercaseFirst
    expect(tf("time", 44)).toBe("TIME");       // UppercaseAll
    expect(tf("time", 102)).toBe("\u00a0time");
  });
  it("upper-casing flips bits inside UTF-8 sequences, never past the word", () => {
    // "ж" is d0 b6: the second byte's 0x20 bit flips (d0 96 = "Ж")
    expect(tf("жжж", 44)).toBe("ЖЖЖ");
    expect(tf("жжж", 9)).toBe("Жжж");
  });
});

describe("brotli prefix tables", () => {
  it("a one-symbol code reads no bits", () => {
    const t = new StaticArray<u32>(tableEntries(256));
    buildSingle(77, changetype<usize>(t));
    expect(peekSymbol(changetype<usize>(t), 0xffff)).toBe(77 << 8);
  });
  it("codes longer than 8 bits go through a subtable", () => {
    // lengths 1, 2, ..., 14, 15, 15 over 16 symbols: a complete code reaching 15 bits
    const lens = new StaticArray<u8>(16);
    for (let i = 0; i < 15; i++) lens[i] = <u8>(i + 1);
    lens[15] = 15;
    const t = new StaticArray<u32>(tableEntries(16));
    const used = buildCode(changetype<usize>(lens), 16, changetype<usize>(t), t.length);
    expect(used).toBeGreaterThan(256);
    expect(used).toBeLessThanOrEqual(tableEntries(16));
    // canonical codes: symbol k (< 15) is k ones then a zero; 14 ones + 0 is symbol 14, 15 ones is symbol 15
    expect(peekSymbol(changetype<usize>(t), 0)).toBe((0 << 8) | 1);
    expect(peekSymbol(changetype<usize>(t), 0b0111)).toBe((3 << 8) | 4);
    expect(peekSymbol(changetype<usize>(t), 0x3fff)).toBe((14 << 8) | 15);
    expect(peekSymbol(changetype<usize>(t), 0x7fff)).toBe((15 << 8) | 15);
  });
});

describe("brotli streams", () => {
  it("an empty stream, an empty body, and uncompressed meta-blocks", () => {
    expectText([0x06], ""); // WBITS 16, ISLAST, ISLASTEMPTY
    expect(run([]).error).toBeNull();
    const b = new Bits().put(0, 1); // WBITS 16
    stored(b, "hello ");
    stored(b, "world");
    expectText(b.put(1, 1).put(1, 1).done(), "hello world");
  });
  it("metadata is skipped, not output", () => {
    const b = new Bits().put(0, 1);
    b.put(0, 1).put(3, 2).put(0, 1).put(1, 2).put(4, 8).raw("META!");  // 5 metadata bytes
    stored(b, "data");
    expectText(b.put(1, 1).put(1, 1).done(), "data");
  });
  it("window bits: every valid code; large-window streams are refused", () => {
    for (let w = 10; w <= 24; w++) {
      const b = new Bits();
      if (w == 16) b.put(0, 1);
      else if (w >= 18) b.put(1, 1).put(w - 17, 3);
      else if (w == 17) b.put(1, 1).put(0, 3).put(0, 3);
      else b.put(1, 1).put(0, 3).put(w - 8, 3);
      expectText(b.put(1, 1).put(1, 1).done(), "");
    }
    expectError([0x11, 0x00], "br: large-window brotli is not supported at input byte 0");
  });
  it("the window is sized by WBITS and bounded by the output limit", () => {
    const small = new BrotliDecoder(1000);
    const big = new BrotliDecoder();
    const sink = new CollectingSink();
    const wbits24 = new Uint8Array(1);
    wbits24[0] = 0x0f | 0x30; // WBITS 24, ISLAST, ISLASTEMPTY
    small.feed(wbits24.dataStart, 1, true, sink);
    big.feed(wbits24.dataStart, 1, true, sink);
    expect(small.error).toBeNull();
    expect(small.windowLimit).toBe(1024);
    expect(small.windowBytes).toBe(1024);
    expect(big.windowLimit).toBe(1 << 22); // WBITS 24 asks for 16 MiB; BROTLI_WINDOW_CAP keeps 4 MiB
    expect(big.windowBytes).toBe(4096); // grows with the output, up to the limit
    // 100 KB of output: the ring grows with it, never past the window limit
    const b = new Bits().put(1, 1).put(7, 3);
    let text = "";
    for (let k = 0; k < 10; k++) {
      const part = "block " + k.toString() + " " + "x".repeat(10000);
      stored(b, part);
      text += part;
    }
    const xs = b.put(1, 1).put(1, 1).done();
    const o = run(xs, 4096);
    expect(o.error).toBeNull();
    expect(o.text).toBe(text);
    const d = new BrotliDecoder();
    const buf = new Uint8Array(xs.length);
    for (let i = 0; i < xs.length; i++) buf[i] = xs[i];
    d.feed(buf.dataStart, buf.length, true, sink);
    expect(d.windowBytes).toBeGreaterThanOrEqual(1 << 17);
    expect(d.windowBytes).toBeLessThanOrEqual(1 << 19);
  });
  it("errors name what and where, for every split", () => {
    expectError([0x06, 0x00], "br: trailing garbage after the end of the stream at input byte 1");
    expectError([0x0b], "br: truncated stream (input ended inside the meta-block header) at input byte 1");
    expectError([0x46], "br: nonzero padding bits at input byte 0");
    // metadata header with the reserved bit set
    expectError(new Bits().put(0, 1).put(0, 1).put(3, 2).put(1, 1).done(), "br: reserved bit set in a metadata header at input byte 0");
    // MLEN with 5 nibbles whose last nibble is zero
    expectError(new Bits().put(0, 1).put(0, 1).put(1, 2).put(0, 20).put(0, 1).done(), "br: meta-block length with a needless zero nibble at input byte 0");
  });
  it("output stops at exactly the limit, with the truncated flag", () => {
    const b = new Bits().put(0, 1);
    stored(b, "0123456789");
    const xs = b.put(1, 1).put(1, 1).done();
    for (let chunk = 0; chunk < 4; chunk++) {
      const o = run(xs, chunk, 4);
      expect(o.text).toBe("0123");
      expect(o.truncated).toBe(true);
      expect(o.error).toBeNull();
    }
    const exact = run(xs, 0, 10);
    expect(exact.truncated).toBe(false);
    expect(exact.finished).toBe(true);
  });
  it("reset() decodes the next stream with the memory kept", () => {
    const d = new BrotliDecoder();
    const sink = new CollectingSink();
    const b = new Bits().put(0, 1);
    stored(b, "again");
    const xs = b.put(1, 1).put(1, 1).done();
    const buf = new Uint8Array(xs.length);
    for (let i = 0; i < xs.length; i++) buf[i] = xs[i];
    for (let k = 0; k < 3; k++) {
      d.reset();
      sink.clear();
      d.feed(buf.dataStart, buf.length, true, sink);
      expect(d.error).toBeNull();
      expect(sink.toString()).toBe("again");
    }
    expect(d.windowBytes).toBe(4096);
  });
});
