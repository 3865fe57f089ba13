// Lazy reverse DFA for ONE pattern: finds where a match starts, given where it ends. Anchored at the
// end, it walks left over the retained bytes and keeps every position where the reversed pattern
// matches (all-matches semantics); the leftmost such position at or after the search origin is the
// start of the leftmost-first match. States: (ordered NFA state list, context bits about the byte to
// the right, matched flag). Look assertions are resolved with the byte to the right (context) and
// the byte to the left (the symbol). A Unicode \b next to a non-ASCII byte cannot be decided from
// one byte: for patterns with a Unicode \b, find() decodes the characters on both sides of such a
// position and passes their word-ness in the symbol (five variants per byte class: "decided by the
// bytes", or decoded with each of the four word-ness pairs), so the DFA never has to give up there.
// It quits (the caller falls back to the PikeVM) only when the byte to the left is unknown (window
// start). Memory: like dfa.ts, rows five times wider for Unicode-\b patterns; counted in the set's
// cache budget.
import { Nfa, S } from "./nfa";
import { Look } from "./hir";
import { TupleMap } from "./intmap";
import { isBoundary } from "./pikevm";
import { hasLook } from "./dfa";
import { decodeAt, decodeBefore } from "./utf8";
import { isWordCp } from "./look";

const R_END: i32 = 1, R_LF: i32 = 2, R_CR: i32 = 4, R_WORDA: i32 = 8, R_8x: i32 = 32, R_9x: i32 = 64, R_AB: i32 = 128;
export const QUIT: i32 = -2;

function ctxOf(b: i32): i32 {
  if (b < 0) return R_END;
  let c = 0;
  if (b == 0x0a) c |= R_LF;
  if (b == 0x0d) c |= R_CR;
  if (isWordA(b)) c |= R_WORDA;
  if (b >= 0x80 && b <= 0x8f) c |= R_8x;
  else if (b >= 0x90 && b <= 0x9f) c |= R_9x;
  else if (b >= 0xa0 && b <= 0xbf) c |= R_AB;
  return c;
}

function isWordA(b: i32): bool { return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f; }

function rangeBits(lo: i32, hi: i32): i32 {
  let m = 0;
  if (lo <= 0x80 && hi >= 0x8f) m |= R_8x;
  if (lo <= 0x90 && hi >= 0x9f) m |= R_9x;
  if (lo <= 0xa0 && hi >= 0xbf) m |= R_AB;
  return m;
}

export class ReverseDfa {
  listOff: Array<i32> = [];
  listLen: Array<i32> = [];
  ctx: Array<i32> = [];
  matched: Array<bool> = [];
  trans: Array<i32> = [];
  listData: Array<i32> = [];
  index: TupleMap = new TupleMap();
  private key: Array<i32> = [];
  private out: Array<i32> = [];
  private mark: Int32Array;
  private epoch: i32 = 0;
  private stack: Int32Array;
  private threads: Int32Array;
  private threadCount: i32 = 0;
  private startCache: Int32Array = new Int32Array(256).fill(-1);
  // symbols: (base class, or START = no byte to the left) * variants + variant; variants is 5 for a
  // pattern with a Unicode \b (0: word-ness decided by the bytes; 1 + wordLeft + 2 * wordRight:
  // decoded), else 1
  width: i32;
  private variants: i32;
  private startSym: i32;
  private decoded: i32 = 0; // variant of the symbol being computed
  steps: i64 = 0;

  constructor(public nfa: Nfa, public classOf: StaticArray<u8>, public rep: Array<i32>, classes: i32) {
    this.mark = new Int32Array(nfa.size);
    this.stack = new Int32Array(nfa.size + nfa.alts.length + 1);
    this.threads = new Int32Array(nfa.size);
    const unicodeWord = hasLook(nfa.lookMask, Look.WordUnicode) || hasLook(nfa.lookMask, Look.NotWordUnicode);
    this.variants = unicodeWord ? 5 : 1;
    this.startSym = classes;
    this.width = (classes + 1) * this.variants;
  }

  get bytesUsed(): i32 { return this.index.bytes + (this.trans.length + this.listData.length + this.listOff.length * 4) * 4; }

  clear(): void {
    this.listOff.length = 0; this.listLen.length = 0; this.ctx.length = 0; this.matched.length = 0;
    this.trans.length = 0; this.listData.length = 0; this.index.clear();
    this.startCache.fill(-1);
  }

  private intern(list: Array<i32>, ctx: i32, matched: bool): i32 {
    const key = this.key;
    key.length = 0;
    key.push(ctx); key.push(matched ? 1 : 0);
    for (let i = 0; i < list.length; i++) key.push(list[i]);
    const id = this.index.intern(key);
    if (!this.index.added) return id;
    this.listOff.push(this.listData.length);
    this.listLen.push(list.length);
    for (let i = 0; i < list.length; i++) this.listData.push(list[i]);
    this.ctx.push(ctx);
    this.matched.push(matched);
    for (let k = 0; k < this.width; k++) this.trans.push(-1);
    return id;
  }

  private holds(look: i32, param: i32, right: i32, left: i32): bool {
    const leftStart = left < 0;
    switch (look) {
      case Look.StartText: return leftStart;
      case Look.EndText: return (right & R_END) != 0;
      case Look.StartLine: return leftStart || left == 0x0a;
      case Look.EndLine: return (right & (R_END | R_LF)) != 0;
      case Look.StartLineCrlf: return leftStart || left == 0x0a || (left == 0x0d && (right & R_LF) == 0);
      case Look.EndLineCrlf: return (right & (R_END | R_CR)) != 0 || ((right & R_LF) != 0 && left != 0x0d);
      case Look.WordAscii: case Look.NotWordAscii: case Look.WordUnicode: case Look.NotWordUnicode: {
        let a = !leftStart && isWordA(left), b = (right & R_WORDA) != 0;
        if (look == Look.WordUnicode || look == Look.NotWordUnicode) {
          const v = this.decoded;
          // variant 0: find() saw ASCII on both sides, so the bytes decide
          if (v > 0) { a = ((v - 1) & 1) != 0; b = ((v - 1) & 2) != 0; }
        }
        return (a != b) == (look == Look.WordAscii || look == Look.WordUnicode);
      }
      case Look.NextNotCont: {
        if ((right & R_END) != 0) return true;
        const bits = rangeBits((param >> 8) & 0xff, param & 0xff);
        return (right & bits) == 0;
      }
    }
    return false;
  }

  private compute(s: i32, sym: i32): i32 {
    const nfa = this.nfa;
    const base = sym / this.variants;
    this.decoded = sym - base * this.variants;
    const left = base == this.startSym ? -1 : this.rep[base];
    const right = this.ctx[s];
    this.epoch++;
    this.threadCount = 0;
    let matched = false;
    const off = this.listOff[s], len = this.listLen[s];
    for (let li = 0; li < len; li++) {
      let sp = 0;
      this.stack[sp++] = this.listData[off + li];
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
            if (!this.holds(nfa.lo[st], nfa.hi[st], right, left)) break;
            st = nfa.next[st];
            continue;
          }
          if (k == S.Fail) break;
          if (k == S.Match) { matched = true; break; }
          this.threads[this.threadCount++] = st;
          break;
        }
      }
    }
    const out = this.out;
    out.length = 0;
    if (left >= 0) {
      this.epoch++;
      for (let i = 0; i < this.threadCount; i++) {
        const t = this.threads[i];
        if (left >= nfa.lo[t] && left <= nfa.hi[t]) {
          const n = nfa.next[t];
          if (this.mark[n] != this.epoch) { this.mark[n] = this.epoch; out.push(n); }
        }
      }
    }
    return this.intern(out, ctxOf(left), matched);
  }

  // Leftmost p in [limit, end] with [p, end) matching, or -1; QUIT when the search reaches the
  // window start before it can decide (the byte to the left is gone).
  // `textStart`: position 0 of the buffer is the start of the text; `textEnd`: end is its end.
  find(ptr: usize, len: i32, end: i32, limit: i32, textStart: bool): i32 {
    const c0 = ctxOf(end < len ? <i32>load<u8>(ptr + end) : -1);
    let s = unchecked(this.startCache[c0]);
    if (s < 0) {
      this.out.length = 0;
      this.out.push(this.nfa.start);
      s = this.intern(this.out, c0, false);
      this.startCache[c0] = s;
    }
    let best = -1;
    let pos = end;
    const V = this.variants;
    let steps: i64 = 0;
    while (true) {
      const lb: i32 = pos > 0 ? <i32>load<u8>(ptr + pos - 1) : -1;
      if (lb < 0 && !textStart) { this.steps += steps; return best >= 0 ? best : QUIT; } // left neighbour unknown (window start)
      let sym = (lb >= 0 ? <i32>unchecked(this.classOf[lb]) : this.startSym) * V;
      if (V > 1) {
        const rb: i32 = pos < len ? <i32>load<u8>(ptr + pos) : -1;
        if (lb >= 0x80 || rb >= 0x80) {
          // the characters around pos, as the PikeVM's look test sees them (look.ts)
          const wl = lb >= 0 && (lb < 0x80 ? isWordA(lb) : isWordCp(decodeBefore(ptr, 0, pos) & 0x1fffff));
          const wr = rb >= 0 && (rb < 0x80 ? isWordA(rb) : isWordCp(decodeAt(ptr, pos, len) & 0x1fffff));
          sym += 1 + (wl ? 1 : 0) + (wr ? 2 : 0);
        }
      }
      steps++;
      // raw loads: this loop runs once per byte of every match's start search
      let t = load<i32>(this.trans.dataStart + (<usize>(s * this.width + sym) << 2));
      if (t == -1) {
        t = this.compute(s, sym);
        this.trans[s * this.width + sym] = t;
      }
      s = t;
      if (load<u8>(this.matched.dataStart + <usize>s) != 0 && isBoundary(ptr, 0, len, pos)) best = pos;
      if (pos <= limit || load<i32>(this.listLen.dataStart + (<usize>s << 2)) == 0) break;
      pos--;
    }
    this.steps += steps;
    return best;
  }
}
