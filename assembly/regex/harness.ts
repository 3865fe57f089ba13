// Test and benchmark entry for the regex engine (built to build/regex-harness.wasm by
// src/tools/build-harness.ts regex). Strings cross as UTF-16 (AssemblyScript strings); haystacks as bytes
// written by the host into a buffer obtained from inputBuffer().
import { parse } from "./parser";
import { compileSet, PatternSpec, PatternKind, CompileOptions, RegexSet, MatchBuffer, Scanner } from "./index";
import { compileNfa } from "./compiler";
import { PikeVM } from "./pikevm";

export function parseToString(s: string): string { const r = parse(s); return r.error != null ? r.error!.toString() : r.hir!.toString(); }

let input = new Uint8Array(0);
export function inputBuffer(len: i32): usize {
  if (input.length < len) input = new Uint8Array(len);
  return input.dataStart;
}

let specs = new Array<PatternSpec>();
export function specsClear(): void { specs = []; }
export function specsAdd(source: string, kind: i32): void { specs.push(new PatternSpec(source, <PatternKind>kind)); }

let set: RegexSet | null = null;
let scanner: Scanner | null = null;
const sink = new MatchBuffer();
let lastErrors = "";

// Returns the number of compile errors (details via compileErrors()).
export function compile(cacheBytes: i32, windowBytes: i32): i32 {
  const o = new CompileOptions();
  if (cacheBytes > 0) o.cacheBytes = cacheBytes;
  if (windowBytes > 0) o.windowBytes = windowBytes;
  const r = compileSet(specs, o);
  set = r.set;
  scanner = set!.newScanner();
  lastErrors = "";
  for (let i = 0; i < r.errors.length; i++) lastErrors += r.errors[i].toString() + "\n";
  return r.errors.length;
}
export function compileErrors(): string { return lastErrors; }

export function scanReset(): void { scanner!.reset(); sink.clear(); }
// Feeds input[off .. off+len); returns the number of matches collected so far.
export function scanFeed(off: i32, len: i32, isLast: bool): i32 {
  scanner!.feed(input.dataStart + <usize>off, len, isLast, sink);
  return sink.count;
}
export function matchesPtr(): usize { return sink.data.dataStart; }
export function matchesClear(): void { sink.clear(); }
export function statSlowPaths(): f64 { return <f64>scanner!.stats.slowPaths; }
export function statRescanned(): f64 { return <f64>scanner!.stats.rescannedBytes; }
export function statReverseSteps(): f64 { return <f64>scanner!.stats.reverseSteps; }
export function cacheBytesUsed(): i32 { return set!.cacheBytesUsed; }
export function cacheClears(): i32 { return set!.cacheClears; }
export function dfaStates(): i32 { return set!.dfaStates; }
export function lanes(): i32 { return set!.lanes; }

// Reference: PikeVM find-all for the single spec at index `which` over input[0..len).
// Results as (start, end) pairs into the returned buffer; returns the count.
const ref = new Array<i32>();
let refSteps: i64 = 0;
export function referenceFindAll(which: i32, len: i32): i32 {
  ref.length = 0;
  const r = compileSet([specs[which]], new CompileOptions());
  if (r.errors.length) return -1;
  const nfa = r.set!.cores[0].comps[0].nfa;
  const vm = new PikeVM(nfa);
  let from = 0;
  const ptr = input.dataStart;
  while (from <= len) {
    if (!vm.find(ptr, 0, len, from)) break;
    const s = vm.matchStart, e = vm.matchEnd;
    if (e > s) { ref.push(s); ref.push(e); from = e; }
    else {
      if (e >= len) break;
      // skip the empty match: next character boundary
      const b = <u32>load<u8>(ptr + e);
      let step = 1;
      if (b >= 0xc2 && b <= 0xf4) {
        const d = (b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2);
        step = 1;
        for (let k = 1; k < d && e + k < len; k++) { const c = <u32>load<u8>(ptr + e + k); if (c < 0x80 || c > 0xbf) break; step++; }
      }
      from = e + step;
    }
  }
  refSteps = vm.steps;
  return ref.length >> 1;
}
export function referencePtr(): usize { return ref.dataStart; }
export function referenceSteps(): f64 { return <f64>refSteps; }

// Scans input[0..len) `reps` times in `chunk`-byte feeds, entirely inside wasm; returns matches of the last pass.
export function benchScan(len: i32, chunk: i32, reps: i32): i32 {
  let n = 0;
  for (let r = 0; r < reps; r++) {
    scanner!.reset();
    sink.clear();
    for (let at = 0; at < len; at += chunk) {
      const l = min<i32>(chunk, len - at);
      scanner!.feed(input.dataStart + <usize>at, l, at + l >= len, sink);
      if (sink.count > 4096) { n += sink.count; sink.clear(); }
    }
    if (r < reps - 1) n = 0;
  }
  return n + sink.count;
}
export function componentInfo(i: i32): string {
  for (let g = 0; g < set!.cores.length; g++) {
    const core = set!.cores[g];
    for (let k = 0; k < core.patternCount; k++) if (core.patternIds[k] == i) {
      const c = core.comps[k];
      return "lane " + g.toString() + ": " + c.stateCount.toString() + " states, " + c.bytesUsed.toString() + " B, nfa " + c.nfa.size.toString() + ", rdfa " + core.rdfa[k].bytesUsed.toString() + " B";
    }
  }
  return "not compiled";
}
export function statBudgetExhausted(): i32 { return scanner!.stats.budgetExhausted; }
// Scans input[0..len) as consecutive contexts of ctx bytes, resetting the scanner before each (as the
// filter does per JSON key and value); returns the number of matches.
export function benchContexts(len: i32, ctx: i32): i32 {
  let n = 0;
  for (let at = 0; at < len; at += ctx) {
    scanner!.reset();
    sink.clear();
    const l = min<i32>(ctx, len - at);
    scanner!.feed(input.dataStart + <usize>at, l, false, sink);
    scanner!.feed(input.dataStart + <usize>at, 0, true, sink);
    n += sink.count;
  }
  sink.clear();
  return n;
}
// Like benchContexts, each context scanned by one scanWhole() call (what the filter does for a
// value that arrives whole).
export function benchContextsWhole(len: i32, ctx: i32): i32 {
  let n = 0;
  for (let at = 0; at < len; at += ctx) {
    sink.clear();
    scanner!.scanWhole(input.dataStart + <usize>at, min<i32>(ctx, len - at), sink);
    n += sink.count;
  }
  sink.clear();
  return n;
}
// scanWhole over input[off, off + len)
export function scanWhole(off: i32, len: i32): i32 {
  sink.clear();
  scanner!.scanWhole(input.dataStart + <usize>off, len, sink);
  return sink.count;
}
export function laneBytes(lane: i32, combined: bool): i32 { const c = set!.cores[lane]; return combined ? c.combinedBytes : c.componentBytes; }
export function laneStride(lane: i32): i32 { return set!.cores[lane].stride; }
export function alphabetSize(lane: i32): i32 { return set!.cores[lane].alpha.count; }
export function statReverseFallbacks(): i32 { return scanner!.stats.reverseFallbacks; }
export function laneBounded(lane: i32): i32 { return set!.cores[lane].boundedLen; }
export function minMatchBytes(): i32 { return set!.minMatchBytes; }
