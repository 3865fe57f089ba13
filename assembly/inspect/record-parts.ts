// Pieces of the debug-log records (spec §8.1): the per-message summary, body metadata,
// exploit-detection values, and time units.
import { JsonWriter } from "../util/json-writer";
import { PARSER_NAMES } from "../policy/content-types";
import { MessageInspection } from "./message-inspection";

/** What `leakscope scan` prints per record: how the message was read and what it held. */
export function messageSummary(m: MessageInspection, matches: i32): string {
  return new JsonWriter().begin()
    .str("direction", m.isResponse ? "response" : "request")
    .str("parser", m.parserId >= 0 && m.parserId < PARSER_NAMES.length ? PARSER_NAMES[m.parserId] : "none")
    .bool("scanned", m.entries.length > 0)
    .bool("malformed", m.malformed)
    .bool("truncated", m.truncated)
    .bool("enforcement_truncated", m.enforcementTruncated)
    .str("unscanned_encoding", m.unscannedEncoding)
    .str("encoding_error", m.encodingError)
    .int("body_bytes", m.bodyBytes)
    .int("matches", matches)
    .end();
}

/** body_metadata of a message (§4.5): the extracted values of documents with a match. */
export function bodyMetadata(m: MessageInspection | null, blobs: Array<i32>): string {
  if (m === null) return "[]";
  const extraction = m.extraction;
  return extraction === null ? "[]" : extraction.toJson(blobs);
}

/** Exploit detection's values for a message (§4.6): entropy (3 decimals) and non-ASCII count, when asked for. */
export function exploitValues(m: MessageInspection | null): string {
  const w = new JsonWriter().begin();
  if (m === null) return w.end();
  const h = m.entropy();
  if (h >= 0) w.raw("entropy", (Math.round(h * 1000) / 1000).toString());
  if (m.nonAscii >= 0) w.int("non_ascii", m.nonAscii);
  return w.end();
}

/** Whole milliseconds, rounded to nearest (Envoy's wasm histograms record integers). */
export function millis(ns: u64): u64 {
  return (ns + 500_000) / 1_000_000;
}
