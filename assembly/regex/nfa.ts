// Byte-level Thompson NFA, one per pattern (forward, with an unanchored start) or reversed
// (anchored, for finding match starts). Built by compiler.ts.
//
// Layout: state s is kind[s] with operands lo[s], hi[s], next[s]:
//   Range: byte range [lo, hi] then next
//   Union: alternatives alts[lo .. lo + hi), in priority order
//   Look:  assertion lo (a Look), parameter hi (for NextNotIn/PrevNotIn: (rangeLo << 8) | rangeHi), then next
//   Match: the pattern matched
//   Fail:  no way forward
// Memory: 13 bytes per state plus 4 per Union alternative.
export const enum S { Range, Union, Look, Match, Fail }

export class Nfa {
  kind: Array<u8> = [];
  lo: Array<i32> = [];
  hi: Array<i32> = [];
  next: Array<i32> = [];
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
    this.kind.push(<u8>kind);
    this.lo.push(lo);
    this.hi.push(hi);
    this.next.push(next);
    return this.kind.length - 1;
  }
  get size(): i32 { return this.kind.length; }
}
