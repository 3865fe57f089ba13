// Parser selection (spec §7.4): the content-type override, else the policy's merged
// content-type table by MIME essence, else not scanned. Returns a fresh parser bound to `sink`,
// or null when the body is not scanned (`none`, and `filebeat`, `fluentd`, `tls`, which behave
// as none for HTTP traffic, spec §7.2).
import { ContextSink } from "../pipeline/context-sink";
import { BodyParser as ParserKind, ContentTypeEntry, parserFor } from "../policy/content-types";
import { ScanParser } from "./parser";
import { TextParser } from "./text";
import { JsonParser } from "./json";
import { GrpcParser, GRPC_DEFAULT_MAX_MESSAGE_BYTES } from "./grpc";
import { MsgpackParser } from "./msgpack";

/** The parser kind for a message: `overrideKind` (content_type_override as a ParserKind, or -1 for none) wins over the table. */
export function parserKindFor(table: Array<ContentTypeEntry>, contentType: string, overrideKind: i32 = -1): ParserKind {
  if (overrideKind >= 0) return <ParserKind>overrideKind;
  return parserFor(table, contentType);
}

/**
 * A parser for `kind`, or null if that kind is not scanned. `grpcEncoding` is the stream's
 * `grpc-encoding` header value (gRPC only).
 */
export function newParser(kind: ParserKind, sink: ContextSink, grpcEncoding: string = "", maxGrpcMessageBytes: i32 = GRPC_DEFAULT_MAX_MESSAGE_BYTES): ScanParser | null {
  switch (kind) {
    case ParserKind.Text: return new TextParser(sink);
    case ParserKind.Json: case ParserKind.LlmApi: return new JsonParser(sink);
    case ParserKind.Grpc: return new GrpcParser(sink, grpcEncoding, maxGrpcMessageBytes);
    case ParserKind.Msgpack: return new MsgpackParser(sink);
  }
  return null; // None, Filebeat, Fluentd, Tls
}

/** §7.4 in one call: table lookup (or override), then a parser or null. */
export function selectParser(table: Array<ContentTypeEntry>, contentType: string, sink: ContextSink, overrideKind: i32 = -1, grpcEncoding: string = ""): ScanParser | null {
  return newParser(parserKindFor(table, contentType, overrideKind), sink, grpcEncoding);
}
