// The decoded bytes of the current context, kept so a candidate's text can be read after the
// automaton reports it, and so validators can look ahead (SQL statements). Bounded: only the
// last `capacity` bytes before the oldest byte still needed are kept, whatever the context's size.
//
// Layout:
//   bytes[0 .. length)          decoded bytes; bytes[0] is decoded offset `start`
//   runs[0 .. runCount * 4): (decodedStart, rawStart, decodedLen, rawLen) × runCount, in Int64
//   quadruples — the map from decoded to raw offsets (spec §8.1: raw offsets count escapes as
//   written). A plain run that continues the previous plain run extends it instead of adding one.
//   The array grows by doubling and is never shrunk, so a context costs no allocation.

export class ContextWindow {
  bytes: Uint8Array;
  start: i64 = 0;
  length: i32 = 0;
  private runs: StaticArray<i64> = new StaticArray<i64>(16);
  private runCount: i32 = 0;

  /** Where decoded offset `start` lives: bytes.dataStart, or a caller's run while viewing it. */
  private base: usize;

  constructor(public capacity: i32) {
    this.bytes = new Uint8Array(capacity * 2);
    this.base = this.bytes.dataStart;
  }

  reset(): void {
    this.start = 0;
    this.length = 0;
    this.runCount = 0;
    this.base = this.bytes.dataStart;
  }

  /**
   * Holds a whole plain context in place, without copying: [ptr, ptr + len) is decoded offset
   * 0 onwards, raw offsets from `rawOffset`. Valid until reset(), and only while the caller's
   * bytes are (MessageMatcher.wholeContext: one sink call). No append may follow.
   */
  view(ptr: usize, len: i32, rawOffset: i64): void {
    this.start = 0;
    this.length = len;
    this.runCount = 0;
    this.base = ptr;
    if (len > 0) this.addRun(0, rawOffset, <i64>len, <i64>len);
  }

  private addRun(decodedStart: i64, rawStart: i64, decodedLen: i64, rawLen: i64): void {
    let runs = this.runs;
    const n = this.runCount;
    if (n > 0) {
      const last = (n - 1) << 2;
      const ld = unchecked(runs[last]), lr = unchecked(runs[last + 1]), ldl = unchecked(runs[last + 2]), lrl = unchecked(runs[last + 3]);
      if (decodedLen == rawLen && ldl == lrl && ld + ldl == decodedStart && lr + lrl == rawStart) {
        unchecked(runs[last + 2] = ldl + decodedLen);
        unchecked(runs[last + 3] = lrl + rawLen);
        return;
      }
    }
    if ((n + 1) << 2 > runs.length) {
      const grown = new StaticArray<i64>(runs.length << 1);
      memory.copy(changetype<usize>(grown), changetype<usize>(runs), <usize>(n << 5));
      runs = grown;
      this.runs = grown;
    }
    const at = n << 2;
    unchecked(runs[at] = decodedStart); unchecked(runs[at + 1] = rawStart);
    unchecked(runs[at + 2] = decodedLen); unchecked(runs[at + 3] = rawLen);
    this.runCount = n + 1;
  }

  /** Decoded offset one past the last byte held. */
  get end(): i64 { return this.start + <i64>this.length; }

  append(ptr: usize, len: i32, rawOffset: i64, rawLen: i32, keepFrom: i64): void {
    if (len <= 0) return;
    const room = this.bytes.length;
    if (len >= room) {
      // The run alone fills the window: keep its tail, drop everything before it.
      const skip = len - room;
      const decodedStart = this.end + <i64>skip;
      memory.copy(this.bytes.dataStart, ptr + <usize>skip, <usize>room);
      this.start = decodedStart;
      this.length = room;
      this.runCount = 0;
      // a run this long is plain text (escape runs are a few bytes), so raw offsets advance with it
      const raw = len == rawLen ? rawOffset + <i64>skip : rawOffset;
      this.addRun(decodedStart, raw, <i64>room, <i64>(rawLen - (len - room)));
      return;
    }
    if (this.length + len > room) this.compact(keepFrom, len);
    const decodedStart = this.end;
    memory.copy(this.bytes.dataStart + <usize>this.length, ptr, <usize>len);
    this.length += len;
    this.addRun(decodedStart, rawOffset, <i64>len, <i64>rawLen);
  }

  /**
   * Drops bytes before `keepFrom` (and more if needed to fit `incoming`, which is smaller than
   * the buffer), keeping the last `capacity` bytes at least. Afterwards `incoming` bytes fit.
   */
  private compact(keepFrom: i64, incoming: i32): void {
    let from = min<i64>(keepFrom, this.end - <i64>this.capacity);
    const needFree = <i64>(this.length + incoming - this.bytes.length);
    if (from - this.start < needFree) from = this.start + needFree;
    if (from <= this.start) return;
    if (from > this.end) from = this.end;
    const drop = <i32>(from - this.start);
    memory.copy(this.bytes.dataStart, this.bytes.dataStart + <usize>drop, <usize>(this.length - drop));
    this.length -= drop;
    this.start = from;
    // forget runs that end before the new start
    const runs = this.runs;
    const used = this.runCount << 2;
    let firstKept = 0;
    while (firstKept < used && unchecked(runs[firstKept]) + unchecked(runs[firstKept + 2]) <= from) firstKept += 4;
    if (firstKept > 0) {
      for (let i = firstKept; i < used; i++) unchecked(runs[i - firstKept] = runs[i]);
      this.runCount -= firstKept >> 2;
    }
  }

  /** Whether [from, to) is held. */
  holds(from: i64, to: i64): bool { return from >= this.start && to <= this.end; }

  /** Pointer to decoded offset `at` (must be held). */
  ptrAt(at: i64): usize { return this.base + <usize>(at - this.start); }

  /** Raw offset of decoded offset `at`; `asEnd` maps the end of an escape to its raw end. */
  rawOffset(at: i64, asEnd: bool): i64 {
    const runs = this.runs;
    const used = this.runCount << 2;
    for (let i = 0; i < used; i += 4) {
      const d = unchecked(runs[i]), r = unchecked(runs[i + 1]), dl = unchecked(runs[i + 2]), rl = unchecked(runs[i + 3]);
      if (at < d + dl || (asEnd && at == d + dl)) {
        if (dl == rl) return r + (at - d);
        return asEnd && at > d ? r + rl : r;
      }
    }
    if (used == 0) return at;
    const last = used - 4;
    return unchecked(runs[last + 1]) + unchecked(runs[last + 3]);
  }
}
