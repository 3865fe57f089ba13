// Per-stream scanning state over the RegexSetCores (lanes) of a set. feed() appends the chunk to a
// window shared by the lanes (the last `windowBytes` bytes of the stream plus the chunk) and runs the
// combined DFAs over the new bytes in one tight loop — both lanes of a two-lane set side by side, so
// their table loads overlap — one class load, one table load and one sign test per byte and lane,
// no allocation. Events (a pattern matched or its match became final) go to the slow path, which
//   - records the match end,
//   - when final, finds the start with the pattern's reverse DFA over the retained bytes
//     (bounded by where that pattern's search began), reports (pattern, start, end), and
//   - restarts the pattern at the match end, re-running only that pattern over the bytes between
//     the match end and the current position.
// Memory per scanner: windowBytes + largest chunk + O(patterns) per lane. Offsets are absolute
// stream offsets (i32: streams up to 2 GiB).
import { RegexSetCore, UNKNOWN, minMatchBytesOf } from "./set";
import { CompileOptions } from "./index";
import { CTX_START, contextAfter } from "./dfa";
import { decodeAt, decodeBefore } from "./utf8";
import { isWordCp } from "./look";
import { QUIT } from "./rdfa";
import { isBoundary } from "./pikevm";
import { Backtracker } from "./backtrack";

export abstract class MatchSink {
  // `truncated`: the start lies before the retained window and was clamped to its first byte.
  abstract onMatch(pattern: i32, start: i32, end: i32, truncated: bool): void;
}

// A reusable sink: matches accumulate as (pattern, start, end, truncated) quadruples.
export class MatchBuffer extends MatchSink {
  data: Array<i32> = [];
  get count(): i32 { return this.data.length >> 2; }
  clear(): void { this.data.length = 0; }
  onMatch(pattern: i32, start: i32, end: i32, truncated: bool): void {
    this.data.push(pattern); this.data.push(start); this.data.push(end); this.data.push(truncated ? 1 : 0);
  }
}

export class ScanStats {
  bytes: i64 = 0;
  slowPaths: i64 = 0;        // scan-loop exits (events, cache misses, decodes)
  rescannedBytes: i64 = 0;   // bytes re-run for restarted patterns
  reverseSteps: i64 = 0;     // reverse NFA state visits
  restartsClamped: i32 = 0;  // restart point had left the window
  truncatedStarts: i32 = 0;
  reverseFallbacks: i32 = 0; // start searches the reverse DFA handed to the PikeVM
  budgetExhausted: i32 = 0;  // tier-2 (pattern, context) searches stopped by the step budget
  tier2Steps: i64 = 0;
  clear(): void {
    this.bytes = 0; this.slowPaths = 0; this.rescannedBytes = 0; this.reverseSteps = 0; this.restartsClamped = 0;
    this.truncatedStarts = 0; this.reverseFallbacks = 0; this.budgetExhausted = 0; this.tier2Steps = 0;
  }
}

// The bytes the lanes of one Scanner work on: [base, base + len) holds stream bytes [abs, abs + len).
// base is buf.dataStart (the retained tail of the stream plus the current chunk, compacted after each
// feed) or, during Scanner.scanWhole, the caller's memory.
export class ScanWindow {
  buf: Uint8Array;
  base: usize = 0;
  abs: i32 = 0;
  len: i32 = 0;
  constructor(capacity: i32) {
    this.buf = new Uint8Array(capacity);
    this.base = this.buf.dataStart;
  }
  reset(): void { this.abs = 0; this.len = 0; this.base = this.buf.dataStart; }
  append(ptr: usize, len: i32): void {
    const need = this.len + len;
    if (need > this.buf.length) {
      const nb = new Uint8Array(max<i32>(need, this.buf.length * 2));
      memory.copy(nb.dataStart, this.buf.dataStart, this.len);
      this.buf = nb;
      this.base = nb.dataStart;
    }
    memory.copy(this.buf.dataStart + <usize>this.len, ptr, len);
    this.len = need;
  }
  // Drops the bytes before index keepFrom.
  dropBefore(keepFrom: i32): void {
    memory.copy(this.buf.dataStart, this.buf.dataStart + <usize>keepFrom, this.len - keepFrom);
    this.len -= keepFrom;
    this.abs += keepFrom;
  }
}

// Scans one group of patterns (one combined DFA) over the Scanner's window. Scanner (below) runs
// one per group.
export class GroupScanner {
  scanPos: i32 = 0;           // next byte (index into the window) the DFA has not consumed
  state: i32 = 0;             // premultiplied combined state
  private generation: i32;
  // portable form of `state` at the end of the last feed (shared, read-only: RegexSetCore.exportedState);
  // empty = the start state
  private saved: Array<i32> = [];
  private static readonly NONE: Array<i32> = [];
  // Per component: absolute offset where its current search began; valid only when
  // originEpoch[p] == epoch (else 0, the stream start), so reset() need not touch every pattern.
  private origin: Int32Array;
  private originEpoch: Int32Array;
  private epoch: i32 = 1;
  // Per component: absolute end of its pending match, or -1. Components with one are listed in
  // `pending` (each at most once, flagged by inPending) so reset() and finish() visit only those.
  private lastEnd: Int32Array;
  private pending: Array<i32> = [];
  private inPending: StaticArray<bool>;
  private finishList: Array<i32> = [];
  stats: ScanStats = new ScanStats();

  constructor(public set: RegexSetCore, private win: ScanWindow) {
    const P = set.patternCount;
    this.origin = new Int32Array(P);
    this.originEpoch = new Int32Array(P);
    this.lastEnd = new Int32Array(P).fill(-1);
    this.inPending = new StaticArray<bool>(P);
    this.generation = set.generation;
    this.reset();
  }

  // O(pending matches), no allocation: called per JSON key and value by the filter.
  // Writes are skipped where the value is usually unchanged: this runs once per context, and with
  // the incremental GC every reference store is a write barrier and every `length =` a call.
  reset(): void {
    if (this.stats.bytes != 0 || this.stats.reverseSteps != 0) this.stats.clear();
    this.beginWhole();
  }

  private setLastEnd(p: i32, e: i32): void {
    unchecked(this.lastEnd[p] = e);
    if (e >= 0 && !unchecked(this.inPending[p])) { unchecked(this.inPending[p] = true); this.pending.push(p); }
  }
  private originOf(p: i32): i32 { return unchecked(this.originEpoch[p]) == this.epoch ? unchecked(this.origin[p]) : 0; }
  private setOrigin(p: i32, o: i32): void { unchecked(this.origin[p] = o); unchecked(this.originEpoch[p] = this.epoch); }

  // If another scanner cleared the shared cache, rebuild our state from its portable form.
  private ensureFresh(): void {
    if (this.generation != this.set.generation) {
      this.state = this.saved.length ? this.set.importState(this.saved) : this.set.startState(CTX_START);
      this.generation = this.set.generation;
    }
  }

  // `allowOthers`: the cache of other lanes may be cleared too: only after a feed, when every lane
  // has saved its portable form (during a feed the others' current states live only in the cache).
  maybeClear(allowOthers: bool): void {
    const level = this.set.overBudget(allowOthers);
    if (level == 0) return;
    this.saved = this.set.exportedState(this.state);
    this.set.clear(level == 2);
    this.state = this.set.importState(this.saved);
    this.generation = this.set.generation;
  }

  // A new stream without clearing the statistics: what reset() does besides, and all that
  // Scanner.scanWhole needs (its statistics add up over whole contexts until the next reset()).
  // O(pending matches): origins are validated by the epoch.
  beginWhole(): void {
    const pend = this.pending;
    if (pend.length > 0) {
      for (let k = 0; k < pend.length; k++) {
        const p = unchecked(pend[k]);
        unchecked(this.lastEnd[p] = -1);
        unchecked(this.inPending[p] = false);
      }
      pend.length = 0;
    }
    if (++this.epoch == i32.MAX_VALUE) { this.originEpoch.fill(0); this.epoch = 1; }
    const set = this.set;
    this.state = set.startCached >= 0 ? set.startCached : set.startState(CTX_START);
    if (this.saved.length != 0) this.saved = GroupScanner.NONE;
    this.generation = set.generation;
    this.scanPos = 0;
  }

  // Whether end of input has anything to do (a pending match, or a pattern that can match at the end).
  @inline mayFinish(): bool { return this.set.boundedLen == 0 && (this.pending.length > 0 || this.set.canEnd(this.state)); }

  // Before a feed: rebuild the state if another lane or scanner cleared the cache.
  beginFeed(len: i32): void {
    this.ensureFresh();
    this.stats.bytes += len;
  }

  // After a feed: the portable form is only needed if more input may come (a finished stream is
  // reset before reuse).
  endFeed(isLast: bool): void {
    if (!isLast) this.saved = this.set.exportedState(this.state);
    this.generation = this.set.generation;
  }

  // The window dropped its first `k` bytes.
  shifted(k: i32): void { this.scanPos -= k; }

  // This lane alone from scanPos to the end of the window.
  run(isLast: bool, sink: MatchSink): void {
    if (this.set.boundedLen > 0) { this.runBounded(isLast, sink); return; }
    const set = this.set;
    let s = this.state;
    let i = this.scanPos;
    const end = this.win.len;
    const base = this.win.base;
    const classes = changetype<usize>(set.classOf);
    while (i < end) {
      // fast loop
      const tbl = set.table.dataStart;
      while (i < end) {
        const n = load<i32>(tbl + (<usize>(s + <i32>load<u16>(classes + (<usize>load<u8>(base + i) << 1))) << 2));
        if (n < 0) break;
        s = n;
        i++;
      }
      if (i >= end) break;
      this.state = s;
      // other lanes may have run already in this feed: their states live only in the cache, so a
      // lane never clears another's here (Scanner.settleBudget does after the feed)
      if (!this.slowStep(i, isLast, sink)) break; // character continues in the next chunk
      s = this.state;
      i++;
    }
    this.state = s;
    this.scanPos = i;
  }

  // A bounded lane (one pattern whose matches span at most set.boundedLen bytes; DESIGN.md "Bounded
  // lanes"): from each candidate start (a byte that can begin a match, on a character boundary),
  // in order, an anchored leftmost-first run of the pattern's DFA; the first start with a match
  // gives the leftmost match, and the search resumes at its end. scanPos is the next candidate
  // start; a run that reaches the end of the window before it can decide waits there for the next
  // feed (the window keeps its bytes, at most boundedLen). Cost: at most boundedLen steps per
  // candidate start; no reverse search, no restarts.
  private runBounded(isLast: bool, sink: MatchSink): void {
    const set = this.set;
    if (set.overBudget(false) != 0) set.clear(true); // no state outlives a run: clearing is free
    const comp = set.comps[0];
    const id = set.patternIds[0];
    const first = changetype<usize>(set.firstBytes);
    const pairs = changetype<usize>(set.pairs);
    const base = this.win.base;
    const end = this.win.len;
    let s = this.scanPos;
    while (s < end) {
      // skip to a byte that can begin a match and, when the next byte is here, a pair that can
      while (s < end) {
        const c0 = <usize>load<u8>(base + <usize>s);
        if (load<bool>(first + c0) && (s + 1 >= end || load<bool>(pairs + ((c0 << 8) | <usize>load<u8>(base + <usize>(s + 1)))))) break;
        s++;
      }
      if (s >= end) break;
      const b0 = <i32>load<u8>(base + <usize>s);
      if (b0 >= 0x80 && b0 <= 0xbf && !isBoundary(base, 0, end, s)) { s++; continue; }
      let cs = comp.anchoredStart(this.contextAt(s));
      let j = s;
      let found = -1;
      let wait = false;
      // raw loads on the component's rows: this loop runs for every candidate start
      const width = comp.width;
      const localOf = changetype<usize>(comp.localOf);
      const classes = changetype<usize>(set.classOf);
      const decodeSym = set.decodeSym;
      let steps = 0;
      while (load<i32>(comp.listLen.dataStart + (<usize>cs << 2)) != 0) {
        if (j >= end) {
          if (!isLast) { wait = true; break; }
          if (comp.matchesAtEnd(cs)) found = j;
          break;
        }
        let sym = <i32>load<u16>(classes + (<usize>load<u8>(base + <usize>j) << 1));
        if (sym == decodeSym) {
          sym = this.symbolAt(j, isLast);
          if (sym < 0) { wait = true; break; } // a character cut by the chunk end
        }
        let t = load<i32>(comp.trans.dataStart + (<usize>(cs * width + load<i32>(localOf + (<usize>sym << 2))) << 2));
        if (t < 0) t = comp.next(cs, sym);
        cs = t;
        j++;
        steps++;
        if (load<bool>(comp.matched.dataStart + <usize>cs)) found = j - 1;
      }
      this.stats.rescannedBytes += steps;
      if (wait) break;
      if (found > s || (found == s && id < 0)) {
        sink.onMatch(id, this.win.abs + s, this.win.abs + found, false);
        if (found > s) { s = found; continue; }
      }
      // no match here (or an empty one, which is dropped): the next candidate is the next character
      s += found == s ? this.charLenAt(s) : 1;
    }
    this.scanPos = s;
  }

  // Window index from which this lane needs the bytes kept: a bounded lane reads the character
  // before its next candidate start (for \b and ^).
  @inline keepFrom(): i32 { return this.set.boundedLen > 0 ? max<i32>(0, this.scanPos - 4) : this.scanPos; }

  // Consumes the byte at window index i from this.state the slow way (unknown transition, events,
  // cache budget, decoding). False (nothing consumed) when the character there continues in the
  // next chunk.
  slowStep(i: i32, isLast: bool, sink: MatchSink): bool {
    const set = this.set;
    this.stats.slowPaths++;
    this.maybeClear(false); // other lanes may be mid-feed (Scanner.settleBudget clears them after it)
    let s = this.state;
    let sym = <i32>load<u16>(changetype<usize>(set.classOf) + (<usize>load<u8>(this.win.base + <usize>i) << 1));
    if (sym == set.decodeSym) {
      const r = this.symbolAt(i, isLast);
      if (r < 0) return false;
      sym = r;
    }
    let n = load<i32>(set.table.dataStart + (<usize>(s + sym) << 2));
    if (n == UNKNOWN) n = set.step(s, sym);
    else if (n < 0) n = -n - 1;
    this.state = n;
    if (set.hasEvents(n)) this.handleEvents(i + 1, sink);
    return true;
  }

  // Symbol of the byte at buf index i (decoding the character for Unicode word-ness when needed);
  // -1 when the character is cut by the end of the buffer and more input may come.
  private symbolAt(i: i32, isLast: bool): i32 {
    const set = this.set;
    const b = <i32>load<u8>(this.win.base + <usize>i);
    const sym = <i32>set.classOf[b];
    if (sym != set.decodeSym) return sym;
    const d = decodeAt(this.win.base, i, this.win.len);
    const len = <i32>(d >> 21);
    if (!isLast && i + len >= this.win.len && (d & 0x1fffff) == 0xfffd) {
      // maybe truncated only because the chunk ended
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      if (i + need > this.win.len) return -1;
    }
    const baseSym = <i32>set.baseOf[b];
    return isWordCp(d & 0x1fffff) ? unchecked(set.twinOf[baseSym]) : baseSym;
  }

  // State this.state was reached by consuming buf[i - 1]. Processes component events.
  private handleEvents(i: i32, sink: MatchSink): void {
    const set = this.set;
    const pre = this.state;
    const id = pre >> set.strideShift;
    const off = unchecked(set.events[id]), n = unchecked(set.evLen[id]);
    const P = set.patternCount, shift = set.strideShift;
    // raw loads (this runs at every match); evData and the tuple pool may grow while a restart
    // interns a state, so their data pointers are read again each time
    for (let k = 0; k < n; k++) {
      const ev = load<i32>(set.evData.dataStart + (<usize>(off + k) << 2));
      const p = ev >> 1;
      const c = unchecked(set.comps[p]);
      const cs = load<i32>(set.index.pool.dataStart + (<usize>((this.state >> shift) * P + p) << 2));
      if (load<bool>(c.matched.dataStart + <usize>cs)) this.setLastEnd(p, this.win.abs + i - 1);
      if (load<i32>(c.listLen.dataStart + (<usize>cs << 2)) == 0) this.state = set.replace(this.state, p, this.finalizeAndRestart(p, i, sink));
    }
  }

  // Pattern p's pending match is final at buf index i (exclusive scan position). Report it and
  // restart p at its end, re-running p alone over [end, i).
  // Returns p's component state after the restart (the caller puts it into the combined state, or,
  // at the end of input, just looks at it).
  private finalizeAndRestart(p: i32, i: i32, sink: MatchSink): i32 {
    const comp = this.set.comps[p];
    let cs: i32 = 0;
    const limitAbs = this.win.abs + i;
    while (true) {
      const e = this.lastEnd[p];
      this.lastEnd[p] = -1;
      let r: i32 = limitAbs; // a component only dies after a match; defensive default
      let skip = false;
      if (e >= 0) {
        r = e;
        skip = this.report(p, e, sink) == e; // after an empty match, resume at the next character
      }
      if (r < this.win.abs) { r = this.win.abs; this.stats.restartsClamped++; }
      if (r > limitAbs) r = limitAbs;
      // earliest start of the next match (the reverse search's limit)
      this.setOrigin(p, skip ? r + this.charLenAt(r - this.win.abs) : r);
      cs = comp.start(this.contextAt(r - this.win.abs), skip);
      let j = r - this.win.abs;
      let died = false;
      while (j < i) {
        cs = comp.next(cs, this.symbolAt(j, true));
        j++;
        this.stats.rescannedBytes++;
        if (comp.matched[cs]) this.setLastEnd(p, this.win.abs + j - 1);
        if (comp.isDead(cs)) { died = true; break; }
      }
      if (!died) break;
    }
    return cs;
  }

  // Finds the start of p's match ending at absolute `e` and reports it unless empty. Returns the start.
  private report(p: i32, e: i32, sink: MatchSink): i32 {
    const set = this.set;
    const origin = this.originOf(p);
    const originRel = origin - this.win.abs;
    if (e < this.win.abs) {
      // the end itself has left the window (a match extended by more than windowBytes before it
      // became final): the start is unknown; report from the search origin, flagged
      const st = min<i32>(origin, e);
      this.stats.truncatedStarts++;
      if (st < e) sink.onMatch(set.patternIds[p], st, e, true);
      return st;
    }
    const limit = max<i32>(0, originRel);
    const fl = p < set.fixedLen.length ? set.fixedLen[p] : -1;
    if (fl >= 0 && e - fl >= this.win.abs + limit) {
      // fixed-length pattern: no reverse search needed
      if (fl > 0 || set.patternIds[p] < 0) sink.onMatch(set.patternIds[p], e - fl, e, false);
      return e - fl;
    }
    const rd = set.rdfa[p];
    const r0 = rd.steps;
    let startRel = rd.find(this.win.base, this.win.len, e - this.win.abs, limit, this.win.abs == 0);
    this.stats.reverseSteps += rd.steps - r0;
    if (startRel == QUIT) {
      const vm = set.reverse[p];
      const steps0 = vm.steps;
      startRel = vm.reverseStart(this.win.base, this.win.abs == 0 ? 0 : -1, this.win.len, e - this.win.abs, limit);
      this.stats.reverseSteps += vm.steps - steps0;
      this.stats.reverseFallbacks++;
    }
    let start: i32;
    let truncated = false;
    if (startRel < 0 || (originRel < 0 && startRel == 0)) {
      start = this.win.abs + limit;
      truncated = true;
      this.stats.truncatedStarts++;
    } else start = this.win.abs + startRel;
    // empty matches are dropped, except for tier-2 cores (negative ids), where any match opens the gate
    if (start < e || set.patternIds[p] < 0) sink.onMatch(set.patternIds[p], start, e, truncated);
    return start;
  }

  private charLenAt(rel: i32): i32 {
    if (rel >= this.win.len) return 1;
    return <i32>(decodeAt(this.win.base, rel, this.win.len) >> 21);
  }

  // Context bits for a search starting at buf index rel.
  private contextAt(rel: i32): i32 {
    if (rel + this.win.abs == 0) return CTX_START;
    if (rel <= 0) return 0;
    const b = <i32>load<u8>(this.win.base + <usize>(rel - 1));
    if (b < 0x80) return contextAfter(0, b, false);
    const d = decodeBefore(this.win.base, 0, rel);
    return isWordCp(d & 0x1fffff) ? 16 : 0;
  }

  // End of input: matches that end exactly at the end, and pending matches, become final. Visits
  // only the components the state lists as matching at the end plus those with a pending match,
  // in pattern order.
  finish(sink: MatchSink): void {
    const set = this.set;
    if (set.boundedLen > 0) return; // its last run already saw the end of input
    const endAbs = this.win.abs + this.win.len;
    let at = set.endList(this.state);
    const endData = set.endData;
    const pend = this.pending;
    if (pend.length == 0 && unchecked(endData[at]) < 0) return; // the usual case: nothing can end here
    const list = this.finishList;
    if (list.length != 0) list.length = 0;
    for (let k = 0; k < pend.length; k++) { const p = unchecked(pend[k]); if (unchecked(this.lastEnd[p]) >= 0) list.push(p); }
    for (let p = unchecked(endData[at]); p >= 0; p = unchecked(endData[++at])) if (unchecked(this.lastEnd[p]) < 0) list.push(p);
    if (list.length > 1) list.sort((a: i32, b: i32): i32 => a - b);
    for (let k = 0; k < list.length; k++) {
      const p = unchecked(list[k]);
      const comp = set.comps[p];
      // the component state is followed here alone: the stream ends, so the combined state is not
      // rebuilt after each restart (a tuple lookup per match at the end of every JSON value)
      let cs = set.component(this.state, p);
      while (true) {
        if (!comp.isDead(cs) && comp.matchesAtEnd(cs)) this.setLastEnd(p, endAbs);
        if (this.lastEnd[p] < 0) break;
        // only an empty match can begin at the very end
        if (this.originOf(p) >= endAbs) { this.lastEnd[p] = -1; break; }
        cs = this.finalizeAndRestart(p, this.win.len, sink);
      }
    }
  }
}

// Scanner for a whole RegexSet: one GroupScanner per pattern group (groups are formed at compile
// time so that patterns whose DFA would multiply the combined state count, see index.ts, run in a
// lane of their own). Two DFA lanes share one loop over each chunk (runPair); otherwise each lane
// (a bounded lane always) makes its own pass.
// Forwards tier-1 matches; a tier-1 core match of a tier-2 pattern (negative id) only marks that
// pattern as worth running the backtracker on at the end of the context.
class Tier2Gate extends MatchSink {
  downstream: MatchSink | null = null;
  candidate: StaticArray<bool>;
  constructor(n: i32) { super(); this.candidate = new StaticArray<bool>(n); }
  onMatch(pattern: i32, start: i32, end: i32, truncated: bool): void {
    if (pattern < 0) { this.candidate[-pattern - 1] = true; return; }
    this.downstream!.onMatch(pattern, start, end, truncated);
  }
}

export class Scanner {
  lanes: Array<GroupScanner> = [];
  private win: ScanWindow;
  private pairable: bool = false; // two DFA lanes: run side by side (runPair)
  private minMatchBytes: i32;     // see RegexSet.minMatchBytes
  private gate: Tier2Gate;
  private t2buf: Uint8Array = new Uint8Array(0);
  private t2len: i32 = 0;
  private t2abs: i32 = 0; // absolute offset of t2buf[0]
  private t2stats: ScanStats = new ScanStats();
  constructor(cores: Array<RegexSetCore>, private windowBytes: i32, private tier2: Array<Backtracker>, private tier2Ids: Array<i32>, private opts: CompileOptions) {
    this.gate = new Tier2Gate(tier2.length);
    this.win = new ScanWindow(max<i32>(windowBytes * 2, 4096));
    for (let i = 0; i < cores.length; i++) this.lanes.push(new GroupScanner(cores[i], this.win));
    this.pairable = cores.length == 2 && cores[0].boundedLen == 0 && cores[1].boundedLen == 0;
    this.minMatchBytes = minMatchBytesOf(cores);
    if (tier2.length) this.t2buf = new Uint8Array(opts.tier2Bytes);
  }
  // Feeds the next chunk [ptr, ptr + len) of the stream; matches go to sink (within a lane in order
  // of becoming final; two lanes run side by side, so their matches interleave; tier-2 matches at
  // the end of the context). The bytes are copied; the caller's buffer may be reused at once. After
  // isLast, reset() before the next stream.
  // Cost: O(len) per lane plus O(match length) per match; tier 2 at most stepBudget steps per pattern.
  feed(ptr: usize, len: i32, isLast: bool, sink: MatchSink): void {
    if (this.gate.downstream !== sink) this.gate.downstream = sink;
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) unchecked(lanes[i]).beginFeed(len);
    this.win.append(ptr, len);
    this.runLanes(isLast);
    if (isLast) for (let i = 0; i < lanes.length; i++) unchecked(lanes[i]).finish(this.gate);
    this.compact();
    for (let i = 0; i < lanes.length; i++) unchecked(lanes[i]).endFeed(isLast);
    if (lanes.length > 1) this.settleBudget();
    if (this.tier2.length) {
      this.keepForTier2(ptr, len);
      if (isLast) this.runTier2(sink);
    }
  }
  // A complete stream in one call (a JSON value, a header value): reset() + feed(ptr, len, true, sink)
  // scanning the caller's bytes in place (no copy). Reset before feeding the next stream. The
  // statistics add up over consecutive scanWhole calls until reset(). Runs once per JSON key and
  // value, so it avoids calls and stores that are usually no-ops.
  scanWhole(ptr: usize, len: i32, sink: MatchSink): void {
    if (len < this.minMatchBytes) return; // nothing can match (RegexSet.minMatchBytes)
    const gate = this.gate;
    if (gate.downstream !== sink) gate.downstream = sink;
    const lanes = this.lanes;
    const nl = lanes.length;
    const win = this.win;
    win.abs = 0;
    win.base = ptr;
    win.len = len;
    const t2 = this.tier2.length;
    if (t2) {
      // before the lanes run: their tier-1 core matches open the gates
      const cand = gate.candidate;
      for (let k = 0; k < cand.length; k++) cand[k] = false;
    }
    // a lane whose shortest match is longer than the context is left out (the default policy's
    // aws_secret_access_key lane needs 40 bytes: most JSON values then run one lane, not two).
    // The two-lane case is written out: this runs per JSON key and value, and one loop over the
    // lanes for each phase measured ~10 % slower on 16-byte contexts.
    if (nl == 2 && this.pairable) {
      const a = unchecked(lanes[0]), b = unchecked(lanes[1]);
      const runA = len >= a.set.minMatchBytes, runB = len >= b.set.minMatchBytes;
      if (runA) a.beginWhole();
      if (runB) b.beginWhole();
      if (runA && runB) this.runPair(a, b, true);
      else if (runA) a.run(true, gate);
      else if (runB) b.run(true, gate);
      if (runA && a.mayFinish()) a.finish(gate);
      if (runB && b.mayFinish()) b.finish(gate);
    } else {
      for (let i = 0; i < nl; i++) {
        const l = unchecked(lanes[i]);
        if (l.set.minMatchBytes > len) continue;
        l.beginWhole();
        l.run(true, gate);
        if (l.mayFinish()) l.finish(gate);
      }
    }
    let settle = false;
    for (let i = 0; i < nl; i++) settle = settle || unchecked(lanes[i]).set.othersOverBudget;
    win.base = win.buf.dataStart;
    win.len = 0;
    if (settle) this.settleBudget();
    if (t2) {
      this.t2len = 0; this.t2abs = 0;
      this.t2stats.clear();
      this.keepForTier2(ptr, len);
      this.runTier2(sink);
    }
  }

  private runLanes(isLast: bool): void {
    const lanes = this.lanes;
    if (lanes.length == 2 && this.pairable && unchecked(lanes[0]).scanPos == unchecked(lanes[1]).scanPos) {
      this.runPair(unchecked(lanes[0]), unchecked(lanes[1]), isLast);
      return;
    }
    for (let i = 0; i < lanes.length; i++) unchecked(lanes[i]).run(isLast, this.gate);
  }

  // Two lanes over the same bytes in one loop: the two table loads per byte are independent, so
  // their latencies overlap (one lane per pass was bound by the load -> next state chain). A lane
  // that needs the slow path takes it for that byte while the other keeps its fast transition;
  // lanes may not clear each other's cache meanwhile (settleBudget does that after the feed).
  private runPair(a: GroupScanner, b: GroupScanner, isLast: bool): void {
    const sink = this.gate;
    const end = this.win.len;
    const base = this.win.base;
    const ca = changetype<usize>(a.set.classOf), cb = changetype<usize>(b.set.classOf);
    let sa = a.state, sb = b.state;
    let i = a.scanPos;
    while (i < end) {
      const ta = a.set.table.dataStart, tb = b.set.table.dataStart;
      let na = 0, nb = 0;
      while (i < end) {
        const byte = <usize>load<u8>(base + <usize>i) << 1;
        na = load<i32>(ta + (<usize>(sa + <i32>load<u16>(ca + byte)) << 2));
        nb = load<i32>(tb + (<usize>(sb + <i32>load<u16>(cb + byte)) << 2));
        if ((na | nb) < 0) break;
        sa = na; sb = nb;
        i++;
      }
      if (i >= end) break;
      let stopA = false, stopB = false;
      if (na >= 0) sa = na;
      else { a.state = sa; stopA = !a.slowStep(i, isLast, sink); sa = a.state; }
      if (nb >= 0) sb = nb;
      else { b.state = sb; stopB = !b.slowStep(i, isLast, sink); sb = b.state; }
      if (stopA || stopB) {
        // a character cut by the end of the chunk: the lane that could not consume it stops here,
        // the other finishes the chunk alone
        a.state = sa; b.state = sb;
        a.scanPos = stopA ? i : i + 1;
        b.scanPos = stopB ? i : i + 1;
        if (!stopA) a.run(isLast, sink);
        if (!stopB) b.run(isLast, sink);
        return;
      }
      i++;
    }
    a.state = sa; b.state = sb;
    a.scanPos = i; b.scanPos = i;
  }

  // Lanes that ran side by side may have left the shared budget exceeded by other lanes' growth.
  private settleBudget(): void {
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) {
      const l = unchecked(lanes[i]);
      if (l.set.othersOverBudget) l.maybeClear(true);
    }
  }

  // Keep the last windowBytes bytes (and any undecoded tail) for start searches and restarts.
  private compact(): void {
    const win = this.win;
    let keepFrom = max<i32>(0, win.len - this.windowBytes);
    const lanes = this.lanes;
    for (let i = 0; i < lanes.length; i++) keepFrom = min<i32>(keepFrom, unchecked(lanes[i]).keepFrom());
    if (keepFrom <= 0) return;
    win.dropBefore(keepFrom);
    for (let i = 0; i < lanes.length; i++) unchecked(lanes[i]).shifted(keepFrom);
  }

  private keepForTier2(ptr: usize, len: i32): void {
    const cap = this.t2buf.length;
    if (len >= cap) {
      memory.copy(this.t2buf.dataStart, ptr + <usize>(len - cap), cap);
      this.t2abs += this.t2len + len - cap;
      this.t2len = cap;
      return;
    }
    const drop = max<i32>(0, this.t2len + len - cap);
    if (drop > 0) {
      memory.copy(this.t2buf.dataStart, this.t2buf.dataStart + <usize>drop, this.t2len - drop);
      this.t2len -= drop;
      this.t2abs += drop;
    }
    memory.copy(this.t2buf.dataStart + <usize>this.t2len, ptr, len);
    this.t2len += len;
  }
  private runTier2(sink: MatchSink): void {
    for (let k = 0; k < this.tier2.length; k++) {
      if (!this.gate.candidate[k]) continue;
      const bt = this.tier2[k];
      bt.steps = 0;
      bt.budget = <i64>this.opts.stepBudget;
      bt.exhausted = false;
      let from = 0;
      const ptr = this.t2buf.dataStart;
      const clipped = this.t2abs > 0;
      while (from <= this.t2len && bt.find(ptr, 0, this.t2len, from)) {
        const s = bt.matchStart, e = bt.matchEnd;
        if (e > s) { sink.onMatch(this.tier2Ids[k], this.t2abs + s, this.t2abs + e, clipped && s == 0); from = e; }
        else from = e + (e < this.t2len ? <i32>(decodeAt(ptr, e, this.t2len) >> 21) : 1);
      }
      if (bt.exhausted) this.t2stats.budgetExhausted++;
      this.t2stats.tier2Steps += bt.steps;
    }
  }
  // Forget the stream; the scanner can take a new one.
  reset(): void {
    this.win.reset();
    for (let i = 0; i < this.lanes.length; i++) this.lanes[i].reset();
    for (let k = 0; k < this.gate.candidate.length; k++) this.gate.candidate[k] = false;
    this.t2len = 0; this.t2abs = 0;
    this.t2stats.clear();
  }
  private total: ScanStats = new ScanStats();
  get stats(): ScanStats {
    const t = this.total;
    t.clear();
    t.budgetExhausted = this.t2stats.budgetExhausted;
    t.tier2Steps = this.t2stats.tier2Steps;
    for (let i = 0; i < this.lanes.length; i++) {
      const s = this.lanes[i].stats;
      t.bytes += s.bytes; t.slowPaths += s.slowPaths; t.rescannedBytes += s.rescannedBytes; t.reverseSteps += s.reverseSteps;
      t.restartsClamped += s.restartsClamped; t.truncatedStarts += s.truncatedStarts; t.reverseFallbacks += s.reverseFallbacks;
    }
    return t;
  }
}
