// UTF-8 helpers: code point ranges as byte-range sequences (the utf8-ranges construction), the
// byte sequences that stand for U+FFFD (invalid input), and decoding with maximal-subpart rules.

// Appends to `out` the byte-range sequences matching exactly the UTF-8 encodings of [lo, hi]
// (surrogates excluded). Each sequence is a flat array [lo0, hi0, lo1, hi1, ...].
export function utf8Sequences(lo: u32, hi: u32, out: Array<Array<u8>>): void {
  if (lo <= 0xd7ff && hi >= 0xe000) {
    utf8Sequences(lo, 0xd7ff, out);
    utf8Sequences(0xe000, hi, out);
    return;
  }
  if (lo >= 0xd800 && lo <= 0xdfff) lo = 0xe000;
  if (hi >= 0xd800 && hi <= 0xdfff) hi = 0xd7ff;
  if (lo > hi) return;
  const bounds: StaticArray<u32> = [0x7f, 0x7ff, 0xffff];
  for (let k = 0; k < 3; k++) {
    const b = bounds[k];
    if (lo <= b && hi > b) {
      utf8Sequences(lo, b, out);
      utf8Sequences(b + 1, hi, out);
      return;
    }
  }
  if (hi < 0x80) { out.push([<u8>lo, <u8>hi]); return; }
  const n = encLen(lo);
  for (let i = 1; i < n; i++) {
    const m: u32 = (1 << (6 * i)) - 1;
    if ((lo & ~m) != (hi & ~m)) {
      if ((lo & m) != 0) {
        utf8Sequences(lo, lo | m, out);
        utf8Sequences((lo | m) + 1, hi, out);
        return;
      }
      if ((hi & m) != m) {
        utf8Sequences(lo, (hi & ~m) - 1, out);
        utf8Sequences(hi & ~m, hi, out);
        return;
      }
    }
  }
  const a = encode(lo), z = encode(hi);
  const seq = new Array<u8>();
  for (let i = 0; i < a.length; i++) { seq.push(a[i]); seq.push(z[i]); }
  out.push(seq);
}

function encLen(c: u32): i32 { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

function encode(c: u32): Array<u8> {
  if (c < 0x80) return [<u8>c];
  if (c < 0x800) return [<u8>(0xc0 | (c >> 6)), <u8>(0x80 | (c & 0x3f))];
  if (c < 0x10000) return [<u8>(0xe0 | (c >> 12)), <u8>(0x80 | ((c >> 6) & 0x3f)), <u8>(0x80 | (c & 0x3f))];
  return [<u8>(0xf0 | (c >> 18)), <u8>(0x80 | ((c >> 12) & 0x3f)), <u8>(0x80 | ((c >> 6) & 0x3f)), <u8>(0x80 | (c & 0x3f))];
}

// Lead bytes with the range their second byte must fall in and the sequence length.
// Layout: [leadLo, leadHi, secondLo, secondHi, length] * 8.
export const LEADS: StaticArray<u8> = [
  0xc2, 0xdf, 0x80, 0xbf, 2,
  0xe0, 0xe0, 0xa0, 0xbf, 3,
  0xe1, 0xec, 0x80, 0xbf, 3,
  0xed, 0xed, 0x80, 0x9f, 3,
  0xee, 0xef, 0x80, 0xbf, 3,
  0xf0, 0xf0, 0x90, 0xbf, 4,
  0xf1, 0xf3, 0x80, 0xbf, 4,
  0xf4, 0xf4, 0x80, 0x8f, 4,
];

export const REPLACEMENT: u32 = 0xfffd;

// Decodes the character at `p` in [p, end): returns (length << 21) | code point, with a maximal
// invalid subpart decoded as U+FFFD. `end` may cut a sequence: then it counts as truncated.
export function decodeAt(ptr: usize, p: i32, end: i32): u32 {
  const b0 = <u32>load<u8>(ptr + p);
  if (b0 < 0x80) return (1 << 21) | b0;
  for (let k = 0; k < 8; k++) {
    const base = k * 5;
    if (b0 < <u32>LEADS[base] || b0 > <u32>LEADS[base + 1]) continue;
    const n = <i32>LEADS[base + 4];
    let cp: u32 = b0 & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);
    for (let i = 1; i < n; i++) {
      if (p + i >= end) return (<u32>i << 21) | REPLACEMENT;
      const b = <u32>load<u8>(ptr + p + i);
      const lo: u32 = i == 1 ? <u32>LEADS[base + 2] : 0x80, hi: u32 = i == 1 ? <u32>LEADS[base + 3] : 0xbf;
      if (b < lo || b > hi) return (<u32>i << 21) | REPLACEMENT;
      cp = (cp << 6) | (b & 0x3f);
    }
    return (<u32>n << 21) | cp;
  }
  return (1 << 21) | REPLACEMENT;
}

// Decodes the character ending just before `p` (start of data at `begin`): (length << 21) | cp.
export function decodeBefore(ptr: usize, begin: i32, p: i32): u32 {
  // a valid sequence ending at p starts at most 3 bytes back with a lead byte
  for (let len = 1; len <= 4 && p - len >= begin; len++) {
    const b = <u32>load<u8>(ptr + p - len);
    if (len == 1 && b < 0x80) return (1 << 21) | b;
    if (b >= 0x80 && b <= 0xbf) continue;
    const d = decodeAt(ptr, p - len, p);
    if ((d >> 21) == <u32>len) return d;
    break;
  }
  return (1 << 21) | REPLACEMENT;
}
