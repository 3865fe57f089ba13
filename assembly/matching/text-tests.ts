import { compileSet, PatternSpec, PatternKind, CompileOptions, RegexSet, Scanner, MatchSink } from "../regex/index";

// Tests on a candidate's text (excepts and `and`, spec §3.2, §3.4). Candidates are short, so
// these run a small automaton over the candidate alone, after the main pass has found it.

/** ASCII case-insensitive equality of [ptr, ptr+len) and `text` (spec §3.2: no Unicode folding). */
export function equalsAscii(ptr: usize, len: i32, text: Uint8Array, insensitive: bool): bool {
  if (len != text.length) return false;
  for (let i = 0; i < len; i++) {
    let a = <i32>load<u8>(ptr + <usize>i), b = <i32>unchecked(text[i]);
    if (insensitive) { a = lowerAscii(a); b = lowerAscii(b); }
    if (a != b) return false;
  }
  return true;
}

/** Whether `text` occurs in [ptr, ptr+len). Candidates are short; a direct search is enough. */
export function containsAscii(ptr: usize, len: i32, text: Uint8Array, insensitive: bool): bool {
  const n = text.length;
  if (n == 0) return true;
  for (let i = 0; i + n <= len; i++) {
    let j = 0;
    for (; j < n; j++) {
      let a = <i32>load<u8>(ptr + <usize>(i + j)), b = <i32>unchecked(text[j]);
      if (insensitive) { a = lowerAscii(a); b = lowerAscii(b); }
      if (a != b) break;
    }
    if (j == n) return true;
  }
  return false;
}

@inline function lowerAscii(c: i32): i32 { return c >= 65 && c <= 90 ? c + 32 : c; }

/** Records whether any match was seen, and which. */
class AnyMatch extends MatchSink {
  found: bool = false;
  start: i32 = 0;
  end: i32 = 0;
  onMatch(pattern: i32, start: i32, end: i32, truncated: bool): void {
    if (!this.found) { this.found = true; this.start = start; this.end = end; }
  }
}

/**
 * One regex used as a test on candidate texts: `found` (anywhere, for `and`) or `full` (the
 * whole text, for except_regex; compiled as `^(?:re)$` — the candidate is fed as a context of
 * its own, so ^ and $ are its bounds).
 */
export class RegexTest {
  private scanner: Scanner;
  private sink: AnyMatch = new AnyMatch();

  constructor(set: RegexSet) {
    this.scanner = set.newScanner();
  }

  static compile(source: string, full: bool): RegexTest | null {
    const spec = new PatternSpec(full ? "^(?:" + source + ")$" : source, PatternKind.Regex);
    const options = new CompileOptions();
    options.cacheBytes = 256 << 10;
    options.windowBytes = 4096;
    const r = compileSet([spec], options);
    if (r.errors.length > 0 || r.set === null) return null;
    return new RegexTest(r.set!);
  }

  test(ptr: usize, len: i32): bool {
    this.scanner.reset();
    this.sink.found = false;
    this.scanner.feed(ptr, len, true, this.sink);
    return this.sink.found;
  }
}
