// Schema-less protobuf wire-format reading (spec §7.2 `grpc`): the checks the gRPC parser needs
// to decide what a length-delimited field is. All functions work on [p, end) in linear memory
// and never read outside it; none allocates.
import { decodeUtf8, lastSeqLen } from "./utf8";

export const WIRE_VARINT: u32 = 0;
export const WIRE_FIXED64: u32 = 1;
export const WIRE_LEN: u32 = 2;
export const WIRE_FIXED32: u32 = 5;

/** Result of readVarint: the value, and the position after it (0 when malformed/truncated). */
export let varintValue: u64 = 0;

/** Reads a varint at p; returns the position after it, or 0 when it is truncated or longer than 10 bytes / 64 bits. */
export function readVarint(p: usize, end: usize): usize {
  let v: u64 = 0;
  let shift: u64 = 0;
  while (p < end) {
    const b = <u64>load<u8>(p++);
    if (shift == 63 && b > 1) return 0; // would overflow 64 bits
    v |= (b & 0x7f) << shift;
    if (b < 0x80) { varintValue = v; return p; }
    shift += 7;
    if (shift > 63) return 0;
  }
  return 0;
}

/**
 * Whether [p, end) is a sequence of well-formed fields (field number >= 1, wire type 0, 1, 2 or
 * 5, lengths inside the range) ending exactly at `end`. Groups (wire types 3, 4) are not
 * accepted: they are deprecated and a byte string that "parses" only through them is far more
 * likely not to be a message at all. O(fields); nested messages are not descended into.
 */
export function parsesAsMessage(p: usize, end: usize): bool {
  if (p >= end) return false;
  while (p < end) {
    p = readVarint(p, end);
    if (p == 0) return false;
    const tag = varintValue;
    if ((tag >> 3) == 0 || (tag >> 3) > 0x1fffffff) return false;
    const wt = <u32>(tag & 7);
    if (wt == WIRE_VARINT) {
      p = readVarint(p, end);
      if (p == 0) return false;
    } else if (wt == WIRE_FIXED64) {
      if (end - p < 8) return false;
      p += 8;
    } else if (wt == WIRE_FIXED32) {
      if (end - p < 4) return false;
      p += 4;
    } else if (wt == WIRE_LEN) {
      p = readVarint(p, end);
      if (p == 0) return false;
      if (varintValue > <u64>(end - p)) return false;
      p += <usize>varintValue;
    } else {
      return false;
    }
  }
  return true;
}

/** Printable UTF-8: well-formed, and no control characters other than tab, LF and CR (C0, DEL, C1). */
export function isPrintableUtf8(p: usize, end: usize): bool {
  while (p < end) {
    const b = <u32>load<u8>(p);
    if (b < 0x80) {
      if ((b < 0x20 && b != 0x09 && b != 0x0a && b != 0x0d) || b == 0x7f) return false;
      p++;
      continue;
    }
    const cp = decodeUtf8(p, end);
    if (cp < 0 || cp < 0xa0) return false;
    p += <usize>lastSeqLen();
  }
  return true;
}

/** Writes `v` in decimal ending just before `endPtr`; returns the digit count. */
export function writeDecimal(v: u64, endPtr: usize): i32 {
  let n = 0;
  do {
    n++;
    store<u8>(endPtr - <usize>n, <u8>(0x30 + <u32>(v % 10)));
    v /= 10;
  } while (v != 0);
  return n;
}
