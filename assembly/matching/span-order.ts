import { Candidate, Part } from "./candidate";

// Candidates of one list in position order, for correlate's nearest-partner search (§3.5).
//
// Spans can only be paired within one "space": the body, or one header value (gap() in
// emissions.ts). Ordering a list by (space, rawStart, list index) puts every span that can be
// within max_distance of a given span into one contiguous run of the order, so a search costs
// O(log n + spans in reach) instead of O(n): the quadratic pairing loop was a tenth of the
// time of a PII-dense 1 MB JSON body (thousands of date_of_birth values against as many
// `birth` keys).
//
// Layout: `order[k]` is an index into the list; k < k' ⇒ key(order[k]) < key(order[k']) with
// key = (part, header context or 0, rawStart, index). The index as the last key keeps the
// order stable, so "earliest" ties resolve as a scan of the list in its own order would.
// Cost: O(n) when the list is already in order (the usual case: contexts arrive in body
// order), else one O(n log n) merge sort; O(n) memory.
export class SpanOrder {
  order: Array<i32>;
  /** The longest span's raw length: how far before a position a span reaching it may start. */
  maxLength: i64 = 0;

  constructor(public list: Array<Candidate>) {
    const n = list.length;
    const order = new Array<i32>(n);
    this.order = order;
    let sorted = true;
    let longest: i64 = 0;
    for (let i = 0; i < n; i++) {
      unchecked(order[i] = i);
      const c = unchecked(list[i]);
      longest = max(longest, c.rawEnd - c.rawStart);
      if (i > 0 && sorted && this.before(i, i - 1)) sorted = false;
    }
    this.maxLength = longest;
    if (!sorted) mergeSort(this, order);
  }

  /** Key order of list indexes a and b (a != b): whether a comes first. */
  before(a: i32, b: i32): bool {
    const x = unchecked(this.list[a]), y = unchecked(this.list[b]);
    if (x.part != y.part) return x.part < y.part;
    if (x.part == Part.Header && x.context != y.context) return x.context < y.context;
    if (x.rawStart != y.rawStart) return x.rawStart < y.rawStart;
    return a < b;
  }

  /**
   * First position k in `order` whose span is in the space of `c` and starts at or after
   * `from`; positions from k on that are still in that space follow in start order.
   */
  lowerBound(c: Candidate, from: i64): i32 {
    const order = this.order;
    let lo = 0, hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (precedes(unchecked(this.list[unchecked(order[mid])]), c, from)) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}

/** Whether `x` sorts before position `from` in the space of `c`. */
function precedes(x: Candidate, c: Candidate, from: i64): bool {
  if (x.part != c.part) return x.part < c.part;
  if (x.part == Part.Header && x.context != c.context) return x.context < c.context;
  return x.rawStart < from;
}

/** Whether `x` lies in the same space as `c` (the pairs gap() does not refuse). */
export function sameSpace(x: Candidate, c: Candidate): bool {
  return x.part == c.part && (x.part != Part.Header || x.context == c.context);
}

/** Stable bottom-up merge sort of `order` by SpanOrder.before. */
function mergeSort(keys: SpanOrder, order: Array<i32>): void {
  const n = order.length;
  let src = order;
  let dst = new Array<i32>(n);
  for (let width = 1; width < n; width <<= 1) {
    for (let lo = 0; lo < n; lo += width << 1) {
      const mid = min(lo + width, n), hi = min(lo + (width << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const a = unchecked(src[i]), b = unchecked(src[j]);
        // take from the right only when strictly before: equal keys keep their order
        if (keys.before(b, a)) { unchecked(dst[k++] = b); j++; } else { unchecked(dst[k++] = a); i++; }
      }
      while (i < mid) unchecked(dst[k++] = src[i++]);
      while (j < hi) unchecked(dst[k++] = src[j++]);
    }
    const t = src; src = dst; dst = t;
  }
  if (src !== order) for (let i = 0; i < n; i++) unchecked(order[i] = src[i]);
}
