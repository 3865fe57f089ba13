import { compileSet, PatternSpec, PatternKind, CompileOptions, MatchBuffer } from "../../../assembly/regex/index";

function scanAll(specs: Array<PatternSpec>, text: string, chunk: i32): string {
  const r = compileSet(specs, new CompileOptions());
  const sc = r.set!.newScanner();
  const sink = new MatchBuffer();
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  for (let at = 0; at < bytes.length || at == 0; at += chunk) {
    const len = min<i32>(chunk, bytes.length - at);
    sc.feed(bytes.dataStart + <usize>at, len, at + len >= bytes.length, sink);
    if (bytes.length == 0) break;
  }
  let out = "";
  for (let i = 0; i < sink.count; i++) {
    if (i) out += " ";
    out += sink.data[i * 4].toString() + ":" + sink.data[i * 4 + 1].toString() + "-" + sink.data[i * 4 + 2].toString();
  }
  return out;
}

describe("regex API", () => {
  it("reports compile errors with pattern index, reason and byte position, and keeps the rest", () => {
    const r = compileSet([new PatternSpec("ok"), new PatternSpec("a(b"), new PatternSpec("\\p{Nope}"), new PatternSpec("", PatternKind.Literal)], new CompileOptions());
    expect(r.errors.length).toBe(3);
    expect(r.errors[0].toString()).toBe("pattern 1: unclosed group at byte 1");
    expect(r.errors[1].patternIndex).toBe(2);
    expect(r.errors[1].message).toBe("unknown Unicode property 'Nope'");
    expect(r.errors[2].message).toBe("empty literal");
    expect(r.set!.patternCount).toBe(1);
  });
  it("scans regexes and literals together, reporting absolute spans across chunks", () => {
    const specs = [new PatternSpec("\\d{3}-\\d{4}"), new PatternSpec("first_name", PatternKind.Literal), new PatternSpec("PHONE", PatternKind.LiteralInsensitive)];
    const text = "{\"first_name\":\"x\",\"phone\":\"555-1234\"}";
    expect(scanAll(specs, text, 1000)).toBe("1:2-12 2:19-24 0:27-35");
    expect(scanAll(specs, text, 3)).toBe("1:2-12 2:19-24 0:27-35");
  });
  it("finds non-overlapping leftmost-first matches and drops empty ones", () => {
    expect(scanAll([new PatternSpec("a|ab"), new PatternSpec("b*")], "abab", 2)).toBe("0:0-1 1:1-2 0:2-3 1:3-4");
  });
  it("handles (?-u:\\b), Unicode \\b and invalid UTF-8", () => {
    expect(scanAll([new PatternSpec("(?-u:\\b)x")], "éx x", 1)).toBe("0:2-3 0:4-5");
    expect(scanAll([new PatternSpec("\\bx")], "éx x", 1)).toBe("0:4-5");
  });
  it("runs tier-2 patterns with lookaround", () => {
    expect(scanAll([new PatternSpec("\\d+(?=px)"), new PatternSpec("(\\w)\\1")], "12px 34em aa", 4)).toBe("0:0-2 1:10-12");
  });
  it("resets a scanner for a new stream", () => {
    const r = compileSet([new PatternSpec("ab")], new CompileOptions());
    const sc = r.set!.newScanner();
    const sink = new MatchBuffer();
    const a = Uint8Array.wrap(String.UTF8.encode("xa"));
    sc.feed(a.dataStart, 2, false, sink);
    sc.reset();
    const b = Uint8Array.wrap(String.UTF8.encode("b ab"));
    sc.feed(b.dataStart, 4, true, sink);
    expect(sink.count).toBe(1);
    expect(sink.data[1]).toBe(2);
  });
});
