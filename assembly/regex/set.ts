// The multi-pattern lazy DFA: ONE automaton for all tier-1 patterns of a policy. A combined state is
// the tuple of per-pattern component states (dfa.ts); patterns keep independent leftmost-first
// semantics. Transitions live in one Int32Array: entry [state * stride + symbol] holds the next
// state premultiplied by stride, or a negative value for the slow path:
//   UNKNOWN (not computed yet), or -(next) - 1 when the next state has an event (some component
//   matched or died) — the scan loop then needs one compare per byte only.
// Symbols: byte classes 0..K-1, their "word character lead" twins K..2K-1 (only when a pattern uses
// a Unicode \b), DECODE (lead bytes whose word-ness must be decoded), EOI.
// Memory is bounded by cacheBytes: when exceeded at a safe point the cache is cleared and rebuilt
// from the scanner's current state (results unchanged; speed drops while it refills).
import { Nfa, S } from "./nfa";
import { Component, Alphabet, hasLook } from "./dfa";
import { Look } from "./hir";
import { PikeVM } from "./pikevm";
import { TupleMap, tupleAdds } from "./intmap";
import { ReverseDfa } from "./rdfa";

export const UNKNOWN: i32 = i32.MIN_VALUE;
const CTX_START_CONST: i32 = 1; // dfa.ts CTX_START

const CONTEXT_BOUNDS: StaticArray<i32> = [0x0a, 0x0b, 0x0d, 0x0e, 0x30, 0x3a, 0x41, 0x5b, 0x5f, 0x60, 0x61, 0x7b, 0x80, 0x90, 0xa0, 0xc0, 0xc2, 0xf5];

// Raw loads: runs over every state of every NFA (forward and reverse) twice per compile.
function addCuts(n: Nfa, cut: StaticArray<bool>): void {
  const size = n.size;
  const kinds = n.kind.dataStart, los = n.lo.dataStart, his = n.hi.dataStart;
  const c = changetype<usize>(cut);
  for (let s = 0; s < size; s++) {
    const k = <i32>load<u8>(kinds + <usize>s);
    const lo = load<i32>(los + (<usize>s << 2)), hi = load<i32>(his + (<usize>s << 2));
    if (k == S.Range) { store<bool>(c + <usize>lo, true); store<bool>(c + <usize>hi + 1, true); }
    else if (k == S.Look && lo == <i32>Look.NextNotCont) { store<bool>(c + <usize>((hi >> 8) & 0xff), true); store<bool>(c + <usize>(hi & 0xff) + 1, true); }
  }
}

// One pattern's own byte classes: the cuts of its forward and reverse NFAs plus the context bounds
// (\n, \r, word bytes, UTF-8 byte kinds). The set's classes refine these, so a set class maps to one
// local class; per-pattern transition rows (dfa.ts, rdfa.ts) are `count` wide instead of the whole
// set's alphabet (with ~80 patterns: ~20 instead of ~100+ entries per row).
export class LocalAlphabet {
  classOf: StaticArray<u8> = new StaticArray<u8>(256); // byte -> local class
  rep: Array<i32> = [];                                 // local class -> representative byte
  count: i32 = 0;
  constructor(fwd: Nfa, rev: Nfa) {
    const cut = new StaticArray<bool>(257);
    cut[0] = true;
    addCuts(fwd, cut);
    addCuts(rev, cut);
    for (let i = 0; i < CONTEXT_BOUNDS.length; i++) cut[CONTEXT_BOUNDS[i]] = true;
    let k = -1;
    for (let b = 0; b < 256; b++) {
      if (cut[b]) { k++; this.rep.push(b); }
      this.classOf[b] = <u8>k;
    }
    this.count = k + 1;
  }
}

export class RegexSetCore {
  patternCount: i32;           // number of component patterns
  patternIds: Array<i32>;      // component -> caller's pattern index
  comps: Array<Component> = [];
  reverse: Array<PikeVM> = [];
  rdfa: Array<ReverseDfa> = [];
  fixedLen: Array<i32> = []; // per component: byte length of every match, or -1 (see index.ts)
  // > 0: a bounded lane (one pattern, every match at most this many bytes; DESIGN.md "Bounded
  // lanes"): searched by anchored runs from each candidate start instead of the combined DFA
  boundedLen: i32 = 0;
  // fewest bytes any pattern of this lane can match (index.ts minByteLength): Scanner.scanWhole
  // leaves the lane out of shorter contexts
  minMatchBytes: i32 = 0;
  // bounded lanes: bytes that can begin a match (from the forward NFA's anchored start)
  firstBytes: StaticArray<bool> = new StaticArray<bool>(256);
  // bounded lanes: pairs[b0 << 8 | b1] is false when no match can begin with the ASCII bytes b0 b1
  // (in any context); built on first use from the anchored DFA. Most candidate starts of a digit
  // pattern in ordinary text die at their second byte: the skip loop drops them without a run.
  private pairTable: StaticArray<bool> | null = null;
  get pairs(): StaticArray<bool> {
    const t = this.pairTable;
    if (t != null) return t;
    const built = this.buildPairs();
    this.pairTable = built;
    return built;
  }
  private buildPairs(): StaticArray<bool> {
    const pairs = new StaticArray<bool>(65536);
    for (let i = 0; i < 65536; i++) if ((i >> 8) >= 0x80 || (i & 0xff) >= 0x80) pairs[i] = true; // decided by the run
    const comp = this.comps[0];
    for (let ctx = 0; ctx < 128; ctx++) {
      if ((ctx & comp.ctxMask) != ctx) continue;
      const st = comp.anchoredStart(ctx);
      for (let b0 = 0; b0 < 0x80; b0++) {
        if (!this.firstBytes[b0]) continue;
        const s1 = comp.next(st, <i32>this.classOf[b0]);
        const all = comp.matched[s1]; // an empty match before b0
        if (!all && comp.isDead(s1)) continue;
        for (let b1 = 0; b1 < 0x80; b1++) {
          if (all) { pairs[(b0 << 8) | b1] = true; continue; }
          const s2 = comp.next(s1, <i32>this.classOf[b1]);
          if (!comp.isDead(s2) || comp.matched[s2]) pairs[(b0 << 8) | b1] = true;
        }
      }
    }
    return pairs;
  }
  baseOf: StaticArray<u8> = new StaticArray<u8>(256); // byte -> base class (before the decode remap)
  alpha: Alphabet = new Alphabet();
  // byte -> symbol; u16: with many patterns base classes + word-lead twins + DECODE exceed 255 (a u8
  // here once truncated DECODE and broke Unicode \b patterns in large sets)
  classOf: StaticArray<u16> = new StaticArray<u16>(256);
  baseClasses: i32 = 0;
  twinOf: StaticArray<i32> = new StaticArray<i32>(256); // base class of a lead byte -> its word-lead twin symbol
  unicodeWord: bool = false;
  decodeSym: i32 = -1;
  stride: i32 = 0;
  strideShift: i32 = 0;
  // combined states
  table: Int32Array = new Int32Array(0);
  // tuples: index.pool[state * patternCount + p] -> component state (every tuple has patternCount entries)
  events: Array<i32> = [];     // flat: per state, offset into evData
  evLen: Array<i32> = [];
  evData: Array<i32> = [];     // p * 2 + (dead ? 1 : 0), for components that matched or died
  index: TupleMap = new TupleMap();
  stateCount: i32 = 0;
  generation: i32 = 0;
  cacheBytes: i32;
  clears: i32 = 0;

  constructor(nfas: Array<Nfa>, reverses: Array<Nfa>, ids: Array<i32>, cacheBytes: i32) {
    this.patternCount = nfas.length;
    this.patternIds = ids;
    this.cacheBytes = cacheBytes;
    this.buildAlphabet(nfas);
    for (let i = 0; i < nfas.length; i++) {
      const local = new LocalAlphabet(nfas[i], reverses[i]);
      this.comps.push(new Component(nfas[i], this.alpha, local));
      this.reverse.push(new PikeVM(reverses[i]));
      this.rdfa.push(new ReverseDfa(reverses[i], local.classOf, local.rep, local.count));
    }
  }

  // Byte classes: bytes that every NFA, look assertion and context treats alike share a class.
  private buildAlphabet(nfas: Array<Nfa>): void {
    const cut = new StaticArray<bool>(257); // cut[b]: a class starts at byte b
    cut[0] = true;
    for (let i = 0; i < nfas.length; i++) {
      const n = nfas[i];
      addCuts(n, cut);
      if (hasLook(n.lookMask, Look.WordUnicode) || hasLook(n.lookMask, Look.NotWordUnicode)) this.unicodeWord = true;
    }
    // context distinctions: \n, \r, ASCII word bytes, continuation / lead / invalid bytes
    const bounds = CONTEXT_BOUNDS;
    for (let i = 0; i < bounds.length; i++) cut[bounds[i]] = true;
    let k = -1;
    const rep = this.alpha.rep;
    for (let b = 0; b < 256; b++) {
      if (cut[b]) { k++; rep.push(b); }
      this.classOf[b] = <u16>k;
      this.baseOf[b] = <u8>k;
    }
    const K = k + 1;
    this.baseClasses = K;
    this.alpha.base = K;
    for (let i = 0; i < K; i++) this.alpha.word.push(false);
    if (this.unicodeWord) {
      // twins only for classes of UTF-8 lead bytes: only those are decoded (scanner.ts symbolAt)
      for (let i = 0; i < K; i++) if (rep[i] >= 0xc2 && rep[i] <= 0xf4) { this.twinOf[i] = rep.length; rep.push(rep[i]); this.alpha.word.push(true); }
      this.decodeSym = rep.length;
      rep.push(0xc2); this.alpha.word.push(false);
      for (let b = 0xc2; b <= 0xf4; b++) this.classOf[b] = <u16>this.decodeSym;
    }
    this.alpha.eoi = rep.length;
    rep.push(-1); this.alpha.word.push(false);
    this.alpha.count = rep.length;
    let stride = 1, shift = 0;
    while (stride < this.alpha.count) { stride <<= 1; shift++; }
    this.stride = stride;
    this.strideShift = shift;
  }

  get bytesUsed(): i32 { return this.combinedBytes + this.componentBytes; }
  get combinedBytes(): i32 { return this.table.length * 4 + (this.exportedInts + this.exported.length + this.endOff.length + this.endData.length) * 4 + this.evData.length * 4 + this.stateCount * 8 + this.index.bytes; }
  get componentBytes(): i32 {
    let n = 0;
    for (let i = 0; i < this.comps.length; i++) n += this.comps[i].bytesUsed + this.rdfa[i].bytesUsed;
    return n;
  }

  // Checked only after the cache grew (grewSinceCheck), so warm slow paths skip the accounting.
  private seenAdds: i32 = -1;
  // The whole budget bounds combined + component states; component and reverse states may use at most half. Returns 0 (fine),
  // 1 (clear combined states only: cheap to rebuild from cached component transitions) or 2 (all).
  // All lanes of a set share cacheBytes (index.ts sets `lanes`): when they exceed it together, lanes
  // using more than this one are cleared first (safe: lanes run one after the other and every scanner
  // of a cleared lane rebuilds its state from its portable form at its next feed).
  lanes: Array<RegexSetCore> = [];
  // Set when a check with !allowOthers found the budget exceeded only through other lanes' growth;
  // the scanner settles it after the feed (GroupScanner.maybeClear(true)).
  othersOverBudget: bool = false;
  overBudget(allowOthers: bool = true): i32 {
    if (tupleAdds == this.seenAdds && !(allowOthers && this.othersOverBudget)) return 0;
    this.seenAdds = tupleAdds;
    this.othersOverBudget = false;
    const comp = this.componentBytes;
    if (comp > this.cacheBytes >> 1) return 2;
    const combined = this.combinedBytes;
    const own = comp + combined;
    let total = own;
    const lanes = this.lanes;
    for (let k = 0; k < lanes.length; k++) if (lanes[k] != this) total += lanes[k].bytesUsed;
    if (total <= this.cacheBytes) return 0;
    if (!allowOthers) {
      // lanes running side by side hold their current states only in the cache: clear only our own,
      // and only if we alone exceed the budget
      if (own > this.cacheBytes) return comp > combined ? 2 : 1;
      this.othersOverBudget = true;
      return 0;
    }
    for (let k = 0; k < lanes.length && total > this.cacheBytes; k++) {
      const o = lanes[k];
      if (o == this) continue;
      const used = o.bytesUsed;
      if (used > own) { o.clear(true); total -= used - o.bytesUsed; }
    }
    if (total <= this.cacheBytes) return 0;
    return comp > combined ? 2 : 1;
  }

  clear(all: bool = true): void {
    if (all) for (let i = 0; i < this.comps.length; i++) { this.comps[i].clear(); this.rdfa[i].clear(); }
    this.events.length = 0; this.evLen.length = 0; this.evData.length = 0;
    this.index.clear();
    this.exported.length = 0; this.exportedInts = 0;
    this.endOff.length = 0; this.endData.length = 0;
    this.stateCount = 0;
    this.table = new Int32Array(0);
    this.generation++;
    this.clears++;
    this.replaceCache.fill(-1);
    this.startCached = -1;
  }

  // Interns a tuple of component states; returns the premultiplied combined id.
  intern(tuple: Array<i32>): i32 {
    const id = this.index.intern(tuple);
    if (!this.index.added) return id << this.strideShift;
    this.stateCount++;
    this.events.push(this.evData.length);
    let ev = 0;
    for (let p = 0; p < tuple.length; p++) {
      const c = this.comps[p], s = tuple[p];
      const dead = c.isDead(s);
      if (dead || c.matched[s]) { this.evData.push(p * 2 + (dead ? 1 : 0)); ev++; }
    }
    this.evLen.push(ev);
    const need = (id + 1) << this.strideShift;
    if (need > this.table.length) {
      let cap = max<i32>(this.table.length * 2, 64 << this.strideShift);
      const t = new Int32Array(cap);
      t.set(this.table);
      t.fill(UNKNOWN, this.table.length);
      this.table = t;
    }
    return id << this.strideShift;
  }

  hasEvents(pre: i32): bool { return this.evLen[pre >> this.strideShift] > 0; }

  // Computes (and caches) the transition of combined state `pre` on symbol `sym`; returns the
  // premultiplied next state (never negative).
  private tupleScratch: Array<i32> = [];
  step(pre: i32, sym: i32): i32 {
    const id = pre >> this.strideShift;
    const P = this.patternCount;
    const t = this.tupleScratch;
    t.length = 0;
    for (let p = 0; p < P; p++) t.push(this.comps[p].next(unchecked(this.index.pool[id * P + p]), sym));
    const n = this.intern(t);
    this.table[pre + sym] = this.hasEvents(n) ? -n - 1 : n;
    return n;
  }

  component(pre: i32, p: i32): i32 { return unchecked(this.index.pool[(pre >> this.strideShift) * this.patternCount + p]); }

  // direct-mapped memo of replace(): [pre, p, compState, result] per slot
  private replaceCache: Int32Array = new Int32Array(4096 * 4).fill(-1);
  replace(pre: i32, p: i32, compState: i32): i32 {
    const h = (<u32>(pre * 0x9e3779b1) ^ <u32>(p * 0x85ebca6b) ^ <u32>(compState * 0xc2b2ae35)) >> 20;
    const slot = <i32>(h & 4095) << 2;
    const rc = this.replaceCache;
    if (unchecked(rc[slot]) == pre && unchecked(rc[slot + 1]) == p && unchecked(rc[slot + 2]) == compState) return unchecked(rc[slot + 3]);
    const r = this.replaceUncached(pre, p, compState);
    rc[slot] = pre; rc[slot + 1] = p; rc[slot + 2] = compState; rc[slot + 3] = r;
    return r;
  }
  private replaceUncached(pre: i32, p: i32, compState: i32): i32 {
    const id = pre >> this.strideShift;
    const P = this.patternCount;
    const t = this.tupleScratch;
    t.length = 0;
    for (let q = 0; q < P; q++) t.push(q == p ? compState : unchecked(this.index.pool[id * P + q]));
    return this.intern(t);
  }

  startCached: i32 = -1; // combined start state at the start of a stream (read by GroupScanner.reset)
  startState(ctx: i32): i32 {
    if (ctx == CTX_START_CONST && this.startCached >= 0) return this.startCached;
    const t = this.tupleScratch;
    t.length = 0;
    for (let p = 0; p < this.patternCount; p++) t.push(this.comps[p].start(ctx));
    const s = this.intern(t);
    if (ctx == CTX_START_CONST) this.startCached = s;
    return s;
  }

  exportState(pre: i32, out: Array<i32>): void {
    out.length = 0;
    for (let p = 0; p < this.patternCount; p++) this.comps[p].exportState(this.component(pre, p), out);
  }

  // The portable form of combined state `pre`, computed once per state and generation and shared
  // (read-only) by every scanner that stops there: a scanner's per-feed save is O(1). A cache clear
  // drops the table; scanners keep their arrays alive.
  private exported: Array<Array<i32> | null> = [];
  private exportedInts: i32 = 0;
  exportedState(pre: i32): Array<i32> {
    const id = pre >> this.strideShift;
    while (this.exported.length <= id) this.exported.push(null);
    const have = unchecked(this.exported[id]);
    if (have != null) return have;
    const out = new Array<i32>();
    this.exportState(pre, out);
    this.exported[id] = out;
    this.exportedInts += out.length;
    tupleAdds++; // memory grew: let overBudget look again
    return out;
  }

  // Patterns whose component in combined state `pre` is alive and matches at end of input
  // (computed once per state): the only ones, besides pending matches, that end-of-input must visit.
  private endOff: Array<i32> = [];
  endData: Array<i32> = [];
  // Whether some pattern can match at the end of input in state `pre` (raw loads: asked once per
  // context and lane).
  canEnd(pre: i32): bool {
    const id = pre >> this.strideShift;
    const offs = this.endOff;
    if (id < offs.length) {
      const at = load<i32>(offs.dataStart + (<usize>id << 2));
      if (at >= 0) return load<i32>(this.endData.dataStart + (<usize>at << 2)) >= 0;
    }
    return unchecked(this.endData[this.endList(pre)]) >= 0;
  }
  endList(pre: i32): i32 {
    const id = pre >> this.strideShift;
    while (this.endOff.length <= id) this.endOff.push(-1);
    const have = unchecked(this.endOff[id]);
    if (have >= 0) return have;
    const at = this.endData.length;
    for (let p = 0; p < this.patternCount; p++) {
      const c = this.comps[p], cs = this.component(pre, p);
      if (!c.isDead(cs) && c.matchesAtEnd(cs)) this.endData.push(p);
    }
    this.endData.push(-1);
    this.endOff[id] = at;
    return at;
  }

  importState(data: Array<i32>): i32 {
    const t = new Array<i32>();
    let at = 0;
    for (let p = 0; p < this.patternCount; p++) {
      t.push(this.comps[p].importState(data, at));
      at += this.comps[p].imported;
    }
    return this.intern(t);
  }
}

// Bytes that can be the first byte of a match of `n` (look assertions assumed to hold): the ranges
// reachable from the anchored start through unions and looks.
export function firstByteSet(n: Nfa, out: StaticArray<bool>): void {
  const seen = new StaticArray<bool>(n.size);
  const stack = new Array<i32>();
  stack.push(n.start);
  while (stack.length) {
    const st = stack.pop();
    if (seen[st]) continue;
    seen[st] = true;
    const k = n.kind[st];
    if (k == S.Union) { for (let i = 0; i < n.hi[st]; i++) stack.push(n.alts[n.lo[st] + i]); }
    else if (k == S.Look) stack.push(n.next[st]);
    else if (k == S.Range) { for (let b = n.lo[st]; b <= n.hi[st]; b++) out[b] = true; }
    else if (k == S.Match) { for (let b = 0; b < 256; b++) out[b] = true; } // an empty match: anywhere
  }
}

// Fewest bytes any pattern of these lanes can match (0 if one can match empty).
export function minMatchBytesOf(cores: Array<RegexSetCore>): i32 {
  let m = i32.MAX_VALUE;
  for (let i = 0; i < cores.length; i++) m = min<i32>(m, cores[i].minMatchBytes);
  return m == i32.MAX_VALUE ? 0 : m;
}
