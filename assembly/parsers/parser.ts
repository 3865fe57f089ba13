// What the pipeline gets from every parser in this directory: the BodyParser seam
// (pipeline/context-sink.ts) plus the per-match questions extractors and match filters ask
// (path pattern test, flags). Kept here rather than in the seam so the seam stays minimal.
import { BodyParser } from "../pipeline/context-sink";
import { JsonPath } from "../policy/json-path";

export abstract class ScanParser extends BodyParser {
  /**
   * Whether the current context's path matches a compiled spec §7.3 pattern, segment for
   * segment. Does not allocate: compares against the parser's own path stack.
   */
  abstract matchesPath(pattern: JsonPath): bool;
  /** Nesting depth of the current context's path (0 for the root / text). */
  abstract get depth(): i32;
  /** Part of the body was not scanned because a unit was over a size bound (spec §7.6 `truncated`). */
  get truncated(): bool { return false; }
  /** Part of the body was not scanned because of an encoding we cannot undo (spec §7.5). */
  get unscannedEncoding(): bool { return false; }
}
