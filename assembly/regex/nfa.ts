// Byte-level Thompson NFA, one per pattern (forward, with an unanchored start) or reversed
// (anchored, for finding match starts). Built by compiler.ts.
//
// Layout: state s is kind[s] with operands lo[s], hi[s], next[s]:
//   Range: byte range [lo, hi] then next
//   Union: alternatives alts[lo .. lo + hi), in priority order
//   Look:  assertion lo (a Look), parameter hi (for NextNotIn/PrevNotIn: (rangeLo << 8) | rangeHi), then next
//   Match: the pattern matched
//   Fail:  no way forward
// Memory: 13 bytes per state (up to twice that while growing) plus 4 per Union alternative.
export const enum S { Range, Union, Look, Match, Fail }

export class Nfa {
  // per state, grown by doubling (`count` states are in use): typed arrays written with raw
  // stores, since compiling the default policy adds ~100,000 states
  kind: Uint8Array = new Uint8Array(64);
  lo: Int32Array = new Int32Array(64);
  hi: Int32Array = new Int32Array(64);
  next: Int32Array = new Int32Array(64);
  private count: i32 = 0;
  alts: Array<i32> = [];
  // anchored start (pattern begins here) and unanchored start (a lazy loop over whole characters
  // that enters `start` at every character boundary; priority below the pattern's own threads)
  start: i32 = 0;
  unanchored: i32 = 0;
  // one whole character (or invalid piece), then `unanchored`: where a search resumes after an
  // empty match, since the next search must begin at the following character boundary
  skipOne: i32 = 0;
  lookMask: u32 = 0; // bit per Look kind used
  reverse: bool = false;

  add(kind: i32, lo: i32, hi: i32, next: i32): i32 {
    const n = this.count;
    if (n == this.kind.length) this.grow(n * 2);
    store<u8>(this.kind.dataStart + <usize>n, <u8>kind);
    const at = <usize>n << 2;
    store<i32>(this.lo.dataStart + at, lo);
    store<i32>(this.hi.dataStart + at, hi);
    store<i32>(this.next.dataStart + at, next);
    this.count = n + 1;
    return n;
  }

  private grow(cap: i32): void {
    const n = this.count;
    const k = new Uint8Array(cap); memory.copy(k.dataStart, this.kind.dataStart, <usize>n); this.kind = k;
    const l = new Int32Array(cap); memory.copy(l.dataStart, this.lo.dataStart, <usize>n << 2); this.lo = l;
    const h = new Int32Array(cap); memory.copy(h.dataStart, this.hi.dataStart, <usize>n << 2); this.hi = h;
    const x = new Int32Array(cap); memory.copy(x.dataStart, this.next.dataStart, <usize>n << 2); this.next = x;
  }

  get size(): i32 { return this.count; }
}
