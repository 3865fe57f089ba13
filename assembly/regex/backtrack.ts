// Tier 2: a bounded backtracker for what automata cannot do — lookaround, backreferences and atomic
// groups (policy-spec §7.1). Runs over the retained bytes of one context, only when the pattern's
// tier-1 core (same pattern with those constructs relaxed, a superset) matched somewhere in it.
// Every instruction executed costs one step; when the per-(rule, context) budget is spent the search
// stops and `exhausted` is set: a counted outcome, never a trap or a stall.
// Program: op[pc], a[pc], b[pc]; classes are code point (or byte) ranges checked by binary search.
import { Hir, HirKind } from "./hir";
import { contains, caseFold } from "./ranges";
import { decodeAt } from "./utf8";
import { lookHolds } from "./look";
import { isBoundary } from "./pikevm";

const enum Op { Cls, Split, Jmp, Save, Look, LookAhead, LookBehind, Atomic, Backref, Enter, Progress, Match, SubEnd }

export class Backtracker {
  op: Array<i32> = []; a: Array<i32> = []; b: Array<i32> = []; c: Array<i32> = [];
  classes: Array<Array<u32>> = [];
  byteClass: Array<bool> = [];
  slotCount: i32;
  loopSlots: i32 = 0;
  private slots: Int32Array = new Int32Array(0);
  private stack: Array<i32> = []; // triples: kind (0 branch / 1 restore), x, y
  steps: i64 = 0;
  budget: i64 = 0;
  exhausted: bool = false;
  matchStart: i32 = 0;
  matchEnd: i32 = 0;

  constructor(h: Hir, captures: i32) {
    this.slotCount = (captures + 1) * 2;
    this.emit(Op.Save, 0, 0);
    this.compile(h);
    this.emit(Op.Save, 1, 0);
    this.emit(Op.Match, 0, 0);
    this.slots = new Int32Array(this.slotCount + this.loopSlots);
  }

  private emit(op: Op, a: i32, b: i32, c: i32 = 0): i32 {
    this.op.push(<i32>op); this.a.push(a); this.b.push(b); this.c.push(c);
    return this.op.length - 1;
  }
  private get pc(): i32 { return this.op.length; }

  private compile(h: Hir): void {
    switch (h.kind) {
      case HirKind.Empty: return;
      case HirKind.Class: this.classes.push(h.ranges); this.byteClass.push(h.bytes); this.emit(Op.Cls, this.classes.length - 1, 0); return;
      case HirKind.Look: this.emit(Op.Look, <i32>h.look, 0); return;
      case HirKind.Concat: for (let i = 0; i < h.subs.length; i++) this.compile(h.subs[i]); return;
      case HirKind.Capture:
        this.emit(Op.Save, h.index * 2, 0);
        this.compile(h.subs[0]);
        this.emit(Op.Save, h.index * 2 + 1, 0);
        return;
      case HirKind.Alt: {
        const jumps = new Array<i32>();
        for (let i = 0; i < h.subs.length; i++) {
          if (i < h.subs.length - 1) {
            const split = this.emit(Op.Split, 0, 0);
            this.a[split] = this.pc;
            this.compile(h.subs[i]);
            jumps.push(this.emit(Op.Jmp, 0, 0));
            this.b[split] = this.pc;
          } else this.compile(h.subs[i]);
        }
        for (let i = 0; i < jumps.length; i++) this.a[jumps[i]] = this.pc;
        return;
      }
      case HirKind.Repeat: {
        const sub = h.subs[0];
        for (let k = 0; k < h.min; k++) this.compile(sub);
        if (h.max < 0) {
          const slot = this.loopSlots++;
          const top = this.emit(Op.Split, 0, 0);
          const enter = this.emit(Op.Enter, slot, 0);
          this.compile(sub);
          this.emit(Op.Progress, slot, 0);
          this.emit(Op.Jmp, top, 0);
          const out = this.pc;
          if (h.greedy) { this.a[top] = enter; this.b[top] = out; } else { this.a[top] = out; this.b[top] = enter; }
        } else {
          const splits = new Array<i32>();
          for (let k = h.min; k < h.max; k++) {
            const sp = this.emit(Op.Split, 0, 0);
            splits.push(sp);
            const body = this.pc;
            this.compile(sub);
            if (h.greedy) this.a[sp] = body; else this.b[sp] = body;
          }
          const out = this.pc;
          for (let i = 0; i < splits.length; i++) { if (h.greedy) this.b[splits[i]] = out; else this.a[splits[i]] = out; }
        }
        return;
      }
      case HirKind.LookAround: {
        const at = this.emit(h.ahead ? Op.LookAhead : Op.LookBehind, 0, h.negate ? 1 : 0);
        this.a[at] = this.pc + 0; // body follows; a = body start, c = continuation
        this.compile(h.subs[0]);
        this.emit(Op.SubEnd, 0, 0);
        this.c[at] = this.pc;
        this.a[at] = at + 1;
        return;
      }
      case HirKind.Atomic: {
        const at = this.emit(Op.Atomic, 0, 0);
        this.compile(h.subs[0]);
        this.emit(Op.SubEnd, 0, 0);
        this.a[at] = at + 1;
        this.c[at] = this.pc;
        return;
      }
      case HirKind.Backref: this.emit(Op.Backref, h.index, h.caseInsensitive ? 1 : 0); return;
    }
  }

  // Leftmost-first search from `from` in [begin, end) of ptr; true when found (matchStart/End set).
  find(ptr: usize, begin: i32, end: i32, from: i32): bool {
    for (let s = from; s <= end; ) {
      this.slots.fill(-1);
      this.stack.length = 0;
      const e = this.run(0, s, ptr, begin, end, -1);
      if (this.exhausted) return false;
      if (e >= 0) { this.matchStart = this.slots[0]; this.matchEnd = this.slots[1]; return true; }
      if (s >= end) break;
      s += <i32>(decodeAt(ptr, s, end) >> 21);
    }
    return false;
  }

  // Runs from pc at pos until Match (returns end) or SubEnd (returns pos; with mustEnd >= 0 only
  // when pos == mustEnd); -1 on failure. Uses the shared stack above its base.
  private run(pc0: i32, pos0: i32, ptr: usize, begin: i32, end: i32, mustEnd: i32): i32 {
    const base = this.stack.length;
    let pc = pc0, pos = pos0;
    while (true) {
      if (++this.steps > this.budget) { this.exhausted = true; this.stack.length = base; return -1; }
      let ok = true;
      switch (this.op[pc]) {
        case Op.Cls: {
          if (pos >= end) { ok = false; break; }
          const r = this.classes[this.a[pc]];
          if (this.byteClass[this.a[pc]]) {
            ok = contains(r, <u32>load<u8>(ptr + pos));
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
        case Op.Save: case Op.Enter: {
          const slot = this.op[pc] == Op.Save ? this.a[pc] : this.slotCount + this.a[pc];
          this.stack.push(1); this.stack.push(slot); this.stack.push(this.slots[slot]);
          this.slots[slot] = pos;
          pc++;
          break;
        }
        case Op.Progress: ok = this.slots[this.slotCount + this.a[pc]] != pos; pc++; break;
        case Op.Look: ok = lookHolds(this.a[pc], 0, ptr, begin, end, pos); pc++; break;
        case Op.LookAhead: case Op.LookBehind: {
          let found = false;
          if (this.op[pc] == Op.LookAhead) found = this.run(this.a[pc], pos, ptr, begin, end, -1) >= 0;
          else for (let k = pos; k >= begin && !found && !this.exhausted; k--) {
            if (isBoundary(ptr, begin, end, k)) found = this.run(this.a[pc], k, ptr, begin, end, pos) >= 0;
          }
          if (this.exhausted) { this.stack.length = base; return -1; }
          ok = found != (this.b[pc] == 1);
          pc = this.c[pc];
          break;
        }
        case Op.Atomic: {
          const e = this.run(this.a[pc], pos, ptr, begin, end, -1);
          if (this.exhausted) { this.stack.length = base; return -1; }
          ok = e >= 0;
          pos = e;
          pc = this.c[pc];
          break;
        }
        case Op.Backref: {
          const g = this.a[pc];
          const s = this.slots[g * 2], e = this.slots[g * 2 + 1];
          if (s < 0 || e < 0) { pc++; break; } // an unset group matches empty (JS semantics)
          let p = pos, q = s;
          while (q < e && ok) {
            if (p >= end) { ok = false; break; }
            const d1 = decodeAt(ptr, q, e), d2 = decodeAt(ptr, p, end);
            const c1 = d1 & 0x1fffff, c2 = d2 & 0x1fffff;
            if (c1 != c2 && !(this.b[pc] == 1 && contains(caseFold([c1, c1]), c2))) ok = false;
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
      // backtrack
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


// The tier-1 core of a tier-2 pattern: a superset of its matches (lookarounds dropped, atomic groups
// made ordinary, a backreference replaced by the pattern of its group). Used as the prefilter.
export function relax(h: Hir, groups: Array<Hir | null>, depth: i32 = 0, dropLooks: bool = false): Hir {
  if (depth > 16) return Hir.repeat(Hir.cls([0, 0x10ffff], false, h.pos), 0, -1, true, h.pos); // any text: still a superset
  switch (h.kind) {
    case HirKind.LookAround: return new Hir(HirKind.Empty, h.pos);
    case HirKind.Atomic: return relax(h.subs[0], groups, depth + 1, dropLooks);
    case HirKind.Look: if (dropLooks) return new Hir(HirKind.Empty, h.pos); break;
    case HirKind.Backref: {
      const g = h.index < groups.length ? groups[h.index] : null;
      // the repeated text matched the group's pattern, but its assertions held at the group's place,
      // not here: drop them to stay a superset
      return g != null ? relax(changetype<Hir>(g), groups, depth + 1, true) : new Hir(HirKind.Empty, h.pos);
    }
  }
  if (h.subs.length == 0) return h;
  const c = new Hir(h.kind, h.pos);
  c.ranges = h.ranges; c.bytes = h.bytes; c.look = h.look; c.min = h.min; c.max = h.max; c.greedy = h.greedy;
  c.index = h.index; c.name = h.name;
  for (let i = 0; i < h.subs.length; i++) c.subs.push(relax(h.subs[i], groups, depth + 1, dropLooks));
  return c;
}

export function collectGroups(h: Hir, out: Array<Hir | null>): void {
  if (h.kind == HirKind.Capture) {
    while (out.length <= h.index) out.push(null);
    out[h.index] = h.subs[0];
  }
  for (let i = 0; i < h.subs.length; i++) collectGroups(h.subs[i], out);
}
