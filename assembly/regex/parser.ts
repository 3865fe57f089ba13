// Parser for the Rust `regex` crate's syntax (policy-spec §7.1), producing Hir directly: flags,
// escapes, Perl/POSIX/Unicode classes, class set operators and case folding are resolved here.
// Positions are byte offsets into the UTF-8 source. Errors: "reason at byte N".
// Cost: linear in the pattern, except class algebra (O(ranges log ranges)). Limits: repetition
// counts <= MAX_REPEAT, nesting <= MAX_NEST.
import { Hir, HirKind, Look } from "./hir";
import { normalize, negate, union, intersect, difference, symmetricDifference, caseFold, asciiFold, unicodeProperty, MAX_CP } from "./ranges";

export const MAX_REPEAT: i32 = 1000;
export const MAX_NEST: i32 = 250;

export class ParseError {
  constructor(public message: string, public position: i32) {}
  toString(): string { return this.message + " at byte " + this.position.toString(); }
}

class Flags {
  i: bool = false; m: bool = false; s: bool = false; U: bool = false; u: bool = true; x: bool = false; R: bool = false;
  copy(): Flags {
    const f = new Flags();
    f.i = this.i; f.m = this.m; f.s = this.s; f.U = this.U; f.u = this.u; f.x = this.x; f.R = this.R;
    return f;
  }
}

export class ParseResult {
  hir: Hir | null = null;
  error: ParseError | null = null;
  captures: i32 = 0;
}

export function parse(source: string): ParseResult {
  const p = new Parser(Uint8Array.wrap(String.UTF8.encode(source)));
  const r = new ParseResult();
  const hir = p.parseTop();
  if (p.err != null) r.error = p.err;
  else r.hir = hir;
  r.captures = p.captureCount;
  return r;
}

const EMPTY_RANGES: Array<u32> = [];

class Parser {
  pos: i32 = 0;
  err: ParseError | null = null;
  captureCount: i32 = 0;
  depth: i32 = 0;
  names: Array<string> = [];
  nameIndex: Array<i32> = [];
  constructor(public src: Uint8Array) {}

  fail(msg: string, at: i32): Hir {
    if (this.err == null) this.err = new ParseError(msg, at);
    return new Hir(HirKind.Empty, at);
  }
  eof(): bool { return this.pos >= this.src.length; }
  peek(): i32 { return this.pos < this.src.length ? <i32>this.src[this.pos] : -1; }
  peekAt(k: i32): i32 { return this.pos + k < this.src.length ? <i32>this.src[this.pos + k] : -1; }

  // Decodes one UTF-8 char at pos (the source came from a JS string, so it is well formed).
  nextChar(): u32 {
    const b0 = <u32>this.src[this.pos];
    if (b0 < 0x80) { this.pos++; return b0; }
    let n = b0 >= 0xf0 ? 4 : b0 >= 0xe0 ? 3 : 2;
    let cp: u32 = b0 & (n == 4 ? 0x07 : n == 3 ? 0x0f : 0x1f);
    for (let k = 1; k < n; k++) cp = (cp << 6) | (<u32>this.src[this.pos + k] & 0x3f);
    this.pos += n;
    return cp;
  }

  skipSpace(f: Flags): void {
    if (!f.x) return;
    while (!this.eof()) {
      const c = this.peek();
      if (c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d || c == 0x0b || c == 0x0c) this.pos++;
      else if (c == 0x23) { while (!this.eof() && this.peek() != 0x0a) this.pos++; }
      else break;
    }
  }

  parseTop(): Hir {
    const f = new Flags();
    const h = this.parseAlt(f);
    if (this.err == null && !this.eof()) {
      // only a ')' can stop parseAlt early
      return this.fail("unopened group", this.pos);
    }
    return h;
  }

  // alternation := concat ('|' concat)*; stops before ')' or at the end.
  parseAlt(f: Flags): Hir {
    const start = this.pos;
    const branches = new Array<Hir>();
    branches.push(this.parseConcat(f));
    while (this.err == null && this.peek() == 0x7c) {
      this.pos++;
      branches.push(this.parseConcat(f));
    }
    if (branches.length == 1) return branches[0];
    return Hir.group(HirKind.Alt, branches, start);
  }

  parseConcat(f: Flags): Hir {
    const start = this.pos;
    const items = new Array<Hir>();
    while (this.err == null) {
      this.skipSpace(f);
      if (this.eof()) break;
      const c = this.peek();
      if (c == 0x7c || c == 0x29) break;
      const atomPos = this.pos;
      let atom: Hir | null = null;
      if (c == 0x28) {
        atom = this.parseGroup(f);
        if (atom == null) continue; // a bare flag group `(?i)` changes f and yields nothing
      } else if (c == 0x5b) {
        atom = this.parseClass(f);
      } else if (c == 0x2e) {
        this.pos++;
        atom = this.dot(f, atomPos);
      } else if (c == 0x5e) {
        this.pos++;
        atom = Hir.look(f.m ? (f.R ? Look.StartLineCrlf : Look.StartLine) : Look.StartText, atomPos);
      } else if (c == 0x24) {
        this.pos++;
        atom = Hir.look(f.m ? (f.R ? Look.EndLineCrlf : Look.EndLine) : Look.EndText, atomPos);
      } else if (c == 0x5c) {
        atom = this.parseEscape(f);
      } else if (c == 0x2a || c == 0x2b || c == 0x3f) {
        return this.fail("repetition operator missing expression", atomPos);
      } else if (c == 0x7b && this.looksLikeCounted()) {
        return this.fail("repetition operator missing expression", atomPos);
      } else {
        const cp = this.nextChar();
        atom = this.literal(cp, f, atomPos);
      }
      if (this.err != null) break;
      items.push(this.parseRepeats(changetype<Hir>(atom), f));
    }
    if (items.length == 1) return items[0];
    if (items.length == 0) return new Hir(HirKind.Empty, start);
    return Hir.group(HirKind.Concat, items, start);
  }

  looksLikeCounted(): bool {
    let k = 1;
    const d = this.peekAt(k);
    return d >= 0x30 && d <= 0x39;
  }

  parseRepeats(atom: Hir, f: Flags): Hir {
    let h = atom;
    while (this.err == null) {
      this.skipSpace(f);
      const opPos = this.pos;
      const c = this.peek();
      let min = 0, max = -1;
      if (c == 0x2a) { this.pos++; }
      else if (c == 0x2b) { this.pos++; min = 1; }
      else if (c == 0x3f) { this.pos++; max = 1; }
      else if (c == 0x7b) {
        this.pos++;
        this.skipSpace(f);
        const lo = this.parseDecimal(f);
        if (lo < 0) return this.fail("repetition quantifier expects a valid decimal", this.pos);
        min = lo; max = lo;
        this.skipSpace(f);
        if (this.peek() == 0x2c) {
          this.pos++;
          this.skipSpace(f);
          if (this.peek() == 0x7d) max = -1;
          else {
            const hi = this.parseDecimal(f);
            if (hi < 0) return this.fail("repetition quantifier expects a valid decimal", this.pos);
            max = hi;
          }
          this.skipSpace(f);
        }
        if (this.peek() != 0x7d) return this.fail(this.eof() ? "unclosed counted repetition" : "repetition quantifier expects a valid decimal", this.eof() ? opPos : this.pos);
        this.pos++;
        if (max >= 0 && min > max) return this.fail("invalid repetition range {" + min.toString() + "," + max.toString() + "}", opPos);
        if (min > MAX_REPEAT || max > MAX_REPEAT) return this.fail("repetition count exceeds " + MAX_REPEAT.toString(), opPos);
      } else break;
      let greedy = true;
      if (this.peek() == 0x3f) { this.pos++; greedy = false; }
      if (f.U) greedy = !greedy;
      h = Hir.repeat(h, min, max, greedy, atom.pos);
    }
    return h;
  }

  parseDecimal(f: Flags): i32 {
    let n: i64 = 0, digits = 0;
    while (true) {
      const c = this.peek();
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
      if (n > 1000000) n = 1000000;
      digits++;
      this.pos++;
    }
    return digits == 0 ? -1 : <i32>n;
  }

  dot(f: Flags, pos: i32): Hir {
    if (f.u) {
      if (f.s) return Hir.cls([0, MAX_CP], false, pos);
      return Hir.cls(f.R ? negate([0x0a, 0x0a, 0x0d, 0x0d], MAX_CP) : negate([0x0a, 0x0a], MAX_CP), false, pos);
    }
    if (f.s) return Hir.cls([0, 0xff], true, pos);
    return Hir.cls(f.R ? negate([0x0a, 0x0a, 0x0d, 0x0d], 0xff) : negate([0x0a, 0x0a], 0xff), true, pos);
  }

  literal(cp: u32, f: Flags, pos: i32): Hir {
    let r: Array<u32> = [cp, cp];
    if (f.i) r = f.u ? caseFold(r) : (cp < 0x80 ? asciiFold(r) : r);
    return Hir.cls(r, !f.u && cp < 0x80, pos);
  }

  // '(' already at pos.
  parseGroup(f: Flags): Hir | null {
    const start = this.pos;
    this.pos++;
    if (++this.depth > MAX_NEST) return this.fail("nesting too deep", start);
    let kind = HirKind.Capture;
    let name = "";
    let ahead = true, neg = false;
    let inner = f;
    if (this.peek() == 0x3f) {
      this.pos++;
      const c = this.peek();
      if (c == 0x50 && this.peekAt(1) == 0x3c) { this.pos += 2; name = this.parseName(start); }
      else if (c == 0x3c && this.peekAt(1) != 0x3d && this.peekAt(1) != 0x21) { this.pos++; name = this.parseName(start); }
      else if (c == 0x3d || c == 0x21) { this.pos++; kind = HirKind.LookAround; ahead = true; neg = c == 0x21; }
      else if (c == 0x3c && (this.peekAt(1) == 0x3d || this.peekAt(1) == 0x21)) { neg = this.peekAt(1) == 0x21; this.pos += 2; kind = HirKind.LookAround; ahead = false; }
      else if (c == 0x3e) { this.pos++; kind = HirKind.Atomic; }
      else {
        // flags: (?flags) or (?flags:...)
        const nf = f.copy();
        const ended = this.parseFlags(nf, start);
        if (this.err != null) return null;
        if (ended == 0x29) {
          // (?flags) applies to the rest of the enclosing group
          f.i = nf.i; f.m = nf.m; f.s = nf.s; f.U = nf.U; f.u = nf.u; f.x = nf.x; f.R = nf.R;
          this.depth--;
          return null;
        }
        kind = HirKind.Concat; // non-capturing
        inner = nf;
      }
      if (this.err != null) return null;
    }
    if (kind == HirKind.Capture || kind == HirKind.LookAround || kind == HirKind.Atomic) inner = f.copy();
    let index = 0;
    if (kind == HirKind.Capture) { index = ++this.captureCount; if (name.length) { this.names.push(name); this.nameIndex.push(index); } }
    const body = this.parseAlt(inner);
    if (this.err != null) return null;
    if (this.peek() != 0x29) { this.fail("unclosed group", start); return null; }
    this.pos++;
    this.depth--;
    if (kind == HirKind.Concat) return body;
    const h = Hir.group(kind, [body], start);
    h.index = index; h.name = name; h.ahead = ahead; h.negate = neg;
    return h;
  }

  parseName(groupStart: i32): string {
    const start = this.pos;
    while (!this.eof() && this.peek() != 0x3e) {
      const c = this.peek();
      const ok = (c >= 0x30 && c <= 0x39 && this.pos > start) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f || c == 0x2e || c == 0x5b || c == 0x5d;
      if (!ok) { this.fail("invalid capture group character", this.pos); return ""; }
      this.pos++;
    }
    if (this.eof()) { this.fail("unclosed capture group name", start); return ""; }
    if (this.pos == start) { this.fail("empty capture group name", start); return ""; }
    const name = String.UTF8.decode(this.src.slice(start, this.pos).buffer);
    for (let i = 0; i < this.names.length; i++) if (this.names[i] == name) { this.fail("duplicate capture group name", start); return ""; }
    this.pos++;
    return name;
  }

  // After "(?": reads flags up to ':' or ')'; returns that char.
  parseFlags(f: Flags, groupStart: i32): i32 {
    let negated = false, negPos = -1, any = false, anyAfterNeg = false;
    let seen: u32 = 0;
    while (true) {
      if (this.eof()) { this.fail("unclosed group", groupStart); return 0; }
      const c = this.peek();
      const at = this.pos;
      if (c == 0x29 || c == 0x3a) {
        if (negated && !anyAfterNeg) { this.fail("dangling flag negation", negPos); return 0; }
        if (!any && !negated && c == 0x29) { this.fail("empty flag group", groupStart); return 0; }
        this.pos++;
        return c;
      }
      this.pos++;
      if (c == 0x2d) {
        if (negated) { this.fail("repeated flag negation", at); return 0; }
        negated = true; negPos = at; continue;
      }
      const v = !negated;
      let bit: u32 = 0;
      if (c == 0x69) { f.i = v; bit = 1; }
      else if (c == 0x6d) { f.m = v; bit = 2; }
      else if (c == 0x73) { f.s = v; bit = 4; }
      else if (c == 0x55) { f.U = v; bit = 8; }
      else if (c == 0x75) { f.u = v; bit = 16; }
      else if (c == 0x78) { f.x = v; bit = 32; }
      else if (c == 0x52) { f.R = v; bit = 64; }
      else { this.fail("unrecognized flag", at); return 0; }
      if (seen & bit) { this.fail("duplicate flag", at); return 0; }
      seen |= bit;
      any = true;
      if (negated) anyAfterNeg = true;
    }
  }

  // '\' at pos, outside a class.
  parseEscape(f: Flags): Hir {
    const start = this.pos;
    this.pos++;
    if (this.eof()) return this.fail("incomplete escape sequence", start);
    const c = this.peek();
    switch (c) {
      case 0x41: this.pos++; return Hir.look(Look.StartText, start); // \A
      case 0x7a: this.pos++; return Hir.look(Look.EndText, start); // \z
      case 0x62: // \b
        this.pos++;
        if (this.peek() == 0x7b) return this.fail("word boundary assertions \\b{...} are not supported", start);
        return Hir.look(f.u ? Look.WordUnicode : Look.WordAscii, start);
      case 0x42: this.pos++; return Hir.look(f.u ? Look.NotWordUnicode : Look.NotWordAscii, start);
      case 0x6b: { // \k<name>
        this.pos++;
        if (this.peek() != 0x3c) return this.fail("expected '<' after \\k", this.pos);
        this.pos++;
        const ns = this.pos;
        while (!this.eof() && this.peek() != 0x3e) this.pos++;
        if (this.eof()) return this.fail("unclosed backreference name", ns);
        const name = String.UTF8.decode(this.src.slice(ns, this.pos).buffer);
        this.pos++;
        for (let i = 0; i < this.names.length; i++) if (this.names[i] == name) {
          const h = new Hir(HirKind.Backref, start);
          h.name = name; h.index = this.nameIndex[i]; h.caseInsensitive = f.i;
          return h;
        }
        return this.fail("unknown group name in backreference", ns);
      }
    }
    if (c >= 0x31 && c <= 0x39) {
      this.pos++;
      const h = new Hir(HirKind.Backref, start);
      h.index = c - 0x30; h.caseInsensitive = f.i;
      if (h.index > this.captureCount) return this.fail("backreference to an undefined group", start);
      return h;
    }
    if (c == 0x30) return this.fail("octal escapes are not supported", start);
    if (c == 0x3c || c == 0x3e) return this.fail("word boundary assertions \\< and \\> are not supported", start);
    const cls = this.parseClassEscape(f, start, false);
    if (this.err != null) return new Hir(HirKind.Empty, start);
    return cls!;
  }

  // Escapes valid both inside and outside classes: literals, \d\w\s, \p. '\' was consumed and pos
  // is at the escape letter. Returns a Class node.
  parseClassEscape(f: Flags, start: i32, inClass: bool): Hir | null {
    const c = this.peek();
    this.pos++;
    let lit: i32 = -1;
    switch (c) {
      case 0x61: lit = 7; break;
      case 0x66: lit = 12; break;
      case 0x74: lit = 9; break;
      case 0x6e: lit = 10; break;
      case 0x72: lit = 13; break;
      case 0x76: lit = 11; break;
      case 0x78: case 0x75: case 0x55: {
        const v = this.parseHexEscape(c, start);
        if (v < 0) return null;
        if (!f.u && v > 0xff) { this.fail("Unicode escape needs the u flag", start); return null; }
        if (!f.u && v > 0x7f) return Hir.cls([<u32>v, <u32>v], true, start);
        return this.literal(<u32>v, f, start);
      }
      case 0x64: case 0x44: case 0x77: case 0x57: case 0x73: case 0x53: {
        let r: Array<u32>;
        const lower = c | 0x20;
        if (f.u) {
          r = lower == 0x64 ? unicodeProperty("Nd")! : lower == 0x73 ? unicodeProperty("White_Space")! : unicodeProperty("perlword")!;
        } else {
          r = lower == 0x64 ? [0x30, 0x39] : lower == 0x73 ? [0x09, 0x0d, 0x20, 0x20] : [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
        }
        if (c != lower) r = negate(r, f.u ? MAX_CP : 0xff);
        return Hir.cls(r, !f.u, start);
      }
      case 0x70: case 0x50: {
        if (!f.u) { this.fail("Unicode classes need the u flag", start); return null; }
        let name: string;
        if (this.peek() == 0x7b) {
          this.pos++;
          const ns = this.pos;
          while (!this.eof() && this.peek() != 0x7d) this.pos++;
          if (this.eof()) { this.fail("unclosed Unicode class", start); return null; }
          name = String.UTF8.decode(this.src.slice(ns, this.pos).buffer);
          this.pos++;
        } else {
          if (this.eof()) { this.fail("incomplete escape sequence", start); return null; }
          name = String.fromCharCode(<i32>this.nextChar());
        }
        let neg = c == 0x50;
        if (name.startsWith("^")) { neg = !neg; name = name.substring(1); }
        const eq = name.indexOf("!=");
        if (eq >= 0) { neg = !neg; name = name.substring(0, eq) + "=" + name.substring(eq + 2); }
        let r = unicodeProperty(name);
        if (r == null) { this.fail("unknown Unicode property '" + name + "'", start); return null; }
        let rr = changetype<Array<u32>>(r);
        if (f.i) rr = caseFold(rr);
        if (neg) rr = negate(rr, MAX_CP);
        return Hir.cls(rr, false, start);
      }
    }
    if (lit >= 0) return this.literal(<u32>lit, f, start);
    if (c < 0) { this.fail("incomplete escape sequence", start); return null; }
    // escaped meta / punctuation: any ASCII that is not alphanumeric, '<' or '>'
    const isAlnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (c < 0x80 && !isAlnum && c != 0x3c && c != 0x3e) return this.literal(<u32>c, f, start);
    this.fail("unrecognized escape sequence", start);
    return null;
  }

  parseHexEscape(kind: i32, start: i32): i32 {
    let v: i64 = 0;
    if (this.peek() == 0x7b) {
      this.pos++;
      let digits = 0;
      while (!this.eof() && this.peek() != 0x7d) {
        const d = hexVal(this.peek());
        if (d < 0) { this.fail("invalid hexadecimal digit", this.pos); return -1; }
        v = v * 16 + d;
        if (v > 0x10ffff) { this.fail("hexadecimal literal is not a Unicode scalar value", start); return -1; }
        digits++;
        this.pos++;
      }
      if (this.eof()) { this.fail("unclosed hexadecimal literal", start); return -1; }
      if (digits == 0) { this.fail("hexadecimal literal is empty", start); return -1; }
      this.pos++;
    } else {
      const n = kind == 0x78 ? 2 : kind == 0x75 ? 4 : 8;
      for (let k = 0; k < n; k++) {
        const d = hexVal(this.peek());
        if (d < 0) { this.fail(this.eof() ? "incomplete hexadecimal literal" : "invalid hexadecimal digit", this.eof() ? start : this.pos); return -1; }
        v = v * 16 + d;
        this.pos++;
      }
      if (v > 0x10ffff) { this.fail("hexadecimal literal is not a Unicode scalar value", start); return -1; }
    }
    if (v >= 0xd800 && v <= 0xdfff) { this.fail("hexadecimal literal is not a Unicode scalar value", start); return -1; }
    return <i32>v;
  }

  // '[' at pos.
  parseClass(f: Flags): Hir {
    const start = this.pos;
    const r = this.parseClassBody(f, start);
    if (this.err != null) return new Hir(HirKind.Empty, start);
    let ranges = r;
    if (f.i) ranges = f.u ? caseFold(ranges) : asciiFold(ranges);
    return Hir.cls(ranges, !f.u, start);
  }

  // Parses '[' ... ']' (pos at '['), including set operators. Returns code point (or byte) ranges.
  parseClassBody(f: Flags, start: i32): Array<u32> {
    if (++this.depth > MAX_NEST) { this.fail("nesting too deep", start); return EMPTY_RANGES; }
    this.pos++;
    let neg = false;
    if (this.peek() == 0x5e) { this.pos++; neg = true; }
    const max: u32 = f.u ? MAX_CP : 0xff;
    // operands separated by && -- ~~ (left associative, equal precedence); each is a union
    let acc = this.parseClassUnion(f, start, true);
    while (this.err == null) {
      const c = this.peek(), d = this.peekAt(1);
      let op = 0;
      if (c == 0x26 && d == 0x26) op = 1;
      else if (c == 0x2d && d == 0x2d) op = 2;
      else if (c == 0x7e && d == 0x7e) op = 3;
      else break;
      this.pos += 2;
      const rhs = this.parseClassUnion(f, start, false);
      if (this.err != null) break;
      acc = op == 1 ? intersect(acc, rhs) : op == 2 ? difference(acc, rhs, max) : symmetricDifference(acc, rhs, max);
    }
    if (this.err != null) return EMPTY_RANGES;
    if (this.peek() != 0x5d) { this.fail("unclosed character class", start); return EMPTY_RANGES; }
    this.pos++;
    this.depth--;
    if (neg) {
      // Rust folds before negating: [^a] under (?i) excludes both a and A
      if (f.i) acc = f.u ? caseFold(acc) : asciiFold(acc);
      acc = negate(acc, max);
    }
    return acc;
  }

  // A run of items up to ']' or a set operator. `first` allows a leading literal ']'.
  parseClassUnion(f: Flags, start: i32, first: bool): Array<u32> {
    let acc = new Array<u32>();
    let isFirst = first;
    while (this.err == null) {
      this.skipSpace(f);
      if (this.eof()) { this.fail("unclosed character class", start); break; }
      const c = this.peek(), d = this.peekAt(1);
      if (c == 0x5d && !isFirst) break;
      if ((c == 0x26 && d == 0x26) || (c == 0x7e && d == 0x7e)) break;
      if (c == 0x2d && d == 0x2d) break;
      isFirst = false;
      if (c == 0x5b) {
        if (d == 0x3a) {
          const posix = this.tryPosix(f);
          if (posix != null) { acc = acc.concat(changetype<Array<u32>>(posix)); continue; }
        }
        acc = acc.concat(this.parseClassBody(f, this.pos));
        continue;
      }
      const itemPos = this.pos;
      const lo = this.parseClassAtom(f);
      if (this.err != null) break;
      if (lo.length != 2 || lo[0] != lo[1] || !this.atomWasLiteral) { acc = acc.concat(lo); continue; }
      // a range?
      this.skipSpace(f);
      if (this.peek() == 0x2d && this.peekAt(1) != 0x5d && this.peekAt(1) != 0x2d && this.peekAt(1) >= 0) {
        this.pos++;
        this.skipSpace(f);
        const hiPos = this.pos;
        const hi = this.parseClassAtom(f);
        if (this.err != null) break;
        if (hi.length != 2 || hi[0] != hi[1] || !this.atomWasLiteral) { this.fail("invalid range boundary, must be a literal", hiPos); break; }
        if (hi[0] < lo[0]) { this.fail("invalid range: start is greater than end", itemPos); break; }
        acc.push(lo[0]); acc.push(hi[0]);
        continue;
      }
      acc = acc.concat(lo);
    }
    return normalize(acc);
  }

  atomWasLiteral: bool = false;

  parseClassAtom(f: Flags): Array<u32> {
    const at = this.pos;
    this.atomWasLiteral = true;
    if (this.peek() == 0x5c) {
      this.pos++;
      if (this.eof()) { this.fail("incomplete escape sequence", at); return EMPTY_RANGES; }
      const c = this.peek();
      const isPerl = c == 0x64 || c == 0x44 || c == 0x77 || c == 0x57 || c == 0x73 || c == 0x53 || c == 0x70 || c == 0x50;
      const savedI = f.i;
      f.i = false; // folding is applied to the whole class afterwards
      const h = this.parseClassEscape(f, at, true);
      f.i = savedI;
      if (h == null) return EMPTY_RANGES;
      this.atomWasLiteral = !isPerl;
      return changetype<Hir>(h).ranges;
    }
    const cp = this.nextChar();
    if (!f.u && cp > 0x7f) { this.fail("non-ASCII character in a class without the u flag", at); return EMPTY_RANGES; }
    return [cp, cp];
  }

  // [:name:] or [:^name:] at pos; returns null (pos unchanged) when it is not a POSIX class.
  tryPosix(f: Flags): Array<u32> | null {
    const save = this.pos;
    let k = this.pos + 2;
    let neg = false;
    if (k < this.src.length && this.src[k] == 0x5e) { neg = true; k++; }
    const ns = k;
    while (k < this.src.length && this.src[k] >= 0x61 && this.src[k] <= 0x7a) k++;
    if (k + 1 >= this.src.length || this.src[k] != 0x3a || this.src[k + 1] != 0x5d) return null;
    const name = String.UTF8.decode(this.src.slice(ns, k).buffer);
    let r: Array<u32>;
    if (name == "alnum") r = [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a];
    else if (name == "alpha") r = [0x41, 0x5a, 0x61, 0x7a];
    else if (name == "ascii") r = [0, 0x7f];
    else if (name == "blank") r = [0x09, 0x09, 0x20, 0x20];
    else if (name == "cntrl") r = [0, 0x1f, 0x7f, 0x7f];
    else if (name == "digit") r = [0x30, 0x39];
    else if (name == "graph") r = [0x21, 0x7e];
    else if (name == "lower") r = [0x61, 0x7a];
    else if (name == "print") r = [0x20, 0x7e];
    else if (name == "punct") r = [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e];
    else if (name == "space") r = [0x09, 0x0d, 0x20, 0x20];
    else if (name == "upper") r = [0x41, 0x5a];
    else if (name == "word") r = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
    else if (name == "xdigit") r = [0x30, 0x39, 0x41, 0x46, 0x61, 0x66];
    else { this.fail("invalid POSIX class name '" + name + "'", save); return EMPTY_RANGES; }
    this.pos = k + 2;
    if (neg) r = negate(r, f.u ? MAX_CP : 0xff);
    return r;
  }
}

function hexVal(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
