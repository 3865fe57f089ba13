// Constant tables of the Brotli format (RFC 7932): length codes (§5), block counts (§6), literal
// context lookup (§7.1), the static dictionary's shape (§8) and the 121 word transforms
// (Appendix B). Tests check the context tables and the transforms against the CRC-32 values the
// RFC gives for them.

// Insert length codes 0..23: base and extra bits (§5).
export const INSERT_BASE: StaticArray<u32> = [0, 1, 2, 3, 4, 5, 6, 8, 10, 14, 18, 26, 34, 50, 66, 98, 130, 194, 322, 578, 1090, 2114, 6210, 22594];
export const INSERT_EXTRA: StaticArray<u8> = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 12, 14, 24];
// Copy length codes 0..23 (§5).
export const COPY_BASE: StaticArray<u32> = [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 18, 22, 30, 38, 54, 70, 102, 134, 198, 326, 582, 1094, 2118];
export const COPY_EXTRA: StaticArray<u8> = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 9, 10, 24];
// The insert and copy code ranges of the eleven 64-symbol cells of the insert-and-copy alphabet
// (§5): cell k covers symbols 64k..64k+63; cells 0 and 1 also mean "distance symbol 0".
export const CELL_INSERT: StaticArray<u8> = [0, 0, 0, 0, 8, 8, 0, 16, 8, 16, 16];
export const CELL_COPY: StaticArray<u8> = [0, 8, 0, 8, 0, 8, 16, 0, 16, 8, 16];

// Block count codes 0..25 (§6).
export const BLOCK_COUNT_BASE: StaticArray<u32> = [1, 5, 9, 13, 17, 25, 33, 41, 49, 65, 81, 97, 113, 145, 177, 209, 241, 305, 369, 497, 753, 1265, 2289, 4337, 8433, 16625];
export const BLOCK_COUNT_EXTRA: StaticArray<u8> = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 24];

// Order in which a complex prefix code lists its code-length code lengths (§3.5).
export const CODE_LENGTH_ORDER: StaticArray<u8> = [1, 2, 3, 4, 0, 5, 17, 6, 16, 7, 8, 9, 10, 11, 12, 13, 14, 15];
// The fixed code of those lengths (§3.5), indexed by the next 4 input bits: value and bits taken.
export const CODE_LENGTH_CODE_VALUE: StaticArray<u8> = [0, 4, 3, 2, 0, 4, 3, 1, 0, 4, 3, 2, 0, 4, 3, 5];
export const CODE_LENGTH_CODE_BITS: StaticArray<u8> = [2, 2, 2, 3, 2, 2, 2, 4, 2, 2, 2, 3, 2, 2, 2, 4];

// Static dictionary (§8): log2 of the word count per length 0..24, and where each length starts.
export const NDBITS: StaticArray<u8> = [0, 0, 0, 0, 10, 10, 11, 11, 10, 10, 10, 10, 10, 9, 9, 8, 7, 7, 8, 7, 7, 6, 6, 5, 5];
export const DICTIONARY_BYTES: i32 = 122784;
export const DOFFSET: StaticArray<u32> = dictionaryOffsets();
function dictionaryOffsets(): StaticArray<u32> {
  const o = new StaticArray<u32>(25);
  let at: u32 = 0;
  for (let len = 0; len < 25; len++) {
    o[len] = at;
    if (len >= 4) at += <u32>len << NDBITS[len];
  }
  return o;
}

// Literal context lookup (§7.1), one 2048-byte table: for context mode m (LSB6 0, MSB6 1,
// UTF8 2, Signed 3) the context ID is CONTEXT_LUT[512m + p1] | CONTEXT_LUT[512m + 256 + p2], where
// p1 is the last byte and p2 the one before. LSB6 and MSB6 are folded into the same shape
// (p1 & 63 and p1 >> 2, nothing from p2); UTF8 uses the RFC's Lut0 and Lut1, Signed uses Lut2
// shifted by 3 for p1 and Lut2 for p2.

// Lut0 (§7.1) by ranges: 0x00-0x7f from this row table, then 0x80-0xbf alternate 0,1 and
// 0xc0-0xff alternate 2,3.
const LUT0_ASCII: StaticArray<u8> = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, 0, 4, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  8, 12, 16, 12, 12, 20, 12, 16, 24, 28, 12, 12, 32, 12, 36, 12,
  44, 44, 44, 44, 44, 44, 44, 44, 44, 44, 32, 32, 24, 40, 28, 12,
  12, 48, 52, 52, 52, 48, 52, 52, 52, 48, 52, 52, 52, 52, 52, 48,
  52, 52, 52, 52, 52, 48, 52, 52, 52, 52, 52, 24, 12, 28, 12, 12,
  12, 56, 60, 60, 60, 56, 60, 60, 60, 56, 60, 60, 60, 60, 60, 56,
  60, 60, 60, 60, 60, 56, 60, 60, 60, 60, 60, 24, 12, 28, 12, 0,
];

export function lut0(b: i32): u8 {
  if (b < 128) return LUT0_ASCII[b];
  return <u8>((b & 1) | (b >= 0xc0 ? 2 : 0));
}
// Lut1 (§7.1): 0 control, 1 punctuation, 2 digits/upper case/UTF-8 lead bytes, 3 lower case.
export function lut1(b: i32): u8 {
  if (b >= 0xe0) return 2;
  if (b >= 0x80) return 0;
  if (b <= 0x20 || b == 0x7f) return 0;
  if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a)) return 2;
  if (b >= 0x61 && b <= 0x7a) return 3;
  return 1;
}
// Lut2 (§7.1): the magnitude class of a signed byte.
export function lut2(b: i32): u8 {
  if (b == 0) return 0;
  if (b < 16) return 1;
  if (b < 64) return 2;
  if (b < 128) return 3;
  if (b < 192) return 4;
  if (b < 240) return 5;
  if (b < 255) return 6;
  return 7;
}

export const CONTEXT_LUT: StaticArray<u8> = buildContextLut();
function buildContextLut(): StaticArray<u8> {
  const t = new StaticArray<u8>(2048);
  for (let b = 0; b < 256; b++) {
    t[b] = <u8>(b & 63);
    t[512 + b] = <u8>(b >> 2);
    t[1024 + b] = lut0(b);
    t[1024 + 256 + b] = lut1(b);
    t[1536 + b] = <u8>(lut2(b) << 3);
    t[1536 + 256 + b] = lut2(b);
  }
  return t;
}

// Elementary word transforms (§8), numbered as in the RFC's Appendix B check sequence.
export const T_IDENTITY: u8 = 0;
export const T_UPPERCASE_FIRST: u8 = 1;
export const T_UPPERCASE_ALL: u8 = 2;
// 3..11: omit the first 1..9 bytes; 12..20: omit the last 1..9 bytes.
export const T_OMIT_FIRST_1: u8 = 3;
export const T_OMIT_LAST_1: u8 = 12;
export const TRANSFORM_COUNT: i32 = 121;

// The 121 transforms of Appendix B as prefix, elementary transform, suffix.
const TF_PREFIX: string[] = [
  "", "", " ", "", "", "", " ", "s ", "", "", "", "", "", ", ", "", " ", "", "", "e ", "",
  "", "", "", "", "", "", "", "", "", "", " ", "", ".", " ", "", "", "", "", "", "",
  "", " the ", "", "", "", "", "", "", "", "", "", "", " ", "", "", "", "", "", "", "",
  "", "", " the ", "", "", " ", "", ".", "", "", "", " ", ".com/", " the ", "", "", "", ".", "", "",
  "", " ", "", " ", "", " ", "", "", "", " ", "", " ", "", "", "", "", " ", "", " ", "",
  "", "", "\u00a0", " ", "", "", "", "", "", " ", " ", " ", "", "", "", " ", "", " ", " ", " ",
  " ",
];
const TF_TYPE: StaticArray<u8> = [
  0, 0, 0, 3, 1, 0, 0, 0, 0, 1, 0, 4, 12, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0, 5, 13, 0, 0,
  1, 0, 0, 0, 6, 0, 0, 0, 0, 7, 8, 0, 15, 0, 2, 0, 0, 0, 18, 12, 0, 0, 0, 0, 11, 9, 17, 0, 1, 19,
  0, 0, 0, 16, 20, 1, 1, 0, 2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 2, 0, 2, 0, 2, 1, 0,
  0, 1, 0, 0, 2, 0, 1, 2, 0, 1, 0, 2, 0, 0, 1, 2, 0, 2, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 1, 2,
  1,
];
const TF_SUFFIX: string[] = [
  "", " ", " ", "", " ", " the ", "", " ", " of ", "", " and ", "", "", " ", ", ", " ", " in ", " to ", " ", "\"",
  ".", "\">", "\n", "", "]", " for ", "", "", " a ", " that ", "", ". ", "", ", ", "", " with ", "'", " from ", " by ", "",
  "", "", "", ". The ", "", " on ", " as ", " is ", "", "ing ", "\n\t", ":", ". ", "ed ", "", "", "", "(", ", ", "",
  " at ", "ly ", " of ", "", "", ", ", "\"", "(", " ", "\">", "=\"", ".", "", " of the ", "'", ". This ", ",", " ", "(", ".",
  " not ", "=\"", "er ", " ", "al ", "", "='", "\"", ". ", "(", "ful ", ". ", "ive ", "less ", "'", "est ", ".", "\">", "='", ",",
  "ize ", ".", "", ",", "=\"", "=\"", "ous ", ", ", "='", ",", "=\"", ", ", ",", "(", ". ", ".", "='", ". ", "=\"", "='",
  "='",
];

// Transforms packed for the decoder: TRANSFORM_INFO[5t..5t+4] = prefix offset, prefix length,
// elementary transform, suffix offset, suffix length; the strings are in TRANSFORM_POOL (UTF-8).
export const TRANSFORM_INFO = new StaticArray<u16>(TRANSFORM_COUNT * 5);
export const TRANSFORM_POOL = new StaticArray<u8>(1024);
packTransforms();
function packTransforms(): void {
  let at = 0;
  for (let t = 0; t < TRANSFORM_COUNT; t++) {
    const p = Uint8Array.wrap(String.UTF8.encode(TF_PREFIX[t]));
    const s = Uint8Array.wrap(String.UTF8.encode(TF_SUFFIX[t]));
    TRANSFORM_INFO[5 * t] = <u16>at;
    TRANSFORM_INFO[5 * t + 1] = <u16>p.length;
    for (let i = 0; i < p.length; i++) TRANSFORM_POOL[at++] = p[i];
    TRANSFORM_INFO[5 * t + 2] = TF_TYPE[t];
    TRANSFORM_INFO[5 * t + 3] = <u16>at;
    TRANSFORM_INFO[5 * t + 4] = <u16>s.length;
    for (let i = 0; i < s.length; i++) TRANSFORM_POOL[at++] = s[i];
  }
}

// The RFC's upper-casing step for the UTF-8 sequence at w[i] within a word of n bytes: flips the
// case bit of an ASCII lower-case letter, or a bit in the second or third byte of a 2- or
// 3-byte sequence (bytes past the word are left alone). Returns the bytes it stepped over.
// @ts-ignore: decorator
@inline function upcase(w: usize, i: i32, n: i32): i32 {
  const c = load<u8>(w + <usize>i);
  if (c < 0xc0) {
    if (c >= 0x61 && c <= 0x7a) store<u8>(w + <usize>i, c ^ 32);
    return 1;
  }
  if (c < 0xe0) {
    if (i + 1 < n) store<u8>(w + <usize>i + 1, load<u8>(w + <usize>i + 1) ^ 32);
    return 2;
  }
  if (i + 2 < n) store<u8>(w + <usize>i + 2, load<u8>(w + <usize>i + 2) ^ 5);
  return 3;
}

// Writes transform t of the len-byte word at `word` to `out` (room for 38 bytes: a word is at
// most 24 bytes and a transform adds at most 13) and returns the bytes written.
export function transformWord(out: usize, word: usize, len: i32, t: i32): i32 {
  const info = changetype<usize>(TRANSFORM_INFO) + (<usize>(5 * t) << 1);
  const pool = changetype<usize>(TRANSFORM_POOL);
  const pLen = <i32>load<u16>(info, 2);
  memory.copy(out, pool + <usize>load<u16>(info), <usize>pLen);
  const type = <i32>load<u16>(info, 4);
  let w = word;
  let n = len;
  if (type >= <i32>T_OMIT_LAST_1) n = max(0, len - (type - <i32>T_OMIT_LAST_1 + 1));
  else if (type >= <i32>T_OMIT_FIRST_1) {
    const k = min(len, type - <i32>T_OMIT_FIRST_1 + 1);
    w += <usize>k;
    n = len - k;
  }
  const wOut = out + <usize>pLen;
  memory.copy(wOut, w, <usize>n);
  if (type == <i32>T_UPPERCASE_FIRST) {
    if (n > 0) upcase(wOut, 0, n);
  } else if (type == <i32>T_UPPERCASE_ALL) {
    let i = 0;
    while (i < n) i += upcase(wOut, i, n);
  }
  const sLen = <i32>load<u16>(info, 8);
  memory.copy(wOut + <usize>n, pool + <usize>load<u16>(info, 6), <usize>sLen);
  return pLen + n + sLen;
}
