// gRPC body parser (spec §7.2 `grpc`): 5-byte length-prefixed messages (flag byte, u32
// big-endian length), each decoded without a schema:
//   varint / fixed32 / fixed64 fields → unsigned decimal Value contexts;
//   length-delimited → a string Value context if printable UTF-8, else a nested message if it
//   parses completely (protobuf.ts), else skipped; empty ones are skipped;
//   path = field numbers joined by '.', e.g. `2.1.4`; blob_idx = message number in the stream.
// A message is decoded in place when it lies inside one chunk, else it is gathered into a
// buffer of its exact size, bounded by `maxMessageBytes`: a larger message is skipped (framing
// stays in sync) and flagged `truncated`. Compressed messages (flag 1) are inflated as they
// arrive when `grpc-encoding` is gzip or deflate (assembly/codec; the inflated size has the same
// bound), else skipped and flagged `unscannedEncoding`; a corrupt one is skipped and flagged
// malformed.
// Offsets: raw offsets are positions in the *decoded* stream, where each compressed message is
// replaced by its inflated bytes (so they grow monotonically; without compression they are body
// offsets). `shift` is the size difference accumulated from earlier inflated messages.
// Malformed input: a message that is not a protobuf message is scanned as one text context
// (path ""); a flag byte other than 0/1 means the framing is lost, so the rest of the body is
// one text context; a body ending mid-frame flags malformed and scans the partial message as
// text. All flagged as malformed.
//
// Decoding walks nested messages with an explicit stack (no recursion):
// ── `frames` (linear memory): PROTO_MAX_DEPTH u32 entries, the end offset (within the
//    message) of each open nested message. Messages nested deeper are skipped.
// ── `pathFields` (linear memory): PROTO_MAX_DEPTH + 1 u32 field numbers of the current
//    context's path, `pathLen` of them valid.
// Cost: deciding what a length-delimited field is reads it (printable? parses as a message?), so
// nested messages are read once per level. A work budget of PROTO_WORK_PER_BYTE × the message's
// length bounds that: past it, remaining length-delimited fields are skipped and the parser
// flags `truncated`. Each level costs about two reads of what it wraps, so about 30 levels of
// messages wrapping the whole payload fit; only adversarial nesting gets past that.
import { ContextKind, ContextSink } from "../pipeline/context-sink";
import { JsonPath, SegmentKind } from "../policy/json-path";
import { ScanParser } from "./parser";
import { ByteSink, Decoder, createDecoder } from "../codec/index";
import { WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT, isPrintableUtf8, parsesAsMessage, readVarint, varintValue, writeDecimal } from "./protobuf";

export const GRPC_DEFAULT_MAX_MESSAGE_BYTES: i32 = 4 << 20;
export const PROTO_MAX_DEPTH: i32 = 64;
/** Bytes the field-type checks may read per byte of a message (plus a small constant). */
export const PROTO_WORK_PER_BYTE: i32 = 64;
/** A gathered-message buffer larger than this is released by reset(), so idle streams stay small. */
const KEEP_BUFFER_BYTES: i32 = 64 << 10;

const G_HEADER: i32 = 0;  // reading the 5-byte prefix
const G_GATHER: i32 = 1;  // copying a split message into the buffer
const G_SKIP: i32 = 2;    // skipping a message we do not scan
const G_TEXT: i32 = 3;    // framing lost: the rest is one text context
const G_INFLATE: i32 = 4; // feeding a compressed message to the decoder

/** Collects an inflated message, up to `limit` bytes; past that it only notes `over`. */
class MessageCollector extends ByteSink {
  buf: StaticArray<u8> = new StaticArray<u8>(0);
  len: i32 = 0;
  limit: i32 = 0;
  over: bool = false;

  start(limit: i32): void { this.len = 0; this.limit = limit; this.over = false; }

  write(ptr: usize, len: i32): void {
    if (this.over) return;
    const need = this.len + len;
    if (need > this.limit) { this.over = true; return; }
    if (need > this.buf.length) {
      const next = new StaticArray<u8>(min(max(need, this.buf.length * 2), this.limit));
      memory.copy(changetype<usize>(next), changetype<usize>(this.buf), <usize>this.len);
      this.buf = next;
    }
    memory.copy(changetype<usize>(this.buf) + <usize>this.len, ptr, <usize>len);
    this.len = need;
  }
}

export class GrpcParser extends ScanParser {
  private framesBuf: StaticArray<u8> = new StaticArray<u8>(PROTO_MAX_DEPTH * 4);
  private pathBuf: StaticArray<u8> = new StaticArray<u8>((PROTO_MAX_DEPTH + 1) * 4);
  // header bytes [0..5), decimal digits [8..32)
  private scratchBuf: StaticArray<u8> = new StaticArray<u8>(32);
  private msgBuf: StaticArray<u8> = new StaticArray<u8>(0);
  private frames: usize;
  private pathFields: usize;
  private scratch: usize;

  private state: i32 = G_HEADER;
  private hdrLen: i32 = 0;
  private msgLen: u32 = 0;
  private have: u32 = 0;      // gathered or skipped bytes of the current message
  private msgRaw: i64 = 0;    // raw offset of the current message's first byte
  private base: i64 = 0;
  private messages: i32 = 0;
  private pathLen: i32 = 0;
  private isMalformed: bool = false;
  private isTruncated: bool = false;
  private isUnscanned: bool = false;
  private ended: bool = false;
  private shift: i64 = 0;
  private decoder: Decoder | null = null;
  private decoderChecked: bool = false;
  private inflated: MessageCollector | null = null;

  /** `grpcEncoding`: the stream's `grpc-encoding` header ("" or "identity" when absent). */
  constructor(public sink: ContextSink, public grpcEncoding: string = "", public maxMessageBytes: i32 = GRPC_DEFAULT_MAX_MESSAGE_BYTES) {
    super();
    this.frames = changetype<usize>(this.framesBuf);
    this.pathFields = changetype<usize>(this.pathBuf);
    this.scratch = changetype<usize>(this.scratchBuf);
  }

  reset(): void {
    this.state = G_HEADER; this.hdrLen = 0; this.msgLen = 0; this.have = 0; this.msgRaw = 0; this.base = 0;
    this.messages = 0; this.pathLen = 0; this.isMalformed = false; this.isTruncated = false;
    this.isUnscanned = false; this.ended = false; this.shift = 0;
    if (this.msgBuf.length > KEEP_BUFFER_BYTES) this.msgBuf = new StaticArray<u8>(0);
    const c = this.inflated;
    if (c !== null && c.buf.length > KEEP_BUFFER_BYTES) c.buf = new StaticArray<u8>(0);
  }

  get malformed(): bool { return this.isMalformed; }
  get truncated(): bool { return this.isTruncated; }
  get unscannedEncoding(): bool { return this.isUnscanned; }
  get depth(): i32 { return this.pathLen; }
  /** Messages whose frame started so far. */
  get messageCount(): i32 { return this.messages; }

  feed(ptr: usize, len: i32, isLast: bool): void {
    if (this.ended) return;
    const end = ptr + <usize>max(len, 0);
    let p = ptr;
    while (p < end) {
      const st = this.state;
      if (st == G_HEADER) {
        if (this.hdrLen == 0 && end - p >= 5) {
          // Whole prefix in this chunk: skip the byte-at-a-time path.
          memory.copy(this.scratch, p, 5);
          this.hdrLen = 5;
          p += 5;
        } else {
          store<u8>(this.scratch + <usize>this.hdrLen, load<u8>(p));
          this.hdrLen++;
          p++;
        }
        if (this.hdrLen == 5) p = this.startMessage(p, ptr, end);
      } else if (st == G_GATHER) {
        const n = <u32>min(<usize>(this.msgLen - this.have), end - p);
        memory.copy(changetype<usize>(this.msgBuf) + <usize>this.have, p, <usize>n);
        this.have += n;
        p += <usize>n;
        if (this.have == this.msgLen) {
          this.decodeMessage(changetype<usize>(this.msgBuf), this.msgLen);
          this.state = G_HEADER;
        }
      } else if (st == G_INFLATE) {
        const n = <u32>min(<usize>(this.msgLen - this.have), end - p);
        this.have += n;
        this.decoder!.feed(p, <i32>n, this.have == this.msgLen, this.inflated!);
        p += <usize>n;
        if (this.have == this.msgLen) { this.finishInflated(); this.state = G_HEADER; }
      } else if (st == G_SKIP) {
        const n = <u32>min(<usize>(this.msgLen - this.have), end - p);
        this.have += n;
        p += <usize>n;
        if (this.have == this.msgLen) this.state = G_HEADER;
      } else {
        this.sink.contextBytes(p, <i32>(end - p), this.off(p, ptr), <i32>(end - p));
        p = end;
      }
    }
    this.base += <i64>(end - ptr);
    if (isLast) this.finish();
  }

  /** The 5-byte prefix is complete (p is just after it): decide what to do with the message. */
  private startMessage(p: usize, ptr: usize, end: usize): usize {
    const s = this.scratch;
    const flag = load<u8>(s);
    const len = (<u32>load<u8>(s, 1) << 24) | (<u32>load<u8>(s, 2) << 16) | (<u32>load<u8>(s, 3) << 8) | <u32>load<u8>(s, 4);
    this.hdrLen = 0;
    if (flag > 1) {
      // Not gRPC framing (or lost sync): everything from this prefix on is text.
      this.isMalformed = true;
      this.state = G_TEXT;
      this.pathLen = 0;
      const at = this.off(p, ptr) - 5;
      this.sink.beginContext(ContextKind.Value, this.messages, at);
      this.sink.contextBytes(s, 5, at, 5);
      return p;
    }
    this.messages++;
    this.msgLen = len;
    this.have = 0;
    this.msgRaw = this.off(p, ptr);
    if (len == 0) { this.state = G_HEADER; return p; }
    if (flag == 1) {
      const d = this.messageDecoder();
      if (d === null) { this.isUnscanned = true; this.state = G_SKIP; return p; }
      d.reset();
      this.inflated!.start(this.maxMessageBytes);
      this.state = G_INFLATE;
      return p;
    }
    if (len > <u32>this.maxMessageBytes) { this.isTruncated = true; this.state = G_SKIP; return p; }
    if (<usize>len <= end - p) {
      this.decodeMessage(p, len);
      this.state = G_HEADER;
      return p + <usize>len;
    }
    if (<u32>this.msgBuf.length < len) this.msgBuf = new StaticArray<u8>(<i32>len);
    this.state = G_GATHER;
    return p;
  }

  /** The decoder for compressed messages, created on first use; null if the encoding is not supported. */
  private messageDecoder(): Decoder | null {
    if (!this.decoderChecked) {
      this.decoderChecked = true;
      const e = this.grpcEncoding.trim().toLowerCase();
      if (e.length > 0 && e != "identity") {
        this.decoder = createDecoder(e, <i64>this.maxMessageBytes + 1);
        if (this.decoder !== null) this.inflated = new MessageCollector();
      }
    }
    return this.decoder;
  }

  /** All compressed bytes of the message were fed: scan what they inflated to. */
  private finishInflated(): void {
    const d = this.decoder!;
    const out = this.inflated!;
    if (out.over || d.truncated) { this.isTruncated = true; return; }
    if (d.error !== null) { this.isMalformed = true; return; }
    if (out.len > 0) this.decodeMessage(changetype<usize>(out.buf), <u32>out.len);
    // Later offsets follow the inflated bytes, not the compressed ones.
    this.shift += <i64>out.len - <i64>this.msgLen;
  }

  private finish(): void {
    const st = this.state;
    if (st == G_TEXT) {
      this.sink.endContext(this.base + this.shift);
    } else if (st == G_GATHER) {
      // Truncated stream: what arrived of the message is scanned as text.
      this.isMalformed = true;
      this.textContext(changetype<usize>(this.msgBuf), this.have);
    } else if (st == G_SKIP || st == G_INFLATE || this.hdrLen > 0) {
      this.isMalformed = true;
    }
    this.ended = true;
  }

  /** One Value context with path "" over [m, m+len) of the current message. */
  private textContext(m: usize, len: u32): void {
    this.pathLen = 0;
    this.sink.beginContext(ContextKind.Value, this.messages - 1, this.msgRaw);
    this.sink.contextBytes(m, <i32>len, this.msgRaw, <i32>len);
    this.sink.endContext(this.msgRaw + <i64>len);
  }

  /** Decodes the complete message [m, m+len), raw offset this.msgRaw. */
  private decodeMessage(m: usize, len: u32): void {
    const end = m + <usize>len;
    if (!parsesAsMessage(m, end)) {
      this.isMalformed = true;
      this.textContext(m, len);
      return;
    }
    const blob = this.messages - 1;
    let budget: i64 = <i64>len * PROTO_WORK_PER_BYTE + 65536;
    const frames = this.frames;
    const pathFields = this.pathFields;
    let depth = 0;        // open nested messages
    let limit = end;      // end of the innermost open message
    let p = m;
    while (true) {
      if (p >= limit) {
        if (depth == 0) break;
        depth--;
        limit = depth == 0 ? end : m + <usize>load<u32>(frames + <usize>((depth - 1) * 4));
        continue;
      }
      // Every message on the stack passed parsesAsMessage, so these reads cannot fail.
      p = readVarint(p, limit);
      const field = <u32>(varintValue >> 3);
      const wt = <u32>(varintValue & 7);
      store<u32>(pathFields + <usize>(depth * 4), field);
      const valueAt = p;
      if (wt == WIRE_VARINT) {
        p = readVarint(p, limit);
        this.emitNumber(varintValue, depth + 1, blob, valueAt - m, <i32>(p - valueAt));
      } else if (wt == WIRE_FIXED64) {
        this.emitNumber(load<u64>(p), depth + 1, blob, valueAt - m, 8);
        p += 8;
      } else if (wt == WIRE_FIXED32) {
        this.emitNumber(<u64>load<u32>(p), depth + 1, blob, valueAt - m, 4);
        p += 4;
      } else {
        p = readVarint(p, limit);
        const dataEnd = p + <usize>varintValue;
        const cost = <i64>(dataEnd - p);
        if (dataEnd > p && budget < cost) {
          this.isTruncated = true; // out of budget: not examined
        } else if (dataEnd > p) {
          budget -= cost;
          if (isPrintableUtf8(p, dataEnd)) {
            this.pathLen = depth + 1;
            const raw = this.msgRaw + <i64>(p - m);
            const n = <i32>(dataEnd - p);
            this.sink.beginContext(ContextKind.Value, blob, raw);
            this.sink.contextBytes(p, n, raw, n);
            this.sink.endContext(raw + <i64>n);
          } else if (depth < PROTO_MAX_DEPTH) {
            if (budget < cost) {
              this.isTruncated = true;
            } else {
              budget -= cost;
              if (parsesAsMessage(p, dataEnd)) {
                store<u32>(frames + <usize>(depth * 4), <u32>(dataEnd - m));
                depth++;
                limit = dataEnd;
                continue; // p stays at the nested message's first field
              }
            }
          }
        }
        p = dataEnd;
      }
    }
    this.pathLen = 0;
  }

  private emitNumber(v: u64, pathLen: i32, blob: i32, at: usize, rawLen: i32): void {
    this.pathLen = pathLen;
    const digitsEnd = this.scratch + 32;
    const n = writeDecimal(v, digitsEnd);
    const raw = this.msgRaw + <i64>at;
    this.sink.beginContext(ContextKind.Value, blob, raw);
    this.sink.contextBytes(digitsEnd - <usize>n, n, raw, rawLen);
    this.sink.endContext(raw + <i64>rawLen);
  }

  // @ts-ignore: decorator
  @inline private off(p: usize, ptr: usize): i64 { return this.base + this.shift + <i64>(p - ptr); }

  path(): string {
    let s = "";
    for (let i = 0; i < this.pathLen; i++) {
      if (i > 0) s += ".";
      s += load<u32>(this.pathFields + <usize>(i * 4)).toString();
    }
    return s;
  }

  /** Pattern keys are compared with the field numbers in decimal (`2.1.4`, `2.*.4`). */
  matchesPath(pattern: JsonPath): bool {
    const segs = pattern.segments;
    if (segs.length != this.pathLen) return false;
    for (let i = 0; i < this.pathLen; i++) {
      const seg = unchecked(segs[i]);
      if (seg.kind == SegmentKind.AnyKey) continue;
      if (seg.kind != SegmentKind.Key || !decimalEquals(load<u32>(this.pathFields + <usize>(i * 4)), seg.key)) return false;
    }
    return true;
  }
}

function decimalEquals(v: u32, s: string): bool {
  const n = s.length;
  if (n == 0 || n > 10) return false;
  let acc: u64 = 0;
  for (let i = 0; i < n; i++) {
    const d = <u32>s.charCodeAt(i) - 0x30;
    if (d > 9) return false;
    acc = acc * 10 + <u64>d;
  }
  return acc == <u64>v && (n == 1 || s.charCodeAt(0) != 0x30);
}
