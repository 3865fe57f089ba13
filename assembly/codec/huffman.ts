// Canonical Huffman decoding tables for DEFLATE (RFC 1951 §3.2.2, §3.2.6, §3.2.7).
//
// A table is an array of u32 entries in linear memory, indexed by the next bits of the input
// taken LSB-first (deflate packs Huffman codes most-significant bit first, so the builder stores
// each code bit-reversed). Two levels:
//   primary   entries [0, 1 << rootBits): indexed by the next rootBits bits. Codes of length
//             <= rootBits are replicated over every index whose low `len` bits equal the code.
//   subtables after the primary part: a code longer than rootBits lives in the subtable that the
//             primary entry for its first rootBits bits links to; the subtable is indexed by the
//             following `extra` bits (its size is 2^(longest code with that prefix - rootBits)).
//
// Entry layout (u32):
//   bits  0..3   len    bits this level consumes (1..15; a LINK consumes rootBits)
//   bits  4..7   extra  LIT/EOB: 0 · BASE: extra bits following the code (0..13)
//                       LINK: index bits of the linked subtable (1..7)
//   bits  8..10  kind   LIT 0 (literal byte, or code-length symbol) · BASE 1 (length or distance
//                       base) · EOB 2 (end of block) · LINK 3 · BAD 4 (no code has this prefix, or a
//                       symbol deflate reserves: lit/len 286-287, distance 30-31)
//   bits 16..31  value  the literal / symbol, the base length or distance, or the subtable offset
//
// A BAD entry's len is the number of bits that prove it bad (rootBits, or the subtable's index
// bits), so "len > bits available" means "need more input" uniformly for every entry kind.
//
// Cost: building touches 2^rootBits entries plus the subtables, once per dynamic block. Decoding a
// symbol is one load (two for codes longer than rootBits).

export const KIND_LIT: u32 = 0;
export const KIND_BASE: u32 = 1;
export const KIND_EOB: u32 = 2;
export const KIND_LINK: u32 = 3;
export const KIND_BAD: u32 = 4;

// Alphabets the builder knows how to label.
export const ALPHABET_LITLEN: i32 = 0;
export const ALPHABET_DIST: i32 = 1;
export const ALPHABET_CODELEN: i32 = 2;

export const LITLEN_ROOT_BITS: i32 = 10;
export const DIST_ROOT_BITS: i32 = 8;
export const CODELEN_ROOT_BITS: i32 = 7;
// Capacities in entries. A complete code's subtables are bounded by its symbol count: a subtable of
// 2^s entries needs at least s+1 codes, so 286 lit/len symbols need < 1024 + 48*32 entries and 30
// distance symbols < 256 + 3*128 + 32. The builder still checks and refuses to overflow.
export const LITLEN_ENTRIES: i32 = 3072;
export const DIST_ENTRIES: i32 = 1024;
export const CODELEN_ENTRIES: i32 = 128;

// Build results (negative = error).
export const BUILD_OVERSUBSCRIBED: i32 = -1;
export const BUILD_INCOMPLETE: i32 = -2;
export const BUILD_TOO_BIG: i32 = -3;

// @ts-ignore: decorator
@inline export function entryLen(e: u32): u32 { return e & 15; }
// @ts-ignore: decorator
@inline export function entryExtra(e: u32): u32 { return (e >> 4) & 15; }
// @ts-ignore: decorator
@inline export function entryKind(e: u32): u32 { return (e >> 8) & 7; }
// @ts-ignore: decorator
@inline export function entryValue(e: u32): u32 { return e >> 16; }
// @ts-ignore: decorator
@inline function makeEntry(kind: u32, value: u32, len: u32, extra: u32): u32 {
  return (value << 16) | (kind << 8) | (extra << 4) | len;
}

// Length base and extra bits for lit/len symbols 257..285 (RFC 1951 §3.2.5), computed from the
// regular structure of the table: 8 codes with no extra bits, then groups of 4 whose extra bits
// grow by one, and 285 = 258 exactly.
function lengthEntry(sym: i32, len: u32): u32 {
  const i = sym - 257;
  if (i < 8) return makeEntry(KIND_BASE, <u32>(3 + i), len, 0);
  if (i == 28) return makeEntry(KIND_BASE, 258, len, 0);
  const extra = (i >> 2) - 1;
  return makeEntry(KIND_BASE, <u32>(((4 + (i & 3)) << extra) + 3), len, <u32>extra);
}

// Distance base and extra bits for distance symbols 0..29: 4 codes with no extra bits, then pairs.
function distanceEntry(sym: i32, len: u32): u32 {
  if (sym < 4) return makeEntry(KIND_BASE, <u32>(sym + 1), len, 0);
  const extra = (sym >> 1) - 1;
  return makeEntry(KIND_BASE, <u32>(((2 + (sym & 1)) << extra) + 1), len, <u32>extra);
}

function symbolEntry(alphabet: i32, sym: i32, len: u32): u32 {
  if (alphabet == ALPHABET_LITLEN) {
    if (sym < 256) return makeEntry(KIND_LIT, <u32>sym, len, 0);
    if (sym == 256) return makeEntry(KIND_EOB, 0, len, 0);
    if (sym <= 285) return lengthEntry(sym, len);
    return makeEntry(KIND_BAD, 0, len, 0);
  }
  if (alphabet == ALPHABET_DIST) {
    if (sym < 30) return distanceEntry(sym, len);
    return makeEntry(KIND_BAD, 0, len, 0);
  }
  return makeEntry(KIND_LIT, <u32>sym, len, 0);
}

// Scratch shared by every build (the module is single-threaded): code counts and next codes per
// length, each symbol's reversed code, and the longest subtable index width per primary prefix.
const countByLen = new StaticArray<i32>(16);
const nextCode = new StaticArray<u32>(16);
const reversed = new StaticArray<u16>(320);
const subBits = new StaticArray<u8>(1 << 10);

// Canonical Huffman codes (RFC 1951 §3.2.2, also Brotli's): the first code of each length, from
// the number of codes of each length (countByLen[0] is set to 0).
export function firstCodes(countByLen: StaticArray<i32>, nextCode: StaticArray<u32>): void {
  let code: u32 = 0;
  unchecked(countByLen[0] = 0);
  for (let l = 1; l < 16; l++) {
    code = (code + <u32>unchecked(countByLen[l - 1])) << 1;
    unchecked(nextCode[l] = code);
  }
}

// The low l bits of c in reverse order (codes are packed starting with their first bit in the
// least significant position): swap adjacent bits, pairs, nibbles, bytes of 16, then align.
// @ts-ignore: decorator
@inline export function reverseLowBits(c: u32, l: i32): u32 {
  let r = ((c & 0x5555) << 1) | ((c >> 1) & 0x5555);
  r = ((r & 0x3333) << 2) | ((r >> 2) & 0x3333);
  r = ((r & 0x0f0f) << 4) | ((r >> 4) & 0x0f0f);
  return (((r & 0x00ff) << 8) | ((r >> 8) & 0x00ff)) >> <u32>(16 - l);
}

// Gives each of the n symbols with a nonzero length (bytes at `lens`) its canonical code,
// bit-reversed, in reversed[s]; when codes are longer than rootBits, subBits[p] becomes the
// longest overflow (length - rootBits) among the codes whose low rootBits bits are p: the size of
// p's second-level table. countByLen holds the number of codes of each length.
export function assignCodes(lens: usize, n: i32, rootBits: i32, maxLen: i32, countByLen: StaticArray<i32>, nextCode: StaticArray<u32>, reversed: StaticArray<u16>, subBits: StaticArray<u8>): void {
  firstCodes(countByLen, nextCode);
  const rootMask = <u32>((1 << rootBits) - 1);
  if (maxLen > rootBits) for (let i = 0; i <= <i32>rootMask; i++) unchecked(subBits[i] = 0);
  for (let s = 0; s < n; s++) {
    const l = <i32>load<u8>(lens + <usize>s);
    if (l == 0) continue;
    const c = unchecked(nextCode[l]);
    unchecked(nextCode[l] = c + 1);
    const r = reverseLowBits(c, l);
    unchecked(reversed[s] = <u16>r);
    if (l > rootBits) {
      const p = r & rootMask;
      const sb = <u8>(l - rootBits);
      if (sb > unchecked(subBits[p])) unchecked(subBits[p] = sb);
    }
  }
}

// Builds the table for `n` symbols whose code lengths are the bytes at `lens` into `table`
// (capacity `capacity` entries). Returns the entries used, or a BUILD_* error. Like zlib, an
// incomplete code is accepted only for lit/len and distance codes whose longest code is 1 bit
// (a single code, or none); the missing half decodes to BAD.
export function buildTable(lens: usize, n: i32, alphabet: i32, table: usize, rootBits: i32, capacity: i32): i32 {
  for (let l = 0; l < 16; l++) unchecked(countByLen[l] = 0);
  for (let s = 0; s < n; s++) {
    const l = <i32>load<u8>(lens + <usize>s);
    unchecked(countByLen[l] = countByLen[l] + 1);
  }
  let maxLen = 0;
  let left = 1;
  for (let l = 1; l < 16; l++) {
    const c = unchecked(countByLen[l]);
    if (c != 0) maxLen = l;
    left = (left << 1) - c;
    if (left < 0) return BUILD_OVERSUBSCRIBED;
  }
  if (left > 0 && (alphabet == ALPHABET_CODELEN || maxLen > 1)) return BUILD_INCOMPLETE;

  assignCodes(lens, n, rootBits, maxLen, countByLen, nextCode, reversed, subBits);
  const rootSize = 1 << rootBits;
  const rootMask = rootSize - 1;
  const long = maxLen > rootBits;

  // A complete code overwrites every primary entry; only an incomplete one leaves BAD holes.
  if (left > 0) {
    const bad = makeEntry(KIND_BAD, 0, <u32>rootBits, 0);
    for (let i = 0; i < rootSize; i++) store<u32>(table + (<usize>i << 2), bad);
  }
  let used = rootSize;
  if (long) {
    for (let p = 0; p < rootSize; p++) {
      const sb = <i32>unchecked(subBits[p]);
      if (sb == 0) continue;
      const size = 1 << sb;
      if (used + size > capacity) return BUILD_TOO_BIG;
      store<u32>(table + (<usize>p << 2), makeEntry(KIND_LINK, <u32>used, <u32>rootBits, <u32>sb));
      const subBad = makeEntry(KIND_BAD, 0, <u32>sb, 0);
      for (let i = 0; i < size; i++) store<u32>(table + (<usize>(used + i) << 2), subBad);
      used += size;
    }
  }

  for (let s = 0; s < n; s++) {
    const l = <i32>load<u8>(lens + <usize>s);
    if (l == 0) continue;
    const r = <i32>unchecked(reversed[s]);
    if (l <= rootBits) {
      const e = symbolEntry(alphabet, s, <u32>l);
      for (let i = r; i < rootSize; i += 1 << l) store<u32>(table + (<usize>i << 2), e);
    } else {
      const p = r & rootMask;
      const link = load<u32>(table + (<usize>p << 2));
      const base = <i32>entryValue(link);
      const size = 1 << <i32>entryExtra(link);
      const sl = l - rootBits;
      const e = symbolEntry(alphabet, s, <u32>sl);
      for (let i = r >> rootBits; i < size; i += 1 << sl) store<u32>(table + (<usize>(base + i) << 2), e);
    }
  }
  return used;
}

// The fixed codes of block type 1 (RFC 1951 §3.2.6), built once on first use.
let fixedLitLen: StaticArray<u32> | null = null;
let fixedDist: StaticArray<u32> | null = null;

function buildFixed(): void {
  const lens = new StaticArray<u8>(288);
  for (let i = 0; i < 144; i++) lens[i] = 8;
  for (let i = 144; i < 256; i++) lens[i] = 9;
  for (let i = 256; i < 280; i++) lens[i] = 7;
  for (let i = 280; i < 288; i++) lens[i] = 8;
  const ll = new StaticArray<u32>(LITLEN_ENTRIES);
  buildTable(changetype<usize>(lens), 288, ALPHABET_LITLEN, changetype<usize>(ll), LITLEN_ROOT_BITS, LITLEN_ENTRIES);
  for (let i = 0; i < 32; i++) lens[i] = 5;
  const d = new StaticArray<u32>(DIST_ENTRIES);
  buildTable(changetype<usize>(lens), 32, ALPHABET_DIST, changetype<usize>(d), DIST_ROOT_BITS, DIST_ENTRIES);
  fixedLitLen = ll;
  fixedDist = d;
}

export function fixedLitLenTable(): usize {
  if (fixedLitLen == null) buildFixed();
  return changetype<usize>(fixedLitLen);
}
export function fixedDistTable(): usize {
  if (fixedDist == null) buildFixed();
  return changetype<usize>(fixedDist);
}
