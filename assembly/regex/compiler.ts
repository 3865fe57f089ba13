// HIR → byte-level Thompson NFA (nfa.ts). Compiles back to front: c(h, next) returns the state
// that matches h and continues at next. Classes become UTF-8 byte-range sequences merged into a
// prefix trie (suffixes shared by memo); classes containing U+FFFD also accept invalid UTF-8, one
// maximal invalid subpart at a time (utf8.ts LEADS), using a one-byte look-ahead assertion.
// Look assertions keep their forward meaning in the reverse NFA: the reverse search (pikevm.ts)
// evaluates them at absolute positions with random access.
// Limits: MAX_STATES per NFA (error "compiled pattern too large").
import { Hir, HirKind, Look } from "./hir";
import { Nfa, S } from "./nfa";
import { utf8Sequences, LEADS, REPLACEMENT } from "./utf8";
import { contains } from "./ranges";

export const MAX_STATES: i32 = 250000;

const TRIES = new Map<u64, Trie>();

function sameRanges(a: Array<u32>, b: Array<u32>): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false;
  return true;
}

class Trie {
  ranges: Array<u32> = []; // the class it encodes (root only), to confirm a cache hit
  los: Array<u8> = [];
  his: Array<u8> = [];
  kids: Array<Trie> = [];
  // Emission template (root only, built with the trie): the non-root nodes with identical subtrees
  // merged, kids before parents, then the root. Per node: edge count n, then n × (lo, hi, kid node
  // index or -1 for "the class's continuation"). A class used under a counted repetition
  // (`[^:\n]{0,256}`) is emitted once per copy, so a copy must be a straight loop over this array.
  flat: Array<i32> = [];
  flatNodes: i32 = 0;
}

// Builds t.flat (see Trie) and drops the nodes: emission reads only the template, and the GC
// would otherwise trace the nodes at every cycle for the life of the module (a Unicode class has
// thousands).
function flatten(t: Trie): void {
  const flat = new Array<i32>();
  const counter: Array<i32> = [0];
  appendNode(t, flat, new Map<string, i32>(), counter, false); // the root's edges are the class's alternatives
  t.flat = flat;
  t.flatNodes = counter[0];
  t.kids = [];
  t.los = [];
  t.his = [];
}

// Appends `node` after its kids (post-order) and returns its index; with `merge`, a node whose
// edges and kid indices equal an earlier one's is that one (identical subtrees are found by key).
function appendNode(node: Trie, flat: Array<i32>, ids: Map<string, i32>, counter: Array<i32>, merge: bool): i32 {
  const kidIds = new Array<i32>(node.kids.length);
  for (let m = 0; m < node.kids.length; m++) {
    const kid = node.kids[m];
    kidIds[m] = kid.kids.length ? appendNode(kid, flat, ids, counter, true) : -1;
  }
  let key = "";
  if (merge) {
    for (let m = 0; m < node.kids.length; m++) key += node.los[m].toString() + "," + node.his[m].toString() + "," + kidIds[m].toString() + ";";
    if (ids.has(key)) return ids.get(key);
  }
  const id = counter[0]++;
  flat.push(node.kids.length);
  for (let m = 0; m < node.kids.length; m++) { flat.push(node.los[m]); flat.push(node.his[m]); flat.push(kidIds[m]); }
  if (merge) ids.set(key, id);
  return id;
}

export class CompileOutcome {
  nfa: Nfa | null = null;
  error: string = "";
  position: i32 = 0;
}

export function compileNfa(h: Hir, reverse: bool): CompileOutcome {
  const c = new Compiler(reverse);
  const out = new CompileOutcome();
  const match = c.nfa.add(S.Match, 0, 0, -1);
  const start = c.c(h, match);
  if (c.error.length) { out.error = c.error; out.position = c.errorPos; return out; }
  c.nfa.start = start;
  if (!reverse) {
    // unanchored prefix: U = Union[start, anyChar -> U]
    const u = c.nfa.add(S.Union, 0, 0, -1);
    const any = c.cls(Hir.cls([0, 0x10ffff], false, 0), u);
    const base = c.nfa.alts.length;
    c.nfa.alts.push(start);
    c.nfa.alts.push(any);
    c.nfa.lo[u] = base;
    c.nfa.hi[u] = 2;
    c.nfa.unanchored = u;
    c.nfa.skipOne = c.cls(Hir.cls([0, 0x10ffff], false, 0), u);
  }
  if (c.nfa.size > MAX_STATES) { out.error = "compiled pattern too large"; out.position = 0; return out; }
  out.nfa = c.nfa;
  return out;
}

class Compiler {
  nfa: Nfa = new Nfa();
  memo: Map<i64, i32> = new Map();
  error: string = "";
  errorPos: i32 = 0;
  constructor(public reverse: bool) { this.nfa.reverse = reverse; }

  union(alts: Array<i32>): i32 {
    if (alts.length == 1) return alts[0];
    const base = this.nfa.alts.length;
    for (let i = 0; i < alts.length; i++) this.nfa.alts.push(alts[i]);
    return this.nfa.add(S.Union, base, alts.length, -1);
  }

  range(lo: i32, hi: i32, next: i32): i32 {
    const key = (<i64>next << 16) | (<i64>lo << 8) | <i64>hi;
    if (this.memo.has(key)) return this.memo.get(key);
    const s = this.nfa.add(S.Range, lo, hi, next);
    this.memo.set(key, s);
    return s;
  }

  // A range state without the memo: class emission makes its states in bulk, where a map lookup per
  // state cost more than the rare duplicate it saves.
  @inline add(lo: i32, hi: i32, next: i32): i32 { return this.nfa.add(S.Range, lo, hi, next); }

  look(kind: Look, param: i32, next: i32): i32 {
    this.nfa.lookMask |= 1 << <u32>kind;
    return this.nfa.add(S.Look, <i32>kind, param, next);
  }

  c(h: Hir, next: i32): i32 {
    if (this.error.length) return next;
    if (this.nfa.size > MAX_STATES) { this.error = "compiled pattern too large"; this.errorPos = h.pos; return next; }
    switch (h.kind) {
      case HirKind.Empty: return next;
      case HirKind.Class: return this.cls(h, next);
      case HirKind.Look: return this.look(h.look, 0, next);
      case HirKind.Capture: return this.c(h.subs[0], next);
      case HirKind.Concat: {
        let n = next;
        if (this.reverse) for (let i = 0; i < h.subs.length; i++) n = this.c(h.subs[i], n);
        else for (let i = h.subs.length - 1; i >= 0; i--) n = this.c(h.subs[i], n);
        return n;
      }
      case HirKind.Alt: {
        const alts = new Array<i32>();
        for (let i = 0; i < h.subs.length; i++) alts.push(this.c(h.subs[i], next));
        return this.union(alts);
      }
      case HirKind.Repeat: return this.repeat(h, next);
    }
    this.error = "lookaround, backreferences and atomic groups need tier 2";
    this.errorPos = h.pos;
    return next;
  }

  repeat(h: Hir, next: i32): i32 {
    const sub = h.subs[0];
    let n = next;
    if (h.max < 0) {
      // sub{min,}: min copies then a star loop
      const u = this.nfa.add(S.Union, 0, 2, -1);
      const body = this.c(sub, u);
      const base = this.nfa.alts.length;
      if (h.greedy) { this.nfa.alts.push(body); this.nfa.alts.push(next); }
      else { this.nfa.alts.push(next); this.nfa.alts.push(body); }
      this.nfa.lo[u] = base;
      n = u;
    } else {
      // optional tail: (sub (sub (...)?)?)?
      for (let k = 0; k < h.max - h.min; k++) {
        const body = this.c(sub, n);
        n = h.greedy ? this.union([body, next]) : this.union([next, body]);
      }
    }
    for (let k = 0; k < h.min; k++) n = this.c(sub, n);
    return n;
  }

  cls(h: Hir, next: i32): i32 {
    const r = h.ranges;
    if (r.length == 0) return this.nfa.add(S.Fail, 0, 0, -1);
    if (h.bytes) {
      const alts = new Array<i32>();
      for (let i = 0; i < r.length; i += 2) alts.push(this.range(<i32>r[i], <i32>r[i + 1], next));
      return this.union(alts);
    }
    const root = this.trieFor(r);
    const alts = new Array<i32>();
    this.emitTrie(root, next, alts);
    if (contains(r, REPLACEMENT)) this.invalidAlternatives(next, alts);
    return this.union(alts);
  }

  // UTF-8 byte tries are immutable once built, so they are shared by every use of the same class
  // (\d appears nine times in ssn) across patterns and compiles.
  trieFor(r: Array<u32>): Trie {
    let key: u64 = this.reverse ? 0x9e3779b97f4a7c15 : 0x6a09e667f3bcc909;
    const rp = r.dataStart, rn = r.length;
    for (let i = 0; i < rn; i++) key = (key ^ <u64>load<u32>(rp + (<usize>i << 2))) * 0x100000001b3;
    key ^= <u64>r.length << 56;
    if (TRIES.has(key)) {
      const t = TRIES.get(key);
      if (sameRanges(t.ranges, r)) return t;
    }
    const t = this.buildTrie(r);
    flatten(t);
    t.ranges = r.slice(0);
    if (TRIES.size < 512) TRIES.set(key, t);
    return t;
  }

  buildTrie(r: Array<u32>): Trie {
    const seqs = new Array<Array<u8>>();
    for (let i = 0; i < r.length; i += 2) utf8Sequences(r[i], r[i + 1], seqs);
    const root = new Trie();
    for (let i = 0; i < seqs.length; i++) {
      const s = seqs[i];
      let node = root;
      const n = s.length >> 1;
      for (let k = 0; k < n; k++) {
        const j = this.reverse ? n - 1 - k : k;
        const lo = s[2 * j], hi = s[2 * j + 1];
        let found: Trie | null = null;
        for (let m = 0; m < node.kids.length; m++) if (node.los[m] == lo && node.his[m] == hi) { found = node.kids[m]; break; }
        if (found == null) {
          found = new Trie();
          node.los.push(lo); node.his.push(hi); node.kids.push(changetype<Trie>(found));
        }
        node = changetype<Trie>(found);
      }
    }
    return root;
  }

  // One copy of the class's trie continuing at `next`; the root's edges go to `alts`. A straight
  // loop over the template (Trie.flat): no map lookups, no allocation but the NFA's own arrays.
  private nodeState: Int32Array = new Int32Array(64);
  emitTrie(root: Trie, next: i32, alts: Array<i32>): void {
    const f = root.flat;
    const nodes = root.flatNodes;
    if (this.nodeState.length < nodes) this.nodeState = new Int32Array(nodes * 2);
    const nodeState = this.nodeState;
    const nfa = this.nfa;
    let at = 0;
    for (let k = 0; k < nodes - 1; k++) {
      const n = unchecked(f[at++]);
      const first = nfa.size;
      for (let e = 0; e < n; e++) {
        const kid = unchecked(f[at + 2]);
        nfa.add(S.Range, unchecked(f[at]), unchecked(f[at + 1]), kid < 0 ? next : unchecked(nodeState[kid]));
        at += 3;
      }
      if (n == 1) { unchecked(nodeState[k] = first); continue; }
      const base = nfa.alts.length;
      for (let e = 0; e < n; e++) nfa.alts.push(first + e);
      unchecked(nodeState[k] = nfa.add(S.Union, base, n, -1));
    }
    const n = unchecked(f[at++]);
    for (let e = 0; e < n; e++) {
      const kid = unchecked(f[at + 2]);
      alts.push(nfa.add(S.Range, unchecked(f[at]), unchecked(f[at + 1]), kid < 0 ? next : unchecked(nodeState[kid])));
      at += 3;
    }
  }

  // Invalid UTF-8 pieces that act as one U+FFFD each: bytes that never start a character, and a lead
  // byte with fewer valid continuation bytes than it needs (checked by a one-byte look-ahead).
  invalidAlternatives(next: i32, alts: Array<i32>): void {
    alts.push(this.add(0x80, 0xbf, next));
    alts.push(this.add(0xc0, 0xc1, next));
    alts.push(this.add(0xf5, 0xff, next));
    for (let k = 0; k < 8; k++) {
      const b = k * 5;
      const leadLo = <i32>LEADS[b], leadHi = <i32>LEADS[b + 1], s2lo = <i32>LEADS[b + 2], s2hi = <i32>LEADS[b + 3], len = <i32>LEADS[b + 4];
      for (let taken = 1; taken < len; taken++) {
        // lead, then (taken - 1) valid continuation bytes, then a byte that cannot continue
        const notLo = taken == 1 ? s2lo : 0x80, notHi = taken == 1 ? s2hi : 0xbf;
        const param = (notLo << 8) | notHi;
        if (!this.reverse) {
          let n = this.look(Look.NextNotCont, param, next);
          for (let t = taken - 1; t >= 1; t--) n = this.add(t == 1 ? s2lo : 0x80, t == 1 ? s2hi : 0xbf, n);
          alts.push(this.add(leadLo, leadHi, n));
        } else {
          let n = this.add(leadLo, leadHi, next);
          for (let t = 1; t <= taken - 1; t++) n = this.add(t == 1 ? s2lo : 0x80, t == 1 ? s2hi : 0xbf, n);
          alts.push(this.look(Look.NextNotCont, param, n));
        }
      }
    }
  }
}

