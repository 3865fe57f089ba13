// Evaluates a look assertion at absolute position `pos` of the text held in [ptr + begin, ptr + end),
// with random access (used by the PikeVM and the reverse start search). `textStart`/`textEnd` say
// whether begin/end are the real bounds of the text (for \A, \z, ^, $); otherwise the byte beyond
// is unknown and treated as absent.
import { Look } from "./hir";
import { decodeAt, decodeBefore } from "./utf8";
import { contains, unicodeProperty } from "./ranges";

let WORD: Array<u32> | null = null;
export function wordRanges(): Array<u32> {
  if (WORD == null) WORD = unicodeProperty("perlword");
  return WORD!;
}

export function isWordByte(b: u32): bool {
  return (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b == 0x5f;
}

// Word-ness of every BMP code point, one bit each (8 KiB, built on first use from the Unicode
// ranges): the scan loops ask for every non-ASCII character next to a Unicode \b, and a binary
// search over ~770 ranges per character was ~8 % of scanning PII-dense text.
let BMP_WORD: usize = 0;
function bmpWordBits(): usize {
  const bits = heap.alloc(8192);
  memory.fill(bits, 0, 8192);
  const r = wordRanges();
  for (let i = 0; i < r.length; i += 2) {
    const lo = r[i], hi = min<u32>(r[i + 1], 0xffff);
    for (let c = lo; c <= hi; c++) store<u8>(bits + (c >> 3), <u8>(<u32>load<u8>(bits + (c >> 3)) | (1 << (c & 7))));
  }
  return bits;
}

export function isWordCp(c: u32): bool {
  if (c < 0x80) return isWordByte(c);
  if (c <= 0xffff) {
    let bits = BMP_WORD;
    if (bits == 0) BMP_WORD = bits = bmpWordBits();
    return (load<u8>(bits + (c >> 3)) >> (c & 7) & 1) != 0;
  }
  return contains(wordRanges(), c);
}

export function lookHolds(look: i32, param: i32, ptr: usize, begin: i32, end: i32, pos: i32): bool {
  const atStart = pos <= begin, atEnd = pos >= end;
  const prev: i32 = atStart ? -1 : <i32>load<u8>(ptr + pos - 1);
  const next: i32 = atEnd ? -1 : <i32>load<u8>(ptr + pos);
  switch (look) {
    case Look.StartText: return atStart;
    case Look.EndText: return atEnd;
    case Look.StartLine: return atStart || prev == 0x0a;
    case Look.EndLine: return atEnd || next == 0x0a;
    case Look.StartLineCrlf: return atStart || prev == 0x0a || (prev == 0x0d && next != 0x0a);
    case Look.EndLineCrlf: return atEnd || next == 0x0d || (next == 0x0a && prev != 0x0d);
    case Look.WordAscii: case Look.NotWordAscii: {
      const a = prev >= 0 && isWordByte(<u32>prev), b = next >= 0 && isWordByte(<u32>next);
      return (a != b) == (look == Look.WordAscii);
    }
    case Look.WordUnicode: case Look.NotWordUnicode: {
      const a = !atStart && isWordCp(decodeBefore(ptr, begin, pos) & 0x1fffff);
      const b = !atEnd && isWordCp(decodeAt(ptr, pos, end) & 0x1fffff);
      return (a != b) == (look == Look.WordUnicode);
    }
    case Look.NextNotCont: return atEnd || next < ((param >> 8) & 0xff) || next > (param & 0xff);
    case Look.PrevNotCont: return atStart || prev < ((param >> 8) & 0xff) || prev > (param & 0xff);
  }
  return false;
}
