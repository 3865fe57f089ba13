import { MsgpackParser, MSGPACK_MAX_DEPTH } from "../../../assembly/parsers/msgpack";
import { parseMatchPathPattern } from "../../../assembly/policy/json-path";
import { RecordSink } from "./record-sink";
import { utf8 } from "./proto-builder";
import { feedWhole, feedCuts, feedBytewise } from "./util";

/** A MessagePack encoder for the specs. */
class Mp {
  b: Array<u8> = [];
  byte(x: u32): Mp { this.b.push(<u8>x); return this; }
  be(v: u64, n: i32): Mp { for (let i = n - 1; i >= 0; i--) this.b.push(<u8>(v >> (8 * <u64>i))); return this; }
  map(n: u32): Mp { return n < 16 ? this.byte(0x80 | n) : n < 65536 ? this.byte(0xde).be(n, 2) : this.byte(0xdf).be(n, 4); }
  arr(n: u32): Mp { return n < 16 ? this.byte(0x90 | n) : n < 65536 ? this.byte(0xdc).be(n, 2) : this.byte(0xdd).be(n, 4); }
  str(s: string): Mp {
    const u = utf8(s);
    const n = <u32>u.length;
    if (n < 32) this.byte(0xa0 | n); else if (n < 256) this.byte(0xd9).be(n, 1); else this.byte(0xda).be(n, 2);
    for (let i = 0; i < u.length; i++) this.b.push(u[i]);
    return this;
  }
  raw(xs: Array<u8>): Mp { for (let i = 0; i < xs.length; i++) this.b.push(xs[i]); return this; }
  bytes(): Uint8Array { const u = new Uint8Array(this.b.length); for (let i = 0; i < this.b.length; i++) u[i] = this.b[i]; return u; }
}

function parse(m: Mp): RecordSink {
  const sink = new RecordSink();
  const p = new MsgpackParser(sink);
  sink.parser = p;
  feedWhole(p, m.bytes());
  expect(sink.errors.join("; ")).toBe("");
  return sink;
}

function flagOf(m: Mp): bool {
  const sink = new RecordSink();
  const p = new MsgpackParser(sink);
  feedWhole(p, m.bytes());
  return p.malformed;
}

describe("MsgpackParser (spec §7.2: msgpack like json)", () => {
  it("reports str keys, str values and numbers with JSON-style paths", () => {
    // {"users": [{"email": "a@b", "age": 42}], "n": -3}
    const m = new Mp().map(2).str("users").arr(1).map(2).str("email").str("a@b").str("age").byte(42).str("n").byte(0xfd);
    expect(parse(m).lines()).toBe(
      'K0 users @2..7 "users"\n' +
      'K0 users[0].email @10..15 "email"\n' +
      'V0 users[0].email @16..19 "a@b"\n' +
      'K0 users[0].age @20..23 "age"\n' +
      'V0 users[0].age @23..24 "42"\n' +
      'K0 n @25..26 "n"\n' +
      'V0 n @26..27 "-3"');
  });
  it("decodes every integer and float width; skips nil, booleans, bin and ext", () => {
    const m = new Mp().arr(13)
      .byte(0xcc).be(200, 1).byte(0xcd).be(65535, 2).byte(0xce).be(4294967295, 4).byte(0xcf).be(0xffffffffffffffff, 8)
      .byte(0xd0).be(0x80, 1).byte(0xd1).be(0x8000, 2).byte(0xd2).be(0x80000000, 4).byte(0xd3).be(0x8000000000000000, 8)
      .byte(0xca).be(0x3fc00000, 4).byte(0xcb).be(0x3ff199999999999a, 8)
      .byte(0xc0).byte(0xc3).byte(0xc4).be(2, 1).raw([0x41, 0x42]);
    expect(parse(m).lines()).toBe(
      'V0 [0] @1..3 "200"\nV0 [1] @3..6 "65535"\nV0 [2] @6..11 "4294967295"\nV0 [3] @11..20 "18446744073709551615"\n' +
      'V0 [4] @20..22 "-128"\nV0 [5] @22..25 "-32768"\nV0 [6] @25..30 "-2147483648"\nV0 [7] @30..39 "-9223372036854775808"\n' +
      'V0 [8] @39..44 "1.5"\nV0 [9] @44..53 "1.1"');
    const ext = new Mp().arr(3).byte(0xd8).byte(1).raw(utf8("0123456789abcdef")).byte(0xc7).be(3, 1).byte(9).raw(utf8("xyz")).str("after");
    expect(parse(ext).lines()).toBe('V0 [2] @26..31 "after"');
  });
  it("numbers and odd keys name the path; number keys are Key contexts", () => {
    const m = new Mp().map(3).byte(7).str("seven").byte(0xc3).str("yes").byte(0xc0).str("none");
    expect(parse(m).lines()).toBe('K0 7 @1..2 "7"\nV0 7 @3..8 "seven"\nV0 true @10..13 "yes"\nV0 nil @15..19 "none"');
  });
  it("numbers a stream of objects with blob_idx and handles empty containers and strings", () => {
    const m = new Mp().map(0).arr(0).str("").map(1).str("k").arr(0).str("x").byte(1);
    expect(parse(m).lines()).toBe('V2  @3..3 ""\nK3 k @5..6 "k"\nV4  @8..9 "x"\nV5  @9..10 "1"');
  });
  it("matches path patterns", () => {
    const sink = new RecordSink();
    const p = new MsgpackParser(sink);
    sink.parser = p;
    const m = new Mp().map(1).str("a").arr(2).byte(1).map(1).str("b").str("hit");
    const body = m.bytes();
    p.feed(body.dataStart, body.length - 3, false); // stop inside "hit": the path is live
    expect(p.path()).toBe("a[1].b");
    expect(p.matchesPath(parseMatchPathPattern("$.a[*].b"))).toBe(true);
    expect(p.matchesPath(parseMatchPathPattern("a[0].b"))).toBe(false);
  });
  it("gives identical records for every cut point and byte-by-byte", () => {
    const m = new Mp().map(3).str("name").str("Ann \u00e9").str("ids").arr(3).byte(0xcd).be(300, 2).byte(0xcb).be(0x400921fb54442d18, 8).byte(0xff)
      .str("long").str("x".repeat(300)).map(1).str("second").byte(0xc2);
    const body = m.bytes();
    const sink = new RecordSink();
    const p = new MsgpackParser(sink);
    sink.parser = p;
    feedWhole(p, body);
    const whole = sink.full();
    expect(p.malformed).toBe(false);
    for (let cut = 1; cut < body.length; cut++) {
      sink.clear(); p.reset();
      feedCuts(p, body, [cut]);
      expect(sink.full()).toBe(whole);
      expect(p.malformed).toBe(false);
    }
    sink.clear(); p.reset();
    feedBytewise(p, body);
    expect(sink.full()).toBe(whole);
  });
  it("malformed: 0xc1, a container as key, nesting past the limit, truncation", () => {
    expect(parse(new Mp().arr(2).str("ok").byte(0xc1).str("rest")).lines()).toBe('V0 [0] @2..4 "ok"\nV0  @4..10 "\\xc1\\xa4rest"');
    expect(flagOf(new Mp().map(1).map(0).byte(1))).toBe(true);
    let deep = new Mp();
    for (let i = 0; i <= MSGPACK_MAX_DEPTH; i++) deep.arr(1);
    deep.str("s");
    expect(flagOf(deep)).toBe(true);
    let ok = new Mp();
    for (let i = 0; i < MSGPACK_MAX_DEPTH; i++) ok.arr(1);
    ok.str("s");
    expect(flagOf(ok)).toBe(false);
    expect(parse(new Mp().map(1).str("k").str("abc").raw([])).lines()).toBe('K0 k @2..3 "k"\nV0 k @4..7 "abc"');
    const cut = new Mp().map(1).str("k").byte(0xa5).raw(utf8("ab"));
    expect(parse(cut).lines()).toBe('K0 k @2..3 "k"\nV0 k @4..6 "ab"');
    expect(flagOf(cut)).toBe(true);
    expect(flagOf(new Mp().arr(2).byte(1))).toBe(true);
    expect(flagOf(new Mp().byte(0xcd).byte(1))).toBe(true);
  });
});
