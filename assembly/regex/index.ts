// Public API of the regex engine (byte-oriented; see DESIGN.md for the layers).
//
//   const r = compileSet(specs, new CompileOptions());   // once per policy
//   const sc = r.set!.newScanner();                      // once per stream (body / header context)
//   sc.feed(ptr, len, isLast, sink);                     // per chunk; matches go to sink
//   sc.reset();                                          // reuse for the next stream
import { parse } from "./parser";
import { Hir, HirKind, Look } from "./hir";
import { compileNfa } from "./compiler";
import { Nfa } from "./nfa";
import { RegexSetCore, firstByteSet, minMatchBytesOf } from "./set";
import { Scanner, MatchSink, MatchBuffer } from "./scanner";
import { caseFold, contains } from "./ranges";
import { Backtracker, relax, collectGroups } from "./backtrack";

export { Scanner, MatchSink, MatchBuffer, ScanStats } from "./scanner";

export const enum PatternKind { Regex, Literal, LiteralInsensitive }

export class PatternSpec {
  constructor(public source: string, public kind: PatternKind = PatternKind.Regex) {}
}

export class CompileOptions {
  // Bound on the lazy DFA caches of all lanes together (combined + per-pattern states and transition
  // rows; a set has one lane, plus one per isolated heavy pattern). A lane's per-pattern states may
  // use at most half. When the lanes together exceed it, the lane that grew clears the lanes larger
  // than itself, and itself if that is not enough; caches are rebuilt at the next slow path;
  // matching stays exact, only slower.
  cacheBytes: i32 = 16 << 20;
  // Bytes of stream history each scanner retains for start searches and restarts. A match longer
  // than this is reported with its start clamped to the oldest retained byte and `truncated` set.
  windowBytes: i32 = 16 << 10;
  // Give patterns whose DFA is expected to be large (isHeavy) a lane (own DFA and cache) of their own.
  isolateHeavy: bool = true;
  // Tier 2 (lookaround, backreferences, atomic groups): steps per (pattern, context), and the most
  // bytes of one context kept for it (a longer context is searched in its last tier2Bytes bytes).
  stepBudget: i32 = 200000;
  tier2Bytes: i32 = 64 << 10;
}

export class CompileError {
  constructor(public patternIndex: i32, public message: string, public position: i32) {}
  toString(): string { return "pattern " + this.patternIndex.toString() + ": " + this.message + " at byte " + this.position.toString(); }
}

export class CompileResult {
  set: RegexSet | null = null;
  errors: Array<CompileError> = [];
}

// A compiled pattern set. Patterns that failed to compile are absent (their errors are in the
// CompileResult); pattern ids reported by scanners are indexes into the spec array.
// Cost: compile is O(total pattern size + Unicode class size); DFA states are built lazily while
// scanning, bounded by CompileOptions.cacheBytes.
export class RegexSet {
  tier2: Array<Backtracker> = [];
  tier2Ids: Array<i32> = [];
  constructor(public cores: Array<RegexSetCore>, public options: CompileOptions) {}
  // A scanner holds ~windowBytes + the largest chunk fed + O(patterns) memory per lane (plus up to
  // tier2Bytes when the set has tier-2 patterns).
  // Fewest bytes any pattern of the set can match (0 if one can match empty): a stream shorter
  // than this has no match, and Scanner.scanWhole returns at once (short JSON keys and values).
  get minMatchBytes(): i32 { return minMatchBytesOf(this.cores); }
  newScanner(): Scanner { return new Scanner(this.cores, this.options.windowBytes, this.tier2, this.tier2Ids, this.options); }
  get patternCount(): i32 { let n = 0; for (let i = 0; i < this.cores.length; i++) n += this.cores[i].patternCount; return n; }
  get cacheBytesUsed(): i32 { let n = 0; for (let i = 0; i < this.cores.length; i++) n += this.cores[i].bytesUsed; return n; }
  get cacheClears(): i32 { let n = 0; for (let i = 0; i < this.cores.length; i++) n += this.cores[i].clears; return n; }
  get dfaStates(): i32 { let n = 0; for (let i = 0; i < this.cores.length; i++) n += this.cores[i].stateCount; return n; }
  get lanes(): i32 { return this.cores.length; }
}

// A pattern whose unanchored DFA tends to need thousands of states (an alternation of branches with
// long counted repetitions, like credit_card.3: the DFA tracks which of the overlapping candidates
// are alive) would multiply the combined state count, so it gets a lane of its own.
export function isHeavy(h: Hir): bool {
  return hasLongAlternation(h) || startsWithBoundaryRun(h);
}

function hasLongAlternation(h: Hir): bool {
  if (h.kind == HirKind.Alt && h.subs.length >= 3) {
    let long = 0;
    for (let i = 0; i < h.subs.length; i++) if (maxCount(h.subs[i]) >= 8) long++;
    if (long >= 2) return true;
  }
  for (let i = 0; i < h.subs.length; i++) if (hasLongAlternation(h.subs[i])) return true;
  return false;
}

// `\b[A-Za-z0-9/+]{40}\b` (aws_secret_access_key): a long counted run of a class holding both word
// and non-word characters, right after a word boundary. Inside such a run a match can start at
// every boundary (after each '/' or '+'), so the DFA tracks an irregular set of live starts: ~1,000
// states on JSON with URLs and base64, and thousands more combined with other patterns' counters
// (the default policy's combined DFA thrashed a 4 MiB cache on github_events.json).
function startsWithBoundaryRun(h: Hir): bool {
  while (h.kind == HirKind.Capture) h = h.subs[0];
  if (h.kind == HirKind.Alt) {
    for (let i = 0; i < h.subs.length; i++) if (startsWithBoundaryRun(h.subs[i])) return true;
    return false;
  }
  if (h.kind != HirKind.Concat) return false;
  let boundary = false;
  for (let i = 0; i < h.subs.length; i++) {
    let x = h.subs[i];
    while (x.kind == HirKind.Capture) x = x.subs[0];
    if (x.kind == HirKind.Look) {
      if (x.look == Look.WordUnicode || x.look == Look.WordAscii) boundary = true;
      continue;
    }
    if (!boundary || x.kind != HirKind.Repeat || max<i32>(x.min, x.max) < 8) return false;
    const c = x.subs[0];
    return c.kind == HirKind.Class && mixesWordAndNonWord(c.ranges);
  }
  return false;
}

function mixesWordAndNonWord(r: Array<u32>): bool {
  let word = false, other = false;
  for (let i = 0; i < r.length; i += 2) {
    for (let c = r[i]; c <= min<u32>(r[i + 1], 0x7f); c++) {
      if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f) word = true;
      else other = true;
    }
  }
  return word && other;
}

// Byte length shared by every match of h, or -1. A pattern with one (e.g. a literal) needs no reverse
// search: its start is end - length.
export function fixedByteLength(h: Hir): i32 {
  switch (h.kind) {
    case HirKind.Empty: case HirKind.Look: return 0;
    case HirKind.Class: {
      const r = h.ranges;
      if (r.length == 0) return -1;
      if (h.bytes) return 1;
      if (contains(r, 0xfffd)) return -1; // it also matches invalid pieces of 1-3 bytes
      const n = utf8Len(r[0]);
      return utf8Len(r[r.length - 1]) == n ? n : -1;
    }
    case HirKind.Capture: case HirKind.Atomic: return fixedByteLength(h.subs[0]);
    case HirKind.Concat: {
      let t = 0;
      for (let i = 0; i < h.subs.length; i++) { const n = fixedByteLength(h.subs[i]); if (n < 0) return -1; t += n; }
      return t;
    }
    case HirKind.Alt: {
      const n = fixedByteLength(h.subs[0]);
      for (let i = 1; i < h.subs.length; i++) if (fixedByteLength(h.subs[i]) != n) return -1;
      return n;
    }
    case HirKind.Repeat: {
      if (h.max != h.min) return -1;
      const n = fixedByteLength(h.subs[0]);
      return n < 0 ? -1 : n * h.min;
    }
  }
  return -1;
}

// Fewest bytes any match of h spans (look assertions and empty pieces count 0).
export function minByteLength(h: Hir): i32 {
  switch (h.kind) {
    case HirKind.Class: {
      const r = h.ranges;
      if (r.length == 0) return 1; // matches nothing; 1 keeps the bound a lower bound
      if (h.bytes || contains(r, 0xfffd)) return 1; // an invalid byte is one U+FFFD
      return utf8Len(r[0]);
    }
    case HirKind.Capture: case HirKind.Atomic: return minByteLength(h.subs[0]);
    case HirKind.Concat: {
      let t: i64 = 0;
      for (let i = 0; i < h.subs.length; i++) t += <i64>minByteLength(h.subs[i]);
      return <i32>min<i64>(t, 1 << 20);
    }
    case HirKind.Alt: {
      let m = i32.MAX_VALUE;
      for (let i = 0; i < h.subs.length; i++) m = min<i32>(m, minByteLength(h.subs[i]));
      return m == i32.MAX_VALUE ? 0 : m;
    }
    case HirKind.Repeat: return <i32>min<i64>(<i64>h.min * <i64>minByteLength(h.subs[0]), 1 << 20);
  }
  return 0; // Empty, Look, and tier-2 constructs (never reached for tier-2 patterns, see compileSet)
}

// Longest match of a bounded lane: each candidate start costs up to this many steps.
const MAX_BOUNDED_LEN: i32 = 256;

// Most bytes any match of h can span, or -1 when unbounded.
export function maxByteLength(h: Hir): i32 {
  switch (h.kind) {
    case HirKind.Empty: case HirKind.Look: return 0;
    case HirKind.Class: {
      const r = h.ranges;
      if (r.length == 0) return 0;
      if (h.bytes) return 1;
      return contains(r, 0xfffd) ? 4 : utf8Len(r[r.length - 1]);
    }
    case HirKind.Capture: case HirKind.Atomic: return maxByteLength(h.subs[0]);
    case HirKind.Concat: {
      let t = 0;
      for (let i = 0; i < h.subs.length; i++) { const n = maxByteLength(h.subs[i]); if (n < 0) return -1; t += n; if (t > 1 << 20) return -1; }
      return t;
    }
    case HirKind.Alt: {
      let m = 0;
      for (let i = 0; i < h.subs.length; i++) { const n = maxByteLength(h.subs[i]); if (n < 0) return -1; m = max<i32>(m, n); }
      return m;
    }
    case HirKind.Repeat: {
      if (h.max < 0) return -1;
      const n = maxByteLength(h.subs[0]);
      if (n < 0) return -1;
      const t = <i64>n * <i64>h.max;
      return t > 1 << 20 ? -1 : <i32>t;
    }
  }
  return -1;
}

function utf8Len(c: u32): i32 { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

function maxCount(h: Hir): i32 {
  let m = h.kind == HirKind.Repeat && h.max >= 0 ? h.max : 0;
  for (let i = 0; i < h.subs.length; i++) m = max<i32>(m, maxCount(h.subs[i]));
  return m;
}

export function literalHir(text: string, insensitive: bool): Hir {
  const parts = new Array<Hir>();
  for (let i = 0; i < text.length; i++) {
    let cp = <u32>text.codePointAt(i);
    if (cp > 0xffff) i++;
    let r: Array<u32> = [cp, cp];
    if (insensitive) r = caseFold(r);
    parts.push(Hir.cls(r, false, 0));
  }
  if (parts.length == 1) return parts[0];
  return Hir.group(HirKind.Concat, parts, 0);
}

// Parses and compiles every spec. Never traps on bad input: each bad pattern yields a CompileError.
export function compileSet(specs: Array<PatternSpec>, options: CompileOptions): CompileResult {
  const res = new CompileResult();
  const fwd = new Array<Nfa>(), rev = new Array<Nfa>(), ids = new Array<i32>(), fixed = new Array<i32>();
  const cores = new Array<RegexSetCore>();
  const tier2 = new Array<Backtracker>(), tier2Ids = new Array<i32>();
  let lane0Min = i32.MAX_VALUE; // over the patterns that share lane 0
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    let hir: Hir;
    if (spec.kind == PatternKind.Regex) {
      const pr = parse(spec.source);
      if (pr.error != null) { res.errors.push(new CompileError(i, pr.error!.message, pr.error!.position)); continue; }
      hir = pr.hir!;
      if (hir.needsTier2()) {
        // tier 2: the backtracker decides; its relaxed tier-1 core (reported as -(tier2 index) - 1)
        // says in which contexts it can match at all
        const groups = new Array<Hir | null>();
        collectGroups(hir, groups);
        tier2.push(new Backtracker(hir, pr.captures));
        tier2Ids.push(i);
        const core = relax(hir, groups);
        const cf = compileNfa(core, false), cr = compileNfa(core, true);
        if (cf.nfa == null || cr.nfa == null) { res.errors.push(new CompileError(i, cf.nfa == null ? cf.error : cr.error, 0)); tier2.pop(); tier2Ids.pop(); continue; }
        fwd.push(cf.nfa!); rev.push(cr.nfa!); ids.push(-tier2.length); fixed.push(fixedByteLength(core));
        lane0Min = 0; // any match of the core, empty ones included, opens the tier-2 gate
        continue;
      }
    } else {
      if (spec.source.length == 0) { res.errors.push(new CompileError(i, "empty literal", 0)); continue; }
      hir = literalHir(spec.source, spec.kind == PatternKind.LiteralInsensitive);
    }
    const f = compileNfa(hir, false);
    if (f.nfa == null) { res.errors.push(new CompileError(i, f.error, f.position)); continue; }
    const r = compileNfa(hir, true);
    if (r.nfa == null) { res.errors.push(new CompileError(i, r.error, r.position)); continue; }
    const patternMin = minByteLength(hir);
    if (options.isolateHeavy && isHeavy(hir)) {
      const c = new RegexSetCore([f.nfa!], [r.nfa!], [i], options.cacheBytes);
      c.fixedLen = [fixedByteLength(hir)];
      c.minMatchBytes = patternMin;
      // an alternation of long counted runs whose matches are short: anchored runs from each
      // candidate start cost at most boundedLen steps per start, where the unanchored DFA's
      // states multiply (credit_card.3 thrashed a 16 MiB cache on 16 MB of PII-dense text)
      const bound = maxByteLength(hir);
      if (hasLongAlternation(hir) && bound > 0 && bound <= options.windowBytes >> 2 && bound <= MAX_BOUNDED_LEN) {
        c.boundedLen = bound;
        firstByteSet(f.nfa!, c.firstBytes);
      }
      cores.push(c);
    } else { fwd.push(f.nfa!); rev.push(r.nfa!); ids.push(i); fixed.push(fixedByteLength(hir)); lane0Min = min<i32>(lane0Min, patternMin); }
  }
  if (fwd.length || cores.length == 0) {
    const c = new RegexSetCore(fwd, rev, ids, options.cacheBytes);
    c.fixedLen = fixed;
    c.minMatchBytes = lane0Min == i32.MAX_VALUE ? 0 : lane0Min;
    cores.unshift(c);
  }
  // one budget for all lanes (see CompileOptions.cacheBytes)
  for (let k = 0; k < cores.length; k++) cores[k].lanes = cores;
  res.set = new RegexSet(cores, options);
  res.set!.tier2 = tier2;
  res.set!.tier2Ids = tier2Ids;
  return res;
}
