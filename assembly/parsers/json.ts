// Streaming JSON parser (spec §7.2 `json`, §7.3 paths). One pass, byte by byte, resumable at any
// byte boundary: every piece of state lives in fields or in the two fixed buffers below, so
// memory is bounded by the nesting limit and the key arena, never by the body.
//
// Contexts: each object key is a Key context, each string or number a Value context; `true`,
// `false` and `null` are skipped. Strings are reported as runs: plain bytes point into the
// chunk; each escape is its own run decoded into `scratch` (raw offset of the backslash, raw
// length 2, 6, or 12 for a surrogate pair). A lone or unpaired surrogate decodes to U+FFFD.
// Numbers keep their literal text. Concatenated and NDJSON documents are numbered by blob_idx.
//
// Malformed input (a byte the grammar does not allow, an invalid escape, nesting past
// JSON_MAX_DEPTH, a truncated document at end of body): the open context ends where the error
// starts, the parser flags `malformed`, and everything from there to the end of the body is one
// Value context with path "" (spec §7.2 Decision). Deliberate leniencies, for speed and because
// they cannot hide data: raw control bytes inside strings are accepted, and string bytes are
// not checked for UTF-8 validity. A UTF-8 byte order mark at the start of the body is skipped.
//
// Cost: the string body loop tests 8 bytes per step for '"' and '\' (SWAR); structure is a
// switch per byte. Per context: three sink calls plus one per extra run (chunk edge, escape);
// a value (string without escapes, or number) that begins and ends in one chunk is one
// wholeContext call.
//
// Path stack and key arena: see path-stack.ts (JSON_MAX_DEPTH frames, JSON_KEY_ARENA_BYTES).
import { ContextKind, ContextSink } from "../pipeline/context-sink";
import { JsonPath } from "../policy/json-path";
import { ScanParser } from "./parser";
import { writeUtf8 } from "./utf8";
import { FRAME_BYTES, FRAME_ARRAY, pushFrame, startKey, keepKeyBytes, renderPath, framesMatch } from "./path-stack";

/** Spec §7.2: past this many levels the rest of the body is text. */
export const JSON_MAX_DEPTH: i32 = 128;
export const JSON_KEY_ARENA_BYTES: i32 = 16384;


// Parser states.
const S_TOP: i32 = 0;         // between top-level documents
const S_VALUE: i32 = 1;       // a value must follow (after ':' or ',' in an array, or a new document)
const S_ARRAY_FIRST: i32 = 2; // after '[': a value or ']'
const S_AFTER_VALUE: i32 = 3; // inside a container after a value: ',' or the closing bracket
const S_KEY_OR_END: i32 = 4;  // after '{': a key or '}'
const S_KEY: i32 = 5;         // after ',' in an object: a key
const S_COLON: i32 = 6;
const S_STRING: i32 = 7;
const S_ESCAPE: i32 = 8;      // inside an escape; escLen bytes after the backslash seen
const S_NUMBER: i32 = 9;
const S_LITERAL: i32 = 10;
const S_TEXT: i32 = 11;       // malformed: the rest of the body is one text context

// Number automaton (RFC 8259 grammar). Accepting: N_ZERO, N_INT, N_FRAC, N_EXP.
const N_START: i32 = 0;
const N_MINUS: i32 = 1;
const N_ZERO: i32 = 2;
const N_INT: i32 = 3;
const N_DOT: i32 = 4;
const N_FRAC: i32 = 5;
const N_E: i32 = 6;
const N_ESIGN: i32 = 7;
const N_EXP: i32 = 8;

const ONES: u64 = 0x0101010101010101;
const HIGHS: u64 = 0x8080808080808080;
const QUOTES: u64 = 0x2222222222222222;
const BACKSLASHES: u64 = 0x5c5c5c5c5c5c5c5c;

// @ts-ignore: decorator
@inline function hasZeroByte(x: u64): u64 { return (x - ONES) & ~x & HIGHS; }

const SPACES: u64 = 0x2020202020202020;

/** JSON whitespace: space, tab, LF, CR (one shift and mask instead of four compares). */
// @ts-ignore: decorator
@inline function isWs(c: u32): bool { return c <= 0x20 && ((<u64>0x100002600 >> <u64>c) & 1) != 0; }

function hexValue(c: u32): i32 {
  if (c - 0x30 < 10) return <i32>(c - 0x30);
  const l = c | 0x20;
  if (l - 0x61 < 6) return <i32>(l - 0x61 + 10);
  return -1;
}

/** The value of the 4 hex digits at p, or -1. */
function hex4(p: usize): i32 {
  const a = hexValue(<u32>load<u8>(p)), b = hexValue(<u32>load<u8>(p, 1)), c = hexValue(<u32>load<u8>(p, 2)), d = hexValue(<u32>load<u8>(p, 3));
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

/** The decoded byte of a one-character escape, or -1 if `c` is not one. */
function simpleEscape(c: u32): i32 {
  switch (c) {
    case 0x22: return 0x22; // \"
    case 0x5c: return 0x5c; // \\
    case 0x2f: return 0x2f; // \/
    case 0x62: return 0x08; // \b
    case 0x66: return 0x0c; // \f
    case 0x6e: return 0x0a; // \n
    case 0x72: return 0x0d; // \r
    case 0x74: return 0x09; // \t
  }
  return -1;
}

// Number automaton as tables: NUMBER_CLASS maps a byte to 0 other, 1 '0', 2 '1'-'9', 3 '.',
// 4 'e'/'E', 5 '+', 6 '-'; NUMBER_NEXT[state * 8 + class] is the next state, 255 = no transition.
const NUMBER_CLASS: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 6, 3, 0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
]);
const NUMBER_NEXT: usize = memory.data<u8>([
  255, 2, 3, 255, 255, 255, 1, 255,
  255, 2, 3, 255, 255, 255, 255, 255,
  255, 255, 255, 4, 6, 255, 255, 255,
  255, 3, 3, 4, 6, 255, 255, 255,
  255, 5, 5, 255, 255, 255, 255, 255,
  255, 5, 5, 255, 6, 255, 255, 255,
  255, 8, 8, 255, 255, 7, 7, 255,
  255, 8, 8, 255, 255, 255, 255, 255,
  255, 8, 8, 255, 255, 255, 255, 255,
]);
const N_NONE: u32 = 255;

// @ts-ignore: decorator
@inline function numberAccepts(s: i32): bool { return s == N_ZERO || s == N_INT || s == N_FRAC || s == N_EXP; }

// "true", "false", "null", 8 bytes apart; lengths in LITERAL_LENGTHS.
const LITERALS: usize = memory.data<u8>([
  0x74, 0x72, 0x75, 0x65, 0, 0, 0, 0,
  0x66, 0x61, 0x6c, 0x73, 0x65, 0, 0, 0,
  0x6e, 0x75, 0x6c, 0x6c, 0, 0, 0, 0,
]);
const LITERAL_LENGTHS: usize = memory.data<u8>([4, 5, 4]);
const BOM: usize = memory.data<u8>([0xef, 0xbb, 0xbf]);

// ── Pure scanning helpers: no managed references and no calls, so they need no shadow-stack
//    frame (AssemblyScript zeroes a frame with memory.fill on entry to any function that holds
//    references across calls; per value, that costs more than the scanning itself). ──

/** First '"' or '\\' in [p, end), or end. Eight bytes per step while none is in sight. */
// @ts-ignore: decorator
@inline function findQuoteOrBackslash(p: usize, end: usize): usize {
  while (p + 8 <= end) {
    const w = load<u64>(p);
    if (hasZeroByte(w ^ QUOTES) | hasZeroByte(w ^ BACKSLASHES)) break;
    p += 8;
  }
  while (p < end) {
    const c = load<u8>(p);
    if (c == 0x22 || c == 0x5c) break;
    p++;
  }
  return p;
}

/** Number automaton over [p, end) from `state`; the state reached goes to `numberStateOut`. Returns where it stopped. */
let numberStateOut: i32 = 0;
// @ts-ignore: decorator
@inline function scanNumberBytes(p: usize, end: usize, state: i32): usize {
  let s = state;
  while (p < end) {
    if (s == N_INT || s == N_FRAC || s == N_EXP) {
      // Digits keep these states: skip them without the table's state-to-state dependency.
      while (<u32>load<u8>(p) - 0x30 < 10) { if (++p == end) break; }
      if (p == end) break;
    }
    const next = <u32>load<u8>(NUMBER_NEXT + <usize>((s << 3) | <i32>load<u8>(NUMBER_CLASS + <usize>load<u8>(p))));
    if (next == N_NONE) break;
    s = <i32>next;
    p++;
  }
  numberStateOut = s;
  return p;
}

/**
 * Decodes the escape at `q` (a backslash) into `out` when it lies wholly before `end` and is a
 * simple escape, a non-surrogate \uXXXX, or a complete surrogate pair. Returns
 * (raw length << 8) | decoded length, or 0 to leave it to the byte-at-a-time path (split
 * escapes, lone surrogates, errors).
 */
function decodeEscapeInChunk(q: usize, end: usize, out: usize): i32 {
  if (q + 1 >= end) return 0;
  const e = <u32>load<u8>(q, 1);
  if (e != 0x75) {
    const d = simpleEscape(e);
    if (d < 0) return 0;
    store<u8>(out, <u8>d);
    return (2 << 8) | 1;
  }
  if (q + 6 > end) return 0;
  const cp = hex4(q + 2);
  if (cp < 0) return 0;
  if (cp < 0xd800 || cp > 0xdfff) return (6 << 8) | writeUtf8(<u32>cp, out);
  if (cp > 0xdbff || q + 12 > end || load<u8>(q, 6) != 0x5c || load<u8>(q, 7) != 0x75) return 0;
  const lo = hex4(q + 8);
  if (lo < 0xdc00 || lo > 0xdfff) return 0;
  return (12 << 8) | writeUtf8(0x10000 + ((<u32>cp - 0xd800) << 10) + (<u32>lo - 0xdc00), out);
}

export class JsonParser extends ScanParser {
  private framesBuf: StaticArray<u8> = new StaticArray<u8>(JSON_MAX_DEPTH * FRAME_BYTES);
  private arenaBuf: StaticArray<u8> = new StaticArray<u8>(JSON_KEY_ARENA_BYTES);
  // scratch[0..8): decoded escape; scratch[8..14): raw bytes of the escape in progress.
  private scratchBuf: StaticArray<u8> = new StaticArray<u8>(16);
  private frames: usize;
  private arena: usize;
  private scratch: usize;

  private state: i32 = S_TOP;
  private depthN: i32 = 0;
  private docs: i32 = 0;
  private blob: i32 = 0;   // blob_idx of the current document: max(docs - 1, 0)
  private base: i64 = 0;
  private inKey: bool = false;
  private ctxOpen: bool = false;
  private isMalformed: bool = false;
  private ended: bool = false;
  private escLen: i32 = 0;
  private escCode: u32 = 0;
  private escOffset: i64 = 0;
  private highPending: bool = false;
  private highCode: u32 = 0;
  private highOffset: i64 = 0;
  private numState: i32 = 0;
  private bomSeen: i32 = 0;   // bytes of a leading UTF-8 BOM skipped so far
  private litWord: i32 = 0;
  private litPos: i32 = 0;

  constructor(public sink: ContextSink) {
    super();
    this.frames = changetype<usize>(this.framesBuf);
    this.arena = changetype<usize>(this.arenaBuf);
    this.scratch = changetype<usize>(this.scratchBuf);
  }

  reset(): void {
    this.state = S_TOP; this.depthN = 0; this.docs = 0; this.blob = 0; this.base = 0;
    this.inKey = false; this.ctxOpen = false; this.isMalformed = false; this.ended = false;
    this.escLen = 0; this.highPending = false; this.numState = 0; this.litPos = 0; this.bomSeen = 0;
  }

  get malformed(): bool { return this.isMalformed; }
  get depth(): i32 { return this.state == S_TEXT ? 0 : this.depthN; }
  /** blob_idx of the current (or last) document. */
  get blobIdx(): i32 { return this.blob; }

  feed(ptr: usize, len: i32, isLast: bool): void {
    if (this.ended) return;
    const end = ptr + <usize>max(len, 0);
    let p = ptr;
    while (p < end) {
      const st = this.state;
      if (st == S_STRING) {
        // The string body is scanned here rather than in a method: a method holding `this`
        // across calls gets a shadow-stack frame zeroed on every entry, once per string.
        if (this.highPending && load<u8>(p) != 0x5c) this.flushHigh();
        let q = p;
        let closed = false;
        while (true) {
          q = findQuoteOrBackslash(q, end);
          if (q > p) {
            const n = <i32>(q - p);
            if (this.inKey) keepKeyBytes(this.frames, this.depthN, this.arena, JSON_KEY_ARENA_BYTES, p, n);
            this.sink.contextBytes(p, n, this.off(p, ptr), n);
          }
          if (q == end) break;
          if (load<u8>(q) == 0x22) { closed = true; break; }
          const lens = this.highPending ? 0 : decodeEscapeInChunk(q, end, this.scratch);
          if (lens == 0) break;
          this.run(this.scratch, lens & 0xff, this.off(q, ptr), lens >> 8);
          q += <usize>(lens >> 8);
          p = q;
        }
        if (q == end) { p = end; continue; }
        if (closed) {
          this.ctxOpen = false;
          this.sink.endContext(this.off(q, ptr));
          p = q + 1;
          if (this.inKey) {
            this.inKey = false;
            // Fused fast path for the usual `":`: straight to the value.
            if (p < end && load<u8>(p) == 0x3a) { p++; this.state = S_VALUE; }
            else this.state = S_COLON;
          } else {
            p = this.afterValue(p, end);
          }
          continue;
        }
        // Slow path: the escape goes byte by byte through S_ESCAPE.
        this.escOffset = this.off(q, ptr);
        this.escLen = 0;
        store<u8>(this.scratch, 0x5c, 8);
        this.state = S_ESCAPE;
        p = q + 1;
        continue;
      }
      if (st == S_TEXT) {
        this.sink.contextBytes(p, <i32>(end - p), this.off(p, ptr), <i32>(end - p));
        p = end;
        continue;
      }
      if (st <= S_COLON) {
        // Structural states: skip whitespace here rather than once per dispatch.
        while (p + 8 <= end && load<u64>(p) == SPACES) p += 8; // indentation
        while (p < end && isWs(<u32>load<u8>(p))) p++;
        if (p == end) break;
      }
      const c = <u32>load<u8>(p);
      switch (st) {
        case S_TOP: {
          if (isWs(c)) { p++; continue; }
          if (this.docs == 0 && this.bomSeen < 3 && this.off(p, ptr) == <i64>this.bomSeen) {
            // A UTF-8 byte order mark before the first document is skipped.
            if (c == <u32>load<u8>(BOM + <usize>this.bomSeen)) { this.bomSeen++; p++; continue; }
            if (this.bomSeen > 0) {
              // Not a BOM after all: the text starts at offset 0 with the bytes taken for one.
              this.docs = 1;
              memory.copy(this.scratch + 8, BOM, <usize>this.bomSeen);
              this.fail(0, this.bomSeen);
              continue;
            }
          }
          this.blob = this.docs++;
          this.state = S_VALUE;
          continue;
        }
        case S_VALUE: case S_ARRAY_FIRST: {
          if (isWs(c)) { p++; continue; }
          if (c == 0x22) {
            const q = findQuoteOrBackslash(p + 1, end);
            if (q < end && load<u8>(q) == 0x22) {
              // the whole string is in this chunk, without escapes: one sink call
              this.sink.wholeContext(ContextKind.Value, this.blob, p + 1, <i32>(q - p - 1), this.off(p + 1, ptr), this.off(q, ptr));
              p = this.afterValue(q + 1, end);
              continue;
            }
            this.ctxOpen = true; this.inKey = false;
            this.sink.beginContext(ContextKind.Value, this.blob, this.off(p + 1, ptr));
            this.state = S_STRING;
            p++;
          } else if (c == 0x7b || c == 0x5b) {
            if (this.depthN >= JSON_MAX_DEPTH) { this.fail(this.off(p, ptr), 0); continue; }
            this.push(c == 0x5b);
            this.state = c == 0x5b ? S_ARRAY_FIRST : S_KEY_OR_END;
            p++;
          } else if (c == 0x5d && st == S_ARRAY_FIRST) {
            this.depthN--;
            this.valueDone();
            p++;
          } else if (c == 0x2d || c - 0x30 < 10) {
            const q = scanNumberBytes(p, end, N_START);
            if (q < end && numberAccepts(numberStateOut)) {
              // the whole number is in this chunk: one sink call
              this.sink.wholeContext(ContextKind.Value, this.blob, p, <i32>(q - p), this.off(p, ptr), this.off(q, ptr));
              p = this.afterValue(q, end);
              continue;
            }
            this.ctxOpen = true; this.inKey = false;
            this.sink.beginContext(ContextKind.Value, this.blob, this.off(p, ptr));
            this.numState = N_START;
            this.state = S_NUMBER;
            p = this.numberBytes(p, ptr, end); // same iteration: one dispatch less per number
          } else if (c == 0x74 || c == 0x66 || c == 0x6e) {
            this.litWord = c == 0x74 ? 0 : c == 0x66 ? 1 : 2;
            this.litPos = 1;
            this.state = S_LITERAL;
            p++;
          } else {
            this.fail(this.off(p, ptr), 0);
          }
          continue;
        }
        case S_AFTER_VALUE: {
          if (isWs(c)) { p++; continue; }
          const top = this.frames + <usize>((this.depthN - 1) * FRAME_BYTES);
          const isArray = (load<i32>(top) & FRAME_ARRAY) != 0;
          if (c == 0x2c) {
            if (isArray) { store<i32>(top, load<i32>(top, 4) + 1, 4); this.state = S_VALUE; }
            else this.state = S_KEY;
            p++;
          } else if ((c == 0x5d && isArray) || (c == 0x7d && !isArray)) {
            this.depthN--;
            this.valueDone();
            p++;
          } else {
            this.fail(this.off(p, ptr), 0);
          }
          continue;
        }
        case S_KEY_OR_END: case S_KEY: {
          if (isWs(c)) { p++; continue; }
          if (c == 0x22) { this.startKey(p, ptr); p++; }
          else if (c == 0x7d && st == S_KEY_OR_END) { this.depthN--; this.valueDone(); p++; }
          else this.fail(this.off(p, ptr), 0);
          continue;
        }
        case S_COLON: {
          if (isWs(c)) { p++; continue; }
          if (c == 0x3a) { this.state = S_VALUE; p++; }
          else this.fail(this.off(p, ptr), 0);
          continue;
        }
        case S_ESCAPE: {
          p = this.escapeByte(p, ptr, c);
          continue;
        }
        case S_NUMBER: {
          p = this.numberBytes(p, ptr, end);
          continue;
        }
        case S_LITERAL: {
          const word = LITERALS + <usize>(this.litWord << 3);
          if (c != <u32>load<u8>(word + <usize>this.litPos)) {
            // The text starts at the literal: replay the prefix that matched.
            memory.copy(this.scratch + 8, word, <usize>this.litPos);
            this.fail(this.off(p, ptr) - <i64>this.litPos, this.litPos);
            continue;
          }
          p++;
          if (++this.litPos == <i32>load<u8>(LITERAL_LENGTHS + <usize>this.litWord)) this.valueDone();
          continue;
        }
      }
    }
    this.base += <i64>(end - ptr);
    if (isLast) this.finish();
  }

  /** The body ended: close what is open; anything but a finished document is malformed. */
  private finish(): void {
    const bodyEnd = this.base;
    const st = this.state;
    if (st == S_NUMBER && numberAccepts(this.numState)) {
      this.endValueContext(bodyEnd);
      this.valueDone();
    } else if (st == S_ESCAPE) {
      // The partial escape is the rest of the body.
      if (this.highPending) this.flushHigh();
      this.fail(this.escOffset, this.escLen + 1);
    }
    const now = this.state;
    if (now == S_TEXT) {
      this.sink.endContext(bodyEnd);
      this.ctxOpen = false;
    } else if (now != S_TOP) {
      this.isMalformed = true;
      if (this.ctxOpen) this.endValueContext(bodyEnd);
    }
    this.ended = true;
  }

  // ── Strings ──

  private escapeByte(p: usize, ptr: usize, c: u32): usize {
    const n = this.escLen;
    if (n == 0) {
      if (c == 0x75) {
        store<u8>(this.scratch + 9, <u8>c);
        this.escLen = 1; this.escCode = 0;
        return p + 1;
      }
      if (this.highPending) this.flushHigh();
      const d = simpleEscape(c);
      if (d < 0) { this.fail(this.escOffset, 1); return p; }
      store<u8>(this.scratch, <u8>d);
      this.run(this.scratch, 1, this.escOffset, 2);
      this.state = S_STRING;
      return p + 1;
    }
    const h = hexValue(c);
    if (h < 0) {
      if (this.highPending) this.flushHigh();
      this.fail(this.escOffset, n + 1);
      return p;
    }
    store<u8>(this.scratch + 9 + <usize>n, <u8>c);
    this.escCode = (this.escCode << 4) | <u32>h;
    this.escLen = n + 1;
    if (n + 1 == 5) this.completeUnicodeEscape();
    return p + 1;
  }

  private completeUnicodeEscape(): void {
    const cp = this.escCode;
    this.state = S_STRING;
    if (this.highPending) {
      if (cp >= 0xdc00 && cp <= 0xdfff) {
        const full = 0x10000 + ((this.highCode - 0xd800) << 10) + (cp - 0xdc00);
        this.highPending = false;
        this.run(this.scratch, writeUtf8(full, this.scratch), this.highOffset, 12);
        return;
      }
      this.flushHigh();
    }
    if (cp >= 0xd800 && cp <= 0xdbff) {
      // Wait for a low surrogate; emitted as one 12-byte run, or U+FFFD if none follows.
      this.highPending = true; this.highCode = cp; this.highOffset = this.escOffset;
      return;
    }
    const out = cp >= 0xdc00 && cp <= 0xdfff ? <u32>0xfffd : cp;
    this.run(this.scratch, writeUtf8(out, this.scratch), this.escOffset, 6);
  }

  private flushHigh(): void {
    this.highPending = false;
    this.run(this.scratch, writeUtf8(0xfffd, this.scratch), this.highOffset, 6);
  }

  /** A run of the current string; key bytes are also kept in the arena for path(). */
  private run(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void {
    if (this.inKey) keepKeyBytes(this.frames, this.depthN, this.arena, JSON_KEY_ARENA_BYTES, ptr, len);
    this.sink.contextBytes(ptr, len, rawOffset, rawLen);
  }

  private startKey(p: usize, ptr: usize): void {
    startKey(this.frames, this.depthN);
    this.inKey = true; this.ctxOpen = true;
    this.sink.beginContext(ContextKind.Key, this.blob, this.off(p + 1, ptr));
    this.state = S_STRING;
  }

  // ── Structure ──

  private push(isArray: bool): void {
    pushFrame(this.frames, this.depthN, isArray);
    this.depthN++;
  }

  // @ts-ignore: decorator
  @inline private valueDone(): void { this.state = this.depthN == 0 ? S_TOP : S_AFTER_VALUE; }

  /** Number bytes from `p` (state S_NUMBER); ends the context at its first non-number byte. Returns where to go on. */
  // @ts-ignore: decorator
  @inline private numberBytes(p: usize, ptr: usize, end: usize): usize {
    const q = scanNumberBytes(p, end, this.numState);
    const ns = numberStateOut;
    this.numState = ns;
    if (q > p) this.sink.contextBytes(p, <i32>(q - p), this.off(p, ptr), <i32>(q - p));
    if (q == end) return end;
    if (!numberAccepts(ns)) { this.fail(this.off(q, ptr), 0); return q; }
    this.ctxOpen = false;
    this.sink.endContext(this.off(q, ptr));
    return this.afterValue(q, end);
  }

  /**
   * A scalar just ended before `p`: valueDone, plus a fused fast path for the usual `,` that
   * follows it (saves a dispatch per value). No calls, so no shadow-stack frame when inlined.
   */
  // @ts-ignore: decorator
  @inline private afterValue(p: usize, end: usize): usize {
    const d = this.depthN;
    if (d == 0) { this.state = S_TOP; return p; }
    if (p < end && load<u8>(p) == 0x2c) {
      const top = this.frames + <usize>((d - 1) * FRAME_BYTES);
      if (load<i32>(top) & FRAME_ARRAY) { store<i32>(top, load<i32>(top, 4) + 1, 4); this.state = S_VALUE; }
      else this.state = S_KEY;
      return p + 1;
    }
    this.state = S_AFTER_VALUE;
    return p;
  }

  private endValueContext(rawEnd: i64): void {
    if (this.highPending) this.flushHigh();
    this.ctxOpen = false;
    this.inKey = false;
    this.sink.endContext(rawEnd);
  }

  /**
   * Malformed: end the open context at `rawStart`, then the rest of the body is one text
   * context from `rawStart`. The first `replay` bytes of that text are the escape bytes kept in
   * scratch (they came before the current byte, possibly in an earlier chunk); the caller
   * leaves the current byte unconsumed so the text loop emits it.
   */
  private fail(rawStart: i64, replay: i32): void {
    if (this.ctxOpen) this.endValueContext(rawStart);
    this.isMalformed = true;
    this.depthN = 0;
    this.state = S_TEXT;
    this.ctxOpen = true;
    this.sink.beginContext(ContextKind.Value, this.blob, rawStart);
    if (replay > 0) this.sink.contextBytes(this.scratch + 8, replay, rawStart, replay);
  }

  // @ts-ignore: decorator
  @inline private off(p: usize, ptr: usize): i64 { return this.base + <i64>(p - ptr); }

  // ── Paths ──

  path(): string { return this.state == S_TEXT ? "" : renderPath(this.frames, this.depthN, this.arena); }

  matchesPath(pattern: JsonPath): bool { return framesMatch(this.frames, this.depth, this.arena, pattern); }
}
