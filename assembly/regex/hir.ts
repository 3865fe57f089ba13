// High-level IR produced by the parser: flags and escapes are already resolved, classes are sorted
// inclusive range pairs. Every node keeps the byte offset in the source where it began (for errors
// raised by later layers, e.g. "lookbehind not supported at byte 7").

export const enum HirKind { Empty, Class, Look, Repeat, Capture, Concat, Alt, LookAround, Backref, Atomic }

// Look assertions. "Prev"/"next" are relative to the scanning direction; the reverse compiler swaps
// the Start/End kinds. The *Cont kinds are internal: one-byte look-ahead/behind used by the
// invalid-UTF-8-as-U+FFFD encoding (utf8.ts).
export const enum Look {
  StartText, EndText, StartLine, EndLine, StartLineCrlf, EndLineCrlf,
  WordAscii, NotWordAscii, WordUnicode, NotWordUnicode, NextNotCont, PrevNotCont,
}

export class Hir {
  kind: HirKind;
  pos: i32;
  // Class: inclusive [lo, hi] pairs, sorted and merged. Code points unless `bytes`.
  ranges: Array<u32> = [];
  bytes: bool = false;
  look: Look = Look.StartText;
  min: i32 = 0;
  max: i32 = -1; // -1: unbounded
  greedy: bool = true;
  index: i32 = 0; // Capture: group index; Backref: referenced group
  name: string = "";
  ahead: bool = true; // LookAround
  negate: bool = false; // LookAround
  caseInsensitive: bool = false; // Backref
  subs: Array<Hir> = [];

  constructor(kind: HirKind, pos: i32) { this.kind = kind; this.pos = pos; }

  static cls(ranges: Array<u32>, bytes: bool, pos: i32): Hir {
    const h = new Hir(HirKind.Class, pos);
    h.ranges = ranges;
    h.bytes = bytes;
    return h;
  }
  static look(look: Look, pos: i32): Hir { const h = new Hir(HirKind.Look, pos); h.look = look; return h; }
  static repeat(sub: Hir, min: i32, max: i32, greedy: bool, pos: i32): Hir {
    const h = new Hir(HirKind.Repeat, pos);
    h.min = min; h.max = max; h.greedy = greedy; h.subs = [sub];
    return h;
  }
  static group(kind: HirKind, subs: Array<Hir>, pos: i32): Hir { const h = new Hir(kind, pos); h.subs = subs; return h; }

  // True when some node needs the tier-2 backtracker.
  needsTier2(): bool {
    if (this.kind == HirKind.LookAround || this.kind == HirKind.Backref || this.kind == HirKind.Atomic) return true;
    for (let i = 0; i < this.subs.length; i++) if (this.subs[i].needsTier2()) return true;
    return false;
  }

  // Compact debug form, used by the parser's unit tests.
  toString(): string {
    switch (this.kind) {
      case HirKind.Empty: return "()";
      case HirKind.Class: {
        let s = this.bytes ? "B[" : "[";
        for (let i = 0; i < this.ranges.length; i += 2) {
          const lo = this.ranges[i], hi = this.ranges[i + 1];
          s += fmtCp(lo);
          if (hi != lo) s += "-" + fmtCp(hi);
        }
        return s + "]";
      }
      case HirKind.Look: return "look" + (<i32>this.look).toString();
      case HirKind.Repeat: return "rep{" + this.min.toString() + "," + (this.max < 0 ? "" : this.max.toString()) + "}" + (this.greedy ? "" : "?") + "(" + this.subs[0].toString() + ")";
      case HirKind.Capture: return "cap" + this.index.toString() + (this.name.length ? "<" + this.name + ">" : "") + "(" + this.subs[0].toString() + ")";
      case HirKind.Concat: return "cat(" + joinSubs(this.subs) + ")";
      case HirKind.Alt: return "alt(" + joinSubs(this.subs) + ")";
      case HirKind.LookAround: return (this.ahead ? "la" : "lb") + (this.negate ? "!" : "=") + "(" + this.subs[0].toString() + ")";
      case HirKind.Backref: return "ref" + this.index.toString() + (this.caseInsensitive ? "i" : "");
      case HirKind.Atomic: return "atomic(" + this.subs[0].toString() + ")";
    }
    return "?";
  }
}

function joinSubs(subs: Array<Hir>): string {
  let s = "";
  for (let i = 0; i < subs.length; i++) { if (i) s += ","; s += subs[i].toString(); }
  return s;
}

function fmtCp(c: u32): string {
  if (c > 0x20 && c < 0x7f && c != 0x2d && c != 0x5d && c != 0x5b && c != 0x5c) return String.fromCharCode(c);
  return "\\x{" + c.toString(16) + "}";
}
