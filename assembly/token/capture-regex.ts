// Capture-reporting regex search for token extraction (spec §4.4 `regex` step: "group 1 if it
// exists and participated, else the whole match"). The engine in assembly/regex reports match spans
// only; this file reuses its parser (and its look / UTF-8 / class helpers) read-only and runs its own
// small backtracking program over one short string.
//
// Two modes, chosen per pattern:
// - tier 1 (no lookaround, backreference or atomic group): a bounded backtracker with a visited set
//   of (instruction, position) pairs, as regex-automata's BoundedBacktracker. Each pair runs at most
//   once, so a search costs O(program × input) time and program × (input + 1) bits of memory; the
//   visited set is kept across start positions, since a pair that failed fails for any start.
//   When the visited set for the whole input would exceed MEMO_BITS, the engine's PikeVM (O(input ×
//   NFA) time, O(NFA) memory) first finds the leftmost-first match span [s, e); the backtracker then
//   runs from s only, over positions s..e (a path past e cannot be the one that wins), and only if
//   that set is still too large does it use the budgeted mode below.
// - tier 2 (and the fallback): plain backtracking with an `stepBudget` bound on instructions
//   executed; running out means "no match" (the token step fails), never a trap or a stall.
// Leftmost-first priority in both; matches start on character boundaries; invalid UTF-8 acts as
// U+FFFD per maximal subpart (same decoding as the engine).
//
// Program: parallel arrays op[pc], a[pc], b[pc], c[pc]. Cls a = class index; Split a = preferred,
// b = other; Jmp a; Save a = slot; Look a = Look kind; LookAround a = body, b = 1 when negated,
// c = continuation; Atomic a = body, c = continuation; Backref a = group, b = 1 if case-insensitive;
// Enter/Progress a = loop slot (empty-iteration guard, only consulted without the visited set).
import { parse } from "../regex/parser";
import { Hir, HirKind } from "../regex/hir";
import { contains, caseFold } from "../regex/ranges";
import { decodeAt } from "../regex/utf8";
import { lookHolds } from "../regex/look";
import { isBoundary, PikeVM } from "../regex/pikevm";
import { compileNfa } from "../regex/compiler";

const enum Op { Cls, Split, Jmp, Save, Look, LookAhead, LookBehind, Atomic, Backref, Enter, Progress, Match, SubEnd }

/** Largest program accepted (counted repetitions are expanded). */
export const MAX_PROGRAM: i32 = 50000;
/** Largest visited set, in bits (1 MiB). */
export const MEMO_BITS: i64 = 1 << 23;

export class CaptureRegex {
  op: Array<i32> = []; a: Array<i32> = []; b: Array<i32> = []; c: Array<i32> = [];
  classes: Array<Array<u32>> = [];
  byteClass: Array<bool> = [];
  /** Capture groups in the pattern (group 0, the whole match, not counted). */
  groups: i32 = 0;
  tier2: bool = false;
  loopSlots: i32 = 0;
  /** "" when compiled; else why not. */
  error: string = "";
  stepBudget: i64 = 200000;
  /** Set by the last search when it ran out of steps. */
  exhausted: bool = false;

  private slots: Int32Array = new Int32Array(0);
  private stack: Array<i32> = []; // triples: kind (0 branch / 1 restore), x, y
  private visited: Uint32Array | null = null;
  private width: i32 = 0; // positions covered by the visited set: row stride
  private origin: i32 = 0; // first position covered by the visited set
  private limit: i32 = 0; // no path goes past this position
  private hir: Hir | null = null;
  private vm: PikeVM | null = null;
  private vmFailed: bool = false;
  private steps: i64 = 0;

  static compile(source: string): CaptureRegex {
    const r = new CaptureRegex();
    const pr = parse(source);
    if (pr.error !== null) { r.error = pr.error!.toString(); return r; }
    const h = pr.hir!;
    r.groups = pr.captures;
    r.tier2 = h.needsTier2();
    r.hir = h;
    r.emit(Op.Save, 0, 0);
    r.gen(h);
    r.emit(Op.Save, 1, 0);
    r.emit(Op.Match, 0, 0);
    if (r.op.length > MAX_PROGRAM) { r.error = "pattern too large for token extraction (" + r.op.length.toString() + " instructions)"; r.op.length = 0; }
    return r;
  }

  get ok(): bool { return this.error.length == 0; }

  /**
   * Leftmost-first unanchored search in `text`: group 1 if the pattern has one and it participated,
   * else the whole match; null when nothing matches (or the step budget ran out).
   */
  search(text: string): string | null {
    if (!this.ok) return null;
    const buf = String.UTF8.encode(text);
    const ptr = changetype<usize>(buf);
    const end = buf.byteLength;
    if (!this.find(ptr, end)) return null;
    let s = this.slots[0], e = this.slots[1];
    if (this.groups >= 1 && this.slots[2] >= 0 && this.slots[3] >= 0) { s = this.slots[2]; e = this.slots[3]; }
    return String.UTF8.decodeUnsafe(ptr + <usize>s, <usize>(e - s));
  }

  private find(ptr: usize, end: i32): bool {
    this.exhausted = false;
    this.steps = 0;
    this.slots = new Int32Array((this.groups + 1) * 2 + this.loopSlots);
    this.visited = null;
    this.origin = 0;
    this.limit = end;
    if (!this.tier2) {
      if (this.useMemo(0, end)) return this.searchFrom(0, ptr, end);
      const vm = this.pikeVm();
      if (vm === null || !vm.find(ptr, 0, end, 0)) return false;
      this.limit = vm.matchEnd;
      this.useMemo(vm.matchStart, vm.matchEnd);
      return this.attempt(vm.matchStart, ptr, end);
    }
    return this.searchFrom(0, ptr, end);
  }

  // Allocates the visited set for positions [from, to] if it fits in MEMO_BITS.
  private useMemo(from: i32, to: i32): bool {
    this.width = to - from + 1;
    this.origin = from;
    const bits = <i64>this.op.length * <i64>this.width;
    this.visited = bits <= MEMO_BITS ? new Uint32Array(<i32>((bits + 31) >> 5)) : null;
    return this.visited !== null;
  }

  private pikeVm(): PikeVM | null {
    if (this.vm === null && !this.vmFailed) {
      const c = compileNfa(this.hir!, false);
      if (c.nfa === null) this.vmFailed = true;
      else this.vm = new PikeVM(c.nfa!);
    }
    return this.vm;
  }

  // Tries every start position from `from`, leftmost first.
  private searchFrom(from: i32, ptr: usize, end: i32): bool {
    for (let s = from; s <= end; ) {
      if (this.attempt(s, ptr, end)) return true;
      if (this.exhausted || s >= end) break;
      s += <i32>(decodeAt(ptr, s, end) >> 21);
    }
    return false;
  }

  private attempt(s: i32, ptr: usize, end: i32): bool {
    this.slots.fill(-1);
    this.stack.length = 0;
    const e = this.run(0, s, ptr, end, -1);
    return !this.exhausted && e >= 0;
  }

  private emit(op: Op, a: i32, b: i32, c: i32 = 0): i32 {
    this.op.push(<i32>op); this.a.push(a); this.b.push(b); this.c.push(c);
    return this.op.length - 1;
  }

  private gen(h: Hir): void {
    if (this.op.length > MAX_PROGRAM) return; // compile() reports it; stop expanding
    switch (h.kind) {
      case HirKind.Empty: return;
      case HirKind.Class: this.classes.push(h.ranges); this.byteClass.push(h.bytes); this.emit(Op.Cls, this.classes.length - 1, 0); return;
      case HirKind.Look: this.emit(Op.Look, <i32>h.look, 0); return;
      case HirKind.Concat: for (let i = 0; i < h.subs.length; i++) this.gen(h.subs[i]); return;
      case HirKind.Capture:
        this.emit(Op.Save, h.index * 2, 0);
        this.gen(h.subs[0]);
        this.emit(Op.Save, h.index * 2 + 1, 0);
        return;
      case HirKind.Alt: {
        const jumps = new Array<i32>();
        for (let i = 0; i < h.subs.length; i++) {
          if (i == h.subs.length - 1) { this.gen(h.subs[i]); break; }
          const split = this.emit(Op.Split, this.op.length + 1, 0);
          this.gen(h.subs[i]);
          jumps.push(this.emit(Op.Jmp, 0, 0));
          this.b[split] = this.op.length;
        }
        for (let i = 0; i < jumps.length; i++) this.a[jumps[i]] = this.op.length;
        return;
      }
      case HirKind.Repeat: {
        const sub = h.subs[0];
        for (let k = 0; k < h.min; k++) this.gen(sub);
        if (h.max < 0) {
          const slot = this.loopSlots++;
          const top = this.emit(Op.Split, 0, 0);
          const enter = this.emit(Op.Enter, slot, 0);
          this.gen(sub);
          this.emit(Op.Progress, slot, 0);
          this.emit(Op.Jmp, top, 0);
          const out = this.op.length;
          if (h.greedy) { this.a[top] = enter; this.b[top] = out; } else { this.a[top] = out; this.b[top] = enter; }
        } else {
          const splits = new Array<i32>();
          for (let k = h.min; k < h.max && this.op.length <= MAX_PROGRAM; k++) {
            const sp = this.emit(Op.Split, 0, 0);
            splits.push(sp);
            if (h.greedy) this.a[sp] = this.op.length; else this.b[sp] = this.op.length;
            this.gen(sub);
          }
          const out = this.op.length;
          for (let i = 0; i < splits.length; i++) { if (h.greedy) this.b[splits[i]] = out; else this.a[splits[i]] = out; }
        }
        return;
      }
      case HirKind.LookAround: {
        const at = this.emit(h.ahead ? Op.LookAhead : Op.LookBehind, 0, h.negate ? 1 : 0);
        this.a[at] = at + 1;
        this.gen(h.subs[0]);
        this.emit(Op.SubEnd, 0, 0);
        this.c[at] = this.op.length;
        return;
      }
      case HirKind.Atomic: {
        const at = this.emit(Op.Atomic, 0, 0);
        this.a[at] = at + 1;
        this.gen(h.subs[0]);
        this.emit(Op.SubEnd, 0, 0);
        this.c[at] = this.op.length;
        return;
      }
      case HirKind.Backref: this.emit(Op.Backref, h.index, h.caseInsensitive ? 1 : 0); return;
    }
  }

  // Runs from pc at pos until Match (returns the end) or SubEnd (returns pos; with mustEnd >= 0
  // only when pos == mustEnd); -1 on failure. Uses the shared stack above its base.
  private run(pc0: i32, pos0: i32, ptr: usize, end: i32, mustEnd: i32): i32 {
    const base = this.stack.length;
    const visited = this.visited;
    let pc = pc0, pos = pos0;
    while (true) {
      let ok = true;
      if (pos > this.limit) ok = false;
      else if (visited !== null) {
        const bit = pc * this.width + pos - this.origin;
        const w = bit >>> 5, m: u32 = 1 << (bit & 31);
        if (visited[w] & m) ok = false;
        else visited[w] |= m;
      } else if (++this.steps > this.stepBudget) {
        this.exhausted = true;
        this.stack.length = base;
        return -1;
      }
      if (ok) switch (this.op[pc]) {
        case Op.Cls: {
          if (pos >= end) { ok = false; break; }
          const ci = this.a[pc];
          const r = this.classes[ci];
          if (this.byteClass[ci]) {
            ok = contains(r, <u32>load<u8>(ptr + <usize>pos));
            pos++;
          } else {
            const d = decodeAt(ptr, pos, end);
            ok = contains(r, d & 0x1fffff);
            pos += <i32>(d >> 21);
          }
          pc++;
          break;
        }
        case Op.Split: this.stack.push(0); this.stack.push(this.b[pc]); this.stack.push(pos); pc = this.a[pc]; break;
        case Op.Jmp: pc = this.a[pc]; break;
        case Op.Save: {
          const slot = this.a[pc];
          this.stack.push(1); this.stack.push(slot); this.stack.push(this.slots[slot]);
          this.slots[slot] = pos;
          pc++;
          break;
        }
        case Op.Enter: {
          if (visited === null) {
            const slot = (this.groups + 1) * 2 + this.a[pc];
            this.stack.push(1); this.stack.push(slot); this.stack.push(this.slots[slot]);
            this.slots[slot] = pos;
          }
          pc++;
          break;
        }
        // With the visited set an empty iteration dies on its own (the loop top is revisited at
        // the same position), and slot state would make the set unsound: no check then.
        case Op.Progress: ok = visited !== null || this.slots[(this.groups + 1) * 2 + this.a[pc]] != pos; pc++; break;
        case Op.Look: ok = lookHolds(this.a[pc], 0, ptr, 0, end, pos); pc++; break;
        case Op.LookAhead: case Op.LookBehind: {
          let found = false;
          if (this.op[pc] == Op.LookAhead) found = this.run(this.a[pc], pos, ptr, end, -1) >= 0;
          else for (let k = pos; k >= 0 && !found && !this.exhausted; k--) {
            if (isBoundary(ptr, 0, end, k)) found = this.run(this.a[pc], k, ptr, end, pos) >= 0;
          }
          if (this.exhausted) { this.stack.length = base; return -1; }
          ok = found != (this.b[pc] == 1);
          pc = this.c[pc];
          break;
        }
        case Op.Atomic: {
          const e = this.run(this.a[pc], pos, ptr, end, -1);
          if (this.exhausted) { this.stack.length = base; return -1; }
          ok = e >= 0;
          pos = e;
          pc = this.c[pc];
          break;
        }
        case Op.Backref: {
          const g = this.a[pc];
          const s = g * 2 + 1 < this.slots.length ? this.slots[g * 2] : -1;
          const e = g * 2 + 1 < this.slots.length ? this.slots[g * 2 + 1] : -1;
          if (s < 0 || e < 0) { pc++; break; } // an unset group matches empty, as in the engine
          let p = pos, q = s;
          while (q < e) {
            if (p >= end) { ok = false; break; }
            const d1 = decodeAt(ptr, q, e), d2 = decodeAt(ptr, p, end);
            const c1 = d1 & 0x1fffff, c2 = d2 & 0x1fffff;
            if (c1 != c2 && !(this.b[pc] == 1 && contains(caseFold([c1, c1]), c2))) { ok = false; break; }
            q += <i32>(d1 >> 21); p += <i32>(d2 >> 21);
          }
          pos = p;
          pc++;
          break;
        }
        case Op.Match: this.stack.length = base; return pos;
        case Op.SubEnd:
          if (mustEnd < 0 || pos == mustEnd) { this.stack.length = base; return pos; }
          ok = false;
          break;
      }
      if (ok) continue;
      // backtrack: undo captures down to the most recent branch
      while (true) {
        if (this.stack.length <= base) return -1;
        const y = this.stack.pop(), x = this.stack.pop(), kind = this.stack.pop();
        if (kind == 1) { this.slots[x] = y; continue; }
        pc = x; pos = y;
        break;
      }
    }
  }
}
