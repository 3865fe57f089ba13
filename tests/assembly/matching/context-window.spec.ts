import { ContextWindow } from "../../../assembly/matching/context-window";

// The window's decoded-to-raw map (spec §8.1) checked against the plain definition — one
// entry per appended run, never merged — over random runs: plain text, escapes (raw longer
// than decoded), gaps in raw offsets, and runs longer than the window.

class Rng {
  constructor(private state: u32) {}
  next(n: i32): i32 {
    let x = this.state;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    this.state = x;
    return <i32>(x % <u32>n);
  }
}

/** The map as defined: every run kept (the test never drops any), looked up in order. */
class ReferenceRuns {
  runs: Array<i64> = [];
  add(d: i64, r: i64, dl: i64, rl: i64): void { this.runs.push(d); this.runs.push(r); this.runs.push(dl); this.runs.push(rl); }
  rawOffset(at: i64, asEnd: bool): i64 {
    const runs = this.runs;
    for (let i = 0; i < runs.length; i += 4) {
      const d = runs[i], r = runs[i + 1], dl = runs[i + 2], rl = runs[i + 3];
      if (at < d + dl || (asEnd && at == d + dl)) {
        if (dl == rl) return r + (at - d);
        return asEnd && at > d ? r + rl : r;
      }
    }
    if (runs.length == 0) return at;
    return runs[runs.length - 3] + runs[runs.length - 1];
  }
}

describe("ContextWindow", () => {
  it("maps decoded offsets to raw offsets as the run list says, and holds the last bytes", () => {
    const r = new Rng(12345);
    const source = new Uint8Array(4096);
    for (let i = 0; i < source.length; i++) source[i] = <u8>(0x61 + (i % 26));
    let wrongBytes = 0, wrongOffsets = 0, checked = 0;
    for (let round = 0; round < 200; round++) {
      const capacity = 8 + r.next(64);
      const w = new ContextWindow(capacity);
      const ref = new ReferenceRuns();
      const decoded = new Array<u8>();
      let raw: i64 = r.next(50);
      let dropped = false;
      const runs = 1 + r.next(40);
      for (let k = 0; k < runs; k++) {
        const kind = r.next(10);
        let len: i32, rawLen: i32;
        if (kind < 6) { len = 1 + r.next(12); rawLen = len; }            // plain
        else if (kind < 9) { len = 1 + r.next(3); rawLen = 2 + r.next(11); } // an escape
        else { len = capacity * 2 + r.next(40); rawLen = len; }          // longer than the window
        if (r.next(4) == 0) raw += <i64>(1 + r.next(3));                  // a quote or separator between runs
        const at = r.next(source.length - len);
        const keepFrom = w.end - <i64>r.next(capacity * 2);
        if (len >= w.bytes.length || w.length + len > w.bytes.length) dropped = true;
        ref.add(<i64>decoded.length, raw, <i64>len, <i64>rawLen);
        w.append(source.dataStart + <usize>at, len, raw, rawLen, keepFrom);
        for (let i = 0; i < len; i++) decoded.push(source[at + i]);
        raw += <i64>rawLen;
        if (w.end != <i64>decoded.length) wrongBytes++;
        for (let i = w.start; i < w.end; i++) if (load<u8>(w.ptrAt(i)) != decoded[<i32>i]) wrongBytes++;
        // Every offset held maps as the unmerged list says; once the window dropped bytes, the
        // end of a dropped run (where the window now starts) is no longer known.
        for (let i: i64 = dropped ? w.start : 0; i <= w.end; i++) {
          checked++;
          if (w.rawOffset(i, false) != ref.rawOffset(i, false)) wrongOffsets++;
          if ((!dropped || i > w.start) && w.rawOffset(i, true) != ref.rawOffset(i, true)) wrongOffsets++;
        }
      }
    }
    expect(wrongBytes).toBe(0);
    expect(wrongOffsets).toBe(0);
    expect(checked).toBeGreaterThan(10000);
  });
});
