// Byte-level helpers: a growable byte buffer for scalars that need rewriting (escapes,
// line folding) and a UTF-8 decoder that never traps.
//
// Why our own decoder: the standard `String.UTF8.decodeUnsafe` assumes valid input and
// silently produces garbage code units for malformed sequences. YAML input here comes from
// operators and from the network (policy updates), so malformed bytes must become U+FFFD.

/** A growable byte buffer. Layout: `data` is a raw heap block of `capacity` bytes, of
 *  which the first `length` are in use. It is reused across scalars (`clear()`), so a
 *  parse allocates O(largest scalar) here, not O(document) per scalar. */
export class ByteBuffer {
  private data: ArrayBuffer;
  length: i32 = 0;

  constructor(capacity: i32 = 64) {
    this.data = new ArrayBuffer(capacity < 16 ? 16 : capacity);
  }

  @inline clear(): void {
    this.length = 0;
  }

  private reserve(extra: i32): void {
    let need = this.length + extra;
    let cap = this.data.byteLength;
    if (need <= cap) return;
    let next = cap << 1;
    while (next < need) next <<= 1;
    let grown = new ArrayBuffer(next);
    memory.copy(changetype<usize>(grown), changetype<usize>(this.data), <usize>this.length);
    this.data = grown;
  }

  push(b: i32): void {
    this.reserve(1);
    store<u8>(changetype<usize>(this.data) + <usize>this.length, <u8>b);
    this.length++;
  }

  /** Appends `n` copies of byte `b`. */
  fill(b: i32, n: i32): void {
    if (n <= 0) return;
    this.reserve(n);
    memory.fill(changetype<usize>(this.data) + <usize>this.length, <u8>b, <usize>n);
    this.length += n;
  }

  /** Appends `len` bytes starting at address `ptr`. */
  appendRaw(ptr: usize, len: i32): void {
    if (len <= 0) return;
    this.reserve(len);
    memory.copy(changetype<usize>(this.data) + <usize>this.length, ptr, <usize>len);
    this.length += len;
  }

  /** Appends the UTF-8 encoding of code point `cp` (callers pass valid scalar values). */
  pushCodePoint(cp: u32): void {
    if (cp < 0x80) {
      this.push(<i32>cp);
    } else if (cp < 0x800) {
      this.push(<i32>(0xC0 | (cp >> 6)));
      this.push(<i32>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      this.push(<i32>(0xE0 | (cp >> 12)));
      this.push(<i32>(0x80 | ((cp >> 6) & 0x3F)));
      this.push(<i32>(0x80 | (cp & 0x3F)));
    } else {
      this.push(<i32>(0xF0 | (cp >> 18)));
      this.push(<i32>(0x80 | ((cp >> 12) & 0x3F)));
      this.push(<i32>(0x80 | ((cp >> 6) & 0x3F)));
      this.push(<i32>(0x80 | (cp & 0x3F)));
    }
  }

  /** Drops trailing spaces and tabs (YAML trims them before a folded line break). */
  trimTrailingBlanks(): void {
    let base = changetype<usize>(this.data);
    while (this.length > 0) {
      let b = load<u8>(base + <usize>(this.length - 1));
      if (b != 0x20 && b != 0x09) break;
      this.length--;
    }
  }

  toString(): string {
    return decodeUtf8(changetype<usize>(this.data), this.length);
  }
}

/** Decodes `len` bytes at `ptr` as UTF-8. Each byte that does not start a well-formed
 *  sequence (overlong forms, surrogates, code points above U+10FFFF, truncated sequences)
 *  becomes one U+FFFD, so the output never needs more than 2 bytes per input byte. */
export function decodeUtf8(ptr: usize, len: i32): string {
  if (len <= 0) return "";
  let out = __new(<usize>len << 1, idof<String>());
  let o = out;
  let i = 0;
  while (i < len) {
    let b0 = <u32>load<u8>(ptr + <usize>i);
    if (b0 < 0x80) {
      store<u16>(o, <u16>b0);
      o += 2;
      i++;
      continue;
    }
    let cp: u32 = 0xFFFD;
    let used = 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      if (i + 1 < len) {
        let b1 = <u32>load<u8>(ptr + <usize>(i + 1));
        if ((b1 & 0xC0) == 0x80) {
          cp = ((b0 & 0x1F) << 6) | (b1 & 0x3F);
          used = 2;
        }
      }
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      if (i + 2 < len) {
        let b1 = <u32>load<u8>(ptr + <usize>(i + 1));
        let b2 = <u32>load<u8>(ptr + <usize>(i + 2));
        let lo: u32 = b0 == 0xE0 ? 0xA0 : 0x80;
        let hi: u32 = b0 == 0xED ? 0x9F : 0xBF;
        if (b1 >= lo && b1 <= hi && (b2 & 0xC0) == 0x80) {
          cp = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
          used = 3;
        }
      }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (i + 3 < len) {
        let b1 = <u32>load<u8>(ptr + <usize>(i + 1));
        let b2 = <u32>load<u8>(ptr + <usize>(i + 2));
        let b3 = <u32>load<u8>(ptr + <usize>(i + 3));
        let lo: u32 = b0 == 0xF0 ? 0x90 : 0x80;
        let hi: u32 = b0 == 0xF4 ? 0x8F : 0xBF;
        if (b1 >= lo && b1 <= hi && (b2 & 0xC0) == 0x80 && (b3 & 0xC0) == 0x80) {
          cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
          used = 4;
        }
      }
    }
    if (cp >= 0x10000) {
      let v = cp - 0x10000;
      store<u16>(o, <u16>(0xD800 | (v >> 10)));
      store<u16>(o + 2, <u16>(0xDC00 | (v & 0x3FF)));
      o += 4;
    } else {
      store<u16>(o, <u16>cp);
      o += 2;
    }
    i += used;
  }
  return changetype<string>(__renew(out, o - out));
}
