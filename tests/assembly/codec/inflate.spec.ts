import { Inflater, FORMAT_RAW, FORMAT_ZLIB, FORMAT_GZIP, FORMAT_DEFLATE_AUTO, createDecoder, CollectingSink } from "../../../assembly/codec/index";
import { crc32Update, adler32Update } from "../../../assembly/codec/checksum";

// Writes a deflate bit stream: fields LSB-first, Huffman codes MSB-first (RFC 1951 §3.1.1).
class Bits {
  bytes: u8[] = [];
  private acc: u32 = 0;
  private n: u32 = 0;
  put(v: u32, width: u32): Bits {
    for (let i: u32 = 0; i < width; i++) this.bit((v >> i) & 1);
    return this;
  }
  code(c: u32, width: u32): Bits {
    for (let i: i32 = <i32>width - 1; i >= 0; i--) this.bit((c >> <u32>i) & 1);
    return this;
  }
  bytesOf(xs: u8[]): Bits { this.align(); for (let i = 0; i < xs.length; i++) this.bytes.push(xs[i]); return this; }
  align(): Bits { while (this.n != 0) this.bit(0); return this; }
  private bit(b: u32): void {
    this.acc |= b << this.n;
    if (++this.n == 8) { this.bytes.push(<u8>this.acc); this.acc = 0; this.n = 0; }
  }
  done(): u8[] { this.align(); return this.bytes; }
}

// Fixed-code writers (RFC 1951 §3.2.6).
function fixedLit(b: Bits, sym: u32): void {
  if (sym < 144) b.code(0x30 + sym, 8);
  else if (sym < 256) b.code(0x190 + sym - 144, 9);
  else if (sym < 280) b.code(sym - 256, 7);
  else b.code(0xc0 + sym - 280, 8);
}

function bytesOf(s: string): u8[] {
  const buf = Uint8Array.wrap(String.UTF8.encode(s));
  const out = new Array<u8>(buf.length);
  for (let i = 0; i < buf.length; i++) out[i] = buf[i];
  return out;
}

function toBuf(xs: u8[]): Uint8Array {
  const u = new Uint8Array(xs.length);
  for (let i = 0; i < xs.length; i++) u[i] = xs[i];
  return u;
}

class Outcome {
  constructor(public text: string, public error: string | null, public finished: bool, public truncated: bool) {}
}

// Decodes xs fed in pieces of `chunk` bytes (0 = all at once).
function run(format: i32, xs: u8[], chunk: i32 = 0, limit: i64 = i64.MAX_VALUE): Outcome {
  const d = new Inflater(format, limit);
  const sink = new CollectingSink();
  const buf = toBuf(xs);
  const step = chunk <= 0 ? max(buf.length, 1) : chunk;
  let at = 0;
  do {
    const n = min(step, buf.length - at);
    d.feed(buf.dataStart + <usize>at, n, at + n >= buf.length, sink);
    at += n;
  } while (at < buf.length);
  return new Outcome(sink.toString(), d.error, d.finished(), d.truncated);
}

function expectText(format: i32, xs: u8[], text: string): void {
  for (let chunk = 0; chunk <= 3; chunk++) {
    const o = run(format, xs, chunk);
    expect(o.error).toBeNull();
    expect(o.finished).toBe(true);
    expect(o.text).toBe(text);
  }
}

function expectError(format: i32, xs: u8[], message: string): void {
  for (let chunk = 0; chunk <= 2; chunk++) {
    const o = run(format, xs, chunk);
    expect(o.error).toBe(message);
  }
}

function storedHello(): u8[] {
  return new Bits().put(1, 1).put(0, 2).align().put(5, 16).put(0xfffa, 16).bytesOf(bytesOf("hello")).done();
}

function u32le(v: u32): u8[] { return [<u8>v, <u8>(v >> 8), <u8>(v >> 16), <u8>(v >> 24)]; }
function concat(a: u8[], b: u8[]): u8[] { const out = a.slice(0); for (let i = 0; i < b.length; i++) out.push(b[i]); return out; }
function crcOf(s: string): u32 { const b = Uint8Array.wrap(String.UTF8.encode(s)); return crc32Update(0, b.dataStart, b.length); }

const GZIP_PLAIN: u8[] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];

function gzipOf(header: u8[], deflate: u8[], text: string): u8[] {
  return concat(concat(concat(header, deflate), u32le(crcOf(text))), u32le(<u32>text.length));
}

describe("inflate: block types", () => {
  it("decodes a stored block at every split", () => {
    expectText(FORMAT_RAW, storedHello(), "hello");
  });
  it("decodes stored blocks longer than the window, split across feeds", () => {
    // two non-final 40000-byte stored blocks and an empty final one: output passes the window size
    const b = new Bits();
    const payload = new Array<u8>(40000);
    for (let i = 0; i < payload.length; i++) payload[i] = <u8>(97 + i % 26);
    for (let k = 0; k < 2; k++) b.put(0, 1).put(0, 2).align().put(40000, 16).put(~40000 & 0xffff, 16).bytesOf(payload);
    b.put(1, 1).put(0, 2).align().put(0, 16).put(0xffff, 16);
    const o = run(FORMAT_RAW, b.done(), 997);
    expect(o.error).toBeNull();
    expect(o.text.length).toBe(80000);
    expect(o.text.slice(79974)).toBe("mnopqrstuvwxyzabcdefghijkl") // 39974 % 26 = 12;
  });
  it("decodes a fixed-Huffman block (zlib Z_FIXED output)", () => {
    const xs: u8[] = [75, 76, 74, 78, 132, 33, 133, 140, 212, 156, 156, 124, 8, 9, 0];
    expectText(FORMAT_RAW, xs, "abcabcabcabc hello hello");
  });
  it("decodes a hand-written fixed block with an overlapping match (distance 1)", () => {
    const b = new Bits().put(1, 1).put(1, 2);
    fixedLit(b, 120); // 'x'
    fixedLit(b, 265); b.put(1, 1); // length 11 + 1 = 12
    b.code(0, 5);     // distance code 0: distance 1
    fixedLit(b, 256);
    expectText(FORMAT_RAW, b.done(), "x".repeat(13));
  });
  it("decodes a dynamic-Huffman block (zlib level 9 output)", () => {
    const xs: u8[] = [37, 143, 65, 138, 69, 65, 12, 2, 207, 234, 162, 96, 4, 87, 209, 251, 51, 244, 251, 171, 96, 148, 164, 204, 5, 31, 132, 205, 88, 67, 226, 80, 4, 96, 32, 247, 236, 76, 196, 53, 190, 219, 220, 0, 39, 188, 228, 194, 29, 130, 29, 7, 127, 179, 159, 104, 105, 198, 74, 158, 2, 186, 43, 167, 46, 71, 209, 69, 167, 247, 248, 89, 133, 33, 222, 240, 216, 148, 172, 212, 20, 15, 202, 110, 227, 203, 238, 102, 84, 115, 116, 107, 247, 190, 165, 67, 206, 3, 158, 217, 222, 165, 130, 212, 241, 245, 113, 108, 50, 208, 203, 188, 213, 225, 116, 249, 0, 172, 181, 110, 127, 44, 210, 175, 250, 163, 254, 58, 163, 149, 251, 7];
    expect((xs[0] >> 1) & 3).toBe(2);
    const o = run(FORMAT_RAW, xs, 1);
    expect(o.error).toBeNull();
    expect(o.text.length).toBe(300);
    expect(o.text.slice(0, 24)).toBe("lrleireelettieiateaaerea");
    expect(run(FORMAT_RAW, xs).text).toBe(o.text);
  });
  it("accepts a dynamic block with a single one-bit distance code and no distance codes used", () => {
    // HLIT=257, HDIST=1; code-length code: symbols 0 and 8 of length 1 (HCLEN=5: 16,17,18,0,8)
    // lit/len: 'a'..: all 0 except symbol 97 and 256 -> lengths 1 via a second code-length symbol
    // Simpler: code lengths code {1: len1? } — use symbols 0 (code 0) and 1 (code 1).
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(14, 4);
    // HCLEN=18 entries: order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1 -> give 0 and 1 length 1
    const order: u32[] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1];
    for (let i = 0; i < order.length; i++) b.put(order[i] == 0 || order[i] == 1 ? 1 : 0, 3);
    // 258 code lengths: symbol 97 ('a') and 256 have length 1, the distance code has length 1
    for (let s = 0; s < 258; s++) b.code(s == 97 || s == 256 || s == 257 ? 1 : 0, 1);
    // data: 'a' (code 0), 'a', end of block (code 1)
    b.code(0, 1).code(0, 1).code(1, 1);
    expectText(FORMAT_RAW, b.done(), "aa");
  });
});

describe("inflate: wrappers", () => {
  it("gzip: plain header, CRC-32 and ISIZE checked", () => {
    expectText(FORMAT_GZIP, gzipOf(GZIP_PLAIN, storedHello(), "hello"), "hello");
  });
  it("gzip: FEXTRA, FNAME, FCOMMENT and a correct FHCRC", () => {
    let h: u8[] = [0x1f, 0x8b, 8, 0x1e, 1, 2, 3, 4, 0, 255, 3, 0, 120, 121, 122, 110, 0, 99, 111, 0];
    const hb = toBuf(h);
    const crc = crc32Update(0, hb.dataStart, hb.length);
    h = concat(h, [<u8>crc, <u8>(crc >> 8)]);
    expectText(FORMAT_GZIP, gzipOf(h, storedHello(), "hello"), "hello");
    h[h.length - 1] ^= 1;
    expectError(FORMAT_GZIP, gzipOf(h, storedHello(), "hello"), "gzip: header CRC mismatch at input byte 20");
  });
  it("gzip: concatenated members decode to the concatenation", () => {
    const one = gzipOf(GZIP_PLAIN, storedHello(), "hello");
    expectText(FORMAT_GZIP, concat(one, one), "hellohello");
  });
  it("zlib: header check and Adler-32 trailer", () => {
    const s = Uint8Array.wrap(String.UTF8.encode("hello"));
    const a = adler32Update(1, s.dataStart, s.length);
    const z = concat(concat([0x78, 0x9c], storedHello()), [<u8>(a >> 24), <u8>(a >> 16), <u8>(a >> 8), <u8>a]);
    expectText(FORMAT_ZLIB, z, "hello");
    expectText(FORMAT_DEFLATE_AUTO, z, "hello");
    expectText(FORMAT_DEFLATE_AUTO, storedHello(), "hello");
    z[z.length - 1] ^= 0x40;
    expectError(FORMAT_ZLIB, z, "zlib: Adler-32 mismatch at input byte 12");
  });
  it("createDecoder knows gzip, x-gzip, deflate and br, case-insensitively, and nothing else", () => {
    expect(createDecoder("gzip")).not.toBeNull();
    expect(createDecoder(" X-GZIP ")).not.toBeNull();
    expect(createDecoder("Deflate")).not.toBeNull();
    expect(createDecoder("BR")).not.toBeNull();
    expect(createDecoder("zstd")).toBeNull();
    expect(createDecoder("identity")).toBeNull();
  });
  it("an empty body is empty output, not an error", () => {
    const o = run(FORMAT_GZIP, []);
    expect(o.error).toBeNull();
    expect(o.text).toBe("");
  });
});

describe("inflate: errors name what and where, and never trap", () => {
  it("invalid block type", () => {
    expectError(FORMAT_RAW, [0x07], "deflate: invalid block type 3 at input byte 0");
  });
  it("stored length not matching its complement", () => {
    expectError(FORMAT_RAW, [0x01, 5, 0, 0, 0], "deflate: stored block length does not match its complement at input byte 1");
  });
  it("too many length or distance symbols", () => {
    expectError(FORMAT_RAW, new Bits().put(1, 1).put(2, 2).put(30, 5).put(0, 5).put(0, 4).done(), "deflate: too many length or distance symbols at input byte 0");
  });
  it("incomplete code-length code", () => {
    expectError(FORMAT_RAW, [0x05, 0, 0, 0], "deflate: invalid code lengths set at input byte 3");
  });
  it("repeat of a previous length with no previous length", () => {
    // code-length code: symbols 8 and 16 of length 1 (HCLEN=5: 16,17,18,0,8); first symbol is 16
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(1, 4).put(1, 3).put(0, 3).put(0, 3).put(0, 3).put(1, 3);
    b.code(1, 1).put(0, 2);
    expectError(FORMAT_RAW, b.done(), "deflate: length repeat with no previous length at input byte 4");
  });
  it("missing end-of-block code", () => {
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(1, 4).put(0, 3).put(0, 3).put(0, 3).put(1, 3).put(1, 3);
    for (let i = 0; i < 258; i++) b.code(0, 1); // all 258 lengths 0
    expectError(FORMAT_RAW, b.done(), "deflate: missing end-of-block code at input byte 36");
  });
  it("over-subscribed literal/length code", () => {
    const b = new Bits().put(1, 1).put(2, 2).put(0, 5).put(0, 5).put(1, 4).put(0, 3).put(0, 3).put(0, 3).put(1, 3).put(1, 3);
    for (let i = 0; i < 258; i++) b.code(1, 1); // 258 codes of length 8
    expectError(FORMAT_RAW, b.done(), "deflate: invalid literal/length code lengths at input byte 36");
  });
  it("distance too far back", () => {
    const b = new Bits().put(1, 1).put(1, 2);
    fixedLit(b, 97);
    fixedLit(b, 257);
    b.code(1, 5); // distance 2 after one byte of output
    fixedLit(b, 256);
    expectError(FORMAT_RAW, b.done(), "deflate: distance too far back at input byte 2");
  });
  it("reserved distance code 30", () => {
    const b = new Bits().put(1, 1).put(1, 2);
    fixedLit(b, 97);
    fixedLit(b, 257);
    b.code(30, 5);
    fixedLit(b, 256);
    expectError(FORMAT_RAW, b.done(), "deflate: invalid distance code at input byte 2");
  });
  it("reserved literal/length code 286", () => {
    const b = new Bits().put(1, 1).put(1, 2);
    fixedLit(b, 286);
    expectError(FORMAT_RAW, b.done(), "deflate: invalid literal/length code at input byte 1");
  });
  it("gzip: bad magic, method, flags, CRC-32, ISIZE", () => {
    expectError(FORMAT_GZIP, [0x1f, 0x8c, 8, 0, 0, 0, 0, 0, 0, 3], "gzip: not a gzip stream (bad magic) at input byte 1");
    expectError(FORMAT_GZIP, [0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3], "gzip: unknown compression method 7 at input byte 2");
    expectError(FORMAT_GZIP, [0x1f, 0x8b, 8, 0x20, 0, 0, 0, 0, 0, 3], "gzip: reserved header flags set at input byte 3");
    const g = gzipOf(GZIP_PLAIN, storedHello(), "hello");
    g[20] ^= 1;
    expectError(FORMAT_GZIP, g, "gzip: CRC-32 mismatch at input byte 20");
    g[20] ^= 1;
    g[24] ^= 1;
    expectError(FORMAT_GZIP, g, "gzip: length (ISIZE) mismatch at input byte 24");
  });
  it("zlib: header check, method, dictionary", () => {
    expectError(FORMAT_ZLIB, [0x78, 0x9d], "zlib: header check failed at input byte 0");
    expectError(FORMAT_ZLIB, [0x77, 0x85], "zlib: unknown compression method 7 at input byte 0");
    expectError(FORMAT_ZLIB, [0x78, 0xbb], "zlib: preset dictionary not supported at input byte 0");
  });
  it("truncated stream, at every length", () => {
    const g = gzipOf(GZIP_PLAIN, storedHello(), "hello");
    for (let n = 1; n < g.length; n++) {
      const o = run(FORMAT_GZIP, g.slice(0, n), 1);
      expect(o.error).not.toBeNull();
      expect(o.error!.includes("truncated stream")).toBe(true);
    }
  });
  it("trailing garbage", () => {
    expectError(FORMAT_RAW, concat(storedHello(), [0]), "deflate: trailing garbage after the end of the stream at input byte 10");
    expectError(FORMAT_GZIP, concat(gzipOf(GZIP_PLAIN, storedHello(), "hello"), [0x41, 0x42]), "gzip: trailing garbage after the last member at input byte 28");
  });
  it("input after an error is ignored", () => {
    const d = new Inflater(FORMAT_RAW);
    const sink = new CollectingSink();
    const bad = toBuf([0x07, 0x01, 0x02]);
    d.feed(bad.dataStart, 1, false, sink);
    const first = d.error;
    d.feed(bad.dataStart + 1, 2, true, sink);
    expect(d.error).toBe(first);
    expect(sink.length).toBe(0);
  });
});

describe("inflate: output limit", () => {
  it("stops at the limit with the truncated flag and ignores the rest", () => {
    // 'x' then 40 matches of 258: 10321 bytes from 17 bytes of input
    const b = new Bits().put(1, 1).put(1, 2);
    fixedLit(b, 120);
    for (let i = 0; i < 40; i++) { fixedLit(b, 285); b.code(0, 5); }
    fixedLit(b, 256);
    const xs = b.done();
    const full = run(FORMAT_RAW, xs);
    expect(full.text.length).toBe(10321);
    expect(full.truncated).toBe(false);
    const at = run(FORMAT_RAW, xs, 0, 10321);
    expect(at.truncated).toBe(false);
    const cut = run(FORMAT_RAW, xs, 2, 1000);
    expect(cut.truncated).toBe(true);
    expect(cut.error).toBeNull();
    expect(cut.text).toBe("x".repeat(1000));
  });
  it("reset() makes a decoder reusable", () => {
    const d = new Inflater(FORMAT_RAW);
    const sink = new CollectingSink();
    const bad = toBuf([0x07]);
    d.feed(bad.dataStart, 1, true, sink);
    expect(d.error).not.toBeNull();
    d.reset();
    const good = toBuf(storedHello());
    d.feed(good.dataStart, good.length, true, sink);
    expect(d.error).toBeNull();
    expect(sink.toString()).toBe("hello");
  });
});
