import { GrpcParser, PROTO_MAX_DEPTH } from "../../../assembly/parsers/grpc";
import { parseMatchPathPattern, JsonPath } from "../../../assembly/policy/json-path";
import { RecordSink } from "./record-sink";
import { Proto, frames, utf8 } from "./proto-builder";
import { feedWhole, feedCuts, feedBytewise } from "./util";

function run(body: Uint8Array, maxMessage: i32 = 1 << 20): RecordSink {
  const sink = new RecordSink();
  const p = new GrpcParser(sink, "", maxMessage);
  sink.parser = p;
  feedWhole(p, body);
  expect(sink.errors.join("; ")).toBe("");
  return sink;
}

function parser(sink: RecordSink, maxMessage: i32 = 1 << 20): GrpcParser {
  const p = new GrpcParser(sink, "", maxMessage);
  sink.parser = p;
  return p;
}

describe("GrpcParser: schema-less protobuf (spec §7.2 grpc)", () => {
  it("reports scalars as unsigned decimal and printable strings, with field-number paths", () => {
    const inner = new Proto().str(4, "a@b.c").uint(5, 7);
    const m = new Proto().uint(1, 150).str(2, "Ann").msg(3, new Proto().msg(1, inner)).fixed32(6, 0xffffffff).fixed64(7, 0xffffffffffffffff).uint(8, <u64>-1);
    const sink = run(frames([m.b]));
    expect(sink.lines()).toBe(
      'V0 1 @6..8 "150"\n' +
      'V0 2 @10..13 "Ann"\n' +
      'V0 3.1.4 @19..24 "a@b.c"\n' +
      'V0 3.1.5 @25..26 "7"\n' +
      'V0 6 @27..31 "4294967295"\n' +
      'V0 7 @32..40 "18446744073709551615"\n' +
      'V0 8 @41..51 "18446744073709551615"');
    expect(sink.records[0].describeRuns()).toBe("6+2:3");
  });
  it("skips bytes that are neither printable nor a message, and empty fields", () => {
    const m = new Proto().bytes(1, [0xff, 0x00, 0x01]).bytes(2, []).str(3, "ok\tline\n").bytes(4, [0x0a, 0x80]);
    expect(run(frames([m.b])).lines()).toBe('V0 3 @14..22 "ok\\x09line\\x0a"');
  });
  it("treats control characters, DEL, C1 and bad UTF-8 as not printable", () => {
    // Each of these is also not a message, so nothing is reported.
    const m = new Proto().bytes(1, [0x41, 0x7f]).bytes(2, utf8("a\u0085")).bytes(3, [0xc0, 0x80]).bytes(4, [0x41, 0x1b]);
    expect(run(frames([m.b])).lines()).toBe("");
    expect(run(frames([new Proto().str(1, "caf\u00e9 \u{1F600}").b])).lines()).toBe('V0 1 @7..17 "caf\\xc3\\xa9 \\xf0\\x9f\\x98\\x80"');
  });
  it("numbers messages with blob_idx and accepts empty messages", () => {
    const sink = run(frames([new Proto().str(1, "x").b, [], new Proto().uint(2, 3).b]));
    expect(sink.lines()).toBe('V0 1 @7..8 "x"\nV2 2 @19..20 "3"');
  });
  it("matches field-number patterns", () => {
    const sink = new RecordSink();
    const p = parser(sink);
    const probe = new Probe(p);
    const m = new Proto().msg(2, new Proto().msg(1, new Proto().str(4, "hit")));
    const body = frames([m.b]);
    const g = new GrpcParser(probe, "", 1 << 20);
    probe.p = g;
    feedWhole(g, body);
    expect(probe.seen).toBe("2.1.4:yes");
  });
});

import { ContextKind, ContextSink } from "../../../assembly/pipeline/context-sink";
class Probe extends ContextSink {
  seen: string = "";
  pat1: JsonPath = parseMatchPathPattern("2.1.4");
  pat2: JsonPath = parseMatchPathPattern("2.*.4");
  pat3: JsonPath = parseMatchPathPattern("2.1");
  pat4: JsonPath = parseMatchPathPattern("2.01.4");
  constructor(public p: GrpcParser) { super(); }
  beginContext(kind: ContextKind, blobIdx: i32, rawOffset: i64): void {}
  contextBytes(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void {}
  endContext(rawEnd: i64): void {
    const ok = this.p.matchesPath(this.pat1) && this.p.matchesPath(this.pat2) && !this.p.matchesPath(this.pat3) && !this.p.matchesPath(this.pat4);
    this.seen += this.p.path() + ":" + (ok ? "yes" : "no");
  }
}

describe("GrpcParser: framing", () => {
  it("gives identical records for every cut point and byte-by-byte feeding", () => {
    const a = new Proto().uint(1, 300).str(2, "alice@example.com").msg(3, new Proto().str(1, "x").fixed64(2, 9));
    const b = new Proto().str(15, "second");
    const body = frames([a.b, [], b.b, new Proto().raw([0xff, 0xff]).b]);
    const sink = new RecordSink();
    const p = parser(sink, 1 << 20);
    feedWhole(p, body);
    const whole = sink.full();
    const flag = p.malformed;
    expect(flag).toBe(true); // the last message is not protobuf: scanned as text
    for (let cut = 1; cut < body.length; cut++) {
      for (let cut2 = cut + 1; cut2 < body.length; cut2 += 7) {
        sink.clear(); p.reset();
        feedCuts(p, body, [cut, cut2]);
        expect(sink.full()).toBe(whole);
        expect(p.malformed).toBe(flag);
      }
    }
    sink.clear(); p.reset();
    feedBytewise(p, body);
    expect(sink.full()).toBe(whole);
  });
  it("skips messages over the bound and stays in sync", () => {
    const big = new Proto().str(1, "y".repeat(100));
    const sink = new RecordSink();
    const p = parser(sink, 64);
    feedCuts(p, frames([big.b, new Proto().str(2, "after").b]), [3, 50]);
    expect(sink.lines()).toBe('V1 2 @114..119 "after"');
    expect(p.truncated).toBe(true);
    expect(p.malformed).toBe(false);
  });
  it("inflates gzip and deflate messages; offsets follow the inflated bytes", () => {
    // gzip (and zlib) of: field 1 "a@b.c", field 2 varint 150
    const gz: Array<u8> = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 227, 98, 77, 116, 72, 210, 75, 22, 152, 198, 8, 0, 15, 177, 17, 184, 10, 0, 0, 0];
    const zl: Array<u8> = [120, 156, 227, 98, 77, 116, 72, 210, 75, 22, 152, 198, 8, 0, 11, 126, 2, 75];
    const after = new Proto().str(3, "plain").b;
    const cases: Array<string> = ["gzip", "deflate"];
    for (let k = 0; k < 2; k++) {
      const body = frames([k == 0 ? gz : zl, after], [1, 0]);
      const whole = new RecordSink();
      const p = new GrpcParser(whole, cases[k], 1 << 20);
      whole.parser = p;
      feedWhole(p, body);
      // message 0 inflates to 10 bytes at 5..15; message 1's prefix follows at 15..20
      expect(whole.lines()).toBe('V0 1 @7..12 "a@b.c"\nV0 2 @13..15 "150"\nV1 3 @22..27 "plain"');
      expect(p.unscannedEncoding).toBe(false);
      expect(p.malformed).toBe(false);
      for (let cut = 1; cut < body.length; cut++) {
        const sink = new RecordSink();
        const q = new GrpcParser(sink, cases[k], 1 << 20);
        sink.parser = q;
        feedCuts(q, body, [cut]);
        expect(sink.full()).toBe(whole.full());
      }
    }
  });
  it("flags a corrupt compressed message malformed and one that inflates past the bound truncated", () => {
    const bad: Array<u8> = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 227, 98, 77, 116, 72, 210, 75, 22, 152, 198, 8, 0, 15, 177, 17, 185, 10, 0, 0, 0];
    const sink = new RecordSink();
    const p = new GrpcParser(sink, "gzip", 1 << 20);
    feedWhole(p, frames([bad, new Proto().str(1, "next").b], [1, 0]));
    expect(p.malformed).toBe(true);
    expect(sink.records.length).toBe(1);
    const gz: Array<u8> = [31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 227, 98, 77, 116, 72, 210, 75, 22, 152, 198, 8, 0, 15, 177, 17, 184, 10, 0, 0, 0];
    const small = new GrpcParser(sink, "gzip", 8);
    feedWhole(small, frames([gz], [1]));
    expect(small.truncated).toBe(true);
    expect(small.malformed).toBe(false);
  });
  it("skips compressed messages it cannot inflate and flags unscannedEncoding", () => {
    const sink = new RecordSink();
    const p = new GrpcParser(sink, "snappy", 1 << 20);
    sink.parser = p;
    feedWhole(p, frames([new Proto().str(1, "zipped?").b, new Proto().str(1, "plain").b], [1, 0]));
    expect(sink.lines()).toBe('V1 1 @21..26 "plain"');
    expect(p.unscannedEncoding).toBe(true);
  });
  it("scans a non-protobuf message as text and a bad flag byte as the rest of the body", () => {
    const sink = run(frames([utf8("{\"a\":\"json\"}")]));
    expect(sink.lines()).toBe('V0  @5..17 "{\\x22a\\x22:\\x22json\\x22}"');
    const lost = frames([new Proto().str(1, "ok").b, utf8("rest")], [0, 7]);
    expect(run(lost).lines()).toBe('V0 1 @7..9 "ok"\nV1  @9..18 "\\x07\\x00\\x00\\x00\\x04rest"');
  });
  it("flags a body that ends mid-frame and scans the partial message as text", () => {
    const body = frames([new Proto().str(1, "complete").b]);
    const sink = new RecordSink();
    const p = parser(sink);
    feedCuts(p, body, [8]);
    sink.clear(); p.reset();
    p.feed(body.dataStart, 8, false);
    p.feed(body.dataStart, 0, true);
    expect(sink.lines()).toBe('V0  @5..8 "\\x0a\\x08c"');
    expect(p.malformed).toBe(true);
    sink.clear(); p.reset();
    p.feed(body.dataStart, 3, true);
    expect(sink.lines()).toBe("");
    expect(p.malformed).toBe(true);
  });
  it("skips messages nested deeper than the limit without recursion", () => {
    let m = new Proto().str(1, "deep");
    for (let i = 0; i < PROTO_MAX_DEPTH + 5; i++) m = new Proto().msg(2, m);
    const sink = run(frames([m.b]));
    expect(sink.records.length).toBe(0);
    let ok = new Proto().str(1, "deep");
    for (let i = 0; i < PROTO_MAX_DEPTH; i++) ok = new Proto().msg(2, ok);
    expect(run(frames([ok.b])).records.length).toBe(1);
  });
  it("bounds the work spent deciding what nested fields are, flagging truncated past it", () => {
    // 60 levels of single-field nesting around 8 KiB: every level re-reads everything below it.
    let m = new Proto().bytes(1, [0x00, 0x01]).str(2, "z".repeat(8192));
    for (let i = 0; i < 60; i++) m = new Proto().msg(3, m);
    const sink = run(frames([m.b]));
    const p = sink.parser as GrpcParser;
    expect(p.truncated).toBe(true);
    expect(p.malformed).toBe(false);
    // Ordinary nesting stays well inside the budget.
    let ok = new Proto().str(2, "z".repeat(2048));
    for (let i = 0; i < 12; i++) ok = new Proto().msg(3, ok).str(1, "sibling");
    const sink2 = run(frames([ok.b]));
    expect((sink2.parser as GrpcParser).truncated).toBe(false);
    expect(sink2.records.length).toBe(13);
  });
  it("rejects bogus protobuf: bad wire types, field 0, overlong varints, lengths past the end", () => {
    const cases: Array<Array<u8>> = [
      [0x0b, 0x01],                                                       // wire type 3 (group)
      [0x00, 0x01],                                                       // field 0
      [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], // varint over 64 bits
      [0x12, 0x05, 0x41],                                                 // length past the end
      [0x0d, 0x01, 0x02],                                                 // fixed32 cut short
    ];
    for (let i = 0; i < cases.length; i++) {
      const sink = run(frames([cases[i]]));
      expect(sink.records.length).toBe(1); // scanned as text
      expect(sink.records[0].path).toBe("");
    }
  });
});
