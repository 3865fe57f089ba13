// Lazy DFA for ONE pattern (a "component" of the multi-pattern set, set.ts): forward, unanchored,
// leftmost-first. A state is (ordered list of NFA states reached by byte transitions, context bits
// about the previous byte, matched flag). Epsilon closure is delayed until the next symbol is known,
// so look-ahead assertions ($, \b, the invalid-UTF-8 check) see it; "matched" therefore means "a
// match ended just before the last symbol" (as in regex-automata). A state with an empty list is
// dead: the pattern's leftmost-first match is final.
// Memory: per state 16 bytes + 4 per NFA state in its list + 4 per symbol (transition row).
import { Nfa, S } from "./nfa";
import { Look } from "./hir";
import { TupleMap } from "./intmap";
import { LocalAlphabet } from "./set";

// context bits (about the previous byte/character)
export const CTX_START: i32 = 1, CTX_LF: i32 = 2, CTX_CR: i32 = 4, CTX_WORDA: i32 = 8, CTX_WORDU: i32 = 16;
// bits 5-6: continuation bytes still expected by the last lead byte (only tracked with CTX_WORDU),
// so a stray continuation byte counts as U+FFFD (non-word) instead of extending a word character
export const CTX_REM_SHIFT: i32 = 5, CTX_REM: i32 = 3 << 5;

// What a symbol (byte class or virtual symbol) stands for; filled by set.ts.
export class Alphabet {
  count: i32 = 0;     // number of symbols (stride of component tables)
  rep: Array<i32> = []; // representative byte, -1 for end of input
  word: Array<bool> = []; // next character is a word character (Unicode)
  eoi: i32 = 0;       // symbol id of end of input
  base: i32 = 0;      // byte classes 0..base-1; then word-lead twins of the lead-byte classes (word[sym] true)
}

export function contextAfter(ctx: i32, b: i32, word: bool): i32 {
  if (b < 0x80) {
    let c = 0;
    if (b == 0x0a) c |= CTX_LF;
    else if (b == 0x0d) c |= CTX_CR;
    if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f) c |= CTX_WORDA | CTX_WORDU;
    return c;
  }
  if (b <= 0xbf) {
    // continuation: inside a character its word-ness carries over; a stray one is U+FFFD
    const rem = (ctx & CTX_REM) >> CTX_REM_SHIFT;
    return rem > 0 ? (ctx & CTX_WORDU) | ((rem - 1) << CTX_REM_SHIFT) : 0;
  }
  if (b >= 0xc2 && b <= 0xf4) {
    const rem = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
    return (word ? CTX_WORDU : 0) | (rem << CTX_REM_SHIFT);
  }
  return 0;
}

export function contextMaskFor(lookMask: u32): i32 {
  let m = 0;
  if (hasLook(lookMask, Look.StartText)) m |= CTX_START;
  if (hasLook(lookMask, Look.StartLine)) m |= CTX_START | CTX_LF;
  if (hasLook(lookMask, Look.StartLineCrlf)) m |= CTX_START | CTX_LF | CTX_CR;
  if (hasLook(lookMask, Look.EndLineCrlf)) m |= CTX_CR;
  if (hasLook(lookMask, Look.WordAscii) || hasLook(lookMask, Look.NotWordAscii)) m |= CTX_WORDA;
  if (hasLook(lookMask, Look.WordUnicode) || hasLook(lookMask, Look.NotWordUnicode)) m |= CTX_WORDU | CTX_REM;
  return m;
}

export function hasLook(mask: u32, k: Look): bool {
  return (mask & (1 << <u32>k)) != 0;
}

function isWordAsciiByte(b: i32): bool {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f;
}

export class Component {
  // per state
  listOff: Array<i32> = [];
  listLen: Array<i32> = [];
  ctx: Array<i32> = [];
  matched: Array<bool> = [];
  eoiMatch: Array<i8> = []; // -1 unknown, 0/1
  width: i32; // transition row: the pattern's own byte classes, twice when it has a Unicode \b (word-lead twins)
  trans: Array<i32> = []; // state * width + localOf[symbol] -> state, -1 unknown
  // set symbol -> column of this pattern's rows (its LocalAlphabet class; twins folded onto their
  // base class unless the pattern has a Unicode \b)
  localOf: StaticArray<i32>;
  index: TupleMap = new TupleMap(); // tuple: [ctx, matched, list...]
  private keyScratch: Array<i32> = [];
  ctxMask: i32;
  // closure scratch
  private mark: Int32Array;
  private epoch: i32 = 0;
  private stack: Int32Array;
  private threads: Int32Array;
  private outList: Array<i32> = [];

  constructor(public nfa: Nfa, public alpha: Alphabet, local: LocalAlphabet) {
    const mask = contextMaskFor(nfa.lookMask);
    this.ctxMask = mask;
    const twins = (mask & CTX_WORDU) != 0;
    const K = local.count;
    this.width = twins ? 2 * K : K;
    const map = new StaticArray<i32>(alpha.count);
    for (let sym = 0; sym < alpha.count; sym++) {
      const b = alpha.rep[sym];
      // the decode and end-of-input symbols never reach next(); map them somewhere valid
      const c = b < 0 ? 0 : <i32>local.classOf[b];
      map[sym] = twins && alpha.word[sym] ? c + K : c;
    }
    this.localOf = map;
    this.mark = new Int32Array(nfa.size);
    this.stack = new Int32Array(nfa.size + nfa.alts.length + 1);
    this.threads = new Int32Array(nfa.size);
  }

  get stateCount(): i32 { return this.listOff.length; }

  clear(): void {
    this.listOff.length = 0; this.listLen.length = 0; this.ctx.length = 0; this.matched.length = 0;
    this.eoiMatch.length = 0; this.trans.length = 0; this.index.clear();
    this.startCache.fill(-1);
    this.anchoredCache.fill(-1);
  }

  get bytesUsed(): i32 {
    return this.index.bytes + (this.trans.length + this.listOff.length * 5) * 4;
  }

  intern(list: Array<i32>, ctx: i32, matched: bool): i32 {
    const c = ctx & this.ctxMask;
    const key = this.keyScratch;
    key.length = 0;
    key.push(c);
    key.push(matched ? 1 : 0);
    for (let i = 0; i < list.length; i++) key.push(unchecked(list[i]));
    const id = this.index.intern(key);
    if (!this.index.added) return id;
    this.listOff.push(this.index.off[id] + 2);
    this.listLen.push(list.length);
    this.ctx.push(c);
    this.matched.push(matched);
    this.eoiMatch.push(-1);
    for (let k = 0; k < this.width; k++) this.trans.push(-1);
    return id;
  }

  // The unanchored start state at a position whose previous byte gave context `ctx`.
  // With `skipOne`, the search begins after the next character (resuming after an empty match).
  private startCache: Int32Array = new Int32Array(512).fill(-1); // (ctx & 0xff) * 2 + skip -> state
  start(ctx: i32, skipOne: bool = false): i32 {
    const slot = ((ctx & this.ctxMask & 0xff) << 1) | (skipOne ? 1 : 0);
    const cached = unchecked(this.startCache[slot]);
    if (cached >= 0) return cached;
    const id = this.startUncached(ctx, skipOne);
    this.startCache[slot] = id;
    return id;
  }
  private startUncached(ctx: i32, skipOne: bool): i32 {
    this.outList.length = 0;
    this.outList.push(skipOne ? this.nfa.skipOne : this.nfa.unanchored);
    return this.intern(this.outList, ctx, false);
  }

  // The anchored start state (a match must begin here) after context `ctx`: bounded lanes.
  private anchoredCache: Int32Array = new Int32Array(256).fill(-1);
  anchoredStart(ctx: i32): i32 {
    const slot = ctx & this.ctxMask & 0xff;
    const cached = unchecked(this.anchoredCache[slot]);
    if (cached >= 0) return cached;
    this.outList.length = 0;
    this.outList.push(this.nfa.start);
    const id = this.intern(this.outList, ctx, false);
    this.anchoredCache[slot] = id;
    return id;
  }

  isDead(s: i32): bool { return unchecked(this.listLen[s]) == 0; }

  next(s: i32, sym: i32): i32 {
    const at = s * this.width + unchecked(this.localOf[sym]);
    const t = unchecked(this.trans[at]);
    if (t >= 0) return t;
    const n = this.compute(s, sym);
    this.trans[at] = n;
    return n;
  }

  // Does a match end at the end of input, given state s?
  matchesAtEnd(s: i32): bool {
    const k = this.eoiMatch[s];
    if (k >= 0) return k == 1;
    const r = this.closure(s, -1, false, true);
    this.eoiMatch[s] = r ? 1 : 0;
    return r;
  }

  // Closure of state s's list under symbol (b, word) [b = -1: end of input]; collects threads in
  // priority order into this.threads and returns whether a Match state comes first among them
  // (threads after a Match are dropped: leftmost-first).
  private threadCount: i32 = 0;
  private closure(s: i32, b: i32, word: bool, eoi: bool): bool {
    const nfa = this.nfa;
    const ctx = this.ctx[s];
    this.epoch++;
    this.threadCount = 0;
    const off = this.listOff[s], len = this.listLen[s];
    for (let li = 0; li < len; li++) {
      let sp = 0;
      this.stack[sp++] = this.index.pool[off + li];
      while (sp > 0) {
        let st = this.stack[--sp];
        while (true) {
          if (this.mark[st] == this.epoch) break;
          this.mark[st] = this.epoch;
          const k = nfa.kind[st];
          if (k == S.Union) {
            const base = nfa.lo[st], n = nfa.hi[st];
            for (let i = n - 1; i >= 1; i--) this.stack[sp++] = nfa.alts[base + i];
            st = nfa.alts[base];
            continue;
          }
          if (k == S.Look) {
            if (!this.lookHolds(nfa.lo[st], nfa.hi[st], ctx, b, word, eoi)) break;
            st = nfa.next[st];
            continue;
          }
          if (k == S.Fail) break;
          if (k == S.Match) return true;
          this.threads[this.threadCount++] = st;
          break;
        }
      }
    }
    return false;
  }

  private lookHolds(look: i32, param: i32, ctx: i32, b: i32, word: bool, eoi: bool): bool {
    switch (look) {
      case Look.StartText: return (ctx & CTX_START) != 0;
      case Look.EndText: return eoi;
      case Look.StartLine: return (ctx & (CTX_START | CTX_LF)) != 0;
      case Look.EndLine: return eoi || b == 0x0a;
      case Look.StartLineCrlf: return (ctx & (CTX_START | CTX_LF)) != 0 || ((ctx & CTX_CR) != 0 && b != 0x0a);
      case Look.EndLineCrlf: return eoi || b == 0x0d || (b == 0x0a && (ctx & CTX_CR) == 0);
      case Look.WordAscii: case Look.NotWordAscii: {
        const a = (ctx & CTX_WORDA) != 0, n = !eoi && isWordAsciiByte(b);
        return (a != n) == (look == Look.WordAscii);
      }
      case Look.WordUnicode: case Look.NotWordUnicode: {
        const a = (ctx & CTX_WORDU) != 0;
        const n = !eoi && (b < 0x80 ? isWordAsciiByte(b) : (b >= 0xc2 && b <= 0xf4 && word));
        return (a != n) == (look == Look.WordUnicode);
      }
      case Look.NextNotCont: return eoi || b < ((param >> 8) & 0xff) || b > (param & 0xff);
    }
    return false;
  }

  private compute(s: i32, sym: i32): i32 {
    const b = this.alpha.rep[sym], word = this.alpha.word[sym];
    const nfa = this.nfa;
    const matched = this.closure(s, b, word, false);
    const out = this.outList;
    out.length = 0;
    this.epoch++;
    for (let i = 0; i < this.threadCount; i++) {
      const t = this.threads[i];
      if (b >= nfa.lo[t] && b <= nfa.hi[t]) {
        const n = nfa.next[t];
        if (this.mark[n] != this.epoch) { this.mark[n] = this.epoch; out.push(n); }
      }
    }
    return this.intern(out, contextAfter(this.ctx[s], b, word), matched);
  }

  // Portable form of a state (survives a cache clear): [ctx, matched, len, list...], or the single
  // int -1 - ctx for the (non-skipping) start state of context ctx: at the end of a short context most
  // of a policy's patterns are still there, so the saved form stays small.
  exportState(s: i32, out: Array<i32>): void {
    const c = this.ctx[s];
    if (unchecked(this.startCache[(c & 0xff) << 1]) == s) { out.push(-1 - c); return; }
    out.push(c);
    out.push(this.matched[s] ? 1 : 0);
    const off = this.listOff[s], len = this.listLen[s];
    out.push(len);
    for (let i = 0; i < len; i++) out.push(this.index.pool[off + i]);
  }
  // Returns the state; `this.imported` is the number of ints read.
  imported: i32 = 0;
  importState(data: Array<i32>, at: i32): i32 {
    const c = data[at];
    if (c < 0) { this.imported = 1; return this.start(-1 - c); }
    const len = data[at + 2];
    const list = new Array<i32>(len);
    for (let i = 0; i < len; i++) list[i] = data[at + 3 + i];
    this.imported = 3 + len;
    return this.intern(list, c, data[at + 1] != 0);
  }
}
