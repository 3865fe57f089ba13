import { JsonParser, JSON_MAX_DEPTH, JSON_KEY_ARENA_BYTES } from "../../../assembly/parsers/json";
import { parseMatchPathPattern } from "../../../assembly/policy/json-path";
import { RecordSink } from "./record-sink";
import { bytesOf, feedWhole, feedBytewise, feedCuts } from "./util";

function parse(src: string): string {
  const sink = new RecordSink();
  const p = new JsonParser(sink);
  sink.parser = p;
  feedWhole(p, bytesOf(src));
  expect(sink.errors.join("; ")).toBe("");
  return sink.lines();
}

function parseFlag(src: string): bool {
  const sink = new RecordSink();
  const p = new JsonParser(sink);
  feedWhole(p, bytesOf(src));
  return p.malformed;
}

/** Every single cut point and byte-by-byte feeding give the same record as feeding whole. */
function splitInvariant(src: string): void {
  const body = bytesOf(src);
  const sink = new RecordSink();
  const p = new JsonParser(sink);
  sink.parser = p;
  feedWhole(p, body);
  const whole = sink.full();
  const flag = p.malformed;
  for (let cut = 1; cut < body.length; cut++) {
    sink.clear(); p.reset();
    feedCuts(p, body, [cut]);
    expect(sink.full()).toBe(whole, "cut at " + cut.toString() + " of " + src);
    expect(p.malformed).toBe(flag);
    expect(sink.errors.length).toBe(0);
  }
  sink.clear(); p.reset();
  feedBytewise(p, body);
  expect(sink.full()).toBe(whole);
  expect(p.malformed).toBe(flag);
}

describe("JsonParser: contexts and paths (spec §7.2, §7.3)", () => {
  it("reports keys and scalar values with their paths", () => {
    expect(parse('{"users":[{"name":"Ann","age":42},{"contact":{"email":"a@b.c"}}]}')).toBe(
      'K0 users @2..7 "users"\n' +
      'K0 users[0].name @12..16 "name"\n' +
      'V0 users[0].name @19..22 "Ann"\n' +
      'K0 users[0].age @25..28 "age"\n' +
      'V0 users[0].age @30..32 "42"\n' +
      'K0 users[1].contact @36..43 "contact"\n' +
      'K0 users[1].contact.email @47..52 "email"\n' +
      'V0 users[1].contact.email @55..60 "a@b.c"');
  });
  it("skips true, false and null and keeps number literal text", () => {
    expect(parse('[true, -0.5e+10, false, null, 0, 12E-3]')).toBe(
      'V0 [1] @7..15 "-0.5e+10"\nV0 [4] @30..31 "0"\nV0 [5] @33..38 "12E-3"');
  });
  it("gives a root scalar the empty path", () => {
    expect(parse(' "top" ')).toBe('V0  @2..5 "top"');
  });
  it("writes keys verbatim, including dots, brackets and escapes", () => {
    expect(parse('{"a.b":{"c[0]":1,"\\u00e9":2}}')).toBe(
      'K0 a.b @2..5 "a.b"\nK0 a.b.c[0] @9..13 "c[0]"\nV0 a.b.c[0] @15..16 "1"\n' +
      'K0 a.b.\u00e9 @18..24 "\\xc3\\xa9"\nV0 a.b.\u00e9 @26..27 "2"');
  });
  it("numbers concatenated and NDJSON documents with blob_idx", () => {
    expect(parse('{"a":1}\n{"a":2}\n[3]{"b":"x"}"y" 7 8')).toBe(
      'K0 a @2..3 "a"\nV0 a @5..6 "1"\nK1 a @10..11 "a"\nV1 a @13..14 "2"\nV2 [0] @17..18 "3"\n' +
      'K3 b @21..22 "b"\nV3 b @25..26 "x"\nV4  @29..30 "y"\nV5  @32..33 "7"\nV6  @34..35 "8"');
  });
  it("handles empty containers and empty strings", () => {
    expect(parse('{"a":{},"b":[],"c":"","d":[[]]}')).toBe(
      'K0 a @2..3 "a"\nK0 b @9..10 "b"\nK0 c @16..17 "c"\nV0 c @20..20 ""\nK0 d @23..24 "d"');
  });
  it("skips a UTF-8 byte order mark before the first document, in any split", () => {
    expect(parse('\ufeff{"a":1}')).toBe('K0 a @5..6 "a"\nV0 a @8..9 "1"');
    expect(parseFlag('\ufeff"x"')).toBe(false);
    splitInvariant('\ufeff{"a":1}');
    // Not a BOM: the bytes taken for one are replayed into the text context.
    const raw: u8[] = [0xef, 0xbb, 0x22, 0x78, 0x22];
    const body = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i++) body[i] = raw[i];
    const sink = new RecordSink();
    const p = new JsonParser(sink);
    sink.parser = p;
    feedCuts(p, body, [1]);
    expect(sink.lines()).toBe('V0  @0..5 "\\xef\\xbb\\x22x\\x22"');
    expect(p.malformed).toBe(true);
  });
  it("an empty or whitespace body is well-formed and has no context", () => {
    expect(parse("")).toBe("");
    expect(parse(" \n\t\r ")).toBe("");
    expect(parseFlag(" \n")).toBe(false);
  });
});

describe("JsonParser: escapes", () => {
  it("decodes simple escapes as their own runs with raw offsets", () => {
    const sink = new RecordSink();
    const p = new JsonParser(sink);
    sink.parser = p;
    feedWhole(p, bytesOf('"a\\n\\"\\\\\\/\\b\\f\\r\\tz"'));
    expect(sink.records.length).toBe(1);
    expect(sink.records[0].describe()).toBe('V0  @1..19 "a\\x0a\\x22\\x5c/\\x08\\x0c\\x0d\\x09z"');
    expect(sink.records[0].describeRuns()).toBe("1+1:1 2+2:1 4+2:1 6+2:1 8+2:1 10+2:1 12+2:1 14+2:1 16+2:1 18+1:1");
  });
  it("decodes \\u escapes to UTF-8, surrogate pairs as one 12-byte run", () => {
    const sink = new RecordSink();
    const p = new JsonParser(sink);
    sink.parser = p;
    feedWhole(p, bytesOf('"\\u0041\\u00E9\\u20ac\\ud83d\\ude00!"'));
    expect(sink.records[0].describe()).toBe('V0  @1..32 "A\\xc3\\xa9\\xe2\\x82\\xac\\xf0\\x9f\\x98\\x80!"');
    expect(sink.records[0].describeRuns()).toBe("1+6:1 7+6:2 13+6:3 19+12:4 31+1:1");
  });
  it("turns lone and unpaired surrogates into U+FFFD without failing", () => {
    expect(parse('["\\ud800", "\\udc00x", "\\ud800\\u0041", "\\ud800\\n", "\\ud800\\ud800\\udc00"]')).toBe(
      'V0 [0] @2..8 "\\xef\\xbf\\xbd"\n' +
      'V0 [1] @12..19 "\\xef\\xbf\\xbdx"\n' +
      'V0 [2] @23..35 "\\xef\\xbf\\xbdA"\n' +
      'V0 [3] @39..47 "\\xef\\xbf\\xbd\\x0a"\n' +
      'V0 [4] @51..69 "\\xef\\xbf\\xbd\\xf0\\x90\\x80\\x80"');
    expect(parseFlag('["\\ud800", "\\udc00x"]')).toBe(false);
  });
  it("an invalid escape ends the string and the rest (from the backslash) is text", () => {
    expect(parse('{"k":"ab\\qcd","x":"secret"}')).toBe(
      'K0 k @2..3 "k"\nV0 k @6..8 "ab"\nV0  @8..27 "\\x5cqcd\\x22,\\x22x\\x22:\\x22secret\\x22}"');
    expect(parseFlag('"\\q"')).toBe(true);
  });
  it("a bad hex digit in \\u replays the escape prefix as text", () => {
    expect(parse('"ab\\u12G4 rest"')).toBe('V0  @1..3 "ab"\nV0  @3..15 "\\x5cu12G4 rest\\x22"');
  });
  it("a body ending inside an escape ends the string and keeps the partial escape as text", () => {
    expect(parse('"ab\\u12')).toBe('V0  @1..3 "ab"\nV0  @3..7 "\\x5cu12"');
    expect(parseFlag('"ab\\u12')).toBe(true);
  });
});

describe("JsonParser: malformed input falls back to text (spec §7.2 Decision)", () => {
  it("keeps contexts found so far, then the rest is one Value context with path \"\"", () => {
    expect(parse('{"a":"x","b" "c":"d"}')).toBe('K0 a @2..3 "a"\nV0 a @6..7 "x"\nK0 b @10..11 "b"\nV0  @13..21 "\\x22c\\x22:\\x22d\\x22}"');
  });
  it("truncated documents keep what was found and flag malformed", () => {
    expect(parse('{"a":"xy')).toBe('K0 a @2..3 "a"\nV0 a @6..8 "xy"');
    expect(parseFlag('{"a":"xy')).toBe(true);
    expect(parse('{"a":12')).toBe('K0 a @2..3 "a"\nV0 a @5..7 "12"');
    expect(parseFlag('{"a":12')).toBe(true);
    expect(parseFlag('{"a":')).toBe(true);
    expect(parseFlag('[1,')).toBe(true);
    expect(parseFlag('{"a')).toBe(true);
    expect(parseFlag('tru')).toBe(true);
    expect(parseFlag('12')).toBe(false);
  });
  it("rejects trailing commas, bad literals and bad numbers", () => {
    expect(parse('[1,]')).toBe('V0 [0] @1..2 "1"\nV0  @3..4 "]"');
    expect(parse('{"a":1,}')).toBe('K0 a @2..3 "a"\nV0 a @5..6 "1"\nV0  @7..8 "}"');
    expect(parse('[trux]')).toBe('V0  @1..6 "trux]"');
    expect(parse('[01]')).toBe('V0 [0] @1..2 "0"\nV0  @2..4 "1]"');
    expect(parse('[1.]')).toBe('V0 [0] @1..3 "1."\nV0  @3..4 "]"');
    expect(parse('[-]')).toBe('V0 [0] @1..2 "-"\nV0  @2..3 "]"');
    expect(parse("{'a':1}")).toBe("V0  @1..7 \"'a':1}\"");
    expect(parse('[1 2]')).toBe('V0 [0] @1..2 "1"\nV0  @3..5 "2]"');
    expect(parse('}')).toBe('V0  @0..1 "}"');
  });
  it("allows 128 levels of nesting and falls back at the 129th", () => {
    const ok = "[".repeat(JSON_MAX_DEPTH) + "1" + "]".repeat(JSON_MAX_DEPTH);
    expect(parseFlag(ok)).toBe(false);
    const deep = '{"a":' + "[".repeat(JSON_MAX_DEPTH) + '"secret"' + "]".repeat(JSON_MAX_DEPTH) + "}";
    const out = parse(deep);
    expect(out).toBe('K0 a @2..3 "a"\nV0  @132..' + deep.length.toString() + ' "[\\x22secret\\x22' + "]".repeat(JSON_MAX_DEPTH) + '}"');
    expect(parseFlag(deep)).toBe(true);
  });
  it("very deep input does not recurse or grow memory", () => {
    const deep = "[".repeat(100000);
    expect(parseFlag(deep)).toBe(true);
  });
  it("stops parsing after the body ended", () => {
    const sink = new RecordSink();
    const p = new JsonParser(sink);
    const b = bytesOf('"x"');
    feedWhole(p, b);
    feedWhole(p, b);
    expect(sink.records.length).toBe(1);
  });
});

describe("JsonParser: chunk splits", () => {
  it("gives identical records for every cut point and byte-by-byte feeding", () => {
    splitInvariant('{"users":[{"name":"Ann","n":-12.5e3,"ok":true},{"e":"a\\u00e9\\ud83d\\ude00\\n"}],"z":null}');
    splitInvariant('{"a":1}\n{"b":[1,2,"x"]}\n"\\ud800\\u0041" 17');
    splitInvariant('{"k":"ab\\qcd","x":"secret"}');
    splitInvariant('["\\u12G4", 1]');
    splitInvariant('[tru, 1]');
    splitInvariant('{"a":"xy');
    splitInvariant('{"a":"\\ud83d');
  });
  it("emits a long string as several runs, never buffered whole", () => {
    const sink = new RecordSink();
    const p = new JsonParser(sink);
    sink.parser = p;
    const body = bytesOf('{"k":"' + "x".repeat(1000) + '"}');
    feedCuts(p, body, [100, 500, 900]);
    expect(sink.records.length).toBe(2);
    expect(sink.records[1].bytes.length).toBe(1000);
    expect(sink.records[1].describeRuns()).toBe("6+1000:1000");
  });
});

describe("JsonParser: key arena bound", () => {
  it("keeps a key longer than the arena truncated: no trap, shortened path, never equal to a pattern key", () => {
    const long = "k".repeat(JSON_KEY_ARENA_BYTES + 100);
    const sink = new PathProbe();
    const p = new JsonParser(sink);
    sink.parser = p;
    sink.exact = parseMatchPathPattern(long);
    sink.any = parseMatchPathPattern("*");
    feedWhole(p, bytesOf('{"' + long + '":"v"}'));
    expect(sink.seen.length).toBe(2);
    expect(sink.seen[1]).toBe("k".repeat(JSON_KEY_ARENA_BYTES) + "=any");
  });
  it("deep paths with long keys share the arena; later keys are cut, earlier ones stay whole", () => {
    const key = "x".repeat(200);
    let doc = "";
    for (let i = 0; i < 100; i++) doc += '{"' + key + '":';
    doc += '"leaf"' + "}".repeat(100);
    const sink = new RecordSink();
    const p = new JsonParser(sink);
    sink.parser = p;
    feedWhole(p, bytesOf(doc));
    expect(p.malformed).toBe(false);
    const leaf = sink.records[sink.records.length - 1];
    expect(leaf.path.length).toBe(JSON_KEY_ARENA_BYTES + 99); // 16384 key bytes kept + 99 dots
    expect(leaf.path.startsWith(key + "." + key + ".")).toBe(true);
  });
});

describe("JsonParser: path patterns", () => {
  it("matches §7.3 patterns against the live path without rendering it", () => {
    const sink = new PathProbe();
    const p = new JsonParser(sink);
    sink.parser = p;
    feedWhole(p, bytesOf('{"users":[{"contact":{"email":"a@b"}},{"contact":{"\\u00e9":"x"}}]}'));
    expect(sink.seen.join(";")).toBe("users;users[0].contact;users[0].contact.email=exact+any;users[0].contact.email=exact+any;users[1].contact;users[1].contact.\u00e9=accent;users[1].contact.\u00e9=accent");
  });
});

import { ContextKind, ContextSink } from "../../../assembly/pipeline/context-sink";
import { JsonPath } from "../../../assembly/policy/json-path";

class PathProbe extends ContextSink {
  parser: JsonParser | null = null;
  seen: Array<string> = [];
  exact: JsonPath = parseMatchPathPattern("$.users[0].contact.email");
  any: JsonPath = parseMatchPathPattern("users.[*].*.email");
  accent: JsonPath = parseMatchPathPattern("users[1].contact.\u00e9");
  none: JsonPath = parseMatchPathPattern("users[0].contact");
  beginContext(kind: ContextKind, blobIdx: i32, rawOffset: i64): void {}
  contextBytes(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void {}
  endContext(rawEnd: i64): void {
    const p = this.parser!;
    let s = p.path();
    const hits = new Array<string>();
    if (p.matchesPath(this.exact)) hits.push("exact");
    if (p.matchesPath(this.any)) hits.push("any");
    if (p.matchesPath(this.accent)) hits.push("accent");
    if (hits.length) s += "=" + hits.join("+");
    this.seen.push(s);
  }
}
