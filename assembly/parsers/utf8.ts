// Small UTF-8 helpers shared by the parsers. No allocation.

/** Writes code point `cp` (<= 0x10FFFF, not a surrogate) as UTF-8 at `dst`; returns the byte count. */
// @ts-ignore: decorator
@inline
export function writeUtf8(cp: u32, dst: usize): i32 {
  if (cp < 0x80) { store<u8>(dst, <u8>cp); return 1; }
  if (cp < 0x800) {
    store<u8>(dst, <u8>(0xc0 | (cp >> 6)));
    store<u8>(dst, <u8>(0x80 | (cp & 0x3f)), 1);
    return 2;
  }
  if (cp < 0x10000) {
    store<u8>(dst, <u8>(0xe0 | (cp >> 12)));
    store<u8>(dst, <u8>(0x80 | ((cp >> 6) & 0x3f)), 1);
    store<u8>(dst, <u8>(0x80 | (cp & 0x3f)), 2);
    return 3;
  }
  store<u8>(dst, <u8>(0xf0 | (cp >> 18)));
  store<u8>(dst, <u8>(0x80 | ((cp >> 12) & 0x3f)), 1);
  store<u8>(dst, <u8>(0x80 | ((cp >> 6) & 0x3f)), 2);
  store<u8>(dst, <u8>(0x80 | (cp & 0x3f)), 3);
  return 4;
}

/**
 * Decodes one UTF-8 sequence at `p` (< end). Returns the code point, or -1 when the bytes are
 * not well-formed UTF-8 (overlong, surrogate, truncated, > U+10FFFF); `seqLen` gets its length.
 */
let seqLen: i32 = 0;
export function lastSeqLen(): i32 { return seqLen; }
export function decodeUtf8(p: usize, end: usize): i32 {
  const b0 = <u32>load<u8>(p);
  if (b0 < 0x80) { seqLen = 1; return <i32>b0; }
  let n: i32, cp: u32, min: u32;
  if ((b0 & 0xe0) == 0xc0) { n = 2; cp = b0 & 0x1f; min = 0x80; }
  else if ((b0 & 0xf0) == 0xe0) { n = 3; cp = b0 & 0x0f; min = 0x800; }
  else if ((b0 & 0xf8) == 0xf0) { n = 4; cp = b0 & 0x07; min = 0x10000; }
  else { seqLen = 1; return -1; }
  if (p + <usize>n > end) { seqLen = 1; return -1; }
  for (let k = 1; k < n; k++) {
    const b = <u32>load<u8>(p + <usize>k);
    if ((b & 0xc0) != 0x80) { seqLen = 1; return -1; }
    cp = (cp << 6) | (b & 0x3f);
  }
  seqLen = n;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return <i32>cp;
}

/** Whether the UTF-8 bytes [ptr, ptr+len) spell exactly the string `s`. */
export function utf8EqualsString(ptr: usize, len: i32, s: string): bool {
  const end = ptr + <usize>len;
  let p = ptr;
  let i = 0;
  const n = s.length;
  while (p < end) {
    if (i >= n) return false;
    const b = load<u8>(p);
    if (b < 0x80) {
      if (<i32>b != s.charCodeAt(i)) return false;
      p++; i++;
      continue;
    }
    const cp = decodeUtf8(p, end);
    if (cp < 0) return false;
    p += <usize>seqLen;
    const want = s.codePointAt(i);
    if (want != cp) return false;
    i += cp >= 0x10000 ? 2 : 1;
  }
  return i == n;
}
