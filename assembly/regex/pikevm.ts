// Reference NFA simulation (Pike VM): the semantics every faster layer is checked against, and the
// engine of the reverse start search. Threads carry their start position; priority is list order.
// Cost: O(input * NFA states) time, O(NFA states) memory; no backtracking. Not used on the hot path.
import { Nfa, S } from "./nfa";
import { lookHolds } from "./look";
import { decodeAt } from "./utf8";

export class PikeVM {
  // sparse set: dense holds states in insertion (priority) order; sparse maps state -> slot
  private cur: Int32Array; private curStart: Int32Array; private curLen: i32 = 0;
  private nxt: Int32Array; private nxtStart: Int32Array; private nxtLen: i32 = 0;
  private mark: Int32Array; private epoch: i32 = 0;
  private stack: Int32Array;
  private stackStart: Int32Array;
  steps: i64 = 0; // NFA state visits, for linear-time checks

  constructor(public nfa: Nfa) {
    const n = nfa.size;
    this.cur = new Int32Array(n); this.curStart = new Int32Array(n);
    this.nxt = new Int32Array(n); this.nxtStart = new Int32Array(n);
    this.mark = new Int32Array(n);
    this.stack = new Int32Array(n + nfa.alts.length + 1);
    this.stackStart = new Int32Array(n + nfa.alts.length + 1);
  }

  // Adds the epsilon closure of s (thread start `start`) at position pos to the next list.
  private addClosure(s0: i32, start: i32, ptr: usize, begin: i32, end: i32, pos: i32): void {
    const nfa = this.nfa;
    let sp = 0;
    this.stack[sp++] = s0;
    this.stackStart[0] = start;
    while (sp > 0) {
      let s = this.stack[--sp];
      let st = this.stackStart[sp];
      while (true) {
        if (this.mark[s] == this.epoch) break;
        this.mark[s] = this.epoch;
        this.steps++;
        const k = nfa.kind[s];
        if (k == S.Union) {
          const base = nfa.lo[s], n = nfa.hi[s];
          for (let i = n - 1; i >= 1; i--) { this.stackStart[sp] = st; this.stack[sp++] = nfa.alts[base + i]; }
          if (s == nfa.unanchored) st = pos; // entering the pattern proper: a thread starts here
          s = nfa.alts[base];
          continue;
        }
        if (k == S.Look) {
          if (!lookHolds(nfa.lo[s], nfa.hi[s], ptr, begin, end, pos)) break;
          s = nfa.next[s];
          continue;
        }
        if (k == S.Fail) break;
        // Range or Match: a thread
        this.nxt[this.nxtLen] = s;
        this.nxtStart[this.nxtLen] = st;
        this.nxtLen++;
        break;
      }
    }
  }

  private swap(): void {
    const a = this.cur; this.cur = this.nxt; this.nxt = a;
    const b = this.curStart; this.curStart = this.nxtStart; this.nxtStart = b;
    this.curLen = this.nxtLen; this.nxtLen = 0;
    this.epoch++;
  }

  // Leftmost-first unanchored search in [from, end) of the text [begin, end) at ptr.
  // Returns true and sets matchStart/matchEnd when found.
  matchStart: i32 = -1;
  matchEnd: i32 = -1;
  find(ptr: usize, begin: i32, end: i32, from: i32): bool {
    const nfa = this.nfa;
    this.epoch++;
    this.nxtLen = 0;
    this.matchStart = -1; this.matchEnd = -1;
    let matched = false;
    this.addClosureStart(nfa.unanchored, ptr, begin, end, from);
    this.swap();
    for (let pos = from; pos <= end; pos++) {
      if (this.curLen == 0) break;
      const b: i32 = pos < end ? <i32>load<u8>(ptr + pos) : -1;
      for (let i = 0; i < this.curLen; i++) {
        const s = this.cur[i];
        if (nfa.kind[s] == S.Match) {
          matched = true;
          this.matchStart = this.curStart[i]; this.matchEnd = pos;
          break; // lower-priority threads (including the unanchored loop) are cut
        }
        if (b >= nfa.lo[s] && b <= nfa.hi[s]) this.addClosure(nfa.next[s], this.curStart[i], ptr, begin, end, pos + 1);
      }
      this.swap();
    }
    return matched;
  }

  private addClosureStart(s: i32, ptr: usize, begin: i32, end: i32, pos: i32): void {
    this.addClosure(s, pos, ptr, begin, end, pos);
  }

  // Reverse anchored search with a reverse NFA from `end` down to `limit`: returns the smallest
  // position p such that [p, end) matches, or -1. Positions inside a well-formed character are skipped.
  reverseStart(ptr: usize, begin: i32, textEnd: i32, end: i32, limit: i32): i32 {
    const nfa = this.nfa;
    this.epoch++;
    this.nxtLen = 0;
    let best = -1;
    this.addClosure(nfa.start, 0, ptr, begin, textEnd, end);
    this.swap();
    for (let pos = end; pos >= limit; pos--) {
      if (this.curLen == 0) break;
      const b: i32 = pos > limit ? <i32>load<u8>(ptr + pos - 1) : -1;
      for (let i = 0; i < this.curLen; i++) {
        const s = this.cur[i];
        if (nfa.kind[s] == S.Match) { if (isBoundary(ptr, begin, textEnd, pos)) best = pos; continue; }
        if (b >= nfa.lo[s] && b <= nfa.hi[s]) this.addClosure(nfa.next[s], 0, ptr, begin, textEnd, pos - 1);
      }
      this.swap();
    }
    return best;
  }
}

// True unless pos falls strictly inside a well-formed multi-byte character.
export function isBoundary(ptr: usize, begin: i32, end: i32, pos: i32): bool {
  if (pos >= end || pos <= begin) return true;
  const b = <u32>load<u8>(ptr + pos);
  if (b < 0x80 || b > 0xbf) return true;
  for (let k = 1; k <= 3 && pos - k >= begin; k++) {
    const c = <u32>load<u8>(ptr + pos - k);
    if (c >= 0x80 && c <= 0xbf) continue;
    const d = decodeAt(ptr, pos - k, end);
    return <i32>(d >> 21) <= k;
  }
  return true;
}
