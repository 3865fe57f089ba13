// The seam between body parsers (text, JSON, gRPC) and the matchers (spec §7.2).
//
// A parser turns a body, chunk by chunk, into *contexts*: the units matchers run over (a
// JSON key, a JSON scalar value, a protobuf string, a whole text body). It reports each
// context as begin → zero or more runs of decoded bytes → end. A run points into linear
// memory (the chunk itself where nothing needed decoding, or the parser's scratch buffer)
// and is valid only during the call; the sink copies what it needs to keep.
//
// Offsets are raw: where the bytes came from in the (decoded-content-encoding) body, so a
// match can be reported at the offset a user sees in the message (spec §8.1: for JSON
// strings, escapes included). A run of `len` decoded bytes covers `rawLen` raw bytes starting
// at `rawOffset`; an escape sequence is its own run (e.g. `\u00e9` → 2 decoded bytes, 6 raw).

export const enum ContextKind {
  /** A JSON object key (spec §7.2 `keys`). */
  Key = 0,
  /** A JSON scalar value, a protobuf scalar, or a whole text body (spec §7.2 `values`). */
  Value = 1,
}

export abstract class ContextSink {
  /**
   * A context starts. `blobIdx` numbers concatenated/NDJSON documents (0, 1, …). The parser's
   * `path()` describes the context until endContext.
   */
  abstract beginContext(kind: ContextKind, blobIdx: i32, rawOffset: i64): void;
  /** Decoded bytes of the current context. */
  abstract contextBytes(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void;
  /** The current context ends at raw offset `rawEnd` (exclusive). */
  abstract endContext(rawEnd: i64): void;
  /**
   * A whole context in one call, for a parser that sees it begin and end within one chunk with
   * no escapes: decoded bytes [ptr, ptr + len) are also its raw bytes, from `rawOffset` to
   * `rawEnd`. Means exactly beginContext + contextBytes (when len > 0) + endContext; a sink may
   * do it cheaper (the run stays valid for the whole call, so it need not be copied).
   */
  wholeContext(kind: ContextKind, blobIdx: i32, ptr: usize, len: i32, rawOffset: i64, rawEnd: i64): void {
    this.beginContext(kind, blobIdx, rawOffset);
    if (len > 0) this.contextBytes(ptr, len, rawOffset, len);
    this.endContext(rawEnd);
  }
}

/** What every body parser offers the pipeline. */
export abstract class BodyParser {
  /** Feeds the next chunk; `isLast` on the final one (may be empty). Never traps on any input. */
  abstract feed(ptr: usize, len: i32, isLast: bool): void;
  /** The current context's path in spec §7.3 form (`users[2].email`; "" for text). Allocates: call only when reporting. */
  abstract path(): string;
  /** The input stopped being well-formed for this parser; what followed was scanned as text (spec §7.2). */
  abstract get malformed(): bool;
  /** Ready for the next body. */
  abstract reset(): void;
}
