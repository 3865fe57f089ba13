// Streaming MessagePack parser (spec §7.2: msgpack is handled like json). Resumable at any byte
// boundary; memory bounded by the nesting limit and the key arena (path-stack.ts).
//
// Contexts: a map key that is a str is a Key context, a map key that is a number a Key context
// of its decimal text; str values are Value contexts streamed as runs (never buffered); integers
// are Value contexts in decimal, floats in the shortest round-trip decimal (AssemblyScript's
// dtoa). nil, booleans, bin and ext are skipped (bin and ext have no declared text encoding).
// Paths as for JSON (`users[2].email`; a nil/bool key is written `nil`/`true`/`false`); a stream
// of top-level objects is numbered by blob_idx. Raw offsets: a str context covers its payload;
// a number context covers its type byte and payload.
//
// Malformed input (the never-used type byte 0xc1, nesting past MSGPACK_MAX_DEPTH, a map or array
// used as a map key, a body ending mid-element): the parser flags `malformed`, and from the
// element's first byte to the end of the body is one Value context with path "".
//
// Per frame, besides path-stack.ts's record, `counts` (u64 per frame, linear memory) holds the
// elements still to come in that container: 2 per map entry, so an even count means the next
// element is a key.
import { ContextKind, ContextSink } from "../pipeline/context-sink";
import { JsonPath } from "../policy/json-path";
import { ScanParser } from "./parser";
import { FRAME_BYTES, FRAME_ARRAY, pushFrame, startKey, keepKeyBytes, renderPath, framesMatch } from "./path-stack";
import { writeDecimal } from "./protobuf";
import { dtoa_buffered } from "~lib/util/number";

export const MSGPACK_MAX_DEPTH: i32 = 128;
export const MSGPACK_KEY_ARENA_BYTES: i32 = 16384;

const M_HEAD: i32 = 0;  // at an element's type byte
const M_NEED: i32 = 1;  // collecting the rest of a header (or a fixed-size scalar)
const M_STR: i32 = 2;   // streaming a str payload
const M_SKIP: i32 = 3;  // skipping a bin / ext payload
const M_TEXT: i32 = 4;  // malformed: the rest is one text context

// scratch layout: [0..24) header bytes (type byte first; fixext 16 needs 18), [24..56) decimal
// digits (ending at 56), [56..184) dtoa output (UTF-16, then narrowed in place to ASCII).
const SCRATCH_BYTES: i32 = 184;
const DIGITS_END: usize = 56;
const DTOA_AT: usize = 56;

export class MsgpackParser extends ScanParser {
  private framesBuf: StaticArray<u8> = new StaticArray<u8>(MSGPACK_MAX_DEPTH * FRAME_BYTES);
  private countsBuf: StaticArray<u8> = new StaticArray<u8>(MSGPACK_MAX_DEPTH * 8);
  private arenaBuf: StaticArray<u8> = new StaticArray<u8>(MSGPACK_KEY_ARENA_BYTES);
  private scratchBuf: StaticArray<u8> = new StaticArray<u8>(SCRATCH_BYTES);
  private frames: usize;
  private counts: usize;
  private arena: usize;
  private scratch: usize;

  private state: i32 = M_HEAD;
  private depthN: i32 = 0;
  private docs: i32 = 0;
  private blob: i32 = 0;
  private base: i64 = 0;
  private have: i32 = 0;      // header bytes in scratch (type byte included)
  private need: i32 = 0;      // header bytes wanted in total
  private left: u64 = 0;      // payload bytes still to stream or skip
  private elemRaw: i64 = 0;   // raw offset of the current element's type byte
  private inKey: bool = false;
  private ctxOpen: bool = false;
  private isMalformed: bool = false;
  private ended: bool = false;

  constructor(public sink: ContextSink) {
    super();
    this.frames = changetype<usize>(this.framesBuf);
    this.counts = changetype<usize>(this.countsBuf);
    this.arena = changetype<usize>(this.arenaBuf);
    this.scratch = changetype<usize>(this.scratchBuf);
  }

  reset(): void {
    this.state = M_HEAD; this.depthN = 0; this.docs = 0; this.blob = 0; this.base = 0;
    this.have = 0; this.need = 0; this.left = 0; this.inKey = false; this.ctxOpen = false;
    this.isMalformed = false; this.ended = false;
  }

  get malformed(): bool { return this.isMalformed; }
  get depth(): i32 { return this.state == M_TEXT ? 0 : this.depthN; }
  get blobIdx(): i32 { return this.blob; }

  path(): string { return this.state == M_TEXT ? "" : renderPath(this.frames, this.depthN, this.arena); }
  matchesPath(pattern: JsonPath): bool { return framesMatch(this.frames, this.depth, this.arena, pattern); }

  feed(ptr: usize, len: i32, isLast: bool): void {
    if (this.ended) return;
    const end = ptr + <usize>max(len, 0);
    let p = ptr;
    while (p < end) {
      const st = this.state;
      if (st == M_HEAD) {
        if (this.depthN == 0) this.blob = this.docs++;
        this.elemRaw = this.off(p, ptr);
        const b = <u32>load<u8>(p++);
        store<u8>(this.scratch, <u8>b);
        this.have = 1;
        this.headByte(b, p, ptr);
      } else if (st == M_NEED) {
        const n = min(this.need - this.have, <i32>(end - p));
        memory.copy(this.scratch + <usize>this.have, p, <usize>n);
        this.have += n;
        p += <usize>n;
        if (this.have == this.need) this.headerComplete(p, ptr);
      } else if (st == M_STR) {
        const n = <i32>min(this.left, <u64>(end - p));
        if (this.inKey) keepKeyBytes(this.frames, this.depthN, this.arena, MSGPACK_KEY_ARENA_BYTES, p, n);
        this.sink.contextBytes(p, n, this.off(p, ptr), n);
        this.left -= <u64>n;
        p += <usize>n;
        if (this.left == 0) {
          this.ctxOpen = false; this.inKey = false;
          this.sink.endContext(this.off(p, ptr));
          this.elementDone();
        }
      } else if (st == M_SKIP) {
        const n = <i32>min(this.left, <u64>(end - p));
        this.left -= <u64>n;
        p += <usize>n;
        if (this.left == 0) this.elementDone();
      } else {
        this.sink.contextBytes(p, <i32>(end - p), this.off(p, ptr), <i32>(end - p));
        p = end;
      }
    }
    this.base += <i64>(end - ptr);
    if (isLast) this.finish();
  }

  private finish(): void {
    const bodyEnd = this.base;
    if (this.state == M_TEXT) {
      this.sink.endContext(bodyEnd);
    } else if (this.state != M_HEAD || this.depthN > 0) {
      this.isMalformed = true; // ended mid-element or inside a container
      if (this.ctxOpen) { this.ctxOpen = false; this.sink.endContext(bodyEnd); }
    }
    this.ended = true;
  }

  /** The type byte `b` was read; `p` is just after it. */
  private headByte(b: u32, p: usize, ptr: usize): void {
    if (b < 0x80) { this.emitInteger(<i64>b, false); return; }             // positive fixint
    if (b >= 0xe0) { this.emitInteger(<i64>(<i8>b), true); return; }      // negative fixint
    if (b < 0x90) { this.openContainer(false, <u64>(b & 0x0f), p, ptr); return; } // fixmap
    if (b < 0xa0) { this.openContainer(true, <u64>(b & 0x0f), p, ptr); return; }  // fixarray
    if (b < 0xc0) { this.startStr(<u64>(b & 0x1f), p, ptr); return; }     // fixstr
    switch (b) {
      case 0xc0: this.emitWord("nil"); return;
      case 0xc2: this.emitWord("false"); return;
      case 0xc3: this.emitWord("true"); return;
      case 0xc1: this.fail(this.elemRaw, 1); return; // never used
    }
    this.need = 1 + headerExtra(b);
    this.state = M_NEED;
  }

  /** All `need` header bytes are in scratch; `p` is just after them. */
  private headerComplete(p: usize, ptr: usize): void {
    const s = this.scratch;
    const b = <u32>load<u8>(s);
    switch (b) {
      case 0xcc: this.emitInteger(<i64>load<u8>(s, 1), false); return;
      case 0xcd: this.emitInteger(<i64>be16(s + 1), false); return;
      case 0xce: this.emitInteger(<i64>be32(s + 1), false); return;
      case 0xcf: this.emitInteger(<i64>be64(s + 1), false); return;
      case 0xd0: this.emitInteger(<i64>(<i8>load<u8>(s, 1)), true); return;
      case 0xd1: this.emitInteger(<i64>(<i16>be16(s + 1)), true); return;
      case 0xd2: this.emitInteger(<i64>(<i32>be32(s + 1)), true); return;
      case 0xd3: this.emitInteger(<i64>be64(s + 1), true); return;
      case 0xca: this.emitFloat32(reinterpret<f32>(be32(s + 1))); return;
      case 0xcb: this.emitFloat64(reinterpret<f64>(be64(s + 1))); return;
      case 0xd9: this.startStr(<u64>load<u8>(s, 1), p, ptr); return;
      case 0xda: this.startStr(<u64>be16(s + 1), p, ptr); return;
      case 0xdb: this.startStr(<u64>be32(s + 1), p, ptr); return;
      case 0xdc: this.openContainer(true, <u64>be16(s + 1), p, ptr); return;
      case 0xdd: this.openContainer(true, <u64>be32(s + 1), p, ptr); return;
      case 0xde: this.openContainer(false, <u64>be16(s + 1), p, ptr); return;
      case 0xdf: this.openContainer(false, <u64>be32(s + 1), p, ptr); return;
      case 0xc4: case 0xc7: this.skip(<u64>load<u8>(s, 1)); return;
      case 0xc5: case 0xc8: this.skip(<u64>be16(s + 1)); return;
      case 0xc6: case 0xc9: this.skip(<u64>be32(s + 1)); return;
    }
    this.elementDone(); // fixext 1..16: the payload was part of the header
  }

  private get expectingKey(): bool {
    const d = this.depthN;
    if (d == 0) return false;
    const f = this.frames + <usize>((d - 1) * FRAME_BYTES);
    return (load<i32>(f) & FRAME_ARRAY) == 0 && (load<u64>(this.counts + <usize>((d - 1) * 8)) & 1) == 0;
  }

  private startStr(len: u64, p: usize, ptr: usize): void {
    const key = this.expectingKey;
    if (key) startKey(this.frames, this.depthN);
    this.inKey = key;
    this.ctxOpen = true;
    const at = this.off(p, ptr);
    this.sink.beginContext(key ? ContextKind.Key : ContextKind.Value, this.blob, at);
    if (len == 0) {
      this.ctxOpen = false; this.inKey = false;
      this.sink.endContext(at);
      this.elementDone();
      return;
    }
    this.left = len;
    this.state = M_STR;
  }

  private emitInteger(v: i64, signed: bool): void {
    const end = this.scratch + DIGITS_END;
    let n: i32;
    if (signed && v < 0) {
      n = writeDecimal(<u64>(-v), end) + 1; // -i64.MIN wraps to its own magnitude as u64
      store<u8>(end - <usize>n, 0x2d);
    } else {
      n = writeDecimal(<u64>v, end);
    }
    this.emitScalar(end - <usize>n, n);
  }

  private emitFloat32(v: f32): void { this.emitDtoa(<i32>dtoa_buffered<f32>(this.scratch + DTOA_AT, v)); }
  private emitFloat64(v: f64): void { this.emitDtoa(<i32>dtoa_buffered<f64>(this.scratch + DTOA_AT, v)); }

  private emitDtoa(chars: i32): void {
    const at = this.scratch + DTOA_AT;
    for (let i = 0; i < chars; i++) store<u8>(at + <usize>i, <u8>load<u16>(at + <usize>(i << 1))); // ASCII
    this.emitScalar(at, chars);
  }

  /** A scalar's decimal text: a Value context, or a Key context (and the key) when in key position. */
  private emitScalar(text: usize, n: i32): void {
    const rawLen = <i32>(this.have);
    const key = this.expectingKey;
    if (key) {
      startKey(this.frames, this.depthN);
      keepKeyBytes(this.frames, this.depthN, this.arena, MSGPACK_KEY_ARENA_BYTES, text, n);
    }
    this.sink.beginContext(key ? ContextKind.Key : ContextKind.Value, this.blob, this.elemRaw);
    this.sink.contextBytes(text, n, this.elemRaw, rawLen);
    this.sink.endContext(this.elemRaw + <i64>rawLen);
    this.elementDone();
  }

  /** nil / booleans: no context; as a key they still name the path segment. */
  private emitWord(word: string): void {
    if (this.expectingKey) {
      startKey(this.frames, this.depthN);
      for (let i = 0; i < word.length; i++) store<u8>(this.scratch + DIGITS_END - 8 + <usize>i, <u8>word.charCodeAt(i));
      keepKeyBytes(this.frames, this.depthN, this.arena, MSGPACK_KEY_ARENA_BYTES, this.scratch + DIGITS_END - 8, word.length);
    }
    this.elementDone();
  }

  private skip(len: u64): void {
    if (this.expectingKey) startKey(this.frames, this.depthN); // a bin/ext key: an empty segment
    if (len == 0) { this.elementDone(); return; }
    this.left = len;
    this.state = M_SKIP;
  }

  private openContainer(isArray: bool, n: u64, p: usize, ptr: usize): void {
    if (this.depthN >= MSGPACK_MAX_DEPTH || this.expectingKey) { this.fail(this.elemRaw, this.have); return; }
    pushFrame(this.frames, this.depthN, isArray);
    store<u64>(this.counts + <usize>(this.depthN * 8), isArray ? n : n << 1);
    this.depthN++;
    if (n == 0) { this.depthN--; this.elementDone(); return; }
    this.state = M_HEAD;
  }

  /** The current element is complete: count it in its container, closing containers that are full. */
  private elementDone(): void {
    this.state = M_HEAD;
    while (this.depthN > 0) {
      const d = this.depthN - 1;
      const c = this.counts + <usize>(d * 8);
      const left = load<u64>(c) - 1;
      store<u64>(c, left);
      const f = this.frames + <usize>(d * FRAME_BYTES);
      if (load<i32>(f) & FRAME_ARRAY) store<i32>(f, load<i32>(f, 4) + 1, 4);
      if (left > 0) return;
      this.depthN = d; // the container itself is now a complete element of its parent
    }
  }

  /** Malformed: the rest of the body, from `rawStart`, is one text context; the first `replay` bytes are the header bytes in scratch. */
  private fail(rawStart: i64, replay: i32): void {
    if (this.ctxOpen) { this.ctxOpen = false; this.sink.endContext(rawStart); }
    this.inKey = false;
    this.isMalformed = true;
    this.depthN = 0;
    this.state = M_TEXT;
    this.sink.beginContext(ContextKind.Value, this.blob, rawStart);
    if (replay > 0) this.sink.contextBytes(this.scratch, replay, rawStart, replay);
  }

  // @ts-ignore: decorator
  @inline private off(p: usize, ptr: usize): i64 { return this.base + <i64>(p - ptr); }
}

/** Header bytes after the type byte for the types that have them (fixed scalars, lengths, fixext). */
function headerExtra(b: u32): i32 {
  switch (b) {
    case 0xc4: case 0xd9: case 0xcc: case 0xd0: return 1;
    case 0xc5: case 0xda: case 0xdc: case 0xde: case 0xcd: case 0xd1: return 2;
    case 0xc6: case 0xdb: case 0xdd: case 0xdf: case 0xce: case 0xd2: case 0xca: return 4;
    case 0xcf: case 0xd3: case 0xcb: return 8;
    case 0xc7: return 2; // len8 + type
    case 0xc8: return 3; // len16 + type
    case 0xc9: return 5; // len32 + type
    case 0xd4: return 2; // fixext 1: type + 1
    case 0xd5: return 3;
    case 0xd6: return 5;
    case 0xd7: return 9;
    case 0xd8: return 17;
  }
  return 0;
}

// @ts-ignore: decorator
@inline function be16(p: usize): u32 { return (<u32>load<u8>(p) << 8) | <u32>load<u8>(p, 1); }
// @ts-ignore: decorator
@inline function be32(p: usize): u32 { return bswap<u32>(load<u32>(p)); }
// @ts-ignore: decorator
@inline function be64(p: usize): u64 { return bswap<u64>(load<u64>(p)); }
