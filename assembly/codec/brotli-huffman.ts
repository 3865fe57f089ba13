// Prefix-code decoding tables for Brotli (RFC 7932 §3). Brotli's codes are canonical like deflate's
// (RFC 7932 §3.2) and packed most-significant bit first, so the builder stores each code
// bit-reversed and tables are indexed by the next input bits taken LSB-first. Unlike huffman.ts
// (deflate), every Brotli code is complete (the reader checks the Kraft sum; simple codes are
// complete by construction), there is a zero-length code (a one-symbol code reads no bits), and
// alphabets reach 704 symbols, so this builder has its own, simpler entry format.
//
// Layout: an array of u32 entries in linear memory.
//   primary   entries [0, 256): indexed by the next 8 bits. A code of length <= 8 is replicated
//             over every index whose low `len` bits equal it.
//   subtables after the primary part: codes longer than 8 bits sharing their first 8 bits live in
//             one subtable of 2^(longest such code - 8) entries, indexed by the following bits.
// Entry (u32):
//   bits  0..3   len    bits this level consumes (0..15; 0 only for a one-symbol code)
//   bits  4..7   sub    LINK only: index bits of the linked subtable (1..7)
//   bit   8      LINK   the entry points to a subtable
//   bits 16..31  value  the symbol, or (LINK) the subtable's offset in entries from the table start
//
// Size bound (why BROTLI_TABLE_SLACK suffices): canonical codes give longer codes numerically
// larger values, so the code lengths under successive 8-bit prefixes never decrease. A subtable
// whose codes all have one length has exactly one entry per code; a subtable mixing lengths
// a < b has a shortest length a above the previous subtable's longest, so there are at most six
// such (a in 9..14), each at most 2^7 entries. Hence entries <= 256 + n + 6 * 128 for n symbols;
// the builder still checks the capacity it is given.
//
// Cost: building touches 256 entries plus the subtables, once per prefix code of a meta-block
// header. Decoding a symbol is one load, two for codes longer than 8 bits.

import { assignCodes } from "./huffman";

export const ROOT_BITS: i32 = 8;
export const ENTRY_LINK: u32 = 0x100;
// Extra entries beyond the alphabet size a table may need (see "Size bound").
export const BROTLI_TABLE_SLACK: i32 = 256 + 6 * 128;

// @ts-ignore: decorator
@inline export function tableEntries(alphabetSize: i32): i32 { return alphabetSize + BROTLI_TABLE_SLACK; }

const countByLen = new StaticArray<i32>(16);
const nextCode = new StaticArray<u32>(16);
const reversed = new StaticArray<u16>(704);
const subBits = new StaticArray<u8>(256);

// @ts-ignore: decorator
@inline function entry(value: u32, len: u32): u32 { return (value << 16) | len; }

// Builds the table for the code whose lengths (0..15, 0 = unused) are the n bytes at `lens` into
// `table` (capacity entries). The caller has checked the code is complete and has >= 2 symbols.
// Returns the entries used, or -1 when the capacity would be exceeded (not for a complete code
// within BROTLI_TABLE_SLACK).
export function buildCode(lens: usize, n: i32, table: usize, capacity: i32): i32 {
  for (let l = 0; l < 16; l++) unchecked(countByLen[l] = 0);
  for (let s = 0; s < n; s++) {
    const l = <i32>load<u8>(lens + <usize>s);
    unchecked(countByLen[l] = countByLen[l] + 1);
  }
  let maxLen = 0;
  for (let l = 1; l < 16; l++) if (unchecked(countByLen[l]) != 0) maxLen = l;
  assignCodes(lens, n, ROOT_BITS, maxLen, countByLen, nextCode, reversed, subBits);
  const long = maxLen > ROOT_BITS;
  let used = 256;
  if (long) {
    for (let p = 0; p < 256; p++) {
      const sb = <i32>unchecked(subBits[p]);
      if (sb == 0) continue;
      if (used + (1 << sb) > capacity) return -1;
      store<u32>(table + (<usize>p << 2), (<u32>used << 16) | ENTRY_LINK | (<u32>sb << 4) | <u32>ROOT_BITS);
      used += 1 << sb;
    }
  }
  for (let s = 0; s < n; s++) {
    const l = <i32>load<u8>(lens + <usize>s);
    if (l == 0) continue;
    const r = <i32>unchecked(reversed[s]);
    if (l <= ROOT_BITS) {
      const e = entry(<u32>s, <u32>l);
      for (let i = r; i < 256; i += 1 << l) store<u32>(table + (<usize>i << 2), e);
    } else {
      const link = load<u32>(table + (<usize>(r & 255) << 2));
      const base = <i32>(link >> 16);
      const size = 1 << <i32>((link >> 4) & 15);
      const sl = l - ROOT_BITS;
      const e = entry(<u32>s, <u32>sl);
      for (let i = r >> ROOT_BITS; i < size; i += 1 << sl) store<u32>(table + (<usize>(base + i) << 2), e);
    }
  }
  return used;
}

// A one-symbol code: every index decodes to `symbol` and consumes no bits.
export function buildSingle(symbol: i32, table: usize): i32 {
  const e = entry(<u32>symbol, 0);
  for (let i = 0; i < 256; i++) store<u32>(table + (<usize>i << 2), e);
  return 256;
}

// Peeks the symbol at the front of `bits` (LSB-first, zero-padded): returns (symbol << 8) | bits
// the code takes. The caller compares that length with the bits it really has.
// @ts-ignore: decorator
@inline export function peekSymbol(table: usize, bits: u64): u32 {
  let e = load<u32>(table + (<usize>(<u32>bits & 255) << 2));
  if ((e & ENTRY_LINK) == 0) return (e & 0xffff0000) >> 8 | (e & 15);
  const sub = (e >> 4) & 15;
  const i = (e >> 16) + ((<u32>(bits >> 8)) & ((<u32>1 << sub) - 1));
  e = load<u32>(table + (<usize>i << 2));
  return (e & 0xffff0000) >> 8 | ((e & 15) + 8);
}
