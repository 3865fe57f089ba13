import { compileSet, PatternSpec, PatternKind, CompileOptions, MatchBuffer, Scanner } from "../../../assembly/regex/index";

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

function feedAll(sc: Scanner, bytes: Uint8Array, from: i32, to: i32, isLast: bool, sink: MatchBuffer): void {
  sc.feed(bytes.dataStart + <usize>from, to - from, isLast, sink);
}

describe("regex API: shared cache", () => {
  it("scanners of one set survive cache clears made by other scanners mid-stream", () => {
    const specs = [new PatternSpec("\\b\\d{3}-\\d{2}-\\d{4}\\b"), new PatternSpec("[a-z]+@[a-z]+\\.com"), new PatternSpec("(?i)street|rue")];
    let text = "";
    for (let i = 0; i < 60; i++) text += "id " + (100 + i).toString() + "-45-6789 mail bob" + i.toString() + "x@ex.com 12 Rue, " + (i * 7919).toString() + " street; ";
    const bytes = Uint8Array.wrap(String.UTF8.encode(text));
    const n = bytes.length;
    // reference: one scanner, roomy cache, whole input
    const big = compileSet(specs, new CompileOptions());
    const ref = new MatchBuffer();
    const r0 = big.set!.newScanner();
    feedAll(r0, bytes, 0, n, true, ref);
    // two scanners interleaved on a tiny cache
    const o = new CompileOptions();
    o.cacheBytes = 24 << 10;
    const small = compileSet(specs, o);
    const a = small.set!.newScanner(), b = small.set!.newScanner();
    const sa = new MatchBuffer(), sb = new MatchBuffer();
    const step = 97;
    for (let at = 0; at < n; at += step) {
      const to = min<i32>(n, at + step);
      feedAll(a, bytes, at, to, to == n, sa);
      feedAll(b, bytes, at, to, to == n, sb);
    }
    expect(small.set!.cacheClears).toBeGreaterThan(0);
    expect(sa.count).toBe(ref.count);
    expect(sb.count).toBe(ref.count);
    let same = true;
    // compare as multisets of (pattern, start, end): sort keys
    const ka = new Array<i64>(), kb = new Array<i64>(), kr = new Array<i64>();
    for (let i = 0; i < ref.count; i++) {
      kr.push((<i64>ref.data[i * 4] << 48) | (<i64>ref.data[i * 4 + 1] << 24) | <i64>ref.data[i * 4 + 2]);
      ka.push((<i64>sa.data[i * 4] << 48) | (<i64>sa.data[i * 4 + 1] << 24) | <i64>sa.data[i * 4 + 2]);
      kb.push((<i64>sb.data[i * 4] << 48) | (<i64>sb.data[i * 4 + 1] << 24) | <i64>sb.data[i * 4 + 2]);
    }
    kr.sort(); ka.sort(); kb.sort();
    for (let i = 0; i < kr.length; i++) if (kr[i] != ka[i] || kr[i] != kb[i]) same = false;
    expect(same).toBe(true);
    expect(ref.count).toBeGreaterThan(200);
  });
});
