// Text / HTML parser (spec §7.2 `text`): the whole decoded body is one Value context with path
// "". No tag stripping, no entity decoding: every chunk is passed through as one run, so this
// parser costs one sink call per chunk and holds no state beyond the running offset.
import { ContextKind, ContextSink } from "../pipeline/context-sink";
import { JsonPath } from "../policy/json-path";
import { ScanParser } from "./parser";

export class TextParser extends ScanParser {
  private offset: i64 = 0;
  private open: bool = false;

  constructor(public sink: ContextSink) { super(); }

  feed(ptr: usize, len: i32, isLast: bool): void {
    if (len > 0) {
      // An empty body has no context: there is nothing a matcher could find in it.
      if (!this.open) { this.open = true; this.sink.beginContext(ContextKind.Value, 0, this.offset); }
      this.sink.contextBytes(ptr, len, this.offset, len);
      this.offset += len;
    }
    if (isLast && this.open) { this.open = false; this.sink.endContext(this.offset); }
  }

  path(): string { return ""; }
  matchesPath(pattern: JsonPath): bool { return pattern.segments.length == 0; }
  get depth(): i32 { return 0; }
  get malformed(): bool { return false; }
  reset(): void { this.offset = 0; this.open = false; }
}
