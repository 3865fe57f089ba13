import { TextParser } from "../../../assembly/parsers/text";
import { parseMatchPathPattern } from "../../../assembly/policy/json-path";
import { RecordSink } from "./record-sink";
import { bytesOf, feedCuts, feedWhole, feedBytewise } from "./util";

describe("TextParser (spec §7.2 text)", () => {
  it("reports the whole body as one Value context with path \"\", no tag stripping or entity decoding", () => {
    const sink = new RecordSink();
    const p = new TextParser(sink);
    sink.parser = p;
    feedCuts(p, bytesOf("<b>a&amp;b</b>"), [3, 4]);
    expect(sink.lines()).toBe('V0  @0..14 "<b>a&amp;b</b>"');
    expect(sink.records[0].describeRuns()).toBe("0+14:14");
    expect(p.malformed).toBe(false);
    expect(p.matchesPath(parseMatchPathPattern("$"))).toBe(true);
    expect(p.matchesPath(parseMatchPathPattern("a"))).toBe(false);
  });
  it("gives the same record byte by byte, and nothing for an empty body", () => {
    const sink = new RecordSink();
    const p = new TextParser(sink);
    sink.parser = p;
    feedBytewise(p, bytesOf("x\ny"));
    expect(sink.lines()).toBe('V0  @0..3 "x\\x0ay"');
    sink.clear(); p.reset();
    feedWhole(p, bytesOf(""));
    expect(sink.records.length).toBe(0);
    expect(sink.errors.length).toBe(0);
  });
});
