// Escape sequences of double-quoted scalars (YAML 1.2 §5.7). The policy spec requires at
// least \\ \" \/ \n \r \t \0 \xNN \uNNNN \UNNNNNNNN; we accept the whole YAML set. `\/`
// exists so that JSON strings (a YAML subset) decode the same in both languages.

import { Cursor } from "./cursor";
import { hexValue } from "./chars";

/** Decodes the escape at cur.pos (which is at the backslash) into cur.buf and advances past
 *  it. Escaped line breaks are handled by the caller. Returns false after reporting an
 *  error. */
export function decodeEscape(cur: Cursor): bool {
  let start = cur.pos;
  let c = cur.peek(1);
  let out = cur.buf;
  let simple: i32 = -1;
  switch (c) {
    case 0x30: simple = 0x00; break; // \0
    case 0x61: simple = 0x07; break; // \a
    case 0x62: simple = 0x08; break; // \b
    case 0x74: simple = 0x09; break; // \t
    case 0x09: simple = 0x09; break; // backslash + literal tab
    case 0x6E: simple = 0x0A; break; // \n
    case 0x76: simple = 0x0B; break; // \v
    case 0x66: simple = 0x0C; break; // \f
    case 0x72: simple = 0x0D; break; // \r
    case 0x65: simple = 0x1B; break; // \e
    case 0x20: simple = 0x20; break; // \ (space)
    case 0x22: simple = 0x22; break; // \"
    case 0x2F: simple = 0x2F; break; // \/
    case 0x5C: simple = 0x5C; break; // \\
  }
  if (simple >= 0) {
    out.push(simple);
    cur.pos += 2;
    return true;
  }
  switch (c) {
    case 0x4E: out.pushCodePoint(0x85); cur.pos += 2; return true;   // \N next line
    case 0x5F: out.pushCodePoint(0xA0); cur.pos += 2; return true;   // \_ no-break space
    case 0x4C: out.pushCodePoint(0x2028); cur.pos += 2; return true; // \L line separator
    case 0x50: out.pushCodePoint(0x2029); cur.pos += 2; return true; // \P paragraph separator
  }
  let digits = 0;
  if (c == 0x78) digits = 2; // \xNN
  else if (c == 0x75) digits = 4; // \uNNNN
  else if (c == 0x55) digits = 8; // \UNNNNNNNN
  if (digits == 0) {
    cur.fail(start, "unknown escape sequence '\\" + (c < 0 ? "" : cur.text(start + 1, start + 2)) + "' in double-quoted scalar (write '\\\\' for a backslash)");
    return false;
  }
  let cp = readHex(cur, start + 2, digits);
  if (cp < 0) {
    cur.fail(start, "escape '\\" + cur.text(start + 1, start + 2) + "' needs " + digits.toString() + " hex digits");
    return false;
  }
  cur.pos = start + 2 + digits;
  if (digits == 4 && cp >= 0xD800 && cp <= 0xDBFF) {
    // JSON spells astral characters as a UTF-16 surrogate pair: "\uD83D\uDE00".
    if (cur.at(cur.pos) == 0x5C && cur.at(cur.pos + 1) == 0x75) {
      let lo = readHex(cur, cur.pos + 2, 4);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cur.pos += 6;
        out.pushCodePoint(<u32>(0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)));
        return true;
      }
    }
    out.pushCodePoint(0xFFFD); // a lone surrogate cannot be encoded in UTF-8
    return true;
  }
  if (cp >= 0xD800 && cp <= 0xDFFF) {
    out.pushCodePoint(0xFFFD);
    return true;
  }
  if (cp > 0x10FFFF) {
    cur.fail(start, "escape '" + cur.text(start, start + 2 + digits) + "' is beyond U+10FFFF");
    return false;
  }
  out.pushCodePoint(<u32>cp);
  return true;
}

/** Reads `n` hex digits at p; returns the value or -1. Values up to 0xFFFFFFFF fit i64. */
function readHex(cur: Cursor, p: i32, n: i32): i64 {
  let v: i64 = 0;
  for (let i = 0; i < n; i++) {
    let d = hexValue(cur.at(p + i));
    if (d < 0) return -1;
    v = (v << 4) | <i64>d;
  }
  return v;
}
