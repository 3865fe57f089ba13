import { selectParser, parserKindFor, newParser } from "../../../assembly/parsers/select";
import { TextParser } from "../../../assembly/parsers/text";
import { JsonParser } from "../../../assembly/parsers/json";
import { GrpcParser } from "../../../assembly/parsers/grpc";
import { MsgpackParser } from "../../../assembly/parsers/msgpack";
import { BodyParser as ParserKind, ContentTypeEntry, defaultContentTypes } from "../../../assembly/policy/content-types";
import { RecordSink } from "./record-sink";

describe("Parser selection (spec §7.4)", () => {
  it("maps the default content types by MIME essence", () => {
    const t = defaultContentTypes();
    const sink = new RecordSink();
    expect(selectParser(t, "Application/JSON; charset=utf-8", sink) instanceof JsonParser).toBe(true);
    expect(selectParser(t, "text/html", sink) instanceof TextParser).toBe(true);
    expect(selectParser(t, " application/grpc+proto ", sink) instanceof GrpcParser).toBe(true);
    expect(selectParser(t, "image/png", sink)).toBeNull();
    expect(selectParser(t, "", sink)).toBeNull();
  });
  it("lets content_type_override win and honours user entries, including none", () => {
    const t = defaultContentTypes();
    t.push(new ContentTypeEntry("application/x-ndjson", ParserKind.Json));
    t[0].parser = ParserKind.None; // text/html: none
    const sink = new RecordSink();
    expect(selectParser(t, "application/x-ndjson", sink) instanceof JsonParser).toBe(true);
    expect(selectParser(t, "text/html", sink)).toBeNull();
    expect(parserKindFor(t, "text/html", <i32>ParserKind.Json)).toBe(ParserKind.Json);
    expect(selectParser(t, "image/png", sink, <i32>ParserKind.Text) instanceof TextParser).toBe(true);
  });
  it("gives llm_api the JSON parser, msgpack its own parser, and no parser to filebeat, fluentd, tls, none", () => {
    const sink = new RecordSink();
    expect(newParser(ParserKind.LlmApi, sink) instanceof JsonParser).toBe(true);
    expect(newParser(ParserKind.Msgpack, sink) instanceof MsgpackParser).toBe(true);
    expect(newParser(ParserKind.Filebeat, sink)).toBeNull();
    expect(newParser(ParserKind.Fluentd, sink)).toBeNull();
    expect(newParser(ParserKind.Tls, sink)).toBeNull();
    expect(newParser(ParserKind.None, sink)).toBeNull();
  });
});
