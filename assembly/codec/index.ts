// Content decoding for HTTP bodies (policy-spec §7.5): `gzip`, `x-gzip`, `deflate` and `br`.
// See DESIGN.md for the layers, their memory and their limits.
import { Decoder } from "./decoder";
import { decoderForToken } from "./chain";

export { ByteSink, CollectingSink, CountingSink } from "./sink";
export { crc32Update, adler32Update } from "./checksum";
export { Decoder } from "./decoder";
export { EncodingPlan, planContentEncoding, DecoderChain } from "./chain";
export { Inflater, FORMAT_RAW, FORMAT_ZLIB, FORMAT_GZIP, FORMAT_DEFLATE_AUTO } from "./inflate";
export { BrotliDecoder } from "./brotli";

// Default bound on decoded bytes per body when the caller gives none.
export const DEFAULT_OUTPUT_LIMIT: i64 = 64 << 20;

// A whole header value ("gzip, deflate"; stacked encodings undone in reverse order; identity
// skipped): planContentEncoding(header, limit) in chain.ts.
// A decoder for one Content-Encoding token (case-insensitive, surrounding spaces ignored), or null
// when the encoding is not supported (the caller flags `unscanned_encoding`). `identity` is not
// an encoding to decode: the caller skips it. HTTP `deflate` is zlib by the letter of RFC 9110 but
// often raw deflate in practice: the decoder tells them apart by the zlib header check.
export function createDecoder(encoding: string, outputLimit: i64 = DEFAULT_OUTPUT_LIMIT): Decoder | null {
  return decoderForToken(encoding, outputLimit);
}
